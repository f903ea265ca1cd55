// A plain-JS Cloudflare Worker using the package (bundled like wrangler does: conditions
// workerd/worker, the .wasm kept as a module). Run under miniflare by worker.test.mjs.
import { verifyRequest, verify, sign, detect, PROVIDERS, WebhookVerificationError } from "smshook";

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/info") {
      // Synchronous use at request time, and sign inside the Worker.
      const body = '{"hello":"worker"}';
      const s = sign({ provider: "standard", secret: env.SECRET, body });
      const event = verify({ secret: env.SECRET, headers: s.headers, body });
      return Response.json({ providers: PROVIDERS.length, detected: detect(s.headers), type: event.type });
    }
    try {
      const event = await verifyRequest(request, { secret: env.SECRET });
      return Response.json(event);
    } catch (e) {
      if (e instanceof WebhookVerificationError) {
        return Response.json({ error: e.code, provider: e.provider }, { status: e.status });
      }
      throw e;
    }
  },
};
