//! The `#[wasm_bindgen]` exports the npm package wraps, and nothing else.
//!
//! Options cross the boundary as one JSON string and events come back as one JSON string:
//! `JSON.stringify`/`JSON.parse` on the JS side are faster than building objects field by
//! field through the boundary. Bodies cross as bytes (`verifyBytes`) or as the exact raw
//! string (`verifyText`). Errors are thrown as JS `Error`s carrying `code` and `provider`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::{detect as detect_provider, Error, Provider, SignOptions, Verifier, VerifyOptions};

/// Either one secret or a rotation list.
#[derive(Deserialize)]
#[serde(untagged)]
enum SecretInput {
    One(String),
    Many(Vec<String>),
}

impl SecretInput {
    fn into_list(self) -> Vec<String> {
        match self {
            Self::One(secret) => vec![secret],
            Self::Many(list) => list,
        }
    }
}

/// The options object of the JS `verify` and `sign`, headers already normalized to a
/// plain object of strings by the JS layer.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JsOptions {
    provider: Option<String>,
    secret: Option<SecretInput>,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    now: Option<f64>,
    tolerance_seconds: Option<f64>,
    max_body_bytes: Option<f64>,
    leeway_seconds: Option<f64>,
    max_age_seconds: Option<f64>,
    audience: Option<String>,
    subject: Option<String>,
    allow_unsigned: Option<bool>,
    id: Option<String>,
    event_type: Option<String>,
}

fn invalid(message: &str) -> Error {
    Error::InvalidArgument {
        message: message.to_owned(),
    }
}

/// A non-negative whole number from a JS number option.
fn whole(value: Option<f64>, name: &str) -> Result<Option<u64>, Error> {
    match value {
        None => Ok(None),
        Some(v)
            if v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= 9.007_199_254_740_991e15 =>
        {
            // Checked above: a whole number within the exact range of f64.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Ok(Some(v as u64))
        }
        Some(_) => Err(Error::InvalidArgument {
            message: format!("{name} must be a non-negative whole number"),
        }),
    }
}

impl JsOptions {
    fn parse(json: &str) -> Result<Self, Error> {
        serde_json::from_str(json).map_err(|e| Error::InvalidArgument {
            message: format!("options: {}", strip_position(&e.to_string())),
        })
    }

    fn provider(&self) -> Result<Provider, Error> {
        match &self.provider {
            Some(id) => id.parse(),
            None => detect_provider(&self.headers).ok_or(Error::ProviderNotDetected),
        }
    }

    fn secrets(&mut self) -> Result<Vec<String>, Error> {
        self.secret
            .take()
            .map(SecretInput::into_list)
            .ok_or_else(|| invalid("secret is required"))
    }

    fn now_ms(&self) -> Result<u64, Error> {
        // Date.now() is a non-negative whole number of milliseconds.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let default = || js_sys::Date::now() as u64;
        Ok(whole(self.now, "now")?.unwrap_or_else(default))
    }

    fn verify_options(&self) -> Result<VerifyOptions, Error> {
        let mut options = VerifyOptions::default();
        if let Some(v) = whole(self.tolerance_seconds, "toleranceSeconds")? {
            options.tolerance_seconds = v;
        }
        if let Some(v) = whole(self.max_body_bytes, "maxBodyBytes")? {
            options.max_body_bytes = usize::try_from(v).unwrap_or(usize::MAX);
        }
        if let Some(v) = whole(self.leeway_seconds, "leewaySeconds")? {
            options.leeway_seconds = v;
        }
        options.max_age_seconds = whole(self.max_age_seconds, "maxAgeSeconds")?;
        options.audience.clone_from(&self.audience);
        options.subject.clone_from(&self.subject);
        options.allow_unsigned = self.allow_unsigned.unwrap_or(false);
        Ok(options)
    }
}

/// serde's messages end with " at line 1 column 42"; callers do not need the position.
fn strip_position(message: &str) -> &str {
    message.split(" at line ").next().unwrap_or(message)
}

/// A JS `Error` with `code` and `provider` properties.
fn js_error(error: &Error, provider: Option<Provider>) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    js.set_name("WebhookVerificationError");
    let object: &JsValue = js.as_ref();
    let provider = provider.map_or(JsValue::NULL, |p| JsValue::from_str(p.id()));
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(object, &"code".into(), &error.code().into());
    let _ = js_sys::Reflect::set(object, &"provider".into(), &provider);
    js.into()
}

