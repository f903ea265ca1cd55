"use strict";
// Runs the shared vectors (tests/vectors/*.json, schema in tests/vectors/README.md)
// through a smshook module object; used by vectors.test.mjs (import) and
// vectors.test.cjs (require). Mirrors tests/support/vectors.rs.
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const VECTORS = process.env.SMSHOOK_VECTORS || path.join(__dirname, "..", "..", "tests", "vectors");
const FIELDS = ["provider", "type", "providerEvent", "id", "occurredAt", "messageId", "from", "to", "text", "error"];

function loadFiles() {
  const names = fs.readdirSync(VECTORS).filter((n) => n.endsWith(".json")).sort();
  assert.ok(names.length >= 6, `vector files in ${VECTORS}`);
  return names.map((n) => JSON.parse(fs.readFileSync(path.join(VECTORS, n), "utf8")));
}

function bodyOf(c) {
  return c.bodyBase64 !== undefined ? new Uint8Array(Buffer.from(c.bodyBase64, "base64")) : c.body;
}
function bodyBytes(c) {
  const b = bodyOf(c);
  return typeof b === "string" ? new TextEncoder().encode(b) : b;
}
function header(c, name) {
  for (const [k, v] of Object.entries(c.headers)) if (k.toLowerCase() === name) return v;
  return undefined;
}

function compareEvent(got, want, bytes, skipId) {
  for (const f of FIELDS) {
    if (skipId && f === "id") continue;
    assert.deepStrictEqual(got[f], want[f], `field ${f}`);
  }
  const data = "data" in want ? want.data : JSON.parse(new TextDecoder().decode(bytes));
  assert.deepStrictEqual(got.data, data, "data");
}

function signArgs(c) {
  const ts = header(c, "webhook-timestamp");
  const signedAt = ts !== undefined && /^\d+$/.test(ts) ? Number(ts) * 1000 : undefined;
  const args = { now: signedAt ?? c.options.now };
  const id = header(c, "x-webhook-delivery-id") ?? header(c, "webhook-id");
  if (id !== undefined) args.id = id;
  if (typeof c.options.audience === "string") args.audience = c.options.audience;
  if (typeof c.options.subject === "string") args.subject = c.options.subject;
  const et = header(c, "x-event-type");
  if (et !== undefined) args.eventType = et;
  return args;
}

/** Calls verify; returns { event } or { code }, checking the error's class. */
function attempt(api, options) {
  try {
    return { event: api.verify(options) };
  } catch (e) {
    assert.ok(e instanceof api.WebhookVerificationError, `not a WebhookVerificationError: ${e && e.stack}`);
    assert.equal(e.name, "WebhookVerificationError");
    assert.equal(typeof e.message, "string");
    return { code: e.code, error: e };
  }
}

function checkCase(api, provider, c) {
  const body = bodyOf(c);
  const bytes = bodyBytes(c);
  const base = { provider, secret: c.secret, headers: c.headers, ...c.options };
  // The body as given (string → verifyText) and as bytes (→ verifyBytes): same answer.
  const asGiven = attempt(api, { ...base, body });
  const asBytes = attempt(api, { ...base, body: bytes });
  if (c.expect.error !== undefined) {
    assert.equal(asGiven.code, c.expect.error, `want error ${c.expect.error}, got ${asGiven.code ?? "an event"}`);
    assert.equal(asBytes.code, c.expect.error, "bytes body");
    if (provider) assert.ok(asGiven.error.provider === provider || asGiven.error.provider === null);
    for (const secret of [c.secret].flat()) assert.ok(!asGiven.error.message.includes(secret) || secret.length < 4, "message leaks the secret");
  } else {
    assert.ok(asGiven.event, `want an event, got error ${asGiven.code}: ${asGiven.error && asGiven.error.message}`);
    compareEvent(asGiven.event, c.expect.event, bytes, false);
    compareEvent(asBytes.event, c.expect.event, bytes, false);
    // Headers as a Fetch Headers and as entries: same event.
    const entries = Object.entries(c.headers);
    compareEvent(api.verify({ ...base, headers: new Headers(entries), body }), c.expect.event, bytes, false);
    compareEvent(api.verify({ ...base, headers: entries, body }), c.expect.event, bytes, false);
    // verify(sign(x)) round-trips with the first secret.
    const secrets = [c.secret].flat();
    const args = signArgs(c);
    const signed = api.sign({ provider, secret: secrets[0], body, ...args });
    assert.equal(signed.body, body, "sign returns the body as given");
    const again = api.verify({ ...base, headers: signed.headers, body: signed.body });
    const derivedId = args.id === undefined && (provider === "messages-dev" || provider === "standard");
    compareEvent(again, c.expect.event, bytes, derivedId);
    if (c.signMatches) {
      for (const [name, value] of entries) {
        const produced = Object.entries(signed.headers).find(([k]) => k.toLowerCase() === name.toLowerCase());
        assert.ok(produced, `sign: header ${name} missing`);
        assert.equal(produced[1], value, `sign: header ${name}`);
      }
    }
  }
  if (c.detect !== undefined) {
    assert.equal(api.detect(c.headers), c.detect, "detect");
    assert.equal(api.detect(new Headers(Object.entries(c.headers))), c.detect, "detect(Headers)");
  }
}

/** Registers one test per case; returns the number of cases. */
function registerVectors(api, { describe, it }, label) {
  let count = 0;
  for (const file of loadFiles()) {
    assert.ok(file.cases.length >= 10, `${file.provider}: too few cases`);
    describe(`${label} ${file.provider}`, () => {
      for (const c of file.cases) {
        count++;
        it(c.name, () => checkCase(api, file.provider, c));
      }
    });
  }
  return count;
}

module.exports = { registerVectors, loadFiles, bodyOf, VECTORS };
