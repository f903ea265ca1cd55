import { createVerifier, WebhookVerificationError, type Verifier } from "smshook";

interface Env {
  ZUC_SECRET: string;
  ZUC_SECRET_PREVIOUS?: string; // set while rotating
}

let verifier: Verifier | undefined; // one per isolate

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (request.method !== "POST") return new Response(null, { status: 405 });
    const secrets = [env.ZUC_SECRET, env.ZUC_SECRET_PREVIOUS].filter((s): s is string => !!s);
    verifier ??= createVerifier({ secrets: { zuc: secrets } });
    try {
      const event = await verifier.verifyRequest(request);
      console.log(event.type, event.id); // … or env.QUEUE.send(event)
      return new Response("ok");
    } catch (e) {
      if (e instanceof WebhookVerificationError) return Response.json({ error: e.code }, { status: e.status });
      throw e;
    }
  },
};
