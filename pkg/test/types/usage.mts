// Type-checked (never run) by types.test.mjs against the installed package. Each
// `@ts-expect-error TSxxxx` must fail with that code (types.test.mjs checks the code).
import {
  verify, sign, detect, PROVIDERS, WebhookVerificationError, verifyRequest, verifyNodeRequest, expressWebhook, createVerifier,
  type ProviderId, type WebhookEvent, type ErrorCode, type EventType, type VerifyOptions, type VerifyConfig, type Verifier,
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
// @ts-expect-error TS2353: verifyRequest reads request.body (a stream), not arrayBuffer()
verifyRequest({ headers: new Headers(), bodyUsed: false, arrayBuffer: async () => new ArrayBuffer(0) }, { secret: "s" });
const mw = expressWebhook({ provider: "httpsms", secret: "s", audience: "https://x", onError: (err, _req, res) => res.status(err.status).end() });
declare const req: { headers: Record<string, string | string[] | undefined>; on(e: string, f: () => void): void };
verifyNodeRequest(req, { secret: "s" }).then((e) => e.id);

// @ts-expect-error TS2820: provider ids are exact
verify({ provider: "TextBee", secret: "s", headers: {}, body: "" });
// @ts-expect-error TS2353: a parsed object is not a body
verify({ secret: "s", headers: {}, body: { a: 1 } });
// @ts-expect-error TS2322: no such error code
const bad: ErrorCode = "nope";
// @ts-expect-error TS2353: verify takes the URL itself; publicUrl is the helpers' option
verify({ provider: "twilio", secret: "s", headers: {}, body: "", publicUrl: "https://hooks.example.com" });
// @ts-expect-error TS2353: a typo'd option
verify({ secret: "s", headers: {}, body: "", tolerance: 5 });
// The helpers take publicUrl and trustProxy.
const config: VerifyConfig = { provider: "plivo", secret: "token", publicUrl: new URL("https://hooks.example.com"), trustProxy: false };
verifyNodeRequest(req, config);

// createVerifier, from the root like every entry point.
const verifier: Verifier<"textbee" | "zuc"> = createVerifier({ secrets: { textbee: "s".repeat(20), zuc: "z" } });
const narrowed = verifier.verify({ headers: new Headers(), body: "{}" });
if (narrowed.provider === "zuc") console.log(narrowed.data.data?.messageId);
// Narrowing on the provider types data.
if (event.provider === "textbee") console.log(event.data.smsId);
else if (event.provider === "sinch") console.log(event.data.batch_id);
console.log(t, p, from, body, d, ids, handler, mw, bad);
