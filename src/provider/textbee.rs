//! textbee.dev: the flat payload its server sends, and the envelope its public docs show.

use serde::Deserialize;

use super::{Fields, Input, Provider, Spec};
use crate::json::{self, Obj, Raw};
use crate::scheme::Scheme;
use crate::{Error, Event, EventError, EventType};

pub(crate) const SPEC: Spec = Spec {
    id: "textbee",
    name: "textbee.dev",
    scheme: Scheme::HexHmac {
        header: "x-signature",
        prefix: None,
    },
    max_age_applies: false,
    parse,
};

/// The fields of a textbee SMS notification (flat form, or the envelope's `data`).
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Sms<'a> {
    #[serde(borrow)]
    webhook_event: Raw<'a>,
    #[serde(borrow)]
    idempotency_key: Raw<'a>,
    #[serde(borrow)]
    sms_id: Raw<'a>,
    #[serde(borrow, rename = "_id")]
    underscore_id: Raw<'a>,
    #[serde(borrow)]
    message: Raw<'a>,
    #[serde(borrow)]
    sender: Raw<'a>,
    #[serde(borrow)]
    recipient: Raw<'a>,
    #[serde(borrow)]
    received_at: Raw<'a>,
    #[serde(borrow)]
    sent_at: Raw<'a>,
    #[serde(borrow)]
    delivered_at: Raw<'a>,
    #[serde(borrow)]
    failed_at: Raw<'a>,
    #[serde(borrow)]
    error_code: Raw<'a>,
    #[serde(borrow)]
    error_message: Raw<'a>,
    /// The documented envelope's event name.
    #[serde(borrow)]
    event: Raw<'a>,
    /// The documented envelope's SMS fields.
    #[serde(borrow, default)]
    data: Obj<Box<Sms<'a>>>,
}

fn kind(name: &str) -> EventType {
    match name {
        "MESSAGE_RECEIVED" => EventType::MessageReceived,
        "MESSAGE_SENT" => EventType::MessageSent,
        "MESSAGE_DELIVERED" => EventType::MessageDelivered,
        "MESSAGE_FAILED" => EventType::MessageFailed,
        "UNKNOWN_STATE" | "SMS_STATUS_UPDATED" => EventType::MessageStatus,
        _ => EventType::Unknown,
    }
}

fn parse(input: &Input<'_>) -> Result<Event, Error> {
    let body: Sms<'_> = json::object(input.body)?;
    let (sms, name, envelope_key) = if let Some(name) = json::text(body.webhook_event) {
        (&body, name, None)
    } else {
        let name = json::text(body.event).ok_or(Error::payload("no webhookEvent or event"))?;
        let data = body
            .data
            .get()
            .ok_or(Error::payload("envelope without a data object"))?;
        (&**data, name, body.idempotency_key)
    };
    let kind = kind(&name);
    let occurred_at = match kind {
        EventType::MessageReceived => json::rfc3339(sms.received_at),
        EventType::MessageSent => json::rfc3339(sms.sent_at),
        EventType::MessageDelivered => {
            json::rfc3339(sms.delivered_at).or_else(|| json::rfc3339(sms.sent_at))
        }
        EventType::MessageFailed => json::rfc3339(sms.failed_at),
        _ => None,
    };
    let (from, to) = match kind {
        EventType::MessageReceived => (json::text(sms.sender), None),
        EventType::Unknown => (None, None),
        _ => (None, json::text(sms.recipient)),
    };
    let error = (kind == EventType::MessageFailed)
        .then(|| EventError::new(json::text(sms.error_code), json::text(sms.error_message)));
    Fields {
        kind: Some(kind),
        provider_event: name,
        id: json::text(sms.idempotency_key).or_else(|| json::text(envelope_key)),
        occurred_at,
        message_id: json::id(sms.sms_id).or_else(|| json::id(sms.underscore_id)),
        from,
        to,
        text: json::text(sms.message),
        error,
    }
    .into_event(Provider::Textbee, input.body)
}
