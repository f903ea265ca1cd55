//! The Worker's decisions, free of Workers types: route, verify, and build the forward.

use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use smshook::{Error, Provider, WEBHOOK_ID, WEBHOOK_SIGNATURE, WEBHOOK_TIMESTAMP};

use crate::config::{Config, ForwardMode};
use crate::limits::{queue_message_bytes, QUEUE_MESSAGE_LIMIT};

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

/// The `webhook-id` of a forward and its dedupe key, from the event id (SPEC section 5):
/// the id itself when it is 1 to 256 printable ASCII characters (0x21 to 0x7E), which any
/// HTTP header carries; otherwise `sha256:` + the lowercase hex SHA-256 of its UTF-8 (so
/// CR, LF, NUL, non-ASCII, spaces or an empty id never reach a header). Applying it twice
/// changes nothing.
#[must_use]
pub fn forward_id(id: &str) -> String {
    if (1..=256).contains(&id.len()) && id.bytes().all(|b| (0x21..=0x7E).contains(&b)) {
        id.to_owned()
    } else {
        format!("sha256:{}", hex::encode(Sha256::digest(id.as_bytes())))
    }
}

/// A verified delivery, ready to be signed and sent to the receiver (now or from a queue).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// Provider id.
    pub provider: String,
    /// The event id, as in the forwarded body (a queued message carries its
    /// [`forward_id`] instead, which maps to itself).
    pub id: String,
    /// The forwarded body.
    pub body: Vec<u8>,
    /// Headers sent with it besides the Standard Webhooks ones.
    pub headers: Vec<(String, String)>,
}

impl Delivery {
    /// The forward's `webhook-id` and the dedupe key: [`forward_id`] of the event id.
    #[must_use]
    pub fn webhook_id(&self) -> String {
        forward_id(&self.id)
    }
}

/// What the Worker does with a request.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Answer right away.
    Reply(Reply),
    /// Forward (or enqueue) this delivery, then answer by the result.
    Forward(Delivery),
}

/// The provider's own headers passed along in raw mode (the registry's
/// `Provider::headers`), so the receiver can check the provider's signature too.
/// `authorization` (a bearer token, which does not bind the body) only with
/// `FORWARD_PROVIDER_AUTH=true`; never the Standard Webhooks headers the forward signs
/// itself.
pub fn passthrough(provider: Provider, provider_auth: bool) -> impl Iterator<Item = &'static str> {
    provider.headers().iter().copied().filter(move |name| {
        ![WEBHOOK_ID, WEBHOOK_TIMESTAMP, WEBHOOK_SIGNATURE].contains(name)
            && (provider_auth || *name != "authorization")
    })
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

/// Routes and verifies one request that has no URL of its own (tests): as
/// [`handle_request`] without one, so URL-signing providers answer 500.
#[must_use]
pub fn handle(
    method: &str,
    path: &str,
    headers: &[(String, String)],
    body: &[u8],
    config: &Config,
    now_ms: u64,
) -> Outcome {
    handle_request(method, path, None, headers, body, config, now_ms)
}

/// Routes and verifies one request. `url` is the request's own URL, which the
/// URL-signing providers (Twilio, Plivo) are verified against: the one the provider
/// requested.
#[must_use]
pub fn handle_request(
    method: &str,
    path: &str,
    url: Option<&str>,
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
    let Some(verifier) = config.verifier(provider) else {
        return Outcome::Reply(Reply::error(503, "not_configured"));
    };
    let verified = match url {
        Some(url) => verifier.verify_url_at(url, headers, body, now_ms),
        None => verifier.verify_at(headers, body, now_ms),
    };
    let event = match verified {
        Ok(event) => event,
        Err(error) => return Outcome::Reply(Reply::error(error.http_status(), error.code())),
    };
    let (body, mut forwarded_headers) = match config.forward.mode {
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
            for name in passthrough(provider, config.forward.provider_auth) {
                if let Some(value) = header(headers, name) {
                    list.push((name.to_owned(), value.to_owned()));
                }
            }
            (body.to_vec(), list)
        }
    };
    forwarded_headers.push(("smshook-provider".to_owned(), provider.id().to_owned()));
    let delivery = Delivery {
        provider: provider.id().to_owned(),
        id: event.id,
        body,
        headers: forwarded_headers,
    };
    // Never acknowledge what cannot be enqueued: answer for good rather than 503 forever.
    if config.queue && !config.spool && queue_message_bytes(&delivery) > QUEUE_MESSAGE_LIMIT {
        return Outcome::Reply(Reply::error(413, "body_too_large"));
    }
    Outcome::Forward(delivery)
}

