//! Vonage Messages API: inbound messages and status callbacks as JSON, with a bearer JWT
//! whose `payload_hash` binds the body.

use super::{Fields, Input, Provider, Sample, Spec};
use crate::detect::{Rule, Test};
use crate::json::{self, Raw};
use crate::scheme::{body_bound_jwt, Scheme};
use crate::{Error, Event, EventError, EventType};

pub(crate) const SPEC: Spec = Spec {
    name: "Vonage",
    scheme: Scheme::BodyBoundJwt(body_bound_jwt::Params {
        issuer: "Vonage",
        body_hash_claim: "payload_hash",
    }),
    headers: &["authorization"],
    detect: Rule {
        rank: 10,
        any: &[&[Test::BearerIssuer("Vonage")]],
    },
    options: &[],
    signed_time_field: None,
    sample: Sample {
        secret: "qwertyuiopasdfghjklzxcvbnm123456",
        verify_secret: None,
        url: None,
        body: r#"{"channel":"sms","message_uuid":"52afe398-e31a-4362-8c42-beb0c3b1d098","to":"447700900000","from":"447700900001","timestamp":"2025-12-31T23:59:59.000Z","text":"{TEXT}","sms":{"total_count":"1","num_messages":"1"},"usage":{"currency":"EUR","price":"0.0057"},"message_type":"text"}"#,
        audience: None,
        subject: None,
        id: None,
    },
    parse,
};

/// The fields of SPEC 7.3 this parser reads besides `message_uuid` and `status`; a body
/// with none of them is no Vonage payload.
const FIELDS: &[&str] = &["from", "to", "text", "timestamp", "error"];

fn kind(status: &str) -> EventType {
    match status {
        "submitted" => EventType::MessageSent,
        "delivered" => EventType::MessageDelivered,
        "read" => EventType::ReceiptRead,
        "rejected" | "undeliverable" => EventType::MessageFailed,
        _ => EventType::MessageStatus,
    }
}

/// A party: a string, or an object's `number` (else `id`).
fn party(raw: Raw<'_>) -> Option<String> {
    json::text(raw).or_else(|| {
        let object = json::Object::of(raw?)?;
        json::text(object.get("number")).or_else(|| json::text(object.get("id")))
    })
}

fn parse(input: &Input<'_>) -> Result<Event, Error> {
    let body = input.object()?;
    let uuid = json::text(body.get("message_uuid"));
    let (kind, provider_event, id) = match (json::text(body.get("status")), &uuid) {
        (Some(status), uuid) => {
            let id = uuid.as_ref().map(|uuid| format!("{uuid}:{status}"));
            (kind(&status), status, id)
        }
        (None, Some(uuid)) => (EventType::MessageReceived, "inbound".to_owned(), Some(uuid.clone())),
        (None, None) if FIELDS.iter().any(|field| body.has(field)) => {
            (EventType::Unknown, "unknown".to_owned(), None)
        }
        (None, None) => return Err(Error::payload("no Vonage message fields")),
    };
    let error = (kind == EventType::MessageFailed).then(|| {
        let error = body.object("error");
        let field = |key| error.as_ref().and_then(|e| e.get(key));
        EventError::new(json::id(field("title")), json::text(field("detail")))
    });
    Ok(Fields {
        kind: Some(kind),
        provider_event,
        id,
        occurred_at: json::rfc3339(body.get("timestamp")),
        message_id: uuid,
        from: party(body.get("from")),
        to: party(body.get("to")),
        text: json::text(body.get("text")),
        error,
    }
    .into_event(Provider::Vonage, input))
}
