//! HMAC-SHA256 over byte parts, compared in constant time (`Mac::verify_slice`).

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::{Error, Secret};

type HmacSha256 = Hmac<Sha256>;

/// A MAC keyed with `key` over the concatenation of `parts`.
fn mac(key: &[u8], parts: &[&[u8]]) -> HmacSha256 {
    // HMAC accepts keys of any length, so this cannot fail; an empty MAC over an empty
    // key would only be reached with an empty key, which `Secret` forbids.
    let mut mac = <HmacSha256 as KeyInit>::new_from_slice(key)
        .unwrap_or_else(|_| <HmacSha256 as KeyInit>::new(&Default::default()));
    for part in parts {
        mac.update(part);
    }
    mac
}

/// The raw 32-byte HMAC-SHA256 of the concatenated parts.
pub(crate) fn digest(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    mac(key, parts).finalize().into_bytes().into()
}

/// The lowercase hex HMAC-SHA256 of the concatenated parts.
pub(crate) fn hex_digest(key: &[u8], parts: &[&[u8]]) -> String {
    hex::encode(digest(key, parts))
}

/// Whether `signature` is the HMAC of the parts under any of the secrets. Every secret is
/// tried, so neither the outcome nor the time depends on the order of the list.
pub(crate) fn matches_any(secrets: &[Secret], parts: &[&[u8]], signature: &[u8]) -> bool {
    secrets.iter().fold(false, |found, secret| {
        let ok = mac(secret.expose(), parts).verify_slice(signature).is_ok();
        found | ok
    })
}

/// A decoded hex signature: exactly 32 bytes, or well-formed hex of another length
/// (which can only mismatch).
#[derive(Debug)]
pub(crate) enum HexSignature {
    /// 64 hex digits.
    Digest([u8; 32]),
    /// Valid hex of the wrong length.
    WrongLength,
}

impl HexSignature {
    /// Decodes hex case-insensitively; `header` names the header in errors.
    pub(crate) fn parse(header: &'static str, value: &str) -> Result<Self, Error> {
        if value.is_empty() {
            return Err(Error::malformed(header, "empty"));
        }
        if !value.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Error::malformed(header, "not hex"));
        }
        if value.len() % 2 != 0 {
            return Err(Error::malformed(header, "odd number of hex digits"));
        }
        let mut out = [0u8; 32];
        match hex::decode_to_slice(value, &mut out) {
            Ok(()) => Ok(Self::Digest(out)),
            Err(_) => Ok(Self::WrongLength),
        }
    }

    /// Whether it is the HMAC of the parts under any secret.
    pub(crate) fn matches(&self, secrets: &[Secret], parts: &[&[u8]]) -> bool {
        match self {
            Self::Digest(sig) => matches_any(secrets, parts, sig),
            Self::WrongLength => false,
        }
    }
}
