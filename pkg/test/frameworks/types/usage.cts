// Type-checked (never run) by frameworks.test.mjs: the framework subpaths through require().
import express = require("express");
import Fastify = require("fastify");
import expressHelpers = require("smshook/express");
import smshookFastify = require("smshook/fastify");
import honoHelpers = require("smshook/hono");
import smshook = require("smshook");

const app = express();
app.post("/hook", expressHelpers.webhook({ provider: "textbee", secret: "s" }), (req, res) => {
  const event: smshook.WebhookEvent = req.webhook;
  res.json({ id: event.id, bytes: req.rawBody.length });
});

const fastify = Fastify();
fastify.register(smshookFastify, { provider: "zuc", secret: "z" });
fastify.register(smshookFastify.default, { secrets: { zuc: "z" } });
const options: smshookFastify.SmshookFastifyOptions = { provider: "zuc", secret: "z" };
fastify.register(smshookFastify, options);

const middleware = honoHelpers.webhook({ provider: "zuc", secret: "z" });
console.log(typeof middleware);