/// A verified delivery's bearer token that does not bind the body (httpSMS), to be
/// accepted once: its guard key and object ([`crate::replay::token_key`]) and the time it
/// stops being valid, its `exp` plus the leeway. `None` for every provider whose signature
/// covers the body (a replay there repeats the same event, which the claim catches).
#[must_use]
pub fn one_time_token(
    provider: Provider,
    headers: &[(String, String)],
    leeway_seconds: u64,
) -> Option<(String, String, u64)> {
    use base64::Engine as _;
    if provider.signs_body() {
        return None;
    }
    let value = header(headers, "authorization")?.trim();
    let token = value.split_once(' ').map(|(_, t)| t.trim())?;
    let claims = token.split('.').nth(1)?;
    let claims = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(claims)
        .ok()?;
    let exp = serde_json::from_slice::<Value>(&claims)
        .ok()?
        .get("exp")?
        .as_f64()?;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let until = (exp.max(0.0) as u64)
        .saturating_add(leeway_seconds)
        .saturating_mul(1000);
    let (key, object) = crate::replay::token_key(provider, token);
    Some((key, object, until))
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
    options.id = Some(delivery.webhook_id());
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

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing, clippy::unwrap_used)]
mod tests {
    use super::*;

    const TEXTBEE_SECRET: &str = "3f8a2b6c-9d1e-4f70-8a5b-c2d4e6f81a3b";

    const FORWARD_SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    /// A configuration in `mode`, with the queue bound or not, and more variables.
    fn config_with(mode: &str, queue: bool, more: &[(&str, &str)]) -> Config {
        let lookup = |name: &str| {
            let base = match name {
                "FORWARD_URL" => Some("https://receiver.example/hook"),
                "FORWARD_SECRET" => Some(FORWARD_SECRET),
                "FORWARD_MODE" => Some(mode),
                "TEXTBEE_SECRET" => Some(TEXTBEE_SECRET),
                _ => None,
            };
            let more = more.iter().find(|(k, _)| *k == name).map(|(_, v)| *v);
            more.or(base).map(str::to_owned)
        };
        Config::from_lookup(&lookup, queue).unwrap_or_else(|e| panic!("refused: {e}"))
    }

    fn config(mode: &str) -> Config {
        config_with(mode, false, &[])
    }

    /// The delivery of a signed textbee `body`, or the reply.
    fn forward(body: &str, extra: &[(&str, &str)], config: &Config) -> Result<Delivery, Reply> {
        let mut headers = signed(body);
        headers.extend(
            extra
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
        );
        match handle(
            "POST",
            "/webhooks/textbee",
            &headers,
            body.as_bytes(),
            config,
            0,
        ) {
            Outcome::Forward(delivery) => Ok(delivery),
            Outcome::Reply(reply) => Err(reply),
        }
    }

