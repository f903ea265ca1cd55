//! Base64 HMAC-SHA256 of `"<raw body>.<nonce>.<timestamp>"`, the nonce, the timestamp
//! (unix seconds) and the algorithm name in headers of their own; the timestamp within
//! the tolerance.

use super::{derived_id, encode_base64, hmac, required, standard, Context, HeaderName, Signed};
use crate::headers::trimmed;
use crate::{Error, Headers, Secret, SignOptions};

/// The parameters of one provider's nonce HMAC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Params {
    /// The signature header.
    pub signature: HeaderName,
    /// The nonce header.
    pub nonce: HeaderName,
    /// The timestamp header (unix seconds).
    pub timestamp: HeaderName,
    /// The algorithm header, and the one name it may hold (absent means that one).
    pub algorithm: HeaderName,
    /// The algorithm's name as the provider writes it.
    pub algorithm_name: &'static str,
}

impl Params {
    /// Checks the signature, then the timestamp's tolerance.
    pub(crate) fn verify<H: Headers + ?Sized>(
        self,
        context: &Context<'_>,
        headers: &H,
        body: &[u8],
    ) -> Result<Signed, Error> {
        let header = self.signature.name;
        let signature = super::base64_signature(header, required(headers, header)?)?;
        let nonce = required(headers, self.nonce.name)?;
        if nonce.is_empty() {
            return Err(Error::malformed(self.nonce.name, "empty"));
        }
        let timestamp = required(headers, self.timestamp.name)?;
        if let Some(algorithm) = trimmed(headers, self.algorithm.name) {
            if algorithm != self.algorithm_name {
                return Err(Error::malformed(self.algorithm.name, "unknown algorithm"));
            }
        }
        let seconds = standard::parse_timestamp(self.timestamp.name, timestamp)?;
        let parts: [&[u8]; 5] = [body, b".", nonce.as_bytes(), b".", timestamp.as_bytes()];
        if !hmac::matches_any(context.secrets, &parts, &signature) {
            return Err(Error::SignatureMismatch);
        }
        context.signed_at(seconds)
    }

    /// The four headers: signature, nonce (from the options, else derived), timestamp
    /// (now) and algorithm.
    pub(crate) fn sign(
        self,
        key: &Secret,
        body: &[u8],
        options: &SignOptions,
    ) -> Vec<(&'static str, String)> {
        let timestamp = (options.now_ms / 1000).to_string();
        let nonce = options
            .nonce
            .clone()
            .unwrap_or_else(|| derived_id("", &timestamp, body));
        let parts: [&[u8]; 5] = [body, b".", nonce.as_bytes(), b".", timestamp.as_bytes()];
        let signature = encode_base64(&hmac::digest(key, &parts));
        vec![
            (self.signature.spelling, signature),
            (self.nonce.spelling, nonce),
            (self.timestamp.spelling, timestamp),
            (self.algorithm.spelling, self.algorithm_name.to_owned()),
        ]
    }
}
