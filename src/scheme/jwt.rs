//! Compact JWS with HS256 only: `alg` pinned, canonical base64url, bounded size, claims.

use super::hmac;
use crate::json::{self, Object, Raw};
use crate::{Error, Secret};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

/// Tokens longer than this are refused before any decoding.
pub(crate) const MAX_TOKEN_BYTES: usize = 8 * 1024;

const HEADER: &str = "authorization";

/// What the claims must satisfy.
#[derive(Debug)]
pub(crate) struct Rules<'a> {
    /// Required `iss`.
    pub issuer: &'a str,
    /// `aud` (string or array) must contain this, when set.
    pub audience: Option<&'a str>,
    /// `sub` must equal this, when set.
    pub subject: Option<&'a str>,
    /// Leeway for `exp`, `nbf` and `iat`, seconds.
    pub leeway_seconds: u64,
    /// The current time, ms since the epoch.
    pub now_ms: u64,
    /// Whether `exp` must be present (when absent from a token that need not have it, it
    /// is not checked).
    pub exp_required: bool,
    /// When set, `iat` is required and must lie within this many ms of now, either side
    /// (the token's freshness); otherwise `iat` only may not lie in the future.
    pub iat_tolerance_ms: Option<u64>,
    /// When set, the claim that must hold the hex SHA-256 of this body.
    pub body_hash: Option<BodyHash<'a>>,
}

/// A claim binding the body: `claim` holds the hex SHA-256 (either case) of `body`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BodyHash<'a> {
    /// The claim's name.
    pub claim: &'static str,
    /// The raw body.
    pub body: &'a [u8],
}

/// Reads the token out of an `Authorization` header value: `Bearer <token>`, the scheme
/// name case-insensitive.
pub(crate) fn bearer_token(value: &str) -> Result<&str, Error> {
    let (scheme, token) = value.split_once(' ').unwrap_or((value, ""));
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(Error::malformed(HEADER, "not a Bearer token"));
    }
    let token = token.trim_start();
    if token.is_empty() {
        return Err(Error::malformed(HEADER, "empty Bearer token"));
    }
    Ok(token)
}

fn decode_segment(segment: &str) -> Result<Vec<u8>, Error> {
    // The engine refuses padding and non-canonical trailing bits, so each token has exactly
    // one accepted spelling.
    URL_SAFE_NO_PAD
        .decode(segment)
        .map_err(|_| Error::malformed(HEADER, "segment is not canonical base64url"))
}

/// Verifies an HS256 token against any of the secrets, then its claims.
pub(crate) fn verify(secrets: &[Secret], token: &str, rules: &Rules<'_>) -> Result<(), Error> {
    if token.len() > MAX_TOKEN_BYTES {
        return Err(Error::malformed(HEADER, "token larger than 8 KiB"));
    }
    let mut segments = token.split('.');
    let (Some(header_b64), Some(claims_b64), Some(signature_b64), None) = (
        segments.next(),
        segments.next(),
        segments.next(),
        segments.next(),
    ) else {
        return Err(Error::malformed(HEADER, "token is not three segments"));
    };
    let header_bytes = decode_segment(header_b64)?;
    let claims_bytes = decode_segment(claims_b64)?;
    let signature = decode_segment(signature_b64)?;

    let header_text = segment_text(&header_bytes)?;
    let header = segment_object(header_text)?;
    if !json::is_str(header.get("alg"), "HS256") {
        return Err(Error::AlgorithmNotAllowed);
    }
    // Present means present: `"typ": null` is not an absent `typ`.
    if header.has("typ") && !json::is_str(header.get("typ"), "JWT") {
        return Err(Error::malformed(HEADER, "typ is not JWT"));
    }
    let signed_len = header_b64.len() + 1 + claims_b64.len();
    let signed = token.as_bytes().get(..signed_len).unwrap_or_default();
    if !hmac::matches_any(secrets, &[signed], &signature) {
        return Err(Error::SignatureMismatch);
    }
    let claims_text = segment_text(&claims_bytes)?;
    check_claims(&segment_object(claims_text)?, rules)
}

/// Whether an `Authorization` value is a bearer JWT whose claims name `issuer`, read
/// without verifying anything (for `detect` only; never for a decision that grants trust).
pub(crate) fn unverified_issuer_is(authorization: &str, issuer: &str) -> bool {
    let Ok(token) = bearer_token(authorization) else {
        return false;
    };
    if token.len() > MAX_TOKEN_BYTES {
        return false;
    }
    token
        .split('.')
        .nth(1)
        .and_then(|claims| decode_segment(claims).ok())
        .is_some_and(|claims| {
            segment_text(&claims)
                .and_then(segment_object)
                .is_ok_and(|claims| json::is_str(claims.get("iss"), issuer))
        })
}

