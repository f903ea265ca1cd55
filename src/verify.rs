//! Verification: size limit, then the signature, then timestamps, then the payload.

use crate::headers::{trimmed, DynHeaders};
use crate::json;
use crate::provider::Input;
use crate::scheme::hmac::HexSignature;
use crate::scheme::{jwt, standard, Scheme};
use crate::{time, Error, Event, Headers, Provider, Secret, VerifyOptions};

/// Verifies deliveries of one provider with one or more secrets (rotation).
///
/// ```
/// use smshook::{sign, Provider, SignOptions, Verifier};
///
/// let secret = "3f8a2b6c-9d1e-4f70-8a5b-c2d4e6f81a3b";
/// let body = br#"{"smsId":"1","message":"hi","webhookEvent":"MESSAGE_RECEIVED","sender":"+15551234567"}"#;
/// let signed = sign(Provider::Textbee, secret, body, &SignOptions::at(1_767_225_600_000))?;
///
/// let verifier = Verifier::new(Provider::Textbee, [secret])?;
/// let event = verifier.verify_at(&signed.headers, body, 1_767_225_600_000)?;
/// assert_eq!(event.kind.as_str(), "message.received");
/// assert_eq!(event.from.as_deref(), Some("+15551234567"));
/// # Ok::<(), smshook::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Verifier {
    provider: Provider,
    secrets: Vec<Secret>,
    options: VerifyOptions,
}

impl Verifier {
    /// A verifier for `provider` accepting any of `secrets` (order never matters).
    ///
    /// Each secret is the text the provider shows; for `standard` it is a
    /// `whsec_<base64>` secret.
    ///
    /// # Errors
    /// [`Error::InvalidSecret`] when the list or any secret is empty, or a `standard`
    /// secret is not base64.
    pub fn new<I, S>(provider: Provider, secrets: I) -> Result<Self, Error>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let secrets = secrets
            .into_iter()
            .map(|s| match provider {
                Provider::Standard => Secret::standard(s.as_ref()),
                _ => Secret::from_bytes(s.as_ref().as_bytes()),
            })
            .collect::<Result<Vec<_>, _>>()?;
        Self::from_secrets(provider, secrets)
    }

    /// A verifier from already-decoded keys.
    ///
    /// # Errors
    /// [`Error::InvalidSecret`] when the list is empty.
    pub fn from_secrets(provider: Provider, secrets: Vec<Secret>) -> Result<Self, Error> {
        if secrets.is_empty() {
            return Err(Error::InvalidSecret {
                reason: "empty secret list",
            });
        }
        Ok(Self {
            provider,
            secrets,
            options: VerifyOptions::default(),
        })
    }

    /// The same verifier with these options.
    #[must_use]
    pub fn with_options(mut self, options: VerifyOptions) -> Self {
        self.options = options;
        self
    }

    /// The provider this verifier checks.
    #[must_use]
    pub fn provider(&self) -> Provider {
        self.provider
    }

    /// The options in force.
    #[must_use]
    pub fn options(&self) -> &VerifyOptions {
        &self.options
    }

    /// Verifies a delivery at the time `now_ms` (milliseconds since the Unix epoch) and
    /// returns its normalized event. `body` must be the exact raw bytes received.
    ///
    /// # Errors
    /// The [`Error`] that says why the delivery is refused.
    pub fn verify_at<H: Headers + ?Sized>(
        &self,
        headers: &H,
        body: &[u8],
        now_ms: u64,
    ) -> Result<Event, Error> {
        let limit = self.options.max_body_bytes;
        if body.len() > limit {
            return Err(Error::BodyTooLarge { limit });
        }
        let spec = self.provider.spec();
        self.check_signature(spec.scheme, headers, body, now_ms)?;
        let text = core::str::from_utf8(body).map_err(|_| Error::payload("body is not UTF-8"))?;
        let headers = DynHeaders(headers);
        let raw = json::validate(text)?;
        if let (Some(field), Some(max_age)) = (spec.signed_time_field, self.options.max_age_seconds)
        {
            check_max_age(raw.get(), field, max_age, now_ms)?;
        }
        (spec.parse)(&Input {
            body: raw,
            headers: &headers,
        })
    }

    /// Verifies a delivery now (reads the system clock, or `Date.now()` on wasm32 with the
    /// `js-clock` feature).
    ///
    /// # Errors
    /// As [`Verifier::verify_at`].
    #[cfg(any(not(target_arch = "wasm32"), feature = "js-clock"))]
    pub fn verify<H: Headers + ?Sized>(&self, headers: &H, body: &[u8]) -> Result<Event, Error> {
        self.verify_at(headers, body, crate::clock::now_ms())
    }

    fn check_signature<H: Headers + ?Sized>(
        &self,
        scheme: Scheme,
        headers: &H,
        body: &[u8],
        now_ms: u64,
    ) -> Result<(), Error> {
        let secrets = &self.secrets;
        match scheme {
            Scheme::HexHmac { header, prefix } => {
                let value = trimmed(headers, header).ok_or(Error::MissingSignature { header })?;
                let hex = match prefix {
                    None => value,
                    Some(prefix) => strip_prefix_ignore_case(value, prefix)
                        .ok_or(Error::malformed(header, "missing sha256= prefix"))?,
                };
                let signature = HexSignature::parse(header, hex)?;
                if signature.matches(secrets, &[body]) {
                    Ok(())
                } else {
                    Err(Error::SignatureMismatch)
                }
            }
            Scheme::TimestampedHexHmac {
                header,
                timestamp_header,
            } => {
                let value = trimmed(headers, header).ok_or(Error::MissingSignature { header })?;
                let signature = HexSignature::parse(header, value)?;
                let Some(header_ts) = trimmed(headers, timestamp_header) else {
                    return self.check_untimed_forms(&signature, body, now_ms);
                };
                let header_ms = standard::parse_timestamp(timestamp_header, header_ts)?;
                if !signature.matches(secrets, &[header_ts.as_bytes(), b".", body]) {
                    return Err(Error::SignatureMismatch);
                }
                // Within tolerance, the payload parser checks that the body's timestamp
                // agrees (no second pass over the body here). Outside, a disagreement is
                // reported before the tolerance.
                if self.check_tolerance(header_ms, now_ms).is_ok() {
                    return Ok(());
                }
                if let Some(body_ts) = body_timestamp(body) {
                    if body_ts.value? != header_ms {
                        return Err(Error::payload("timestamp header and body disagree"));
                    }
                }
                Err(Error::TimestampOutOfTolerance)
            }
            Scheme::BearerJwt { issuer } => {
                let Some(value) = trimmed(headers, "authorization") else {
                    return if self.options.allow_unsigned {
                        Ok(())
                    } else {
                        Err(Error::MissingSignature {
                            header: "authorization",
                        })
                    };
                };
                let token = jwt::bearer_token(value)?;
                let rules = jwt::Rules {
                    issuer,
                    audience: self.options.audience.as_deref(),
                    subject: self.options.subject.as_deref(),
                    leeway_seconds: self.options.leeway_seconds,
                    now_ms,
                };
                jwt::verify(secrets, token, &rules)
            }
            Scheme::StandardWebhooks => {
                let get =
                    |header| trimmed(headers, header).ok_or(Error::MissingSignature { header });
                let id = get(standard::ID)?;
                if id.is_empty() {
                    return Err(Error::malformed(standard::ID, "empty"));
                }
                let timestamp = get(standard::TIMESTAMP)?;
                let signature = get(standard::SIGNATURE)?;
                let seconds = standard::parse_timestamp(standard::TIMESTAMP, timestamp)?;
                standard::verify(secrets, id, timestamp, body, signature)?;
                self.check_tolerance(seconds.saturating_mul(1000), now_ms)
            }
        }
    }

    /// Messages.dev without a timestamp header: the older body-only form, or the body's
    /// own `timestamp` as the signed prefix; then that timestamp's tolerance.
    fn check_untimed_forms(
        &self,
        signature: &HexSignature,
        body: &[u8],
        now_ms: u64,
    ) -> Result<(), Error> {
        let secrets = &self.secrets;
        let body_ts = body_timestamp(body);
        let signed = signature.matches(secrets, &[body])
            || body_ts
                .as_ref()
                .is_some_and(|ts| signature.matches(secrets, &[ts.token.as_bytes(), b".", body]));
        if !signed {
            return Err(Error::SignatureMismatch);
        }
        match body_ts.map(|ts| ts.value).transpose()? {
            Some(ms) => self.check_tolerance(ms, now_ms),
            None => Ok(()),
        }
    }

    fn check_tolerance(&self, signed_ms: u64, now_ms: u64) -> Result<(), Error> {
        let tolerance_ms = self.options.tolerance_seconds.saturating_mul(1000);
        if signed_ms.abs_diff(now_ms) > tolerance_ms {
            return Err(Error::TimestampOutOfTolerance);
        }
        Ok(())
    }
}

