//! Fuzzes verify + parse for every provider: arbitrary headers and bodies, and correctly
//! signed arbitrary bodies (so the payload parsers see the input). Must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smshook::{sign, Provider, SignOptions, Verifier};

const NAMES: [&str; 8] = [
    "x-signature",
    "x-webhook-signature",
    "x-webhook-timestamp",
    "x-textus-signature",
    "authorization",
    "webhook-id",
    "webhook-timestamp",
    "webhook-signature",
];

fuzz_target!(|input: &[u8]| {
    let Some((&selector, rest)) = input.split_first() else { return };
    let provider = Provider::ALL[usize::from(selector) % Provider::ALL.len()];
    let secret = match provider {
        Provider::Standard => "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        _ => "a-secret-of-at-least-20-chars",
    };
    let verifier = Verifier::new(provider, [secret]).expect("valid secret");
    let now = 1_767_225_600_000;

    // Hostile: the first bytes (split at NUL) are header values, the rest the body.
    let mut parts = rest.splitn(NAMES.len() + 1, |&b| b == 0);
    let headers: Vec<(&str, String)> = NAMES
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
