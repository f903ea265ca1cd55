//! Signing: produce exactly the headers each provider sends, for tests, demos and the
//! Worker's re-signing.

use crate::{Error, Provider, SignOptions};

/// Headers that make a body a valid delivery of one provider.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Signed {
    /// The headers to send with the unchanged body, in the provider's spelling.
    pub headers: Vec<(&'static str, String)>,
    /// For providers that sign the request URL: the URL to post to (a Twilio JSON body
    /// adds `bodySHA256` to the one given).
    pub url: Option<String>,
}

/// Signs `body` as `provider` would, with `secret` (a `whsec_<base64>` secret for
/// `standard`; for `telnyx` the base64 of the 32-byte Ed25519 private seed, where verify
/// takes the public key; the provider's secret text otherwise).
///
/// # Errors
/// [`Error::InvalidSecret`] for an empty secret, a secret shorter than the provider
/// allows (textbee: 20 characters), or a `standard` or `telnyx` secret that does not
/// decode; [`Error::InvalidArgument`] without `options.url` for Twilio and Plivo, or for
/// a form body that does not decode.
pub fn sign(
    provider: Provider,
    secret: &str,
    body: &[u8],
    options: &SignOptions,
) -> Result<Signed, Error> {
    let scheme = provider.spec().scheme;
    let content_type = if scheme.form_body(options.url.as_deref()) && body.first() != Some(&b'{') {
        "application/x-www-form-urlencoded"
    } else {
        "application/json"
    };
    let mut headers = vec![("Content-Type", content_type.to_owned())];
    let (signature, url) = scheme.sign(secret, body, options)?;
    headers.extend(signature);
    Ok(Signed { headers, url })
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;

    use super::*;

    /// The claims JSON of the token `sign` puts in `Authorization`.
    fn claims(options: &SignOptions) -> String {
        let signed = sign(Provider::Httpsms, "k", br#"{"type":"t"}"#, options).expect("sign");
        let (_, auth) = signed
            .headers
            .iter()
            .find(|(name, _)| *name == "Authorization")
            .expect("authorization");
        let token = auth.strip_prefix("Bearer ").expect("bearer");
        let claims = token.split('.').nth(1).expect("claims segment");
        String::from_utf8(URL_SAFE_NO_PAD.decode(claims).expect("base64url")).expect("utf-8")
    }

    #[test]
    fn httpsms_tokens_always_carry_sub() {
        let mut options = SignOptions::at(1_767_225_600_000);
        assert!(claims(&options)
            .starts_with(r#"{"iss":"api.httpsms.com","sub":"smshook-placeholder-user","exp":"#));
        options.subject = Some("XtABz6zdeFMoBLoltz6SREDvRSh2".into());
        assert!(claims(&options).contains(r#","sub":"XtABz6zdeFMoBLoltz6SREDvRSh2","#));
    }
}
