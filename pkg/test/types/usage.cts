// CommonJS consumers (a .cts file, `require`) get the same declarations through the
// "require" types condition (index.d.cts). Each `@ts-expect-error TSxxxx` must fail with
// that code (types.test.mjs checks the code).
import smshook = require("smshook");
import { createVerifier, type Verifier, type ProviderEvent } from "smshook";

type Is<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
declare function check<T extends true>(): void;

const e: smshook.WebhookEvent = smshook.verify({ secret: "s", headers: {}, body: "" });
const code: smshook.ErrorCode = "signature_mismatch";
console.log(e.type, code, smshook.PROVIDERS.length);

// Narrowing on the provider, as in ESM.
if (e.provider === "telnyx") {
  check<Is<typeof e.data.data.event_type, "message.received" | "message.sent" | "message.finalized" | "message.read" | (string & {})>>();
  // @ts-expect-error TS18046: MessageUUID is Plivo's; Telnyx's data has no such string
  e.data.MessageUUID.trim();
}

// createVerifier through require: the same inference and checks.
const v = smshook.createVerifier({ secrets: { plivo: "token", vonage: ["new", "old"] }, publicUrl: "https://hooks.example.com" });
check<Is<typeof v, smshook.Verifier<"plivo" | "vonage">>>();
const event = v.verify({ headers: {}, body: "", url: "https://hooks.example.com/plivo" });
check<Is<typeof event, ProviderEvent<"plivo"> | ProviderEvent<"vonage">>>();
if (event.provider === "plivo") console.log(event.data.MessageUUID);
const named = createVerifier({ secrets: { sinch: "s" } });
const general: Verifier = named;
// @ts-expect-error TS2561: provider ids are exact
createVerifier({ secrets: { Sinch: "s" } });
// @ts-expect-error TS2353: a typo'd option
smshook.createVerifier({ secrets: { sinch: "s" }, maxBody: 10 });

try {
  smshook.verify({ provider: "textbee", secret: "s", headers: {}, body: "" });
} catch (err) {
  if (err instanceof smshook.WebhookVerificationError) console.log(err.code satisfies smshook.ErrorCode, err.status);
}
console.log(general);
