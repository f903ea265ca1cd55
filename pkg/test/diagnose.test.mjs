// diagnose() (src/diagnose.js): deliveries signed with sign(), broken the usual ways (the
// secret, the body, the URL, the clock, the provider, the headers), must give the finding
// that names the mistake, `confirmed` only when the fixed variant verifies, and never the
// secret in a message. The modules come from ../src (in the repository) or from
// $SMSHOOK_PKG_DIR (the installed package, set by run.sh).
import { test } from "node:test";
import assert from "node:assert/strict";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const PKG = process.env.SMSHOOK_PKG_DIR ?? fileURLToPath(new URL("..", import.meta.url));
/** A package file: beside this test in the repository, else in the installed package. */
async function load(rel) {
  const local = new URL(`../${rel}`, import.meta.url);
  return import(existsSync(fileURLToPath(local)) ? local.href : pathToFileURL(`${PKG}/${rel}`).href);
}
const { diagnose, formatDiagnosis } = await load("src/diagnose.js");
const smshook = await import(pathToFileURL(`${PKG}/src/node.mjs`).href);
const { sign } = smshook;

const VECTORS = process.env.SMSHOOK_VECTORS ?? fileURLToPath(new URL("../../tests/vectors/", import.meta.url));
/** The first vector case of a provider that sign() reproduces and that verifies to an event. */
function vector(provider) {
  const file = JSON.parse(readFileSync(`${VECTORS}/${provider}.json`, "utf8"));
  const c = file.cases.find((x) => x.signMatches && x.expect?.event);
  assert.ok(c, `no signable case for ${provider}`);
  return c;
}

const NOW = 1779886900000;
const H = 3600;
const TEXTBEE = "3f8a2b6c-9d1e-4f70-8a5b-c2d4e6f81a3b";
const STANDARD = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const TEXTBEE_BODY = JSON.stringify({
  smsId: "6650f1c2a9b8c7d6e5f40123", message: "Hello ✓", deviceId: "d", webhookSubscriptionId: "w",
  webhookEvent: "MESSAGE_RECEIVED", idempotencyKey: "k-1", sender: "+15551234567", receivedAt: "2026-05-27T13:00:35.208Z",
});
const PRETTY = `${JSON.stringify(JSON.parse(TEXTBEE_BODY), null, 2)}\n`;

/** A signed delivery as verify() options: { provider, secret, headers, body, url?, now, …verifyOptions }. */
function delivery(provider, { secret, body, now = NOW, url, signOptions = {}, verifyOptions = {} } = {}) {
  const c = vector(provider);
  const signed = sign({ provider, secret: secret ?? c.sign?.secret ?? c.secret, body: body ?? c.body, ...c.sign, ...signOptions, now, ...(url ? { url } : {}) });
  const input = { provider, secret: secret ?? c.secret, headers: signed.headers, body: body ?? c.body, now: NOW, ...verifyOptions };
  if (signed.url !== undefined) input.url = signed.url;
  for (const k of ["audience", "subject"]) if (c.options?.[k] !== undefined) input[k] ??= c.options[k];
  return input;
}

/** diagnose() plus the checks every result must pass (bounded calls, no secret in any text). */
function run(input) {
  const result = diagnose(smshook, input);
  assert.ok(result.calls <= 180, `${result.calls} verify calls (the documented bound is 180)`);
  const text = JSON.stringify({ message: result.message, findings: result.findings }) + (result.verified ? "" : formatDiagnosis(result));
  const secrets = Array.isArray(input.secret) ? input.secret : [input.secret];
  for (const s of secrets) if (typeof s === "string" && s.trim().length >= 8) assert.ok(!text.includes(s.trim()), `the secret appears in: ${text}`);
  return result;
}

/** The first finding with that code (asserting there is one). */
function finding(result, code, confirmed = true) {
  assert.equal(result.verified, false);
  const f = result.findings.find((x) => x.code === code);
  assert.ok(f, `no ${code} finding in ${JSON.stringify(result.findings.map((x) => x.code))} (${result.code})`);
  assert.equal(f.confirmed, confirmed, `${code} confirmed`);
  assert.equal(typeof f.message, "string");
  assert.equal(typeof f.fix, "string");
  if (confirmed) assert.equal(result.findings[0], f, "a confirmed finding comes first");
  return f;
}

