"use strict";
// Node and Bun via require() (and Deno's require(), which needs --allow-read for it):
// wasm-bindgen's nodejs output compiles the .wasm synchronously from the file.
// The names are the CommonJS twin of src/public.js, as `exports.NAME =` lines so that
// Node's ESM loader sees them (node.mjs re-exports this file); test/runtimes.test.mjs
// checks that both lists match index.d.ts.
const wasm = require("../dist/node/smshook.js");
const core = require("../dist/core.cjs");

exports.PROVIDERS = core.bindWasm(wasm);

// Node, Bun and Deno hash with node:crypto (HMAC-SHA256, SHA-256); the comparison stays
// in the core, in constant time. SMSHOOK_CRYPTO=wasm keeps the core's own hashing.
if (typeof process === "undefined" || !process.env || process.env.SMSHOOK_CRYPTO !== "wasm") {
  const crypto = require("node:crypto");
  wasm.useHostCrypto(
    (key, message) => crypto.createHmac("sha256", key).update(message).digest(),
    (message) => crypto.createHash("sha256").update(message).digest(),
  );
}
exports.verify = core.verify;
exports.sign = core.sign;
exports.detect = core.detect;
exports.WebhookVerificationError = core.WebhookVerificationError;
exports.verifyRequest = core.verifyRequest;
exports.verifyNodeRequest = core.verifyNodeRequest;
exports.expressWebhook = core.expressWebhook;
exports.createVerifier = core.createVerifier;
