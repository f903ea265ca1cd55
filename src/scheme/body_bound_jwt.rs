//! `Authorization: Bearer <JWT>` with HS256 whose claims bind the body by its SHA-256 and
//! date it by `iat` (within the tolerance, either side); `exp` and `nbf` are checked with
//! the leeway when present.

use super::jwt::{self, BodyHash};
use super::{bearer_jwt, derived_id, required, Context, Signed};
use crate::{Error, Headers, Secret, SignOptions};

/// The parameters of one provider's body-bound JWT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Params {
    /// The `iss` every token must carry.
    pub issuer: &'static str,
    /// The claim holding the hex SHA-256 of the raw body.
    pub body_hash_claim: &'static str,
}

impl Params {
    /// Checks the token, its claims and the body hash.
    pub(crate) fn verify<H: Headers + ?Sized>(
        self,
        context: &Context<'_>,
        headers: &H,
        body: &[u8],
    ) -> Result<Signed, Error> {
        let token = jwt::bearer_token(required(headers, bearer_jwt::HEADER.name)?)?;
        let rules = jwt::Rules {
            issuer: self.issuer,
            audience: None,
            subject: None,
            leeway_seconds: context.options.leeway_seconds,
            now_ms: context.now_ms,
            exp_required: false,
            iat_tolerance_ms: Some(context.options.tolerance_seconds.saturating_mul(1000)),
            body_hash: Some(BodyHash {
                claim: self.body_hash_claim,
                body,
            }),
        };
        jwt::verify(context.secrets, token, &rules)?;
        Ok(Signed::default())
    }

    /// A token issued now: `iat`, `jti` (the options' id, else derived), `iss` and the
    /// body hash, in that order.
    pub(crate) fn sign(
        self,
        key: &Secret,
        body: &[u8],
        options: &SignOptions,
    ) -> Vec<(&'static str, String)> {
        let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
        let iat = (options.now_ms / 1000).to_string();
        let jti = options
            .id
            .clone()
            .unwrap_or_else(|| derived_id("", &iat, body));
        let claims = format!(
            "{{\"iat\":{iat},\"jti\":{},\"iss\":{},\"{}\":\"{}\"}}",
            quote(&jti),
            quote(self.issuer),
            self.body_hash_claim,
            hex::encode(super::hmac::sha256(body)),
        );
        vec![(
            bearer_jwt::HEADER.spelling,
            format!("Bearer {}", jwt::sign(key, &claims)),
        )]
    }
}
