//! The provider registry. Each provider is one file, `provider/<id>.rs`, holding all of its
//! facts as data (a [`Spec`]) plus its payload parser; the one list in [`providers!`]
//! generates the [`Provider`] enum, `ALL`, `FromStr`, the serde names and `id()`. Adding a
//! provider and forgetting a fact is a compile error.

use core::fmt;
use core::str::FromStr;

use serde::{Deserialize, Serialize};

use serde_json::value::RawValue;

use crate::detect::Rule;
use crate::json::Object;
use crate::scheme::{Scheme, Signed};
use crate::{Error, Event, EventError, EventType};

/// The registry: `Variant = module "id",` with the variant's doc comment.
macro_rules! providers {
    ($($(#[$doc:meta])* $variant:ident = $module:ident $id:literal,)+) => {
        $(mod $module;)+

        /// A webhook provider. Ids are exact lowercase strings (`"textbee"`,
        /// `"messages-dev"`…).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[non_exhaustive]
        pub enum Provider {
            $($(#[$doc])* #[serde(rename = $id)] $variant,)+
        }

        impl Provider {
            /// Every provider, in specification order.
            pub const ALL: &'static [Provider] = &[$(Self::$variant,)+];

            /// The provider id, e.g. `"messages-dev"`.
            #[must_use]
            pub fn id(self) -> &'static str {
                match self { $(Self::$variant => $id,)+ }
            }

            pub(crate) fn spec(self) -> &'static Spec {
                match self { $(Self::$variant => &$module::SPEC,)+ }
            }
        }
    };
}

providers! {
    /// textbee.dev: `X-Signature`, hex HMAC-SHA256 of the body.
    Textbee = textbee "textbee",
    /// Messages.dev: `X-Webhook-Signature`, hex HMAC-SHA256 of `"<timestamp>.<body>"`.
    MessagesDev = messages_dev "messages-dev",
    /// The private-number SMS service (scan.zuc.ro): `X-Webhook-Signature: sha256=<hex>`.
    Zuc = zuc "zuc",
    /// httpSMS: `Authorization: Bearer <JWT>` (HS256); the token does not cover the body.
    Httpsms = httpsms "httpsms",
    /// TextUs: `X-TextUs-Signature`, hex HMAC-SHA256 of the body.
    Textus = textus "textus",
    /// Standard Webhooks `v1`, the format the smshook Worker re-signs with.
    Standard = standard "standard",
    /// Twilio Messaging: `X-Twilio-Signature`, base64 HMAC-SHA1 of the URL and parameters.
    Twilio = twilio "twilio",
    /// Telnyx Messaging v2: `telnyx-signature-ed25519`, Ed25519 of `"<timestamp>|<body>"`.
    Telnyx = telnyx "telnyx",
    /// Vonage Messages API: `Authorization: Bearer <JWT>` (HS256) with the body's hash.
    Vonage = vonage "vonage",
    /// Plivo Messaging: `X-Plivo-Signature-V3`, base64 HMAC-SHA256 of URL, parameters, nonce.
    Plivo = plivo "plivo",
    /// Sinch SMS: `x-sinch-webhook-signature`, base64 HMAC-SHA256 of body, nonce, time.
    Sinch = sinch "sinch",
}

/// What a payload parser gets: the body (validated JSON, verbatim; for a form body, the
/// JSON object of its parameters), the raw bytes received, and what the signature
/// established (the signed time and delivery id). Parsers never read headers.
pub(crate) struct Input<'a> {
    pub body: &'a RawValue,
    pub raw: &'a [u8],
    pub signed: &'a Signed,
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

/// A verification option that applies to some providers only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProviderOption {
    /// `VerifyOptions::audience` (JS `audience`).
    Audience,
    /// `VerifyOptions::subject` (JS `subject`).
    Subject,
    /// `VerifyOptions::allow_unsigned` (JS `allowUnsigned`).
    AllowUnsigned,
    /// `VerifyOptions::max_age_seconds` (JS `maxAgeSeconds`).
    MaxAgeSeconds,
}

impl ProviderOption {
    /// The option's suffix in Worker variable names: `HTTPSMS_AUDIENCE`, `TEXTUS_MAX_AGE_SECONDS`.
    #[must_use]
    pub fn env_suffix(self) -> &'static str {
        match self {
            Self::Audience => "AUDIENCE",
            Self::Subject => "SUBJECT",
            Self::AllowUnsigned => "ALLOW_UNSIGNED",
            Self::MaxAgeSeconds => "MAX_AGE_SECONDS",
        }
    }
}

