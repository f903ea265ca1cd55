//! Signature schemes. Each `scheme/<name>.rs` verifies and signs its scheme from the
//! parameters a provider gives as data, and knows no provider names.

pub(crate) mod bearer_jwt;
pub(crate) mod body_bound_jwt;
pub(crate) mod ed25519;
pub(crate) mod hex_hmac;
pub(crate) mod hmac;
pub(crate) mod jwt;
pub(crate) mod nonce_hmac;
pub(crate) mod standard;
pub(crate) mod timestamped_hmac;
pub(crate) mod url_hmac;
pub(crate) mod url_nonce_hmac;

use crate::headers::trimmed;
pub(crate) use crate::secret::decode_base64;
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
    /// Base64 HMAC-SHA1 of the request URL and the sorted form parameters (or of a URL
    /// carrying the JSON body's hash).
    UrlHmac(url_hmac::Params),
    /// Base64 HMAC-SHA256 of the URL, its sorted query, the sorted form parameters and a
    /// nonce; a list of signatures.
    UrlNonceHmac(url_nonce_hmac::Params),
    /// Ed25519 over `"<timestamp>|<raw body>"`.
    Ed25519(ed25519::Params),
    /// Base64 HMAC-SHA256 of `"<raw body>.<nonce>.<timestamp>"`.
    NonceHmac(nonce_hmac::Params),
    /// `Authorization: Bearer <JWT>`, HS256, binding the body by a SHA-256 claim.
    BodyBoundJwt(body_bound_jwt::Params),
}

/// The headers a scheme's `sign` sends, in the provider's spelling.
pub(crate) type SignedHeaders = Vec<(&'static str, String)>;

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
    /// The URL the provider requested, when the caller gave it.
    pub url: Option<&'a str>,
    /// The body's decoded form parameters, when the body is a form.
    pub form: Option<&'a [crate::form::Pair<'a>]>,
}

impl Context<'_> {
    /// The request URL, which URL-signing schemes cannot do without.
    pub(crate) fn signed_url(&self) -> Result<&str, Error> {
        self.url.ok_or_else(|| {
            Error::argument("this provider signs the request URL: pass url (the URL it requested)")
        })
    }

    /// What a verified signature over a unix-seconds timestamp establishes, once that time
    /// is within the tolerance.
    pub(crate) fn signed_at(&self, seconds: u64) -> Result<Signed, Error> {
        let time_ms = seconds.saturating_mul(1000);
        self.check_tolerance(time_ms)?;
        Ok(Signed {
            time_ms: Some(time_ms),
            delivery_id: None,
        })
    }

    /// Refuses a signed time further than the tolerance from now, on either side.
    pub(crate) fn check_tolerance(&self, signed_ms: u64) -> Result<(), Error> {
        let tolerance_ms = self.options.tolerance_seconds.saturating_mul(1000);
        if signed_ms.abs_diff(self.now_ms) > tolerance_ms {
            return Err(Error::TimestampOutOfTolerance);
        }
        Ok(())
    }
}

/// A base64 signature header value: standard padded base64, else `malformed_signature`.
pub(crate) fn base64_signature(header: &'static str, value: &str) -> Result<Vec<u8>, Error> {
    if value.is_empty() {
        return Err(Error::malformed(header, "empty"));
    }
    decode_base64(value).ok_or(Error::malformed(header, "not base64"))
}

/// Standard padded base64.
pub(crate) fn encode_base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
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
            Self::UrlHmac(_) => "hmac-sha1-url",
            Self::UrlNonceHmac(_) => "hmac-sha256-url-nonce",
            Self::Ed25519(_) => "ed25519-timestamped",
            Self::NonceHmac(_) => "hmac-sha256-nonce-timestamped",
            Self::BodyBoundJwt(_) => "jwt-hs256-body-hash",
        }
    }

    /// The header that carries the signature (lowercase).
    pub(crate) fn signature_header(self) -> &'static str {
        match self {
            Self::HexHmac(p) => p.header.name,
            Self::TimestampedHexHmac(p) => p.signature.name,
            Self::BearerJwt(_) => bearer_jwt::HEADER.name,
            Self::StandardWebhooks => standard::SIGNATURE,
            Self::UrlHmac(p) => p.header.name,
            Self::UrlNonceHmac(p) => p.signature.name,
            Self::Ed25519(p) => p.signature.name,
            Self::NonceHmac(p) => p.signature.name,
            Self::BodyBoundJwt(_) => bearer_jwt::HEADER.name,
        }
    }

    /// Whether the body is form parameters (for the request URL given), else JSON.
    pub(crate) fn form_body(self, url: Option<&str>) -> bool {
        match self {
            Self::UrlHmac(p) => p.form_body(url),
            Self::UrlNonceHmac(_) => true,
            _ => false,
        }
    }

    /// Whether the scheme signs the request URL (verify and sign need `url`).
    pub(crate) fn signs_url(self) -> bool {
        matches!(self, Self::UrlHmac(_) | Self::UrlNonceHmac(_))
    }

    /// The key of one secret as the provider shows it.
    pub(crate) fn key(self, secret: &str) -> Result<Secret, Error> {
        match self {
            Self::StandardWebhooks => Secret::standard(secret),
            Self::Ed25519(_) => Secret::ed25519_public(secret),
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
            Self::UrlHmac(p) => p.verify(context, headers, body),
            Self::UrlNonceHmac(p) => p.verify(context, headers),
            Self::Ed25519(p) => p.verify(context, headers, body),
            Self::NonceHmac(p) => p.verify(context, headers, body),
            Self::BodyBoundJwt(p) => p.verify(context, headers, body),
        }
    }

    /// The headers this scheme sends with `body`, in the provider's spelling, and for
    /// URL-signing schemes the URL to post to.
    pub(crate) fn sign(
        self,
        secret: &str,
        body: &[u8],
        options: &SignOptions,
    ) -> Result<(SignedHeaders, Option<String>), Error> {
        if options.timestamped && !matches!(self, Self::HexHmac(p) if p.timestamped.is_some()) {
            return Err(Error::argument(
                "timestamped: this provider has no timestamped signature",
            ));
        }
        let key = || self.key(secret);
        let signed = match self {
            Self::HexHmac(p) => (p.sign(secret, &key()?, body, options)?, None),
            Self::TimestampedHexHmac(p) => (p.sign(&key()?, body, options), None),
            Self::BearerJwt(p) => (p.sign(&key()?, body, options), None),
            Self::StandardWebhooks => (standard::sign_headers(&key()?, body, options), None),
            Self::UrlHmac(p) => {
                let (headers, url) = p.sign(&key()?, body, options)?;
                (headers, Some(url))
            }
            Self::UrlNonceHmac(p) => {
                let (headers, url) = p.sign(&key()?, body, options)?;
                (headers, Some(url))
            }
            // The signing secret is the private seed, not the public key verify takes.
            Self::Ed25519(p) => (p.sign(secret, body, options)?, None),
            Self::NonceHmac(p) => (p.sign(&key()?, body, options), None),
            Self::BodyBoundJwt(p) => (p.sign(&key()?, body, options), None),
        };
        Ok(signed)
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
