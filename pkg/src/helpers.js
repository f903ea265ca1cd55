// The parts of the framework helpers (smshook/express, /fastify, /koa, /hono) that are the
// same for every framework and both module systems: reading the helper's one argument into
// a Verifier, and telling a refusal from a misconfiguration; and the Hono middleware, which
// ships as ESM (hono.js) and CommonJS (hono.cjs). The smshook module comes in as an
// argument (`{ createVerifier, WebhookVerificationError }`), so this file has no imports:
// build.sh derives dist/helpers.cjs from it as it derives dist/core.cjs from core.js.

/** Codes that mean the app is misconfigured: thrown to the framework, never answered as refusals. */
const MISCONFIGURED = new Set(["invalid_argument", "invalid_secret"]);

/** The default body limit of a verifier built here, as createVerifier's (`maxBodyBytes`). */
export const DEFAULT_MAX_BODY_BYTES = 1048576;

/**
 * A refusal to answer the sender with (a WebhookVerificationError of any copy of smshook,
 * not a misconfiguration).
 */
export function isRefusal(error) {
  return error instanceof Error && error.name === "WebhookVerificationError" && typeof error.code === "string" &&
    typeof error.status === "number" && !MISCONFIGURED.has(error.code);
}

/**
 * Does this look like a Verifier from createVerifier() (of any copy of smshook), with the
 * method the helper calls (`verifyRequest`, or `verifyNodeRequest` for the Node frameworks)?
 */
function isVerifier(value, method) {
  return value !== null && typeof value === "object" && typeof value[method] === "function" &&
    typeof value.verify === "function" && Array.isArray(value.providers);
}

/**
 * The helper's setup from its one argument, checked now so that a typo throws at startup:
 * a Verifier; `{ verifier, provider?, onError? }`; createVerifier's options
 * (`{ secrets, … }`) with an optional `provider` (this route's or scope's) and `onError`;
 * or verify's options (`{ provider, secret, … }`) with `onError`. `method` is the Verifier
 * method the helper calls; keys in `ignore` (a framework's own options) are skipped.
 * `limit` is the body limit of a verifier built here (`maxBodyBytes`, default 1 MiB);
 * undefined for a Verifier given, which keeps its own.
 */
export function resolveOptions(smshook, options, what, method = "verifyRequest", ignore = null) {
  const { createVerifier, WebhookVerificationError } = smshook;
  const fail = (message) => new WebhookVerificationError("invalid_argument", `${what}: ${message}`);
  if (isVerifier(options, method)) return { verifier: options, provider: undefined, onError: undefined, limit: undefined };
  if (options === null || typeof options !== "object") {
    throw fail("pass options such as { provider: \"textbee\", secret: \"…\" }, { secrets: { … } } or a Verifier");
  }
  const rest = {};
  for (const key of Object.keys(options)) if (ignore === null || !ignore.has(key)) rest[key] = options[key];
  const { onError, provider, verifier: given, maxBodyBytes } = rest;
  delete rest.onError;
  delete rest.provider;
  delete rest.verifier;
  if (onError !== undefined && typeof onError !== "function") throw fail("onError must be a function");
  if (provider !== undefined && typeof provider !== "string") throw fail("provider must be a provider id string");
  let verifier;
  if (given !== undefined) {
    if (!isVerifier(given, method)) throw fail("verifier must be a Verifier from createVerifier()");
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

/**
 * Hono middleware: verifies the delivery from `c.req.raw` (the Fetch API Request: its URL
 * for twilio and plivo, its origin replaced by `publicUrl` when given), sets
 * `c.set("webhook", event)` and calls next(). A refused delivery is answered with
 * `err.status` and `{"error": code}`, unless `onError(err, c)` is given: its Response is
 * the answer (when it returns none, the default one is). A misconfiguration
 * (invalid_argument, invalid_secret) is thrown to Hono's error handler. The body is read
 * here: read the payload from the event (`event.data`), not from `c.req`.
 */
export function honoWebhook(smshook, options) {
  const { verifier, provider, onError } = resolveOptions(smshook, options, "smshook/hono webhook()");
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
