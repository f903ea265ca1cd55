// Verify one delivery by hand: the headers and the exact raw body, as received.
import { verify, WebhookVerificationError } from "smshook";

const secret = process.env.TEXTBEE_WEBHOOK_SECRET;
if (!secret) throw new Error("TEXTBEE_WEBHOOK_SECRET is not set");

/** Returns the HTTP status to answer textbee with. */
export const onDelivery = (headers: Record<string, string | string[] | undefined>, rawBody: Uint8Array): number => {
  try {
    const event = verify({
      provider: "textbee", // optional: detected from the headers when absent
      secret,              // or [current, previous] while you rotate it
      headers,             // Headers, a plain object (Node's req.headers) or [name, value][]
      body: rawBody,       // the exact bytes (or text), never a parsed object
    });
    console.log(event.type, event.from, event.text); // message.received +15551234567 Hello
    return 200;
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.status; // 401, 400, 413…
    throw error;
  }
};
