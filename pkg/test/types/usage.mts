// Type-checked (never run) by types.test.mjs against the installed package.
import {
  verify, sign, detect, PROVIDERS, WebhookVerificationError, verifyRequest, verifyNodeRequest, expressWebhook,
  type ProviderId, type WebhookEvent, type ErrorCode, type EventType, type VerifyOptions,
} from "smshook";

const options: VerifyOptions = { provider: "textbee", secret: ["a", "b"], headers: new Headers(), body: new Uint8Array(0) };
const event: WebhookEvent = verify(options);
const t: EventType = event.type;
const p: ProviderId = event.provider;
const from: string | null = event.from;
verify({ secret: "s", headers: { "X-Signature": "00", "x-multi": ["a", "b"] }, body: "raw", now: Date.now(), toleranceSeconds: 60 });
verify({ secret: "s", headers: [["x-signature", "00"]], body: new ArrayBuffer(0) });
const signed = sign({ provider: "standard", secret: "whsec_x", body: "{}", id: "msg_1" });
const body: string = signed.body;
const h: Record<string, string> = signed.headers;
const d: ProviderId | null = detect(h);
const ids: ProviderId[] = PROVIDERS.map((x) => x.id);
try {
  verify(options);
} catch (e) {
  if (e instanceof WebhookVerificationError) {
    const code: ErrorCode = e.code;
    const status: number = e.status;
    const provider: ProviderId | null = e.provider;
    console.log(code, status, provider);
  }
}
async function handler(request: Request): Promise<Response> {
  const e = await verifyRequest<{ custom: number }>(request, { secret: "s" });
  const n: number = e.data.custom;
  return new Response(String(n));
}
// A Request-like object: its body is a byte stream, or null for no body.
verifyRequest({ headers: new Headers(), bodyUsed: false, body: null }, { secret: "s", maxBodyBytes: 1024 });
verifyRequest({ headers: new Headers(), bodyUsed: false, body: new ReadableStream<Uint8Array>() }, { secret: "s" });
// @ts-expect-error: verifyRequest reads request.body (a stream), not arrayBuffer()
verifyRequest({ headers: new Headers(), bodyUsed: false, arrayBuffer: async () => new ArrayBuffer(0) }, { secret: "s" });
const mw = expressWebhook({ provider: "httpsms", secret: "s", audience: "https://x", onError: (err, _req, res) => res.status(err.status).end() });
declare const req: { headers: Record<string, string | string[] | undefined>; on(e: string, f: () => void): void };
verifyNodeRequest(req, { secret: "s" }).then((e) => e.id);

// @ts-expect-error: provider ids are exact
verify({ provider: "TextBee", secret: "s", headers: {}, body: "" });
// @ts-expect-error: a parsed object is not a body
verify({ secret: "s", headers: {}, body: { a: 1 } });
// @ts-expect-error: no such error code
const bad: ErrorCode = "nope";
console.log(t, p, from, body, d, ids, handler, mw, bad);
