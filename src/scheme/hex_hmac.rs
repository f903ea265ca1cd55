//! Hex HMAC-SHA256 of the raw body in one header, after an optional prefix (`sha256=`);
//! optionally a newer timestamped header, `t=<unix s>,v1=<hex HMAC of "<t>.<raw body>">`,
//! which when present is the one checked (with the tolerance on `t`).

use super::hmac::{self, HexSignature};
use super::{required, standard, Context, HeaderName, Signed};
use crate::headers::trimmed;
use crate::{Error, Headers, Secret, SignOptions};

/// The parameters of one provider's hex HMAC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Params {
    /// The signature header.
    pub header: HeaderName,
    /// A required prefix before the hex (matched case-insensitively), e.g. `sha256=`.
    pub prefix: Option<&'static str>,
    /// The shortest secret (UTF-16 code units) the provider lets you sign with; 0 for any.
    pub min_sign_secret: usize,
    /// The timestamped header, when the provider has one.
    pub timestamped: Option<Timestamped>,
}

/// A `t=<unix s>,v1=<hex>` header and the plain timestamp header sent beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Timestamped {
    /// The `t=…,v1=…` header.
    pub header: HeaderName,
    /// The header that repeats `t` (sent by `sign`, never trusted).
    pub timestamp: HeaderName,
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
        if let Some(timestamped) = self.timestamped {
            if let Some(value) = trimmed(headers, timestamped.header.name) {
                return verify_timestamped(timestamped.header.name, value, context, body);
            }
        }
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

    /// The signature header for `body`; with `options.timestamped`, the timestamped
    /// header and its timestamp first.
    pub(crate) fn sign(
        self,
        secret: &str,
        key: &Secret,
        body: &[u8],
        options: &SignOptions,
    ) -> Result<Vec<(&'static str, String)>, Error> {
        if secret.encode_utf16().count() < self.min_sign_secret {
            return Err(Error::InvalidSecret {
                reason: "secret shorter than the provider allows",
            });
        }
        let mut headers = Vec::with_capacity(3);
        if options.timestamped {
            let timestamped = self.timestamped.ok_or_else(|| {
                Error::argument("timestamped: this provider has no timestamped signature")
            })?;
            let t = (options.now_ms / 1000).to_string();
            let v1 = hmac::hex_digest(key, &[t.as_bytes(), b".", body]);
            headers.push((timestamped.header.spelling, format!("t={t},v1={v1}")));
            headers.push((timestamped.timestamp.spelling, t));
        }
        let hex = hmac::hex_digest(key, &[body]);
        headers.push((
            self.header.spelling,
            format!("{}{hex}", self.prefix.unwrap_or("")),
        ));
        Ok(headers)
    }
}

fn strip_prefix_ignore_case<'a>(value: &'a str, prefix: &str) -> Option<&'a str> {
    let head = value.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| value.get(prefix.len()..))
        .flatten()
}

/// Checks `t=<unix s>,v1=<hex>[,v1=<hex>…]`: any `v1` may match, then `t`'s tolerance.
fn verify_timestamped(
    header: &'static str,
    value: &str,
    context: &Context<'_>,
    body: &[u8],
) -> Result<Signed, Error> {
    let mut t = None;
    let mut signatures = Vec::new();
    for entry in value.split(',') {
        match entry.trim().split_once('=') {
            Some(("t", seconds)) => {
                let seconds = seconds.trim();
                t = Some((seconds, standard::parse_timestamp(header, seconds)?));
            }
            Some(("v1", hex)) => signatures.push(HexSignature::parse(header, hex.trim())?),
            _ => {}
        }
    }
    let (seconds, t) = t.ok_or(Error::malformed(header, "no t="))?;
    if signatures.is_empty() {
        return Err(Error::malformed(header, "no v1="));
    }
    let parts: [&[u8]; 3] = [seconds.as_bytes(), b".", body];
    let expected = hmac::Expected::of(context.secrets, &parts);
    let matched = signatures.iter().fold(false, |found, signature| {
        found | matches!(signature, HexSignature::Digest(d) if expected.contains(d))
    });
    if !matched {
        return Err(Error::SignatureMismatch);
    }
    context.signed_at(t)
}
