// app/api/webhooks/httpsms/route.ts (a Next.js App Router route handler)
import { createVerifier, WebhookVerificationError, type Verifier } from "smshook";

let verifier: Verifier | undefined;

/** Built on the first request, not at import: `next build` may import this file without the env. */
function getVerifier(): Verifier {
  const key = process.env.HTTPSMS_SIGNING_KEY; // string | undefined
  if (!key) throw new Error("HTTPSMS_SIGNING_KEY is not set");
  verifier ??= createVerifier({
    secrets: { httpsms: key },
    audience: "https://example.com/api/webhooks/httpsms", // the URL registered with httpSMS
  });
  return verifier;
}

export async function POST(request: Request): Promise<Response> {
  try {
    const event = await getVerifier().verifyRequest(request);
    console.log(event.type, event.from, event.text);
    return new Response(null, { status: 204 });
  } catch (e) {
    if (e instanceof WebhookVerificationError) return Response.json({ error: e.code }, { status: e.status });
    throw e;
  }
}
