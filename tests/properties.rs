//! Property tests: hostile headers and bodies never panic; every refusal has a known code.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use smshook::{detect, sign, Provider, SignOptions, Verifier, VerifyOptions};

const CODES: &[&str] = &[
    "missing_signature",
    "malformed_signature",
    "signature_mismatch",
    "timestamp_out_of_tolerance",
    "token_expired",
    "token_not_yet_valid",
    "algorithm_not_allowed",
    "claim_mismatch",
    "malformed_payload",
    "body_too_large",
    "invalid_secret",
];

const HEADER_NAMES: &[&str] = &[
    "x-signature",
    "X-Webhook-Signature",
    "x-webhook-timestamp",
    "x-webhook-delivery-id",
    "x-textus-signature",
    "authorization",
    "x-event-type",
    "webhook-id",
    "webhook-timestamp",
    "webhook-signature",
    "content-type",
];

const NOW: u64 = 1_767_225_600_000;

fn provider() -> impl Strategy<Value = Provider> {
    prop::sample::select(Provider::ALL.to_vec())
}

/// Header values that look like the real thing often enough to reach deep code paths.
fn header_value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9a-fA-F]{0,70}",
        "sha256=[0-9a-f]{0,66}",
        "(Bearer|bearer|Basic) [A-Za-z0-9_=.-]{0,120}",
        "(v1|v2),[A-Za-z0-9+/=]{0,50}( v1,[A-Za-z0-9+/=]{0,50})?",
        "[0-9]{0,20}",
    ]
}

/// Bodies: raw bytes, and JSON-shaped text with the keys the parsers look at.
fn body() -> impl Strategy<Value = Vec<u8>> {
    let key = prop::sample::select(vec![
        "event",
        "webhookEvent",
        "data",
        "type",
        "action",
        "id",
        "timestamp",
        "message",
        "conversation",
        "messageId",
        "sent_at",
        "time",
        "delivery_id",
        "provider",
    ]);
    let leaf = prop_oneof![
        Just("null".to_owned()),
        any::<i64>().prop_map(|n| n.to_string()),
        "\"[^\"\\\\]{0,12}\"",
        Just("\"2026-01-01T00:00:00.123456+03:00\"".to_owned()),
        Just("\"MESSAGE_RECEIVED\"".to_owned()),
        Just("\"message.received\"".to_owned()),
        Just("12345678901234567890123".to_owned()),
        Just("[]".to_owned()),
    ];
    let json = leaf.prop_recursive(3, 24, 6, move |inner| {
        prop::collection::vec((key.clone(), inner), 0..6).prop_map(|fields| {
            let fields: Vec<String> = fields
                .into_iter()
                .map(|(k, v)| format!("\"{k}\":{v}"))
                .collect();
            format!("{{{}}}", fields.join(","))
        })
    });
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..256),
        json.prop_map(String::into_bytes),
    ]
}

fn assert_coded(result: Result<smshook::Event, smshook::Error>) -> Result<(), TestCaseError> {
    if let Err(e) = result {
        prop_assert!(CODES.contains(&e.code()), "unexpected code {}", e.code());
        prop_assert!(!e.to_string().is_empty());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Arbitrary headers and bodies: `Ok` or a coded error, never a panic.
    #[test]
    fn hostile_deliveries_get_coded_errors(
        provider in provider(),
        headers in prop::collection::vec((prop::sample::select(HEADER_NAMES), header_value()), 0..6),
        body in body(),
        now in prop_oneof![Just(NOW), any::<u64>()],
    ) {
        let secret = if provider == Provider::Standard {
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        } else {
            "a-secret-of-at-least-20-chars"
        };
        let mut options = VerifyOptions::default();
        options.allow_unsigned = now % 2 == 0;
        options.max_age_seconds = Some(60);
        let verifier = Verifier::new(provider, [secret]).unwrap().with_options(options);
        assert_coded(verifier.verify_at(&headers, &body, now))?;
        let _ = detect(&headers);
    }

    /// Correctly signed arbitrary bodies reach the payload parsers: an event or
    /// `malformed_payload`, never a panic, never a signature error.
    #[test]
    fn signed_bodies_reach_the_parsers(provider in provider(), body in body()) {
        let secret = if provider == Provider::Standard {
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        } else {
            "a-secret-of-at-least-20-chars"
        };
        let signed = sign(provider, secret, &body, &SignOptions::at(NOW)).unwrap();
        let verifier = Verifier::new(provider, [secret]).unwrap();
        match verifier.verify_at(&signed.headers, &body, NOW) {
            Ok(event) => {
                if provider != Provider::Standard {
                    prop_assert_eq!(event.provider, provider);
                }
                let json = serde_json::to_string(&event).unwrap();
                prop_assert!(json.contains("\"providerEvent\""));
            }
            Err(e) => prop_assert!(
                e.code() == "malformed_payload"
                    || (provider == Provider::MessagesDev && e.code() == "timestamp_out_of_tolerance"),
                "signed body refused with {}", e.code()
            ),
        }
    }
}
