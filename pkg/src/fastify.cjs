"use strict";
// smshook/fastify: a Fastify plugin over a smshook Verifier. No dependency on Fastify: the
// plugin is marked "skip-override" (what fastify-plugin does), so it applies to the scope
// it is registered in, and to nothing outside that scope.
const { createVerifier, WebhookVerificationError } = require("smshook");

const WHAT = "smshook/fastify";

/** Codes that mean the app is misconfigured: they are thrown to Fastify, never answered as refusals. */
const MISCONFIGURED = new Set(["invalid_argument", "invalid_secret"]);

/** Options Fastify's register() itself reads and passes on to every plugin. */
const REGISTER_OPTIONS = new Set(["prefix", "logLevel", "logSerializers"]);

const DEFAULT_MAX_BODY_BYTES = 1048576;

/** A refusal to answer the sender with (a WebhookVerificationError, not a misconfiguration). */
function isRefusal(error) {
  return error instanceof Error && error.name === "WebhookVerificationError" && typeof error.code === "string" &&
    typeof error.status === "number" && !MISCONFIGURED.has(error.code);
}

/** Does this look like a Verifier from createVerifier() (of any copy of smshook)? */
function isVerifier(value) {
  return value !== null && typeof value === "object" && typeof value.verifyNodeRequest === "function" &&
    typeof value.verifyRequest === "function" && Array.isArray(value.providers);
}

/**
 * The plugin's setup from its options, checked at registration so that a typo fails at
 * startup: `{ verifier, provider?, onError? }`; createVerifier's options (`{ secrets, … }`)
 * with an optional `provider` (this scope's) and `onError`; or verify's options
 * (`{ provider, secret, … }`) with `onError`. `limit` is the verifier's body limit when it
 * is built here (`maxBodyBytes`, default 1 MiB); unknown (undefined) for a Verifier given.
 */
function resolveOptions(options, what) {
  const fail = (message) => new WebhookVerificationError("invalid_argument", `${what}: ${message}`);
  if (isVerifier(options)) return { verifier: options, provider: undefined, onError: undefined, limit: undefined };
  if (options === null || typeof options !== "object") {
    throw fail("pass options such as { provider: \"textbee\", secret: \"…\" }, { secrets: { … } } or { verifier }");
  }
  const rest = {};
  for (const key of Object.keys(options)) if (!REGISTER_OPTIONS.has(key)) rest[key] = options[key];
  const { onError, provider, verifier: given, maxBodyBytes } = rest;
  delete rest.onError;
  delete rest.provider;
  delete rest.verifier;
  if (onError !== undefined && typeof onError !== "function") throw fail("onError must be a function");
  if (provider !== undefined && typeof provider !== "string") throw fail("provider must be a provider id string");
  let verifier;
  if (given !== undefined) {
    if (!isVerifier(given)) throw fail("verifier must be a Verifier from createVerifier()");
    const extra = Object.keys(rest);
    if (extra.length > 0) throw fail(`with verifier, only provider and onError may be given (got ${extra.join(", ")}): the verifier holds the other options`);
    verifier = given;
  } else if (rest.secrets !== undefined) {
    if (Object.prototype.hasOwnProperty.call(rest, "secret")) throw fail("give either secrets: { <provider>: secret } or provider and secret, not both");
    verifier = createVerifier(rest);
  } else {
    if (provider === undefined) throw fail("provider is required with secret (or pass secrets: { <provider>: secret, … } to accept several)");
    if (rest.secret === undefined) throw fail(`secret is required (the ${provider} webhook secret)`);
    const { secret } = rest;
    delete rest.secret;
    verifier = createVerifier({ ...rest, secrets: { [provider]: secret } });
  }
  if (provider !== undefined && !verifier.providers.includes(provider)) {
    throw new WebhookVerificationError("unknown_provider",
      `${what}: provider ${JSON.stringify(provider)} is not configured (configured: ${verifier.providers.join(", ")})`);
  }
  const limit = given !== undefined ? undefined : maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return { verifier, provider, onError, limit };
}

/** Where a body over the limit is recorded for the preHandler (the parser cannot answer it). */
const TOO_LARGE = Symbol("smshook body too large");

/**
 * The content-type parser of the scope, for every type: the exact raw bytes as a Buffer,
 * at most `limit` of them. Past the limit (or a declared Content-Length over it) it stops
 * reading and records the refusal, so that the preHandler answers it as smshook does
 * (`{"error":"body_too_large"}` or onError) rather than Fastify's own 413.
 */
