// smshook/hono: Hono middleware over a smshook Verifier, for every runtime Hono runs on
// (Node, Bun, Deno, Cloudflare Workers): "smshook" is imported by its bare name so that each
// runtime resolves its own build of it. No dependency on Hono itself. The middleware is
// src/helpers.js's, shared with the CommonJS twin (hono.cjs).
import * as smshook from "smshook";
import { honoWebhook } from "./helpers.js";

/**
 * Hono middleware: verifies the delivery from `c.req.raw`, sets `c.set("webhook", event)`
 * and calls next(); refusals answer `err.status` with `{"error": code}` unless
 * `onError(err, c)` is given (see `honoWebhook` in src/helpers.js).
 */
export function webhook(options) {
  return honoWebhook(smshook, options);
}
