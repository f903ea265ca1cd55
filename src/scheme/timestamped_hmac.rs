//! Hex HMAC-SHA256 of `"<timestamp>.<raw body>"`, the timestamp (unix ms) in a header.
//! Without that header, the older forms: the raw body alone, or the body's own top-level
//! timestamp number as the signed prefix. Either way the signed time is within tolerance.

use super::hmac::{self, HexSignature};
use super::{derived_id, required, standard, Context, HeaderName, Signed};
use crate::headers::trimmed;
use crate::json;
use crate::{Error, Headers, Secret, SignOptions};

/// The parameters of one provider's timestamped HMAC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Params {
    /// The signature header.
    pub signature: HeaderName,
    /// The timestamp header (unix ms), the signed prefix.
    pub timestamp: HeaderName,
    /// The delivery-id header `sign` sends (not signed, so never the event id).
    pub delivery_id: HeaderName,
    /// The body's top-level timestamp number (ms), which must equal the header's.
    pub body_timestamp: &'static str,
    /// The body's top-level delivery id, which `sign` sends in the delivery-id header.
    pub body_delivery_id: &'static str,
    /// The prefix of delivery ids `sign` derives.
    pub id_prefix: &'static str,
}

impl Params {
    /// Checks the signature and the signed time's tolerance.
    pub(crate) fn verify<H: Headers + ?Sized>(
        self,
        context: &Context<'_>,
        headers: &H,
        body: &[u8],
    ) -> Result<Signed, Error> {
        let header = self.signature.name;
        let signature = HexSignature::parse(header, required(headers, header)?)?;
        let Some(header_ts) = trimmed(headers, self.timestamp.name) else {
            return self.verify_untimed(context, &signature, body);
        };
        let header_ms = standard::parse_timestamp(self.timestamp.name, header_ts)?;
        if !signature.matches(context.secrets, &[header_ts.as_bytes(), b".", body]) {
            return Err(Error::SignatureMismatch);
        }
        let signed = Signed {
            time_ms: Some(header_ms),
            delivery_id: None,
        };
        // Within tolerance, the payload parser checks that the body's timestamp agrees (no
        // second pass over the body here). Outside, a disagreement is reported first.
        if context.check_tolerance(header_ms).is_ok() {
            return Ok(signed);
        }
        if let Some(body_ts) = self.body_timestamp(body) {
            if body_ts.value? != header_ms {
                return Err(Error::payload("timestamp header and body disagree"));
            }
        }
        Err(Error::TimestampOutOfTolerance)
    }

    /// No timestamp header: the body-only form, or the body's timestamp as the prefix.
    fn verify_untimed(
        self,
        context: &Context<'_>,
        signature: &HexSignature,
        body: &[u8],
    ) -> Result<Signed, Error> {
        let secrets = context.secrets;
        let body_ts = self.body_timestamp(body);
        let signed = signature.matches(secrets, &[body])
            || body_ts
                .as_ref()
                .is_some_and(|ts| signature.matches(secrets, &[ts.token.as_bytes(), b".", body]));
        if !signed {
            return Err(Error::SignatureMismatch);
        }
        let time_ms = body_ts.map(|ts| ts.value).transpose()?;
        if let Some(ms) = time_ms {
            context.check_tolerance(ms)?;
        }
        Ok(Signed {
            time_ms,
            delivery_id: None,
        })
    }

    /// The body's timestamp number: its exact token (for the signed bytes) and its value.
    fn body_timestamp(self, body: &[u8]) -> Option<BodyTimestamp<'_>> {
        let text = core::str::from_utf8(body).ok()?;
        let token = json::object(text).ok()?.get(self.body_timestamp)?;
        let value =
            json::unsigned(Some(token)).ok_or(Error::payload("body timestamp is not an integer"));
        Some(BodyTimestamp { token, value })
    }

    /// The three headers, as the provider sends them: the body's timestamp (else now) as
    /// the signed prefix, and the id from the options, the body, or derived.
    pub(crate) fn sign(
        self,
        key: &Secret,
        body: &[u8],
        options: &SignOptions,
    ) -> Vec<(&'static str, String)> {
        let fields = core::str::from_utf8(body)
            .ok()
            .and_then(|text| json::object(text).ok());
        let field = |name| fields.as_ref().and_then(|f| f.get(name));
        let body_ts = field(self.body_timestamp).filter(|t| json::unsigned(Some(t)).is_some());
        let ts = body_ts.map_or_else(|| options.now_ms.to_string(), str::to_owned);
        let id = options
            .id
            .clone()
            .or_else(|| json::text(field(self.body_delivery_id)))
            .unwrap_or_else(|| derived_id(self.id_prefix, &ts, body));
        let hex = hmac::hex_digest(key, &[ts.as_bytes(), b".", body]);
        vec![
            (self.signature.spelling, hex),
            (self.timestamp.spelling, ts),
            (self.delivery_id.spelling, id),
        ]
    }
}

/// A body's timestamp: the token as sent, and its value (or why it is not one).
struct BodyTimestamp<'a> {
    token: &'a str,
    value: Result<u64, Error>,
}
