// Type-checked (never run) by frameworks.test.mjs: the framework subpaths through import.
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import { createVerifier, type ProviderEvent, type WebhookEvent } from "smshook";
import { webhook } from "smshook/express";
import smshookFastify from "smshook/fastify";
import { webhook as honoWebhook, type WebhookEnv } from "smshook/hono";

type Is<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
declare function check<T extends true>(): void;

// Express: req.webhook and req.rawBody are typed on every Request (the augmentation).
const app = express();
app.post("/verify-style", webhook({ provider: "textbee", secret: "s".repeat(20), toleranceSeconds: 60 }), (req, res) => {
  const event: WebhookEvent = req.webhook;
  const raw: Buffer = req.rawBody;
  res.json({ type: event.type, bytes: raw.length });
});
app.post("/verifier-style", webhook({
  secrets: { textbee: "s", zuc: ["new", "old"] },
  provider: "zuc",
  onError: (err, req, res, next) => {
    if (err.code === "body_too_large") next(err);
    else res.status(err.status).json({ error: err.code, path: req.path });
  },
}));
app.post("/prebuilt", webhook(createVerifier({ secrets: { twilio: "t" }, publicUrl: "https://hooks.example.com" })));
app.post("/prebuilt-pinned", webhook({ verifier: createVerifier({ secrets: { twilio: "t", plivo: "p" }, trustProxy: true }), provider: "plivo" }));
// @ts-expect-error a typo is not an option
webhook({ provider: "textbee", secret: "s", toleranceSecond: 5 });
// @ts-expect-error verify's options need the provider
webhook({ secret: "s" });
// @ts-expect-error not a provider id
webhook({ provider: "textbe", secret: "s" });

// Fastify: request.webhook in the scope, options checked at register().
const fastify = Fastify();
fastify.register(async (scope) => {
  await scope.register(smshookFastify, {
    provider: "telnyx",
    secret: "key",
    onError: (err, request, reply) => reply.code(err.status).send({ error: err.code, url: request.url }),
  });
  scope.post("/hook", async (request) => {
    const event: WebhookEvent = request.webhook;
    return { id: event.id };
  });
});
fastify.register(smshookFastify, { verifier: createVerifier({ secrets: { zuc: "z" } }) });
fastify.register(smshookFastify, { secrets: { sinch: "s" }, maxBodyBytes: 65536 });
// @ts-expect-error a typo is not an option
fastify.register(smshookFastify, { provider: "textbee", secret: "s", tolerance: 1 });

// Hono: c.get("webhook") in the handlers after the middleware, typed by its providers.
const hono = new Hono();
hono.post("/twilio", honoWebhook({ provider: "twilio", secret: "t", publicUrl: "https://hooks.example.com" }), (c) => {
  const event = c.get("webhook");
  check<Is<typeof event, ProviderEvent<"twilio">>>();
  return c.json({ sid: event.data.MessageSid ?? null });
});
const typed = new Hono<WebhookEnv<"textbee" | "zuc">>();
typed.use("/hooks/*", honoWebhook(createVerifier({ secrets: { textbee: "s", zuc: "z" } })));
typed.post("/hooks/sms", (c) => c.text(c.get("webhook").provider));
hono.post("/handled", honoWebhook({ secrets: { zuc: "z" }, onError: (err, c) => c.json({ error: err.code }, 401) }));
// @ts-expect-error not a provider id
honoWebhook({ secrets: { textbe: "s" } });
