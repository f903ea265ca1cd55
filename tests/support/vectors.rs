//! The shared vector runner: every runtime (native Rust, wasm under Node and Chrome)
//! implements [`Runtime`] and feeds every file of `tests/vectors/` through [`run_all`].
#![allow(dead_code)] // each test binary uses the part its runtime needs

use base64::Engine as _;
use serde::Deserialize;
use serde_json::{json, Map, Value};

/// The vector files (`build.rs` lists `tests/vectors/*.json`), embedded so the wasm test
/// binaries need no filesystem: `(file stem, contents)`.
pub const FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/vector_files.rs"));

/// One vector file.
#[derive(Deserialize)]
pub struct File {
    pub provider: String,
    pub source: String,
    pub cases: Vec<Case>,
}

/// One case (schema: `tests/vectors/README.md`).
#[derive(Deserialize, Clone)]
#[serde(rename_all = "camelCase")]
pub struct Case {
    pub name: String,
    pub source: String,
    pub secret: Value,
    pub headers: Map<String, Value>,
    /// The request URL (providers that sign it).
    pub url: Option<String>,
    pub body: Option<String>,
    pub body_base64: Option<String>,
    pub options: Map<String, Value>,
    pub detect: Option<Option<String>>,
    pub sign: Option<SignArgs>,
    #[serde(default)]
    pub sign_matches: bool,
    pub expect: Value,
}

impl Case {
    /// The exact body bytes.
    pub fn body_bytes(&self) -> Vec<u8> {
        match (&self.body, &self.body_base64) {
            (Some(text), _) => text.as_bytes().to_vec(),
            (None, Some(b64)) => base64::engine::general_purpose::STANDARD
                .decode(b64)
                .expect("bodyBase64 is base64"),
            (None, None) => panic!("case {} has no body", self.name),
        }
    }

    /// Headers as (name, value) pairs, names as written in the file.
    pub fn header_pairs(&self) -> Vec<(String, String)> {
        self.headers
            .iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    v.as_str().expect("header values are strings").to_owned(),
                )
            })
            .collect()
    }

    /// The secrets as a list.
    pub fn secrets(&self) -> Vec<String> {
        match &self.secret {
            Value::String(s) => vec![s.clone()],
            Value::Array(list) => list
                .iter()
                .map(|s| s.as_str().expect("string").to_owned())
                .collect(),
            other => panic!("case {}: bad secret {other}", self.name),
        }
    }
}

/// Arguments of a `sign` call: a positive case's `sign` member.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignArgs {
    pub now: u64,
    pub id: Option<String>,
    pub audience: Option<String>,
    pub subject: Option<String>,
    pub event_type: Option<String>,
    pub url: Option<String>,
    pub nonce: Option<String>,
    #[serde(default)]
    pub timestamped: bool,
    /// The key to sign with when it is not the verify secret (Telnyx: the private seed).
    pub secret: Option<String>,
}

/// What `sign` produced: the headers and, for URL-signing providers, the URL to post to.
#[derive(Debug, Clone)]
pub struct SignedDelivery {
    pub headers: Vec<(String, String)>,
    pub url: Option<String>,
}

/// One way of running smshook.
pub trait Runtime {
    /// Verifies with the case's provider, secret, headers, body, URL and options: the
    /// event as JSON, or the error code.
    fn verify(
        &self,
        provider: &str,
        secrets: &[String],
        headers: &[(String, String)],
        body: &[u8],
        url: Option<&str>,
        options: &Map<String, Value>,
    ) -> Result<Value, String>;
    /// Signs; the produced headers (and URL).
    fn sign(
        &self,
        provider: &str,
        secret: &str,
        body: &[u8],
        args: &SignArgs,
    ) -> Result<SignedDelivery, String>;
    /// `detect(headers)`.
    fn detect(&self, headers: &[(String, String)]) -> Option<String>;
}

const EVENT_FIELDS: [&str; 10] = [
    "provider",
    "type",
    "providerEvent",
    "id",
    "occurredAt",
    "messageId",
    "from",
    "to",
    "text",
    "error",
];

fn compare_event(got: &Value, want: &Value, body: &[u8]) -> Result<(), String> {
    for field in EVENT_FIELDS {
        let (g, w) = (&got[field], &want[field]);
        if g != w {
            return Err(format!("field {field}: got {g}, want {w}"));
        }
    }
    let want_data = match want.get("data") {
        Some(data) => data.clone(),
        None => serde_json::from_slice(body).map_err(|e| format!("body is not JSON: {e}"))?,
    };
    if got["data"] != want_data {
        return Err(format!("data differs: got {}", got["data"]));
    }
    Ok(())
}

