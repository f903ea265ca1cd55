//! Plivo Messaging: form-encoded inbound messages and status callbacks, signed (V3) over
//! the request URL, the parameters and a nonce.

use super::{Fields, Input, Provider, Sample, Spec};
use crate::detect::{Rule, Test};
use crate::json;
use crate::scheme::{url_nonce_hmac, HeaderName, Scheme};
use crate::{Error, Event, EventError, EventType};

pub(crate) const SPEC: Spec = Spec {
    name: "Plivo",
    scheme: Scheme::UrlNonceHmac(url_nonce_hmac::Params {
        signature: HeaderName {
            name: "x-plivo-signature-v3",
            spelling: "X-Plivo-Signature-V3",
        },
        nonce: HeaderName {
            name: "x-plivo-signature-v3-nonce",
            spelling: "X-Plivo-Signature-V3-Nonce",
        },
    }),
    headers: &["x-plivo-signature-v3", "x-plivo-signature-v3-nonce"],
    detect: Rule {
        rank: 8,
        any: &[&[Test::Present("x-plivo-signature-v3")]],
    },
    options: &[],
    signed_time_field: None,
    sample: Sample {
        secret: "ZWRhNDRlMmYxYzQ4YjM0ZGM5NzE2ZmU1Mjk3MTc5",
        verify_secret: None,
        url: Some("https://example.com/webhooks/plivo"),
        body: "From=14155551234&To=14155550000&Type=sms&Text={TEXT}&MessageUUID=db3ce55a-7f1d-11e1-8ea7-1231380bc196&Units=1&TotalRate=0.00000&TotalAmount=0.00000&MessageIntent=&PowerpackUUID=",
        audience: None,
        subject: None,
        id: None,
    },
    parse,
};

/// The fields of SPEC 7.3 this parser reads besides `MessageUUID` and `Status`; a body
/// with none of them is no Plivo payload.
const FIELDS: &[&str] = &["From", "To", "Text", "Body", "ErrorCode"];

fn kind(status: &str) -> EventType {
    match status {
        "sent" => EventType::MessageSent,
        "delivered" => EventType::MessageDelivered,
        "failed" | "undelivered" | "rejected" => EventType::MessageFailed,
        "read" => EventType::ReceiptRead,
        _ => EventType::MessageStatus,
    }
}

fn parse(input: &Input<'_>) -> Result<Event, Error> {
    let body = input.object()?;
    let field = |name| json::text(body.get(name));
    let uuid = field("MessageUUID");
    let (kind, provider_event, id) = match (field("Status"), &uuid) {
        (Some(status), uuid) => {
            let id = uuid.as_ref().map(|uuid| format!("{uuid}:{status}"));
            (kind(&status), status, id)
        }
        (None, Some(uuid)) => (EventType::MessageReceived, "inbound".to_owned(), Some(uuid.clone())),
        (None, None) if FIELDS.iter().any(|field| body.has(field)) => {
            (EventType::Unknown, "unknown".to_owned(), None)
        }
        (None, None) => return Err(Error::payload("no Plivo message fields")),
    };
    let error = (kind == EventType::MessageFailed)
        .then(|| EventError::new(field("ErrorCode"), None));
    Ok(Fields {
        kind: Some(kind),
        provider_event,
        id,
        occurred_at: None,
        message_id: uuid,
        from: field("From"),
        to: field("To"),
        text: field("Text").or_else(|| field("Body")),
        error,
    }
    .into_event(Provider::Plivo, input))
}