/// Refuses a body whose signed time (`field`, RFC 3339) is older than `max_age` seconds,
/// or that has none: a policy that asks for freshness cannot accept an undated delivery.
fn check_max_age(body: &str, field: &str, max_age: u64, now_ms: u64) -> Result<(), Error> {
    let signed = json::Object::of(body)
        .and_then(|object| json::text(object.get(field)))
        .and_then(|text| time::parse_rfc3339_ms(&text));
    let now = i64::try_from(now_ms).unwrap_or(i64::MAX);
    let max_age_ms = i64::try_from(max_age.saturating_mul(1000)).unwrap_or(i64::MAX);
    match signed {
        Some(at) if now.saturating_sub(at) <= max_age_ms => Ok(()),
        _ => Err(Error::TimestampOutOfTolerance),
    }
}

fn strip_prefix_ignore_case<'a>(value: &'a str, prefix: &str) -> Option<&'a str> {
    let head = value.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| value.get(prefix.len()..))
        .flatten()
}

/// The body's top-level `timestamp` number: its exact token (for the signed bytes) and
/// its value (for the checks), read without trusting the body.
struct BodyTimestamp<'a> {
    token: &'a str,
    value: Result<u64, Error>,
}

fn body_timestamp(body: &[u8]) -> Option<BodyTimestamp<'_>> {
    let text = core::str::from_utf8(body).ok()?;
    let token = json::object(text).ok()?.get("timestamp")?;
    let value =
        json::unsigned(Some(token)).ok_or(Error::payload("body timestamp is not an integer"));
    Some(BodyTimestamp { token, value })
}
