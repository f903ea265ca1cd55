//! The private-number SMS service (scan.zuc.ro): `{event, version, data}`.

use serde::Deserialize;

use super::{Fields, Input, Provider, Spec};
use crate::json::{self, Obj, Raw};
use crate::scheme::Scheme;
use crate::{Error, Event, EventType};

pub(crate) const SPEC: Spec = Spec {
    id: "zuc",
    name: "private-number SMS (scan.zuc.ro)",
    scheme: Scheme::HexHmac {
        header: "x-webhook-signature",
        prefix: Some("sha256="),
    },
    max_age_applies: false,
    parse,
};

#[derive(Deserialize)]
struct Body<'a> {
    #[serde(borrow)]
    event: Raw<'a>,
    #[serde(borrow, default)]
    data: Obj<Data<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Data<'a> {
    #[serde(borrow)]
    message_id: Raw<'a>,
    #[serde(borrow)]
    from: Raw<'a>,
    #[serde(borrow)]
    to: Raw<'a>,
    #[serde(borrow)]
    body: Raw<'a>,
    #[serde(borrow)]
    received_at: Raw<'a>,
}

fn parse(input: &Input<'_>) -> Result<Event, Error> {
    let body: Body<'_> = json::object(input.body)?;
    let name = json::text(body.event).ok_or(Error::payload("no event name"))?;
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
    if let Some(data) = body.data.get() {
        fields.message_id = json::id(data.message_id);
        fields.id.clone_from(&fields.message_id);
        fields.occurred_at = json::rfc3339(data.received_at);
        fields.from = json::text(data.from);
        fields.to = json::text(data.to);
        fields.text = json::text(data.body);
    } else if kind != EventType::Unknown {
        return Err(Error::payload("no data object"));
    }
    fields.into_event(Provider::Zuc, input.body)
}
