"use strict";
// smshook/fastify: a Fastify plugin over a smshook Verifier. No dependency on Fastify: the
// plugin is marked "skip-override" (what fastify-plugin does), so it applies to the scope
// it is registered in, and to nothing outside that scope.
const smshook = require("smshook");
const { resolveOptions, isRefusal, DEFAULT_MAX_BODY_BYTES } = require("../dist/helpers.cjs");

const { WebhookVerificationError } = smshook;

const WHAT = "smshook/fastify";

/** Options Fastify's register() itself reads and passes on to every plugin. */
const REGISTER_OPTIONS = new Set(["prefix", "logLevel", "logSerializers"]);

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
  const setup = resolveOptions(smshook, options, WHAT, "verifyNodeRequest", REGISTER_OPTIONS);
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
