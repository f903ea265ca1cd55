// Independent oracles for SPEC section 7: each provider's own SDK (devDependencies of pkg/,
// never copied) checks smshook's signatures, and a scheme written here from SPEC 7.2 with
// node:crypto alone checks both the SDKs and smshook. Three directions, per provider and
// per event type of SPEC 7.3:
//   1. smshook sign → the SDK's validator accepts exactly those headers, body bytes and URL;
//   2. independent signature → the SDK accepts it (so this file's scheme is right) → smshook
//      verify accepts it and normalizes it as SPEC 7.3 says;
//   3. negatives: a flipped body byte is refused by both; a wrong secret is refused by the
//      SDK (its validator is really consulted); and where an SDK and smshook disagree on
//      purpose (SPEC 7.2), the difference is pinned.
// SMSHOOK_ORACLES_SDK_ONLY=1 runs only the independent → SDK half (no smshook import), e.g.
// `cd pkg && SMSHOOK_ORACLES_SDK_ONLY=1 node --test test/oracles.test.mjs` before the core
// is built. test/run.sh runs all of it against the installed tarball.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

// twilio: `validateRequest(authToken, signature, url, params, algorithm?)`,
// `validateRequestWithBody(authToken, signature, url, body)` and
// `getExpectedTwilioSignature(authToken, url, params)`; lib/webhooks/webhooks.js, re-exported
// by the package's main entry.
const twilio = require("twilio");
// telnyx: `client.webhooks.unwrap(body, { headers, key? })` (async; rejects with
// TelnyxWebhookVerificationError) → TelnyxWebhook.verify in lib/webhooks.js. It reads the
// real clock (Date.now, ±300 s) and takes no time argument: see withClock below.
const { Telnyx } = require("telnyx");
const { TelnyxWebhookVerificationError } = require("telnyx/lib/webhooks");
// @vonage/jwt: `verifySignature(jwt, secret)` → boolean; dist/cjs/verifySignature.js, a
// jsonwebtoken verify with algorithms RS256/HS256 (exp and nbf read Date.now; payload_hash and
// iss are not checked at all).
const { verifySignature: vonageVerifySignature } = require("@vonage/jwt");
// plivo: `validateV3Signature(method, url, nonce, authToken, signatureHeader, params)` →
// boolean; dist/utils/v3Security.js, re-exported by dist/rest/client.js (the main entry).
const { validateV3Signature } = require("plivo");
// @sinch/sdk-core re-exports @sinch/sdk-client's `validateWebhookSignature(secret, headers,
// body)` (dist/utils/authorization.helper.js) and @sinch/sms's `SmsCallbackWebhooks`, whose
// `validateAuthenticationHeader(headers, body, path, method)` calls it with the app secret.
const { validateWebhookSignature: sinchValidate, SmsCallbackWebhooks } = require("@sinch/sdk-core");

const SDK_ONLY = process.env.SMSHOOK_ORACLES_SDK_ONLY === "1";
const smshook = SDK_ONLY ? null : await import("smshook");
/** Options for a test that needs smshook (skipped, visibly, in the SDK-only half). */
const NEEDS_SMSHOOK = SDK_ONLY ? { skip: "SMSHOOK_ORACLES_SDK_ONLY=1 (the SDK half only)" } : {};

const NOW = 1779886900000; // 2026-05-27T13:01:40Z, ms: every `now` in this file
const NOW_S = NOW / 1000;
const FIELDS = ["provider", "type", "providerEvent", "id", "occurredAt", "messageId", "from", "to", "text", "error"];

// ---------------------------------------------------------------------------------------
// Small helpers (node:crypto and built-ins only)

const b64 = (bytes) => Buffer.from(bytes).toString("base64");
const b64url = (bytes) => Buffer.from(bytes).toString("base64url");
const hmac = (alg, key, data) => crypto.createHmac(alg, key).update(data).digest();
const sha256hex = (data) => crypto.createHash("sha256").update(data).digest("hex");
const asText = (body) => (typeof body === "string" ? body : Buffer.from(body).toString("utf8"));

/** `application/x-www-form-urlencoded` from [name, value] pairs (spaces as `+`, as Twilio and Plivo send). */
const form = (pairs) => new URLSearchParams(pairs).toString();

/** The parameters of a form body as an object; a repeated name gives an array (SPEC 7.1). */
function formParams(body) {
  const out = {};
  for (const [k, v] of new URLSearchParams(asText(body))) {
    out[k] = k in out ? [].concat(out[k], v) : v;
  }
  return out;
}

/** Headers (plain object, Headers or pairs) as a plain object with lowercase names. */
function plainHeaders(headers) {
  const entries = headers instanceof Headers || Array.isArray(headers) ? [...headers] : Object.entries(headers);
  return Object.fromEntries(entries.map(([k, v]) => [k.toLowerCase(), String(v)]));
}
const header = (headers, name) => plainHeaders(headers)[name.toLowerCase()];

/** A copy of the body with its last ASCII letter or digit XOR 1 (still a letter, digit or
 * one of "@`": a form body stays decodable, so the signature is what fails). */
function flipByte(body) {
  const bytes = Buffer.from(body);
  let i = bytes.length - 1;
  while (i >= 0 && !/[A-Za-z0-9]/.test(String.fromCharCode(bytes[i]))) i--;
  bytes[i] ^= 1;
  return bytes.toString("utf8");
}

/** The smshook error code a call throws (it must throw a WebhookVerificationError). */
function codeOf(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof smshook.WebhookVerificationError, `not a WebhookVerificationError: ${e}`);
    return e.code;
  }
  assert.fail("smshook accepted it");
}

/** The normalized event's fields (SPEC 2, 7.3) and its data. */
function assertEvent(event, provider, c) {
  assert.deepEqual(Object.fromEntries(FIELDS.map((k) => [k, event[k]])), { provider, ...c.expect });
  assert.deepEqual(event.data, c.data);
}

/** Runs fn with Date (only Date) mocked at `ms`, for SDKs that read the clock and take no
 * time: Telnyx's ±300 s, jsonwebtoken's exp/nbf in @vonage/jwt. */
async function withClock(t, ms, fn) {
  t.mock.timers.enable({ apis: ["Date"], now: ms });
  try {
    return await fn();
  } finally {
    t.mock.timers.reset();
  }
}

