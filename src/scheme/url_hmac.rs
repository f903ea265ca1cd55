//! Base64 HMAC-SHA1 (or HMAC-SHA256 when a settings header says so) over the request URL
//! followed by every form parameter as `namevalue`, names sorted; a JSON body instead is
//! bound by a `bodySHA256` query parameter of the signed URL.

use ::hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

use super::{base64_signature, hmac, required, Context, HeaderName, Signed};
use crate::form;
use crate::headers::trimmed;
use crate::request_url::RequestUrl;
use crate::{Error, Headers, Secret, SignOptions};

/// The parameters of one provider's URL HMAC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Params {
    /// The signature header.
    pub header: HeaderName,
    /// The header naming the algorithm (`key=…,algorithm=HMAC_SHA256`), when sent.
    pub settings: &'static str,
    /// The query parameter that carries the hex SHA-256 of a JSON body.
    pub body_hash_param: &'static str,
}

/// The MAC the signature is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Algorithm {
    Sha1,
    Sha256,
}

impl Params {
    /// Whether the body is form parameters (else JSON, bound by the URL's body hash).
    pub(crate) fn form_body(self, url: Option<&str>) -> bool {
        url.and_then(|url| RequestUrl::parse(url).ok())
            .and_then(|url| url.query_param(self.body_hash_param))
            .is_none()
    }

    /// Checks the signature against the URL (as given, then with the default port added
    /// or removed) and the parameters or the body hash.
    pub(crate) fn verify<H: Headers + ?Sized>(
        self,
        context: &Context<'_>,
        headers: &H,
        body: &[u8],
    ) -> Result<Signed, Error> {
        let header = self.header.name;
        let signature = base64_signature(header, required(headers, header)?)?;
        let algorithm = self.algorithm(headers)?;
        let url = RequestUrl::parse(context.signed_url()?)?;
        let params = match url.query_param(self.body_hash_param) {
            Some(hash) => {
                let hash = hex::decode(hash)
                    .map_err(|_| Error::malformed(header, "the url's body hash is not hex"))?;
                // The hash is public (it is in the URL): a plain comparison leaks nothing.
                if hash.as_slice() != super::hmac::sha256(body).as_slice() {
                    return Err(Error::SignatureMismatch);
                }
                String::new()
            }
            None => sorted_params(context.form.unwrap_or_default()),
        };
        let matched = url.port_variants().iter().flatten().any(|candidate| {
            let parts: [&[u8]; 2] = [candidate.as_bytes(), params.as_bytes()];
            match algorithm {
                Algorithm::Sha1 => sha1_matches(context.secrets, &parts, &signature),
                Algorithm::Sha256 => hmac::matches_any(context.secrets, &parts, &signature),
            }
        });
        if matched {
            Ok(Signed::default())
        } else {
            Err(Error::SignatureMismatch)
        }
    }

    fn algorithm<H: Headers + ?Sized>(self, headers: &H) -> Result<Algorithm, Error> {
        let Some(settings) = trimmed(headers, self.settings) else {
            return Ok(Algorithm::Sha1);
        };
        let algorithm = settings
            .split(',')
            .filter_map(|entry| entry.trim().split_once('='))
            .find(|(key, _)| key.trim() == "algorithm")
            .map(|(_, value)| value.trim());
        match algorithm {
            None | Some("HMAC_SHA1") => Ok(Algorithm::Sha1),
            Some("HMAC_SHA256") => Ok(Algorithm::Sha256),
            Some(_) => Err(Error::malformed(self.settings, "unknown algorithm")),
        }
    }

    /// The signature header (HMAC-SHA1) and the URL to post to: for a JSON body (one that
    /// starts with `{`), the URL with the body hash appended (so the URL given must not
    /// carry one); otherwise the form's parameters are signed.
    pub(crate) fn sign(
        self,
        key: &Secret,
        body: &[u8],
        options: &SignOptions,
    ) -> Result<(super::SignedHeaders, String), Error> {
        let url = options.url.as_deref().ok_or_else(url_required)?;
        if RequestUrl::parse(url)?
            .query_param(self.body_hash_param)
            .is_some()
        {
            return Err(Error::argument(format!(
                "url must not carry {}: sign adds it for a JSON body",
                self.body_hash_param
            )));
        }
        let (url, params) = if body.first() == Some(&b'{') {
            let separator = if url.contains('?') { '&' } else { '?' };
            let hash = hex::encode(super::hmac::sha256(body));
            (
                format!("{url}{separator}{}={hash}", self.body_hash_param),
                String::new(),
            )
        } else {
            (url.to_owned(), sorted_params(&sign_form(body)?))
        };
        let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(key.expose()).map_err(|_| {
            Error::InvalidSecret {
                reason: "key refused by HMAC-SHA1",
            }
        })?;
        mac.update(url.as_bytes());
        mac.update(params.as_bytes());
        let signature = super::encode_base64(&mac.finalize().into_bytes());
        Ok((vec![(self.header.spelling, signature)], url))
    }
}

/// The form body `sign` was given, decoded; `invalid_argument` when it is not a form.
pub(crate) fn sign_form(body: &[u8]) -> Result<form::Pairs<'_>, Error> {
    form::decode(body).map_err(|_| {
        Error::argument(
            "body must be form-encoded (application/x-www-form-urlencoded) or a JSON object",
        )
    })
}

/// `sign` for a URL-signing provider without a URL.
pub(crate) fn url_required() -> Error {
    Error::argument("this provider signs the request URL: pass url")
}

/// Every parameter as `namevalue`, sorted by name and then value (UTF-16 code units, as
/// the provider's JavaScript SDK sorts), a repeated pair written once.
fn sorted_params(pairs: &[form::Pair<'_>]) -> String {
    let mut sorted = form::sorted(pairs);
    sorted.dedup();
    let mut out = String::new();
    for (name, value) in sorted {
        out.push_str(name);
        out.push_str(value);
    }
    out
}

/// Whether `signature` is the HMAC-SHA1 of the parts under any secret (each compared in
/// constant time by `verify_slice`; every secret is tried).
fn sha1_matches(secrets: &[Secret], parts: &[&[u8]], signature: &[u8]) -> bool {
    secrets.iter().fold(false, |found, secret| {
        let Ok(mut mac) = <Hmac<Sha1> as KeyInit>::new_from_slice(secret.expose()) else {
            return found;
        };
        for part in parts {
            mac.update(part);
        }
        found | mac.verify_slice(signature).is_ok()
    })
}
