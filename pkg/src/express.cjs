"use strict";
// smshook/express: Express (4 and 5) middleware over a smshook Verifier. No dependency on
// Express itself: the middleware is a plain (req, res, next) function.
const { createVerifier, WebhookVerificationError } = require("smshook");

const WHAT = "smshook/express webhook()";

/** Codes that mean the app is misconfigured: they go to next(err), never to the sender. */
const MISCONFIGURED = new Set(["invalid_argument", "invalid_secret"]);

/**
 * A refusal to answer the sender with (a WebhookVerificationError of any copy of smshook,
 * not a misconfiguration).
 */
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
 * The helper's setup from its one argument, checked now so that a typo throws at startup:
 * a Verifier; `{ verifier, provider?, onError? }`; createVerifier's options
 * (`{ secrets, … }`) with an optional `provider` (this route's) and `onError`; or verify's
 * options (`{ provider, secret, … }`) with `onError`.
 */
function resolveOptions(options, what) {
  const fail = (message) => new WebhookVerificationError("invalid_argument", `${what}: ${message}`);
  if (isVerifier(options)) return { verifier: options, provider: undefined, onError: undefined };
  if (options === null || typeof options !== "object") {
    throw fail("pass options such as { provider: \"textbee\", secret: \"…\" }, { secrets: { … } } or a Verifier");
  }
  const rest = {};
  for (const key of Object.keys(options)) rest[key] = options[key];
  const { onError, provider, verifier: given } = rest;
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
  return { verifier, provider, onError };
}

/** The refusal answer: the code's status and `{"error": code}`. */
function refuse(res, error) {
  res.statusCode = error.status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.end(JSON.stringify({ error: error.code }));
}

/** The body bytes as a Buffer (a copy-free view when possible). */
function toBuffer(body) {
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === "string") return Buffer.from(body, "utf8");
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/**
 * Express middleware: verifies the delivery, then sets `req.webhook` (the event) and
 * `req.rawBody` (a Buffer of the exact bytes) and calls next(). A refused delivery is
 * answered with `err.status` and `{"error": code}`, unless `onError(err, req, res, next)`
 * is given; a misconfiguration (invalid_argument: express.json() ran first, no URL for
 * twilio/plivo…; invalid_secret) goes to next(err). Mount it on the webhook route before
 * any body parser.
 */
function webhook(options) {
  const { verifier, provider, onError } = resolveOptions(options, WHAT);
  const requestOptions = provider === undefined ? { framework: "express" } : { provider, framework: "express" };
  return function smshookWebhook(req, res, next) {
    // The verifier reads the stream itself; the same chunks are kept here for req.rawBody
    // (both listeners are attached before the stream flows).
    const chunks = [];
    const keep = (chunk) => chunks.push(chunk);
    const pending = verifier.verifyNodeRequest(req, requestOptions);
    const collected = req.body === undefined || req.body === null || typeof req.body === "object" && !(req.body instanceof Uint8Array);
    if (collected && typeof req.on === "function") req.on("data", keep);
    const stop = () => { if (typeof req.removeListener === "function") req.removeListener("data", keep); };
    pending.then(
      (event) => {
        stop();
        const given = req.body;
        req.rawBody = given instanceof Uint8Array || typeof given === "string" ? toBuffer(given) : Buffer.concat(chunks.map(toBuffer));
        req.webhook = event;
        next();
      },
      (error) => {
        stop();
        if (!isRefusal(error)) next(error);
        else if (onError !== undefined) onError(error, req, res, next);
        else refuse(res, error);
      },
    );
  };
}

module.exports = { webhook };
