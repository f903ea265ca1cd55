//! The `#[wasm_bindgen]` exports the npm package wraps, and nothing else.
//!
//! Options cross the boundary as one JSON string and events come back as one JSON string:
//! `JSON.stringify`/`JSON.parse` on the JS side are faster than building objects field by
//! field through the boundary. Bodies cross as bytes (`verifyBytes`) or as the exact raw
//! string (`verifyText`). Errors are thrown as JS `Error`s carrying `code` and `provider`.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::json::{self, Object};
use crate::{detect as detect_provider, Error, Provider, SignOptions, Verifier, VerifyOptions};

/// One JS operation: its name (the prefix of its messages) and the options it accepts.
/// This is the one place options are validated: the JS layer only turns what JSON cannot
/// carry (a `Date`, a non-finite number) into values this layer refuses or reads.
#[derive(Clone, Copy)]
struct Operation {
    name: &'static str,
    keys: &'static [&'static str],
}

const VERIFY: Operation = Operation {
    name: "verify",
    keys: &[
        "provider",
        "secret",
        "headers",
        "now",
        "toleranceSeconds",
        "maxBodyBytes",
        "leewaySeconds",
        "maxAgeSeconds",
        "audience",
        "subject",
        "allowUnsigned",
        "url",
    ],
};

const SIGN: Operation = Operation {
    name: "sign",
    keys: &[
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
    ],
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
            if !operation.keys.contains(&name.as_str()) {
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
        if let Some(one) = json::text(Some(raw)) {
            return Ok(vec![one]);
        }
        let items = json::array(raw)
            .ok_or_else(|| self.invalid("secret", "must be a string or an array of strings"))?;
        items
            .into_iter()
            .map(|item| {
                json::text(Some(item)).ok_or_else(|| {
                    self.invalid("secret", "must be a string or an array of strings")
                })
            })
            .collect()
    }

    fn now_ms(&self) -> Result<u64, Error> {
        // Date.now() is a non-negative whole number of milliseconds.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let default = || js_sys::Date::now() as u64;
        Ok(self.whole("now")?.unwrap_or_else(default))
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
    let options = JsOptions::parse(options, VERIFY).map_err(|e| (e, None))?;
    // Every option is read before the provider is detected, so that the JS layer can have
    // them checked without a delivery (an empty one then fails only on its signature).
    let named = match options.text("provider").map_err(|e| (e, None))? {
        Some(id) => Some(id.parse::<Provider>().map_err(|e| (e, None))?),
        None => None,
    };
    let secrets = options.secrets().map_err(|e| (e, named))?;
    let now = options.now_ms().map_err(|e| (e, named))?;
    let verify_options = options.verify_options().map_err(|e| (e, named))?;
    let url = options.text("url").map_err(|e| (e, named))?;
    let provider = match named {
        Some(provider) => provider,
        None => detect_provider(&options.headers).ok_or((Error::ProviderNotDetected, None))?,
    };
    let with_provider = |e| (e, Some(provider));
    let verifier = Verifier::new(provider, secrets).map_err(with_provider)?;
    let verifier = verifier.with_options(verify_options);
    let event = match url.as_deref() {
        Some(url) => verifier.verify_url_at(url, &options.headers, body, now),
        None => verifier.verify_at(&options.headers, body, now),
    }
    .map_err(with_provider)?;
    serde_json::to_string(&event).map_err(|_| with_provider(invalid("event not serializable")))
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

/// The provider id for these headers (a JSON object of strings), or `undefined`.
#[wasm_bindgen]
#[must_use]
pub fn detect(headers: &str) -> Option<String> {
    let object = json::object(headers).ok()?;
    let headers: Vec<(String, String)> = object
        .members()
        .filter_map(|(k, v)| Some((json::text(Some(k))?, json::text(Some(v))?)))
        .collect();
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
        .iter()
        .copied()
        .map(|p| ProviderInfo {
            id: p.id(),
            name: p.name(),
            scheme: p.scheme_name(),
            signature_header: p.signature_header(),
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
