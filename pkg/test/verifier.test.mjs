// createVerifier: options checked once at construction, detection among the configured
// providers only, the request's parts per call; and the one-shot verify's cache of built
// verifiers never mixes two option sets.
import { test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { createVerifier, sign, verify, WebhookVerificationError } from "smshook";

const TEXTBEE = "3f8a2b6c-9d1e-4f70-8a5b-c2d4e6f81a3b";
const ZUC = "zuc-secret-0123456789";
const TWILIO = "12345678901234567890123456789012";
const textbeeBody = JSON.stringify({ smsId: "s-1", message: "hi", webhookEvent: "MESSAGE_RECEIVED", idempotencyKey: "k-1", sender: "+15551234567" });
const zucBody = JSON.stringify({ event: "sms.received", version: "1", data: { messageId: 7, from: "+14155551234", to: "+12025550100", body: "salut", receivedAt: "2026-03-01T15:30:00.000Z" } });

const codeOf = (fn) => {
  try { fn(); } catch (e) { assert.ok(e instanceof WebhookVerificationError, String(e)); return e; }
  assert.fail("did not throw");
};

test("construction refuses typos, unknown providers and bad secrets at once", () => {
  for (const [options, code, message] of [
    [undefined, "invalid_argument", /options must be an object/],
    [{}, "invalid_argument", /secrets is required/],
    [{ secrets: {} }, "invalid_argument", /at least one provider/],
    [{ secrets: { textbee: TEXTBEE }, tolerance: 5 }, "invalid_argument", /unknown option "tolerance"/],
    [{ secrets: { textbee: TEXTBEE }, toleranceSeconds: "5" }, "invalid_argument", /toleranceSeconds/],
    [{ secrets: { textbe: TEXTBEE } }, "unknown_provider", /./],
    [{ secrets: { telnyx: "not a key" } }, "invalid_secret", /./],
    [{ secrets: { textbee: 5 } }, "invalid_argument", /secrets\.textbee/],
    [{ secrets: { textbee: TEXTBEE }, publicUrl: "hooks.example.com" }, "invalid_argument", /publicUrl/],
    [{ secrets: { textbee: TEXTBEE }, trustProxy: "yes" }, "invalid_argument", /trustProxy/],
    [{ secrets: { textbee: TEXTBEE }, maxBodyBytes: -1 }, "invalid_argument", /maxBodyBytes/],
  ]) {
    const e = codeOf(() => createVerifier(options));
    assert.equal(e.code, code, JSON.stringify(options));
    assert.match(e.message, message, JSON.stringify(options));
    assert.ok(!e.message.includes(TEXTBEE), "the secret is never echoed");
  }
  assert.equal(codeOf(() => createVerifier({ secrets: { telnyx: "not a key" } })).provider, "telnyx");
});

test("detection among the configured providers; others are refused by name", () => {
  const both = createVerifier({ secrets: { zuc: ZUC, textbee: [TEXTBEE, "an-older-secret-0000000"] } });
  assert.deepEqual(both.providers, ["textbee", "zuc"]);
  const t = sign({ provider: "textbee", secret: TEXTBEE, body: textbeeBody });
  const z = sign({ provider: "zuc", secret: ZUC, body: zucBody });
  assert.equal(both.verify({ headers: t.headers, body: textbeeBody }).provider, "textbee");
  assert.equal(both.verify({ headers: z.headers, body: zucBody }).provider, "zuc");
  assert.equal(both.verify({ headers: z.headers, body: zucBody, provider: "zuc" }).id, "7");

  const zucOnly = createVerifier({ secrets: { zuc: ZUC } });
  // textbee's x-signature is not "textbee" here: no configured provider sends it.
  assert.equal(codeOf(() => zucOnly.verify({ headers: t.headers, body: textbeeBody })).code, "provider_not_detected");
  const named = codeOf(() => zucOnly.verify({ headers: t.headers, body: textbeeBody, provider: "textbee" }));
  assert.equal(named.code, "unknown_provider");
  assert.match(named.message, /textbee is not configured in this verifier \(configured: zuc\)/);
  assert.equal(codeOf(() => zucOnly.verify({ headers: z.headers, body: zucBody, provider: "zucc" })).code, "unknown_provider");
  // A delivery takes only its own parts.
  assert.match(codeOf(() => zucOnly.verify({ headers: z.headers, body: zucBody, secret: ZUC })).message, /unknown option "secret"/);
  assert.equal(codeOf(() => zucOnly.verify({ headers: z.headers, body: zucBody.replace("salut", "salut!") })).code, "signature_mismatch");
});

test("the clock: the verifier's fixed now, each delivery's now, else Date.now()", () => {
  const then = Date.UTC(2026, 0, 1);
  const s = sign({ provider: "standard", secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", body: "{\"type\":\"message.received\",\"data\":{}}", now: then, id: "msg_1" });
  const fixed = createVerifier({ secrets: { standard: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" }, now: new Date(then) });
  const live = createVerifier({ secrets: { standard: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" } });
  const delivery = { headers: s.headers, body: s.body };
  assert.equal(fixed.verify(delivery).id, "msg_1");
  assert.equal(codeOf(() => live.verify(delivery)).code, "timestamp_out_of_tolerance");
  assert.equal(live.verify({ ...delivery, now: then }).id, "msg_1");
  assert.match(codeOf(() => live.verify({ ...delivery, now: -5 })).message, /now must be/);
});

test("verifyRequest and verifyNodeRequest: URL-signed providers from publicUrl, a collected body", async () => {
  const v = createVerifier({ secrets: { twilio: TWILIO, textbee: TEXTBEE }, publicUrl: "https://hooks.example.com/" });
  const form = "AccountSid=AC1&Body=hi&From=%2B15551234567&MessageSid=SM1&MessageStatus=received&To=%2B15557654321";
  const signed = sign({ provider: "twilio", secret: TWILIO, body: form, url: "https://hooks.example.com/sms?x=1" });
  const request = new Request("http://10.0.0.7:8080/sms?x=1", { method: "POST", headers: signed.headers, body: form });
  assert.equal((await v.verifyRequest(request)).id, "SM1:received");
  // The Node helper: publicUrl + the path, the body read from the stream or given.
  const server = http.createServer(async (req, res) => {
    try {
      const collected = req.url.includes("given") ? await new Promise((ok) => { const c = []; req.on("data", (d) => c.push(d)); req.on("end", () => ok(Buffer.concat(c))); }) : undefined;
      const event = collected === undefined ? await v.verifyNodeRequest(req) : await v.verifyNodeRequest(req, { body: collected, url: "https://hooks.example.com/sms?x=1" });
      res.end(event.id);
    } catch (e) {
      res.statusCode = e.status ?? 500;
      res.end(e.code ?? String(e));
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  try {
    const { port } = server.address();
    const post = (path) => fetch(`http://127.0.0.1:${port}${path}`, { method: "POST", headers: signed.headers, body: form, signal: AbortSignal.timeout(5000) }).then(async (r) => [r.status, await r.text()]);
    assert.deepEqual(await post("/sms?x=1"), [200, "SM1:received"]);
    assert.deepEqual(await post("/given"), [200, "SM1:received"]);
    assert.deepEqual(await post("/sms?x=2"), [401, "signature_mismatch"]);
  } finally {
    server.close();
  }
  await assert.rejects(v.verifyRequest(request, { secret: "x" }), /unknown option "secret"/);
  await assert.rejects(v.verifyNodeRequest({ on() {}, headers: {} }, { framework: "rails" }), /framework must be one of/);
});

test("the one-shot verify's cache never mixes option sets, past its size too", () => {
  const t = sign({ provider: "textbee", secret: TEXTBEE, body: textbeeBody });
  const ok = () => verify({ provider: "textbee", secret: TEXTBEE, headers: t.headers, body: textbeeBody });
  assert.equal(ok().id, "k-1");
  for (let i = 0; i < 80; i++) {
    const other = `other-secret-${String(i).padStart(10, "0")}`;
    assert.equal(codeOf(() => verify({ provider: "textbee", secret: other, headers: t.headers, body: textbeeBody })).code, "signature_mismatch");
    // The same secret as a one-element list, and with an option: distinct sets, same answers.
    assert.equal(verify({ provider: "textbee", secret: [TEXTBEE], headers: t.headers, body: textbeeBody, toleranceSeconds: i }).id, "k-1");
  }
  assert.equal(ok().id, "k-1");
  // Values of other types never collide with strings that print the same.
  assert.equal(codeOf(() => verify({ provider: "textbee", secret: TEXTBEE, headers: t.headers, body: textbeeBody, toleranceSeconds: "5" })).code, "invalid_argument");
  assert.equal(verify({ provider: "textbee", secret: TEXTBEE, headers: t.headers, body: textbeeBody, toleranceSeconds: 5 }).id, "k-1");
});
