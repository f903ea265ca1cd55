// One route for several providers on Cloudflare Workers: secrets come from c.env.
import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { createVerifier, PROVIDERS, WebhookVerificationError, type ProviderId, type Verifier } from "smshook";

type Bindings = { TEXTBEE_SECRET: string; ZUC_SECRET: string };
const app = new Hono<{ Bindings: Bindings }>();

let verifier: Verifier | undefined; // built on the first request, then kept by the isolate

const isProviderId = (name: string): name is ProviderId => PROVIDERS.some((p) => p.id === name);

app.post("/webhooks/:provider", async (c) => {
  const provider = c.req.param("provider"); // a string: narrow it to a ProviderId
  if (!isProviderId(provider)) return c.json({ error: "unknown_provider" }, 404);
  verifier ??= createVerifier({ secrets: { textbee: c.env.TEXTBEE_SECRET, zuc: c.env.ZUC_SECRET } });
  try {
    const event = await verifier.verifyRequest(c.req.raw, { provider });
    return c.json({ id: event.id });
  } catch (e) {
    // c.json's status is a literal status-code type; e.status is a number.
    if (e instanceof WebhookVerificationError) return c.json({ error: e.code }, e.status as ContentfulStatusCode);
    throw e;
  }
});

export default app;
