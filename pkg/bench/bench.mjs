// smshook (npm) against baselines measured in the same process, alternating runs:
//   every provider, ~1 KB body: verify vs a hand-written node:crypto check (createHmac +
//   timingSafeEqual + JSON.parse; for httpsms an HS256 JWT check done the same way);
//   httpsms vs jose's jwtVerify; standard vs the standardwebhooks package; 64 KB bodies.
// Prints ns/op and the ratio smshook / baseline (below 1: smshook is faster).
// Usage: node bench/bench.mjs [--quick]   (run `bash build.sh` first)
import { createHash, createHmac, createPublicKey, timingSafeEqual, verify as edVerify } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { verify, sign, createVerifier, PROVIDERS } from "smshook";
import { execFileSync } from "node:child_process";
import { jwtVerify } from "jose";
import { Webhook } from "standardwebhooks";

const here = path.dirname(fileURLToPath(import.meta.url));
const VECTORS = process.env.SMSHOOK_VECTORS || path.join(here, "..", "..", "tests", "vectors");
const QUICK = process.argv.includes("--quick");
const ROUNDS = QUICK ? 3 : 7;
const BATCH_MS = QUICK ? 40 : 120;

// ---------------------------------------------------------------- fixtures
/** A signed delivery of `provider` with a body padded to about `size` bytes. */
function fixture(provider, size) {
  const file = JSON.parse(fs.readFileSync(path.join(VECTORS, `${provider}.json`), "utf8"));
  const c = file.cases.find((k) => k.expect.event && typeof k.body === "string" && !Array.isArray(k.secret)
    && k.options.maxBodyBytes === undefined);
  let body;
  if (c.body.startsWith("{")) {
    const payload = JSON.parse(c.body);
    const base = JSON.stringify(payload).length;
    payload.benchPadding = "x".repeat(Math.max(0, size - base - 20));
    body = JSON.stringify(payload);
  } else {
    // A form body (twilio, plivo): one more parameter.
    body = `${c.body}&benchPadding=${"x".repeat(Math.max(0, size - c.body.length - 14))}`;
  }
  // The sign arguments may carry their own key (telnyx signs with the private seed).
  const signed = sign({ provider, secret: c.secret, body, ...c.sign });
  const lower = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const options = { provider, secret: c.secret, headers: lower, body: Buffer.from(body), ...c.options };
  if (signed.url !== undefined) options.url = signed.url;
  verify(options); // must verify before it is timed
  const { scheme, signatureHeader } = PROVIDERS.find((p) => p.id === provider);
  return { provider, scheme, signatureHeader, secret: c.secret, headers: lower, body, bytes: Buffer.from(body), options, url: signed.url };
}

// ---------------------------------------------------------------- baselines (node:crypto)
function hexCheck(secret, signed, hex) {
  const mac = createHmac("sha256", secret).update(signed).digest();
  const given = Buffer.from(hex, "hex");
  return given.length === mac.length && timingSafeEqual(given, mac);
}

