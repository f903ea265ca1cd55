//! Signature schemes. Each `scheme/<name>.rs` verifies and signs its scheme from the
//! parameters a provider gives as data, and knows no provider names.

pub(crate) mod bearer_jwt;
pub(crate) mod hex_hmac;
pub(crate) mod hmac;
pub(crate) mod jwt;
pub(crate) mod standard;
pub(crate) mod timestamped_hmac;

use crate::headers::trimmed;
use crate::{Error, Headers, Secret, SignOptions, VerifyOptions};

/// How a provider authenticates its deliveries, with the scheme's parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scheme {
    /// Hex HMAC-SHA256 of the raw body in one header.
    HexHmac(hex_hmac::Params),
    /// Hex HMAC-SHA256 of `"<timestamp>.<raw body>"`, the timestamp in a header.
    TimestampedHexHmac(timestamped_hmac::Params),
    /// `Authorization: Bearer <JWT>`, HS256; the token does not cover the body.
    BearerJwt(bearer_jwt::Params),
    /// Standard Webhooks `v1`: base64 HMAC-SHA256 of `"<id>.<timestamp>.<raw body>"`.
    StandardWebhooks,
}

/// What a verified signature established, for the timestamp checks and the payload parser
/// (which never read headers themselves).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Signed {
    /// The signed time of the delivery, ms since the epoch, when the scheme signs one.
    pub time_ms: Option<u64>,
    /// The signed delivery id, when the scheme signs one outside the body.
    pub delivery_id: Option<String>,
}

/// What every scheme's `verify` gets besides the headers and the body.
pub(crate) struct Context<'a> {
    /// The keys (rotation: any one may match).
    pub secrets: &'a [Secret],
    /// The caller's limits and policies.
    pub options: &'a VerifyOptions,
    /// The current time, ms since the epoch.
    pub now_ms: u64,
}

impl Context<'_> {
    /// Refuses a signed time further than the tolerance from now, on either side.
    pub(crate) fn check_tolerance(&self, signed_ms: u64) -> Result<(), Error> {
        let tolerance_ms = self.options.tolerance_seconds.saturating_mul(1000);
        if signed_ms.abs_diff(self.now_ms) > tolerance_ms {
            return Err(Error::TimestampOutOfTolerance);
        }
        Ok(())
    }
}

/// A required header, trimmed; `missing_signature` naming it when absent.
pub(crate) fn required<'h, H: Headers + ?Sized>(
    headers: &'h H,
    header: &'static str,
) -> Result<&'h str, Error> {
    trimmed(headers, header).ok_or(Error::MissingSignature { header })
}

impl Scheme {
    /// Short name of the scheme, for documentation and `PROVIDERS`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::HexHmac(p) => p.name(),
            Self::TimestampedHexHmac(_) => "hmac-sha256-hex-timestamped",
            Self::BearerJwt(_) => "jwt-hs256",
            Self::StandardWebhooks => "standard-webhooks-v1",
        }
    }

    /// The header that carries the signature (lowercase).
    pub(crate) fn signature_header(self) -> &'static str {
        match self {
            Self::HexHmac(p) => p.header.name,
            Self::TimestampedHexHmac(p) => p.signature.name,
            Self::BearerJwt(_) => bearer_jwt::HEADER.name,
            Self::StandardWebhooks => standard::SIGNATURE,
        }
    }

    /// The key of one secret as the provider shows it.
    pub(crate) fn key(self, secret: &str) -> Result<Secret, Error> {
        match self {
            Self::StandardWebhooks => Secret::standard(secret),
            _ => Secret::from_bytes(secret.as_bytes()),
        }
    }

    /// Checks the delivery's signature (and the signed time, where the scheme has one).
    pub(crate) fn verify<H: Headers + ?Sized>(
        self,
        context: &Context<'_>,
        headers: &H,
        body: &[u8],
    ) -> Result<Signed, Error> {
        match self {
            Self::HexHmac(p) => p.verify(context, headers, body),
            Self::TimestampedHexHmac(p) => p.verify(context, headers, body),
            Self::BearerJwt(p) => p.verify(context, headers),
            Self::StandardWebhooks => standard::verify(context, headers, body),
        }
    }

    /// The headers this scheme sends with `body`, in the provider's spelling.
    pub(crate) fn sign(
        self,
        secret: &str,
        body: &[u8],
        options: &SignOptions,
    ) -> Result<Vec<(&'static str, String)>, Error> {
        let key = self.key(secret)?;
        match self {
            Self::HexHmac(p) => p.sign(secret, &key, body),
            Self::TimestampedHexHmac(p) => Ok(p.sign(&key, body, options)),
            Self::BearerJwt(p) => Ok(p.sign(&key, body, options)),
            Self::StandardWebhooks => Ok(standard::sign_headers(&key, body, options)),
        }
    }
}

/// A header name as matched (lowercase) and as the provider spells it when sending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct HeaderName {
    /// Lowercase, for lookups.
    pub name: &'static str,
    /// The provider's own spelling, for `sign`.
    pub spelling: &'static str,
}

/// A delivery id derived from the time and body: stable for one delivery, new for others.
pub(crate) fn derived_id(prefix: &str, time: &str, body: &[u8]) -> String {
    let mut seed = Vec::with_capacity(time.len() + 1 + body.len());
    seed.extend_from_slice(time.as_bytes());
    seed.push(b'.');
    seed.extend_from_slice(body);
    let hash = crate::provider::body_hash(&seed);
    format!("{prefix}{}", hash.get(..32).unwrap_or(&hash))
}
