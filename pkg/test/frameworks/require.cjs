"use strict";
// Run by frameworks.test.mjs: a CommonJS program requires every framework subpath and
// verifies one delivery (SMSHOOK_DELIVERY, JSON) through smshook/express on an Express
// server on 127.0.0.1; prints `{ status, id, subpaths }`.
const http = require("node:http");
const express = require("express");

const subpaths = {
  express: require("smshook/express"),
  fastify: require("smshook/fastify"),
  hono: require("smshook/hono"),
  koa: require("smshook/koa"),
};
if (typeof subpaths.express.webhook !== "function" || typeof subpaths.fastify !== "function" ||
    typeof subpaths.hono.webhook !== "function" || typeof subpaths.koa !== "function") {
  throw new Error("a subpath export is missing");
}

const d = JSON.parse(process.env.SMSHOOK_DELIVERY);
const app = express();
app.post("/w", subpaths.express.webhook({ provider: d.provider, secret: d.secret, ...d.options }), (req, res) => res.json({ id: req.webhook.id }));
const server = http.createServer(app);
server.requestTimeout = 5000;
server.listen(0, "127.0.0.1", async () => {
  try {
    const res = await fetch(`http://127.0.0.1:${server.address().port}/w`, {
      method: "POST", headers: d.headers, body: d.body, signal: AbortSignal.timeout(5000),
    });
    const body = await res.json();
    console.log(JSON.stringify({ status: res.status, id: body.id, subpaths: Object.keys(subpaths) }));
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
