//! The vector runner's [`Runtime`] over the `#[wasm_bindgen]` exports of `src/wasm.rs`,
//! exactly as the npm package calls them, errors arriving as thrown JS values.

use wasm_bindgen::{JsCast, JsValue};

use crate::vectors::{run_all, JsonProtocol};

fn code_of(error: &JsValue) -> String {
    js_sys::Reflect::get(error, &JsValue::from_str("code"))
        .ok()
        .and_then(|c| c.as_string())
        .unwrap_or_else(|| format!("no code on {error:?}"))
}

/// The one-shot `verify` as the npm package runs it: a `Verifier` built from the options,
/// then the delivery's packed headers, body, URL and clock; `data` added from the body
/// when the core leaves it out.
fn verify(options: &str, body: &[u8]) -> Result<String, String> {
    verify_js(options, body).map_err(|e| code_of(&e))
}

/// As [`verify`], the thrown JS value kept.
fn verify_js(options: &str, body: &[u8]) -> Result<String, JsValue> {
    let fail = |e: &dyn core::fmt::Display| JsValue::from_str(&e.to_string());
    let mut verifier = smshook::wasm::JsVerifier::one_shot(options)?;
    let parsed: serde_json::Value = serde_json::from_str(options).unwrap_or_default();
    let mut packed = String::new();
    if let Some(headers) = parsed["headers"].as_object() {
        for (name, value) in headers {
            packed.push_str(&name.to_ascii_lowercase());
            packed.push('\0');
            packed.push_str(value.as_str().unwrap_or_default());
            packed.push('\0');
        }
    }
    let url = parsed["url"].as_str().map(str::to_owned);
    // As the JS layer does: the provider named in the options goes with each delivery.
    let provider = parsed["provider"].as_str().map(str::to_owned);
    #[allow(clippy::cast_precision_loss)]
    let now = parsed["now"].as_u64().map_or(-1.0, |ms| ms as f64);
    let head = verifier.verify_bytes(&packed, body, url.clone(), now, provider.clone())?;
    // The text entry point must agree with the bytes entry point for UTF-8 bodies.
    if let Ok(text) = core::str::from_utf8(body) {
        let again = verifier.verify_text(&packed, text, url, now, provider)?;
        assert_eq!(head, again, "verifyText and verifyBytes disagree");
    }
    let mut event: serde_json::Value = serde_json::from_str(&head).map_err(|e| fail(&e))?;
    if event.get("data").is_none() {
        let data = serde_json::from_slice(body).map_err(|e| fail(&e))?;
        event["data"] = data;
    }
    Ok(event.to_string())
}

/// The `#[wasm_bindgen]` exports, called as the npm package calls them.
const WASM_EXPORTS: JsonProtocol = JsonProtocol {
    verify,
    sign: |options, body| smshook::wasm::sign_bytes(options, body).map_err(|e| code_of(&e)),
    detect: smshook::wasm::detect,
};

/// Runs every vector through the wasm exports and fails with the list of failures.
pub fn run() {
    let (count, failures) = run_all(&WASM_EXPORTS);
    wasm_bindgen_test::console_log!("{count} vector cases ran in wasm");
    assert!(count > 100, "only {count} cases ran");
    assert!(
        failures.is_empty(),
        "{} of {count} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Errors thrown to JS carry `code`, `provider` and a message without the secret.
pub fn errors_are_coded() {
    let secret = "a-very-secret-value-123456";
    let options = format!(
        r#"{{"provider":"textbee","secret":"{secret}","headers":{{"x-signature":"00"}},"now":0}}"#
    );
    let error = verify_js(&options, b"{}").expect_err("must throw");
    assert_eq!(code_of(&error), "signature_mismatch");
    let provider = js_sys::Reflect::get(&error, &JsValue::from_str("provider")).ok();
    assert_eq!(
        provider.and_then(|p| p.as_string()).as_deref(),
        Some("textbee")
    );
    assert!(error.is_instance_of::<js_sys::Error>());
    let message = js_sys::Reflect::get(&error, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_default();
    assert!(
        !message.contains(secret),
        "message leaks the secret: {message}"
    );

    let error = verify_js(r#"{"secret":"x","headers":{}}"#, b"{}").expect_err("must throw");
    assert_eq!(code_of(&error), "provider_not_detected");
    let error = verify_js(r#"{"provider":"TextBee","secret":"x"}"#, b"{}").expect_err("must throw");
    assert_eq!(code_of(&error), "unknown_provider");
    let error = verify_js("not json", b"{}").expect_err("must throw");
    assert_eq!(code_of(&error), "invalid_argument");
}

/// `verify` without `now` reads `Date.now()` and does not panic.
pub fn reads_the_js_clock() {
    let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    let now = js_sys::Date::now();
    let sign = format!(r#"{{"provider":"standard","secret":"{secret}","now":{now}}}"#);
    let signed = smshook::wasm::sign_bytes(&sign, br#"{"a":1}"#).expect("sign");
    // `{"headers":{…}}` (standard signs no URL).
    let headers = signed
        .strip_prefix(r#"{"headers":"#)
        .and_then(|rest| rest.strip_suffix('}'))
        .expect("signed JSON");
    let verify = format!(r#"{{"provider":"standard","secret":"{secret}","headers":{headers}}}"#);
    let event = verify_js(&verify, br#"{"a":1}"#).expect("verify now");
    assert!(event.contains(r#""provider":"standard""#));
}

/// The wasm test functions, shared by the Node and the browser test binaries.
#[macro_export]
macro_rules! wasm_tests {
    () => {
        #[wasm_bindgen_test::wasm_bindgen_test]
        fn every_vector_through_the_wasm_exports() {
            wasm_runtime::run();
        }

        #[wasm_bindgen_test::wasm_bindgen_test]
        fn errors_are_coded_js_errors() {
            wasm_runtime::errors_are_coded();
        }

        #[wasm_bindgen_test::wasm_bindgen_test]
        fn verify_reads_the_js_clock() {
            wasm_runtime::reads_the_js_clock();
        }
    };
}
