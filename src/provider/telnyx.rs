//! Telnyx Messaging v2: `{data: {event_type, id, occurred_at, payload}, meta}`, signed
//! with Ed25519 over `"<timestamp>|<body>"`.

use super::{Fields, Input, Provider, Sample, Spec};
use crate::detect::{Rule, Test};
use crate::json::{self, Object};
use crate::scheme::{ed25519, HeaderName, Scheme};
use crate::{Error, Event, EventError, EventType};

pub(crate) const SPEC: Spec = Spec {
    name: "Telnyx",
    scheme: Scheme::Ed25519(ed25519::Params {
        signature: HeaderName {
            name: "telnyx-signature-ed25519",
            spelling: "telnyx-signature-ed25519",
        },
        timestamp: HeaderName {
            name: "telnyx-timestamp",
            spelling: "telnyx-timestamp",
        },
        separator: b'|',
    }),
    headers: &["telnyx-signature-ed25519", "telnyx-timestamp"],
    detect: Rule {
        rank: 7,
        any: &[&[Test::Present("telnyx-signature-ed25519")]],
    },
    options: &[],
    signed_time_field: None,
    sample: Sample {
        // RFC 8032 test 1: the private seed signs, the public key verifies.
        secret: "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=",
        verify_secret: Some("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="),
        url: None,
        body: r#"{"data":{"event_type":"message.received","id":"b301ed3f-1490-491f-995f-6e64e69674d4","occurred_at":"2025-12-31T23:59:59.000+00:00","payload":{"direction":"inbound","from":{"phone_number":"+13125550001"},"id":"84cca175-9755-4859-b67f-4730d7f58aa3","record_type":"message","text":"{TEXT}","to":[{"phone_number":"+13125550002","status":"webhook_delivered"}],"type":"SMS"},"record_type":"event"},"meta":{"attempt":1,"delivered_to":"https://example.com/webhooks/telnyx"}}"#,
        audience: None,
        subject: None,
        id: None,
    },
    parse,
};

fn kind(event_type: &str, status: Option<&str>) -> EventType {
    match (event_type, status) {
        ("message.received", _) => EventType::MessageReceived,
        ("message.sent", _) => EventType::MessageSent,
        ("message.read", _) | ("message.finalized", Some("read")) => EventType::ReceiptRead,
        ("message.finalized", Some("delivered")) => EventType::MessageDelivered,
        ("message.finalized", Some("sending_failed" | "delivery_failed")) => {
            EventType::MessageFailed
        }
        ("message.finalized", Some("expired")) => EventType::MessageExpired,
        ("message.finalized", _) => EventType::MessageStatus,
        _ => EventType::Unknown,
    }
}

/// The first recipient (`payload.to[0]`), or the whole `to` when it is a string.
fn first_recipient<'a>(payload: &Object<'a>) -> (Option<String>, Option<String>) {
    let Some(to) = payload.get("to") else {
        return (None, None);
    };
    if let Some(number) = json::text(Some(to)) {
        return (Some(number), None);
    }
    let first = json::array(to)
        .and_then(|items| items.first().copied())
        .and_then(Object::of);
    let field = |key| first.as_ref().and_then(|r| json::text(r.get(key)));
    (field("phone_number"), field("status"))
}

fn parse(input: &Input<'_>) -> Result<Event, Error> {
    let body = input.object()?;
    let data = body
        .object("data")
        .ok_or(Error::payload("no data object"))?;
    let event_type = json::text(data.get("event_type")).ok_or(Error::payload("no event_type"))?;
    let payload = data.object("payload");
    let (to, status) = payload.as_ref().map(first_recipient).unwrap_or_default();
    let kind = kind(&event_type, status.as_deref());
    let field = |key| payload.as_ref().and_then(|p| json::text(p.get(key)));
    let from = payload
        .as_ref()
        .and_then(|p| p.object("from"))
        .and_then(|from| json::text(from.get("phone_number")));
    let error = (kind == EventType::MessageFailed).then(|| {
        let first = payload
            .as_ref()
            .and_then(|p| p.get("errors"))
            .and_then(json::array)
            .and_then(|errors| errors.first().copied())
            .and_then(Object::of);
        match first {
            Some(error) => EventError::new(
                json::id(error.get("code")),
                json::text(error.get("detail")).or_else(|| json::text(error.get("title"))),
            ),
            None => EventError::new(None, None),
        }
    });
    Ok(Fields {
        kind: Some(kind),
        provider_event: event_type,
        id: json::text(data.get("id")),
        occurred_at: json::rfc3339(data.get("occurred_at")),
        message_id: field("id"),
        from,
        to,
        text: field("text"),
        error,
    }
    .into_event(Provider::Telnyx, input))
}
