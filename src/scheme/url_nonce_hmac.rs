//! Base64 HMAC-SHA256 over the request URL (its query sorted), the form parameters as
//! `namevalue` sorted by name, and a nonce from a header; the signature header may list
//! several signatures, any of which may match.

use super::url_hmac::url_required;
use super::{derived_id, encode_base64, hmac, required, Context, HeaderName, Signed};
use crate::form;
use crate::request_url::RequestUrl;
use crate::{Error, Headers, Secret, SignOptions};

/// Signature lists longer than this are refused unread (a real header holds one or two).
const MAX_SIGNATURES: usize = 64;

/// The parameters of one provider's URL-and-nonce HMAC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Params {
    /// The signature header (a comma-separated list).
    pub signature: HeaderName,
    /// The nonce header.
    pub nonce: HeaderName,
}

impl Params {
    /// Checks the signature list: one MAC per secret, however many entries the list has.
    pub(crate) fn verify<H: Headers + ?Sized>(
        self,
        context: &Context<'_>,
        headers: &H,
    ) -> Result<Signed, Error> {
        let header = self.signature.name;
        let list = required(headers, header)?;
        let nonce = required(headers, self.nonce.name)?;
        if nonce.is_empty() {
            return Err(Error::malformed(self.nonce.name, "empty"));
        }
        let raw: Vec<&str> = list.split(',').take(MAX_SIGNATURES + 1).collect();
        if raw.len() > MAX_SIGNATURES {
            return Err(Error::malformed(header, "too many signatures"));
        }
        // Unreadable entries are skipped; a list with no readable entry is malformed.
        let decoded: Vec<Vec<u8>> = raw
            .iter()
            .map(|entry| entry.trim())
            .filter(|entry| !entry.is_empty())
            .filter_map(super::decode_base64)
            .collect();
        if decoded.is_empty() {
            return Err(Error::malformed(header, "no entry is base64"));
        }
        let entries: Vec<[u8; 32]> = decoded
            .into_iter()
            .filter_map(|bytes| <[u8; 32]>::try_from(bytes).ok())
            .collect();
        let url = RequestUrl::parse(context.signed_url()?)?;
        let signed = signed_string(&url, context.form.unwrap_or_default(), nonce)?;
        let expected = hmac::Expected::of(context.secrets, &[signed.as_bytes()]);
        let found = entries
            .iter()
            .fold(false, |found, entry| found | expected.contains(entry));
        if found {
            Ok(Signed::default())
        } else {
            Err(Error::SignatureMismatch)
        }
    }

    /// The signature and nonce headers for a form body posted to `options.url`.
    pub(crate) fn sign(
        self,
        key: &Secret,
        body: &[u8],
        options: &SignOptions,
    ) -> Result<(super::SignedHeaders, String), Error> {
        let url = options.url.as_deref().ok_or_else(url_required)?;
        let parsed = RequestUrl::parse(url)?;
        let nonce = options
            .nonce
            .clone()
            .unwrap_or_else(|| derived_id("", &options.now_ms.to_string(), body));
        let signed = signed_string(&parsed, &super::url_hmac::sign_form(body)?, &nonce)?;
        let signature = encode_base64(&hmac::digest(key, &[signed.as_bytes()]));
        Ok((
            vec![
                (self.signature.spelling, signature),
                (self.nonce.spelling, nonce),
            ],
            url.to_owned(),
        ))
    }
}

/// The signed string: the URL without its query; `?` and the query's decoded `name=value`
/// pairs sorted and joined with `&` when it has one; then `.` (after a query) or `?`
/// (without one) and each form parameter as `namevalue`, sorted, when there are any; then
/// `.` and the nonce.
fn signed_string(
    url: &RequestUrl<'_>,
    params: &[form::Pair<'_>],
    nonce: &str,
) -> Result<String, Error> {
    let mut out = String::from(url.without_query());
    let query = form::decode_query(url.query.unwrap_or_default())?;
    if !query.is_empty() {
        out.push('?');
        for (i, (name, value)) in form::sorted(&query).into_iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            out.push_str(name);
            out.push('=');
            out.push_str(value);
        }
    }
    if !params.is_empty() {
        out.push(if query.is_empty() { '?' } else { '.' });
        for (name, value) in form::sorted(params) {
            out.push_str(name);
            out.push_str(value);
        }
    }
    out.push('.');
    out.push_str(nonce);
    Ok(out)
}
