//! Cloudflare Queues' message size limit and the delivery body limit it implies in queue
//! mode.
//!
//! A queue message is a structured-clone (V8-serialized) object
//! `{provider, id, headers: [[name, value]…], body: Uint8Array}` (see `queue::message`):
//! the body travels as bytes, without base64 or JSON escaping, and `id` is the
//! header-safe `webhook-id` (at most 256 ASCII bytes).

use crate::config::ForwardMode;
use crate::handler::Delivery;

/// Cloudflare Queues' largest message: 128 KB, counted as 128,000 bytes of serialized
/// body (as miniflare enforces it).
pub const QUEUE_MESSAGE_LIMIT: usize = 128_000;
/// The message's framing and short fields: the V8 serializer's header and tags, the
/// provider id and the `webhook-id` (at most 256 bytes).
pub const QUEUE_ENVELOPE_BYTES: usize = 1024;
/// Room for the forwarded headers besides the Standard Webhooks ones: `content-type`,
/// `smshook-provider` and, in raw mode, the provider's own headers (signatures, timestamps,
/// a JWT). A delivery that needs more is refused by the exact check, [`queue_message_bytes`].
pub const QUEUE_HEADER_BYTES: usize = 8 * 1024;
/// What an event JSON holds besides bytes taken from the body: its keys, `provider`,
/// `type`, `occurredAt`, a 64-digit hex id, `null`s.
pub const EVENT_FIXED_BYTES: usize = 1024;
/// Worst-case event JSON bytes per body byte: `data` carries the body verbatim (1), and the
/// fields taken from it (`text`, `from`, `to`, ids, `error`) are each one body token written
/// again, never longer than in the body (a valid body already escapes what JSON must
/// escape, and `serde_json` writes no longer escapes), with one token used at most twice
/// (zuc's `messageId` is both `id` and `messageId`) (2). `tests/properties.rs` holds the
/// core to `event JSON ≤ 3 × body + EVENT_FIXED_BYTES` for JSON bodies. A form body
/// (Twilio, Plivo) can reach 6× (`%01`, 3 bytes, is written `\u0001`, 6, in each copy): such
/// a body under the limit whose message still does not fit is answered 413 by the exact
/// check, [`queue_message_bytes`], or, with the `SPOOL` bucket, goes through R2.
pub const EVENT_BYTES_PER_BODY_BYTE: usize = 3;

/// The largest delivery body whose worst-case queue message fits in
/// [`QUEUE_MESSAGE_LIMIT`]; the default and the ceiling of `MAX_BODY_BYTES` in queue mode.
///
/// - raw mode (the body is forwarded as is):
///   `LIMIT − ENVELOPE − HEADERS` = 128,000 − 1,024 − 8,192 = **118,784** bytes;
/// - event mode (the event JSON is forwarded):
///   `(LIMIT − ENVELOPE − HEADERS − EVENT_FIXED) / 3` = 117,760 / 3 = **39,253** bytes.
#[must_use]
pub const fn queue_body_limit(mode: ForwardMode) -> usize {
    let room = QUEUE_MESSAGE_LIMIT - QUEUE_ENVELOPE_BYTES - QUEUE_HEADER_BYTES;
    match mode {
        ForwardMode::Raw => room,
        ForwardMode::Event => (room - EVENT_FIXED_BYTES) / EVENT_BYTES_PER_BODY_BYTE,
    }
}

/// An upper bound of a V8-serialized string: a tag, a length and one byte per character
/// when all are Latin-1, else two bytes per UTF-16 unit.
fn v8_string_bytes(s: &str) -> usize {
    let chars = if s.chars().all(|c| u32::from(c) <= 0xFF) {
        s.chars().count()
    } else {
        2 * s.encode_utf16().count()
    };
    chars + 8
}

/// An upper bound of the size of the queue message carrying `delivery`: the framing, the
/// provider, the `webhook-id`, the headers and the body bytes.
#[must_use]
pub fn queue_message_bytes(delivery: &Delivery) -> usize {
    let headers: usize = delivery
        .headers
        .iter()
        .map(|(name, value)| 16 + v8_string_bytes(name) + v8_string_bytes(value))
        .sum();
    64 + v8_string_bytes("provider")
        + v8_string_bytes(&delivery.provider)
        + v8_string_bytes("id")
        + v8_string_bytes(&delivery.webhook_id())
        + v8_string_bytes("headers")
        + headers
        + v8_string_bytes("body")
        + 32
        + delivery.body.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_body_limits_follow_the_formula() {
        assert_eq!(queue_body_limit(ForwardMode::Raw), 118_784);
        assert_eq!(queue_body_limit(ForwardMode::Event), 39_253);
        let worst_event =
            EVENT_BYTES_PER_BODY_BYTE * queue_body_limit(ForwardMode::Event) + EVENT_FIXED_BYTES;
        assert!(worst_event + QUEUE_ENVELOPE_BYTES + QUEUE_HEADER_BYTES <= QUEUE_MESSAGE_LIMIT);
    }

    #[test]
    fn message_size_counts_every_part() {
        let mut delivery = Delivery {
            provider: "textbee".into(),
            id: "é\u{1}".repeat(1000),
            body: vec![b'x'; 1000],
            headers: vec![("content-type".into(), "application/json".into())],
        };
        let small = queue_message_bytes(&delivery);
        assert!(small > 1000 && small < 1000 + QUEUE_ENVELOPE_BYTES);
        delivery.body = vec![b'x'; QUEUE_MESSAGE_LIMIT];
        assert!(queue_message_bytes(&delivery) > QUEUE_MESSAGE_LIMIT);
        assert_eq!(v8_string_bytes("ab"), 10);
        assert_eq!(v8_string_bytes("é"), 9, "Latin-1: one byte a character");
        assert_eq!(v8_string_bytes("✓a"), 12, "two bytes a UTF-16 unit");
    }
}
