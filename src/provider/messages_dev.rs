//! Messages.dev: `{event, data, timestamp, delivery_id}` with `snake_case` data.

use super::{Fields, Input, Provider, Spec};
use crate::json;
use crate::scheme::Scheme;
use crate::{Error, Event, EventType};

/// The timestamp header (unix ms), also the signed prefix.
const TIMESTAMP: &str = "x-webhook-timestamp";

pub(crate) const SPEC: Spec = Spec {
    id: "messages-dev",
    name: "Messages.dev",
    scheme: Scheme::TimestampedHexHmac {
        header: "x-webhook-signature",
        timestamp_header: TIMESTAMP,
    },
    signed_time_field: None,
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
    // Within the tolerance window the scheme leaves this check to the one payload pass.
    if let Some(token) = body.get("timestamp") {
        let body_ms = json::unsigned(Some(token))
            .ok_or(Error::payload("body timestamp is not an integer"))?;
        let header_ms = input
            .headers
            .get(TIMESTAMP)
            .and_then(|h| h.trim().parse::<u64>().ok());
        if header_ms.is_some_and(|h| h != body_ms) {
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
    Ok(fields.into_event(Provider::MessagesDev, input.body))
}
