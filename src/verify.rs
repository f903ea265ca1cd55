//! Verification: size limit, then the signature, then timestamps, then the payload.

use crate::provider::Input;
use crate::scheme::Context;
use crate::{form, json};
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
            .map(|s| provider.spec().scheme.key(s.as_ref()))
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
    /// Providers that sign the request URL (Twilio, Plivo) need
    /// [`Verifier::verify_url_at`]; here they fail with [`Error::InvalidArgument`].
    ///
    /// # Errors
    /// The [`Error`] that says why the delivery is refused.
    pub fn verify_at<H: Headers + ?Sized>(
        &self,
        headers: &H,
        body: &[u8],
        now_ms: u64,
    ) -> Result<Event, Error> {
        self.verify_request(None, headers, body, now_ms)
    }

    /// Verifies a delivery that was requested at `url` (the absolute URL exactly as the
    /// provider requested it: scheme, host, port, path and query), at the time `now_ms`.
    /// Providers that do not sign the URL ignore it.
    ///
    /// # Errors
    /// The [`Error`] that says why the delivery is refused; [`Error::InvalidArgument`] when
    /// `url` is not an absolute `http(s)` URL and the provider signs it.
    pub fn verify_url_at<H: Headers + ?Sized>(
        &self,
        url: &str,
        headers: &H,
        body: &[u8],
        now_ms: u64,
    ) -> Result<Event, Error> {
        self.verify_request(Some(url), headers, body, now_ms)
    }

    fn verify_request<H: Headers + ?Sized>(
        &self,
        url: Option<&str>,
        headers: &H,
        body: &[u8],
        now_ms: u64,
    ) -> Result<Event, Error> {
        let limit = self.options.max_body_bytes;
        if body.len() > limit {
            return Err(Error::BodyTooLarge { limit });
        }
        let spec = self.provider.spec();
        if spec.scheme.signs_url() && url.is_none() {
            return Err(Error::argument(format!(
                "{} signs the request URL: pass url (the URL it requested)",
                self.provider.name()
            )));
        }
        // The signature covers a form's decoded parameters, so they are decoded first.
        let form = if spec.scheme.form_body(url) {
            Some(form::decode(body)?)
        } else {
            None
        };
        let context = Context {
            secrets: &self.secrets,
            options: &self.options,
            now_ms,
            url,
            form: form.as_deref(),
        };
        let signed = spec.scheme.verify(&context, headers, body)?;
        let form_json;
        let text = match &form {
            Some(pairs) => {
                form_json = form::to_json(pairs);
                form_json.as_str()
            }
            None => core::str::from_utf8(body).map_err(|_| Error::payload("body is not UTF-8"))?,
        };
        let raw = json::validate(text)?;
        if let (Some(field), Some(max_age)) = (spec.signed_time_field, self.options.max_age_seconds)
        {
            check_max_age(raw.get(), field, max_age, now_ms)?;
        }
        (spec.parse)(&Input {
            body: raw,
            raw: body,
            signed: &signed,
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

    /// Verifies a delivery requested at `url`, now (see [`Verifier::verify_url_at`]).
    ///
    /// # Errors
    /// As [`Verifier::verify_url_at`].
    #[cfg(any(not(target_arch = "wasm32"), feature = "js-clock"))]
    pub fn verify_url<H: Headers + ?Sized>(
        &self,
        url: &str,
        headers: &H,
        body: &[u8],
    ) -> Result<Event, Error> {
        self.verify_url_at(url, headers, body, crate::clock::now_ms())
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
