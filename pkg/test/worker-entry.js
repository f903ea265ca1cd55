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
    if (url.pathname === "/limit") {
      // verifyRequest on a 64 MiB stream with maxBodyBytes 1024: how much was pulled.
      const s = sign({ provider: "standard", secret: env.SECRET, body: "{}" });
      const out = {};
      for (const form of ["Request", "Request-like"]) {
        let pulled = 0;
        let cancelled = false;
        const body = new ReadableStream({
          pull(c) { pulled += 256; c.enqueue(new Uint8Array(256)); if (pulled >= 64 * 1024 * 1024) c.close(); },
          cancel() { cancelled = true; },
        }, { highWaterMark: 0 });
        const req = form === "Request"
          ? new Request("http://127.0.0.1/w", { method: "POST", headers: s.headers, body, duplex: "half" })
          : { headers: new Headers(s.headers), bodyUsed: false, body };
        const code = await verifyRequest(req, { secret: env.SECRET, maxBodyBytes: 1024 }).then(() => "an event", (e) => e.code);
        out[form] = { code, pulled, cancelled };
      }
      return Response.json(out);
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
