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

test("each sample signed now verifies to its event type", () => {
  const now = Date.now();
  for (const s of SAMPLES) {
    const url = s.signsUrl ? `https://example.test/webhooks/${s.provider}?a=1` : undefined;
    const body = sampleBody(s, now);
    assert.ok(!body.includes("{{now_"), `${s.provider} ${s.eventType}: placeholders filled`);
    const signed = sign({ provider: s.provider, secret: s.secret, body, now, url, ...s.sign });
    const event = verify({ provider: s.provider, secret: s.verifySecret, headers: signed.headers, body: signed.body, url: signed.url, now });
    assert.equal(event.type, s.eventType, `${s.provider} ${s.case}`);
    assert.equal(event.providerEvent, s.providerEvent, `${s.provider} ${s.case}`);
  }
});

test("time placeholders stand for the signing time, in ms or s", () => {
  const timed = SAMPLES.filter((s) => s.body.includes("{{now_"));
  assert.ok(timed.some((s) => s.provider === "messages-dev"), "Messages.dev signs its body's timestamp");
  const s = timed[0];
  const body = JSON.parse(sampleBody(s, 1_800_000_000_123));
  assert.ok(Object.values(body).some((v) => v === 1_800_000_000_123 || v === 1_800_000_000));
});
