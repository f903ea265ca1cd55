//! httpSMS: a structured-mode CloudEvent; the type in the body wins over `X-Event-Type`.

use serde::Deserialize;

use super::{Fields, Input, Provider, Spec};
use crate::json::{self, Obj, Raw};
use crate::scheme::Scheme;
use crate::{Error, Event, EventError, EventType};

pub(crate) const SPEC: Spec = Spec {
    id: "httpsms",
    name: "httpSMS",
    scheme: Scheme::BearerJwt {
        issuer: "api.httpsms.com",
    },
    max_age_applies: false,
    parse,
};

#[derive(Deserialize)]
struct CloudEvent<'a> {
    #[serde(borrow, rename = "type")]
    kind: Raw<'a>,
    #[serde(borrow)]
    id: Raw<'a>,
    #[serde(borrow)]
    time: Raw<'a>,
    #[serde(borrow, default)]
    data: Obj<Data<'a>>,
}

#[derive(Deserialize)]
struct Data<'a> {
    #[serde(borrow)]
    message_id: Raw<'a>,
    #[serde(borrow)]
    id: Raw<'a>,
    #[serde(borrow)]
    owner: Raw<'a>,
    #[serde(borrow)]
    contact: Raw<'a>,
    #[serde(borrow)]
    content: Raw<'a>,
    #[serde(borrow)]
    error_message: Raw<'a>,
}

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
    let event: CloudEvent<'_> = json::object(input.body)?;
    let name = json::text(event.kind).ok_or(Error::payload("no CloudEvent type"))?;
    let kind = kind(&name);
    let mut fields = Fields {
        kind: Some(kind),
        provider_event: name,
        id: json::text(event.id),
        occurred_at: json::rfc3339(event.time),
        ..Fields::default()
    };
    if let Some(data) = event.data.get() {
        let (owner, contact) = (json::text(data.owner), json::text(data.contact));
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
            fields.message_id = json::id(data.message_id).or_else(|| json::id(data.id));
            fields.text = json::text(data.content);
        }
        if kind == EventType::MessageFailed {
            fields.error = Some(EventError::new(None, json::text(data.error_message)));
        }
    }
    fields.into_event(Provider::Httpsms, input.body)
}
