//! Verification and signing options, with documented defaults.

/// Limits and policies for [`Verifier`](crate::Verifier). Every field documents its default.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct VerifyOptions {
    /// Largest accepted signed-timestamp distance from `now`, in seconds, on either side
    /// (inclusive). Used by `messages-dev` and `standard`. Defaults to `300`.
    pub tolerance_seconds: u64,
    /// Largest accepted body, in bytes; larger bodies are refused before any other work.
    /// Defaults to `1048576` (1 MiB).
    pub max_body_bytes: usize,
    /// Leeway for the JWT time claims `exp`, `nbf` and `iat`, in seconds. Defaults to `60`.
    pub leeway_seconds: u64,
    /// httpSMS: the audience the JWT `aud` must contain (the webhook URL exactly as it was
    /// registered). Defaults to `None` (not checked).
    pub audience: Option<String>,
    /// httpSMS: the subject the JWT `sub` must equal (your httpSMS user id). Defaults to
    /// `None` (not checked).
    pub subject: Option<String>,
    /// TextUs: refuse deliveries whose signed body `timestamp` is older than this many
    /// seconds (inclusive bound). TextUs retries for up to 12 hours, so this is off unless
    /// set. Defaults to `None`.
    pub max_age_seconds: Option<u64>,
    /// httpSMS: accept deliveries without an `Authorization` header (httpSMS sends none
    /// when the webhook has no signing key). Defaults to `false`.
    pub allow_unsigned: bool,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        Self {
            tolerance_seconds: 300,
            max_body_bytes: 1024 * 1024,
            leeway_seconds: 60,
            audience: None,
            subject: None,
            max_age_seconds: None,
            allow_unsigned: false,
        }
    }
}

/// What [`sign`](crate::sign) needs beyond the provider, secret and body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SignOptions {
    /// The time of signing, in milliseconds since the Unix epoch.
    pub now_ms: u64,
    /// `messages-dev`: the delivery id (defaults to the body's `delivery_id`, else one
    /// derived from the body and time); `standard`: the `webhook-id` (defaults to one derived
    /// from the body and time); `vonage`: the JWT `jti` (likewise derived by default).
    pub id: Option<String>,
    /// httpSMS: the JWT `aud` (sent as a one-element array). Defaults to none.
    pub audience: Option<String>,
    /// httpSMS: the JWT `sub` (your httpSMS user id). httpSMS always sends one, so `sign`
    /// always mints it: without a subject, the placeholder `smshook-placeholder-user`.
    pub subject: Option<String>,
    /// httpSMS: the `X-Event-Type` header. Defaults to the body's CloudEvent `type`.
    pub event_type: Option<String>,
    /// Twilio, Plivo: the URL the delivery is posted to (required for them). A Twilio
    /// JSON body adds `bodySHA256` to it; [`Signed::url`](crate::Signed::url) is the URL
    /// to post to.
    pub url: Option<String>,
    /// Plivo, Sinch: the nonce. Defaults to one derived from the body and time.
    pub nonce: Option<String>,
    /// textbee: also send the timestamped `X-TextBee-Signature: t=…,v1=…` (with
    /// `X-Signature-Timestamp`) beside `X-Signature`. Defaults to `false`.
    pub timestamped: bool,
}

impl SignOptions {
    /// Options signing at `now_ms` with every other field at its default.
    #[must_use]
    pub fn at(now_ms: u64) -> Self {
        Self {
            now_ms,
            ..Self::default()
        }
    }
}
