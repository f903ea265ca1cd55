//! HMAC-SHA256 over byte parts, compared in constant time (`Mac::verify_slice` and
//! `CtOutput`'s constant-time `==`).

use hmac::digest::CtOutput;
use hmac::{Hmac, KeyInit, Mac as _};
use sha2::Sha256;

use crate::{Error, Secret};

type HmacSha256 = Hmac<Sha256>;

/// An HMAC-SHA256 state keyed once (the key schedule done), cloned for each message.
#[derive(Clone)]
pub(crate) struct Keyed(HmacSha256);

impl Keyed {
    /// The state for `key`; `None` only if the HMAC implementation refused the key (HMAC
    /// accepts every length, so this is a loud failure path that should never run).
    pub(crate) fn new(key: &[u8]) -> Option<Self> {
        <HmacSha256 as KeyInit>::new_from_slice(key).ok().map(Self)
    }

    /// The MAC of the concatenated parts. One function for every caller, kept out of
    /// line: inlined, SHA-256's finalization would be copied into each (about 13 KB of
    /// wasm at opt-level 3).
    #[inline(never)]
    fn tag(&self, parts: &[&[u8]]) -> CtOutput<HmacSha256> {
        #[cfg(test)]
        MACS.with(|count| count.set(count.get() + 1));
        let mut mac = self.0.clone();
        for part in parts {
            mac.update(part);
        }
        mac.finalize()
    }
}

#[cfg(test)]
thread_local! {
    /// How many MACs this thread has computed (unit tests bound the work per delivery).
    pub(crate) static MACS: core::cell::Cell<usize> = const { core::cell::Cell::new(0) };
}

/// The HMAC of the parts under `secret`: the host's own HMAC-SHA256 when the JS layer
/// installed one (node:crypto; `src/wasm/host.rs`), else this crate's. Either way the
/// comparison that follows is this crate's, in constant time.
fn mac(secret: &Secret, parts: &[&[u8]]) -> CtOutput<HmacSha256> {
    #[cfg(feature = "wasm")]
    if let Some(tag) = crate::wasm::host::hmac_sha256(secret.expose(), parts) {
        return CtOutput::new(tag.into());
    }
    secret.keyed().tag(parts)
}

/// The SHA-256 of `data`: the host's when installed (as for [`mac`]), else this crate's.
pub(crate) fn sha256(data: &[u8]) -> [u8; 32] {
    #[cfg(feature = "wasm")]
    if let Some(hash) = crate::wasm::host::sha256(data) {
        return hash;
    }
    sha256_here(data)
}

/// This crate's SHA-256, kept out of line (one copy of the compression function's caller).
#[inline(never)]
fn sha256_here(data: &[u8]) -> [u8; 32] {
    use sha2::Digest as _;
    Sha256::digest(data).into()
}

/// The raw 32-byte HMAC-SHA256 of the concatenated parts.
pub(crate) fn digest(secret: &Secret, parts: &[&[u8]]) -> [u8; 32] {
    mac(secret, parts).into_bytes().into()
}

/// The lowercase hex HMAC-SHA256 of the concatenated parts.
pub(crate) fn hex_digest(secret: &Secret, parts: &[&[u8]]) -> String {
    hex::encode(digest(secret, parts))
}

/// Whether `signature` is the HMAC of the parts under any of the secrets. Every secret is
/// tried, so neither the outcome nor the time depends on the order of the list.
pub(crate) fn matches_any(secrets: &[Secret], parts: &[&[u8]], signature: &[u8]) -> bool {
    // Only 32 bytes can be an HMAC-SHA256; the length is not secret.
    <&[u8; 32]>::try_from(signature)
        .is_ok_and(|signature| Expected::of(secrets, parts).contains(signature))
}

/// The expected MACs of one message, one per secret, computed once so that any number of
/// candidate signatures costs one HMAC per secret, not one per candidate.
pub(crate) struct Expected(Vec<CtOutput<HmacSha256>>);

impl Expected {
    /// The MAC of the concatenated parts under each secret.
    pub(crate) fn of(secrets: &[Secret], parts: &[&[u8]]) -> Self {
        Self(secrets.iter().map(|secret| mac(secret, parts)).collect())
    }

    /// Whether `candidate` (a decoded 32-byte signature) equals any expected MAC, compared
    /// in constant time against every one.
    pub(crate) fn contains(&self, candidate: &[u8; 32]) -> bool {
        let candidate = CtOutput::<HmacSha256>::new((*candidate).into());
        self.0
            .iter()
            .fold(false, |found, expected| found | (*expected == candidate))
    }
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

#[cfg(test)]
#[allow(clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn expected_macs_match_only_the_right_signature() {
        let secrets = ["old", "new"].map(|s| Secret::from_bytes(s).expect("secret"));
        let right = digest(&secrets[1], &[b"a.", b"b"]);
        let expected = Expected::of(&secrets, &[b"a.b"]);
        assert!(expected.contains(&right));
        let mut wrong = right;
        wrong[31] ^= 1;
        assert!(!expected.contains(&wrong));
        assert!(matches_any(&secrets, &[b"a", b".b"], &right));
        assert!(!matches_any(&secrets, &[b"a.b"], &wrong));
    }
}
