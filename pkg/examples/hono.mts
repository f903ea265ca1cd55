import { Hono } from "hono";
import { webhook } from "smshook/hono";

const secret = process.env.SINCH_WEBHOOK_SECRET;
if (!secret) throw new Error("SINCH_WEBHOOK_SECRET is not set");

const app = new Hono();

app.post("/webhooks/sinch", webhook({ provider: "sinch", secret }), (c) => {
  const event = c.get("webhook");
  console.log(event.type, event.messageId);
  return c.body(null, 204);
});

export default app; // Bun, Deno, or @hono/node-server's serve(app)
