// Runtime-neutral (Deno, Bun): every shared vector through `import … from "smshook"`
// (browser-entry.js's runner), plus one forged delivery refused with its code, status and
// class. runtimes.test.mjs passes the vector files on stdin and reads the JSON printed.
import "../browser-entry.js";
import * as smshook from "smshook";

const SECRET = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

/** Runs everything on the vector files `input` (JSON text); returns the result object. */
export async function run(input) {
  const result = await globalThis.runVectors(JSON.parse(input));
  const { sign, verify, WebhookVerificationError } = smshook;
  const body = JSON.stringify({ type: "custom.thing", n: 1 });
  const signed = sign({ provider: "standard", secret: SECRET, body });
  result.event = verify({ secret: SECRET, headers: signed.headers, body }).provider;
  try {
    verify({ secret: SECRET, headers: signed.headers, body: body.replace("1", "2") });
    result.refusal = null;
  } catch (e) {
    result.refusal = { code: e.code, status: e.status, provider: e.provider, ours: e instanceof WebhookVerificationError };
  }
  result.resolved = import.meta.resolve("smshook");
  return result;
}
