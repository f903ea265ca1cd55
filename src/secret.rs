//! Secrets: key bytes whose `Debug` output is redacted, keyed for HMAC once.

use core::fmt;

use crate::scheme::hmac::Keyed;
use crate::Error;

/// One webhook signing key. `Debug` prints `Secret([REDACTED])`; there is no `==` (a
/// comparison of key bytes would not be constant time).
///
/// For every provider but `standard` the key is the UTF-8 bytes of the secret exactly as
/// the provider shows it; [`Secret::standard`] decodes a Standard Webhooks `whsec_<base64>`
/// secret. The HMAC key schedule is computed here, once, so that a key that cannot be
/// used is refused when the secret is made, never replaced by a default later.
///
/// ```compile_fail
/// // Secrets cannot be compared with `==`.
/// let key = smshook::Secret::from_bytes("k")?;
/// let same = key == key.clone();
/// # Ok::<(), smshook::Error>(())
/// ```
#[derive(Clone)]
pub struct Secret {
    bytes: Vec<u8>,
    keyed: Keyed,
    /// The decoded Ed25519 public key, for secrets made by [`Secret::ed25519_public`].
    public: Option<ed25519_dalek::VerifyingKey>,
}

impl Secret {
    /// A key made of these bytes.
    ///
    /// # Errors
    /// [`Error::InvalidSecret`] when `key` is empty.
    pub fn from_bytes(key: impl Into<Vec<u8>>) -> Result<Self, Error> {
        let bytes = key.into();
        if bytes.is_empty() {
            return Err(Error::InvalidSecret {
                reason: "empty secret",
            });
        }
        let keyed = Keyed::new(&bytes).ok_or(Error::InvalidSecret {
            reason: "key refused by HMAC-SHA256",
        })?;
        Ok(Self {
            bytes,
            keyed,
            public: None,
        })
    }

    /// An Ed25519 public key given as the base64 of its 32 bytes (how Telnyx shows it).
    ///
    /// # Errors
    /// [`Error::InvalidSecret`] when it is not standard base64 of 32 bytes, not a point of
    /// the curve, or a point of small order (which would accept forged signatures).
    pub fn ed25519_public(secret: &str) -> Result<Self, Error> {
        let invalid = |reason| Error::InvalidSecret { reason };
        let bytes: [u8; 32] = decode_base64(secret.trim())
            .ok_or(invalid("public key is not base64"))?
            .try_into()
            .map_err(|_| invalid("public key is not 32 bytes"))?;
        let key = ed25519_dalek::VerifyingKey::from_bytes(&bytes)
            .map_err(|_| invalid("public key is not a curve point"))?;
        if key.is_weak() {
            return Err(invalid("public key has small order"));
        }
        let mut secret = Self::from_bytes(bytes.to_vec())?;
        secret.public = Some(key);
        Ok(secret)
    }

    /// The key of a Standard Webhooks secret: the base64 after an optional `whsec_` prefix.
    ///
    /// # Errors
    /// [`Error::InvalidSecret`] when the secret is empty or not base64.
    pub fn standard(secret: &str) -> Result<Self, Error> {
        let encoded = secret.strip_prefix("whsec_").unwrap_or(secret);
        let key = decode_base64(encoded).ok_or(Error::InvalidSecret {
            reason: "standard secret is not whsec_<base64>",
        })?;
        Self::from_bytes(key)
    }

    /// The key bytes.
    #[must_use]
    pub fn expose(&self) -> &[u8] {
        &self.bytes
    }

    /// The HMAC-SHA256 state keyed with this secret.
    pub(crate) fn keyed(&self) -> &Keyed {
        &self.keyed
    }

    /// The Ed25519 public key, when this secret is one.
    pub(crate) fn public_key(&self) -> Option<&ed25519_dalek::VerifyingKey> {
        self.public.as_ref()
    }
}

/// Standard padded base64.
pub(crate) fn decode_base64(text: &str) -> Option<Vec<u8>> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(text).ok()
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([REDACTED])")
    }
}
