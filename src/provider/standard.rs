//! Standard Webhooks: a smshook event comes back unchanged; any other object is `unknown`.

use serde_json::value::RawValue;

use super::{Fields, Input, Provider, Sample, Spec};
use crate::json::{self, Object};
use crate::detect::{Rule, Test};
use crate::scheme::Scheme;
use crate::{time, Error, Event, EventError, EventType};

pub(crate) const SPEC: Spec = Spec {
    name: "Standard Webhooks",
    scheme: Scheme::StandardWebhooks,
    headers: &["webhook-id", "webhook-timestamp", "webhook-signature"],
    detect: Rule {
        rank: 5,
        any: &[&[Test::Present("webhook-signature")]],
    },
    options: &[],
    signed_time_field: None,
    sample: Sample {
        verify_secret: None,
        url: None,
        secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        body: r#"{"type":"invoice.paid","timestamp":"2026-01-01T00:00:00Z","data":{"id":"in_123","note":"{TEXT}"}}"#,
        audience: None,
        subject: None,
        id: Some("msg_2mVq6b7c8d9e0f1a2b3c4d5e6f"),
    },
    parse,
};

fn parse(input: &Input<'_>) -> Result<Event, Error> {
    let body = input.object()?;
    if let Some(event) = smshook_event(&body) {
        return Ok(event);
    }
    let id = input.signed.delivery_id.clone();
    let occurred_at = input
        .signed
        .time_ms
        .and_then(|ms| i64::try_from(ms).ok())
        .and_then(time::format_ms);
    Ok(Fields {
        provider_event: json::text(body.get("type")).unwrap_or_default(),
        id,
        occurred_at,
        ..Fields::default()
    }
    .into_event(Provider::Standard, input))
}

/// A string member, or null; `Err` for any other type.
fn optional_text(object: &Object<'_>, key: &str) -> Result<Option<String>, ()> {
    match object.get(key) {
        None => Ok(None),
        raw => json::text(raw).map(Some).ok_or(()),
    }
}

/// The body as a smshook event (what the Worker forwards), when it is one.
fn smshook_event(body: &Object<'_>) -> Option<Event> {
    let provider = json::text(body.get("provider"))?.parse::<Provider>().ok()?;
    let kind = EventType::from_name(&json::text(body.get("type"))?)?;
    let data = body.get("data").filter(|d| d.starts_with('{'))?;
    let error = match body.object("error") {
        Some(error) => Some(EventError::new(
            optional_text(&error, "code").ok()?,
            optional_text(&error, "message").ok()?,
        )),
        None if body.get("error").is_some() => return None,
        None => None,
    };
    Some(Event {
        provider,
        kind,
        provider_event: json::text(body.get("providerEvent"))?,
        // smshook never makes an empty id: such a body is not one of its events.
        id: json::text(body.get("id")).filter(|id| !id.is_empty())?,
        occurred_at: optional_text(body, "occurredAt").ok()?,
        message_id: optional_text(body, "messageId").ok()?,
        from: optional_text(body, "from").ok()?,
        to: optional_text(body, "to").ok()?,
        text: optional_text(body, "text").ok()?,
        error,
        data: serde_json::from_str::<&RawValue>(data).ok()?.to_owned(),
    })
}