function rawBodyParser(limit) {
  return function smshookRawBody(request, payload, done) {
    const declared = request.headers["content-length"];
    if (typeof declared === "string" && /^[0-9]+$/.test(declared.trim()) && Number(declared.trim()) > limit) {
      request[TOO_LARGE] = limit;
      done(null, undefined);
      return;
    }
    const chunks = [];
    let size = 0;
    const finish = (error, body) => {
      payload.removeListener("data", onData);
      payload.removeListener("end", onEnd);
      payload.removeListener("error", onFail);
      done(error, body);
    };
    const onData = (chunk) => {
      if (typeof chunk === "string") chunk = Buffer.from(chunk, "utf8");
      size += chunk.length;
      if (size > limit) {
        if (typeof payload.pause === "function") payload.pause();
        request[TOO_LARGE] = limit;
        finish(null, undefined);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish(null, Buffer.concat(chunks, size));
    const onFail = (error) => {
      if (!(typeof error.statusCode === "number" && error.statusCode >= 400)) error.statusCode = 400;
      finish(error, undefined);
    };
    payload.on("data", onData);
    payload.on("end", onEnd);
    payload.on("error", onFail);
    if (typeof payload.resume === "function") payload.resume();
  };
}

/**
 * Runs onError; resolves to whether it answered (called reply.send, or returned the reply).
 * `reply.sent` alone cannot tell: it stays false until async onSend hooks have finished.
 */
async function answers(onError, error, request, reply) {
  let sent = false;
  const own = Object.prototype.hasOwnProperty.call(reply, "send");
  const send = reply.send;
  reply.send = function sendOnce(...args) {
    sent = true;
    return send.apply(this, args);
  };
  try {
    const result = await onError(error, request, reply);
    return sent || result === reply || reply.sent;
  } finally {
    if (own) reply.send = send;
    else delete reply.send;
  }
}

/** The refusal answer: the code's status and `{"error": code}`. */
function refuse(reply, error) {
  return reply.code(error.status).type("application/json; charset=utf-8").send({ error: error.code });
}

/**
 * The plugin: in the scope it is registered in, a raw-body parser for every content type
 * (in place of Fastify's JSON and text parsers), `request.webhook` and a preHandler that
 * verifies every request of the scope. A refused delivery is answered with `err.status`
 * and `{"error": code}`, unless `onError(err, request, reply)` is given (if it sends no
 * reply, the default answer is sent). A misconfiguration (invalid_argument,
 * invalid_secret) is thrown to Fastify's error handler. Register it inside the scope of
 * the webhook routes: `app.register(async (scope) => { scope.register(smshook, opts);
 * scope.post("/webhooks/textbee", handler); })`.
 */
async function smshookFastify(fastify, options) {
  const setup = resolveOptions(options, WHAT);
  const { verifier, provider, onError } = setup;
  // A Verifier given keeps its limit to itself: read at most Fastify's bodyLimit then (the
  // verifier still refuses a body over its own).
  const limit = setup.limit ?? fastify.initialConfig.bodyLimit ?? DEFAULT_MAX_BODY_BYTES;
  const requestOptions = provider === undefined ? { framework: "fastify" } : { provider, framework: "fastify" };
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser("*", rawBodyParser(limit));
  if (!fastify.hasRequestDecorator("webhook")) fastify.decorateRequest("webhook", null);
  fastify.addHook("preHandler", async function smshookVerify(request, reply) {
    let event;
    try {
      if (request[TOO_LARGE] !== undefined) {
        reply.header("connection", "close"); // the rest of the body was never read
        throw new WebhookVerificationError("body_too_large", `body exceeds ${request[TOO_LARGE]} bytes`, provider ?? null);
      }
      const { body } = request;
      event = await verifier.verifyNodeRequest(request.raw,
        Buffer.isBuffer(body) ? { ...requestOptions, body } : requestOptions);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      if (onError === undefined || !(await answers(onError, error, request, reply))) refuse(reply, error);
      return reply; // stops the hooks: the route handler never runs
    }
    request.webhook = event;
  });
}

smshookFastify[Symbol.for("skip-override")] = true;
smshookFastify[Symbol.for("fastify.display-name")] = "smshook";
smshookFastify[Symbol.for("plugin-meta")] = { name: "smshook" };

module.exports = smshookFastify;
module.exports.default = smshookFastify;
