// deno serve --allow-env=PLIVO_AUTH_TOKEN deno.ts
import { createVerifier, WebhookVerificationError } from "npm:smshook";

const authToken = Deno.env.get("PLIVO_AUTH_TOKEN");
if (!authToken) throw new Error("PLIVO_AUTH_TOKEN is not set");

// Plivo signs the URL it posts to: the public origin replaces the one Deno sees.
const verifier = createVerifier({ secrets: { plivo: authToken }, publicUrl: "https://hooks.example.com" });

export default {
  async fetch(request) {
    try {
      const event = await verifier.verifyRequest(request);
      console.log(event.type, event.from, event.text);
      return new Response(null, { status: 204 });
    } catch (e) {
      if (e instanceof WebhookVerificationError) return Response.json({ error: e.code }, { status: e.status });
      throw e;
    }
  },
} satisfies Deno.ServeDefaultExport;
