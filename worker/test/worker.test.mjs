// End-to-end tests of the smshook Worker in workerd (miniflare 4), with a real receiver
// on 127.0.0.1. Build first (`make worker-build`); run with the Node 22 from
// node_modules (`make test-worker`).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { Miniflare } from "miniflare";
import { Webhook } from "standardwebhooks";

const here = path.dirname(fileURLToPath(import.meta.url));
const scriptPath = path.join(here, "..", "build", "index.js");
const vectorsDir = path.join(here, "..", "..", "tests", "vectors");
const PROVIDERS = ["textbee", "messages-dev", "zuc", "httpsms", "textus", "standard"];
const FORWARD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const STATUS = {
  malformed_payload: 400,
  body_too_large: 413,
  invalid_secret: 503,
};
const envPrefix = (id) => id.toUpperCase().replace("-", "_");
const base = {
  modules: true,
  scriptPath,
  modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
  compatibilityDate: "2026-08-01",
};

// ------------------------------------------------------------------ the receiver
/** A receiver on 127.0.0.1 that records requests; `mode` decides how it answers. */
function startReceiver() {
  const receiver = { requests: [], mode: "ok", server: null, url: "" };
  receiver.server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const mode = typeof receiver.mode === "function" ? receiver.mode() : receiver.mode;
      receiver.requests.push({ headers: req.headers, body: Buffer.concat(chunks), answered: mode });
      if (mode === "hang") return; // never answers
      res.writeHead(mode === "ok" ? 200 : 500, { "content-type": "text/plain" });
      res.end(mode === "ok" ? "ok" : "receiver failed");
    });
  });
  return new Promise((resolve) => {
    receiver.server.listen(0, "127.0.0.1", () => {
      receiver.url = `http://127.0.0.1:${receiver.server.address().port}/receiver`;
      resolve(receiver);
    });
  });
}

/** A loopback URL where nothing listens. */
async function closedUrl() {
  const server = http.createServer();
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return `http://127.0.0.1:${port}/receiver`;
}

