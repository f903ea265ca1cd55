//! Fuzzes verify + parse for every provider: arbitrary headers and bodies, and correctly
//! signed arbitrary bodies (so the payload parsers see the input). Must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smshook::{sign, Provider, SignOptions, Verifier};


fuzz_target!(|input: &[u8]| {
    let Some((&selector, rest)) = input.split_first() else { return };
    let provider = Provider::ALL[usize::from(selector) % Provider::ALL.len()];
    let secret = provider.sample().secret;
    // Every header some provider sends, from the registry.
    let names: Vec<&str> = Provider::ALL.iter().flat_map(|p| p.headers().iter().copied()).collect();
    let verifier = Verifier::new(provider, [secret]).expect("valid secret");
    let now = 1_767_225_600_000;

    // Hostile: the first bytes (split at NUL) are header values, the rest the body.
    let mut parts = rest.splitn(names.len() + 1, |&b| b == 0);
    let headers: Vec<(&str, String)> = names
        .iter()
        .zip(parts.by_ref())
        .map(|(name, value)| (*name, String::from_utf8_lossy(value).into_owned()))
        .collect();
    let body = parts.next().unwrap_or_default();
    let _ = verifier.verify_at(&headers, body, now);
    let _ = smshook::detect(&headers);

    // Authentic: the whole input signed, so it reaches the parser.
    if let Ok(signed) = sign(provider, secret, rest, &SignOptions::at(now)) {
        if let Err(e) = verifier.verify_at(&signed.headers, rest, now) {
            assert!(
                e.code() == "malformed_payload" || e.code() == "timestamp_out_of_tolerance",
                "signed input refused with {e}"
            );
        }
    }
});
