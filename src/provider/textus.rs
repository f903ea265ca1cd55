//! TextUs: JSON-LD `WebhookDelivery` objects with an embedded conversation and message.

use super::{Fields, Input, Provider, Spec};
use crate::json;
use crate::scheme::Scheme;
use crate::{Error, Event, EventError, EventType};

pub(crate) const SPEC: Spec = Spec {
    id: "textus",
    name: "TextUs",
    scheme: Scheme::HexHmac {
        header: "x-textus-signature",
        prefix: None,
    },
    signed_time_field: Some("timestamp"),
    parse,
};

fn kind(name: &str) -> EventType {
    match name {
        "message.received" => EventType::MessageReceived,
        "message.delivered" => EventType::MessageDelivered,
        "message.failed" => EventType::MessageFailed,
        "message.unknown" => EventType::MessageStatus,
        "phone_call.completed" => EventType::CallCompleted,
        "contact.opted_in" => EventType::ContactOptedIn,
        "contact.opted_out" => EventType::ContactOptedOut,
        "contact.created" => EventType::ContactCreated,
        _ => EventType::Unknown,
    }
}

fn parse(input: &Input<'_>) -> Result<Event, Error> {
    let delivery = input.object()?;
    let name = json::text(delivery.get("action")).ok_or(Error::payload("no action"))?;
    let kind = kind(&name);
    let mut fields = Fields {
        kind: Some(kind),
        provider_event: name,
        id: json::text(delivery.get("id")),
        occurred_at: json::rfc3339(delivery.get("timestamp")),
        ..Fields::default()
    };
    if let Some(message) = delivery.object("message") {
        fields.message_id = json::id(message.get("id"));
        fields.text = json::text(message.get("body"));
        let conversation = delivery.object("conversation");
        let number = |key| conversation.as_ref().and_then(|c| json::text(c.get(key)));
        let (contact, account) = (number("phoneNumber"), number("accountPhoneNumber"));
        match json::text(message.get("direction")).as_deref() {
            Some("in" | "incoming") => (fields.from, fields.to) = (contact, account),
            Some("out" | "outgoing") => (fields.from, fields.to) = (account, contact),
            _ => {}
        }
    }
    if kind == EventType::MessageFailed {
        let message = delivery.object("message");
        let description = message.and_then(|m| json::text(m.get("friendlyStateDescription")));
        fields.error = Some(EventError::new(None, description));
    }
    Ok(fields.into_event(Provider::Textus, input.body))
}