async function waitFor(predicate, ms = 10000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (predicate()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return predicate();
}

/** Verifies a forward with the Standard Webhooks reference library, at `nowMs`. */
function verifyForward(request, nowMs) {
  const headers = {
    "webhook-id": request.headers["webhook-id"],
    "webhook-timestamp": request.headers["webhook-timestamp"],
    "webhook-signature": request.headers["webhook-signature"],
  };
  const realNow = Date.now;
  if (nowMs !== undefined) Date.now = () => nowMs;
  try {
    return new Webhook(FORWARD_SECRET).verify(request.body.toString("utf8"), headers);
  } finally {
    Date.now = realNow;
  }
}

let receiver;
const open = [];
before(async () => {
  receiver = await startReceiver();
});
after(async () => {
  await Promise.all(open.map((mf) => mf.dispose()));
  receiver.server.closeAllConnections();
  await new Promise((r) => receiver.server.close(r));
});

async function worker(bindings, extra = {}) {
  const mf = new Miniflare({ ...base, bindings, cf: false, ...extra });
  open.push(mf);
  await mf.ready;
  return mf;
}

const devBindings = (more = {}) => ({
  FORWARD_URL: receiver.url,
  FORWARD_SECRET,
  ALLOW_INSECURE_FORWARD: "true",
  TEXTBEE_SECRET: "3f8a2b6c-9d1e-4f70-8a5b-c2d4e6f81a3b",
  ...more,
});

// PROVIDERS.md section 7 A: a signed textbee delivery with no timestamp to expire.
const textbee = JSON.parse(readFileSync(path.join(vectorsDir, "textbee.json"), "utf8"));
const vectorA = textbee.cases.find((c) => c.signMatches && c.expect.event && c.body.includes("Hello from textbee"));
const post = (mf, provider, c, more = {}) =>
  mf.dispatchFetch(`http://smshook.test/webhooks/${provider}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...c.headers },
    body: c.body,
    ...more,
  });

// ------------------------------------------------------------------ every vector
test("every provider's vectors through the Worker", { timeout: 240000 }, async () => {
  const groups = new Map();
  for (const provider of PROVIDERS) {
    const file = JSON.parse(readFileSync(path.join(vectorsDir, `${provider}.json`), "utf8"));
    for (const c of file.cases) {
      const secrets = Array.isArray(c.secret) ? c.secret : [c.secret];
      const key = JSON.stringify([provider, secrets, c.options]);
      if (!groups.has(key)) groups.set(key, { provider, secrets, options: c.options, cases: [] });
      groups.get(key).cases.push(c);
    }
  }
  const workers = [...groups.values()].map((g, i) => {
    const o = g.options;
    const bindings = {
      FORWARD_URL: receiver.url,
      FORWARD_SECRET,
      ALLOW_INSECURE_FORWARD: "true",
      DEV_NOW_MS: String(o.now),
    };
    const prefix = envPrefix(g.provider);
    if (g.secrets[0] !== undefined) bindings[`${prefix}_SECRET`] = g.secrets[0];
    if (g.secrets[1] !== undefined) bindings[`${prefix}_SECRET_PREVIOUS`] = g.secrets[1];
    assert.ok(g.secrets.length <= 2, "the Worker takes a secret and a previous one");
    const vars = {
      toleranceSeconds: "TOLERANCE_SECONDS",
      maxBodyBytes: "MAX_BODY_BYTES",
      leewaySeconds: "LEEWAY_SECONDS",
      audience: "HTTPSMS_AUDIENCE",
      subject: "HTTPSMS_SUBJECT",
      maxAgeSeconds: "TEXTUS_MAX_AGE_SECONDS",
      allowUnsigned: "HTTPSMS_ALLOW_UNSIGNED",
    };
    for (const [option, name] of Object.entries(vars)) {
      if (o[option] !== undefined) bindings[name] = String(o[option]);
    }
    g.name = `w${i}`;
    return { ...base, name: g.name, bindings };
  });
  const mf = new Miniflare({ workers, cf: false });
  open.push(mf);
  await mf.ready;

  let count = 0;
  let skipped = 0;
  const failures = [];
  for (const g of groups.values()) {
    const w = await mf.getWorker(g.name);
    for (const c of g.cases) {
      const body = c.body !== undefined ? Buffer.from(c.body, "utf8") : Buffer.from(c.bodyBase64, "base64");
      let headers;
      try {
        headers = new Headers(c.headers);
      } catch {
        skipped++; // a header value fetch() cannot carry (not a ByteString)
        continue;
      }
      receiver.requests = [];
      receiver.mode = "ok";
      const res = await w.fetch(`http://smshook.test/webhooks/${g.provider}`, { method: "POST", headers, body });
      const answer = await res.json();
      count++;
      const where = `${g.provider}/${c.name}`;
      if (c.expect.error) {
        let code = c.expect.error === "invalid_secret" ? "not_configured" : c.expect.error;
        // An empty header value does not survive the local fetch transport: it arrives
        // absent, which is the other 401 code.
        const emptyHeader = Object.values(c.headers).some((v) => v === "");
        if (emptyHeader && answer.error === "missing_signature") code = "missing_signature";
        const status = STATUS[c.expect.error] ?? 401;
        if (res.status !== status || answer.error !== code || receiver.requests.length !== 0) {
          failures.push(`${where}: got ${res.status} ${JSON.stringify(answer)}, want ${status} ${code}, forwards ${receiver.requests.length}`);
        }
        continue;
      }
      if (res.status !== 200 || receiver.requests.length !== 1) {
        failures.push(`${where}: got ${res.status} ${JSON.stringify(answer)} with ${receiver.requests.length} forwards`);
        continue;
      }
      const forwarded = receiver.requests[0];
      let event;
      try {
        event = verifyForward(forwarded, Number(forwarded.headers["webhook-timestamp"]) * 1000);
      } catch (e) {
        failures.push(`${where}: forward does not verify with standardwebhooks: ${e.message}`);
        continue;
      }
      const want = c.expect.event;
      for (const field of ["provider", "type", "providerEvent", "id", "occurredAt", "messageId", "from", "to", "text", "error"]) {
        if (JSON.stringify(event[field]) !== JSON.stringify(want[field])) {
          failures.push(`${where}: ${field} got ${JSON.stringify(event[field])} want ${JSON.stringify(want[field])}`);
        }
      }
      const wantData = want.data ?? JSON.parse(body.toString("utf8"));
      assert.deepEqual(event.data, wantData, `${where}: data`);
      if (forwarded.headers["webhook-id"] !== want.id) failures.push(`${where}: webhook-id is not the event id`);
      if (forwarded.headers["smshook-provider"] !== g.provider) failures.push(`${where}: smshook-provider missing`);
      if (forwarded.headers["webhook-timestamp"] !== String(Math.floor(c.options.now / 1000))) {
        failures.push(`${where}: webhook-timestamp is not the Worker's clock`);
      }
    }
  }
  console.log(`worker vectors: ${count} cases through ${groups.size} Worker configurations, ${skipped} skipped (header values fetch cannot send)`);
  assert.ok(count > 200, `only ${count} cases ran`);
  assert.deepEqual(failures, []);
});

