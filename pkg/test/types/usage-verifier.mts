// Type-checked (never run) by types.test.mjs: createVerifier, Verifier, VerifierOptions.
// Each `@ts-expect-error TSxxxx` must fail with that code (types.test.mjs checks the code).
import {
  createVerifier, WebhookVerificationError,
  type ProviderId, type Verifier, type VerifierOptions, type WebhookEvent, type ProviderEvent,
} from "smshook";

type Is<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
declare function check<T extends true>(): void;

const headers = new Headers();
const body = new Uint8Array(0);

// The configured providers type the verifier and its events.
const sms = createVerifier({
  secrets: { twilio: "auth-token", textbee: ["current-secret-0123456789", "previous-secret-0123456789"] },
  publicUrl: "https://hooks.example.com",
  toleranceSeconds: 60,
  maxBodyBytes: 65536,
});
check<Is<typeof sms, Verifier<"twilio" | "textbee">>>();
check<Is<typeof sms.providers, readonly ("twilio" | "textbee")[]>>();
const event = sms.verify({ headers, body, url: new URL("https://hooks.example.com/sms"), now: new Date() });
check<Is<typeof event, ProviderEvent<"twilio"> | ProviderEvent<"textbee">>>();
if (event.provider === "twilio") {
  const sid: string | undefined = event.data.MessageSid;
  console.log(sid);
} else {
  check<Is<typeof event.provider, "textbee">>();
  const key: string | undefined = event.data.idempotencyKey;
  console.log(key);
}
// Naming one of the providers narrows the event.
const fromTwilio = sms.verify({ headers, body: "Body=hi", provider: "twilio" });
check<Is<typeof fromTwilio, ProviderEvent<"twilio">>>();
// @ts-expect-error TS2322: zuc is not one of this verifier's providers (unknown_provider at runtime)
sms.verify({ headers, body, provider: "zuc" });
// @ts-expect-error TS2353: the checks come from the verifier; a delivery has headers, body, url, now, provider
sms.verify({ headers, body, toleranceSeconds: 5 });
// @ts-expect-error TS2353: a parsed object is not a body
sms.verify({ headers, body: { Body: "hi" } });

// Fetch and Node helpers resolve to the same events.
async function routes(request: Request, req: { headers: Record<string, string | string[] | undefined>; on(e: string, f: () => void): void }) {
  const a = await sms.verifyRequest(request);
  const b = await sms.verifyRequest(request, { url: "https://hooks.example.com/sms", provider: "textbee" });
  const c = await sms.verifyNodeRequest(req, { body: new Uint8Array(0), framework: "express" });
  const d = await sms.verifyNodeRequest(req, { body: "raw", framework: "fastify", provider: "twilio" });
  check<Is<typeof a, ProviderEvent<"twilio" | "textbee">>>();
  check<Is<typeof b, ProviderEvent<"textbee">>>();
  check<Is<typeof c, ProviderEvent<"twilio" | "textbee">>>();
  check<Is<typeof d, ProviderEvent<"twilio">>>();
  // @ts-expect-error TS2322: framework names one of express, koa, fastify, node
  await sms.verifyNodeRequest(req, { framework: "hapi" });
  return [a, b, c, d];
}

// A `standard` secret accepts the Worker's forwarded events: of any provider.
const forwarded = createVerifier({ secrets: { standard: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" } });
check<Is<ReturnType<typeof forwarded.verify>, WebhookEvent>>();

// Secrets built at runtime: every provider possible; undefined values allowed.
declare const fromEnv: Partial<Record<ProviderId, string>>;
const dynamic = createVerifier({ secrets: fromEnv, trustProxy: true });
check<Is<typeof dynamic, Verifier<ProviderId>>>();
declare const maybe: string | undefined;
createVerifier({ secrets: { telnyx: maybe }, now: Date.now(), leewaySeconds: 30, audience: "https://x", subject: "u1", allowUnsigned: false, maxAgeSeconds: 3600 });

// A typed verifier fits wherever a Verifier is expected (the framework helpers take one).
const general: Verifier = sms;
function providersOf(v: Verifier): readonly ProviderId[] {
  return v.providers;
}
providersOf(sms);
providersOf(forwarded);
const options: VerifierOptions<"vonage"> = { secrets: { vonage: "signature-secret" } };
const vonage = createVerifier(options);
check<Is<ReturnType<typeof vonage.verify>["provider"], "vonage">>();

// Construction errors are WebhookVerificationErrors.
try {
  createVerifier({ secrets: { textbee: "" } });
} catch (e) {
  if (e instanceof WebhookVerificationError) console.log(e.code, e.status);
}

// @ts-expect-error TS2561: provider ids are exact (TextBee is unknown_provider)
createVerifier({ secrets: { TextBee: "secret" } });
// @ts-expect-error TS2561: no such provider
createVerifier({ secrets: { twillio: "token" } });
// @ts-expect-error TS2322: at least one provider
createVerifier({ secrets: {} });
// @ts-expect-error TS2353: a typo'd option (toleranceSeconds)
createVerifier({ secrets: { zuc: "s" }, tolerance: 60 });
// @ts-expect-error TS2561: verify's one provider and secret are `secrets` here
createVerifier({ secrets: { zuc: "s" }, secret: "s" });
// @ts-expect-error TS2353: the request parts come with each delivery
createVerifier({ secrets: { zuc: "s" }, headers });
// @ts-expect-error TS2322: a secret is a string or a list of strings
createVerifier({ secrets: { zuc: 42 } });
// @ts-expect-error TS2345: secrets are required
createVerifier({ toleranceSeconds: 60 });

console.log(routes, general, dynamic);
