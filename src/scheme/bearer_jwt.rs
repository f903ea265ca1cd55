//! `Authorization: Bearer <JWT>` with HS256 (`scheme/jwt.rs` checks the token): the token
//! does not cover the body, so nothing about the body is established here.

use super::jwt;
use super::{Context, HeaderName, Signed};
use crate::headers::trimmed;
use crate::json;
use crate::{Error, Headers, Secret, SignOptions};

/// The header that carries the token.
pub(crate) const HEADER: HeaderName = HeaderName {
    name: "authorization",
    spelling: "Authorization",
};

/// The parameters of one provider's bearer JWT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Params {
    /// The `iss` every token must carry.
    pub issuer: &'static str,
    /// The `sub` `sign` mints when no `subject` is given (the provider always sends one).
    pub placeholder_subject: &'static str,
    /// The event-type header `sign` sends.
    pub event_type: HeaderName,
    /// The body field `sign` reads the event type from when none is given.
    pub body_event_type: &'static str,
}

impl Params {
    /// Checks the token and its claims (or accepts its absence when the caller opted in).
    pub(crate) fn verify<H: Headers + ?Sized>(
        self,
        context: &Context<'_>,
        headers: &H,
    ) -> Result<Signed, Error> {
        let Some(value) = trimmed(headers, HEADER.name) else {
            return if context.options.allow_unsigned {
                Ok(Signed::default())
            } else {
                Err(Error::MissingSignature {
                    header: HEADER.name,
                })
            };
        };
        let token = jwt::bearer_token(value)?;
        let rules = jwt::Rules {
            issuer: self.issuer,
            audience: context.options.audience.as_deref(),
            subject: context.options.subject.as_deref(),
            leeway_seconds: context.options.leeway_seconds,
            now_ms: context.now_ms,
            exp_required: true,
            iat_tolerance_ms: None,
            body_hash: None,
        };
        jwt::verify(context.secrets, token, &rules)?;
        Ok(Signed::default())
    }

    /// A fresh token (valid 10 minutes either side of now, as the provider mints them) and
    /// the event-type header.
    pub(crate) fn sign(
        self,
        key: &Secret,
        body: &[u8],
        options: &SignOptions,
    ) -> Vec<(&'static str, String)> {
        let claims = self.claims(options, options.now_ms / 1000);
        let mut headers = vec![(
            HEADER.spelling,
            format!("Bearer {}", jwt::sign(key, &claims)),
        )];
        let event_type = options.event_type.clone().or_else(|| {
            let text = core::str::from_utf8(body).ok()?;
            json::text(json::object(text).ok()?.get(self.body_event_type))
        });
        if let Some(event_type) = event_type {
            headers.push((self.event_type.spelling, event_type));
        }
        headers
    }

    /// Claims in the order the provider's JWT library writes them: iss, sub, aud, exp,
    /// nbf, iat.
    fn claims(self, options: &SignOptions, iat: u64) -> String {
        let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
        let subject = options
            .subject
            .as_deref()
            .unwrap_or(self.placeholder_subject);
        let mut claims = format!(
            "{{\"iss\":{},\"sub\":{}",
            quote(self.issuer),
            quote(subject)
        );
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
}
