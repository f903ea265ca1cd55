//! Signature schemes. Nothing here knows a provider: providers pick a [`Scheme`] as data.

pub(crate) mod hmac;
pub(crate) mod jwt;
pub(crate) mod standard;

/// How a provider authenticates its deliveries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scheme {
    /// Hex HMAC-SHA256 of the raw body in `header`, after an optional `prefix`.
    HexHmac {
        /// The signature header (lowercase).
        header: &'static str,
        /// A required prefix before the hex, e.g. `sha256=`.
        prefix: Option<&'static str>,
    },
    /// Hex HMAC-SHA256 of `"<timestamp>.<raw body>"`, the timestamp (unix ms) from
    /// `timestamp_header`; when that header is absent, the raw body alone or
    /// `"<body timestamp>.<raw body>"` (the body's top-level `timestamp` number).
    TimestampedHexHmac {
        /// The signature header (lowercase).
        header: &'static str,
        /// The timestamp header (lowercase), unix milliseconds.
        timestamp_header: &'static str,
    },
    /// `Authorization: Bearer <JWT>`, HS256; the token does not cover the body.
    BearerJwt {
        /// The `iss` the token must carry.
        issuer: &'static str,
    },
    /// Standard Webhooks `v1`: base64 HMAC-SHA256 of `"<id>.<timestamp>.<raw body>"`.
    StandardWebhooks,
}

impl Scheme {
    /// Short name of the scheme, for documentation and `PROVIDERS`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::HexHmac { prefix: None, .. } => "hmac-sha256-hex",
            Self::HexHmac {
                prefix: Some(_), ..
            } => "hmac-sha256-hex-prefixed",
            Self::TimestampedHexHmac { .. } => "hmac-sha256-hex-timestamped",
            Self::BearerJwt { .. } => "jwt-hs256",
            Self::StandardWebhooks => "standard-webhooks-v1",
        }
    }

    /// The header that carries the signature (lowercase).
    pub(crate) fn signature_header(self) -> &'static str {
        match self {
            Self::HexHmac { header, .. } | Self::TimestampedHexHmac { header, .. } => header,
            Self::BearerJwt { .. } => "authorization",
            Self::StandardWebhooks => standard::SIGNATURE,
        }
    }
}
