//! Twilio Messaging: form-encoded inbound messages and status callbacks (a JSON body when
//! the signed URL carries `bodySHA256`), signed over the request URL.

use super::{Fields, Input, Provider, Sample, Spec};
use crate::detect::{Rule, Test};
use crate::json;
use crate::scheme::{url_hmac, HeaderName, Scheme};
use crate::{Error, Event, EventError, EventType};

pub(crate) const SPEC: Spec = Spec {
    name: "Twilio",
    scheme: Scheme::UrlHmac(url_hmac::Params {
        header: HeaderName {
            name: "x-twilio-signature",
            spelling: "X-Twilio-Signature",
        },
        settings: "x-twilio-webhooks-signature-settings",
        body_hash_param: "bodySHA256",
    }),
    headers: &[
        "x-twilio-signature",
        "x-twilio-webhooks-signature-settings",
        "i-twilio-idempotency-token",
    ],
    detect: Rule {
        rank: 6,
        any: &[&[Test::Present("x-twilio-signature")]],
    },
    options: &[],
    signed_time_field: None,
    sample: Sample {
        secret: "9f1c2b7e4d3a5f60718293a4b5c6d7e8",
        verify_secret: None,
        url: Some("https://example.com/webhooks/twilio"),
        body: "ToCountry=US&ToState=CA&SmsMessageSid=SM5ab7891328b440f04b7c83b459fc85fd&NumMedia=0&ToCity=SAN+FRANCISCO&FromZip=30512&SmsSid=SM5ab7891328b440f04b7c83b459fc85fd&FromState=GA&SmsStatus=received&FromCity=BLAIRSVILLE&Body={TEXT}&FromCountry=US&To=%2B14155550100&ToZip=94105&NumSegments=1&ReferralNumMedia=0&MessageSid=SM5ab7891328b440f04b7c83b459fc85fd&AccountSid=ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX&From=%2B17065550111&ApiVersion=2010-04-01",
        audience: None,
        subject: None,
        id: None,
    },
    parse,
};

/// The fields of SPEC 7.3 this parser reads; a body with none of them is no Twilio payload.
const FIELDS: &[&str] = &[
    "MessageSid",
    "SmsSid",
    "MessageStatus",
    "SmsStatus",
    "From",
    "To",
    "Body",
];

fn kind(status: &str) -> EventType {
    match status {
        "sent" => EventType::MessageSent,
        "delivered" => EventType::MessageDelivered,
        "failed" | "undelivered" => EventType::MessageFailed,
        "read" => EventType::ReceiptRead,
        "received" => EventType::MessageReceived,
        _ => EventType::MessageStatus,
    }
}

fn parse(input: &Input<'_>) -> Result<Event, Error> {
    let body = input.object()?;
    if !FIELDS.iter().any(|field| body.has(field)) {
        return Err(Error::payload("no Twilio message fields"));
    }
    let field = |name| json::text(body.get(name));
    let sid = field("MessageSid").or_else(|| field("SmsSid"));
    let (kind, provider_event, id) = match (field("MessageStatus"), &sid) {
        (Some(status), sid) => {
            let id = sid.as_ref().map(|sid| format!("{sid}:{status}"));
            (kind(&status), status, id)
        }
        (None, Some(sid)) => (
            EventType::MessageReceived,
            field("SmsStatus").unwrap_or_else(|| "received".to_owned()),
            Some(sid.clone()),
        ),
        (None, None) => (
            EventType::Unknown,
            field("SmsStatus").unwrap_or_else(|| "unknown".to_owned()),
            None,
        ),
    };
    let error = (kind == EventType::MessageFailed).then(|| {
        EventError::new(
            field("ErrorCode"),
            field("ErrorMessage").or_else(|| field("ChannelStatusMessage")),
        )
    });
    Ok(Fields {
        kind: Some(kind),
        provider_event,
        id,
        occurred_at: None,
        message_id: sid,
        from: field("From"),
        to: field("To"),
        text: field("Body"),
        error,
    }
    .into_event(Provider::Twilio, input))
}
