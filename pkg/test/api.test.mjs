// The JS API contract (SPEC section 4): inputs, errors, identity across import/require.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import path from "node:path";
import * as smshook from "smshook";
import { verify, sign, detect, PROVIDERS, WebhookVerificationError, verifyRequest } from "smshook";

const require = createRequire(import.meta.url);
const SECRET = "3f8a2b6c-9d1e-4f70-8a5b-c2d4e6f81a3b";
const NOW = 1779886900000;
const BODY = JSON.stringify({
  smsId: "6650f1c2a9b8c7d6e5f40123", message: "Hello ✓", deviceId: "d", webhookSubscriptionId: "w",
  webhookEvent: "MESSAGE_RECEIVED", idempotencyKey: "k-1", sender: "+15551234567",
  receivedAt: "2026-05-27T13:00:35.208Z",
});
const signed = sign({ provider: "textbee", secret: SECRET, body: BODY, now: NOW });

function codeOf(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof WebhookVerificationError, `not a WebhookVerificationError: ${e}`);
    assert.ok(e instanceof Error);
    return e;
  }
  assert.fail("did not throw");
}

test("the package under test is the installed tarball (when run by run.sh)", { skip: !process.env.SMSHOOK_TARBALL }, () => {
  const resolved = require.resolve("smshook");
  assert.match(resolved, /node_modules[\\/]smshook[\\/]src[\\/]node\.cjs$/);
  assert.ok(!resolved.startsWith(path.resolve(process.env.SMSHOOK_VECTORS, "..", "..", "pkg")), resolved);
});

test("import and require give the same instance and class", () => {
  const cjs = require("smshook");
  assert.equal(cjs.verify, smshook.verify);
  assert.equal(cjs.WebhookVerificationError, WebhookVerificationError);
  assert.equal(cjs.PROVIDERS, PROVIDERS);
  for (const name of ["verify", "sign", "detect", "verifyRequest", "verifyNodeRequest", "expressWebhook"]) {
    assert.equal(typeof smshook[name], "function", name);
  }
});

test("PROVIDERS is a frozen list of the six providers", () => {
  assert.ok(Object.isFrozen(PROVIDERS));
  assert.ok(PROVIDERS.every(Object.isFrozen));
  assert.deepEqual(PROVIDERS.map((p) => p.id).sort(), ["httpsms", "messages-dev", "standard", "textbee", "textus", "zuc"]);
  for (const p of PROVIDERS) assert.deepEqual(Object.keys(p).sort(), ["id", "name", "scheme", "signatureHeader"]);
  assert.throws(() => { PROVIDERS.push({}); }, TypeError);
});

test("sign returns plain headers and the body as given; verify is synchronous", () => {
  assert.equal(Object.getPrototypeOf(signed.headers), Object.prototype);
  assert.deepEqual(Object.keys(signed.headers).sort(), ["Content-Type", "X-Signature"]);
  assert.equal(signed.body, BODY);
  const event = verify({ provider: "textbee", secret: SECRET, headers: signed.headers, body: BODY, now: NOW });
  assert.equal(event.type, "message.received");
  assert.equal(event.text, "Hello ✓");
  assert.deepEqual(event.data, JSON.parse(BODY));
});

test("every body form gives the same event", () => {
  const bytes = new TextEncoder().encode(BODY);
  const forms = {
    string: BODY,
    Uint8Array: bytes,
    ArrayBuffer: bytes.buffer.slice(0),
    Buffer: Buffer.from(BODY),
    DataView: new DataView(bytes.buffer),
    "offset view": new Uint8Array([1, 2, ...bytes, 3]).subarray(2, 2 + bytes.length),
  };
  const want = verify({ secret: SECRET, headers: signed.headers, body: BODY, now: NOW });
  for (const [name, body] of Object.entries(forms)) {
    assert.deepEqual(verify({ secret: SECRET, headers: signed.headers, body, now: NOW }), want, name);
  }
});

test("every headers form: Headers, any-case object, string[] values, entries, Map", () => {
  const sig = signed.headers["X-Signature"];
  assert.match(sig, /^[0-9a-f]{64}$/);
  const forms = {
    Headers: new Headers({ "X-Signature": sig, "Content-Type": "application/json" }),
    "mixed case": { "X-SIGNATURE": sig },
    "string[]": { "x-signature": [sig] },
    entries: [["X-Signature", sig]],
    Map: new Map([["x-signature", sig]]),
    "node-style undefined": { "x-signature": sig, "x-other": undefined },
  };
  for (const [name, headers] of Object.entries(forms)) {
    assert.equal(verify({ provider: "textbee", secret: SECRET, headers, body: BODY, now: NOW }).id, "k-1", name);
    assert.equal(detect(headers), "textbee", `detect ${name}`);
  }
  // Repeated headers are joined with ", " (so a duplicated signature does not verify).
  const e = codeOf(() => verify({ provider: "textbee", secret: SECRET, headers: [["x-signature", sig], ["X-Signature", sig]], body: BODY, now: NOW }));
  assert.notEqual(e.code, "invalid_argument");
  assert.equal(detect({}), null);
  assert.equal(detect(new Headers()), null);
});

