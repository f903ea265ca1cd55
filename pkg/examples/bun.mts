// bun run bun.mts: Bun serves the default export's fetch.
import { createVerifier, WebhookVerificationError } from "smshook";

const secret = process.env.TEXTUS_WEBHOOK_SECRET; // the whole "textus-…" string
if (!secret) throw new Error("TEXTUS_WEBHOOK_SECRET is not set");

// TextUs retries for up to 12 hours: refuse deliveries whose signed time is older than 1 h.
const verifier = createVerifier({ secrets: { textus: secret }, maxAgeSeconds: 3600 });

export default {
  port: 3000,
  async fetch(request: Request): Promise<Response> {
    try {
      const event = await verifier.verifyRequest(request);
      console.log(event.type, event.from, event.text);
      return new Response(null, { status: 204 });
    } catch (e) {
      if (e instanceof WebhookVerificationError) return Response.json({ error: e.code }, { status: e.status });
      throw e;
    }
  },
};
