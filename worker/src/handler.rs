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

/// Whether a request is a delivery whose body the Worker reads: a POST to
/// `/webhooks/<known provider>`.
#[must_use]
pub fn accepts_body(method: &str, path: &str) -> bool {
    method == "POST"
        && path
            .strip_prefix("/webhooks/")
            .is_some_and(|id| id.parse::<Provider>().is_ok())
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

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    const TEXTBEE_SECRET: &str = "3f8a2b6c-9d1e-4f70-8a5b-c2d4e6f81a3b";

    fn config(mode: &str) -> Config {
        Config::from_lookup(&|name| {
            match name {
                "FORWARD_URL" => Some("https://receiver.example/hook"),
                "FORWARD_SECRET" => Some("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                "FORWARD_MODE" => Some(mode),
                "TEXTBEE_SECRET" => Some(TEXTBEE_SECRET),
                _ => None,
            }
            .map(str::to_owned)
        })
    }

    fn signed(body: &str) -> Vec<(String, String)> {
        let signed = smshook::sign(
            Provider::Textbee,
            TEXTBEE_SECRET,
            body.as_bytes(),
            &smshook::SignOptions::at(0),
        );
        signed
            .map(|s| {
                s.headers
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), v))
                    .collect()
            })
            .unwrap_or_default()
    }

    const BODY: &str = r#"{"smsId":"1","message":"hi","webhookEvent":"MESSAGE_RECEIVED","idempotencyKey":"k-1","sender":"+1555"}"#;

    fn reply(outcome: Outcome) -> (u16, Value) {
        match outcome {
            Outcome::Reply(r) => (r.status, r.body),
            Outcome::Forward(d) => (0, json!({ "forward": d.id })),
        }
    }

    #[test]
    fn routes_and_statuses() {
        let c = config("event");
        let h = signed(BODY);
        let b = BODY.as_bytes();
        assert_eq!(reply(handle("GET", "/healthz", &[], b"", &c, 0)).0, 200);
        assert_eq!(reply(handle("POST", "/healthz", &[], b"", &c, 0)).0, 405);
        assert_eq!(
            reply(handle("POST", "/nope", &h, b, &c, 0)),
            (404, json!({"error": "not_found"}))
        );
        assert_eq!(
            reply(handle("POST", "/webhooks/TextBee", &h, b, &c, 0)),
            (404, json!({"error": "unknown_provider"}))
        );
        assert_eq!(
            reply(handle("PUT", "/webhooks/textbee", &h, b, &c, 0)).0,
            405
        );
        assert_eq!(
            reply(handle("POST", "/webhooks/zuc", &h, b, &c, 0)),
            (503, json!({"error": "not_configured"}))
        );
        assert_eq!(
            reply(handle("POST", "/webhooks/textbee", &[], b, &c, 0)),
            (401, json!({"error": "missing_signature"}))
        );
        assert_eq!(
            reply(handle("POST", "/webhooks/textbee", &h, b, &c, 0)),
            (0, json!({"forward": "k-1"}))
        );
    }

    #[test]
    fn event_mode_forwards_the_event_and_raw_mode_the_bytes() {
        let h = signed(BODY);
        let Outcome::Forward(event) = handle(
            "POST",
            "/webhooks/textbee",
            &h,
            BODY.as_bytes(),
            &config("event"),
            0,
        ) else {
            panic!("not forwarded");
        };
        let json: Value = serde_json::from_slice(&event.body).unwrap_or_default();
        assert_eq!(json["type"], "message.received");
        assert!(event
            .headers
            .contains(&("smshook-provider".to_owned(), "textbee".to_owned())));
        assert!(!event.headers.iter().any(|(k, _)| k == "x-signature"));

        let Outcome::Forward(raw) = handle(
            "POST",
            "/webhooks/textbee",
            &h,
            BODY.as_bytes(),
            &config("raw"),
            0,
        ) else {
            panic!("not forwarded");
        };
        assert_eq!(raw.body, BODY.as_bytes());
        assert!(raw.headers.iter().any(|(k, _)| k == "x-signature"));
    }

    #[test]
    fn only_known_deliveries_have_bodies() {
        assert!(accepts_body("POST", "/webhooks/textbee"));
        assert!(!accepts_body("POST", "/webhooks/TextBee"));
        assert!(!accepts_body("GET", "/webhooks/textbee"));
        assert!(!accepts_body("POST", "/elsewhere"));
    }

    #[test]
    fn only_2xx_is_success() {
        assert_eq!(reply_for(ForwardResult::Status(204), "i").status, 200);
        assert_eq!(reply_for(ForwardResult::Status(302), "i").status, 502);
        assert_eq!(reply_for(ForwardResult::Status(500), "i").status, 502);
        assert_eq!(reply_for(ForwardResult::Unreachable, "i").status, 502);
        assert_eq!(reply_for(ForwardResult::TimedOut, "i").status, 504);
    }

    #[test]
    fn forwards_are_standard_webhooks() {
        let delivery = Delivery {
            provider: "textbee".into(),
            id: "evt".into(),
            body: b"{}".to_vec(),
            headers: vec![],
        };
        let headers = signed_headers(
            &delivery,
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            1_767_225_600_000,
        )
        .unwrap_or_default();
        let verifier = smshook::Verifier::new(
            Provider::Standard,
            ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
        );
        let event = verifier.and_then(|v| v.verify_at(&headers, b"{}", 1_767_225_600_000));
        assert_eq!(event.map(|e| e.id).ok().as_deref(), Some("evt"));
    }
}
