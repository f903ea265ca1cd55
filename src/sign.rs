//! Signing: produce exactly the headers each provider sends, for tests, demos and the
//! Worker's re-signing.

use crate::json;
use crate::provider::body_hash;
use crate::scheme::{hmac, jwt, standard, Scheme};
use crate::{Error, Provider, Secret, SignOptions};

/// Headers that make a body a valid delivery of one provider.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Signed {
    /// The headers to send with the unchanged body, in the provider's spelling.
    pub headers: Vec<(&'static str, String)>,
}

/// textbee refuses signing secrets shorter than this (UTF-16 code units).
const TEXTBEE_MIN_SECRET: usize = 20;

/// Signs `body` as `provider` would, with `secret` (a `whsec_<base64>` secret for
/// `standard`, the provider's secret text otherwise).
///
/// # Errors
/// [`Error::InvalidSecret`] for an empty secret, a textbee secret shorter than 20
/// characters, or a `standard` secret that is not base64.
pub fn sign(
    provider: Provider,
    secret: &str,
    body: &[u8],
    options: &SignOptions,
) -> Result<Signed, Error> {
    let key = match provider {
        Provider::Standard => Secret::standard(secret)?,
        _ => Secret::from_bytes(secret.as_bytes())?,
    };
    let key = &key;
    let fields = core::str::from_utf8(body)
        .ok()
        .and_then(|text| json::object(text).ok());
    let field = |key| fields.as_ref().and_then(|f| f.get(key));
    let mut headers = vec![("Content-Type", "application/json".to_owned())];
    match provider.spec().scheme {
        Scheme::HexHmac { prefix, .. } => {
            if provider == Provider::Textbee && secret.encode_utf16().count() < TEXTBEE_MIN_SECRET {
                return Err(Error::InvalidSecret {
                    reason: "textbee secrets have at least 20 characters",
                });
            }
            let name = header_name(provider);
            let hex = hmac::hex_digest(key, &[body]);
            headers.push((name, format!("{}{hex}", prefix.unwrap_or(""))));
        }
        Scheme::TimestampedHexHmac { .. } => {
            let body_ts = field("timestamp").filter(|t| json::unsigned(Some(t)).is_some());
            let ts = body_ts.map_or_else(|| options.now_ms.to_string(), str::to_owned);
            let id = options
                .id
                .clone()
                .or_else(|| json::text(field("delivery_id")))
                .unwrap_or_else(|| derived_id("dlv_", &ts, body));
            let hex = hmac::hex_digest(key, &[ts.as_bytes(), b".", body]);
            headers.push(("X-Webhook-Signature", hex));
            headers.push(("X-Webhook-Timestamp", ts));
            headers.push(("X-Webhook-Delivery-Id", id));
        }
        Scheme::BearerJwt { issuer } => {
            let iat = options.now_ms / 1000;
            let claims = jwt_claims(issuer, options, iat);
            headers.push((
                "Authorization",
                format!("Bearer {}", jwt::sign(key, &claims)),
            ));
            let event_type = options
                .event_type
                .clone()
                .or_else(|| json::text(field("type")));
            if let Some(event_type) = event_type {
                headers.push(("X-Event-Type", event_type));
            }
        }
        Scheme::StandardWebhooks => {
            let seconds = options.now_ms / 1000;
            let id = options
                .id
                .clone()
                .unwrap_or_else(|| derived_id("msg_", &seconds.to_string(), body));
            let signature = standard::sign(key, &id, seconds, body);
            headers.push(("webhook-id", id));
            headers.push(("webhook-timestamp", seconds.to_string()));
            headers.push(("webhook-signature", signature));
        }
    }
    Ok(Signed { headers })
}

fn header_name(provider: Provider) -> &'static str {
    match provider {
        Provider::Textbee => "X-Signature",
        Provider::Textus => "X-TextUs-Signature",
        _ => "X-Webhook-Signature",
    }
}

/// The `sub` minted when no `subject` is given: httpSMS always sends its user id there.
const PLACEHOLDER_SUBJECT: &str = "smshook-placeholder-user";

/// Claims in the order httpSMS's JWT library writes them: iss, sub, aud, exp, nbf, iat.
fn jwt_claims(issuer: &str, options: &SignOptions, iat: u64) -> String {
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let subject = options.subject.as_deref().unwrap_or(PLACEHOLDER_SUBJECT);
    let mut claims = format!("{{\"iss\":{},\"sub\":{}", quote(issuer), quote(subject));
    if let Some(audience) = &options.audience {
        claims.push_str(&format!(",\"aud\":[{}]", quote(audience)));
    }
    claims.push_str(&format!(
        ",\"exp\":{},\"nbf\":{},\"iat\":{iat}}}",
        iat + 600,
        iat.saturating_sub(600)
    ));
    claims
}

/// A delivery id derived from the time and body: stable for one delivery, new for others.
fn derived_id(prefix: &str, time: &str, body: &[u8]) -> String {
    let mut seed = Vec::with_capacity(time.len() + 1 + body.len());
    seed.extend_from_slice(time.as_bytes());
    seed.push(b'.');
    seed.extend_from_slice(body);
    let hash = body_hash(&seed);
    format!("{prefix}{}", hash.get(..32).unwrap_or(&hash))
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
