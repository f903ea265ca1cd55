//! `make bench`: what a long `webhook-signature` list costs an unauthenticated sender.
//! A 1 MiB Standard Webhooks delivery whose header carries 2,048 wrong entries (32-byte
//! ones, which look like real signatures, and 1-byte ones) is timed next to the same
//! delivery with its one right entry, in the same run; the ratio should stay near 1.

#![allow(clippy::expect_used, missing_docs)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use base64::Engine as _;
use smshook::{sign, Provider, SignOptions, Verifier};

const NOW_MS: u64 = 1_767_225_600_000;
const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const ENTRIES: usize = 2048;

/// The median of `runs` timings of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times.get(runs / 2).copied().unwrap_or_default()
}

fn main() {
    let body = format!(
        "{{\"type\":\"t\",\"pad\":\"{}\"}}",
        "x".repeat((1 << 20) - 24)
    );
    let signed = sign(
        Provider::Standard,
        SECRET,
        body.as_bytes(),
        &SignOptions::at(NOW_MS),
    )
    .expect("sign");
    let verifier = Verifier::new(Provider::Standard, [SECRET]).expect("secret");
    let header = |name: &str| {
        signed
            .headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
            .expect("signed header")
    };
    let (id, ts) = (header("webhook-id"), header("webhook-timestamp"));
    let b64 = base64::engine::general_purpose::STANDARD;
    let wrong32 = vec![format!("v1,{}", b64.encode([7u8; 32])); ENTRIES].join(" ");
    let wrong1 = vec![format!("v1,{}", b64.encode([7u8])); ENTRIES].join(" ");
    let cases = [
        ("1 right entry", header("webhook-signature"), true),
        ("2048 wrong 32-byte entries", wrong32, false),
        ("2048 wrong 1-byte entries", wrong1, false),
    ];
    println!(
        "\nstandard verify of a 1 MiB body by webhook-signature list (median of 15, this run)"
    );
    let mut baseline = None;
    for (label, signature, ok) in cases {
        let headers = [
            ("webhook-id", id.clone()),
            ("webhook-timestamp", ts.clone()),
            ("webhook-signature", signature),
        ];
        assert_eq!(
            verifier
                .verify_at(&headers, body.as_bytes(), NOW_MS)
                .is_ok(),
            ok
        );
        let time = median(15, || {
            let _ = black_box(verifier.verify_at(black_box(&headers), body.as_bytes(), NOW_MS));
        });
        let base = *baseline.get_or_insert(time);
        println!(
            "{label:<28} {:>10.2} ms {:>8.2}x",
            time.as_secs_f64() * 1000.0,
            time.as_secs_f64() / base.as_secs_f64()
        );
    }
    println!("goal: about 1x (cost must not grow with the number of entries beyond decoding them)");
}
