//! httpSMS: a structured-mode CloudEvent; the type in the body wins over `X-Event-Type`.

use super::{Fields, Input, Provider, ProviderOption, Sample, Spec};
use crate::json;
use crate::detect::{Rule, Test};
use crate::scheme::{bearer_jwt, HeaderName, Scheme};
use crate::{Error, Event, EventError, EventType};

pub(crate) const SPEC: Spec = Spec {
    name: "httpSMS",
    scheme: Scheme::BearerJwt(bearer_jwt::Params {
        issuer: "api.httpsms.com",
        placeholder_subject: "smshook-placeholder-user",
        event_type: HeaderName {
            name: "x-event-type",
            spelling: "X-Event-Type",
        },
        body_event_type: "type",
    }),
    headers: &["authorization", "x-event-type"],
    detect: Rule {
        rank: 0,
        any: &[&[
            Test::Prefix("authorization", "bearer "),
            Test::Present("x-event-type"),
        ]],
    },
    options: &[
        ProviderOption::Audience,
        ProviderOption::Subject,
        ProviderOption::AllowUnsigned,
    ],
    signed_time_field: None,
    sample: Sample {
        verify_secret: None,
        url: None,
        secret: "DGW8NwQp7mxKaSZ72Xq9v67SLqSbWQvckzzmK8D6rvd7NywSEkdMJtuxKyEkYnCY",
        body: r#"{"specversion":"1.0","id":"f4aed1d3-ab4f-42b9-b9dd-9fc7182f7197","source":"/v1/messages/receive","type":"message.phone.received","datacontenttype":"application/json","time":"2026-01-01T00:00:00.524331882Z","data":{"message_id":"0b0123bb-ef2e-468f-908a-c026d51636aa","user_id":"XtABz6zdeFMoBLoltz6SREDvRSh2","owner":"+18005550199","encrypted":false,"contact":"+18005550100","timestamp":"2025-12-31T23:59:59.814Z","content":"{TEXT}","sim":"SIM1","attachments":[]}}"#,
        audience: Some("https://example.com/webhooks/httpsms"),
        subject: Some("XtABz6zdeFMoBLoltz6SREDvRSh2"),
        id: None,
    },
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
    Ok(fields.into_event(Provider::Httpsms, input))
}
