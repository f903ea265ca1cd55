// The sample deliveries of `smshook send` and the playground (dist/samples.js, generated
// from tests/vectors by scripts/samples.mjs): every provider has them, each one signed now
// verifies to the event type it claims, and the time placeholders are filled.
import { test } from "node:test";
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const dir = process.env.SMSHOOK_PKG_DIR ?? join(import.meta.dirname, "..");
const { SAMPLES, sampleBody, samplesOf } = await import(pathToFileURL(join(dir, "dist", "samples.js")));
const { verify, sign, PROVIDERS } = await import(pathToFileURL(join(dir, "src", "node.mjs")));

test("every provider has samples, message.received first where it has one", () => {
  for (const { id } of PROVIDERS) {
    const own = samplesOf(id);
    assert.ok(own.length >= 2, `${id}: ${own.length} samples`);
    const types = own.map((s) => s.eventType);
    assert.equal(new Set(types).size, types.length, `${id}: one sample per event type`);
    assert.equal(types.at(-1), "unknown", `${id}: the unknown event last`);
    if (types.includes("message.received")) assert.equal(types[0], "message.received", `${id}: message.received first (${types.join(", ")})`);
  }
  assert.deepEqual(samplesOf("nope"), []);
  assert.equal(SAMPLES.length, PROVIDERS.reduce((n, p) => n + samplesOf(p.id).length, 0));
});

test("message samples are realistic: a received message has its sender and text", () => {
  for (const s of SAMPLES.filter((x) => x.eventType === "message.received")) {
    const now = Date.now();
    const url = s.signsUrl ? "https://example.test/h" : undefined;
    const signed = sign({ provider: s.provider, secret: s.secret, body: sampleBody(s, now), now, url, ...s.sign });
    const event = verify({ provider: s.provider, secret: s.verifySecret, headers: signed.headers, body: signed.body, url: signed.url, now });
    // (`to` may be null: a textbee device does not name its own number.)
    for (const field of ["from", "text"]) assert.notEqual(event[field], null, `${s.provider} ${s.case}: ${field}`);
  }
});

test("each sample signed now verifies to its event type", () => {
  const now = Date.now();
  for (const s of SAMPLES) {
    const url = s.signsUrl ? `https://example.test/webhooks/${s.provider}?a=1` : undefined;
    const body = sampleBody(s, now);
    assert.ok(!body.includes("{{now_"), `${s.provider} ${s.eventType}: placeholders filled`);
    const signed = sign({ provider: s.provider, secret: s.secret, body, now, url, ...s.sign });
    // maxAgeSeconds bounds the body's own signed time (TextUs): a sample signed now is fresh.
    const event = verify({ provider: s.provider, secret: s.verifySecret, headers: signed.headers, body: signed.body, url: signed.url, now, maxAgeSeconds: 300 });
    assert.equal(event.type, s.eventType, `${s.provider} ${s.case}`);
    assert.equal(event.providerEvent, s.providerEvent, `${s.provider} ${s.case}`);
  }
});

test("time placeholders stand for the signing time, in ms or s or RFC 3339", () => {
  const timed = SAMPLES.filter((s) => s.body.includes("{{now_"));
  assert.ok(timed.some((s) => s.provider === "messages-dev"), "Messages.dev signs its body's timestamp");
  assert.ok(timed.some((s) => s.provider === "textus" && s.body.includes('"{{now_iso}}"')), "TextUs bounds its body's timestamp");
  const at = 1_800_000_000_123;
  for (const s of timed) {
    const body = JSON.parse(sampleBody(s, at));
    assert.ok(Object.values(body).some((v) => v === at || v === Math.trunc(at / 1000) || v === new Date(at).toISOString()), `${s.provider} ${s.case}`);
  }
});
