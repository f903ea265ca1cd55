"use strict";
// smshook/express: Express (4 and 5) middleware over a smshook Verifier. No dependency on
// Express itself: the middleware is a plain (req, res, next) function.
const smshook = require("smshook");
const { resolveOptions, isRefusal } = require("../dist/helpers.cjs");

const WHAT = "smshook/express webhook()";

/** The refusal answer: the code's status and `{"error": code}`. */
function refuse(res, error) {
  res.statusCode = error.status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.end(JSON.stringify({ error: error.code }));
}

/** The body bytes as a Buffer (a copy-free view when possible). */
function toBuffer(body) {
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === "string") return Buffer.from(body, "utf8");
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/**
 * Express middleware: verifies the delivery, then sets `req.webhook` (the event) and
 * `req.rawBody` (a Buffer of the exact bytes) and calls next(). A refused delivery is
 * answered with `err.status` and `{"error": code}`, unless `onError(err, req, res, next)`
 * is given; a misconfiguration (invalid_argument: express.json() ran first, no URL for
 * twilio/plivo…; invalid_secret) goes to next(err). Mount it on the webhook route before
 * any body parser.
 */
function webhook(options) {
  const { verifier, provider, onError } = resolveOptions(smshook, options, WHAT, "verifyNodeRequest");
  const requestOptions = provider === undefined ? { framework: "express" } : { provider, framework: "express" };
  return function smshookWebhook(req, res, next) {
    // The verifier reads the stream itself; the same chunks are kept here for req.rawBody
    // (both listeners are attached before the stream flows).
    const chunks = [];
    const keep = (chunk) => chunks.push(chunk);
    const pending = verifier.verifyNodeRequest(req, requestOptions);
    const collected = req.body === undefined || req.body === null || typeof req.body === "object" && !(req.body instanceof Uint8Array);
    if (collected && typeof req.on === "function") req.on("data", keep);
    const stop = () => { if (typeof req.removeListener === "function") req.removeListener("data", keep); };
    pending.then(
      (event) => {
        stop();
        const given = req.body;
        req.rawBody = given instanceof Uint8Array || typeof given === "string" ? toBuffer(given) : Buffer.concat(chunks.map(toBuffer));
        req.webhook = event;
        next();
      },
      (error) => {
        stop();
        if (!isRefusal(error)) next(error);
        else if (onError !== undefined) onError(error, req, res, next);
        else refuse(res, error);
      },
    );
  };
}

module.exports = { webhook };
