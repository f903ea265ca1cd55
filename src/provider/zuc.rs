//! The private-number SMS service (scan.zuc.ro): `{event, version, data}`.

use super::{Fields, Input, Provider, Sample, Spec};
use crate::json;
use crate::detect::{Rule, Test};
use crate::scheme::{hex_hmac, HeaderName, Scheme};
use crate::{Error, Event, EventType};

pub(crate) const SPEC: Spec = Spec {
    name: "private-number SMS (scan.zuc.ro)",
    scheme: Scheme::HexHmac(hex_hmac::Params {
        header: HeaderName {
            name: "x-webhook-signature",
            spelling: "X-Webhook-Signature",
        },
        prefix: Some("sha256="),
        min_sign_secret: 0,
        timestamped: None,
    }),
    headers: &["x-webhook-signature"],
    detect: Rule {
        rank: 3,
        any: &[&[Test::Prefix("x-webhook-signature", "sha256=")]],
    },
    options: &[],
    signed_time_field: None,
    sample: Sample {
        verify_secret: None,
        url: None,
        secret: "zuc_test_secret_0123456789",
        body: r#"{"event":"sms.received","version":"1","data":{"messageId":9007199254740993,"from":"+14155551234","to":"+12025550100","body":"{TEXT}","receivedAt":"2025-12-31T23:59:59.000Z"}}"#,
        audience: None,
        subject: None,
        id: None,
    },
    parse,
};

fn parse(input: &Input<'_>) -> Result<Event, Error> {
    let body = input.object()?;
    let name = json::text(body.get("event")).ok_or(Error::payload("no event name"))?;
    let kind = if name == "sms.received" {
        EventType::MessageReceived
    } else {
        EventType::Unknown
    };
    let mut fields = Fields {
        kind: Some(kind),
        provider_event: name,
        ..Fields::default()
    };
    if let Some(data) = body.object("data") {
        // Exact digits: the id may exceed 2^53 (and 2^64).
        fields.message_id = json::id(data.get("messageId"));
        fields.id.clone_from(&fields.message_id);
        fields.occurred_at = json::rfc3339(data.get("receivedAt"));
        fields.from = json::text(data.get("from"));
        fields.to = json::text(data.get("to"));
        fields.text = json::text(data.get("body"));
    } else if kind != EventType::Unknown {
        return Err(Error::payload("no data object"));
    }
    Ok(fields.into_event(Provider::Zuc, input))
}
