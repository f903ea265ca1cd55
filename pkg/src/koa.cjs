"use strict";
// smshook/koa: Koa middleware over a smshook Verifier. No dependency on Koa
// itself: the middleware is a plain async (ctx, next) function.
const { createVerifier, WebhookVerificationError } = require("smshook");

const WHAT = "smshook/koa";

/** Codes that mean the app is misconfigured: they are thrown to Koa, never answered as refusals. */
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

/**
 * Koa middleware: verifies the delivery from `ctx.req`, sets `ctx.state.webhook` (the
 * event) and calls next(). A refused delivery is answered with `err.status` and
 * `{"error": code}`, unless `onError(err, ctx, next)` is given; a misconfiguration
 * (invalid_argument: a body parser ran first, no URL for twilio/plivo…; invalid_secret)
 * is thrown. Use it on the webhook route before any body parser.
 */
function smshookKoa(options) {
  const { verifier, provider, onError } = resolveOptions(options, WHAT);
  const requestOptions = provider === undefined ? { framework: "koa" } : { provider, framework: "koa" };
  return async function smshookWebhook(ctx, next) {
    // Under koa-mount, ctx.req.url lost the mount path; providers signed the full one.
    if (ctx.req.originalUrl === undefined && typeof ctx.originalUrl === "string") ctx.req.originalUrl = ctx.originalUrl;
    let event;
    try {
      event = await verifier.verifyNodeRequest(ctx.req, requestOptions);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      if (onError !== undefined) return onError(error, ctx, next);
      ctx.status = error.status;
      ctx.body = { error: error.code };
      return undefined;
    }
    ctx.state.webhook = event;
    return next();
  };
}

module.exports = smshookKoa;
module.exports.default = smshookKoa;
