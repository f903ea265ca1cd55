//! `make bench`: verify + parse for every provider's typical delivery (about 1 KB) and a
//! 64 KB body, next to bare `hmac` + `sha2` over the same bytes in the same run, then the
//! ratio smshook / bare HMAC from criterion's medians.

#![allow(clippy::expect_used, clippy::indexing_slicing, missing_docs)]

#[path = "../examples/support/samples.rs"]
mod samples;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use smshook::{sign, Verifier};

const SIZES: [(usize, &str); 2] = [(1024, "1KB"), (64 * 1024, "64KB")];

/// The baseline: HMAC-SHA256 over the body and a constant-time compare, nothing else.
fn bare_hmac(key: &[u8], body: &[u8], expected: &[u8]) -> bool {
    let Ok(mut mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(key) else {
        return false;
    };
    mac.update(body);
    mac.verify_slice(expected).is_ok()
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
            let key = sample.secret.as_bytes();
            let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("key");
            mac.update(body);
            let expected = mac.finalize().into_bytes();
            group.bench_function(BenchmarkId::new("bare-hmac", id), |b| {
                b.iter(|| bare_hmac(black_box(key), black_box(body), &expected))
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
    println!("\nsmshook verify+parse / bare HMAC-SHA256 over the same bytes (criterion medians, this run)");
    println!(
        "{:<14} {:>6} {:>12} {:>12} {:>7}",
        "provider", "size", "smshook", "bare hmac", "ratio"
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
