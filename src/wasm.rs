//! The `#[wasm_bindgen]` exports the npm package wraps, and nothing else.
//!
//! Options cross the boundary as one JSON string and events come back as one JSON string:
//! `JSON.stringify`/`JSON.parse` on the JS side are faster than building objects field by
//! field through the boundary. Bodies cross as bytes (`verifyBytes`) or as the exact raw
//! string (`verifyText`). Errors are thrown as JS `Error`s carrying `code` and `provider`.

use serde::Serialize;
use wasm_bindgen::prelude::*;

pub(crate) mod host;
mod verifiers;

pub use host::{host_crypto, use_host_crypto};
pub use verifiers::{event_head_json, unpack_headers, Refusal, Request, Verifiers};

use crate::json::{self, Object};
use crate::{detect as detect_provider, Error, Provider, SignOptions, VerifyOptions};

/// One JS operation: its name (the prefix of its messages) and the options it accepts.
/// This is the one place options are validated: the JS layer only turns what JSON cannot
/// carry (a `Date`, a non-finite number) into values this layer refuses or reads.
#[derive(Clone, Copy)]
struct Operation {
    name: &'static str,
    /// The accepted option names, in groups (several operations share a group).
    keys: &'static [&'static [&'static str]],
}

/// The options that tune the checks of a delivery (`VerifyOptions`), read by `verify`
/// and by `createVerifier` alike.
const CHECKS: &[&str] = &[
    "now",
    "toleranceSeconds",
    "maxBodyBytes",
    "leewaySeconds",
    "maxAgeSeconds",
    "audience",
    "subject",
    "allowUnsigned",
];

const VERIFY: Operation = Operation {
    name: "verify",
    keys: &[&["provider", "secret", "headers", "url"], CHECKS],
};

const SIGN: Operation = Operation {
    name: "sign",
    keys: &[&[
        "provider",
        "secret",
        "now",
        "id",
        "audience",
        "subject",
        "eventType",
        "url",
        "nonce",
        "timestamped",
    ]],
};

/// The options object of the JS `verify` and `sign` (JSON from the JS layer, with headers
/// already normalized to an object of strings), read without typed deserialization.
struct JsOptions<'a> {
    operation: Operation,
    object: Object<'a>,
    headers: Vec<(String, String)>,
}

fn invalid(message: &str) -> Error {
    Error::InvalidArgument {
        message: message.to_owned(),
    }
}

impl<'a> JsOptions<'a> {
    fn parse(text: &'a str, operation: Operation) -> Result<Self, Error> {
        let object = json::object(text).map_err(|_| invalid("options must be a JSON object"))?;
        for (key, _) in object.members() {
            let name = json::text(Some(key)).unwrap_or_default();
            if !operation
                .keys
                .iter()
                .any(|group| group.contains(&name.as_str()))
            {
                return Err(Error::InvalidArgument {
                    message: format!("{}: unknown option \"{name}\"", operation.name),
                });
            }
        }
        let mut headers = Vec::new();
        if let Some(raw) = object.get("headers") {
            let map = Object::of(raw).ok_or_else(|| invalid("headers must be an object"))?;
            for (name, value) in map.members() {
                let name = json::text(Some(name))
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                let value = json::text(Some(value))
                    .ok_or_else(|| invalid("header values must be strings"))?;
                headers.push((name, value));
            }
        }
        Ok(Self {
            operation,
            object,
            headers,
        })
    }

    fn text(&self, key: &str) -> Result<Option<String>, Error> {
        match self.object.get(key) {
            None => Ok(None),
            raw => json::text(raw)
                .map(Some)
                .ok_or_else(|| self.invalid(key, "must be a string")),
        }
    }

    /// A non-negative whole number option.
    fn whole(&self, key: &str) -> Result<Option<u64>, Error> {
        match self.object.get(key) {
            None => Ok(None),
            raw => json::unsigned(raw)
                .map(Some)
                .ok_or_else(|| self.invalid(key, "must be a non-negative whole number")),
        }
    }

    /// `invalid_argument` for an option, named with the operation.
    fn invalid(&self, key: &str, what: &str) -> Error {
        Error::InvalidArgument {
            message: format!("{}: {key} {what}", self.operation.name),
        }
    }

    fn secrets(&self) -> Result<Vec<String>, Error> {
        let raw = self
            .object
            .get("secret")
            .ok_or_else(|| self.invalid("secret", "is required"))?;
        self.secret_list("secret", raw)
    }

    /// A secret option's value: a string, or a rotation list of strings.
    fn secret_list(&self, key: &str, raw: &str) -> Result<Vec<String>, Error> {
        if let Some(one) = json::text(Some(raw)) {
            return Ok(vec![one]);
        }
        let shape = "must be a string or an array of strings";
        let items = json::array(raw).ok_or_else(|| self.invalid(key, shape))?;
        items
            .into_iter()
            .map(|item| json::text(Some(item)).ok_or_else(|| self.invalid(key, shape)))
            .collect()
    }

    fn now_ms(&self) -> Result<u64, Error> {
        Ok(self.whole("now")?.unwrap_or_else(host_now))
    }

