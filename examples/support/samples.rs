//! One realistic delivery body per provider (the registry's `Provider::sample`), with the
//! message text sized so the whole body has a chosen length. Shared by `examples/demo.rs`
//! and `benches/verify.rs`.

use smshook::{Error, Event, Provider, SignOptions, Signed, Verifier};

/// The time every sample is signed and verified at: 2026-01-01T00:00:00Z.
pub const NOW_MS: u64 = 1_767_225_600_000;

/// One provider's sample delivery.
pub struct Sample {
    /// The provider.
    pub provider: Provider,
    /// Its signing secret.
    pub secret: &'static str,
    /// The secret verify takes (Telnyx: the public key of the signing seed).
    pub verify_secret: &'static str,
    /// The exact body.
    pub body: String,
    /// What `sign` needs.
    pub sign: SignOptions,
}

#[allow(dead_code)] // examples/signed_samples.rs signs only
impl Sample {
    /// `verify_url_at` the URL `sign` returned (providers that sign it), else `verify_at`.
    pub fn verify(
        &self,
        verifier: &Verifier,
        signed: &Signed,
        body: &[u8],
        now: u64,
    ) -> Result<Event, Error> {
        match signed.url.as_deref() {
            Some(url) => verifier.verify_url_at(url, &signed.headers, body, now),
            None => verifier.verify_at(&signed.headers, body, now),
        }
    }
}

/// Message text of exactly `len` bytes (letters and spaces: as long form-encoded).
fn text(len: usize) -> String {
    "Hello from smshook see you at ten "
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
            sign.url = sample.url.map(str::to_owned);
            let text = if size == 0 {
                "Hello from smshook ✓".to_owned()
            } else {
                text(fill)
            };
            Sample {
                provider,
                secret: sample.secret,
                verify_secret: sample.verifying_secret(),
                body: sample.body_with(&text),
                sign,
            }
        })
        .collect()
}