    /// The Standard Webhooks headers of a forward, as a list.
    fn forward_headers(delivery: &Delivery) -> Vec<(String, String)> {
        signed_headers(delivery, FORWARD_SECRET, 1_767_225_600_000)
            .unwrap_or_else(|e| panic!("{e}"))
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
    fn forward_ids_are_header_safe() {
        let hashed = |id: &str| format!("sha256:{}", hex::encode(Sha256::digest(id.as_bytes())));
        let long = "a".repeat(256);
        for id in ["k-1", "!~", long.as_str(), "sha256:abc"] {
            assert_eq!(forward_id(id), id, "kept as is");
        }
        let longer = "a".repeat(257);
        for id in [
            "",
            " k",
            "k ",
            "a b",
            "k\r\n1",
            "k\n",
            "nul\0",
            "tab\t",
            "caf\u{e9}",
            "\u{7f}",
            longer.as_str(),
        ] {
            let safe = forward_id(id);
            assert_eq!(safe, hashed(id), "{id:?}");
            assert_eq!(forward_id(&safe), safe, "a forward id maps to itself");
        }
        assert_eq!(
            forward_id(""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn an_id_that_is_no_header_is_forwarded_by_its_hash() {
        let body = r#"{"smsId":"1","message":"hi","webhookEvent":"MESSAGE_RECEIVED","idempotencyKey":" k\r\n\u0000\u00e9 ","sender":"+1555"}"#;
        let id = " k\r\n\u{0}\u{e9} ";
        let delivery = forward(body, &[], &config("event")).unwrap_or_else(|r| panic!("{r:?}"));
        assert_eq!(delivery.id, id, "the delivery keeps the real id");
        let json: Value = serde_json::from_slice(&delivery.body).unwrap_or_default();
        assert_eq!(json["id"], id, "so does the forwarded body");
        let headers = forward_headers(&delivery);
        assert_eq!(
            header(&headers, "webhook-id"),
            Some(forward_id(id).as_str())
        );
        let verified = smshook::Verifier::new(Provider::Standard, [FORWARD_SECRET])
            .and_then(|v| v.verify_at(&headers, &delivery.body, 1_767_225_600_000));
        assert!(verified.is_ok(), "{verified:?}");
        // An empty id never becomes an empty webhook-id.
        let empty = Delivery {
            id: String::new(),
            ..delivery
        };
        let headers = forward_headers(&empty);
        assert_eq!(
            header(&headers, "webhook-id"),
            Some(forward_id("").as_str())
        );
    }

    #[test]
    fn raw_mode_passes_authorization_only_when_asked() {
        let list = |p: Provider, auth| passthrough(p, auth).collect::<Vec<_>>();
        assert_eq!(list(Provider::Httpsms, false), ["x-event-type"]);
        assert_eq!(
            list(Provider::Httpsms, true),
            ["authorization", "x-event-type"]
        );
        assert!(
            list(Provider::Standard, true).is_empty(),
            "the forward signs its own"
        );
        let bearer = [("authorization", "Bearer t")];
        let plain = forward(BODY, &bearer, &config("raw")).unwrap_or_else(|r| panic!("{r:?}"));
        assert_eq!(header(&plain.headers, "authorization"), None);
        assert!(header(&plain.headers, "x-signature").is_some());
        let event = config_with("event", false, &[("FORWARD_PROVIDER_AUTH", "true")]);
        let event = forward(BODY, &bearer, &event).unwrap_or_else(|r| panic!("{r:?}"));
        assert_eq!(
            header(&event.headers, "authorization"),
            None,
            "event mode passes none"
        );
    }

    /// A textbee body of exactly `len` bytes whose message is `unit` repeated.
    fn textbee_body(len: usize, unit: &str) -> String {
        let shell = |text: &str| {
            format!(
                r#"{{"smsId":"1","message":"{text}","webhookEvent":"MESSAGE_RECEIVED","idempotencyKey":"k","sender":"+1"}}"#
            )
        };
        let room = len - shell("").len();
        let mut text = unit.repeat(room / unit.len());
        text.push_str(&" ".repeat(room % unit.len()));
        shell(&text)
    }

    #[test]
    fn queue_mode_refuses_what_no_message_can_carry() {
        for (mode, unit) in [
            ("event", "\\u0001"),
            ("event", "\\\""),
            ("event", "\u{e9}"),
            ("raw", "x"),
        ] {
            let c = config_with(mode, true, &[]);
            let body = textbee_body(c.max_body_bytes, unit);
            assert_eq!(body.len(), c.max_body_bytes);
            let delivery = forward(&body, &[], &c).unwrap_or_else(|r| panic!("{mode}: {r:?}"));
            assert!(
                queue_message_bytes(&delivery) <= QUEUE_MESSAGE_LIMIT,
                "{mode} {unit}"
            );
            let over = textbee_body(c.max_body_bytes + 1, unit);
            assert_eq!(
                forward(&over, &[], &c),
                Err(Reply::error(413, "body_too_large"))
            );
        }
        // Headers can still overflow a raw message: refused for good, not 503 forever.
        let c = config_with("raw", true, &[]);
        let body = textbee_body(c.max_body_bytes, "x");
        let bloated = "d".repeat(16 * 1024);
        // (A content type passed along in raw mode, 16 KiB long.)
        let mut headers = signed(&body);
        for (name, value) in &mut headers {
            if name.eq_ignore_ascii_case("content-type") {
                value.clone_from(&bloated);
            }
        }
        let outcome = |config: &Config| match handle(
            "POST",
            "/webhooks/textbee",
            &headers,
            body.as_bytes(),
            config,
            0,
        ) {
            Outcome::Forward(_) => None,
            Outcome::Reply(reply) => Some(reply),
        };
        assert_eq!(outcome(&c), Some(Reply::error(413, "body_too_large")));
        assert_eq!(outcome(&config_with("raw", false, &[])), None);
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

    #[test]
    fn only_tokens_that_do_not_bind_the_body_are_one_time() {
        use base64::Engine as _;
        let claims = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(br#"{"exp":1000}"#);
        let auth = vec![("Authorization".to_owned(), format!("Bearer h.{claims}.sig"))];
        let (key, object, until) = one_time_token(Provider::Httpsms, &auth, 60).unwrap();
        assert_eq!(until, 1_060_000);
        assert!(key.starts_with("token:") && !key.contains("sig"));
        assert!(object.starts_with("httpsms:tokens:"));
        // Vonage's token binds the body by its hash; the others sign the body itself.
        for provider in [Provider::Vonage, Provider::Textbee, Provider::Twilio] {
            assert_eq!(one_time_token(provider, &auth, 60), None);
        }
        assert_eq!(one_time_token(Provider::Httpsms, &[], 60), None);
    }
}
