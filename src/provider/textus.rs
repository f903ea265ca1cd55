//! TextUs: JSON-LD `WebhookDelivery` objects with an embedded conversation and message.

use super::{Fields, Input, Provider, ProviderOption, Sample, Spec};
use crate::json;
use crate::detect::{Rule, Test};
use crate::scheme::{hex_hmac, HeaderName, Scheme};
use crate::{Error, Event, EventError, EventType};

pub(crate) const SPEC: Spec = Spec {
    name: "TextUs",
    scheme: Scheme::HexHmac(hex_hmac::Params {
        header: HeaderName {
            name: "x-textus-signature",
            spelling: "X-TextUs-Signature",
        },
        prefix: None,
        min_sign_secret: 0,
        timestamped: None,
    }),
    headers: &["x-textus-signature"],
    detect: Rule {
        rank: 1,
        any: &[&[Test::Present("x-textus-signature")]],
    },
    options: &[ProviderOption::MaxAgeSeconds],
    signed_time_field: Some("timestamp"),
    sample: Sample {
        verify_secret: None,
        url: None,
        secret: "textus-abcdefgh12345678",
        body: r#"{"@type":"WebhookDelivery","@context":"/contexts/WebhookDelivery.jsonld","id":"/integrations/h13Jc5/deliveries/xyz","timestamp":"2025-12-31T18:59:59.156354-05:00","action":"message.received","webHook":"/integrations/h13Jc5","conversation":{"@type":"Conversation","id":"/conversations/JYnJBY","slug":"JYnJBY","currentState":"open","phoneNumber":"+13035551234","accountPhoneNumber":"+13035551000"},"message":{"@type":"Message","id":"/messages/06oyogE","direction":"in","body":"{TEXT}","deliveryState":"received","sender":null,"flags":[],"source":"textus"}}"#,
        audience: None,
        subject: None,
        id: None,
    },
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
    Ok(fields.into_event(Provider::Textus, input))
}