/// Verifies a delivery whose body is given as bytes; returns the event as JSON.
///
/// # Errors
/// Throws a JS `Error` with `code` (SPEC section 3) and `provider`.
#[wasm_bindgen(js_name = verifyBytes)]
pub fn verify_bytes(options: &str, body: &[u8]) -> Result<String, JsValue> {
    verify_json(options, body).map_err(|(e, p)| js_error(&e, p))
}

/// Verifies a delivery whose body is the exact raw text; returns the event as JSON.
///
/// # Errors
/// Throws a JS `Error` with `code` (SPEC section 3) and `provider`.
#[wasm_bindgen(js_name = verifyText)]
pub fn verify_text(options: &str, body: &str) -> Result<String, JsValue> {
    verify_json(options, body.as_bytes()).map_err(|(e, p)| js_error(&e, p))
}

/// The pure part of `verifyBytes`: JSON options in, event JSON out.
///
/// # Errors
/// The refusal, with the provider when one was known.
pub fn verify_json(options: &str, body: &[u8]) -> Result<String, (Error, Option<Provider>)> {
    let mut options = JsOptions::parse(options).map_err(|e| (e, None))?;
    let provider = options.provider().map_err(|e| (e, None))?;
    let with_provider = |e| (e, Some(provider));
    let secrets = options.secrets().map_err(with_provider)?;
    let now = options.now_ms().map_err(with_provider)?;
    let verify_options = options.verify_options().map_err(with_provider)?;
    let verifier = Verifier::new(provider, secrets).map_err(with_provider)?;
    let event = verifier
        .with_options(verify_options)
        .verify_at(&options.headers, body, now)
        .map_err(with_provider)?;
    serde_json::to_string(&event).map_err(|_| with_provider(invalid("event not serializable")))
}

/// Signs a body as the provider would; returns the headers as a JSON object.
///
/// # Errors
/// Throws a JS `Error` with `code` and `provider`.
#[wasm_bindgen(js_name = signBytes)]
pub fn sign_bytes(options: &str, body: &[u8]) -> Result<String, JsValue> {
    sign_json(options, body).map_err(|(e, p)| js_error(&e, p))
}

/// The pure part of `signBytes`.
///
/// # Errors
/// The refusal, with the provider when one was known.
pub fn sign_json(options: &str, body: &[u8]) -> Result<String, (Error, Option<Provider>)> {
    let mut options = JsOptions::parse(options).map_err(|e| (e, None))?;
    let id = options
        .provider
        .as_deref()
        .ok_or((invalid("provider is required"), None))?;
    let provider: Provider = id.parse().map_err(|e| (e, None))?;
    let with_provider = |e| (e, Some(provider));
    let secret = options
        .secrets()
        .map_err(with_provider)?
        .into_iter()
        .next()
        .unwrap_or_default();
    let mut sign_options = SignOptions::at(options.now_ms().map_err(with_provider)?);
    sign_options.id = options.id.take();
    sign_options.audience = options.audience.take();
    sign_options.subject = options.subject.take();
    sign_options.event_type = options.event_type.take();
    let signed = crate::sign(provider, &secret, body, &sign_options).map_err(with_provider)?;
    let headers: BTreeMap<&str, &str> = signed
        .headers
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect();
    serde_json::to_string(&headers).map_err(|_| with_provider(invalid("headers not serializable")))
}

/// The provider id for these headers (a JSON object of strings), or `undefined`.
#[wasm_bindgen]
#[must_use]
pub fn detect(headers: &str) -> Option<String> {
    let headers: BTreeMap<String, String> = serde_json::from_str(headers).ok()?;
    detect_provider(&headers).map(|p| p.id().to_owned())
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProviderInfo {
    id: &'static str,
    name: &'static str,
    scheme: &'static str,
    signature_header: &'static str,
}

/// Every provider as JSON: `[{id, name, scheme, signatureHeader}]`.
#[wasm_bindgen]
#[must_use]
pub fn providers() -> String {
    let list: Vec<ProviderInfo> = Provider::ALL
        .into_iter()
        .map(|p| ProviderInfo {
            id: p.id(),
            name: p.name(),
            scheme: p.scheme_name(),
            signature_header: p.signature_header(),
        })
        .collect();
    serde_json::to_string(&list).unwrap_or_else(|_| "[]".to_owned())
}
