//! Sinch SMS REST API callbacks: inbound messages (`mo_*`) and delivery reports, signed
//! over `"<body>.<nonce>.<timestamp>"`.

use super::{Fields, Input, Provider, Sample, Spec};
use crate::detect::{Rule, Test};
use crate::json;
use crate::scheme::{nonce_hmac, HeaderName, Scheme};
use crate::{Error, Event, EventError, EventType};

pub(crate) const SPEC: Spec = Spec {
    name: "Sinch",
    scheme: Scheme::NonceHmac(nonce_hmac::Params {
        signature: HeaderName {
            name: "x-sinch-webhook-signature",
            spelling: "x-sinch-webhook-signature",
        },
        nonce: HeaderName {
            name: "x-sinch-webhook-signature-nonce",
            spelling: "x-sinch-webhook-signature-nonce",
        },
        timestamp: HeaderName {
            name: "x-sinch-webhook-signature-timestamp",
            spelling: "x-sinch-webhook-signature-timestamp",
        },
        algorithm: HeaderName {
            name: "x-sinch-webhook-signature-algorithm",
            spelling: "x-sinch-webhook-signature-algorithm",
        },
        algorithm_name: "HmacSHA256",
    }),
    headers: &[
        "x-sinch-webhook-signature",
        "x-sinch-webhook-signature-nonce",
        "x-sinch-webhook-signature-timestamp",
        "x-sinch-webhook-signature-algorithm",
    ],
    detect: Rule {
        rank: 9,
        any: &[&[Test::Present("x-sinch-webhook-signature")]],
    },
    options: &[],
    signed_time_field: None,
    sample: Sample {
        secret: "SMSWebhooksSecret",
        verify_secret: None,
        url: None,
        body: r#"{"type":"mo_text","id":"01W4FFL35P4NC4K35SMSBATCH8","from":"12015555555","to":"12017777777","body":"{TEXT}","operator_id":"311071","received_at":"2025-12-31T23:59:59.386Z"}"#,
        audience: None,
        subject: None,
        id: None,
    },
    parse,
};

fn report_kind(status: Option<&str>) -> EventType {
    match status {
        Some("Delivered") => EventType::MessageDelivered,
        Some("Dispatched") => EventType::MessageSent,
        Some("Failed" | "Aborted" | "Rejected" | "Deleted" | "Cancelled") => {
            EventType::MessageFailed
        }
        Some("Expired") => EventType::MessageExpired,
        _ => EventType::MessageStatus,
    }
}

fn parse(input: &Input<'_>) -> Result<Event, Error> {
    let body = input.object()?;
    let name = json::text(body.get("type")).ok_or(Error::payload("no type"))?;
    let field = |key| json::text(body.get(key));
    let mut fields = Fields {
        provider_event: name.clone(),
        ..Fields::default()
    };
    match name.as_str() {
        "mo_text" | "mo_binary" | "mo_media" => {
            fields.kind = Some(EventType::MessageReceived);
            fields.id = field("id");
            fields.message_id = field("id");
            fields.occurred_at = json::rfc3339(body.get("received_at"));
            fields.from = field("from");
            fields.to = field("to");
            fields.text = match name.as_str() {
                "mo_text" => field("body"),
                "mo_media" => body.object("body").and_then(|b| json::text(b.get("message"))),
                _ => None,
            };
        }
        "recipient_delivery_report_sms" | "recipient_delivery_report_mms" => {
            let status = field("status");
            let kind = report_kind(status.as_deref());
            fields.kind = Some(kind);
            fields.message_id = field("batch_id");
            fields.occurred_at = json::rfc3339(body.get("at"));
            fields.to = field("recipient");
            if kind == EventType::MessageFailed {
                fields.error = Some(EventError::new(json::id(body.get("code")), status));
            }
        }
        "delivery_report_sms" | "delivery_report_mms" => {
            fields.kind = Some(EventType::MessageStatus);
            fields.message_id = field("batch_id");
        }
        _ => fields.kind = Some(EventType::Unknown),
    }
    Ok(fields.into_event(Provider::Sinch, input))
}
