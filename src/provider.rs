//! The supported providers: each is data (a [`Scheme`] and names) plus a payload parser.

mod httpsms;
mod messages_dev;
mod standard;
mod textbee;
mod textus;
mod zuc;

use core::fmt;
use core::str::FromStr;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use serde_json::value::RawValue;

use crate::json::Object;
use crate::scheme::Scheme;
use crate::{Error, Event, EventError, EventType, Headers};

/// A webhook provider. Ids are exact lowercase strings (`"textbee"`, `"messages-dev"`…).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Provider {
    /// textbee.dev: `X-Signature`, hex HMAC-SHA256 of the body.
    #[serde(rename = "textbee")]
    Textbee,
    /// Messages.dev: `X-Webhook-Signature`, hex HMAC-SHA256 of `"<timestamp>.<body>"`.
    #[serde(rename = "messages-dev")]
    MessagesDev,
    /// The private-number SMS service (scan.zuc.ro): `X-Webhook-Signature: sha256=<hex>`.
    #[serde(rename = "zuc")]
    Zuc,
    /// httpSMS: `Authorization: Bearer <JWT>` (HS256); the token does not cover the body.
    #[serde(rename = "httpsms")]
    Httpsms,
    /// TextUs: `X-TextUs-Signature`, hex HMAC-SHA256 of the body.
    #[serde(rename = "textus")]
    Textus,
    /// Standard Webhooks `v1`, the format the smshook Worker re-signs with.
    #[serde(rename = "standard")]
    Standard,
}

/// What a payload parser gets: the body (validated JSON, verbatim) and the headers.
pub(crate) struct Input<'a> {
    pub body: &'a RawValue,
    pub headers: &'a dyn Headers,
}

impl<'a> Input<'a> {
    /// The body's members; `malformed_payload` when the body is not an object.
    pub(crate) fn object(&self) -> Result<Object<'a>, Error> {
        let body = self.body.get();
        Object::of(body).ok_or(if body.trim_start().starts_with('{') {
            // Validated JSON that starts as an object fails only on its depth.
            Error::payload("body nests deeper than 100 levels")
        } else {
            Error::payload("body is not a JSON object")
        })
    }
}

/// One provider's facts.
pub(crate) struct Spec {
    pub id: &'static str,
    pub name: &'static str,
    pub scheme: Scheme,
    /// The top-level body field holding a signed RFC 3339 time that `max_age_seconds`
    /// applies to (TextUs's `timestamp`), if any.
    pub signed_time_field: Option<&'static str>,
    pub parse: fn(&Input<'_>) -> Result<Event, Error>,
}

impl Provider {
    /// Every provider, in specification order.
    pub const ALL: [Provider; 6] = [
        Self::Textbee,
        Self::MessagesDev,
        Self::Zuc,
        Self::Httpsms,
        Self::Textus,
        Self::Standard,
    ];

    pub(crate) fn spec(self) -> &'static Spec {
        match self {
            Self::Textbee => &textbee::SPEC,
            Self::MessagesDev => &messages_dev::SPEC,
            Self::Zuc => &zuc::SPEC,
            Self::Httpsms => &httpsms::SPEC,
            Self::Textus => &textus::SPEC,
            Self::Standard => &standard::SPEC,
        }
    }

    /// The provider id, e.g. `"messages-dev"`.
    #[must_use]
    pub fn id(self) -> &'static str {
        self.spec().id
    }

    /// The provider's display name, e.g. `"Messages.dev"`.
    #[must_use]
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The signature scheme's short name, e.g. `"hmac-sha256-hex"`.
    #[must_use]
    pub fn scheme_name(self) -> &'static str {
        self.spec().scheme.name()
    }

    /// The (lowercase) header that carries the signature.
    #[must_use]
    pub fn signature_header(self) -> &'static str {
        self.spec().scheme.signature_header()
    }
}

impl FromStr for Provider {
    type Err = Error;

    /// Parses an exact provider id; anything else is [`Error::UnknownProvider`].
    fn from_str(id: &str) -> Result<Self, Error> {
        Self::ALL
            .into_iter()
            .find(|p| p.id() == id)
            .ok_or(Error::UnknownProvider)
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The hex SHA-256 of the body: the dedupe key when a provider gives none.
pub(crate) fn body_hash(body: &[u8]) -> String {
    hex::encode(Sha256::digest(body))
}

/// The normalized fields a parser extracts; [`Fields::into_event`] completes the event.
#[derive(Default)]
pub(crate) struct Fields {
    pub kind: Option<EventType>,
    pub provider_event: String,
    pub id: Option<String>,
    pub occurred_at: Option<String>,
    pub message_id: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub text: Option<String>,
    pub error: Option<EventError>,
}

impl Fields {
    /// The event, with the body hash as id when the payload had none and the whole body as
    /// `data`.
    pub(crate) fn into_event(self, provider: Provider, body: &RawValue) -> Event {
        Event {
            provider,
            kind: self.kind.unwrap_or(EventType::Unknown),
            provider_event: self.provider_event,
            id: self
                .id
                .filter(|id| !id.is_empty())
                .unwrap_or_else(|| body_hash(body.get().as_bytes())),
            occurred_at: self.occurred_at,
            message_id: self.message_id,
            from: self.from,
            to: self.to,
            text: self.text,
            error: self.error,
            data: body.to_owned(),
        }
    }
}
