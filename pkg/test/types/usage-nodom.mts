// Without the DOM library or @types/node: the declarations stand alone.
import { verify, detect, type WebhookEvent } from "smshook";
const e: WebhookEvent = verify({ provider: "zuc", secret: "s", headers: { "x-webhook-signature": "sha256=00" }, body: new Uint8Array(0) });
const m = new Map<string, string>([["x-signature", "00"]]);
export const out: [string, string | null] = [e.id, detect(m)];
