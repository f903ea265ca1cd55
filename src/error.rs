//! The one error type, with the stable codes of the specification.

use core::fmt;

/// Why a delivery was refused, or why a call could not be carried out.
///
/// Every variant has a stable machine-readable [`code`](Error::code) (the same string in
/// Rust, in the npm package's `WebhookVerificationError.code` and in the Worker's
/// `{"error": code}` answers) and a broad [`Category`]. `Display` prints a short lowercase
/// message that never contains a secret or an expected signature.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The signature header (or, for Standard Webhooks, one of its three headers) is absent.
    MissingSignature {
        /// The header that was looked for.
        header: &'static str,
    },
    /// The signature header is present but cannot be read: empty, not hex, odd length, a
    /// missing `sha256=` prefix, an `Authorization` value that is not `Bearer <token>`, a JWT
    /// that is not three canonical base64url segments of JSON, a token over 8 KiB, a `typ`
    /// other than `JWT`, or a timestamp header that is not a decimal number.
    MalformedSignature {
        /// The header that could not be read.
        header: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The signature is well formed but does not match the body with any of the secrets.
    SignatureMismatch,
    /// The signed timestamp is outside the tolerance window (either side), or older than
    /// `max_age_seconds`.
    TimestampOutOfTolerance,
    /// The JWT's `exp` has passed (leeway included).
    TokenExpired,
    /// The JWT's `nbf` (or `iat`) lies in the future (leeway included).
    TokenNotYetValid,
    /// The JWT's `alg` is not `HS256`.
    AlgorithmNotAllowed,
    /// A JWT claim is wrong (`iss`, `aud`, `sub`) or a required one (`exp`) is missing.
    ClaimMismatch {
        /// The claim at fault.
        claim: &'static str,
    },
    /// The delivery is authentic but its body is not a payload of that provider.
    MalformedPayload {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The body is larger than the configured limit.
    BodyTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// A secret is empty, the secret list is empty, a Standard Webhooks secret is not
    /// base64, or (when signing for textbee) the secret is shorter than 20 characters.
    InvalidSecret {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The provider id is not one of the supported ids (ids are exact and lowercase).
    UnknownProvider,
    /// No provider was given and none could be recognised from the headers.
    ProviderNotDetected,
    /// The caller passed an argument of the wrong kind (for example a parsed object where
    /// the raw body was expected).
    InvalidArgument {
        /// What was wrong and how to fix it.
        message: String,
    },
}

/// A broad class of [`Error`]s, for callers that map errors to HTTP statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Category {
    /// The delivery could not be authenticated (HTTP 401).
    Authentication,
    /// The delivery is authentic but its payload is not understood (HTTP 400).
    Payload,
    /// The body is over the size limit (HTTP 413).
    TooLarge,
    /// The receiver is misconfigured: a bad secret (HTTP 503 at an edge).
    Configuration,
    /// The caller used the API wrongly: unknown provider, wrong argument types.
    Usage,
}

impl Error {
    /// The stable machine-readable code, e.g. `"signature_mismatch"`.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Self::MissingSignature { .. } => "missing_signature",
            Self::MalformedSignature { .. } => "malformed_signature",
            Self::SignatureMismatch => "signature_mismatch",
            Self::TimestampOutOfTolerance => "timestamp_out_of_tolerance",
            Self::TokenExpired => "token_expired",
            Self::TokenNotYetValid => "token_not_yet_valid",
            Self::AlgorithmNotAllowed => "algorithm_not_allowed",
            Self::ClaimMismatch { .. } => "claim_mismatch",
            Self::MalformedPayload { .. } => "malformed_payload",
            Self::BodyTooLarge { .. } => "body_too_large",
            Self::InvalidSecret { .. } => "invalid_secret",
            Self::UnknownProvider => "unknown_provider",
            Self::ProviderNotDetected => "provider_not_detected",
            Self::InvalidArgument { .. } => "invalid_argument",
        }
    }

    /// The broad category of this error.
    #[must_use]
    pub fn category(&self) -> Category {
        match self {
            Self::MissingSignature { .. }
            | Self::MalformedSignature { .. }
            | Self::SignatureMismatch
            | Self::TimestampOutOfTolerance
            | Self::TokenExpired
            | Self::TokenNotYetValid
            | Self::AlgorithmNotAllowed
            | Self::ClaimMismatch { .. }
            | Self::ProviderNotDetected => Category::Authentication,
            Self::MalformedPayload { .. } => Category::Payload,
            Self::BodyTooLarge { .. } => Category::TooLarge,
            Self::InvalidSecret { .. } => Category::Configuration,
            Self::UnknownProvider | Self::InvalidArgument { .. } => Category::Usage,
        }
    }

    /// The HTTP status a receiver should answer the sender with: 401 for authentication
    /// failures, 400 `malformed_payload`, 413 `body_too_large`, 503 for a receiver's bad
    /// secret, 404 `unknown_provider` (the route names no provider), and 500
    /// `invalid_argument` (the receiver's own code passed the wrong input: a 5xx makes the
    /// provider retry once that is fixed, where a 4xx would make it drop the event).
    #[must_use]
    pub fn http_status(&self) -> u16 {
        match self.category() {
            Category::Authentication => 401,
            Category::Payload => 400,
            Category::TooLarge => 413,
            Category::Configuration => 503,
            Category::Usage => match self {
                Self::UnknownProvider => 404,
                _ => 500,
            },
        }
    }

    /// One error of each code (details left empty), in specification order: the table
    /// from which codes are looked up. The match below has no wildcard, so a new variant
    /// that is missing here is a compile error.
    #[cfg_attr(not(feature = "wasm"), allow(dead_code))]
    pub(crate) fn each() -> [Error; 14] {
        let all = [
            Self::MissingSignature { header: "" },
            Self::MalformedSignature {
                header: "",
                reason: "",
            },
            Self::SignatureMismatch,
            Self::TimestampOutOfTolerance,
            Self::TokenExpired,
            Self::TokenNotYetValid,
            Self::AlgorithmNotAllowed,
            Self::ClaimMismatch { claim: "" },
            Self::MalformedPayload { reason: "" },
            Self::BodyTooLarge { limit: 0 },
            Self::InvalidSecret { reason: "" },
            Self::UnknownProvider,
            Self::ProviderNotDetected,
            Self::InvalidArgument {
                message: String::new(),
            },
        ];
        for error in &all {
            match error {
                Self::MissingSignature { .. }
                | Self::MalformedSignature { .. }
                | Self::SignatureMismatch
                | Self::TimestampOutOfTolerance
                | Self::TokenExpired
                | Self::TokenNotYetValid
                | Self::AlgorithmNotAllowed
                | Self::ClaimMismatch { .. }
                | Self::MalformedPayload { .. }
                | Self::BodyTooLarge { .. }
                | Self::InvalidSecret { .. }
                | Self::UnknownProvider
                | Self::ProviderNotDetected
                | Self::InvalidArgument { .. } => {}
            }
        }
        all
    }

    /// The HTTP status for an error code, `None` for a code that is not smshook's.
    #[cfg_attr(not(feature = "wasm"), allow(dead_code))]
    pub(crate) fn http_status_of(code: &str) -> Option<u16> {
        Self::each()
            .iter()
            .find(|e| e.code() == code)
            .map(Error::http_status)
    }

    pub(crate) fn malformed(header: &'static str, reason: &'static str) -> Self {
        Self::MalformedSignature { header, reason }
    }

    pub(crate) fn argument(message: impl Into<String>) -> Self {
        Self::InvalidArgument {
            message: message.into(),
        }
    }

    pub(crate) fn payload(reason: &'static str) -> Self {
        Self::MalformedPayload { reason }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingSignature { header } => write!(f, "missing signature header {header}"),
            Self::MalformedSignature { header, reason } => {
                write!(f, "malformed signature header {header}: {reason}")
            }
            Self::SignatureMismatch => f.write_str("signature does not match"),
            Self::TimestampOutOfTolerance => f.write_str("timestamp outside the tolerance"),
            Self::TokenExpired => f.write_str("token expired"),
            Self::TokenNotYetValid => f.write_str("token not yet valid"),
            Self::AlgorithmNotAllowed => f.write_str("token algorithm not allowed (want HS256)"),
            Self::ClaimMismatch { claim } => write!(f, "token claim {claim} does not match"),
            Self::MalformedPayload { reason } => write!(f, "malformed payload: {reason}"),
            Self::BodyTooLarge { limit } => write!(f, "body larger than {limit} bytes"),
            Self::InvalidSecret { reason } => write!(f, "invalid secret: {reason}"),
            Self::UnknownProvider => f.write_str("unknown provider"),
            Self::ProviderNotDetected => f.write_str("provider not detected from the headers"),
            Self::InvalidArgument { message } => write!(f, "invalid argument: {message}"),
        }
    }
}

impl std::error::Error for Error {}
