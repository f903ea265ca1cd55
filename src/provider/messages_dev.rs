//! Messages.dev: `{event, data, timestamp, delivery_id}` with `snake_case` data.

use super::{Fields, Input, Provider, Sample, Spec};
use crate::json;
use crate::detect::{Rule, Test};
use crate::scheme::{timestamped_hmac, HeaderName, Scheme};
use crate::{Error, Event, EventType};

pub(crate) const SPEC: Spec = Spec {
    name: "Messages.dev",
    scheme: Scheme::TimestampedHexHmac(timestamped_hmac::Params {
        signature: HeaderName {
            name: "x-webhook-signature",
            spelling: "X-Webhook-Signature",
        },
        timestamp: HeaderName {
            name: "x-webhook-timestamp",
            spelling: "X-Webhook-Timestamp",
        },
        delivery_id: HeaderName {
            name: "x-webhook-delivery-id",
            spelling: "X-Webhook-Delivery-Id",
        },
        body_timestamp: "timestamp",
        body_delivery_id: "delivery_id",
        id_prefix: "dlv_",
    }),
    headers: &["x-webhook-signature", "x-webhook-timestamp", "x-webhook-delivery-id"],
    detect: Rule {
        rank: 4,
        any: &[
            &[
                Test::Present("x-webhook-signature"),
                Test::Present("x-webhook-timestamp"),
            ],
            &[Test::Hex("x-webhook-signature")],
        ],
    },
    options: &[],
    signed_time_field: None,
    sample: Sample {
        verify_secret: None,
        url: None,
        secret: "test_secret_123",
        body: r#"{"event":"message.received","data":{"id":"msg_k57f3x9q2","chat_id":"cht_8d2n4m","guid":"6F1C2D3E-4B5A-4C6D-8E7F-9A0B1C2D3E4F","sender":"+15559876543","text":"{TEXT}","attachments":[],"is_from_me":false,"is_audio_message":false,"sent_at":1767225599000,"reply_to_guid":null,"line_handle":"+15551234567"},"timestamp":1767225600000,"delivery_id":"dlv_3f2a9c1e8b7d4e6fa0b1c2d3e4f5a6b7"}"#,
        audience: None,
        subject: None,
        id: None,
    },
    parse,
};

fn kind(name: &str) -> EventType {
    match name {
        "message.received" => EventType::MessageReceived,
        "message.sent" => EventType::MessageSent,
        "reaction.added" => EventType::ReactionAdded,
        "reaction.removed" => EventType::ReactionRemoved,
        "typing.started" => EventType::TypingStarted,
        "typing.stopped" => EventType::TypingStopped,
        "receipt.read" => EventType::ReceiptRead,
        _ => EventType::Unknown,
    }
}

fn parse(input: &Input<'_>) -> Result<Event, Error> {
    let body = input.object()?;
    // The scheme leaves the agreement of the body's timestamp with the signed one to this
    // single pass over the body.
    if let Some(token) = body.get("timestamp") {
        let body_ms = json::unsigned(Some(token))
            .ok_or(Error::payload("body timestamp is not an integer"))?;
        if input.signed.time_ms.is_some_and(|signed| signed != body_ms) {
            return Err(Error::payload("timestamp header and body disagree"));
        }
    }
    let name = json::text(body.get("event")).ok_or(Error::payload("no event name"))?;
    let kind = kind(&name);
    // The body's delivery_id is signed. The X-Webhook-Delivery-Id header is not (a replay
    // could carry any value there), so it never becomes the id: without a body id, the
    // id is the body's hash.
    let id = json::text(body.get("delivery_id")).filter(|id| !id.is_empty());
    let mut fields = Fields {
        kind: Some(kind),
        provider_event: name,
        id,
        ..Fields::default()
    };
    if kind != EventType::Unknown {
        let data = body
            .object("data")
            .ok_or(Error::payload("no data object"))?;
        let text = |key| json::text(data.get(key));
        let sender = || text("sender").or_else(|| text("handle"));
        let line = text("line_handle");
        match kind {
            EventType::MessageReceived | EventType::MessageSent => {
                fields.occurred_at = json::epoch_ms(data.get("sent_at"));
                fields.message_id = json::id(data.get("id"));
                fields.text = text("text");
                (fields.from, fields.to) = if kind == EventType::MessageReceived {
                    (text("sender"), line)
                } else {
                    (line, None)
                };
            }
            EventType::ReactionAdded | EventType::ReactionRemoved => {
                fields.occurred_at = json::epoch_ms(data.get("sent_at"));
                fields.message_id = json::id(data.get("message_id"));
                (fields.from, fields.to) = (sender(), line);
            }
            EventType::TypingStarted | EventType::TypingStopped => {
                fields.occurred_at = json::epoch_ms(data.get("updated_at"));
                (fields.from, fields.to) = (sender(), line);
            }
            _ => {
                fields.occurred_at = json::epoch_ms(data.get("last_read_at"));
                (fields.from, fields.to) = (sender(), line);
            }
        }
    }
    Ok(fields.into_event(Provider::MessagesDev, input))
}
