//! `make bench`: verify + parse for every provider's typical delivery (about 1 KB) and a
//! 64 KB body, next to the bare primitive of its scheme over the same bytes in the same run
//! (HMAC-SHA256 of the body; HMAC-SHA1 of URL + body for Twilio; Ed25519 `verify_strict`
//! for Telnyx), then the ratio smshook / bare primitive from criterion's medians.

#![allow(clippy::expect_used, clippy::indexing_slicing, missing_docs)]

#[path = "../examples/support/samples.rs"]
mod samples;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use base64::Engine as _;
use criterion::{BenchmarkId, Criterion, Throughput};
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use sha2::Sha256;
use smshook::{sign, Provider, Verifier};

const SIZES: [(usize, &str); 2] = [(1024, "1KB"), (64 * 1024, "64KB")];

/// The baseline: HMAC-SHA256 over the body and a constant-time compare, nothing else.
fn bare_hmac(key: &[u8], body: &[u8], expected: &[u8]) -> bool {
    let Ok(mut mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(key) else {
        return false;
    };
    mac.update(body);
    mac.verify_slice(expected).is_ok()
}

/// The header value `sign` produced for `name`.
fn header<'a>(signed: &'a smshook::Signed, name: &str) -> &'a str {
    signed
        .headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
        .expect("signed header")
}

/// The bare primitive of a sample's scheme over the same bytes, checking the signature
/// `sign` made: what a hand-written receiver would at least do.
fn baseline<'a>(
    sample: &'a samples::Sample,
    signed: &'a smshook::Signed,
    body: &'a [u8],
) -> Box<dyn Fn() -> bool + 'a> {
    let b64 = base64::engine::general_purpose::STANDARD;
    match sample.provider {
        Provider::Twilio => {
            // HMAC-SHA1 over the URL and the body's bytes: the length of the signed URL +
            // sorted `namevalue` string, without the decoding and sorting smshook does.
            let url = signed.url.clone().expect("url");
            let mac = move |key: &[u8]| {
                let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(key).expect("key");
                mac.update(url.as_bytes());
                mac.update(body);
                mac
            };
            let expected = mac(sample.secret.as_bytes()).finalize().into_bytes();
            Box::new(move || {
                mac(sample.secret.as_bytes())
                    .verify_slice(&expected)
                    .is_ok()
            })
        }
        Provider::Telnyx => {
            let key_bytes: [u8; 32] = b64
                .decode(sample.verify_secret)
                .expect("base64")
                .try_into()
                .expect("32 bytes");
            let key = ed25519_dalek::VerifyingKey::from_bytes(&key_bytes).expect("key");
            let signature: [u8; 64] = b64
                .decode(header(signed, "telnyx-signature-ed25519"))
                .expect("base64")
                .try_into()
                .expect("64 bytes");
            let signature = ed25519_dalek::Signature::from_bytes(&signature);
            let mut message = header(signed, "telnyx-timestamp").as_bytes().to_vec();
            message.push(b'|');
            message.extend_from_slice(body);
            Box::new(move || key.verify_strict(&message, &signature).is_ok())
        }
        _ => {
            let key = sample.secret.as_bytes();
            let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("key");
            mac.update(body);
            let expected = mac.finalize().into_bytes();
            Box::new(move || bare_hmac(key, body, &expected))
        }
    }
}

fn bench(c: &mut Criterion) {
    for (size, label) in SIZES {
        let mut group = c.benchmark_group(format!("verify-{label}"));
        group
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2));
        for sample in samples::samples(size) {
            let body = sample.body.as_bytes();
            group.throughput(Throughput::Bytes(body.len() as u64));
            let signed = sign(sample.provider, sample.secret, body, &sample.sign).expect("sign");
            let mut options = smshook::VerifyOptions::default();
            options.audience.clone_from(&sample.sign.audience);
            let verifier = Verifier::new(sample.provider, [sample.verify_secret])
                .expect("secret")
                .with_options(options);
            assert!(sample
                .verify(&verifier, &signed, body, samples::NOW_MS)
                .is_ok());
            let id = sample.provider.id();
            group.bench_function(BenchmarkId::new("smshook", id), |b| {
                b.iter(|| {
                    sample.verify(
                        &verifier,
                        black_box(&signed),
                        black_box(body),
                        samples::NOW_MS,
                    )
                })
            });
            let baseline = baseline(&sample, &signed, body);
            assert!(baseline(), "{id}: the baseline verifies");
            group.bench_function(BenchmarkId::new("bare-hmac", id), |b| {
                b.iter(|| black_box(baseline()))
            });
        }
        group.finish();
    }
}

fn median_ns(dir: &Path) -> Option<f64> {
    let text = std::fs::read_to_string(dir.join("new/estimates.json")).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["median"]["point_estimate"].as_f64()
}

fn print_ratios() {
    let root = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| PathBuf::from("target"), PathBuf::from)
        .join("criterion");
    println!("\nsmshook verify+parse / the bare primitive over the same bytes (HMAC-SHA256; twilio HMAC-SHA1; telnyx Ed25519) (criterion medians, this run)");
    println!(
        "{:<14} {:>6} {:>12} {:>12} {:>7}",
        "provider", "size", "smshook", "bare", "ratio"
    );
    for (_, label) in SIZES {
        for sample in samples::samples(1) {
            let id = sample.provider.id();
            let group = root.join(format!("verify-{label}"));
            let ours = median_ns(&group.join("smshook").join(id));
            let base = median_ns(&group.join("bare-hmac").join(id));
            if let (Some(ours), Some(base)) = (ours, base) {
                println!(
                    "{id:<14} {label:>6} {:>10.2}µs {:>10.2}µs {:>6.2}x",
                    ours / 1000.0,
                    base / 1000.0,
                    ours / base
                );
            }
        }
    }
    println!("goal: at most 1.30x at 1KB and 1.05x at 64KB (httpsms's token does not cover the body, so its baseline HMACs bytes it never hashes)");
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
    print_ratios();
}
