//! Ed25519 over `"<timestamp><separator><raw body>"` (strict verification: canonical
//! signatures, no small-order keys), the timestamp (unix seconds) in a header and within
//! the tolerance. The verifying secret is the public key; `sign` takes the private seed.

use ed25519_dalek::{Signature, Signer as _, SigningKey};

use super::{encode_base64, required, standard, Context, HeaderName, Signed};
use crate::secret::decode_base64;
use crate::{Error, Headers, SignOptions};

/// The parameters of one provider's Ed25519 signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Params {
    /// The signature header (base64 of 64 bytes).
    pub signature: HeaderName,
    /// The timestamp header (unix seconds).
    pub timestamp: HeaderName,
    /// The byte between the timestamp and the body.
    pub separator: u8,
}

impl Params {
    /// The signed bytes: the timestamp, the separator, the body.
    fn message(self, timestamp: &str, body: &[u8]) -> Vec<u8> {
        let mut message = Vec::with_capacity(timestamp.len() + 1 + body.len());
        message.extend_from_slice(timestamp.as_bytes());
        message.push(self.separator);
        message.extend_from_slice(body);
        message
    }

    /// Checks the signature with every public key, then the timestamp's tolerance.
    pub(crate) fn verify<H: Headers + ?Sized>(
        self,
        context: &Context<'_>,
        headers: &H,
        body: &[u8],
    ) -> Result<Signed, Error> {
        let header = self.signature.name;
        let bytes = super::base64_signature(header, required(headers, header)?)?;
        let signature = <[u8; 64]>::try_from(bytes.as_slice())
            .map(|bytes| Signature::from_bytes(&bytes))
            .map_err(|_| Error::malformed(header, "not 64 bytes"))?;
        let timestamp = required(headers, self.timestamp.name)?;
        let seconds = standard::parse_timestamp(self.timestamp.name, timestamp)?;
        let message = self.message(timestamp, body);
        let mut matched = false;
        for secret in context.secrets {
            let key = secret.public_key().ok_or(Error::InvalidSecret {
                reason: "not an Ed25519 public key",
            })?;
            matched |= key.verify_strict(&message, &signature).is_ok();
        }
        if !matched {
            return Err(Error::SignatureMismatch);
        }
        context.signed_at(seconds)
    }

    /// The signature and timestamp headers, signed with the private key: `seed` is the
    /// base64 of its 32-byte seed.
    pub(crate) fn sign(
        self,
        seed: &str,
        body: &[u8],
        options: &SignOptions,
    ) -> Result<Vec<(&'static str, String)>, Error> {
        let seed: [u8; 32] = decode_base64(seed.trim())
            .and_then(|bytes| bytes.try_into().ok())
            .ok_or(Error::InvalidSecret {
                reason: "signing key is not base64 of a 32-byte Ed25519 seed",
            })?;
        let key = SigningKey::from_bytes(&seed);
        let timestamp = (options.now_ms / 1000).to_string();
        let message = self.message(&timestamp, body);
        let signature = encode_base64(&key.sign(&message).to_bytes());
        Ok(vec![
            (self.signature.spelling, signature),
            (self.timestamp.spelling, timestamp),
        ])
    }
}
