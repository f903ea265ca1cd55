//! Signing: produce exactly the headers each provider sends, for tests, demos and the
//! Worker's re-signing.

use crate::{Error, Provider, SignOptions};

/// Headers that make a body a valid delivery of one provider.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Signed {
    /// The headers to send with the unchanged body, in the provider's spelling.
    pub headers: Vec<(&'static str, String)>,
}

/// Signs `body` as `provider` would, with `secret` (a `whsec_<base64>` secret for
/// `standard`, the provider's secret text otherwise).
///
/// # Errors
/// [`Error::InvalidSecret`] for an empty secret, a secret shorter than the provider
/// allows (textbee: 20 characters), or a `standard` secret that is not base64.
pub fn sign(
    provider: Provider,
    secret: &str,
    body: &[u8],
    options: &SignOptions,
) -> Result<Signed, Error> {
    let mut headers = vec![("Content-Type", "application/json".to_owned())];
    headers.extend(provider.spec().scheme.sign(secret, body, options)?);
    Ok(Signed { headers })
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
