//! Fuzzes the JWT checks behind a valid signature: the input is split at the first NUL
//! into a JOSE header and a claims segment, both signed correctly with HS256 (the `hmac`
//! crate), so every claim rule sees hostile JSON. Must never panic, and must refuse
//! anything whose header is not `{"alg":"HS256"…}`.
#![no_main]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use libfuzzer_sys::fuzz_target;
use sha2::Sha256;
use smshook::{Provider, Verifier, VerifyOptions};

const SECRET: &str = "a-secret-of-at-least-20-chars";
const NOW_MS: u64 = 1_767_225_600_000;

fn token(header: &[u8], claims: &[u8]) -> String {
    let mut token = URL_SAFE_NO_PAD.encode(header);
    token.push('.');
    token.push_str(&URL_SAFE_NO_PAD.encode(claims));
    let Ok(mut mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(SECRET.as_bytes()) else {
        return token;
    };
    mac.update(token.as_bytes());
    let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
    format!("{token}.{signature}")
}

fuzz_target!(|input: &[u8]| {
    let (header, claims) = match input.iter().position(|&b| b == 0) {
        Some(at) => (&input[..at], &input[at + 1..]),
        None => (&br#"{"alg":"HS256","typ":"JWT"}"#[..], input),
    };
    let mut options = VerifyOptions::default();
    options.audience = Some("https://example.com/webhooks/httpsms".into());
    options.subject = (input.len() % 2 == 0).then(|| "XtABz6zdeFMoBLoltz6SREDvRSh2".into());
    let Ok(verifier) = Verifier::new(Provider::Httpsms, [SECRET]) else {
        return;
    };
    let verifier = verifier.with_options(options);
    let headers = [
        ("authorization", format!("Bearer {}", token(header, claims))),
        ("x-event-type", "message.phone.received".to_owned()),
    ];
    let body = br#"{"specversion":"1.0","id":"e","type":"message.phone.received","data":{}}"#;
    if let Ok(event) = verifier.verify_at(&headers, body, NOW_MS) {
        let alg = serde_json::from_slice::<serde_json::Value>(header)
            .ok()
            .and_then(|h| h.get("alg").cloned());
        assert_eq!(alg, Some("HS256".into()), "accepted a token whose alg is {alg:?}");
        assert_eq!(event.id, "e");
    }
});