test("a parsed JSON body is refused with invalid_argument and the fix", () => {
  const e = codeOf(() => verify({ provider: "textbee", secret: SECRET, headers: signed.headers, body: JSON.parse(BODY), now: NOW }));
  assert.equal(e.code, "invalid_argument");
  assert.equal(e.provider, "textbee");
  assert.match(e.message, /parsed JSON object/);
  assert.match(e.message, /express\.raw/);
  assert.match(e.message, /request\.text\(\)/);
  for (const body of [undefined, null, 42, true, [1, 2], new Date()]) {
    assert.equal(codeOf(() => verify({ secret: SECRET, headers: signed.headers, body, now: NOW })).code, "invalid_argument", String(body));
  }
  assert.equal(codeOf(() => sign({ provider: "textbee", secret: SECRET, body: { a: 1 } })).code, "invalid_argument");
});

test("bad options are invalid_argument with a clear message", () => {
  const base = { provider: "textbee", secret: SECRET, headers: signed.headers, body: BODY, now: NOW };
  const cases = [
    [{ ...base, tolerance: 5 }, /unknown option "tolerance"/],
    [{ ...base, now: "soon" }, /now must be a finite number/],
    [{ ...base, now: NaN }, /now must be a finite number/],
    [{ ...base, now: -1 }, /now/],
    [{ ...base, toleranceSeconds: 1.5 }, /toleranceSeconds/],
    [{ ...base, secret: 42 }, /secret must be/],
    [{ ...base, headers: "x-signature: 00" }, /headers/],
    [{ ...base, headers: undefined }, /headers are required/],
  ];
  for (const [options, message] of cases) {
    const e = codeOf(() => verify(options));
    assert.equal(e.code, "invalid_argument", String(message));
    assert.match(e.message, message);
  }
  assert.equal(codeOf(() => verify(null)).code, "invalid_argument");
  // A Date is accepted for now.
  assert.equal(verify({ ...base, now: new Date(NOW) }).id, "k-1");
});

test("error codes, provider and message cross from wasm into the JS class", () => {
  const base = { provider: "textbee", secret: SECRET, body: BODY, now: NOW };
  const table = [
    [{ ...base, headers: {} }, "missing_signature", "textbee"],
    [{ ...base, headers: { "x-signature": "zz" } }, "malformed_signature", "textbee"],
    [{ ...base, headers: { "x-signature": "00".repeat(32) } }, "signature_mismatch", "textbee"],
    [{ ...base, headers: signed.headers, maxBodyBytes: 10 }, "body_too_large", "textbee"],
    [{ ...base, headers: signed.headers, secret: "" }, "invalid_secret", "textbee"],
    [{ ...base, headers: signed.headers, secret: [] }, "invalid_secret", "textbee"],
    [{ ...base, headers: signed.headers, provider: "TextBee" }, "unknown_provider", null],
    [{ secret: SECRET, body: BODY, headers: { "content-type": "application/json" } }, "provider_not_detected", null],
  ];
  for (const [options, code, provider] of table) {
    const e = codeOf(() => verify(options));
    assert.equal(e.code, code);
    assert.equal(e.provider, provider, code);
    assert.equal(e.name, "WebhookVerificationError");
    assert.ok(e.message.length > 0 && !e.message.includes(SECRET), code);
    assert.equal(typeof e.status, "number");
  }
  // A body that verifies but is no textbee payload.
  const s = sign({ provider: "textbee", secret: SECRET, body: "{}", now: NOW });
  const e = codeOf(() => verify({ provider: "textbee", secret: SECRET, headers: s.headers, body: "{}", now: NOW }));
  assert.equal(e.code, "malformed_payload");
  assert.equal(e.status, 400);
  assert.equal(codeOf(() => sign({ provider: "textbee", secret: "short", body: BODY })).code, "invalid_secret");
  assert.equal(codeOf(() => sign({ provider: "nope", secret: SECRET, body: BODY })).code, "unknown_provider");
  // The class is usable directly.
  const mine = new WebhookVerificationError("signature_mismatch", "x", "zuc");
  assert.equal(mine.code, "signature_mismatch");
  assert.equal(mine.provider, "zuc");
  assert.equal(mine.status, 401);
});

test("secret rotation: any one of the list", () => {
  const options = { provider: "textbee", headers: signed.headers, body: BODY, now: NOW };
  assert.equal(verify({ ...options, secret: ["old-secret-0123456789", SECRET] }).id, "k-1");
  assert.equal(verify({ ...options, secret: [SECRET, "old-secret-0123456789"] }).id, "k-1");
});

test("every provider round-trips sign → verify with default now", () => {
  const bodies = {
    standard: JSON.stringify({ hello: "world" }),
  };
  for (const { id } of PROVIDERS) {
    if (!bodies[id]) continue;
    const secret = "whsec_" + Buffer.from("0123456789abcdef0123456789abcdef").toString("base64");
    const s = sign({ provider: id, secret, body: bodies[id] });
    const event = verify({ secret, headers: s.headers, body: s.body });
    assert.equal(event.provider, id);
  }
});

test("verifyRequest reads a Fetch Request and refuses a used body", async () => {
  const request = () => new Request("http://127.0.0.1/webhooks", { method: "POST", headers: signed.headers, body: BODY });
  const event = await verifyRequest(request(), { secret: SECRET, now: NOW });
  assert.equal(event.provider, "textbee");
  assert.equal(event.id, "k-1");
  const used = request();
  await used.json();
  await assert.rejects(verifyRequest(used, { secret: SECRET, now: NOW }), (e) =>
    e instanceof WebhookVerificationError && e.code === "invalid_argument" && /already read/.test(e.message));
  await assert.rejects(verifyRequest(request(), { secret: "wrong-secret", now: NOW }), (e) =>
    e instanceof WebhookVerificationError && e.code === "signature_mismatch");
  await assert.rejects(verifyRequest({}, { secret: SECRET }), (e) => e.code === "invalid_argument");
});
