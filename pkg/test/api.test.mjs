// The JS API contract (SPEC section 4): inputs, errors, identity across import/require.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import path from "node:path";
import util from "node:util";
import * as smshook from "smshook";
import { verify, sign, detect, PROVIDERS, WebhookVerificationError, verifyRequest, verifyNodeRequest } from "smshook";

const require = createRequire(import.meta.url);
// The installed package's own files (for white-box checks of what reaches the wasm).
const ROOT = path.dirname(require.resolve("smshook/package.json"));
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

test("PROVIDERS is frozen and is the registry: one vector file each, and the TypeScript ProviderId union", async () => {
  const fs = await import("node:fs");
  assert.ok(Object.isFrozen(PROVIDERS));
  assert.ok(PROVIDERS.every(Object.isFrozen));
  const ids = PROVIDERS.map((p) => p.id).sort();
  const files = fs.readdirSync(process.env.SMSHOOK_VECTORS).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5)).sort();
  assert.deepEqual(ids, files, "tests/vectors/<id>.json for exactly the registered providers");
  const dts = fs.readFileSync(path.join(process.env.SMSHOOK_VECTORS, "..", "..", "pkg", "index.d.cts"), "utf8");
  const union = /export type ProviderId =([^;]*);/.exec(dts)?.[1] ?? "";
  assert.deepEqual([...union.matchAll(/"([^"]+)"/g)].map((m) => m[1]).sort(), ids, "index.d.cts ProviderId");
  for (const p of PROVIDERS) {
    assert.deepEqual(Object.keys(p).sort(), ["headers", "id", "name", "scheme", "signatureHeader"]);
    assert.ok(Object.isFrozen(p.headers) && p.headers.includes(p.signatureHeader.toLowerCase()), `${p.id}: headers hold its signature header`);
  }
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
    [{ ...base, tolerance: 5 }, /verify: unknown option "tolerance"/],
    [{ ...base, now: "soon" }, /verify: now must be a non-negative whole number/],
    [{ ...base, now: NaN }, /now must be a non-negative whole number/],
    [{ ...base, now: Infinity }, /now must be a non-negative whole number/],
    [{ ...base, now: new Date("not a date") }, /now must be a non-negative whole number/],
    [{ ...base, allowUnsigned: "yes" }, /allowUnsigned must be a boolean/],
    [{ ...base, now: 10n }, /now must be a non-negative whole number/],
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

test("every provider: sign, detect, verify, and a tampered signature never verifies", async () => {
  const fs = await import("node:fs");
  let checked = 0;
  for (const { id, signatureHeader } of PROVIDERS) {
    // A realistic delivery: the provider's first detectable positive vector case (every
    // registered provider has a vector file; api "PROVIDERS is … the registry" checks it).
    const file = JSON.parse(fs.readFileSync(path.join(process.env.SMSHOOK_VECTORS, `${id}.json`), "utf8"));
    const c = file.cases.find((x) => x.expect.event && x.detect === id && x.body !== undefined);
    assert.ok(c, `${id}: no detectable positive vector case`);
    const secret = [c.secret].flat()[0];
    const options = { ...c.options, now: c.sign.now };
    const s = sign({ provider: id, secret, body: c.body, ...c.sign });
    assert.equal(s.body, c.body, id);
    // Twilio and Plivo sign the URL: sign returns the one to post to.
    assert.equal(s.url !== undefined, c.url !== undefined, `${id}: sign returns a url exactly when the provider signs one`);
    if (s.url !== undefined) options.url = s.url;
    // Detected from the headers, and with the provider named: the same event.
    const event = verify({ ...options, secret, headers: s.headers, body: s.body });
    assert.deepEqual(verify({ ...options, provider: id, secret, headers: s.headers, body: s.body }), event, id);
    for (const [field, value] of Object.entries(c.expect.event)) assert.deepEqual(event[field], value, `${id}: ${field}`);
    // A digit for a different digit: another value in hex (any case), base64 and base64url.
    const name = Object.keys(s.headers).find((k) => k.toLowerCase() === signatureHeader.toLowerCase());
    assert.ok(name, `${id}: sign produced no ${signatureHeader}`);
    const value = s.headers[name];
    const digit = value.slice(-2, -1) === "0" ? "1" : "0";
    const tampered = { ...s.headers, [name]: value.slice(0, -2) + digit + value.slice(-1) };
    const forged = codeOf(() => verify({ ...options, provider: id, secret, headers: tampered, body: s.body }));
    assert.ok(["signature_mismatch", "malformed_signature"].includes(forged.code), `${id}: ${forged.code}`);
    checked++;
  }
  assert.equal(checked, PROVIDERS.length);
});

test("the request URL: a URL object, request.url, publicUrl, trustProxy, and a clear error without one", async () => {
  const token = "9f1c2b7e4d3a5f60718293a4b5c6d7e8";
  const body = "MessageSid=SM1&From=%2B15550001111&To=%2B15550002222&Body=hi";
  const s = sign({ provider: "twilio", secret: token, body, now: NOW, url: "https://hooks.example.com/webhooks/twilio?x=1" });
  assert.equal(s.url, "https://hooks.example.com/webhooks/twilio?x=1");
  assert.equal(s.headers["Content-Type"], "application/x-www-form-urlencoded");
  const options = { provider: "twilio", secret: token, headers: s.headers, body, now: NOW };
  assert.equal(verify({ ...options, url: new URL(s.url) }).id, "SM1");
  const missing = codeOf(() => verify(options));
  assert.equal(missing.code, "invalid_argument");
  assert.match(missing.message, /signs the request URL: pass url/);
  assert.equal(codeOf(() => verify({ ...options, url: "https://hooks.example.com/webhooks/twilio" })).code, "signature_mismatch");
  assert.equal(codeOf(() => sign({ provider: "twilio", secret: token, body })).code, "invalid_argument");
  // verifyRequest: the request's own URL, unless url is given.
  const request = (url) => new Request(url, { method: "POST", headers: s.headers, body });
  assert.equal((await verifyRequest(request(s.url), { provider: "twilio", secret: token, now: NOW })).id, "SM1");
  await assert.rejects(verifyRequest(request("http://10.0.0.1/webhooks/twilio?x=1"), { provider: "twilio", secret: token, now: NOW }), { code: "signature_mismatch" });
  assert.equal((await verifyRequest(request("http://10.0.0.1/internal"), { provider: "twilio", secret: token, now: NOW, url: s.url })).id, "SM1");
  // Node helpers: publicUrl + the path; forwarded headers only with trustProxy.
  const { Readable } = await import("node:stream");
  const nodeRequest = (headers) => Object.assign(Readable.from([Buffer.from(body)]), { headers: { ...headers }, url: "/webhooks/twilio?x=1" });
  const lower = Object.fromEntries(Object.entries(s.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const base = { provider: "twilio", secret: token, now: NOW };
  assert.equal((await verifyNodeRequest(nodeRequest(lower), { ...base, publicUrl: "https://hooks.example.com/" })).id, "SM1");
  const forwarded = { ...lower, host: "10.0.0.1", "x-forwarded-proto": "https", "x-forwarded-host": "hooks.example.com" };
  await assert.rejects(verifyNodeRequest(nodeRequest(forwarded), base), { code: "invalid_argument" });
  assert.equal((await verifyNodeRequest(nodeRequest(forwarded), { ...base, trustProxy: true })).id, "SM1");
  await assert.rejects(verifyNodeRequest(nodeRequest(lower), { ...base, publicUrl: "hooks.example.com" }), { code: "invalid_argument" });
  // verifyRequest: publicUrl replaces the origin a proxy rewrote.
  assert.equal((await verifyRequest(request("http://10.0.0.1:8080/webhooks/twilio?x=1"), { provider: "twilio", secret: token, now: NOW, publicUrl: "https://hooks.example.com" })).id, "SM1");
  // verify and sign take a URL, not the helpers' options; a form body with a body hash in
  // the URL, and timestamped for another provider, are refused.
  assert.equal(codeOf(() => verify({ ...options, url: s.url, publicUrl: "https://hooks.example.com" })).code, "invalid_argument");
  assert.equal(codeOf(() => sign({ provider: "twilio", secret: token, body, now: NOW, url: "https://h.example/t?bodySHA256=00" })).code, "invalid_argument");
  assert.equal(codeOf(() => sign({ provider: "sinch", secret: token, body: "{}", now: NOW, timestamped: true })).code, "invalid_argument");
});

test("sign and verify default to the clock", () => {
  const secret = "whsec_" + Buffer.from("0123456789abcdef0123456789abcdef").toString("base64");
  const body = JSON.stringify({ type: "invoice.paid", data: { n: 1 } });
  const s = sign({ provider: "standard", secret, body });
  const at = Number(new Headers(s.headers).get("webhook-timestamp")) * 1000;
  assert.ok(Math.abs(at - Date.now()) < 60_000, "signed now");
  assert.equal(verify({ secret, headers: s.headers, body }).id, new Headers(s.headers).get("webhook-id"));
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

/**
 * A body stream that would produce `total` bytes in `chunk`-byte pieces, pulled only on
 * demand (highWaterMark 0), counting what was pulled and whether it was cancelled.
 */
function countingStream(total, chunk, fill = 0x7b) {
  const stats = { pulled: 0, pulls: 0, cancelled: false };
  const stream = new ReadableStream({
    pull(controller) {
      if (stats.pulled >= total) { controller.close(); return; }
      const n = Math.min(chunk, total - stats.pulled);
      stats.pulled += n;
      stats.pulls++;
      controller.enqueue(new Uint8Array(n).fill(fill));
    },
    cancel() { stats.cancelled = true; },
  }, { highWaterMark: 0 });
  return { stream, stats };
}

/** A stream of exactly these bytes in `chunk`-byte pieces. */
function bytesStream(bytes, chunk) {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) { controller.close(); return; }
      controller.enqueue(bytes.slice(at, at + chunk));
      at += chunk;
    },
  }, { highWaterMark: 0 });
}

const MIB = 1024 * 1024;
const tooLarge = (e) => e instanceof WebhookVerificationError && e.code === "body_too_large" && e.status === 413;

test("verifyRequest stops reading a 64 MiB stream at maxBodyBytes + 1 (body_too_large)", async () => {
  const limit = 1024, chunk = 256;
  // A Request-like object and a real Fetch Request around the same kind of stream.
  for (const form of ["Request", "Request-like"]) {
    const { stream, stats } = countingStream(64 * MIB, chunk);
    const request = form === "Request"
      ? new Request("http://127.0.0.1/webhooks", { method: "POST", headers: signed.headers, body: stream, duplex: "half" })
      : { headers: new Headers(signed.headers), bodyUsed: false, body: stream };
    await assert.rejects(verifyRequest(request, { provider: "textbee", secret: SECRET, now: NOW, maxBodyBytes: limit }), tooLarge, form);
    console.log(`verifyRequest (${form}): pulled ${stats.pulled} B of 64 MiB in ${stats.pulls} chunks, limit ${limit} B`);
    assert.ok(stats.pulled > limit, `${form}: pulled ${stats.pulled}`);
    assert.ok(stats.pulled <= limit + 2 * chunk, `${form}: pulled ${stats.pulled} B, want about ${limit} + one ${chunk} B chunk`);
    assert.ok(stats.cancelled, `${form}: the stream was not cancelled`);
  }
});

test("verifyRequest: the default limit is 1 MiB, as in verify", async () => {
  const chunk = 64 * 1024;
  const { stream, stats } = countingStream(64 * MIB, chunk);
  const request = new Request("http://127.0.0.1/webhooks", { method: "POST", headers: signed.headers, body: stream, duplex: "half" });
  await assert.rejects(verifyRequest(request, { provider: "textbee", secret: SECRET, now: NOW }), tooLarge);
  assert.ok(stats.pulled > MIB && stats.pulled <= MIB + 2 * chunk, `pulled ${stats.pulled}`);
  assert.ok(stats.cancelled);
});

test("verifyRequest refuses a declared Content-Length over the limit before reading", async () => {
  for (const form of ["Request", "Request-like"]) {
    const { stream, stats } = countingStream(64 * MIB, 256);
    const headers = { ...signed.headers, "Content-Length": String(64 * MIB) };
    const request = form === "Request"
      ? new Request("http://127.0.0.1/webhooks", { method: "POST", headers, body: stream, duplex: "half" })
      : { headers: new Headers(headers), bodyUsed: false, body: stream };
    await assert.rejects(verifyRequest(request, { provider: "textbee", secret: SECRET, now: NOW, maxBodyBytes: 1024 }), tooLarge, form);
    assert.equal(stats.pulled, 0, `${form}: read ${stats.pulled} B despite Content-Length`);
  }
  // Within the limit, a Content-Length changes nothing; a lying one does not lift the limit.
  const bytes = new TextEncoder().encode(BODY);
  const ok = { headers: new Headers({ ...signed.headers, "content-length": String(bytes.length) }), bodyUsed: false, body: bytesStream(bytes, 7) };
  assert.equal((await verifyRequest(ok, { secret: SECRET, now: NOW })).id, "k-1");
  const { stream, stats } = countingStream(64 * MIB, 256);
  const lying = { headers: new Headers({ ...signed.headers, "content-length": "10" }), bodyUsed: false, body: stream };
  // No provider option: the refusal names the detected one, as verify's would.
  await assert.rejects(verifyRequest(lying, { secret: SECRET, now: NOW, maxBodyBytes: 1024 }), (e) => tooLarge(e) && e.provider === "textbee");
  assert.ok(stats.pulled <= 1024 + 512, `pulled ${stats.pulled}`);
});

test("verifyRequest: chunked bodies, the exact limit, no body, bad limits", async () => {
  const bytes = new TextEncoder().encode(BODY);
  const request = (body, headers = signed.headers) => ({ headers: new Headers(headers), bodyUsed: false, body });
  // Many small chunks are reassembled exactly; the limit is inclusive.
  assert.equal((await verifyRequest(request(bytesStream(bytes, 7)), { secret: SECRET, now: NOW, maxBodyBytes: bytes.length })).id, "k-1");
  await assert.rejects(verifyRequest(request(bytesStream(bytes, 7)), { secret: SECRET, now: NOW, maxBodyBytes: bytes.length - 1 }), tooLarge);
  const real = new Request("http://127.0.0.1/w", { method: "POST", headers: signed.headers, body: bytesStream(bytes, 5), duplex: "half" });
  assert.equal((await verifyRequest(real, { secret: SECRET, now: NOW })).id, "k-1");
  // No body (a null stream) is the empty body: its signature is checked, then the payload.
  const empty = sign({ provider: "textbee", secret: SECRET, body: "" });
  const none = new Request("http://127.0.0.1/w", { method: "POST", headers: empty.headers });
  assert.equal(none.body, null);
  await assert.rejects(verifyRequest(none, { secret: SECRET, now: NOW }), (e) => e.code === "malformed_payload");
  await assert.rejects(verifyRequest(request(null, empty.headers), { secret: SECRET, now: NOW }), (e) => e.code === "malformed_payload");
  await assert.rejects(verifyRequest(request(null), { secret: SECRET, now: NOW }), (e) => e.code === "signature_mismatch");
  await assert.rejects(verifyRequest(request(null, {}), { provider: "textbee", secret: SECRET, now: NOW }), (e) => e.code === "missing_signature");
  // A bad limit or option is refused before a byte is read.
  for (const options of [{ maxBodyBytes: -1 }, { maxBodyBytes: 1.5 }, { maxBodyBytes: "1024" }, { maxBody: 10 }, { headers: {} }]) {
    const { stream, stats } = countingStream(64 * MIB, 256);
    await assert.rejects(verifyRequest(request(stream), { secret: SECRET, now: NOW, ...options }), (e) => e.code === "invalid_argument", JSON.stringify(options));
    assert.equal(stats.pulled, 0, JSON.stringify(options));
  }
  // A stream someone else is reading, and a stream of something other than bytes.
  const locked = bytesStream(bytes, 7);
  locked.getReader();
  await assert.rejects(verifyRequest(request(locked), { secret: SECRET, now: NOW }), (e) => e.code === "invalid_argument" && /locked/.test(e.message));
  const strings = new ReadableStream({ pull(c) { c.enqueue("text"); c.close(); } });
  await assert.rejects(verifyRequest(request(strings), { secret: SECRET, now: NOW }), (e) => e.code === "invalid_argument" && /bytes/.test(e.message));
  await assert.rejects(verifyRequest({ headers: new Headers(), bodyUsed: false, arrayBuffer: async () => new ArrayBuffer(0) }, { secret: SECRET }), (e) => e.code === "invalid_argument");
});

/**
 * Calls fn with the wasm spied on: returns [fn's result, the headers of each call sent to
 * the core (a delivery's `{ headers }`, or detect's headers), unpacked into objects].
 */
function sentToWasm(fn) {
  const glue = require(path.join(ROOT, "dist", "node", "smshook.js"));
  const proto = glue.Verifier.prototype;
  const unpack = (packed) => {
    const parts = packed.split("\0");
    const out = Object.create(null);
    for (let i = 0; i + 1 < parts.length; i += 2) out[parts[i]] = parts[i + 1];
    return out;
  };
  const sent = [];
  const originals = { verifyText: proto.verifyText, verifyBytes: proto.verifyBytes };
  for (const [name, original] of Object.entries(originals)) {
    proto[name] = function (packed, ...rest) { sent.push({ headers: unpack(packed) }); return original.call(this, packed, ...rest); };
  }
  const detect = glue.detect;
  glue.detect = (packed) => { sent.push(unpack(packed)); return detect(packed); };
  try {
    return [fn(), sent];
  } finally {
    Object.assign(proto, originals);
    glue.detect = detect;
  }
}
const sentHeaders = (options) => options.headers ?? options; // detect gets the headers alone

test("headers named like Object.prototype members are ordinary headers and reach the core", () => {
  const sig = signed.headers["X-Signature"];
  const extra = [["constructor", "x"], ["__proto__", "y"], ["toString", "t"], ["hasOwnProperty", "h"], ["valueOf", "v"]];
  // As sent to the core (names lowercased); "__proto__" is checked on its own below.
  const want = { constructor: "x", tostring: "t", hasownproperty: "h", valueof: "v" };
  // A plain object with those own keys (a computed key makes "__proto__" an own property),
  // Headers, entries and a Map.
  const plain = { "X-Signature": sig };
  for (const [k, v] of extra) Object.defineProperty(plain, k, { value: v, enumerable: true, writable: true, configurable: true });
  assert.ok(Object.prototype.hasOwnProperty.call(plain, "__proto__"));
  const forms = {
    "plain object": plain,
    Headers: new Headers([["X-Signature", sig], ...extra]),
    entries: [["X-Signature", sig], ...extra],
    Map: new Map([["x-signature", sig], ...extra]),
  };
  for (const [form, headers] of Object.entries(forms)) {
    const [event, sent] = sentToWasm(() => verify({ secret: SECRET, headers, body: BODY, now: NOW }));
    assert.equal(event.provider, "textbee", form);
    assert.equal(event.id, "k-1", form);
    assert.equal(sent.length, 1, form);
    const got = sentHeaders(sent[0]);
    for (const [name, value] of Object.entries(want)) assert.equal(got[name], value, `${form}: header ${name}`);
    assert.ok(Object.prototype.hasOwnProperty.call(got, "__proto__"), `${form}: the __proto__ header was not sent`);
    assert.equal(got.__proto__, "y", `${form}: __proto__`);
    assert.equal(got.constructor, "x", `${form}: constructor`);
    const [provider, detected] = sentToWasm(() => detect(headers));
    assert.equal(provider, "textbee", `detect ${form}`);
    assert.equal(sentHeaders(detected[0]).constructor, "x", `detect ${form}`);
  }
  // Repeated, any case: joined like every other header.
  const [, sent] = sentToWasm(() => verify({ secret: SECRET, headers: [["x-signature", sig], ["constructor", "a"], ["Constructor", "b"], ["__proto__", "c"], ["__PROTO__", "d"]], body: BODY, now: NOW }));
  assert.equal(sentHeaders(sent[0]).constructor, "a, b");
  assert.equal(sentHeaders(sent[0]).__proto__, "c, d");
  // A header object with its own toString (and valueOf) property works.
  const own = { "x-signature": sig, toString: "not a function", valueOf: "nor this" };
  assert.equal(verify({ provider: "textbee", secret: SECRET, headers: own, body: BODY, now: NOW }).id, "k-1");
  assert.equal(detect(own), "textbee");
  // Only those headers: no signature, whatever the prototype says.
  assert.equal(detect(Object.fromEntries(extra)), null);
  assert.equal(codeOf(() => verify({ provider: "textbee", secret: SECRET, headers: Object.fromEntries(extra), body: BODY, now: NOW })).code, "missing_signature");
  // The class's status table has no prototype keys either.
  assert.equal(new WebhookVerificationError("constructor", "x").status, 400);
  assert.equal(new WebhookVerificationError("toString", "x").status, 400);
});

test("options are read from the object's own properties, never its prototype", async () => {
  const inherited = Object.create({ maxBodyBytes: 1, headers: { "x-signature": "00" }, body: "{}" });
  Object.assign(inherited, { secret: SECRET, now: NOW });
  // verify: the own headers and body, not the prototype's.
  assert.equal(verify(Object.assign(Object.create(inherited), { secret: SECRET, headers: signed.headers, body: BODY, now: NOW })).id, "k-1");
  // verifyRequest: an inherited maxBodyBytes or headers changes nothing.
  const request = new Request("http://127.0.0.1/w", { method: "POST", headers: signed.headers, body: BODY });
  assert.equal((await verifyRequest(request, inherited)).id, "k-1");
});

test("errors never echo a secret", async () => {
  const S = "S3cr3t-do-not-echo-7f1e2d3c4b5a";
  const W = "whsec_" + Buffer.from("never-echo-this-key-0123456789ab").toString("base64");
  const errors = [];
  let attempts = 0;
  const collect = (fn) => {
    attempts++;
    try { fn(); } catch (e) { errors.push(e); return; }
    assert.fail(`did not throw: ${fn}`);
  };
  const base = { provider: "textbee", secret: S, body: BODY, now: NOW };
  collect(() => verify({ ...base, headers: {} }));
  collect(() => verify({ ...base, headers: { "x-signature": "zz" } }));
  collect(() => verify({ ...base, headers: { "x-signature": "00".repeat(32) } }));
  collect(() => verify({ ...base, headers: signed.headers, maxBodyBytes: 10 }));
  collect(() => verify({ ...base, headers: signed.headers, secret: [S, 42] }));
  collect(() => verify({ ...base, headers: signed.headers, secret: { S } }));
  collect(() => verify({ ...base, headers: signed.headers, provider: S }));
  collect(() => verify({ ...base, headers: signed.headers, body: { S } }));
  collect(() => verify({ provider: "standard", secret: "whsec_" + S + "!!", headers: { "webhook-id": "a", "webhook-timestamp": "1", "webhook-signature": "v1,AA==" }, body: "{}", now: NOW }));
  collect(() => verify({ provider: "standard", secret: W, headers: { "webhook-id": "a", "webhook-timestamp": String(NOW / 1000), "webhook-signature": "v1,AAAA" }, body: "{}", now: NOW }));
  collect(() => verify({ provider: "httpsms", secret: S, headers: { authorization: "Bearer a.b.c" }, body: "{}", now: NOW }));
  collect(() => verify({ provider: "messages-dev", secret: S, headers: { "x-webhook-signature": "00".repeat(32), "x-webhook-timestamp": "1" }, body: "{}", now: NOW }));
  collect(() => sign({ provider: "textbee", secret: "short-S3cr3t", body: BODY }));
  collect(() => sign({ provider: "standard", secret: "whsec_" + S + "!!", body: BODY }));
  attempts++;
  await verifyRequest(new Request("http://127.0.0.1/w", { method: "POST", headers: signed.headers, body: BODY }), { secret: S, maxBodyBytes: 10 })
    .then(() => assert.fail("verifyRequest did not throw"), (e) => errors.push(e));
  assert.equal(errors.length, attempts);
  for (const e of errors) {
    assert.ok(e instanceof WebhookVerificationError, String(e));
    for (const secret of [S, W, W.slice(6), "short-S3cr3t", "S3cr3t"]) {
      for (const [what, text] of [["message", e.message], ["stack", e.stack], ["String", String(e)], ["JSON", JSON.stringify(e)], ["inspect", util.inspect(e)]]) {
        assert.ok(!text.includes(secret), `${e.code}: ${what} echoes a secret: ${text}`);
      }
    }
  }
});
