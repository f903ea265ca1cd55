// On Node the core hashes with node:crypto (HMAC-SHA256, SHA-256) and compares itself;
// SMSHOOK_CRYPTO=wasm keeps the core's own hashing. Both paths run every vector file
// (run.sh runs the vector suites once more with SMSHOOK_CRYPTO=wasm); this file checks
// which path a process is on, by counting the node:crypto calls it makes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";

const probe = `
  const crypto = require("node:crypto");
  const calls = { hmac: 0, hash: 0 };
  const { createHmac, createHash } = crypto;
  crypto.createHmac = (...a) => { calls.hmac++; return createHmac(...a); };
  crypto.createHash = (...a) => { calls.hash++; return createHash(...a); };
  const { sign, verify } = require("smshook");
  const secret = "3f8a2b6c-9d1e-4f70-8a5b-c2d4e6f81a3b";
  const body = JSON.stringify({ smsId: "1", message: "hi", webhookEvent: "MESSAGE_RECEIVED", sender: "+15551234567" });
  const signed = sign({ provider: "textbee", secret, body });
  const event = verify({ provider: "textbee", secret, headers: signed.headers, body });
  let refused = null;
  try { verify({ provider: "textbee", secret, headers: signed.headers, body: body.replace("hi", "ho") }); }
  catch (e) { refused = e.code; }
  console.log(JSON.stringify({ calls, id: event.id, refused }));
`;

function run(env) {
  const out = execFileSync(process.execPath, ["-e", probe], {
    encoding: "utf8", timeout: 30000, env: { ...process.env, ...env },
  });
  return JSON.parse(out.trim().split("\n").pop());
}

test("Node: node:crypto hashes, the core compares (a tampered body is still refused)", () => {
  const got = run({ SMSHOOK_CRYPTO: "" });
  assert.ok(got.calls.hmac >= 2, `createHmac calls: ${got.calls.hmac}`);
  assert.ok(got.calls.hash >= 1, `createHash calls (the body hash of the id): ${got.calls.hash}`);
  assert.equal(got.refused, "signature_mismatch");
  assert.match(got.id, /^[0-9a-f]{64}$|^1$/);
});

test("SMSHOOK_CRYPTO=wasm: the core's own hashing, the same answers", () => {
  const host = run({ SMSHOOK_CRYPTO: "" });
  const own = run({ SMSHOOK_CRYPTO: "wasm" });
  assert.deepEqual(own.calls, { hmac: 0, hash: 0 });
  assert.equal(own.refused, "signature_mismatch");
  assert.equal(own.id, host.id);
});
