//! Naming the provider of a delivery from its headers alone.

use crate::headers::trimmed;
use crate::{Headers, Provider};

/// The provider whose headers these are, or `None` when no rule matches.
///
/// Rules, in order: `authorization: Bearer …` with `x-event-type` → httpSMS;
/// `x-textus-signature` → TextUs; `x-signature` → textbee; `x-webhook-signature` starting
/// `sha256=` → zuc; `x-webhook-signature` with `x-webhook-timestamp` or plain hex →
/// Messages.dev; `webhook-signature` → Standard Webhooks.
#[must_use]
pub fn detect<H: Headers + ?Sized>(headers: &H) -> Option<Provider> {
    let has = |name: &str| headers.get(name).is_some();
    let bearer = trimmed(headers, "authorization")
        .and_then(|v| v.get(..7))
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("bearer "));
    if bearer && has("x-event-type") {
        return Some(Provider::Httpsms);
    }
    if has("x-textus-signature") {
        return Some(Provider::Textus);
    }
    if has("x-signature") {
        return Some(Provider::Textbee);
    }
    if let Some(signature) = trimmed(headers, "x-webhook-signature") {
        let prefixed = signature
            .get(..7)
            .is_some_and(|p| p.eq_ignore_ascii_case("sha256="));
        if prefixed {
            return Some(Provider::Zuc);
        }
        let hex = !signature.is_empty() && signature.bytes().all(|b| b.is_ascii_hexdigit());
        if has("x-webhook-timestamp") || hex {
            return Some(Provider::MessagesDev);
        }
    }
    if has("webhook-signature") {
        return Some(Provider::Standard);
    }
    None
}