/** The hand-written check of the delivery's scheme (PROVIDERS' `scheme`). */
function baseline(f) {
  const h = f.headers;
  const signature = h[f.signatureHeader];
  switch (f.scheme) {
    case "hmac-sha256-hex":
      return () => { if (!hexCheck(f.secret, f.bytes, signature)) throw new Error("bad"); return JSON.parse(f.body); };
    case "hmac-sha256-hex-prefixed": {
      const hex = signature.slice(signature.indexOf("=") + 1);
      return () => { if (!hexCheck(f.secret, f.bytes, hex)) throw new Error("bad"); return JSON.parse(f.body); };
    }
    case "hmac-sha256-hex-timestamped":
      return () => {
        const ts = h["x-webhook-timestamp"];
        const signed = ts ? Buffer.concat([Buffer.from(`${ts}.`), f.bytes]) : f.bytes;
        if (!hexCheck(f.secret, signed, signature)) throw new Error("bad");
        return JSON.parse(f.body);
      };
    case "standard-webhooks-v1": {
      const key = Buffer.from(f.secret.replace(/^whsec_/, ""), "base64");
      return () => {
        const signed = Buffer.concat([Buffer.from(`${h["webhook-id"]}.${h["webhook-timestamp"]}.`), f.bytes]);
        const mac = createHmac("sha256", key).update(signed).digest();
        const ok = signature.split(" ").some((s) => {
          const given = Buffer.from(s.slice(3), "base64");
          return given.length === mac.length && timingSafeEqual(given, mac);
        });
        if (!ok) throw new Error("bad");
        return JSON.parse(f.body);
      };
    }
    case "jwt-hs256": {
      // The issuer the token carries, as a verifier would hold it in its configuration.
      const issuer = JSON.parse(Buffer.from(signature.slice(7).split(".")[1], "base64url").toString()).iss;
      return () => {
        const token = h.authorization.slice(7);
        const [head, claims, sig] = token.split(".");
        const mac = createHmac("sha256", f.secret).update(`${head}.${claims}`).digest();
        const given = Buffer.from(sig, "base64url");
        if (given.length !== mac.length || !timingSafeEqual(given, mac)) throw new Error("bad");
        const header = JSON.parse(Buffer.from(head, "base64url").toString());
        const c = JSON.parse(Buffer.from(claims, "base64url").toString());
        if (header.alg !== "HS256" || c.iss !== issuer || c.exp * 1000 < f.options.now - 60000) throw new Error("claims");
        return JSON.parse(f.body);
      };
    }
    case "hmac-sha1-url":
      return () => {
        const params = [...new URLSearchParams(f.body)].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
        const mac = createHmac("sha1", f.secret).update(f.url + params.map(([k, v]) => k + v).join("")).digest();
        const given = Buffer.from(signature, "base64");
        if (given.length !== mac.length || !timingSafeEqual(given, mac)) throw new Error("bad");
        return Object.fromEntries(params);
      };
    case "hmac-sha256-url-nonce":
      return () => {
        const params = [...new URLSearchParams(f.body)].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
        const signed = `${f.url}?${params.map(([k, v]) => k + v).join("")}.${h["x-plivo-signature-v3-nonce"]}`;
        const mac = createHmac("sha256", f.secret).update(signed).digest();
        const ok = signature.split(",").some((s) => {
          const given = Buffer.from(s, "base64");
          return given.length === mac.length && timingSafeEqual(given, mac);
        });
        if (!ok) throw new Error("bad");
        return Object.fromEntries(params);
      };
    case "hmac-sha256-nonce-timestamped":
      return () => {
        const nonce = h["x-sinch-webhook-signature-nonce"];
        const ts = h["x-sinch-webhook-signature-timestamp"];
        const mac = createHmac("sha256", f.secret).update(f.bytes).update(`.${nonce}.${ts}`).digest();
        const given = Buffer.from(signature, "base64");
        if (given.length !== mac.length || !timingSafeEqual(given, mac)) throw new Error("bad");
        if (Math.abs(Number(ts) * 1000 - f.options.now) > 300000) throw new Error("stale");
        return JSON.parse(f.body);
      };
    case "ed25519-timestamped": {
      const key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(f.secret, "base64").toString("base64url") }, format: "jwk" });
      return () => {
        const ts = h["telnyx-timestamp"];
        const message = Buffer.concat([Buffer.from(`${ts}|`), f.bytes]);
        if (!edVerify(null, message, key, Buffer.from(signature, "base64"))) throw new Error("bad");
        if (Math.abs(Number(ts) * 1000 - f.options.now) > 300000) throw new Error("stale");
        return JSON.parse(f.body);
      };
    }
    case "jwt-hs256-body-hash":
      return () => {
        const [head, claims, sig] = h.authorization.slice(7).split(".");
        const mac = createHmac("sha256", f.secret).update(`${head}.${claims}`).digest();
        const given = Buffer.from(sig, "base64url");
        if (given.length !== mac.length || !timingSafeEqual(given, mac)) throw new Error("bad");
        const header = JSON.parse(Buffer.from(head, "base64url").toString());
        const c = JSON.parse(Buffer.from(claims, "base64url").toString());
        const hash = createHash("sha256").update(f.bytes).digest("hex");
        if (header.alg !== "HS256" || c.iss !== "Vonage" || c.payload_hash !== hash || Math.abs(c.iat * 1000 - f.options.now) > 300000) throw new Error("claims");
        return JSON.parse(f.body);
      };
    default:
      throw new Error(`no baseline for scheme ${f.scheme}`);
  }
}

// ---------------------------------------------------------------- timing
/** ns per call of a sync or async function, over about BATCH_MS. */
async function measure(fn, isAsync, iterations) {
  const start = process.hrtime.bigint();
  if (isAsync) for (let i = 0; i < iterations; i++) await fn();
  else for (let i = 0; i < iterations; i++) fn();
  return Number(process.hrtime.bigint() - start) / iterations;
}