fn segment_text(bytes: &[u8]) -> Result<&str, Error> {
    core::str::from_utf8(bytes).map_err(|_| Error::malformed(HEADER, "segment is not UTF-8 JSON"))
}

fn segment_object(text: &str) -> Result<Object<'_>, Error> {
    json::object(text).map_err(|_| Error::malformed(HEADER, "segment is not a JSON object"))
}

/// A NumericDate claim in milliseconds; `Err` when present but not a plain number.
fn numeric_ms(raw: Raw<'_>, claim: &'static str) -> Result<Option<i128>, Error> {
    match raw {
        None => Ok(None),
        Some(_) => json::thousandths(raw)
            .map(Some)
            .ok_or(Error::ClaimMismatch { claim }),
    }
}

fn check_claims(claims: &Object<'_>, rules: &Rules<'_>) -> Result<(), Error> {
    let now = i128::from(rules.now_ms);
    let leeway = i128::from(rules.leeway_seconds) * 1000;
    match numeric_ms(claims.get("exp"), "exp")? {
        None if rules.exp_required => return Err(Error::ClaimMismatch { claim: "exp" }),
        Some(exp) if now >= exp + leeway => return Err(Error::TokenExpired),
        _ => {}
    }
    if let Some(nbf) = numeric_ms(claims.get("nbf"), "nbf")? {
        if now < nbf - leeway {
            return Err(Error::TokenNotYetValid);
        }
    }
    let iat = numeric_ms(claims.get("iat"), "iat")?;
    match (iat, rules.iat_tolerance_ms) {
        (None, Some(_)) => return Err(Error::ClaimMismatch { claim: "iat" }),
        (Some(iat), Some(tolerance)) => {
            let tolerance = i128::from(tolerance);
            if iat < now - tolerance {
                return Err(Error::TokenExpired);
            }
            if iat > now + tolerance {
                return Err(Error::TokenNotYetValid);
            }
        }
        (Some(iat), None) if iat > now + leeway => return Err(Error::TokenNotYetValid),
        _ => {}
    }
    if !json::is_str(claims.get("iss"), rules.issuer) {
        return Err(Error::ClaimMismatch { claim: "iss" });
    }
    if let Some(audience) = rules.audience {
        if !audience_contains(claims.get("aud"), audience) {
            return Err(Error::ClaimMismatch { claim: "aud" });
        }
    }
    if let Some(subject) = rules.subject {
        if !json::is_str(claims.get("sub"), subject) {
            return Err(Error::ClaimMismatch { claim: "sub" });
        }
    }
    if let Some(binding) = rules.body_hash {
        check_body_hash(claims, binding)?;
    }
    Ok(())
}

/// The body-hash claim must equal the body's SHA-256: absent is `claim_mismatch` (unless
/// the body is empty), different is `signature_mismatch`. The hash is of public bytes, so
/// the comparison need not be constant time.
fn check_body_hash(claims: &Object<'_>, binding: BodyHash<'_>) -> Result<(), Error> {
    let Some(claimed) = json::text(claims.get(binding.claim)) else {
        return if binding.body.is_empty() {
            Ok(())
        } else {
            Err(Error::ClaimMismatch {
                claim: binding.claim,
            })
        };
    };
    match hex::decode(claimed) {
        Ok(hash) if hash.as_slice() == super::hmac::sha256(binding.body).as_slice() => Ok(()),
        _ => Err(Error::SignatureMismatch),
    }
}

fn audience_contains(aud: Raw<'_>, audience: &str) -> bool {
    if json::is_str(aud, audience) {
        return true;
    }
    aud.and_then(json::array).is_some_and(|items| {
        items
            .into_iter()
            .any(|item| json::is_str(Some(item), audience))
    })
}

/// A compact HS256 token over `claims_json` (the header is `{"alg":"HS256","typ":"JWT"}`).
pub(crate) fn sign(key: &Secret, claims_json: &str) -> String {
    use base64::Engine as _;
    let mut token = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    token.push('.');
    token.push_str(&URL_SAFE_NO_PAD.encode(claims_json));
    let signature = hmac::digest(key, &[token.as_bytes()]);
    token.push('.');
    token.push_str(&URL_SAFE_NO_PAD.encode(signature));
    token
}
