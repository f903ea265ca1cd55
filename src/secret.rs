//! Secrets: key bytes whose `Debug` output is redacted.

use core::fmt;

use crate::Error;

/// One webhook signing key, as bytes. `Debug` prints `Secret([REDACTED])`.
///
/// For every provider but `standard` the key is the UTF-8 bytes of the secret exactly as
/// the provider shows it; [`Secret::standard`] decodes a Standard Webhooks `whsec_<base64>`
/// secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Vec<u8>);

impl Secret {
    /// A key made of these bytes.
    ///
    /// # Errors
    /// [`Error::InvalidSecret`] when `key` is empty.
    pub fn from_bytes(key: impl Into<Vec<u8>>) -> Result<Self, Error> {
        let key = key.into();
        if key.is_empty() {
            return Err(Error::InvalidSecret {
                reason: "empty secret",
            });
        }
        Ok(Self(key))
    }

    /// The key of a Standard Webhooks secret: the base64 after an optional `whsec_` prefix.
    ///
    /// # Errors
    /// [`Error::InvalidSecret`] when the secret is empty or not base64.
    pub fn standard(secret: &str) -> Result<Self, Error> {
        use base64::Engine as _;
        let encoded = secret.strip_prefix("whsec_").unwrap_or(secret);
        let key = base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .map_err(|_| Error::InvalidSecret {
                reason: "standard secret is not whsec_<base64>",
            })?;
        Self::from_bytes(key)
    }

    /// The key bytes.
    #[must_use]
    pub fn expose(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([REDACTED])")
    }
}
