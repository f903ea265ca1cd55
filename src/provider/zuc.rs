//! The private-number SMS service (scan.zuc.ro): `{event, version, data}`.

use super::{Fields, Input, Provider, Spec};
use crate::json;
use crate::scheme::Scheme;
use crate::{Error, Event, EventType};

pub(crate) const SPEC: Spec = Spec {
    id: "zuc",
    name: "private-number SMS (scan.zuc.ro)",
    scheme: Scheme::HexHmac {
        header: "x-webhook-signature",
        prefix: Some("sha256="),
    },
    signed_time_field: None,
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
    Ok(fields.into_event(Provider::Zuc, input.body))
}