async function calibrate(fn, isAsync) {
  let n = 16;
  for (;;) {
    const start = performance.now();
    await measure(fn, isAsync, n);
    const ms = performance.now() - start;
    if (ms > BATCH_MS / 4) return Math.max(16, Math.round((n * BATCH_MS) / ms));
    n *= 4;
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Alternates smshook and the baseline ROUNDS times; returns medians. */
async function compare(label, ours, theirs, theirsName, { asyncTheirs = false } = {}) {
  const nOurs = await calibrate(ours, false);
  const nTheirs = await calibrate(theirs, asyncTheirs);
  const a = [], b = [];
  for (let r = 0; r < ROUNDS; r++) {
    a.push(await measure(ours, false, nOurs));
    b.push(await measure(theirs, asyncTheirs, nTheirs));
  }
  const row = { label, ours: median(a), theirs: median(b), theirsName };
  console.log(
    `${label.padEnd(26)} smshook ${fmt(row.ours)}   ${theirsName.padEnd(22)} ${fmt(row.theirs)}   ratio ${(row.ours / row.theirs).toFixed(2)}`,
  );
  return row;
}
const fmt = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms/op` : `${(ns / 1e3).toFixed(2)} µs/op`).padStart(12);

// ---------------------------------------------------------------- runs
console.log(`smshook npm bench: node ${process.version}, ${ROUNDS} alternating rounds of ~${BATCH_MS} ms`);
const providers = PROVIDERS.map((p) => p.id);

console.log("\n~1 KB bodies: verify vs hand-written node:crypto (HMAC + timingSafeEqual + JSON.parse)");
for (const p of providers) {
  const f = fixture(p, 1024);
  await compare(`${p} 1KB`, () => verify(f.options), baseline(f), "node:crypto");
}

console.log("\n~1 KB bodies: a createVerifier() verifier (options read once) vs the same node:crypto checks");
for (const p of providers) {
  const f = fixture(p, 1024);
  const { provider, secret, headers, body, url: _url, ...rest } = f.options;
  const verifier = createVerifier({ secrets: { [provider]: secret }, ...rest });
  const delivery = f.url === undefined ? { headers, body } : { headers, body, url: f.url };
  verifier.verify(delivery);
  await compare(`${p} 1KB built once`, () => verifier.verify(delivery), baseline(f), "node:crypto");
}

console.log("\nLibraries");
{
  const f = fixture("httpsms", 1024);
  const key = new TextEncoder().encode(f.secret);
  const token = f.headers.authorization.slice(7);
  const now = Math.floor(f.options.now / 1000);
  const joseVerify = async () => {
    const { payload } = await jwtVerify(token, key, { algorithms: ["HS256"], issuer: "api.httpsms.com", currentDate: new Date(now * 1000), clockTolerance: 60 });
    return [payload, JSON.parse(f.body)];
  };
  await joseVerify();
  await compare("httpsms 1KB", () => verify(f.options), joseVerify, "jose jwtVerify", { asyncTheirs: true });
}
for (const size of [1024, 65536]) {
  const f = fixture("standard", size);
  const wh = new Webhook(f.secret.replace(/^whsec_/, ""));
  const ts = Number(f.headers["webhook-timestamp"]);
  // standardwebhooks checks against the real clock: sign fresh headers for it.
  const fresh = sign({ provider: "standard", secret: f.secret, body: f.body, id: "msg_bench" }).headers;
  const freshLower = Object.fromEntries(Object.entries(fresh).map(([k, v]) => [k.toLowerCase(), v]));
  wh.verify(f.body, freshLower);
  void ts;
  await compare(`standard ${size / 1024}KB`, () => verify(f.options), () => wh.verify(f.body, freshLower), "standardwebhooks");
}

console.log("\n64 KB bodies: verify vs node:crypto");
for (const p of ["textbee", "messages-dev", "standard"]) {
  const f = fixture(p, 65536);
  await compare(`${p} 64KB`, () => verify(f.options), baseline(f), "node:crypto");
}

// ---------------------------------------------------------------- cold start
// A fresh Node process each time: import, then the first verify of a 1 KB Standard
// Webhooks delivery; the medians of alternating runs, against standardwebhooks.
console.log("\nImport + first verify, fresh processes (require), vs standardwebhooks");
{
  const f = fixture("standard", 1024);
  const fresh = sign({ provider: "standard", secret: f.secret, body: f.body, id: "msg_cold" });
  const script = (lib) => `
    const t0 = process.hrtime.bigint();
    ${lib === "smshook"
      ? 'const { verify } = require("smshook");'
      : 'const { Webhook } = require("standardwebhooks");'}
    const t1 = process.hrtime.bigint();
    const headers = ${JSON.stringify(fresh.headers)};
    const body = ${JSON.stringify(f.body)};
    ${lib === "smshook"
      ? `verify({ provider: "standard", secret: ${JSON.stringify(f.secret)}, headers, body });`
      : `new Webhook(${JSON.stringify(f.secret.replace(/^whsec_/, ""))}).verify(body, Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])));`}
    const t2 = process.hrtime.bigint();
    console.log(JSON.stringify([Number(t1 - t0) / 1e6, Number(t2 - t1) / 1e6]));`;
  const runs = { smshook: [], standardwebhooks: [] };
  for (let r = 0; r < (QUICK ? 3 : 9); r++) {
    for (const lib of Object.keys(runs)) {
      const out = execFileSync(process.execPath, ["-e", script(lib)], { cwd: process.cwd(), encoding: "utf8", timeout: 30000 });
      runs[lib].push(JSON.parse(out.trim().split("\n").pop()));
    }
  }
  const med = (lib, i) => median(runs[lib].map((x) => x[i]));
  const ours = med("smshook", 0) + med("smshook", 1);
  const theirs = med("standardwebhooks", 0) + med("standardwebhooks", 1);
  console.log(`${"import + first verify".padEnd(26)} smshook ${med("smshook", 0).toFixed(2)} + ${med("smshook", 1).toFixed(2)} ms   standardwebhooks ${med("standardwebhooks", 0).toFixed(2)} + ${med("standardwebhooks", 1).toFixed(2)} ms   ratio ${(ours / theirs).toFixed(2)}`);
}
