//! Hex HMAC-SHA256 of the raw body in one header, after an optional prefix (`sha256=`).

use super::hmac::{self, HexSignature};
use super::{required, Context, HeaderName, Signed};
use crate::{Error, Headers, Secret};

/// The parameters of one provider's hex HMAC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Params {
    /// The signature header.
    pub header: HeaderName,
    /// A required prefix before the hex (matched case-insensitively), e.g. `sha256=`.
    pub prefix: Option<&'static str>,
    /// The shortest secret (UTF-16 code units) the provider lets you sign with; 0 for any.
    pub min_sign_secret: usize,
}

impl Params {
    /// The scheme's short name.
    pub(crate) fn name(self) -> &'static str {
        match self.prefix {
            None => "hmac-sha256-hex",
            Some(_) => "hmac-sha256-hex-prefixed",
        }
    }

    /// Checks the header against the raw body.
    pub(crate) fn verify<H: Headers + ?Sized>(
        self,
        context: &Context<'_>,
        headers: &H,
        body: &[u8],
    ) -> Result<Signed, Error> {
        let header = self.header.name;
        let value = required(headers, header)?;
        let hex = match self.prefix {
            None => value,
            Some(prefix) => strip_prefix_ignore_case(value, prefix)
                .ok_or(Error::malformed(header, "missing sha256= prefix"))?,
        };
        if HexSignature::parse(header, hex)?.matches(context.secrets, &[body]) {
            Ok(Signed::default())
        } else {
            Err(Error::SignatureMismatch)
        }
    }

    /// The signature header for `body`.
    pub(crate) fn sign(
        self,
        secret: &str,
        key: &Secret,
        body: &[u8],
    ) -> Result<Vec<(&'static str, String)>, Error> {
        if secret.encode_utf16().count() < self.min_sign_secret {
            return Err(Error::InvalidSecret {
                reason: "secret shorter than the provider allows",
            });
        }
        let hex = hmac::hex_digest(key, &[body]);
        Ok(vec![(
            self.header.spelling,
            format!("{}{hex}", self.prefix.unwrap_or("")),
        )])
    }
}

fn strip_prefix_ignore_case<'a>(value: &'a str, prefix: &str) -> Option<&'a str> {
    let head = value.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| value.get(prefix.len()..))
        .flatten()
}
