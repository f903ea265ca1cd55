//! The Worker's decisions, free of Workers types: route, verify, and build the forward.

use serde_json::{json, Value};
use smshook::{Category, Error, Provider, Verifier};

use crate::config::{Config, ForwardMode};

/// An answer to the caller.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// JSON body.
    pub body: Value,
}

impl Reply {
    /// `{"error": code}` with a status.
    #[must_use]
    pub fn error(status: u16, code: &str) -> Self {
        Self {
            status,
            body: json!({ "error": code }),
        }
    }
}

/// A verified delivery, ready to be signed and sent to the receiver (now or from a queue).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Delivery {
    /// Provider id.
    pub provider: String,
    /// The event id (`webhook-id` of the forward, and the dedupe key).
    pub id: String,
    /// The forwarded body.
    #[serde(with = "base64_bytes")]
    pub body: Vec<u8>,
    /// Headers sent with it besides the Standard Webhooks ones.
    pub headers: Vec<(String, String)>,
}

/// What the Worker does with a request.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Answer right away.
    Reply(Reply),
    /// Forward (or enqueue) this delivery, then answer by the result.
    Forward(Delivery),
}

/// Headers of the provider passed along in raw mode, so the receiver can check the
/// provider's own signature too.
pub const PASSTHROUGH: [&str; 7] = [
    "x-signature",
    "x-webhook-signature",
    "x-webhook-timestamp",
    "x-webhook-delivery-id",
    "x-textus-signature",
    "authorization",
    "x-event-type",
];

/// The status for a verification error.
#[must_use]
pub fn status_for(error: &Error) -> u16 {
    match error.category() {
        Category::Payload => 400,
        Category::TooLarge => 413,
        Category::Configuration => 503,
        Category::Usage => 400,
        _ => 401,
    }
}

/// Routes and verifies one request.
#[must_use]
pub fn handle(
    method: &str,
    path: &str,
    headers: &[(String, String)],
    body: &[u8],
    config: &Config,
    now_ms: u64,
) -> Outcome {
    if path == "/healthz" {
        return Outcome::Reply(match method {
            "GET" | "HEAD" => Reply {
                status: 200,
                body: json!({ "ok": true }),
            },
            _ => Reply::error(405, "method_not_allowed"),
        });
    }
    let Some(id) = path
        .strip_prefix("/webhooks/")
        .filter(|id| !id.contains('/'))
    else {
        return Outcome::Reply(Reply::error(404, "not_found"));
    };
    let Ok(provider) = id.parse::<Provider>() else {
        return Outcome::Reply(Reply::error(404, "unknown_provider"));
    };
    if method != "POST" {
        return Outcome::Reply(Reply::error(405, "method_not_allowed"));
    }
    let secrets = config.secrets(provider);
    let Ok(forward) = &config.forward else {
        return Outcome::Reply(Reply::error(503, "not_configured"));
    };
    if secrets.is_empty() {
        return Outcome::Reply(Reply::error(503, "not_configured"));
    }
    let verified = Verifier::new(provider, secrets)
        .map(|v| v.with_options(config.options(provider)))
        .and_then(|v| v.verify_at(headers, body, now_ms));
    let event = match verified {
        Ok(event) => event,
        Err(error) => return Outcome::Reply(Reply::error(status_for(&error), error.code())),
    };
    let (body, mut forwarded_headers) = match forward.mode {
        ForwardMode::Event => match serde_json::to_vec(&event) {
            Ok(json) => (
                json,
                vec![("content-type".to_owned(), "application/json".to_owned())],
            ),
            Err(_) => return Outcome::Reply(Reply::error(500, "internal_error")),
        },
        ForwardMode::Raw => {
            let content_type = header(headers, "content-type").unwrap_or("application/json");
            let mut list = vec![("content-type".to_owned(), content_type.to_owned())];
            for name in PASSTHROUGH {
                if let Some(value) = header(headers, name) {
                    list.push((name.to_owned(), value.to_owned()));
                }
            }
            (body.to_vec(), list)
        }
    };
    forwarded_headers.push(("smshook-provider".to_owned(), provider.id().to_owned()));
    Outcome::Forward(Delivery {
        provider: provider.id().to_owned(),
        id: event.id,
        body,
        headers: forwarded_headers,
    })
}

fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// What became of a forward attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForwardResult {
    /// The receiver answered with this status.
    Status(u16),
    /// The receiver could not be reached.
    Unreachable,
    /// The receiver did not answer in time.
    TimedOut,
}

/// The answer to the provider after a forward: 200 only on the receiver's 2xx, so every
/// other outcome makes the provider retry.
#[must_use]
pub fn reply_for(result: ForwardResult, id: &str) -> Reply {
    match result {
        ForwardResult::Status(s) if (200..300).contains(&s) => Reply {
            status: 200,
            body: json!({ "ok": true, "id": id }),
        },
        ForwardResult::Status(_) => Reply::error(502, "receiver_error"),
        ForwardResult::Unreachable => Reply::error(502, "receiver_unreachable"),
        ForwardResult::TimedOut => Reply::error(504, "receiver_timeout"),
    }
}

/// The Standard Webhooks headers for sending `delivery` at `now_ms`.
///
/// # Errors
/// When the forward secret is not a `whsec_` secret (checked at configuration time).
pub fn signed_headers(
    delivery: &Delivery,
    secret: &str,
    now_ms: u64,
) -> Result<Vec<(String, String)>, Error> {
    let mut options = smshook::SignOptions::at(now_ms);
    options.id = Some(delivery.id.clone());
    let signed = smshook::sign(Provider::Standard, secret, &delivery.body, &options)?;
    let mut headers = delivery.headers.clone();
    headers.extend(
        signed
            .headers
            .into_iter()
            .filter(|(name, _)| name.starts_with("webhook-"))
            .map(|(name, value)| (name.to_owned(), value)),
    );
    Ok(headers)
}

mod base64_bytes {
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine as _;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        STANDARD.decode(text).map_err(serde::de::Error::custom)
    }
}
