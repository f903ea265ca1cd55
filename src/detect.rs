//! Naming the provider of a delivery from its headers alone, by the rules the providers
//! declare in the registry (`Spec::detect`).

use crate::headers::trimmed;
use crate::scheme::jwt;
use crate::{Headers, Provider};

/// One test on the headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Test {
    /// The header is present (any value).
    Present(&'static str),
    /// The header's trimmed value starts with this prefix (ASCII case-insensitive).
    Prefix(&'static str, &'static str),
    /// The header's trimmed value is non-empty hex.
    Hex(&'static str),
    /// `Authorization` holds a bearer JWT whose claims (not verified) have this `iss`.
    BearerIssuer(&'static str),
}

impl Test {
    fn holds<H: Headers + ?Sized>(self, headers: &H) -> bool {
        match self {
            Self::Present(name) => headers.get(name).is_some(),
            Self::Prefix(name, prefix) => trimmed(headers, name)
                .and_then(|v| v.get(..prefix.len()))
                .is_some_and(|head| head.eq_ignore_ascii_case(prefix)),
            Self::Hex(name) => trimmed(headers, name)
                .is_some_and(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_hexdigit())),
            Self::BearerIssuer(issuer) => trimmed(headers, "authorization")
                .is_some_and(|value| jwt::unverified_issuer_is(value, issuer)),
        }
    }
}

/// A provider's detection rule: it matches when every test of any one alternative holds.
/// Rules are tried by `rank`, lowest first, so a more specific rule wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rule {
    /// The order among providers (lower is tried first).
    pub rank: u8,
    /// Alternatives, each a list of tests that must all hold.
    pub any: &'static [&'static [Test]],
}

impl Rule {
    fn matches<H: Headers + ?Sized>(&self, headers: &H) -> bool {
        self.any
            .iter()
            .any(|all| all.iter().all(|test| test.holds(headers)))
    }
}

/// The provider whose headers these are, or `None` when no rule matches.
///
/// Each provider's rule is part of its registry entry (`src/provider/<id>.rs`); the
/// README's provider table lists them in the order they are tried.
#[must_use]
pub fn detect<H: Headers + ?Sized>(headers: &H) -> Option<Provider> {
    detect_among(headers, Provider::ALL)
}

/// The provider whose headers these are among `candidates` only (the providers a receiver
/// is configured for), by the same rules and order as [`detect`]; `None` when no
/// candidate's rule matches. A header another provider also sends (`x-signature`) then
/// names no provider that the receiver does not know.
#[must_use]
pub fn detect_among<H: Headers + ?Sized>(headers: &H, candidates: &[Provider]) -> Option<Provider> {
    candidates
        .iter()
        .copied()
        .filter(|p| p.spec().detect.matches(headers))
        .min_by_key(|p| p.spec().detect.rank)
}

#[cfg(test)]
mod tests {
    use crate::Provider;

    #[test]
    fn every_provider_has_its_own_rank() {
        let mut ranks: Vec<u8> = Provider::ALL.iter().map(|p| p.spec().detect.rank).collect();
        ranks.sort_unstable();
        ranks.dedup();
        assert_eq!(ranks.len(), Provider::ALL.len());
    }
}