    fn verify_options(&self) -> Result<VerifyOptions, Error> {
        let mut options = VerifyOptions::default();
        if let Some(v) = self.whole("toleranceSeconds")? {
            options.tolerance_seconds = v;
        }
        if let Some(v) = self.whole("maxBodyBytes")? {
            options.max_body_bytes = usize::try_from(v).unwrap_or(usize::MAX);
        }
        if let Some(v) = self.whole("leewaySeconds")? {
            options.leeway_seconds = v;
        }
        options.max_age_seconds = self.whole("maxAgeSeconds")?;
        options.audience = self.text("audience")?;
        options.subject = self.text("subject")?;
        options.allow_unsigned = self.boolean("allowUnsigned")?;
        Ok(options)
    }

    /// A boolean option, `false` when absent.
    fn boolean(&self, key: &str) -> Result<bool, Error> {
        match self.object.get(key) {
            None | Some("false") => Ok(false),
            Some("true") => Ok(true),
            Some(_) => Err(self.invalid(key, "must be a boolean")),
        }
    }
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

/// The pure part of the one-shot `verify` as one call: JSON options (with the headers,
/// `url` and `now`) in, event JSON out. The JS layer builds a [`JsVerifier`] once per
/// option set instead; this runs the same code in one step (the native vector tests).
///
/// # Errors
/// The refusal, with the provider when one was known.
pub fn verify_json(options: &str, body: &[u8]) -> Result<String, Refusal> {
    let options = JsOptions::parse(options, VERIFY).map_err(|e| (e, None))?;
    let mut verifiers = Verifiers::one_shot(&options)?;
    let named = verifiers
        .providers()
        .first()
        .copied()
        .filter(|_| verifiers.providers().len() == 1);
    let now_ms = options.whole("now").map_err(|e| (e, named))?;
    let url = options.text("url").map_err(|e| (e, named))?;
    // The same header type as `JsVerifier`'s, so the verifier code is compiled once.
    let headers: Vec<(&str, &str)> = options
        .headers
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    let request = Request {
        provider: named,
        headers: headers.as_slice(),
        body,
        url: url.as_deref(),
        now_ms,
    };
    let event = verifiers.verify(request, host_now)?;
    serde_json::to_string(&event)
        .map_err(|_| (invalid("event not serializable"), Some(event.provider)))
}

/// `Date.now()`: a non-negative whole number of milliseconds.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn host_now() -> u64 {
    js_sys::Date::now() as u64
}

/// Verifiers built once (`createVerifier`, and the one-shot `verify`'s cache): see
/// `src/wasm/verifiers.rs`.
#[wasm_bindgen(js_name = Verifier)]
#[derive(Debug)]
pub struct JsVerifier(Verifiers);

#[wasm_bindgen(js_class = Verifier)]
impl JsVerifier {
    /// `createVerifier`'s options as JSON (`secrets` and the verify options).
    ///
    /// # Errors
    /// Throws a JS `Error` with `code` and `provider`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: &str) -> Result<JsVerifier, JsValue> {
        Verifiers::configured(options)
            .map(Self)
            .map_err(|(e, p)| js_error(&e, p))
    }

    /// The one-shot `verify`'s options as JSON (`provider`, `secret`, verify options).
    ///
    /// # Errors
    /// Throws a JS `Error` with `code` and `provider`.
    #[wasm_bindgen(js_name = oneShot)]
    pub fn one_shot(options: &str) -> Result<JsVerifier, JsValue> {
        JsOptions::parse(options, VERIFY)
            .map_err(|e| (e, None))
            .and_then(|options| Verifiers::one_shot(&options))
            .map(Self)
            .map_err(|(e, p)| js_error(&e, p))
    }

    /// The providers it accepts, comma-separated, in registry order.
    #[must_use]
    pub fn providers(&self) -> String {
        let ids: Vec<&str> = self.0.providers().iter().map(|p| p.id()).collect();
        ids.join(",")
    }

    /// Verifies a delivery with a byte body. `headers` is `name\0value\0…` (lowercase,
    /// unique names); `now` is milliseconds, or -1 for the options' or the host's clock.
    /// Returns the event as JSON, without `data` when `data` is the body itself.
    ///
    /// # Errors
    /// Throws a JS `Error` with `code` and `provider`.
    #[wasm_bindgen(js_name = verifyBytes)]
    pub fn verify_bytes(
        &mut self,
        headers: &str,
        body: &[u8],
        url: Option<String>,
        now: f64,
        provider: Option<String>,
    ) -> Result<String, JsValue> {
        self.verify_packed(headers, body, url.as_deref(), now, provider.as_deref())
            .map_err(|(e, p)| js_error(&e, p))
    }

    /// As `verifyBytes`, for a body given as its exact text.
    ///
    /// # Errors
    /// Throws a JS `Error` with `code` and `provider`.
    #[wasm_bindgen(js_name = verifyText)]
    pub fn verify_text(
        &mut self,
        headers: &str,
        body: &str,
        url: Option<String>,
        now: f64,
        provider: Option<String>,
    ) -> Result<String, JsValue> {
        self.verify_packed(
            headers,
            body.as_bytes(),
            url.as_deref(),
            now,
            provider.as_deref(),
        )
        .map_err(|(e, p)| js_error(&e, p))
    }
}

