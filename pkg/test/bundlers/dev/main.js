// Served by the Vite dev server (bundlers.test.mjs), where "smshook" is pre-bundled into
// Vite's cache: a Standard Webhooks delivery signed and verified, a forged one refused.
// (Plain ESM: the dev server does not convert the CommonJS vectors runner.)
import { sign, verify, PROVIDERS, WebhookVerificationError } from "smshook";

const secret = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
const body = JSON.stringify({ type: "custom.thing", n: 1 });
const signed = sign({ provider: "standard", secret, body });
const event = verify({ secret, headers: signed.headers, body });
let refusal;
try {
  verify({ secret, headers: signed.headers, body: body.replace("1", "2") });
} catch (e) {
  refusal = { code: e.code, status: e.status, ours: e instanceof WebhookVerificationError };
}
globalThis.smshookResult = { provider: event.provider, type: event.type, refusal, providers: PROVIDERS.length };
