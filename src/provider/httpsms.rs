//! httpSMS: a structured-mode CloudEvent; the type in the body wins over `X-Event-Type`.

use super::{Fields, Input, Provider, Spec};
use crate::json;
use crate::scheme::Scheme;
use crate::{Error, Event, EventError, EventType};

pub(crate) const SPEC: Spec = Spec {
    id: "httpsms",
    name: "httpSMS",
    scheme: Scheme::BearerJwt {
        issuer: "api.httpsms.com",
    },
    signed_time_field: None,
    parse,
};

fn kind(name: &str) -> EventType {
    match name {
        "message.phone.received" => EventType::MessageReceived,
        "message.phone.sent" => EventType::MessageSent,
        "message.phone.delivered" => EventType::MessageDelivered,
        "message.send.failed" => EventType::MessageFailed,
        "message.send.expired" => EventType::MessageExpired,
        "message.call.missed" => EventType::CallMissed,
        "phone.heartbeat.online" => EventType::PhoneOnline,
        "phone.heartbeat.offline" => EventType::PhoneOffline,
        _ => EventType::Unknown,
    }
}

fn parse(input: &Input<'_>) -> Result<Event, Error> {
    let event = input.object()?;
    let name = json::text(event.get("type")).ok_or(Error::payload("no CloudEvent type"))?;
    let kind = kind(&name);
    let mut fields = Fields {
        kind: Some(kind),
        provider_event: name,
        id: json::text(event.get("id")),
        occurred_at: json::rfc3339(event.get("time")),
        ..Fields::default()
    };
    if let Some(data) = event.object("data") {
        let (owner, contact) = (
            json::text(data.get("owner")),
            json::text(data.get("contact")),
        );
        match kind {
            EventType::MessageReceived | EventType::CallMissed => {
                (fields.from, fields.to) = (contact, owner);
            }
            EventType::MessageSent
            | EventType::MessageDelivered
            | EventType::MessageFailed
            | EventType::MessageExpired => (fields.from, fields.to) = (owner, contact),
            _ => {}
        }
        if !matches!(
            kind,
            EventType::PhoneOnline | EventType::PhoneOffline | EventType::Unknown
        ) {
            fields.message_id =
                json::id(data.get("message_id")).or_else(|| json::id(data.get("id")));
            fields.text = json::text(data.get("content"));
        }
    }
    if kind == EventType::MessageFailed {
        let data = event.object("data");
        let message = data.and_then(|d| json::text(d.get("error_message")));
        fields.error = Some(EventError::new(None, message));
    }
    Ok(fields.into_event(Provider::Httpsms, input.body))
}
