"use strict";
// smshook/koa: Koa middleware over a smshook Verifier. No dependency on Koa
// itself: the middleware is a plain async (ctx, next) function.
const smshook = require("smshook");
const { resolveOptions, isRefusal } = require("../dist/helpers.cjs");

const WHAT = "smshook/koa";

/**
 * Koa middleware: verifies the delivery from `ctx.req`, sets `ctx.state.webhook` (the
 * event) and calls next(). A refused delivery is answered with `err.status` and
 * `{"error": code}`, unless `onError(err, ctx, next)` is given; a misconfiguration
 * (invalid_argument: a body parser ran first, no URL for twilio/plivo…; invalid_secret)
 * is thrown. Use it on the webhook route before any body parser.
 */
function smshookKoa(options) {
  const { verifier, provider, onError } = resolveOptions(smshook, options, WHAT, "verifyNodeRequest");
  const requestOptions = provider === undefined ? { framework: "koa" } : { provider, framework: "koa" };
  return async function smshookWebhook(ctx, next) {
    // Under koa-mount, ctx.req.url lost the mount path; providers signed the full one.
    if (ctx.req.originalUrl === undefined && typeof ctx.originalUrl === "string") ctx.req.originalUrl = ctx.originalUrl;
    let event;
    try {
      event = await verifier.verifyNodeRequest(ctx.req, requestOptions);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      if (onError !== undefined) return onError(error, ctx, next);
      ctx.status = error.status;
      ctx.body = { error: error.code };
      return undefined;
    }
    ctx.state.webhook = event;
    return next();
  };
}

module.exports = smshookKoa;
module.exports.default = smshookKoa;
