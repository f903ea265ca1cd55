// A real Express app on 127.0.0.1 (port 0) with smshook's Node helpers.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import path from "node:path";
import { createRequire } from "node:module";
import express from "express";
import { sign, expressWebhook, verifyNodeRequest, WebhookVerificationError } from "smshook";

const SECRET = "3f8a2b6c-9d1e-4f70-8a5b-c2d4e6f81a3b";
const BODY = JSON.stringify({
  smsId: "s-1", message: "Hi ✓", deviceId: "d", webhookSubscriptionId: "w",
  webhookEvent: "MESSAGE_RECEIVED", idempotencyKey: "k-42", sender: "+15551234567",
  receivedAt: "2026-05-27T13:00:35.208Z",
});
const signed = sign({ provider: "textbee", secret: SECRET, body: BODY });
const servers = [];

async function listen(app) {
  const server = http.createServer(app);
  server.requestTimeout = 5000;
  server.headersTimeout = 5000;
  servers.push(server);
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${server.address().port}`;
}

after(() => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
});

function post(url, { headers = signed.headers, body = BODY, contentType = "application/json" } = {}) {
  return fetch(url, {
    method: "POST",
    headers: { ...Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== "content-type")), "content-type": contentType },
    body,
    signal: AbortSignal.timeout(5000),
  });
}

// Records misconfiguration errors (next(err)) so tests can check they fail loudly.
function errorHandler(seen) {
  return (err, req, res, _next) => {
    seen.push(err);
    res.status(500).json({ code: err.code, message: err.message });
  };
}

test("expressWebhook before express.json(): verified event on req.webhook", async () => {
  const app = express();
  const seen = [];
  app.post("/webhooks/textbee", expressWebhook({ provider: "textbee", secret: SECRET }), (req, res) => {
    res.json({ type: req.webhook.type, id: req.webhook.id, raw: req.rawBody.length, isBuffer: Buffer.isBuffer(req.rawBody) });
  });
  app.use(express.json());
  app.post("/other", (req, res) => res.json(req.body));
  app.use(errorHandler(seen));
  const base = await listen(app);

  const ok = await post(`${base}/webhooks/textbee`);
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), { type: "message.received", id: "k-42", raw: Buffer.byteLength(BODY), isBuffer: true });

  const forged = await post(`${base}/webhooks/textbee`, { headers: { "x-signature": "00".repeat(32) } });
  assert.equal(forged.status, 401);
  assert.deepEqual(await forged.json(), { error: "signature_mismatch" });

  const missing = await post(`${base}/webhooks/textbee`, { headers: {} });
  assert.equal(missing.status, 401);
  assert.deepEqual(await missing.json(), { error: "missing_signature" });

  // The rest of the app still gets parsed JSON.
  const other = await post(`${base}/other`, { body: '{"a":1}' });
  assert.deepEqual(await other.json(), { a: 1 });
  assert.equal(seen.length, 0);
});

test("expressWebhook: body over maxBodyBytes answers 413", async () => {
  const app = express();
  app.post("/w", expressWebhook({ provider: "textbee", secret: SECRET, maxBodyBytes: 64 }), (req, res) => res.end("no"));
  const base = await listen(app);
  const res = await post(`${base}/w`);
  assert.equal(res.status, 413);
  assert.deepEqual(await res.json(), { error: "body_too_large" });
});

test("express.json() mounted first: fails loudly with the fix, never a silent mismatch", async () => {
  const app = express();
  const seen = [];
  app.use(express.json());
  app.post("/webhooks/textbee", expressWebhook({ provider: "textbee", secret: SECRET }), (req, res) => res.json({ reached: true }));
  app.post("/node", async (req, res, next) => {
    try {
      res.json(await verifyNodeRequest(req, { provider: "textbee", secret: SECRET }));
    } catch (e) {
      next(e);
    }
  });
  app.use(errorHandler(seen));
  const base = await listen(app);

  for (const path of ["/webhooks/textbee", "/node"]) {
    const res = await post(`${base}${path}`);
    assert.equal(res.status, 500, path);
    const got = await res.json();
    assert.equal(got.code, "invalid_argument", path);
    assert.match(got.message, /express\.raw\(\{ type: "\*\/\*" \}\)/, path);
    assert.match(got.message, /before express\.json\(\)/, path);
  }
  assert.equal(seen.length, 2);
  assert.ok(seen.every((e) => e instanceof WebhookVerificationError && e.code === "invalid_argument"));
  assert.notEqual(seen[0].code, "signature_mismatch");
});

test("express.json() first but a non-JSON content type: the stream is still there", async () => {
  const app = express();
  app.use(express.json());
  app.post("/w", expressWebhook({ provider: "textbee", secret: SECRET }), (req, res) => res.json({ id: req.webhook.id }));
  const base = await listen(app);
  const res = await post(`${base}/w`, { contentType: "text/plain" });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { id: "k-42" });
});

test("verifyNodeRequest after express.raw({ type: '*/*' }), and on a plain node:http server", async () => {
  const app = express();
  app.post("/raw", express.raw({ type: "*/*" }), async (req, res, next) => {
    try {
      res.json(await verifyNodeRequest(req, { secret: SECRET }));
    } catch (e) {
      next(e);
    }
  });
  const base = await listen(app);
  const res = await post(`${base}/raw`);
  assert.equal(res.status, 200);
  const event = await res.json();
  assert.equal(event.provider, "textbee");
  assert.deepEqual(event.data, JSON.parse(BODY));

  const plain = await listen(async (req, res) => {
    try {
      const e = await verifyNodeRequest(req, { provider: "textbee", secret: SECRET });
      res.end(e.id);
    } catch (e) {
      res.statusCode = e.status ?? 500;
      res.end(e.code);
    }
  });
  const r1 = await post(plain);
  assert.equal(r1.status, 200);
  assert.equal(await r1.text(), "k-42");
  const r2 = await post(plain, { body: BODY.replace("Hi", "Ho") });
  assert.equal(r2.status, 401);
  assert.equal(await r2.text(), "signature_mismatch");
});

/**
 * Spies on the wasm verifier until restore(): the headers of every delivery sent to the
 * core (packed there as `name\0value\0…`), as objects.
 */
function spyWasm() {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve("smshook/package.json"));
  const proto = require(path.join(root, "dist", "node", "smshook.js")).Verifier.prototype;
  const sent = [];
  const originals = { verifyText: proto.verifyText, verifyBytes: proto.verifyBytes };
  for (const [name, fn] of Object.entries(originals)) {
    proto[name] = function (packed, ...rest) { sent.push({ headers: unpack(packed) }); return fn.call(this, packed, ...rest); };
  }
  return { sent, restore: () => Object.assign(proto, originals) };
}

/** `name\0value\0…` as a null-prototype object. */
function unpack(packed) {
  const parts = packed.split("\0");
  const out = Object.create(null);
  for (let i = 0; i + 1 < parts.length; i += 2) out[parts[i]] = parts[i + 1];
  return out;
}

/** A POST through node:http (any header names), resolving to { status, body }. */
function rawPost(url, headers, body = BODY) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", headers: { ...headers, "content-length": Buffer.byteLength(body) }, timeout: 5000 }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => { text += d; });
      res.on("end", () => resolve({ status: res.statusCode, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

test("Node helpers: headers named constructor, toString… are ordinary headers and reach the core", async () => {
  const app = express();
  app.post("/express", expressWebhook({ provider: "textbee", secret: SECRET }), (req, res) => res.json({ id: req.webhook.id }));
  app.post("/node", async (req, res) => {
    try {
      res.json({ id: (await verifyNodeRequest(req, { secret: SECRET })).id });
    } catch (e) {
      res.status(e.status ?? 500).json({ error: e.code });
    }
  });
  const base = await listen(app);
  const headers = { ...signed.headers, constructor: "x", toString: "t", hasOwnProperty: "h", valueOf: "v" };
  const spy = spyWasm();
  try {
    for (const route of ["/express", "/node"]) {
      spy.sent.length = 0;
      const res = await rawPost(`${base}${route}`, headers);
      assert.equal(res.status, 200, `${route}: ${res.body}`);
      assert.deepEqual(JSON.parse(res.body), { id: "k-42" });
      assert.equal(spy.sent.length, 1, route);
      const got = spy.sent[0].headers;
      assert.equal(got.constructor, "x", `${route}: constructor`);
      assert.equal(got.tostring, "t", `${route}: tostring`);
      assert.equal(got.hasownproperty, "h", `${route}: hasownproperty`);
      assert.equal(got.valueof, "v", `${route}: valueof`);
    }
  } finally {
    spy.restore();
  }
});

test("Node helpers read options from own properties: an inherited maxBodyBytes or headers changes nothing", async () => {
  const plain = await listen(async (req, res) => {
    try {
      const options = Object.assign(Object.create({ maxBodyBytes: 1, headers: {} }), { provider: "textbee", secret: SECRET });
      res.end((await verifyNodeRequest(req, options)).id);
    } catch (e) {
      res.statusCode = e.status ?? 500;
      res.end(e.code);
    }
  });
  const r = await post(plain);
  assert.equal(await r.text(), "k-42");
  assert.equal(r.status, 200);
  const app = express();
  const options = Object.assign(Object.create({ maxBodyBytes: 1, onError: "not a function" }), { provider: "textbee", secret: SECRET });
  app.post("/w", expressWebhook(options), (req, res) => res.json({ id: req.webhook.id }));
  const ok = await post(`${await listen(app)}/w`);
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), { id: "k-42" });
});

test("Node helpers: a bad maxBodyBytes is invalid_argument, at startup for expressWebhook", async () => {
  for (const maxBodyBytes of [-1, 1.5, "64"]) {
    assert.throws(() => expressWebhook({ provider: "textbee", secret: SECRET, maxBodyBytes }),
      (e) => e instanceof WebhookVerificationError && e.code === "invalid_argument", String(maxBodyBytes));
  }
  const plain = await listen(async (req, res) => {
    try {
      await verifyNodeRequest(req, { provider: "textbee", secret: SECRET, maxBodyBytes: -1 });
      res.end("verified");
    } catch (e) {
      res.end(e.code);
    }
  });
  assert.equal(await (await post(plain)).text(), "invalid_argument");
});
