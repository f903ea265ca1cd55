// Build the verifier once, at startup; use it for every delivery.
import { createVerifier, WebhookVerificationError } from "smshook";

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

// Options are checked here: an unknown option, an unknown provider id or an empty secret
// throws a WebhookVerificationError now, not on the first delivery.
const verifier = createVerifier({
  secrets: {
    textbee: [env("TEXTBEE_SECRET"), env("TEXTBEE_SECRET_PREVIOUS")], // rotation: any one may match
    zuc: env("ZUC_SECRET"),
    twilio: env("TWILIO_AUTH_TOKEN"),
  },
  toleranceSeconds: 300,
});
console.log(verifier.providers); // [ "textbee", "zuc", "twilio" ]

/** A delivery as your server received it; `url` is the public URL it was posted to. */
export function handle(headers: Headers, body: Uint8Array, url: string): number {
  try {
    // Detection looks only among textbee, zuc and twilio; pass `provider` to skip it.
    const event = verifier.verify({ headers, body, url });
    console.log(event.provider, event.type, event.id);
    return 200;
  } catch (error) {
    // provider_not_detected: none of the configured providers sent these headers.
    if (error instanceof WebhookVerificationError) return error.status;
    throw error;
  }
}
