//! textbee.dev: the flat payload its server sends, and the envelope its public docs show.

use super::{Fields, Input, Provider, Sample, Spec};
use crate::json::{self, Object};
use crate::detect::{Rule, Test};
use crate::scheme::hex_hmac::{self, Timestamped};
use crate::scheme::{HeaderName, Scheme};
use crate::{Error, Event, EventError, EventType};

pub(crate) const SPEC: Spec = Spec {
    name: "textbee.dev",
    scheme: Scheme::HexHmac(hex_hmac::Params {
        header: HeaderName {
            name: "x-signature",
            spelling: "X-Signature",
        },
        prefix: None,
        // textbee's server refuses shorter signing secrets.
        min_sign_secret: 20,
        // textbee's open change (PR #316) adds `X-TextBee-Signature: t=…,v1=…`.
        timestamped: Some(Timestamped {
            header: HeaderName {
                name: "x-textbee-signature",
                spelling: "X-TextBee-Signature",
            },
            timestamp: HeaderName {
                name: "x-signature-timestamp",
                spelling: "X-Signature-Timestamp",
            },
        }),
    }),
    headers: &["x-signature", "x-textbee-signature", "x-signature-timestamp"],
    detect: Rule {
        rank: 2,
        any: &[
            &[Test::Present("x-textbee-signature")],
            &[Test::Present("x-signature")],
        ],
    },
    options: &[],
    signed_time_field: None,
    sample: Sample {
        verify_secret: None,
        url: None,
        secret: "3f8a2b6c-9d1e-4f70-8a5b-c2d4e6f81a3b",
        body: r#"{"smsId":"6650f1c2a9b8c7d6e5f40123","message":"{TEXT}","deviceId":"6650f0aa1b2c3d4e5f607182","webhookSubscriptionId":"6650ef001122334455667788","webhookEvent":"MESSAGE_RECEIVED","idempotencyKey":"3b8f5c2e-1d4a-4f6b-9c7e-2a1b0c9d8e7f","sender":"+15551234567","receivedAt":"2025-12-31T23:59:58.208Z"}"#,
        audience: None,
        subject: None,
        id: None,
    },
    parse,
};

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
    let body = input.object()?;
    let envelope;
    // The server's flat form names the event `webhookEvent`; the documented envelope is
    // `{event, timestamp, data}` with the SMS fields in `data`.
    let (sms, name, envelope_key): (&Object<'_>, String, _) =
        if let Some(name) = json::text(body.get("webhookEvent")) {
            (&body, name, None)
        } else {
            let name =
                json::text(body.get("event")).ok_or(Error::payload("no webhookEvent or event"))?;
            envelope = body
                .object("data")
                .ok_or(Error::payload("envelope without a data object"))?;
            (&envelope, name, body.get("idempotencyKey"))
        };
    let kind = kind(&name);
    let time = |key| json::rfc3339(sms.get(key));
    let occurred_at = match kind {
        EventType::MessageReceived => time("receivedAt"),
        EventType::MessageSent => time("sentAt"),
        EventType::MessageDelivered => time("deliveredAt").or_else(|| time("sentAt")),
        EventType::MessageFailed => time("failedAt"),
        _ => None,
    };
    let (from, to) = match kind {
        EventType::MessageReceived => (json::text(sms.get("sender")), None),
        EventType::Unknown => (None, None),
        _ => (None, json::text(sms.get("recipient"))),
    };
    let error = (kind == EventType::MessageFailed).then(|| {
        EventError::new(
            json::text(sms.get("errorCode")),
            json::text(sms.get("errorMessage")),
        )
    });
    Ok(Fields {
        kind: Some(kind),
        provider_event: name,
        id: json::text(sms.get("idempotencyKey")).or_else(|| json::text(envelope_key)),
        occurred_at,
        message_id: json::id(sms.get("smsId")).or_else(|| json::id(sms.get("_id"))),
        from,
        to,
        text: json::text(sms.get("message")),
        error,
    }
    .into_event(Provider::Textbee, input))
}
