//! TextUs: JSON-LD `WebhookDelivery` objects with an embedded conversation and message.

use serde::Deserialize;

use super::{Fields, Input, Provider, Spec};
use crate::json::{self, Obj, Raw};
use crate::scheme::Scheme;
use crate::{Error, Event, EventError, EventType};

pub(crate) const SPEC: Spec = Spec {
    id: "textus",
    name: "TextUs",
    scheme: Scheme::HexHmac {
        header: "x-textus-signature",
        prefix: None,
    },
    max_age_applies: true,
    parse,
};

#[derive(Deserialize)]
struct Delivery<'a> {
    #[serde(borrow)]
    action: Raw<'a>,
    #[serde(borrow)]
    id: Raw<'a>,
    #[serde(borrow)]
    timestamp: Raw<'a>,
    #[serde(borrow, default)]
    conversation: Obj<Conversation<'a>>,
    #[serde(borrow, default)]
    message: Obj<Message<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Conversation<'a> {
    #[serde(borrow)]
    phone_number: Raw<'a>,
    #[serde(borrow)]
    account_phone_number: Raw<'a>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Message<'a> {
    #[serde(borrow)]
    id: Raw<'a>,
    #[serde(borrow)]
    direction: Raw<'a>,
    #[serde(borrow)]
    body: Raw<'a>,
    #[serde(borrow)]
    friendly_state_description: Raw<'a>,
}

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
    let delivery: Delivery<'_> = json::object(input.body)?;
    let name = json::text(delivery.action).ok_or(Error::payload("no action"))?;
    let kind = kind(&name);
    let mut fields = Fields {
        kind: Some(kind),
        provider_event: name,
        id: json::text(delivery.id),
        occurred_at: json::rfc3339(delivery.timestamp),
        ..Fields::default()
    };
    if let Some(message) = delivery.message.get() {
        fields.message_id = json::id(message.id);
        fields.text = json::text(message.body);
        let conversation = delivery.conversation.get();
        let contact = conversation.and_then(|c| json::text(c.phone_number));
        let account = conversation.and_then(|c| json::text(c.account_phone_number));
        match json::text(message.direction).as_deref() {
            Some("in" | "incoming") => (fields.from, fields.to) = (contact, account),
            Some("out" | "outgoing") => (fields.from, fields.to) = (account, contact),
            _ => {}
        }
        if kind == EventType::MessageFailed {
            let description = json::text(message.friendly_state_description);
            fields.error = Some(EventError::new(None, description));
        }
    }
    fields.into_event(Provider::Textus, input.body)
}