// ------------------------------------------------------------------ forwarding
test("the forward verifies with the standardwebhooks library at the real time", async () => {
  const mf = await worker(devBindings());
  receiver.requests = [];
  receiver.mode = "ok";
  const res = await post(mf, "textbee", vectorA);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { ok: true, id: vectorA.expect.event.id });
  assert.equal(receiver.requests.length, 1);
  const event = verifyForward(receiver.requests[0]);
  assert.equal(event.type, "message.received");
  assert.equal(event.text, "Hello from textbee ✓");
  assert.equal(receiver.requests[0].headers["content-type"], "application/json");
});

test("raw mode forwards the original bytes and the provider's headers", async () => {
  const mf = await worker(devBindings({ FORWARD_MODE: "raw" }));
  receiver.requests = [];
  receiver.mode = "ok";
  const res = await post(mf, "textbee", vectorA, { headers: { ...vectorA.headers, "content-type": "application/json; charset=utf-8", "x-extra": "not passed", "cf-connecting-ip": "192.0.2.7", "x-forwarded-for": "192.0.2.7" } });
  assert.equal(res.status, 200);
  const forwarded = receiver.requests[0];
  assert.equal(forwarded.body.toString("hex"), Buffer.from(vectorA.body, "utf8").toString("hex"), "body byte for byte");
  assert.equal(forwarded.headers["content-type"], "application/json; charset=utf-8");
  assert.equal(forwarded.headers["x-signature"], vectorA.headers["X-Signature"] ?? Object.values(vectorA.headers)[0]);
  assert.equal(forwarded.headers["x-extra"], undefined);
  assert.equal(forwarded.headers["smshook-provider"], "textbee");
  // Incoming platform and hop-by-hop headers are not passed (workerd adds its own
  // `cf-worker` to every subrequest, as Cloudflare does).
  assert.equal(forwarded.headers["cf-connecting-ip"], undefined);
  assert.equal(forwarded.headers["x-forwarded-for"], undefined);
  verifyForward(forwarded); // signed over the raw bytes
});

test("a bad signature is 401 and nothing is forwarded", async () => {
  const mf = await worker(devBindings());
  receiver.requests = [];
  const res = await post(mf, "textbee", { ...vectorA, headers: { "x-signature": "00".repeat(32) } });
  assert.equal(res.status, 401);
  assert.deepEqual(await res.json(), { error: "signature_mismatch" });
  assert.equal(receiver.requests.length, 0);
});

test("receiver failures: 500 → 502, closed → 502, hanging → 504", async () => {
  const mf = await worker(devBindings({ FORWARD_TIMEOUT_MS: "300" }));
  receiver.mode = "fail";
  let res = await post(mf, "textbee", vectorA);
  assert.equal(res.status, 502);
  assert.deepEqual(await res.json(), { error: "receiver_error" });

  receiver.mode = "hang";
  const started = Date.now();
  res = await post(mf, "textbee", vectorA);
  assert.equal(res.status, 504);
  assert.deepEqual(await res.json(), { error: "receiver_timeout" });
  assert.ok(Date.now() - started < 5000, "the timeout bounds the wait");
  receiver.server.closeAllConnections();

  const closed = await worker(devBindings({ FORWARD_URL: await closedUrl() }));
  res = await post(closed, "textbee", vectorA);
  assert.equal(res.status, 502);
  assert.deepEqual(await res.json(), { error: "receiver_unreachable" });
  receiver.mode = "ok";
});

// ------------------------------------------------------------------ routing and config
test("routing: unknown provider 404, wrong method 405, oversize 413, healthz 200", async () => {
  const mf = await worker(devBindings());
  let res = await post(mf, "TextBee", vectorA);
  assert.equal(res.status, 404);
  assert.deepEqual(await res.json(), { error: "unknown_provider" });
  res = await mf.dispatchFetch("http://smshook.test/elsewhere");
  assert.equal(res.status, 404);
  res = await mf.dispatchFetch("http://smshook.test/webhooks/textbee", { method: "GET" });
  assert.equal(res.status, 405);
  assert.deepEqual(await res.json(), { error: "method_not_allowed" });
  res = await post(mf, "textbee", { ...vectorA, body: "x".repeat(1024 * 1024 + 1) });
  assert.equal(res.status, 413);
  assert.deepEqual(await res.json(), { error: "body_too_large" });
  res = await mf.dispatchFetch("http://smshook.test/healthz");
  assert.equal(res.status, 200);
});