// ---------------------------------------------------------------------------------------
describe("twilio: twilio-node validateRequest / validateRequestWithBody", () => {
  const TOKEN = "9f86d081884c7d659a2feaa0c55ad015";
  const URL_ = "https://hooks.example.com/sms/twilio?account=main";
  const ACCOUNT = "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX";
  const SID_IN = "SM5ab7891328b440f04b7c83b459fc85fd";
  const SID = "SM1342fe1b2c904d1ab04f0fc7a58abca9";

  // SPEC 7.2: the URL, then every parameter name (sorted by code unit) followed by its value;
  // a repeated name: its distinct values, sorted, each once. JSON: the URL alone.
  function twilioString(url, params) {
    let s = url;
    for (const name of Object.keys(params).sort()) {
      for (const v of [...new Set([].concat(params[name]))].sort()) s += name + v;
    }
    return s;
  }
  const twilioSign = (token, url, params, alg = "sha1") => b64(hmac(alg, token, twilioString(url, params)));
  const withBodyHash = (url, body) => `${url}${url.includes("?") ? "&" : "?"}bodySHA256=${sha256hex(body)}`;
  const isJson = (c) => c.json === true;

  /** The SDK's answer for a delivery: form → validateRequest, JSON → validateRequestWithBody. */
  function sdkAccepts(token, c, signature, url, body = c.body) {
    return isJson(c)
      ? twilio.validateRequestWithBody(token, signature, url, asText(body))
      : twilio.validateRequest(token, signature, url, formParams(body));
  }
  /** An independent delivery: the URL to post to and the headers. */
  function independent(c, token = TOKEN) {
    const url = isJson(c) ? withBodyHash(URL_, c.body) : URL_;
    const signature = twilioSign(token, url, isJson(c) ? {} : formParams(c.body));
    const contentType = isJson(c) ? "application/json" : "application/x-www-form-urlencoded";
    return { url, headers: { "X-Twilio-Signature": signature, "Content-Type": contentType } };
  }

  const inbound = "ToCountry=US&ToState=CA&SmsMessageSid=SM5ab7891328b440f04b7c83b459fc85fd&NumMedia=0&ToCity=SAN+FRANCISCO&FromZip=30512&SmsSid=SM5ab7891328b440f04b7c83b459fc85fd&FromState=GA&SmsStatus=received&FromCity=BLAIRSVILLE&Body=Hello&FromCountry=US&To=%2B14155550100&ToZip=94105&NumSegments=1&ReferralNumMedia=0&MessageSid=SM5ab7891328b440f04b7c83b459fc85fd&AccountSid=ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX&From=%2B17065550111&ApiVersion=2010-04-01";
  const inboundExpect = { providerEvent: "received", id: SID_IN, occurredAt: null, messageId: SID_IN, from: "+17065550111", to: "+14155550100", error: null };
  // Every MessageStatus (twilio@6.3.1 message.d.ts) and its normalized type (SPEC 7.3).
  const STATUSES = {
    queued: "message.status", sending: "message.status", sent: "message.sent", failed: "message.failed",
    delivered: "message.delivered", undelivered: "message.failed", receiving: "message.status",
    received: "message.received", accepted: "message.status", scheduled: "message.status",
    read: "receipt.read", partially_delivered: "message.status", canceled: "message.status",
  };
  const ERRORS = {
    failed: { extra: [["ErrorCode", "30008"], ["ErrorMessage", "Unknown error"]], error: { code: "30008", message: "Unknown error" } },
    undelivered: { extra: [["ErrorCode", "30003"]], error: { code: "30003", message: null } },
  };
  const statusCase = (status) => {
    const body = form([
      ...(ERRORS[status]?.extra ?? []), ["SmsSid", SID], ["SmsStatus", status], ["MessageStatus", status],
      ["To", "+15558675310"], ["MessageSid", SID], ["AccountSid", ACCOUNT], ["From", "+15017250604"], ["ApiVersion", "2010-04-01"],
    ]);
    return {
      name: `status ${status}`, body, data: formParams(body),
      expect: { type: STATUSES[status], providerEvent: status, id: `${SID}:${status}`, occurredAt: null, messageId: SID, from: "+15017250604", to: "+15558675310", text: null, error: ERRORS[status]?.error ?? null },
    };
  };
  const repeated = form([["MessageSid", SID_IN], ["From", "+17065550111"], ["To", "+14155550100"], ["Body", "Héllo 👋 & more"], ["Tag", "b"], ["Tag", "a"], ["Tag", "b"]]);
  const jsonInbound = JSON.stringify({ MessageSid: SID_IN, AccountSid: ACCOUNT, From: "+17065550111", To: "+14155550100", Body: "Hello ✓ from JSON", NumMedia: "0" });
  const jsonStatus = JSON.stringify({ MessageSid: SID, MessageStatus: "delivered", AccountSid: ACCOUNT, From: "+15017250604", To: "+15558675310" });
  const CASES = [
    { name: "inbound (a capture's form body)", body: inbound, data: formParams(inbound), expect: { type: "message.received", ...inboundExpect, text: "Hello" } },
    ...Object.keys(STATUSES).map(statusCase),
    { name: "inbound with a repeated parameter and UTF-8", body: repeated, data: formParams(repeated), expect: { type: "message.received", ...inboundExpect, providerEvent: "received", text: "Héllo 👋 & more" } },
    { name: "inbound, JSON body with bodySHA256", json: true, body: jsonInbound, data: JSON.parse(jsonInbound), expect: { type: "message.received", ...inboundExpect, text: "Hello ✓ from JSON" } },
    { name: "status delivered, JSON body with bodySHA256", json: true, body: jsonStatus, data: JSON.parse(jsonStatus), expect: statusCase("delivered").expect },
  ];
  assert.deepEqual(CASES[CASES.length - 3].data.Tag, ["b", "a", "b"]);

  for (const c of CASES) {
    test(`${c.name}: independent → SDK accepts`, () => {
      const d = independent(c);
      assert.equal(sdkAccepts(TOKEN, c, d.headers["X-Twilio-Signature"], d.url), true);
      if (!isJson(c)) assert.equal(twilio.getExpectedTwilioSignature(TOKEN, d.url, formParams(c.body)), d.headers["X-Twilio-Signature"]);
    });
    test(`${c.name}: independent → smshook verifies and normalizes`, NEEDS_SMSHOOK, () => {
      const d = independent(c);
      const event = smshook.verify({ provider: "twilio", secret: TOKEN, headers: d.headers, body: Buffer.from(c.body), url: d.url, now: NOW });
      assertEvent(event, "twilio", c);
    });
    test(`${c.name}: smshook sign → SDK accepts`, NEEDS_SMSHOOK, () => {
      const s = smshook.sign({ provider: "twilio", secret: TOKEN, body: c.body, url: URL_, now: NOW });
      assert.equal(s.url, isJson(c) ? withBodyHash(URL_, c.body) : URL_);
      assert.equal(asText(s.body), c.body);
      assert.match(header(s.headers, "content-type"), isJson(c) ? /^application\/json/ : /^application\/x-www-form-urlencoded/);
      assert.equal(smshook.detect(s.headers), "twilio");
      assert.equal(sdkAccepts(TOKEN, c, header(s.headers, "X-Twilio-Signature"), s.url, s.body), true);
      assert.equal(sdkAccepts(TOKEN, c, header(s.headers, "X-Twilio-Signature"), s.url, flipByte(s.body)), false);
    });
  }

  test("the SDK is consulted: a wrong auth token is refused (form and JSON)", () => {
    for (const c of [CASES[0], CASES.at(-1)]) {
      const d = independent(c, "0".repeat(32));
      assert.equal(sdkAccepts(TOKEN, c, d.headers["X-Twilio-Signature"], d.url), false);
      assert.equal(sdkAccepts("0".repeat(32), c, d.headers["X-Twilio-Signature"], d.url), true);
    }
  });

  test("a flipped body byte: the SDK and smshook both refuse (form and JSON)", () => {
    for (const c of [CASES[0], CASES.at(-1)]) {
      const d = independent(c);
      const tampered = flipByte(c.body);
      assert.notEqual(tampered, c.body);
      assert.equal(sdkAccepts(TOKEN, c, d.headers["X-Twilio-Signature"], d.url, tampered), false);
      if (!SDK_ONLY) {
        assert.equal(codeOf(() => smshook.verify({ provider: "twilio", secret: TOKEN, headers: d.headers, body: tampered, url: d.url, now: NOW })), "signature_mismatch");
      }
    }
  });

  test("known answers (twilio-node spec/validation.spec.js): this file's scheme and the SDK agree", () => {
    const params = { CallSid: "CA1234567890ABCDE", Caller: "+14158675309", Digits: "1234", From: "+14158675309", To: "+18005551212" };
    const url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    assert.equal(twilioSign("12345", url, params), "RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    const withPort = twilioSign("12345", "https://mycompany.com:443/myapp.php?foo=1&bar=2", params);
    assert.equal(withPort, "kvajT1Ptam85bY51eRf/AJRuM3w=");
    assert.equal(twilio.validateRequest("12345", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", url, params), true);
    assert.equal(twilio.validateRequest("12345", withPort, url, params), true, "the SDK adds :443");
    const json = '{"property": "value", "boolean": true}';
    assert.equal(sha256hex(json), "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620");
    assert.equal(twilioSign("12345", withBodyHash(url, json), {}), "a9nBmqA0ju/hNViExpshrM61xv4=");
    assert.equal(twilio.validateRequestWithBody("12345", "a9nBmqA0ju/hNViExpshrM61xv4=", withBodyHash(url, json), json), true);
  });

  test("default ports: signed with :443, posted to the URL without it (and the reverse): both accept", () => {
    const c = CASES[0];
    const params = formParams(c.body);
    const withPort = "https://hooks.example.com:443/sms/twilio?account=main";
    for (const [signedUrl, requestUrl] of [[withPort, URL_], [URL_, withPort]]) {
      const signature = twilioSign(TOKEN, signedUrl, params);
      assert.equal(twilio.validateRequest(TOKEN, signature, requestUrl, params), true, `${signedUrl} at ${requestUrl}`);
      if (!SDK_ONLY) {
        const event = smshook.verify({ provider: "twilio", secret: TOKEN, headers: { "X-Twilio-Signature": signature }, body: c.body, url: requestUrl, now: NOW });
        assert.equal(event.id, SID_IN);
      }
    }
  });

  test("quirk: the SDK strips any port (also :8443) and accepts; smshook refuses (SPEC 7.2)", () => {
    const c = CASES[0];
    const params = formParams(c.body);
    const signature = twilioSign(TOKEN, URL_, params);
    const requestUrl = "https://hooks.example.com:8443/sms/twilio?account=main";
    assert.equal(twilio.validateRequest(TOKEN, signature, requestUrl, params), true);
    if (!SDK_ONLY) {
      assert.equal(codeOf(() => smshook.verify({ provider: "twilio", secret: TOKEN, headers: { "X-Twilio-Signature": signature }, body: c.body, url: requestUrl, now: NOW })), "signature_mismatch");
    }
  });

  test("quirk: an upper-case bodySHA256 is refused by the SDK (a string compare), accepted by smshook (hex, SPEC 1)", () => {
    const c = CASES.at(-1);
    const url = `${URL_}&bodySHA256=${sha256hex(c.body).toUpperCase()}`;
    const signature = twilioSign(TOKEN, url, {});
    assert.equal(twilio.validateRequest(TOKEN, signature, url, {}), true, "the URL's signature is right");
    assert.equal(twilio.validateRequestWithBody(TOKEN, signature, url, c.body), false, "the SDK's validateBody");
    if (!SDK_ONLY) {
      assertEvent(smshook.verify({ provider: "twilio", secret: TOKEN, headers: { "X-Twilio-Signature": signature }, body: c.body, url, now: NOW }), "twilio", c);
    }
  });

  test("shared-key signing (X-Twilio-Webhooks-Signature-Settings: algorithm=HMAC_SHA256): both accept", () => {
    const c = CASES[0];
    const key = "webhooks-shared-key-0123456789abcdef";
    const settings = "key=webhooks_sharedkey_0001,algorithm=HMAC_SHA256";
    const signature = twilioSign(key, URL_, formParams(c.body), "sha256");
    assert.equal(twilio.getSignatureAlgorithm(settings), "HMAC_SHA256");
    assert.equal(twilio.validateRequest(key, signature, URL_, formParams(c.body), twilio.getSignatureAlgorithm(settings)), true);
    assert.equal(twilio.validateRequest(key, signature, URL_, formParams(c.body)), false, "not an HMAC-SHA1 signature");
    if (!SDK_ONLY) {
      const headers = { "X-Twilio-Signature": signature, "X-Twilio-Webhooks-Signature-Settings": settings };
      assertEvent(smshook.verify({ provider: "twilio", secret: key, headers, body: c.body, url: URL_, now: NOW }), "twilio", c);
      assert.equal(codeOf(() => smshook.verify({ provider: "twilio", secret: key, headers: { "X-Twilio-Signature": signature }, body: c.body, url: URL_, now: NOW })), "signature_mismatch");
    }
  });
});

// ---------------------------------------------------------------------------------------
describe("telnyx: telnyx-node webhooks.unwrap (TelnyxWebhook.verify, Ed25519)", () => {
  // An Ed25519 key pair from a fixed 32-byte seed: smshook's sign takes the seed (base64),
  // verify and the SDK take the public key (base64 of 32 bytes).
  function keyPair(seed) {
    const pkcs8 = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), seed]);
    const privateKey = crypto.createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" });
    const publicKey = b64(crypto.createPublicKey(privateKey).export({ format: "der", type: "spki" }).subarray(-32));
    return { seed: b64(seed), privateKey, publicKey };
  }
  const KEYS = keyPair(crypto.createHash("sha256").update("smshook oracle: telnyx").digest());
  const OTHER = keyPair(crypto.createHash("sha256").update("smshook oracle: someone else").digest());

  // SPEC 7.2: Ed25519 over "<telnyx-timestamp>|<raw body>".
  function independent(body, keys = KEYS, ts = NOW_S) {
    const signature = crypto.sign(null, Buffer.concat([Buffer.from(`${ts}|`), Buffer.from(body)]), keys.privateKey);
    return { "telnyx-signature-ed25519": b64(signature), "telnyx-timestamp": String(ts), "Content-Type": "application/json" };
  }
  /** The SDK's answer, its clock at `clockMs`; only a verification error counts as a refusal. */
  async function sdkAccepts(t, publicKey, headers, body, clockMs = NOW) {
    const client = new Telnyx({ apiKey: "KEY_UNUSED", publicKey });
    return withClock(t, clockMs, async () => {
      try {
        await client.webhooks.unwrap(asText(body), { headers: plainHeaders(headers) });
        return true;
      } catch (e) {
        if (e instanceof TelnyxWebhookVerificationError) return false;
        throw e;
      }
    });
  }

  const envelope = (eventType, id, occurredAt, payload) =>
    JSON.stringify({ data: { event_type: eventType, id, occurred_at: occurredAt, payload, record_type: "event" }, meta: { attempt: 1, delivered_to: "https://hooks.example.com/sms/telnyx" } });
  // PROVIDERS-FIELD.md §2's inbound known answer, byte for byte.
  const inbound = '{"data":{"event_type":"message.received","id":"b301ed3f-1490-491f-995f-6e64e69674d4","occurred_at":"2026-01-01T00:00:00.000+00:00","payload":{"direction":"inbound","from":{"phone_number":"+13125550001"},"id":"84cca175-9755-4859-b67f-4730d7f58aa3","record_type":"message","text":"Hello","to":[{"phone_number":"+13125550002","status":"webhook_delivered"}],"type":"SMS"},"record_type":"event"},"meta":{"attempt":1,"delivered_to":"https://example.com/webhooks"}}';
  const MSG = "ac012cbf-5e09-46af-a69a-7c0e2d90993c";
  const outbound = (status, errors = []) => ({
    completed_at: "2024-01-15T21:32:14.148+00:00", direction: "outbound", errors,
    from: { carrier: "Telnyx", line_type: "Wireless", phone_number: "+13125550001" }, id: MSG, parts: 1, record_type: "message",
    sent_at: "2024-01-15T21:32:13.596+00:00", text: "Hello there!",
    to: [{ carrier: "T-MOBILE USA, INC.", line_type: "Wireless", phone_number: "+13125550002", status }], type: "SMS",
  });
  const outboundExpect = { occurredAt: "2024-01-15T21:32:14.148Z", messageId: MSG, from: "+13125550001", to: "+13125550002", text: "Hello there!", error: null };
  // message.finalized by payload.to[0].status: every value telnyx@7.24.0 lists (SPEC 7.3).
  const FINAL = {
    queued: "message.status", sending: "message.status", sent: "message.status", expired: "message.expired",
    sending_failed: "message.failed", delivery_unconfirmed: "message.status", delivered: "message.delivered",
    delivery_failed: "message.failed", read: "receipt.read",
  };
  const FAILURES = {
    sending_failed: { errors: [{ code: 40008, title: "Message not delivered" }], error: { code: "40008", message: "Message not delivered" } },
    delivery_failed: {
      errors: [{ code: "40300", title: "Destination number unreachable", detail: "The destination number is not reachable on the carrier network." }],
      error: { code: "40300", message: "The destination number is not reachable on the carrier network." },
    },
  };
  const eventCase = (name, eventType, status, type, failure) => {
    const id = crypto.createHash("md5").update(name).digest("hex").replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-");
    const body = envelope(eventType, id, "2024-01-15T21:32:14.148+00:00", outbound(status, failure?.errors));
    return { name, body, data: JSON.parse(body), expect: { type, providerEvent: eventType, id, ...outboundExpect, error: failure?.error ?? null } };
  };
  const CASES = [
    {
      name: "message.received (PROVIDERS-FIELD known answer)", body: inbound, data: JSON.parse(inbound),
      expect: { type: "message.received", providerEvent: "message.received", id: "b301ed3f-1490-491f-995f-6e64e69674d4", occurredAt: "2026-01-01T00:00:00.000Z", messageId: "84cca175-9755-4859-b67f-4730d7f58aa3", from: "+13125550001", to: "+13125550002", text: "Hello", error: null },
    },
    eventCase("message.sent", "message.sent", "sent", "message.sent"),
    ...Object.entries(FINAL).map(([status, type]) => eventCase(`message.finalized ${status}`, "message.finalized", status, type, FAILURES[status])),
    eventCase("message.finalized delivery_failed, no errors", "message.finalized", "delivery_failed", "message.failed", { errors: [], error: { code: null, message: null } }),
    eventCase("message.read", "message.read", "read", "receipt.read"),
  ];

  for (const c of CASES) {
    test(`${c.name}: independent → SDK accepts`, async (t) => {
      assert.equal(await sdkAccepts(t, KEYS.publicKey, independent(c.body), c.body), true);
    });
    test(`${c.name}: independent → smshook verifies and normalizes`, NEEDS_SMSHOOK, () => {
      const event = smshook.verify({ provider: "telnyx", secret: KEYS.publicKey, headers: independent(c.body), body: Buffer.from(c.body), now: NOW });
      assertEvent(event, "telnyx", c);
    });
    test(`${c.name}: smshook sign → SDK accepts`, NEEDS_SMSHOOK, async (t) => {
      const s = smshook.sign({ provider: "telnyx", secret: KEYS.seed, body: c.body, now: NOW });
      assert.equal(asText(s.body), c.body);
      assert.equal(header(s.headers, "telnyx-timestamp"), String(NOW_S));
      assert.match(header(s.headers, "content-type"), /^application\/json/);
      assert.equal(smshook.detect(s.headers), "telnyx");
      // Ed25519 is deterministic: smshook's signature is the very one node:crypto makes.
      assert.equal(header(s.headers, "telnyx-signature-ed25519"), independent(c.body)["telnyx-signature-ed25519"]);
      assert.equal(await sdkAccepts(t, KEYS.publicKey, s.headers, s.body), true);
      assert.equal(await sdkAccepts(t, KEYS.publicKey, s.headers, flipByte(s.body)), false);
    });
  }

  test("the SDK is consulted: another account's public key is refused", async (t) => {
    const headers = independent(inbound, OTHER);
    assert.equal(await sdkAccepts(t, KEYS.publicKey, headers, inbound), false);
    assert.equal(await sdkAccepts(t, OTHER.publicKey, headers, inbound), true);
  });

  test("a flipped body byte: the SDK and smshook both refuse", async (t) => {
    const headers = independent(inbound);
    const tampered = flipByte(inbound);
    assert.equal(await sdkAccepts(t, KEYS.publicKey, headers, tampered), false);
    if (!SDK_ONLY) {
      assert.equal(codeOf(() => smshook.verify({ provider: "telnyx", secret: KEYS.publicKey, headers, body: tampered, now: NOW })), "signature_mismatch");
    }
  });

  test("known answer (RFC 8032 test 1 key, PROVIDERS-FIELD §2): this file's scheme, the SDK and smshook", async (t) => {
    const rfc = keyPair(Buffer.from("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "hex"));
    assert.equal(rfc.publicKey, "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
    const headers = independent(inbound, rfc, 1767225600);
    assert.equal(headers["telnyx-signature-ed25519"], "ngQhzk+eAiAiKNYT/N318K/UVzLLMeXR4nTCE6QZdkJnxzYOm5+I9ujSQp7bCsWFI8hhpokWVBDekUZqiEYKCw==");
    assert.equal(await sdkAccepts(t, rfc.publicKey, headers, inbound, 1767225600000), true);
    if (!SDK_ONLY) {
      assertEvent(smshook.verify({ provider: "telnyx", secret: rfc.publicKey, headers, body: inbound, now: 1767225600000 }), "telnyx", CASES[0]);
    }
  });

  test("freshness: 300 s off is accepted and 301 s refused, by the SDK (its clock) and smshook (now)", async (t) => {
    for (const [offset, ok] of [[300, true], [-300, true], [301, false], [-301, false]]) {
      const headers = independent(inbound, KEYS, NOW_S + offset);
      assert.equal(await sdkAccepts(t, KEYS.publicKey, headers, inbound), ok, `SDK, ${offset} s`);
      if (!SDK_ONLY) {
        const call = () => smshook.verify({ provider: "telnyx", secret: KEYS.publicKey, headers, body: inbound, now: NOW });
        if (ok) assert.equal(call().id, CASES[0].expect.id);
        else assert.equal(codeOf(call), "timestamp_out_of_tolerance", `smshook, ${offset} s`);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------
describe("vonage: @vonage/jwt verifySignature (HS256 JWT with payload_hash)", () => {
  const SECRET = "vG4l1cXo2dPq9RsT6uWy8zA3bC5eF7hJ";
  const JTI = "6c4e1c0e-8c5f-4b1e-9d3a-2f7b8e9a0c1d";

  // SPEC 7.2: an HS256 JWT written by hand; payload_hash binds the body.
  function jwt(claims, secret = SECRET) {
    const signingInput = `${b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${b64url(JSON.stringify(claims))}`;
    return `${signingInput}.${b64url(hmac("sha256", secret, signingInput))}`;
  }
  const claimsFor = (body, extra = {}) => ({ iat: NOW_S, jti: JTI, iss: "Vonage", payload_hash: sha256hex(body), api_key: "a1b2c3d4", application_id: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", ...extra });
  const independent = (body, secret = SECRET) => ({ Authorization: `Bearer ${jwt(claimsFor(body), secret)}`, "Content-Type": "application/json" });
  const tokenOf = (headers) => header(headers, "authorization").replace(/^Bearer /i, "");
  const claimsOf = (token) => JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"));
  /** The SDK's answer, with Date at `now` (jsonwebtoken checks exp and nbf against it). */
  const sdkAccepts = (t, token, secret = SECRET) => withClock(t, NOW, () => vonageVerifySignature(token, secret));

  // PROVIDERS-FIELD.md §3's inbound SMS, byte for byte.
  const inbound = '{"channel":"sms","message_uuid":"52afe398-e31a-4362-8c42-beb0c3b1d098","to":"447700900000","from":"447700900001","timestamp":"2020-01-01T14:00:00.000Z","text":"Hello From Vonage!","sms":{"total_count":"2","num_messages":"2","keyword":"HELLO"},"usage":{"currency":"EUR","price":"0.0333"},"origin":{"network_code":"12345"}}';
  const UUID = "aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab";
  const STATUSES = { submitted: "message.sent", delivered: "message.delivered", read: "receipt.read", rejected: "message.failed", undeliverable: "message.failed" };
  const ERRORS = {
    rejected: { type: "https://developer.vonage.com/api-errors/messages#1000", title: "1000", detail: "Throttled - You have exceeded the submission capacity allowed on this account. Please wait and retry", instance: "bf0ca0bf927b3b52e3cb03217e1a1ddf" },
    undeliverable: { type: "https://developer.vonage.com/api-errors/messages#1320", title: 1320, detail: "Message failed because the destination is unreachable", instance: "0c5e0f3c2b1a49d8a7e6f5d4c3b2a190" },
  };
  const statusCase = (status) => {
    const err = ERRORS[status];
    const body = JSON.stringify({ message_uuid: UUID, to: "447700900000", from: "447700900001", timestamp: "2025-02-03T12:14:25Z", status, channel: "sms", ...(err ? { error: err } : { usage: { currency: "EUR", price: "0.0333" } }) });
    return {
      name: `status ${status}`, body, data: JSON.parse(body),
      expect: { type: STATUSES[status], providerEvent: status, id: `${UUID}:${status}`, occurredAt: "2025-02-03T12:14:25.000Z", messageId: UUID, from: "447700900001", to: "447700900000", text: null, error: err ? { code: String(err.title), message: err.detail } : null },
    };
  };
  const CASES = [
    {
      name: "inbound SMS", body: inbound, data: JSON.parse(inbound),
      expect: { type: "message.received", providerEvent: "inbound", id: "52afe398-e31a-4362-8c42-beb0c3b1d098", occurredAt: "2020-01-01T14:00:00.000Z", messageId: "52afe398-e31a-4362-8c42-beb0c3b1d098", from: "447700900001", to: "447700900000", text: "Hello From Vonage!", error: null },
    },
    ...Object.keys(STATUSES).map(statusCase),
  ];

  for (const c of CASES) {
    test(`${c.name}: independent → SDK accepts`, async (t) => {
      assert.equal(await sdkAccepts(t, tokenOf(independent(c.body))), true);
    });
    test(`${c.name}: independent → smshook verifies and normalizes`, NEEDS_SMSHOOK, () => {
      const event = smshook.verify({ provider: "vonage", secret: SECRET, headers: independent(c.body), body: Buffer.from(c.body), now: NOW });
      assertEvent(event, "vonage", c);
    });
    test(`${c.name}: smshook sign → SDK accepts; its claims checked here`, NEEDS_SMSHOOK, async (t) => {
      const s = smshook.sign({ provider: "vonage", secret: SECRET, body: c.body, now: NOW, id: JTI });
      assert.equal(asText(s.body), c.body);
      assert.match(header(s.headers, "authorization"), /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
      assert.match(header(s.headers, "content-type"), /^application\/json/);
      assert.equal(smshook.detect(s.headers), "vonage");
      const token = tokenOf(s.headers);
      assert.equal(await sdkAccepts(t, token), true);
      assert.equal(await sdkAccepts(t, token, "another-signature-secret-0123456"), false);
      // What the SDK does not check, checked here independently (SPEC 7.2).
      assert.deepEqual(JSON.parse(Buffer.from(token.split(".")[0], "base64url")).alg, "HS256");
      const claims = claimsOf(token);
      assert.equal(claims.iat, NOW_S);
      assert.equal(claims.jti, JTI);
      assert.equal(claims.iss, "Vonage");
      assert.equal(claims.payload_hash.toLowerCase(), sha256hex(c.body));
    });
  }

  test("the SDK is consulted: a wrong signature secret is refused", async (t) => {
    const token = tokenOf(independent(inbound, "not-the-secret-not-the-secret-00"));
    assert.equal(await sdkAccepts(t, token), false);
    assert.equal(await sdkAccepts(t, token, "not-the-secret-not-the-secret-00"), true);
  });

  test("a flipped body byte: smshook refuses; the SDK, which ignores payload_hash, still accepts", async (t) => {
    const headers = independent(inbound);
    const tampered = flipByte(inbound);
    assert.equal(await sdkAccepts(t, tokenOf(headers)), true, "the SDK checks the token alone");
    // Re-pointing payload_hash at the tampered body breaks the token: both refuse.
    const [h, , sig] = tokenOf(headers).split(".");
    const forged = `${h}.${b64url(JSON.stringify(claimsFor(tampered)))}.${sig}`;
    assert.equal(await sdkAccepts(t, forged), false);
    if (!SDK_ONLY) {
      assert.equal(codeOf(() => smshook.verify({ provider: "vonage", secret: SECRET, headers, body: tampered, now: NOW })), "signature_mismatch");
      assert.equal(codeOf(() => smshook.verify({ provider: "vonage", secret: SECRET, headers: { Authorization: `Bearer ${forged}` }, body: tampered, now: NOW })), "signature_mismatch");
    }
  });

  test("known answer (vonage-python test_verify_jwt.py): the SDK accepts it, smshook refuses its claims", async (t) => {
    const token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJPbmxpbmUgSldUIEJ1aWxkZXIiLCJpYXQiOjE2OTc2MzQ2ODAsImV4cCI6MzMyNTQ1NDA4MjgsImF1ZCI6IiIsInN1YiI6IiJ9.88vJc3I2HhuqEDixHXVhc9R30tA6U_HQHZTC29y6CGM";
    const secret = "qwertyuiopasdfghjklzxcvbnm123456";
    assert.equal(token.split(".")[2], b64url(hmac("sha256", secret, token.split(".").slice(0, 2).join("."))), "this file's HS256");
    assert.equal(await sdkAccepts(t, token, secret), true);
    if (!SDK_ONLY) {
      const now = claimsOf(token).iat * 1000;
      assert.equal(codeOf(() => smshook.verify({ provider: "vonage", secret, headers: { Authorization: `Bearer ${token}` }, body: inbound, now })), "claim_mismatch");
    }
  });
});

// ---------------------------------------------------------------------------------------
describe("plivo: plivo-node validateV3Signature (HMAC-SHA256, V3 string)", () => {
  const TOKEN = "MzY2ZTk4NjY3MjQ5ZDNjMmQ4NzQ1ZDc4YjRlNjFj";
  const URL_ = "https://hooks.example.com/sms/plivo?b=2&a=1&tag=north%20east";
  const NONCE = "05429567804466091622";

  // SPEC 7.2: the URL without its query; `?` + the query's decoded name=value pairs, sorted,
  // joined with `&`; `.` (after a query) or `?` (without one) + each POST parameter as
  // namevalue, names sorted; `.` + the nonce.
  function v3String(url, params, nonce) {
    const q = url.indexOf("?");
    const base = q === -1 ? url : url.slice(0, q);
    const query = q === -1 || q === url.length - 1 ? [] : url.slice(q + 1).split("&").map((pair) => {
      const eq = pair.indexOf("=");
      return eq === -1 ? [decodeURIComponent(pair), ""] : [decodeURIComponent(pair.slice(0, eq)), decodeURIComponent(pair.slice(eq + 1))];
    });
    let s = base;
    if (query.length) s += `?${query.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join("&")}`;
    const names = Object.keys(params).sort();
    if (names.length) s += (query.length ? "." : "?") + names.map((k) => [].concat(params[k]).sort().map((v) => k + v).join("")).join("");
    return `${s}.${nonce}`;
  }
  const v3Sign = (token, url, params, nonce) => b64(hmac("sha256", token, v3String(url, params, nonce)));
  const independent = (body, token = TOKEN) => ({
    "X-Plivo-Signature-V3": v3Sign(token, URL_, formParams(body), NONCE), "X-Plivo-Signature-V3-Nonce": NONCE, "Content-Type": "application/x-www-form-urlencoded",
  });
  const sdkAccepts = (headers, body, url = URL_, token = TOKEN) =>
    validateV3Signature("POST", url, header(headers, "X-Plivo-Signature-V3-Nonce"), token, header(headers, "X-Plivo-Signature-V3"), formParams(body));

  const UUID_IN = "0936ec98-7c4c-11e8-9a88-06b2e2ce2ed2";
  const inbound = form([["From", "14155551234"], ["To", "14155550000"], ["Text", "Hello ✓ from Plivo"], ["Type", "sms"], ["MessageUUID", UUID_IN], ["Units", "1"], ["TotalRate", "0.00000"], ["TotalAmount", "0.00000"], ["MessageIntent", ""], ["PowerpackUUID", ""]]);
  const mms = form([["From", "14155551234"], ["To", "14155550000"], ["Body", "Picture attached"], ["Type", "mms"], ["MessageUUID", UUID_IN], ["MediaCount", "1"], ["Media0", "https://media.plivo.com/Account/x/Media/y"]]);
  const inboundExpect = { type: "message.received", providerEvent: "inbound", id: UUID_IN, occurredAt: null, messageId: UUID_IN, from: "14155551234", to: "14155550000", error: null };
  const UUID = "db3ce55a-7f1d-11e1-8ea7-1231380bc196";
  const STATUSES = { queued: "message.status", sent: "message.sent", delivered: "message.delivered", undelivered: "message.failed", failed: "message.failed", read: "receipt.read", rejected: "message.failed" };
  const ERROR_CODES = { undelivered: "200", failed: "420", rejected: "450" };
  const statusCase = (status) => {
    // PROVIDERS-FIELD.md §4's delivered callback with Status and ErrorCode varied (empty values kept).
    const body = form([["MessageUUID", UUID], ["To", "14155550111"], ["From", "14155550100"], ["Type", "sms"], ["Status", status], ["Units", "1"], ["TotalRate", "0.0050"], ["TotalAmount", "0.0050"], ["MCC", "310"], ["MNC", "260"], ["ErrorCode", ERROR_CODES[status] ?? ""], ["ParentMessageUUID", UUID], ["PartInfo", ""], ["Sequence", "3"], ["MessageTime", "2025-01-01 12:00:00.123456"], ["DeliveryReportTime", "2025-01-01 12:00:05.456789"], ["PowerpackUUID", ""]]);
    return {
      name: `status ${status}`, body, data: formParams(body),
      expect: { type: STATUSES[status], providerEvent: status, id: `${UUID}:${status}`, occurredAt: null, messageId: UUID, from: "14155550100", to: "14155550111", text: null, error: ERROR_CODES[status] ? { code: ERROR_CODES[status], message: null } : null },
    };
  };
  const CASES = [
    { name: "inbound SMS", body: inbound, data: formParams(inbound), expect: { ...inboundExpect, text: "Hello ✓ from Plivo" } },
    { name: "inbound MMS (Body, no Text)", body: mms, data: formParams(mms), expect: { ...inboundExpect, text: "Picture attached" } },
    ...Object.keys(STATUSES).map(statusCase),
  ];

  for (const c of CASES) {
    test(`${c.name}: independent → SDK accepts`, () => {
      assert.equal(sdkAccepts(independent(c.body), c.body), true);
    });
    test(`${c.name}: independent → smshook verifies and normalizes`, NEEDS_SMSHOOK, () => {
      const event = smshook.verify({ provider: "plivo", secret: TOKEN, headers: independent(c.body), body: Buffer.from(c.body), url: URL_, now: NOW });
      assertEvent(event, "plivo", c);
    });
    test(`${c.name}: smshook sign → SDK accepts`, NEEDS_SMSHOOK, () => {
      const s = smshook.sign({ provider: "plivo", secret: TOKEN, body: c.body, url: URL_, nonce: NONCE, now: NOW });
      assert.equal(s.url, URL_);
      assert.equal(asText(s.body), c.body);
      assert.equal(header(s.headers, "X-Plivo-Signature-V3-Nonce"), NONCE);
      assert.match(header(s.headers, "content-type"), /^application\/x-www-form-urlencoded/);
      assert.equal(smshook.detect(s.headers), "plivo");
      assert.equal(sdkAccepts(s.headers, s.body, s.url), true);
      assert.equal(sdkAccepts(s.headers, flipByte(s.body), s.url), false);
    });
  }

  test("the SDK is consulted: a wrong auth token is refused", () => {
    const headers = independent(inbound, "WRONGTOKENWRONGTOKENWRONGTOKENWRONGTOKEN");
    assert.equal(sdkAccepts(headers, inbound), false);
    assert.equal(sdkAccepts(headers, inbound, URL_, "WRONGTOKENWRONGTOKENWRONGTOKENWRONGTOKEN"), true);
  });

  test("a flipped body byte: the SDK and smshook both refuse", () => {
    const headers = independent(inbound);
    const tampered = flipByte(inbound);
    assert.equal(sdkAccepts(headers, tampered), false);
    if (!SDK_ONLY) {
      assert.equal(codeOf(() => smshook.verify({ provider: "plivo", secret: TOKEN, headers, body: tampered, url: URL_, now: NOW })), "signature_mismatch");
    }
  });

  test("known answers (PROVIDERS-FIELD §4 worked strings): this file's scheme, the SDK and smshook", () => {
    const params = { From: "14155551234", To: "14155550000", Text: "Hello", MessageUUID: "abc-123" };
    const url = "https://example.com/plivo/sms";
    assert.equal(v3String(url, params, "12345"), "https://example.com/plivo/sms?From14155551234MessageUUIDabc-123TextHelloTo14155550000.12345");
    const answers = [[url, "WWjk9Kw6+KUdbIYyRF/ecaLXmHHuMLVvU4G+NDmCYzU="], [`${url}?b=2&a=1`, "fPrUWsH5R3o3DwcoUHxSPygNOGQZLxDPEWEswBaBdi4="]];
    for (const [u, expected] of answers) {
      assert.equal(v3Sign("my_auth_token", u, params, "12345"), expected, u);
      assert.equal(validateV3Signature("POST", u, "12345", "my_auth_token", expected, params), true, u);
      if (!SDK_ONLY) {
        const headers = { "X-Plivo-Signature-V3": expected, "X-Plivo-Signature-V3-Nonce": "12345" };
        const event = smshook.verify({ provider: "plivo", secret: "my_auth_token", headers, body: form(Object.entries(params)), url: new URL(u), now: NOW });
        assert.deepEqual([event.type, event.id, event.text], ["message.received", "abc-123", "Hello"]);
      }
    }
  });

  test("a comma-separated signature list: an entry that matches is enough, for both", () => {
    const good = independent(inbound)["X-Plivo-Signature-V3"];
    const wrong = v3Sign("WRONGTOKENWRONGTOKENWRONGTOKENWRONGTOKEN", URL_, formParams(inbound), NONCE);
    for (const list of [`${wrong},${good}`, `${good},${wrong}`, `not base64!,${good}`]) {
      const headers = { "X-Plivo-Signature-V3": list, "X-Plivo-Signature-V3-Nonce": NONCE };
      assert.equal(sdkAccepts(headers, inbound), true, list);
      if (!SDK_ONLY) assert.equal(smshook.verify({ provider: "plivo", secret: TOKEN, headers, body: inbound, url: URL_, now: NOW }).id, UUID_IN, list);
    }
    // The SDK splits on "," and compares each piece exactly: a space after the comma is a miss.
    assert.equal(sdkAccepts({ "X-Plivo-Signature-V3": `${wrong}, ${good}`, "X-Plivo-Signature-V3-Nonce": NONCE }, inbound), false);
  });
});

// ---------------------------------------------------------------------------------------
describe("sinch: @sinch/sdk-core validateWebhookSignature / SmsCallbackWebhooks", () => {
  const SECRET = "sinch-webhook-secret-7f3a91c2";
  const NONCE = "01JHFFHWYY7HSS4FWTMDTQEK8V";

  // SPEC 7.2: base64 HMAC-SHA256 over "<raw body>.<nonce>.<timestamp>".
  function independent(body, { secret = SECRET, ts = NOW_S, algorithm = "HmacSHA256" } = {}) {
    const signature = b64(hmac("sha256", secret, Buffer.concat([Buffer.from(body), Buffer.from(`.${NONCE}.${ts}`)])));
    return {
      "x-sinch-webhook-signature": signature, "x-sinch-webhook-signature-nonce": NONCE,
      "x-sinch-webhook-signature-timestamp": String(ts), "x-sinch-webhook-signature-algorithm": algorithm, "Content-Type": "application/json",
    };
  }
  /** Both SDK entry points must give the same answer; headers as Node's IncomingHttpHeaders. */
  function sdkAccepts(headers, body, secret = SECRET) {
    const direct = sinchValidate(secret, plainHeaders(headers), asText(body));
    const sms = new SmsCallbackWebhooks(secret).validateAuthenticationHeader(plainHeaders(headers), asText(body), "/sms/sinch", "POST");
    assert.equal(sms, direct, "SmsCallbackWebhooks and validateWebhookSignature agree");
    return direct;
  }

  // PROVIDERS-FIELD.md §5's inbound (SDK e2e values), byte for byte.
  const inbound = '{"type":"mo_text","id":"01W4FFL35P4NC4K35SMSBATCH8","from":"12015555555","to":"12017777777","body":"Hello John! 👋","operator_id":"311071","received_at":"2024-06-06T07:52:37.386Z"}';
  const BATCH = "01W4FFL35P4NC4K35SMSBATCH9";
  // Every recipient report status and its normalized type (SPEC 7.3), with a plausible code.
  const STATUSES = {
    Queued: ["message.status", 400], Dispatched: ["message.sent", 401], Aborted: ["message.failed", 412],
    Cancelled: ["message.failed", 407], Rejected: ["message.failed", 416], Deleted: ["message.failed", 418],
    Delivered: ["message.delivered", 0], Failed: ["message.failed", 404], Expired: ["message.expired", 406], Unknown: ["message.status", 405],
  };
  const reportCase = (status) => {
    const [type, code] = STATUSES[status];
    const body = JSON.stringify({ type: "recipient_delivery_report_sms", batch_id: BATCH, recipient: "12010000000", code, status, client_reference: "client-ref", at: "2024-06-06T08:17:15.603Z" });
    return {
      name: `recipient_delivery_report_sms ${status}`, body, data: JSON.parse(body),
      expect: { type, providerEvent: "recipient_delivery_report_sms", id: sha256hex(body), occurredAt: "2024-06-06T08:17:15.603Z", messageId: BATCH, from: null, to: "12010000000", text: null, error: type === "message.failed" ? { code: String(code), message: status } : null },
    };
  };
  const batch = JSON.stringify({ type: "delivery_report_sms", batch_id: BATCH, statuses: [{ code: 0, count: 1, status: "Delivered", recipients: ["12010000000"] }], total_message_count: 1, client_reference: "client-ref" });
  const CASES = [
    {
      name: "mo_text", body: inbound, data: JSON.parse(inbound),
      expect: { type: "message.received", providerEvent: "mo_text", id: "01W4FFL35P4NC4K35SMSBATCH8", occurredAt: "2024-06-06T07:52:37.386Z", messageId: "01W4FFL35P4NC4K35SMSBATCH8", from: "12015555555", to: "12017777777", text: "Hello John! 👋", error: null },
    },
    ...Object.keys(STATUSES).map(reportCase),
    {
      name: "delivery_report_sms (batch)", body: batch, data: JSON.parse(batch),
      expect: { type: "message.status", providerEvent: "delivery_report_sms", id: sha256hex(batch), occurredAt: null, messageId: BATCH, from: null, to: null, text: null, error: null },
    },
  ];

  for (const c of CASES) {
    test(`${c.name}: independent → SDK accepts`, () => {
      assert.equal(sdkAccepts(independent(c.body), c.body), true);
    });
    test(`${c.name}: independent → smshook verifies and normalizes`, NEEDS_SMSHOOK, () => {
      const event = smshook.verify({ provider: "sinch", secret: SECRET, headers: independent(c.body), body: Buffer.from(c.body), now: NOW });
      assertEvent(event, "sinch", c);
    });
    test(`${c.name}: smshook sign → SDK accepts`, NEEDS_SMSHOOK, () => {
      const s = smshook.sign({ provider: "sinch", secret: SECRET, body: c.body, nonce: NONCE, now: NOW });
      assert.equal(asText(s.body), c.body);
      assert.equal(header(s.headers, "x-sinch-webhook-signature-nonce"), NONCE);
      assert.equal(header(s.headers, "x-sinch-webhook-signature-timestamp"), String(NOW_S));
      assert.equal(header(s.headers, "x-sinch-webhook-signature-algorithm"), "HmacSHA256");
      assert.match(header(s.headers, "content-type"), /^application\/json/);
      assert.equal(smshook.detect(s.headers), "sinch");
      assert.equal(sdkAccepts(s.headers, s.body), true);
      assert.equal(sdkAccepts(s.headers, flipByte(s.body)), false);
    });
  }

  test("the SDK is consulted: a wrong webhook secret is refused", () => {
    const headers = independent(inbound, { secret: "not-the-secret" });
    assert.equal(sdkAccepts(headers, inbound), false);
    assert.equal(sdkAccepts(headers, inbound, "not-the-secret"), true);
  });

  test("a flipped body byte: the SDK and smshook both refuse", () => {
    const headers = independent(inbound);
    const tampered = flipByte(inbound);
    assert.equal(sdkAccepts(headers, tampered), false);
    if (!SDK_ONLY) {
      assert.equal(codeOf(() => smshook.verify({ provider: "sinch", secret: SECRET, headers, body: tampered, now: NOW })), "signature_mismatch");
    }
  });

  test("known answer (sinch-sdk-node callbacks-webhook.test.ts): this file's scheme, the SDK and smshook", () => {
    const body = '{"at":"2025-01-13T09:22:40.914Z","batch_id":"01JHFFHQ0P99JPPNQPJDV7JTBP","client_reference":"a client reference","code":0,"operator_status_at":"2025-01-13T09:22:00Z","recipient":"33662162466","status":"Delivered","type":"recipient_delivery_report_sms"}';
    const headers = independent(body, { secret: "SMSWebhooksSecret", ts: 1736760161 });
    assert.equal(headers["x-sinch-webhook-signature"], "ZoHei66PPN/kZjw7hFVfGhJOnml3iGNCMWoyQVcE5o0=");
    assert.equal(sdkAccepts(headers, body, "SMSWebhooksSecret"), true);
    if (!SDK_ONLY) {
      const event = smshook.verify({ provider: "sinch", secret: "SMSWebhooksSecret", headers, body, now: 1736760161000 });
      assert.deepEqual([event.type, event.id, event.messageId, event.to], ["message.delivered", sha256hex(body), "01JHFFHQ0P99JPPNQPJDV7JTBP", "33662162466"]);
    }
  });

  test("quirks: the SDK ignores the algorithm header and the timestamp's age; smshook checks both (SPEC 7.2)", () => {
    const otherAlgorithm = independent(inbound, { algorithm: "HmacSHA1" });
    assert.equal(sdkAccepts(otherAlgorithm, inbound), true);
    const hourOld = independent(inbound, { ts: NOW_S - 3600 });
    assert.equal(sdkAccepts(hourOld, inbound), true);
    const { "x-sinch-webhook-signature-algorithm": _, ...noAlgorithm } = independent(inbound);
    assert.equal(sdkAccepts(noAlgorithm, inbound), true);
    if (!SDK_ONLY) {
      assert.equal(codeOf(() => smshook.verify({ provider: "sinch", secret: SECRET, headers: otherAlgorithm, body: inbound, now: NOW })), "malformed_signature");
      assert.equal(codeOf(() => smshook.verify({ provider: "sinch", secret: SECRET, headers: hourOld, body: inbound, now: NOW })), "timestamp_out_of_tolerance");
      assert.equal(smshook.verify({ provider: "sinch", secret: SECRET, headers: noAlgorithm, body: inbound, now: NOW }).id, CASES[0].expect.id, "absent means HmacSHA256");
    }
  });

  test("quirk: the SDK looks headers up in a plain object only (a fetch Headers reads as none); smshook takes both", () => {
    const headers = new Headers(independent(inbound));
    assert.equal(sinchValidate(SECRET, headers, inbound), false);
    assert.equal(sinchValidate(SECRET, Object.fromEntries(headers), inbound), true);
    if (!SDK_ONLY) assert.equal(smshook.verify({ provider: "sinch", secret: SECRET, headers, body: inbound, now: NOW }).id, CASES[0].expect.id);
  });
});
