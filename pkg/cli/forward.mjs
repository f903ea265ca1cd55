/**
 * The forward of a verified event, built exactly as the smshook Worker builds it
 * (worker/src/handler.rs, event mode): the event's JSON as serde writes it (fields in
 * order, compact, `data` the raw JSON body verbatim), `content-type: application/json`,
 * `smshook-provider`, and Standard Webhooks `webhook-id` / `webhook-timestamp` /
 * `webhook-signature` signed with the forward secret; the answer mapped like `reply_for`.
 */
import { createHash } from "node:crypto";
import { isDeepStrictEqual } from "node:util";

/**
 * The `webhook-id` of a forward (SPEC section 5): the event id when it is 1 to 256
 * printable ASCII characters (0x21 to 0x7E), else `sha256:` + the hex SHA-256 of its UTF-8.
 */
export function forwardId(id) {
  const bytes = Buffer.from(id, "utf8");
  if (bytes.length >= 1 && bytes.length <= 256 && bytes.every((b) => b >= 0x21 && b <= 0x7e)) return id;
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}

/** JSON's insignificant whitespace, which serde's RawValue leaves out around a value. */
const JSON_SPACE = /^[ \t\n\r]+|[ \t\n\r]+$/g;

/**
 * The forwarded body of `event` verified from `rawBody` (a Buffer): the event's fields in
 * the core's order, and as `data` the raw body itself (trimmed) when it is JSON and is the
 * event's data, else the data as JSON (form bodies: the parameter object).
 */
export function forwardBody(event, rawBody) {
  const text = Buffer.from(rawBody).toString("utf8");
  let data = null;
  try {
    if (isDeepStrictEqual(JSON.parse(text), event.data)) data = text.replace(JSON_SPACE, "");
  } catch {
    // not JSON: a form body, whose data the core built
  }
  data ??= JSON.stringify(event.data);
  const error = event.error === null ? null : { code: event.error.code ?? null, message: event.error.message ?? null };
  const head = JSON.stringify({
    provider: event.provider,
    type: event.type,
    providerEvent: event.providerEvent,
    id: event.id,
    occurredAt: event.occurredAt,
    messageId: event.messageId,
    from: event.from,
    to: event.to,
    text: event.text,
    error,
  });
  return `${head.slice(0, -1)},"data":${data}}`;
}

/**
 * The request the Worker would send for `event`: { body, headers }, signed at `now` (ms)
 * with `secret` (whsec_…) through the package's sign().
 */
export function forwardRequest(smshook, event, rawBody, secret, now) {
  const body = forwardBody(event, rawBody);
  const signed = smshook.sign({ provider: "standard", secret, body, now, id: forwardId(event.id) });
  const headers = { "content-type": "application/json", "smshook-provider": event.provider };
  for (const [name, value] of Object.entries(signed.headers)) {
    const lower = name.toLowerCase();
    if (lower.startsWith("webhook-")) headers[lower] = value;
  }
  return { body, headers };
}

/**
 * The answer to the provider after a forward, as the Worker's `reply_for`:
 * { status, body } from the receiver's status, or from `failure` ("unreachable" | "timeout").
 */
export function replyFor(result, id) {
  if (result.status !== undefined && result.status >= 200 && result.status < 300) return { status: 200, body: { ok: true, id } };
  if (result.status !== undefined) return { status: 502, body: { error: "receiver_error" } };
  if (result.failure === "timeout") return { status: 504, body: { error: "receiver_timeout" } };
  return { status: 502, body: { error: "receiver_unreachable" } };
}