test("unconfigured: no provider secret, plain-http or missing FORWARD_URL, bad FORWARD_SECRET → 503", async () => {
  const configs = [
    devBindings({ TEXTBEE_SECRET: undefined }),
    devBindings({ ALLOW_INSECURE_FORWARD: undefined }),
    devBindings({ FORWARD_URL: "http://192.0.2.1/receiver" }),
    devBindings({ FORWARD_URL: undefined }),
    devBindings({ FORWARD_SECRET: "not-a-whsec-secret!" }),
  ];
  for (const bindings of configs) {
    for (const k of Object.keys(bindings)) if (bindings[k] === undefined) delete bindings[k];
    const mf = await worker(bindings);
    receiver.requests = [];
    const res = await post(mf, "textbee", vectorA);
    const text = await res.text();
    assert.equal(res.status, 503, JSON.stringify(Object.keys(bindings)));
    assert.deepEqual(JSON.parse(text), { error: "not_configured" });
    assert.ok(!text.includes(FORWARD_SECRET.slice(6)) && !text.includes("3f8a2b6c"), "no secret in the answer");
    assert.equal(receiver.requests.length, 0);
  }
});

// ------------------------------------------------------------------ queue and dedupe
const queueWorkers = (bindings) => ({
  workers: [
    {
      ...base,
      name: "smshook",
      bindings,
      queueProducers: { FORWARD_QUEUE: "forward" },
      queueConsumers: {
        forward: { maxBatchSize: 1, maxBatchTimeout: 0, maxRetries: 2, retryDelay: 0, deadLetterQueue: "forward-dlq" },
      },
      kvNamespaces: { DEDUPE: "dedupe" },
    },
    {
      name: "dead-letters",
      modules: true,
      compatibilityDate: "2026-08-01",
      script: `export default { async queue(batch, env) {
        for (const m of batch.messages) { await env.DEAD.put(m.body.id, JSON.stringify(m.body)); m.ack(); }
      } }`,
      queueConsumers: { "forward-dlq": { maxBatchSize: 1, maxBatchTimeout: 0 } },
      kvNamespaces: { DEAD: "dead" },
    },
  ],
  cf: false,
});

test("queue mode: 202 after enqueue; receiver down then up → delivered exactly once", { timeout: 30000 }, async () => {
  const mf = new Miniflare(queueWorkers(devBindings({ RETRY_BASE_SECONDS: "0" })));
  open.push(mf);
  receiver.requests = [];
  let calls = 0;
  receiver.mode = () => (++calls === 1 ? "fail" : "ok");
  const res = await post(mf, "textbee", vectorA);
  assert.equal(res.status, 202);
  assert.deepEqual(await res.json(), { queued: true, id: vectorA.expect.event.id });
  assert.ok(await waitFor(() => receiver.requests.some((r) => r.answered === "ok")), "delivered after a retry");
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(receiver.requests.filter((r) => r.answered === "ok").length, 1, "exactly once");
  assert.equal(receiver.requests.length, 2, "one failure, one success");
  verifyForward(receiver.requests[1]);
  receiver.mode = "ok";
});

test("queue mode: a receiver that always fails leaves the message in the dead-letter queue", { timeout: 30000 }, async () => {
  const mf = new Miniflare(queueWorkers(devBindings({ RETRY_BASE_SECONDS: "0" })));
  open.push(mf);
  receiver.requests = [];
  receiver.mode = "fail";
  const res = await post(mf, "textbee", vectorA);
  assert.equal(res.status, 202);
  const dead = await mf.getKVNamespace("DEAD", "dead-letters");
  let stored = null;
  await waitFor(() => false, 0);
  const until = Date.now() + 15000;
  while (Date.now() < until && stored === null) {
    stored = await dead.get(vectorA.expect.event.id);
    if (stored === null) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(stored, "message reached the dead-letter queue");
  assert.equal(JSON.parse(stored).provider, "textbee");
  assert.equal(receiver.requests.length, 3, "first attempt plus maxRetries");
  receiver.mode = "ok";
});

test("KV dedupe: a repeated delivery is answered 200 and forwarded once", async () => {
  const mf = await worker(devBindings(), { kvNamespaces: { DEDUPE: "dedupe" } });
  receiver.requests = [];
  receiver.mode = "ok";
  const first = await post(mf, "textbee", vectorA);
  assert.equal(first.status, 200);
  const second = await post(mf, "textbee", vectorA);
  assert.equal(second.status, 200);
  assert.deepEqual(await second.json(), { ok: true, id: vectorA.expect.event.id, duplicate: true });
  assert.equal(receiver.requests.length, 1);
});
