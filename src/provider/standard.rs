//! Standard Webhooks: a smshook event comes back unchanged; any other object is `unknown`.

use serde::Deserialize;

use super::{Fields, Input, Provider, Spec};
use crate::json::{self, Raw};
use crate::scheme::{standard as headers, Scheme};
use crate::{time, Error, Event};

pub(crate) const SPEC: Spec = Spec {
    id: "standard",
    name: "Standard Webhooks",
    scheme: Scheme::StandardWebhooks,
    max_age_applies: false,
    parse,
};

#[derive(Deserialize)]
struct Body<'a> {
    #[serde(borrow, rename = "type")]
    kind: Raw<'a>,
}

fn parse(input: &Input<'_>) -> Result<Event, Error> {
    let body: Body<'_> = json::object(input.body)?;
    if let Ok(event) = serde_json::from_str::<Event>(input.body) {
        if event.data.get().starts_with('{') {
            return Ok(event);
        }
    }
    let id = input.headers.get(headers::ID).map(|v| v.trim().to_owned());
    let occurred_at = input
        .headers
        .get(headers::TIMESTAMP)
        .and_then(|v| v.trim().parse::<i64>().ok())
        .and_then(|s| s.checked_mul(1000))
        .and_then(time::format_ms);
    Fields {
        provider_event: json::text(body.kind).unwrap_or_default(),
        id,
        occurred_at,
        ..Fields::default()
    }
    .into_event(Provider::Standard, input.body)
}