/** Every registered provider (one vector file each: api.test.mjs checks it). */
const PROVIDERS = smshook.PROVIDERS.map((p) => p.id);

test("a correct delivery of every provider: verified, the event, no findings", () => {
  for (const provider of PROVIDERS) {
    const c = vector(provider);
    const r = run(delivery(provider, { now: c.sign.now, verifyOptions: { now: c.sign.now } }));
    assert.equal(r.verified, true, `${provider}: ${r.code} ${r.message}`);
    assert.equal(r.provider, provider);
    assert.equal(r.event.provider, provider);
    assert.deepEqual(r.findings, []);
  }
});

/** A valid secret of `provider`'s format that is not its vectors' (by scheme, from PROVIDERS). */
function anotherSecret(provider) {
  const { scheme } = smshook.PROVIDERS.find((p) => p.id === provider);
  if (scheme.startsWith("standard-webhooks")) return `whsec_${randomBytes(24).toString("base64")}`;
  if (scheme.startsWith("ed25519")) {
    return generateKeyPairSync("ed25519").publicKey.export({ format: "der", type: "spki" }).subarray(-32).toString("base64");
  }
  return "another-secret-entirely-0000";
}

test("a wrong secret: signature_mismatch and no confirmed finding", () => {
  for (const provider of PROVIDERS) {
    const c = vector(provider);
    const input = { ...delivery(provider, { now: c.sign.now, verifyOptions: { now: c.sign.now } }), secret: anotherSecret(provider) };
    const r = run(input);
    assert.equal(r.verified, false);
    assert.equal(r.code, "signature_mismatch", provider);
    assert.deepEqual(r.findings.filter((f) => f.confirmed), [], provider);
    assert.ok(r.findings.some((f) => f.code === "secret_wrong"), provider);
  }
});

/**
 * The package's exports with `alias` standing for the provider `real` (same scheme, another
 * id), and the bodies verify() was called with: diagnose() must go by PROVIDERS' scheme.
 */
function aliased(alias, real) {
  const bodies = [];
  const to = (id) => (id === alias ? real : id);
  const from = (id) => (id === real ? alias : id);
  const info = smshook.PROVIDERS.find((p) => p.id === real);
  const fake = {
    PROVIDERS: [...smshook.PROVIDERS, { ...info, id: alias, name: `Alias of ${info.name}` }],
    detect: (headers) => from(smshook.detect(headers)),
    verify: (options) => {
      bodies.push(options.body);
      return smshook.verify({ ...options, provider: to(options.provider) });
    },
  };
  return { fake, bodies };
}

test("the provider's scheme, not its id, decides: jwt-hs256 signs no body, ed25519 verifies with a public key", () => {
  // jwt-hs256 (httpsms): the token does not cover the body, so no body variant is tried.
  const jwt = aliased("my-jwt", "httpsms");
  const input = { ...delivery("httpsms", { body: `${vector("httpsms").body}\n` }), provider: "my-jwt", secret: "another-secret-entirely-0000" };
  const r = diagnose(jwt.fake, input);
  assert.equal(r.code, "signature_mismatch");
  assert.deepEqual([...new Set(jwt.bodies)], [input.body], "only the body given was verified");
  assert.match(r.findings.find((f) => f.code === "secret_wrong")?.message ?? "", /the token does not verify/);
  // jwt-hs256-body-hash (vonage) does sign the body: its variants are tried.
  const vonage = delivery("vonage", { body: `${vector("vonage").body}\n` });
  const hashed = aliased("my-vonage", "vonage");
  diagnose(hashed.fake, { ...vonage, provider: "my-vonage", secret: "another-secret-entirely-0000" });
  assert.ok(new Set(hashed.bodies).size > 1, "body variants tried for jwt-hs256-body-hash");
  // ed25519 (telnyx): a key that does not verify → the public-key finding.
  const ed = aliased("my-ed", "telnyx");
  const telnyx = delivery("telnyx");
  const other = Buffer.alloc(32, 7).toString("base64");
  const e = diagnose(ed.fake, { ...telnyx, provider: "my-ed", secret: other });
  assert.equal(e.verified, false);
  assert.match(e.findings.map((f) => f.message).join("\n"), /public key/, JSON.stringify(e.findings));
});

