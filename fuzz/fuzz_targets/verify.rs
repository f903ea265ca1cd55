//! Fuzzes verify + parse for every provider: arbitrary headers and bodies, and correctly
//! signed arbitrary bodies (so the payload parsers see the input). Must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smshook::{sign, Provider, SignOptions, Verifier};


fuzz_target!(|input: &[u8]| {
    let Some((&selector, rest)) = input.split_first() else { return };
    let provider = Provider::ALL[usize::from(selector) % Provider::ALL.len()];
    let sample = provider.sample();
    let secret = sample.verifying_secret();
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
    let verify = |headers: &[(&str, String)], body: &[u8], url: Option<&str>| match url {
        Some(url) => verifier.verify_url_at(url, headers, body, now),
        None => verifier.verify_at(headers, body, now),
    };
    let _ = verify(&headers, body, sample.url);
    let _ = smshook::detect(&headers);

    // Authentic: the whole input signed, so it reaches the parser.
    let mut options = SignOptions::at(now);
    options.url = sample.url.map(str::to_owned);
    if let Ok(signed) = sign(provider, sample.secret, rest, &options) {
        if let Err(e) = verify(&signed.headers, rest, signed.url.as_deref()) {
            assert!(
                e.code() == "malformed_payload" || e.code() == "timestamp_out_of_tolerance",
                "signed input refused with {e}"
            );
        }
    }
});
