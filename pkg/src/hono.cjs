"use strict";
// smshook/hono for require(): the CommonJS twin of hono.js, over the same middleware
// (src/helpers.js, as dist/helpers.cjs). No dependency on Hono itself.
const smshook = require("smshook");
const { honoWebhook } = require("../dist/helpers.cjs");

/**
 * Hono middleware: verifies the delivery from `c.req.raw`, sets `c.set("webhook", event)`
 * and calls next(); refusals answer `err.status` with `{"error": code}` unless
 * `onError(err, c)` is given (see `honoWebhook` in src/helpers.js).
 */
function webhook(options) {
  return honoWebhook(smshook, options);
}

module.exports = { webhook };
