"use strict";
// smshook/hono for require(): the CommonJS twin of hono.js (keep the two in step). Hono
// middleware over a smshook Verifier; no dependency on Hono itself.
const { createVerifier, WebhookVerificationError } = require("smshook");

const WHAT = "smshook/hono webhook()";

/** Codes that mean the app is misconfigured: they are thrown to Hono (app.onError), never answered as refusals. */
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
  return value !== null && typeof value === "object" && typeof value.verifyRequest === "function" &&
    typeof value.verify === "function" && Array.isArray(value.providers);
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
 * Hono middleware: verifies the delivery from `c.req.raw` (the Fetch API Request: its URL
 * for twilio and plivo, its origin replaced by `publicUrl` when given), sets
 * `c.set("webhook", event)` and calls next(). A refused delivery is answered with
 * `err.status` and `{"error": code}`, unless `onError(err, c)` is given: its Response is
 * the answer (when it returns none, the default one is). A misconfiguration
 * (invalid_argument, invalid_secret) is thrown to Hono's error handler. The body is read
 * here: read the payload from the event (`event.data`), not from `c.req`.
 */
function webhook(options) {
  const { verifier, provider, onError } = resolveOptions(options, WHAT);
  const requestOptions = provider === undefined ? {} : { provider };
  return async function smshookWebhook(c, next) {
    let event;
    try {
      event = await verifier.verifyRequest(c.req.raw, requestOptions);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      const answer = onError === undefined ? undefined : await onError(error, c);
      return answer ?? c.json({ error: error.code }, error.status);
    }
    c.set("webhook", event);
    await next();
    return undefined;
  };
}

module.exports = { webhook };