fn check_case(runtime: &dyn Runtime, provider: &str, case: &Case) -> Result<(), String> {
    let body = case.body_bytes();
    let headers = case.header_pairs();
    let secrets = case.secrets();
    let url = case.url.as_deref();
    let got = runtime.verify(provider, &secrets, &headers, &body, url, &case.options);
    if let Some(code) = case.expect.get("error") {
        let code = code.as_str().expect("error code");
        match got {
            Err(got) if got == code => {}
            Err(got) => return Err(format!("want error {code}, got error {got}")),
            Ok(event) => return Err(format!("want error {code}, got event {event}")),
        }
    } else {
        let want = &case.expect["event"];
        let event = got.map_err(|code| format!("want an event, got error {code}"))?;
        compare_event(&event, want, &body)?;
        // verify(sign(x)) round-trips with the first secret.
        let args = case
            .sign
            .clone()
            .expect("positive cases carry their sign arguments");
        let signing_secret = args.secret.clone().unwrap_or_else(|| secrets[0].clone());
        let delivery = runtime
            .sign(provider, &signing_secret, &body, &args)
            .map_err(|code| format!("sign failed: {code}"))?;
        let signed = delivery.headers;
        let signed_url = delivery.url.as_deref().or(url);
        let again = runtime
            .verify(
                provider,
                &secrets,
                &signed,
                &body,
                signed_url,
                &case.options,
            )
            .map_err(|code| format!("verify(sign(x)) failed: {code}"))?;
        compare_event(&again, want, &body).map_err(|e| format!("round trip: {e}"))?;
        if case.sign_matches {
            for (name, value) in &headers {
                let produced = signed.iter().find(|(k, _)| k.eq_ignore_ascii_case(name));
                match produced {
                    Some((_, v)) if v == value => {}
                    other => {
                        return Err(format!("sign: header {name}: got {other:?}, want {value}"))
                    }
                }
            }
        }
    }
    if let Some(want) = &case.detect {
        let got = runtime.detect(&headers);
        if &got != want {
            return Err(format!("detect: got {got:?}, want {want:?}"));
        }
    }
    Ok(())
}

/// Runs every case of every file; returns (cases run, failures).
pub fn run_all(runtime: &dyn Runtime) -> (usize, Vec<String>) {
    // Every registered provider has a vector file, and every file is a registered provider.
    let stems: Vec<&str> = FILES.iter().map(|(stem, _)| *stem).collect();
    let mut ids: Vec<&str> = smshook::Provider::ALL.iter().map(|p| p.id()).collect();
    ids.sort_unstable();
    assert_eq!(
        stems, ids,
        "tests/vectors/<id>.json for exactly the registered providers"
    );
    let mut failures = Vec::new();
    let mut count = 0;
    for (name, text) in FILES {
        let file: File = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}.json: {e}"));
        assert_eq!(&file.provider, name, "{name}.json names its provider");
        assert!(!file.source.is_empty(), "{name}.json states its source");
        assert!(file.cases.len() >= 10, "{name}.json has too few cases");
        for case in &file.cases {
            assert!(
                !case.source.is_empty(),
                "{name}/{} states its source",
                case.name
            );
            count += 1;
            if let Err(e) = check_case(runtime, &file.provider, case) {
                failures.push(format!("{name}/{}: {e}", case.name));
            }
        }
    }
    (count, failures)
}

/// Builds the JSON options object of the JS-facing API for a case.
fn js_options(
    provider: &str,
    secrets: &[String],
    headers: &[(String, String)],
    url: Option<&str>,
    options: &Map<String, Value>,
) -> String {
    let mut object = options.clone();
    if let Some(url) = url {
        object.insert("url".into(), json!(url));
    }
    object.insert("provider".into(), json!(provider));
    object.insert("secret".into(), json!(secrets));
    let headers: Map<String, Value> = headers
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), json!(v)))
        .collect();
    object.insert("headers".into(), Value::Object(headers));
    Value::Object(object).to_string()
}

/// The JSON options object of the JS-facing `sign`.
fn js_sign_options(provider: &str, secret: &str, args: &SignArgs) -> String {
    let mut object = json!({ "provider": provider, "secret": secret, "now": args.now });
    for (key, value) in [
        ("id", &args.id),
        ("audience", &args.audience),
        ("subject", &args.subject),
        ("eventType", &args.event_type),
        ("url", &args.url),
        ("nonce", &args.nonce),
    ] {
        if let Some(value) = value {
            object[key] = json!(value);
        }
    }
    if args.timestamped {
        object["timestamped"] = json!(true);
    }
    object.to_string()
}

/// A runtime that speaks the JSON protocol of `src/wasm.rs` (the npm package's): options
/// JSON in, event or headers JSON out, refusals as error codes. Natively that is the
/// `verify_json` layer; in wasm, the `#[wasm_bindgen]` exports themselves.
pub struct JsonProtocol {
    /// Options JSON and body → event JSON, or the error code.
    pub verify: fn(&str, &[u8]) -> Result<String, String>,
    /// Sign options JSON and body → `{"headers", "url"?}` JSON, or the error code.
    pub sign: fn(&str, &[u8]) -> Result<String, String>,
    /// Packed headers (`name\0value\0…`) → provider id.
    pub detect: fn(&str) -> Option<String>,
}

impl Runtime for JsonProtocol {
    fn verify(
        &self,
        provider: &str,
        secrets: &[String],
        headers: &[(String, String)],
        body: &[u8],
        url: Option<&str>,
        options: &Map<String, Value>,
    ) -> Result<Value, String> {
        let event = (self.verify)(&js_options(provider, secrets, headers, url, options), body)?;
        Ok(serde_json::from_str(&event).expect("event JSON"))
    }

    fn sign(
        &self,
        provider: &str,
        secret: &str,
        body: &[u8],
        args: &SignArgs,
    ) -> Result<SignedDelivery, String> {
        let signed = (self.sign)(&js_sign_options(provider, secret, args), body)?;
        let signed: Value = serde_json::from_str(&signed).expect("signed JSON");
        let headers = signed["headers"].as_object().expect("headers object");
        Ok(SignedDelivery {
            headers: headers
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                .collect(),
            url: signed.get("url").and_then(Value::as_str).map(str::to_owned),
        })
    }

    fn detect(&self, headers: &[(String, String)]) -> Option<String> {
        // Packed as the JS layer packs them: `name\0value\0…`, lowercase names.
        let packed: String = headers
            .iter()
            .map(|(k, v)| format!("{}\0{v}\0", k.to_ascii_lowercase()))
            .collect();
        (self.detect)(&packed)
    }
}