/// A realistic delivery of one provider, for demos, benchmarks and tests: `sign` it with
/// `secret` and the sign options it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Sample {
    /// A signing secret in the provider's format.
    pub secret: &'static str,
    /// The secret `verify` takes, when it differs from the signing one (Telnyx: the public
    /// key of the private seed `secret`).
    pub verify_secret: Option<&'static str>,
    /// The URL the delivery is posted to, for providers that sign it.
    pub url: Option<&'static str>,
    /// The body, with `{TEXT}` where the message text goes (see [`Sample::body_with`]).
    pub body: &'static str,
    /// The JWT audience to sign with (httpSMS), if any.
    pub audience: Option<&'static str>,
    /// The JWT subject to sign with (httpSMS), if any.
    pub subject: Option<&'static str>,
    /// The delivery id to sign with, if any.
    pub id: Option<&'static str>,
}

impl Sample {
    /// The secret to verify with: [`Sample::verify_secret`], else [`Sample::secret`].
    #[must_use]
    pub fn verifying_secret(&self) -> &'static str {
        self.verify_secret.unwrap_or(self.secret)
    }

    /// The body with `text` in place of `{TEXT}`, encoded as the body is (JSON-escaped or
    /// form-encoded).
    #[must_use]
    pub fn body_with(&self, text: &str) -> String {
        let encoded = if self.body.starts_with('{') {
            let quoted = serde_json::to_string(text).unwrap_or_default();
            quoted
                .get(1..quoted.len().saturating_sub(1))
                .unwrap_or_default()
                .to_owned()
        } else {
            crate::form::encode_component(text)
        };
        self.body.replace("{TEXT}", &encoded)
    }
}

/// One provider's facts.
pub(crate) struct Spec {
    /// Display name.
    pub name: &'static str,
    /// The scheme and its parameters.
    pub scheme: Scheme,
    /// The headers it sends, lowercase, that a forwarder passes along with the raw body.
    pub headers: &'static [&'static str],
    /// How `detect` recognizes it; rules are tried in the order of `rank`, lowest first.
    pub detect: Rule,
    /// The provider-specific options that apply to it.
    pub options: &'static [ProviderOption],
    /// The top-level body field holding a signed RFC 3339 time that `max_age_seconds`
    /// applies to (TextUs's `timestamp`), if any.
    pub signed_time_field: Option<&'static str>,
    /// A realistic delivery.
    pub sample: Sample,
    /// The payload parser.
    pub parse: fn(&Input<'_>) -> Result<Event, Error>,
}

impl Provider {
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

    /// The (lowercase) headers this provider sends that a forwarder passes along with the
    /// raw body, so the receiver can check the provider's signature itself (for httpSMS
    /// that includes `authorization`, which a forwarder should pass only when asked).
    #[must_use]
    pub fn headers(self) -> &'static [&'static str] {
        self.spec().headers
    }

    /// Whether the signature covers the body. `false` for httpSMS, whose bearer token
    /// authenticates any body until it expires: a receiver that must refuse a replayed
    /// token records each one (the Worker's `ReplayGuard` does).
    #[must_use]
    pub fn signs_body(self) -> bool {
        !matches!(self.spec().scheme, Scheme::BearerJwt(_))
    }

    /// The provider-specific options that apply to this provider.
    #[must_use]
    pub fn options(self) -> &'static [ProviderOption] {
        self.spec().options
    }

    /// A realistic delivery of this provider (demos, benchmarks, tests).
    #[must_use]
    pub fn sample(self) -> Sample {
        self.spec().sample
    }

    /// The env-variable prefix of this provider: `TEXTBEE`, `MESSAGES_DEV`…
    #[must_use]
    pub fn env_prefix(self) -> String {
        self.id().to_ascii_uppercase().replace('-', "_")
    }
}

impl FromStr for Provider {
    type Err = Error;

    /// Parses an exact provider id; anything else is [`Error::UnknownProvider`].
    fn from_str(id: &str) -> Result<Self, Error> {
        Self::ALL
            .iter()
            .copied()
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
    hex::encode(crate::scheme::hmac::sha256(body))
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
    /// The event, with the raw body's hash as id when the payload had none and the whole
    /// body as `data`.
    pub(crate) fn into_event(self, provider: Provider, input: &Input<'_>) -> Event {
        Event {
            provider,
            kind: self.kind.unwrap_or(EventType::Unknown),
            provider_event: self.provider_event,
            id: self
                .id
                .filter(|id| !id.is_empty())
                .unwrap_or_else(|| body_hash(input.raw)),
            occurred_at: self.occurred_at,
            message_id: self.message_id,
            from: self.from,
            to: self.to,
            text: self.text,
            error: self.error,
            data: input.body.to_owned(),
        }
    }
}
