//! Fuzzes Standard Webhooks signature lists: the input is the `webhook-signature` header
//! (any entries, any lengths), with the right signature appended when the first byte is
//! odd. Must never panic; accepts exactly when the right entry is present or the input
//! itself carries it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smshook::{sign, Provider, SignOptions, Verifier};

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const NOW_MS: u64 = 1_767_225_600_000;

fuzz_target!(|input: &[u8]| {
    let Some((&mode, rest)) = input.split_first() else {
        return;
    };
    let body = br#"{"type":"invoice.paid","data":{"n":1}}"#;
    let Ok(signed) = sign(Provider::Standard, SECRET, body, &SignOptions::at(NOW_MS)) else {
        return;
    };
    let Ok(verifier) = Verifier::new(Provider::Standard, [SECRET]) else {
        return;
    };
    let value = |name: &str| {
        signed
            .headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let right = value("webhook-signature");
    let mut list = String::from_utf8_lossy(rest).into_owned();
    if mode % 2 == 1 {
        list.push(' ');
        list.push_str(&right);
    }
    let headers = [
        ("webhook-id", value("webhook-id")),
        ("webhook-timestamp", value("webhook-timestamp")),
        ("webhook-signature", list.clone()),
    ];
    let accepted = verifier.verify_at(&headers, body, NOW_MS).is_ok();
    let carries_right = list.trim().split(' ').any(|entry| entry == right);
    assert_eq!(accepted, carries_right, "list {list:?}");
});
