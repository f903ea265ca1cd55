//! Standard Webhooks `v1`: `webhook-signature: v1,<base64(HMAC(id.timestamp.body))> …`.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;

use super::hmac;
use crate::{Error, Secret};

/// The message id header.
pub const ID: &str = "webhook-id";
/// The timestamp header (unix seconds).
pub const TIMESTAMP: &str = "webhook-timestamp";
/// The signature header: space-separated `v1,<base64>` entries.
pub const SIGNATURE: &str = "webhook-signature";

/// Parses a decimal timestamp header (no sign, no spaces) into an integer.
pub(crate) fn parse_timestamp(header: &'static str, value: &str) -> Result<u64, Error> {
    if value.is_empty() || value.len() > 19 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::malformed(header, "not a decimal timestamp"));
    }
    value
        .parse()
        .map_err(|_| Error::malformed(header, "not a decimal timestamp"))
}

/// Verifies the `webhook-signature` entries against `"<id>.<timestamp>.<body>"`.
///
/// Entries of other versions are ignored; at least one `v1` entry must be readable base64
/// and any one of them matching under any secret is enough.
pub(crate) fn verify(
    secrets: &[Secret],
    id: &str,
    timestamp: &str,
    body: &[u8],
    signature_header: &str,
) -> Result<(), Error> {
    let parts: [&[u8]; 5] = [id.as_bytes(), b".", timestamp.as_bytes(), b".", body];
    let mut readable = false;
    let mut matched = false;
    for entry in signature_header.split(' ').filter(|e| !e.is_empty()) {
        let Some(encoded) = entry.strip_prefix("v1,") else {
            continue;
        };
        let Some(signature) = BASE64.decode(encoded).ok().filter(|s| !s.is_empty()) else {
            continue;
        };
        readable = true;
        matched |= hmac::matches_any(secrets, &parts, &signature);
    }
    match (readable, matched) {
        (_, true) => Ok(()),
        (true, false) => Err(Error::SignatureMismatch),
        (false, _) => Err(Error::malformed(SIGNATURE, "no v1 signature")),
    }
}

/// The `webhook-signature` value for this message.
pub(crate) fn sign(key: &[u8], id: &str, timestamp: u64, body: &[u8]) -> String {
    let timestamp = timestamp.to_string();
    let parts: [&[u8]; 5] = [id.as_bytes(), b".", timestamp.as_bytes(), b".", body];
    format!("v1,{}", BASE64.encode(hmac::digest(key, &parts)))
}
