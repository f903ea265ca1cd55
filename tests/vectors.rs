//! Every vector of `tests/vectors/` through the native Rust API (and, with the `wasm`
//! feature, through the JSON layer the npm package uses).
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "support/vectors.rs"]
mod vectors;

use serde_json::{Map, Value};
use smshook::{detect, sign, Provider, SignOptions, Verifier, VerifyOptions};
use vectors::{run_all, Runtime, SignArgs, SignedDelivery};

/// The Rust API.
struct Native;

fn verify_options(options: &Map<String, Value>) -> VerifyOptions {
    let mut out = VerifyOptions::default();
    let num = |k: &str| options.get(k).and_then(Value::as_u64);
    let text = |k: &str| options.get(k).and_then(Value::as_str).map(str::to_owned);
    if let Some(v) = num("toleranceSeconds") {
        out.tolerance_seconds = v;
    }
    if let Some(v) = num("maxBodyBytes") {
        out.max_body_bytes = usize::try_from(v).unwrap();
    }
    if let Some(v) = num("leewaySeconds") {
        out.leeway_seconds = v;
    }
    out.max_age_seconds = num("maxAgeSeconds");
    out.audience = text("audience");
    out.subject = text("subject");
    out.allow_unsigned = options
        .get("allowUnsigned")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    out
}

impl Runtime for Native {
    fn verify(
        &self,
        provider: &str,
        secrets: &[String],
        headers: &[(String, String)],
        body: &[u8],
        url: Option<&str>,
        options: &Map<String, Value>,
    ) -> Result<Value, String> {
        let provider: Provider = provider
            .parse()
            .map_err(|e: smshook::Error| e.code().to_owned())?;
        let now = options["now"].as_u64().unwrap();
        let event = Verifier::new(provider, secrets)
            .map(|v| v.with_options(verify_options(options)))
            .and_then(|v| match url {
                Some(url) => v.verify_url_at(url, headers, body, now),
                None => v.verify_at(headers, body, now),
            })
            .map_err(|e| e.code().to_owned())?;
        // What verify accepts, data_value parses (the documented depth limit keeps the two
        // in agreement).
        if let Err(e) = event.data_value() {
            return Ok(serde_json::json!({ "data_value": e.to_string() }));
        }
        Ok(serde_json::to_value(&event).unwrap())
    }

    fn sign(
        &self,
        provider: &str,
        secret: &str,
        body: &[u8],
        args: &SignArgs,
    ) -> Result<SignedDelivery, String> {
        let mut options = SignOptions::at(args.now);
        options.url.clone_from(&args.url);
        options.nonce.clone_from(&args.nonce);
        options.timestamped = args.timestamped;
        options.id.clone_from(&args.id);
        options.audience.clone_from(&args.audience);
        options.subject.clone_from(&args.subject);
        options.event_type.clone_from(&args.event_type);
        let signed = sign(provider.parse().unwrap(), secret, body, &options)
            .map_err(|e| e.code().to_owned())?;
        Ok(SignedDelivery {
            headers: signed
                .headers
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
            url: signed.url,
        })
    }

    fn detect(&self, headers: &[(String, String)]) -> Option<String> {
        detect(headers).map(|p| p.id().to_owned())
    }
}

fn assert_all_pass(runtime: &dyn Runtime) {
    let (count, failures) = run_all(runtime);
    assert!(count > 100, "only {count} cases ran");
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("{count} vector cases passed");
}

#[test]
fn every_vector_through_the_rust_api() {
    assert_all_pass(&Native);
}

/// The JSON options layer of `src/wasm.rs`, run natively.
#[cfg(feature = "wasm")]
const JSON_LAYER: vectors::JsonProtocol = vectors::JsonProtocol {
    verify: |options, body| {
        smshook::wasm::verify_json(options, body).map_err(|(e, _)| e.code().to_owned())
    },
    sign: |options, body| {
        smshook::wasm::sign_json(options, body).map_err(|(e, _)| e.code().to_owned())
    },
    detect: smshook::wasm::detect,
};

#[cfg(feature = "wasm")]
#[test]
fn every_vector_through_the_json_layer() {
    assert_all_pass(&JSON_LAYER);
}