impl JsVerifier {
    fn verify_packed(
        &mut self,
        headers: &str,
        body: &[u8],
        url: Option<&str>,
        now: f64,
        provider: Option<&str>,
    ) -> Result<String, Refusal> {
        let provider = provider
            .map(str::parse::<Provider>)
            .transpose()
            .map_err(|e| (e, None))?;
        let now_ms = js_millis(now).map_err(|e| (e, provider))?;
        let headers = unpack_headers(headers);
        let request = Request {
            provider,
            headers: headers.as_slice(),
            body,
            url,
            now_ms,
        };
        let event = self.0.verify(request, host_now)?;
        Ok(event_head_json(&event, body))
    }
}

/// A JS `now`: -1 for none, else a non-negative whole number of milliseconds.
fn js_millis(now: f64) -> Result<Option<u64>, Error> {
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    // -1 is the JS layer's "not given"; every other value is the caller's.
    #[allow(clippy::float_cmp)]
    if now == -1.0 {
        return Ok(None);
    }
    if now.is_finite() && now >= 0.0 && now.fract() == 0.0 && now <= MAX_SAFE {
        // Checked above: whole, non-negative and within 2^53.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        return Ok(Some(now as u64));
    }
    Err(invalid("verify: now must be a non-negative whole number"))
}

/// Signs a body as the provider would; returns `{"headers": {…}, "url"?: "…"}` as JSON
/// (`url` for providers that sign the request URL: the URL to post to).
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
    let options = JsOptions::parse(options, SIGN).map_err(|e| (e, None))?;
    let id = options.text("provider").map_err(|e| (e, None))?;
    let id = id.ok_or((options.invalid("provider", "is required"), None))?;
    let provider: Provider = id.parse().map_err(|e| (e, None))?;
    let with_provider = |e| (e, Some(provider));
    let secret = options
        .secrets()
        .map_err(with_provider)?
        .into_iter()
        .next()
        .unwrap_or_default();
    let mut sign_options = SignOptions::at(options.now_ms().map_err(with_provider)?);
    sign_options.id = options.text("id").map_err(with_provider)?;
    sign_options.audience = options.text("audience").map_err(with_provider)?;
    sign_options.subject = options.text("subject").map_err(with_provider)?;
    sign_options.event_type = options.text("eventType").map_err(with_provider)?;
    sign_options.url = options.text("url").map_err(with_provider)?;
    sign_options.nonce = options.text("nonce").map_err(with_provider)?;
    sign_options.timestamped = options.boolean("timestamped").map_err(with_provider)?;
    let signed = crate::sign(provider, &secret, body, &sign_options).map_err(with_provider)?;
    let url = signed
        .url
        .map(|url| {
            format!(
                ",\"url\":{}",
                serde_json::to_string(&url).unwrap_or_default()
            )
        })
        .unwrap_or_default();
    Ok(format!(
        "{{\"headers\":{}{url}}}",
        headers_json(&signed.headers)
    ))
}

/// `{"name":"value",…}` (names are ASCII constants; values are escaped).
fn headers_json(headers: &[(&str, String)]) -> String {
    let members: Vec<String> = headers
        .iter()
        .map(|(name, value)| {
            let value = serde_json::to_string(value).unwrap_or_default();
            format!("\"{name}\":{value}")
        })
        .collect();
    format!("{{{}}}", members.join(","))
}

/// The provider id for these headers (packed `name\0value\0…`, as `Verifier` takes
/// them), or `undefined`.
#[wasm_bindgen]
#[must_use]
pub fn detect(headers: &str) -> Option<String> {
    let headers = unpack_headers(headers);
    detect_provider(headers.as_slice()).map(|p| p.id().to_owned())
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProviderInfo {
    id: &'static str,
    name: &'static str,
    scheme: &'static str,
    signature_header: &'static str,
    headers: &'static [&'static str],
}

/// Every provider as JSON: `[{id, name, scheme, signatureHeader, headers}]`, `headers` being
/// the (lowercase) headers it sends with its signature.
#[wasm_bindgen]
#[must_use]
pub fn providers() -> String {
    let list: Vec<ProviderInfo> = Provider::ALL
        .iter()
        .copied()
        .map(|p| ProviderInfo {
            id: p.id(),
            name: p.name(),
            scheme: p.scheme_name(),
            signature_header: p.signature_header(),
            headers: p.headers(),
        })
        .collect();
    serde_json::to_string(&list).unwrap_or_else(|_| "[]".to_owned())
}

/// The HTTP status a receiver should answer for an error code (`Error::http_status`); 400
/// for a code that is not smshook's.
#[wasm_bindgen(js_name = httpStatus)]
#[must_use]
pub fn http_status(code: &str) -> u16 {
    Error::http_status_of(code).unwrap_or(400)
}
