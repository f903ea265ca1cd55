"use strict";
// Node (and Bun, Deno's npm: support) via require(): wasm-bindgen's nodejs output
// compiles the .wasm synchronously from the file next to it.
const wasm = require("../dist/node/smshook.js");
const core = require("../dist/core.cjs");

const PROVIDERS = core.bindWasm(wasm);

module.exports = {
  verify: core.verify,
  sign: core.sign,
  detect: core.detect,
  PROVIDERS,
  WebhookVerificationError: core.WebhookVerificationError,
  verifyRequest: core.verifyRequest,
  verifyNodeRequest: core.verifyNodeRequest,
  expressWebhook: core.expressWebhook,
};