test("secret with whitespace, a newline or quotes → secret_whitespace (also in a rotation list)", () => {
  const base = delivery("textbee", { secret: TEXTBEE, body: TEXTBEE_BODY });
  for (const secret of [`${TEXTBEE}\n`, `  ${TEXTBEE} `, `"${TEXTBEE}"`, `'${TEXTBEE}'\r\n`]) {
    finding(run({ ...base, secret }), "secret_whitespace");
  }
  const list = run({ ...base, secret: ["old-secret-old-secret-00", `${TEXTBEE}\n`] });
  assert.match(finding(list, "secret_whitespace").message, /secret #2/);
  // standard refuses " whsec_…" as invalid_secret: trimmed, it verifies.
  const std = delivery("standard", { secret: STANDARD, now: NOW });
  const r = run({ ...std, secret: `${STANDARD}\n` });
  assert.equal(r.code, "invalid_secret");
  finding(r, "secret_whitespace");
});

test("secret prefixes: whsec_ on another provider's secret, textus- missing, standard without whsec_", () => {
  const tb = delivery("textbee", { secret: TEXTBEE, body: TEXTBEE_BODY });
  finding(run({ ...tb, secret: `whsec_${TEXTBEE}` }), "secret_prefix_extra");
  const tx = delivery("textus");
  finding(run({ ...tx, secret: tx.secret.replace(/^textus-/, "") }), "secret_prefix_missing");
  const std = delivery("standard", { secret: STANDARD });
  const r = run({ ...std, secret: "not-base64 at all" });
  assert.equal(r.code, "invalid_secret");
  finding(r, "secret_prefix_missing", false);
});

test("body: trailing newline lost or added → body_trailing_newline", () => {
  const signedWithNewline = delivery("textbee", { secret: TEXTBEE, body: PRETTY });
  finding(run({ ...signedWithNewline, body: PRETTY.trimEnd() }), "body_trailing_newline");
  const signedWithout = delivery("textbee", { secret: TEXTBEE, body: TEXTBEE_BODY });
  finding(run({ ...signedWithout, body: `${TEXTBEE_BODY}\n` }), "body_trailing_newline");
  finding(run({ ...signedWithout, body: new TextEncoder().encode(`${TEXTBEE_BODY}\r\n`) }), "body_trailing_newline");
});

test("body: CRLF ↔ LF → body_line_endings", () => {
  const zucBody = JSON.stringify(JSON.parse(vector("zuc").body), null, 2);
  const lf = delivery("zuc", { body: zucBody });
  finding(run({ ...lf, body: zucBody.replace(/\n/g, "\r\n") }), "body_line_endings");
  const crlfBody = zucBody.replace(/\n/g, "\r\n");
  const crlf = delivery("zuc", { body: crlfBody });
  finding(run({ ...crlf, body: zucBody }), "body_line_endings");
});

test("body re-serialized: the signed form found (Python separators, indentation) → body_reserialized", () => {
  const std = delivery("standard", { secret: STANDARD }); // the reference vector's body {"test": 2432232314}
  assert.match(std.body, /": /);
  const f = finding(run({ ...std, body: JSON.stringify(JSON.parse(std.body)) }), "body_reserialized");
  assert.match(f.message, /never signed/);
  const pretty = delivery("textbee", { secret: TEXTBEE, body: PRETTY });
  finding(run({ ...pretty, body: TEXTBEE_BODY }), "body_reserialized");
});

test("body re-serialized beyond recovery: indented JSON is still reported, unconfirmed", () => {
  const signed = delivery("textbee", { secret: TEXTBEE, body: TEXTBEE_BODY });
  const reordered = JSON.stringify({ webhookEvent: "MESSAGE_RECEIVED", ...JSON.parse(TEXTBEE_BODY) }, null, 3);
  const r = run({ ...signed, body: reordered });
  assert.deepEqual(r.findings.filter((x) => x.confirmed), []);
  assert.equal(r.findings[0].code, "body_reserialized");
  assert.match(r.findings[0].message, /indented/);
  // A compact body that does not verify: the re-serialization hint, after the wrong secret.
  const compact = run({ ...signed, body: JSON.stringify({ ...JSON.parse(TEXTBEE_BODY), message: "changed" }) });
  assert.deepEqual(compact.findings.map((x) => x.code), ["secret_wrong", "body_reserialized"]);
  assert.match(compact.findings[1].message, /compact JSON/);
});

test("URL changed by a proxy (twilio, plivo) → url_changed with the signed URL and publicUrl", () => {
  const body = "MessageSid=SM1&SmsSid=SM1&From=%2B15551234567&To=%2B15557654321&Body=Hi";
  const tw = delivery("twilio", { secret: "12345", body, url: "https://hooks.example.com/sms?x=1" });
  const cases = [
    "http://hooks.example.com/sms?x=1",
    "https://hooks.example.com/sms/?x=1",
  ];
  for (const url of cases) {
    const f = finding(run({ ...tw, url }), "url_changed");
    assert.ok(f.message.includes("https://hooks.example.com/sms?x=1"), f.message);
    assert.match(f.fix, /publicUrl: "https:\/\/hooks\.example\.com"/);
  }
  // A query the provider never sent is dropped.
  const plain = delivery("twilio", { secret: "12345", body, url: "https://hooks.example.com/sms" });
  finding(run({ ...plain, url: "https://hooks.example.com/sms?added=1" }), "url_changed");
  // Rebuilt from the forwarded headers, behind a proxy on localhost.
  const behind = { ...plain, headers: { ...plain.headers, host: "127.0.0.1:3000", "x-forwarded-host": "hooks.example.com", "x-forwarded-proto": "https" }, url: "http://127.0.0.1:3000/sms" };
  assert.ok(finding(run(behind), "url_changed").message.includes("https://hooks.example.com/sms"));
  const pv = delivery("plivo");
  finding(run({ ...pv, url: pv.url.replace("https:", "http:") }), "url_changed");
  // A default port a proxy made explicit (twilio accepts both forms, plivo signs one).
  finding(run({ ...pv, url: pv.url.replace("example.com/", "example.com:443/") }), "url_changed");
  // Without a URL: say it is needed.
  const { url, ...noUrl } = tw;
  assert.ok(url);
  const r = run(noUrl);
  assert.equal(r.code, "invalid_argument");
  finding(r, "url_missing", false);
});

test("clock skew measured, both directions, for every timestamped provider (±2 s)", () => {
  for (const provider of ["standard", "telnyx", "sinch", "textbee", "messages-dev"]) {
    for (const offset of [-3 * H, 7 * 60, 26 * H]) {
      const signAt = NOW + offset * 1000;
      let body;
      if (provider === "messages-dev") body = vector(provider).body.replace(/"timestamp":\d+/, `"timestamp":${signAt}`);
      if (provider === "textbee") body = TEXTBEE_BODY;
      const input = delivery(provider, { body, now: signAt, signOptions: provider === "textbee" ? { timestamped: true } : {} });
      const r = run(input);
      assert.equal(r.code, "timestamp_out_of_tolerance", `${provider} ${offset}`);
      const f = finding(r, "clock_skew");
      assert.ok(Math.abs(f.offsetSeconds - offset) <= 2, `${provider}: measured ${f.offsetSeconds}, expected ${offset}`);
      assert.match(f.message, offset < 0 ? /ago/ : /in the future/);
    }
  }
});

test("clock skew: the message says a replayed capture from 3 h ago, and the fix gives now", () => {
  const r = run(delivery("standard", { secret: STANDARD, now: NOW - 3 * H * 1000 }));
  const f = finding(r, "clock_skew");
  assert.match(f.message, /3 h ago/);
  assert.match(f.message, /replayed capture/);
  const now = Number(/now: (\d+)/.exec(f.fix)[1]);
  const again = run({ ...delivery("standard", { secret: STANDARD, now: NOW - 3 * H * 1000 }), now });
  assert.equal(again.verified, true, "the fix's now verifies it");
});

test("JWTs: expired and not yet valid tokens → token_expired with the offset (httpsms, vonage)", () => {
  const claims = (input) => JSON.parse(Buffer.from(input.headers.Authorization.split(".")[1], "base64url").toString());
  for (const provider of ["httpsms", "vonage"]) {
    for (const shift of [-2 * H, 5 * H]) {
      const input = delivery(provider, { now: NOW + shift * 1000 });
      const r = run(input);
      assert.match(r.code, /^token_/, provider);
      const c = claims(input);
      const nowS = NOW / 1000;
      let expected;
      if (provider === "vonage") expected = c.iat - nowS; // vonage: iat within toleranceSeconds
      else expected = shift < 0 ? c.exp - nowS : Math.max(c.nbf ?? -Infinity, c.iat) - nowS;
      const f = finding(r, "token_expired");
      assert.ok(Math.abs(f.offsetSeconds - expected) <= 2, `${provider} ${shift}: measured ${f.offsetSeconds}, expected ${expected}`);
    }
  }
});

test("maxAgeSeconds (textus): the event's age is measured", () => {
  const input = delivery("textus", { verifyOptions: { maxAgeSeconds: 3600 } });
  const stamp = Date.parse(JSON.parse(input.body).timestamp);
  const f = finding(run(input), "clock_skew");
  assert.ok(Math.abs(f.offsetSeconds - (stamp - NOW) / 1000) <= 2, `measured ${f.offsetSeconds}`);
  assert.match(f.message, /maxAgeSeconds/);
});

test("wrong provider: detect() names another one → wrong_provider, confirmed when it verifies as that one", () => {
  const tb = delivery("textbee", { secret: TEXTBEE, body: TEXTBEE_BODY });
  const f = finding(run({ ...tb, provider: "zuc" }), "wrong_provider");
  assert.match(f.fix, /provider: "textbee"/);
  const other = run({ ...tb, provider: "textus", secret: "textus-0000000000000000" });
  finding(other, "wrong_provider", false);
});

test("missing signature headers → header_missing naming the absent ones; a remapped header is found", () => {
  const std = delivery("standard", { secret: STANDARD });
  const { "webhook-timestamp": _, ...headers } = std.headers;
  const f = finding(run({ ...std, headers }), "header_missing", false);
  assert.match(f.message, /no webhook-timestamp/);
  assert.doesNotMatch(f.message, /no webhook-id/);
  assert.match(f.message, /strip/);
  const tb = delivery("textbee", { secret: TEXTBEE, body: TEXTBEE_BODY });
  assert.match(finding(run({ ...tb, headers: { "content-type": "application/json" } }), "header_missing", false).message, /x-signature/);
  // AWS API Gateway renames Authorization: under its own name it verifies.
  const hs = delivery("httpsms");
  const { Authorization, ...rest } = hs.headers;
  const remapped = run({ ...hs, headers: { ...rest, "x-amzn-remapped-authorization": Authorization } });
  assert.match(finding(remapped, "header_missing").message, /renamed as x-amzn-remapped-authorization/);
});

test("no provider and unknown headers: provider_not_detected with a finding", () => {
  const r = run({ secret: TEXTBEE, headers: { "x-unknown": "1" }, body: TEXTBEE_BODY });
  assert.equal(r.code, "provider_not_detected");
  finding(r, "header_missing", false);
});

test("httpsms audience mismatch → audience_mismatch, confirmed with the token's audience", () => {
  const hs = delivery("httpsms");
  const r = run({ ...hs, audience: "https://wrong.example/hook" });
  assert.equal(r.code, "claim_mismatch");
  assert.match(finding(r, "audience_mismatch").fix, /https:\/\/example\.com\/webhooks\/httpsms/);
});

test("never throws: bad input comes back as a refusal", () => {
  assert.equal(diagnose(smshook, null).code, "invalid_argument");
  const r = run({ provider: "textbee", secret: TEXTBEE, headers: {}, body: { parsed: true } });
  assert.equal(r.verified, false);
  assert.equal(r.code, "invalid_argument");
});

test("formatDiagnosis: the verdict, each finding with its fix, no colour codes", () => {
  const ok = formatDiagnosis(run(delivery("textbee", { secret: TEXTBEE, body: TEXTBEE_BODY })));
  assert.match(ok, /^verified: message\.received \(textbee/);
  const bad = formatDiagnosis(run({ ...delivery("textbee", { secret: TEXTBEE, body: TEXTBEE_BODY }), secret: `${TEXTBEE}\n` }));
  assert.match(bad, /^refused: signature_mismatch \(textbee\)/);
  assert.match(bad, /confirmed secret_whitespace/);
  assert.match(bad, /fix: /);
  assert.doesNotMatch(bad, /\u001b\[/);
});

test("a form body with a newline added on the way: malformed_payload, and the trailing newline found (twilio, plivo)", () => {
  for (const provider of ["twilio", "plivo"]) {
    const input = delivery(provider);
    const bad = run({ ...input, body: `${input.body}\n` });
    assert.equal(bad.code, "malformed_payload", provider);
    finding(bad, "body_trailing_newline");
  }
});
