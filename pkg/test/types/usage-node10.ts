// TypeScript's legacy "node10" resolution (no exports map): the top-level "types" field,
// index.d.cts, with the same API.
import { createVerifier, verify, type WebhookEvent, type Verifier } from "smshook";

const verifier: Verifier<"messages-dev"> = createVerifier({ secrets: { "messages-dev": "secret" } });
const event = verifier.verify({ headers: {}, body: "" });
export const text: string | null | undefined = event.data.data?.text;
export const any: WebhookEvent = verify({ secret: "s", headers: {}, body: "" });
// @ts-expect-error TS2561: provider ids are exact
createVerifier({ secrets: { messages_dev: "secret" } });
