//! One realistic delivery body per provider (the registry's `Provider::sample`), with the
//! message text sized so the whole body has a chosen length. Shared by `examples/demo.rs`
//! and `benches/verify.rs`.

use smshook::{Provider, SignOptions};

/// The time every sample is signed and verified at: 2026-01-01T00:00:00Z.
pub const NOW_MS: u64 = 1_767_225_600_000;

/// One provider's sample delivery.
pub struct Sample {
    /// The provider.
    pub provider: Provider,
    /// Its signing secret.
    pub secret: &'static str,
    /// The exact body.
    pub body: String,
    /// What `sign` needs.
    pub sign: SignOptions,
}

/// Message text of exactly `len` bytes (ASCII, with a few words).
fn text(len: usize) -> String {
    "Hello from smshook, see you at 10. "
        .chars()
        .cycle()
        .take(len)
        .collect()
}

/// One sample per provider, each body `size` bytes long (or as short as its shape allows);
/// `size` 0 keeps a short natural message.
pub fn samples(size: usize) -> Vec<Sample> {
    Provider::ALL
        .iter()
        .map(|&provider| {
            let sample = provider.sample();
            let fill = size.saturating_sub(sample.body.len() - "{TEXT}".len());
            let mut sign = SignOptions::at(NOW_MS);
            sign.audience = sample.audience.map(str::to_owned);
            sign.subject = sample.subject.map(str::to_owned);
            sign.id = sample.id.map(str::to_owned);
            let text = if size == 0 {
                "Hello from smshook ✓".to_owned()
            } else {
                text(fill)
            };
            Sample {
                provider,
                secret: sample.secret,
                body: sample.body.replace("{TEXT}", &text),
                sign,
            }
        })
        .collect()
}
