//! Property tests: hostile headers and bodies never panic and every refusal has a known
//! code; the JSON member scanner agrees with `serde_json` on arbitrary JSON; the RFC 3339
//! parser agrees with `chrono` on arbitrary date-times.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use smshook::{detect, sign, Provider, SignOptions, Verifier, VerifyOptions};

const CODES: &[&str] = &[
    "missing_signature",
    "malformed_signature",
    "signature_mismatch",
    "timestamp_out_of_tolerance",
    "token_expired",
    "token_not_yet_valid",
    "algorithm_not_allowed",
    "claim_mismatch",
    "malformed_payload",
    "body_too_large",
    "invalid_secret",
];

/// Every header some provider sends (from the registry), in their usual spelling and upper
/// case, plus one every delivery has.
fn header_names() -> Vec<String> {
    let mut names: Vec<String> = Provider::ALL
        .iter()
        .flat_map(|p| p.headers().iter())
        .flat_map(|h| [(*h).to_owned(), h.to_ascii_uppercase()])
        .collect();
    names.push("content-type".to_owned());
    names
}

const NOW: u64 = 1_767_225_600_000;

fn provider() -> impl Strategy<Value = Provider> {
    prop::sample::select(Provider::ALL.to_vec())
}

/// Header values that look like the real thing often enough to reach deep code paths.
fn header_value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9a-fA-F]{0,70}",
        "sha256=[0-9a-f]{0,66}",
        "(Bearer|bearer|Basic) [A-Za-z0-9_=.-]{0,120}",
        "(v1|v2),[A-Za-z0-9+/=]{0,50}( v1,[A-Za-z0-9+/=]{0,50})?",
        "[0-9]{0,20}",
    ]
}

/// Bodies: raw bytes, and JSON-shaped text with the keys the parsers look at.
fn body() -> impl Strategy<Value = Vec<u8>> {
    let key = prop::sample::select(vec![
        "event",
        "webhookEvent",
        "data",
        "type",
        "action",
        "id",
        "timestamp",
        "message",
        "conversation",
        "messageId",
        "sent_at",
        "time",
        "delivery_id",
        "provider",
    ]);
    let leaf = prop_oneof![
        Just("null".to_owned()),
        any::<i64>().prop_map(|n| n.to_string()),
        "\"[^\"\\\\]{0,12}\"",
        Just("\"2026-01-01T00:00:00.123456+03:00\"".to_owned()),
        Just("\"MESSAGE_RECEIVED\"".to_owned()),
        Just("\"message.received\"".to_owned()),
        Just("12345678901234567890123".to_owned()),
        Just("[]".to_owned()),
    ];
    let json = leaf.prop_recursive(3, 24, 6, move |inner| {
        prop::collection::vec((key.clone(), inner), 0..6).prop_map(|fields| {
            let fields: Vec<String> = fields
                .into_iter()
                .map(|(k, v)| format!("\"{k}\":{v}"))
                .collect();
            format!("{{{}}}", fields.join(","))
        })
    });
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..256),
        json.prop_map(String::into_bytes),
    ]
}

const SECRET: &str = "a-secret-of-at-least-20-chars";

fn assert_coded(
    result: Result<smshook::Event, smshook::Error>,
    secret: &str,
) -> Result<(), TestCaseError> {
    if let Err(e) = result {
        prop_assert!(CODES.contains(&e.code()), "unexpected code {}", e.code());
        let shown = format!("{e} {e:?}");
        prop_assert!(
            !shown.contains(secret),
            "the error shows the secret: {shown}"
        );
    }
    Ok(())
}

/// Arbitrary JSON values, with the strings that stress a scanner: quotes, backslashes,
/// brackets, control characters, non-ASCII and astral characters.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let text = prop_oneof![
        any::<String>(),
        "[\"\\\\{}\\[\\],: a\u{1}\u{1f}é\u{1F600}]{0,12}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        text.clone().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 40, 5, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((text.clone(), inner), 0..5)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// JSON text of `value`: compact or spaced, and with every `escape`-th character of each
/// string (keys included) written as a `\uXXXX` escape (surrogate pairs beyond the BMP).
fn write_json(value: &serde_json::Value, spaced: bool, escape: usize, out: &mut String) {
    use serde_json::Value;
    let gap = if spaced { " \n\t" } else { "" };
    match value {
        Value::String(s) => write_string(s, escape, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(gap);
                write_json(item, spaced, escape, out);
            }
            out.push_str(gap);
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (i, (key, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(gap);
                write_string(key, escape, out);
                out.push_str(gap);
                out.push(':');
                out.push_str(gap);
                write_json(item, spaced, escape, out);
            }
            out.push_str(gap);
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}

fn write_string(s: &str, escape: usize, out: &mut String) {
    out.push('"');
    for (i, c) in s.chars().enumerate() {
        let needs = c == '"' || c == '\\' || u32::from(c) < 0x20;
        if needs || (escape > 0 && i % escape == 0) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out.push('"');
}

/// What `chrono` makes of a date-time: `Some(Some(normalized))` when it parses and the
/// UTC year is one smshook formats, `Some(None)` when it parses outside years 0–9999,
/// `None` when it does not parse.
fn chrono_normalized(s: &str) -> Option<Option<String>> {
    use chrono::{Datelike, Timelike};
    let parsed = chrono::DateTime::parse_from_rfc3339(s).ok()?;
    let utc = parsed.with_timezone(&chrono::Utc);
    if !(0..=9999).contains(&utc.year()) {
        return Some(None);
    }
    let millis = utc.nanosecond() / 1_000_000;
    Some(Some(format!(
        "{}.{millis:03}Z",
        utc.format("%Y-%m-%dT%H:%M:%S")
    )))
}

/// RFC 3339-shaped date-times with every part drawn from a slightly wider range than
/// valid (month 13, day 32, hour 24, minute 60…) and the grammar's variants.
fn date_time() -> impl Strategy<Value = String> {
    let date = (0u32..=9999, 0u32..=13, 0u32..=32);
    let time = (
        0u32..=24,
        0u32..=60,
        0u32..=59,
        prop::sample::select(vec!['T', 't', ' ']),
    );
    let fraction = prop_oneof![Just(String::new()), "\\.[0-9]{1,12}"];
    let offset = prop_oneof![
        Just("Z".to_owned()),
        Just("z".to_owned()),
        (prop::sample::select(vec!['+', '-']), 0u32..=24, 0u32..=60)
            .prop_map(|(sign, h, m)| format!("{sign}{h:02}:{m:02}")),
    ];
    (date, time, fraction, offset).prop_map(|((y, mo, d), (h, mi, s, sep), f, o)| {
        format!("{y:04}-{mo:02}-{d:02}{sep}{h:02}:{mi:02}:{s:02}{f}{o}")
    })
}

/// Verifies a delivery of `provider` the way its sample says: signed with the sample's
/// signing secret (and URL), verified with its verifying secret at that URL.
fn sign_and_verify(provider: Provider, body: &[u8]) -> Result<smshook::Event, smshook::Error> {
    let sample = provider.sample();
    let mut options = SignOptions::at(NOW);
    options.url = sample.url.map(str::to_owned);
    let signed = sign(provider, sample.secret, body, &options)?;
    let verifier = Verifier::new(provider, [sample.verifying_secret()]).unwrap();
    verify_maybe_url(&verifier, signed.url.as_deref(), &signed.headers, body, NOW)
}

/// `verify_url_at` when there is a URL, else `verify_at`.
fn verify_maybe_url(
    verifier: &Verifier,
    url: Option<&str>,
    headers: &[(&str, String)],
    body: &[u8],
    now: u64,
) -> Result<smshook::Event, smshook::Error> {
    match url {
        Some(url) => verifier.verify_url_at(url, headers, body, now),
        None => verifier.verify_at(headers, body, now),
    }
}

/// Verifies a correctly signed textbee delivery of `body` (received at `NOW`).
fn textbee_event(body: &[u8]) -> Result<smshook::Event, smshook::Error> {
    let signed = sign(Provider::Textbee, SECRET, body, &SignOptions::at(NOW)).unwrap();
    Verifier::new(Provider::Textbee, [SECRET])
        .unwrap()
        .verify_at(&signed.headers, body, NOW)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Arbitrary headers and bodies: `Ok` or a coded error, never a panic.
    #[test]
    fn hostile_deliveries_get_coded_errors(
        provider in provider(),
        headers in prop::collection::vec((prop::sample::select(header_names()), header_value()), 0..6),
        body in body(),
        now in prop_oneof![Just(NOW), any::<u64>()],
    ) {
        let sample = provider.sample();
        let secret = sample.verifying_secret();
        let mut options = VerifyOptions::default();
        options.allow_unsigned = now % 2 == 0;
        options.max_age_seconds = Some(60);
        let verifier = Verifier::new(provider, [secret]).unwrap().with_options(options);
        let url = sample.url.map(|url| if now % 3 == 0 { format!("{url}?bodySHA256=00") } else { url.to_owned() });
        let result = match &url {
            Some(url) => verifier.verify_url_at(url, &headers, &body, now),
            None => verifier.verify_at(&headers, &body, now),
        };
        assert_coded(result, secret)?;
        let _ = detect(&headers);
    }

    /// Correctly signed arbitrary bodies reach the payload parsers: an event or
    /// `malformed_payload`, never a panic, never a signature error.
    #[test]
    fn signed_bodies_reach_the_parsers(provider in provider(), body in body()) {
        // The URL-signing providers take form bodies (Twilio also JSON ones, by the URL).
        let url_signed = provider.sample().url.is_some();
        let form = url_signed && !(provider == Provider::Twilio && body.first() == Some(&b'{'));
        match sign_and_verify(provider, &body) {
            // Their sign refuses a body that is not a form.
            Err(e) if url_signed && e.code() == "invalid_argument" => {}
            Ok(event) => {
                if provider != Provider::Standard && !form {
                    prop_assert_eq!(event.provider, provider);
                    // data is the body, every member kept.
                    let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
                    prop_assert_eq!(event.data_value().unwrap(), body);
                }
                // The event's JSON reads back as the same event.
                let json = serde_json::to_string(&event).unwrap();
                let again: smshook::Event = serde_json::from_str(&json).unwrap();
                prop_assert_eq!(serde_json::to_string(&again).unwrap(), json);
            }
            Err(e) => prop_assert!(
                e.code() == "malformed_payload"
                    || (provider == Provider::MessagesDev && e.code() == "timestamp_out_of_tolerance"),
                "signed body refused with {}", e.code()
            ),
        }
    }

    /// The member scanner reads what `serde_json` reads: for any JSON members around
    /// textbee's fields, however spaced and escaped (duplicate keys included: the last
    /// wins, as in `JSON.parse`), the event's fields are the parsed values.
    #[test]
    fn the_scanner_agrees_with_serde_json(
        extra in prop::collection::vec(("[a-zA-Z]{1,8}", json_value()), 0..6),
        message in json_value(),
        sender in prop_oneof![any::<String>().prop_map(serde_json::Value::String), json_value()],
        sms_id in prop_oneof![
            any::<i64>().prop_map(serde_json::Value::from),
            any::<String>().prop_map(serde_json::Value::String),
        ],
        spaced in any::<bool>(),
        escape in 0usize..4,
        duplicate in any::<bool>(),
    ) {
        let mut body = String::from("{");
        let mut members: Vec<(String, serde_json::Value)> = extra;
        if duplicate {
            members.push(("message".into(), serde_json::Value::String("first".into())));
        }
        members.push(("message".into(), message));
        members.push(("sender".into(), sender));
        members.push(("smsId".into(), sms_id));
        members.push(("webhookEvent".into(), "MESSAGE_RECEIVED".into()));
        for (i, (key, value)) in members.iter().enumerate() {
            if i > 0 {
                body.push(',');
            }
            write_string(key, escape, &mut body);
            body.push_str(if spaced { " : " } else { ":" });
            write_json(value, spaced, escape, &mut body);
        }
        body.push('}');
        let parsed: serde_json::Value = serde_json::from_str(&body).unwrap();
        let event = textbee_event(body.as_bytes()).unwrap();
        prop_assert_eq!(event.data_value().unwrap(), parsed.clone());
        prop_assert_eq!(event.kind.as_str(), "message.received");
        prop_assert_eq!(event.text.as_deref(), parsed["message"].as_str());
        prop_assert_eq!(event.from.as_deref(), parsed["sender"].as_str());
        let id = match &parsed["smsId"] {
            serde_json::Value::String(s) => s.clone(),
            number => number.to_string(),
        };
        prop_assert_eq!(event.message_id.as_deref(), Some(id.as_str()));
    }

    /// RFC 3339 times normalize as `chrono` reads them (UTC, milliseconds truncated);
    /// what chrono refuses, smshook leaves null.
    #[test]
    fn rfc3339_agrees_with_chrono(time in prop_oneof![date_time(), any::<String>()]) {
        let body = serde_json::json!({
            "smsId": "1",
            "webhookEvent": "MESSAGE_RECEIVED",
            "receivedAt": time,
        })
        .to_string();
        let event = textbee_event(body.as_bytes()).unwrap();
        let ours = event.occurred_at;
        match chrono_normalized(&time) {
            // A leap second: smshook reads :60 as :59 (chrono as the next second).
            Some(_) if time.get(17..19) == Some("60") => {}
            Some(expected) => prop_assert_eq!(ours, expected, "{}", time),
            // smshook also takes ISO 8601's offsets without a colon (`+0300`).
            None => prop_assert!(ours.is_none() || !time.contains(':') || {
                let tail = time.get(time.len().saturating_sub(5)..).unwrap_or_default();
                tail.starts_with(['+', '-']) && tail.bytes().skip(1).all(|b| b.is_ascii_digit())
            }, "{} became {:?}", time, ours),
        }
    }
}

/// The places a parser reads a token from (`outer`, or `outer.inner`).
const FIELDS: &[(&str, Option<&str>)] = &[
    ("id", None),
    ("idempotencyKey", None),
    ("smsId", None),
    ("message", None),
    ("sender", None),
    ("recipient", None),
    ("errorCode", None),
    ("errorMessage", None),
    ("delivery_id", None),
    ("data", Some("messageId")),
    ("data", Some("from")),
    ("data", Some("to")),
    ("data", Some("body")),
    ("data", Some("id")),
    ("data", Some("text")),
    ("data", Some("sender")),
    ("data", Some("handle")),
    ("data", Some("line_handle")),
    ("data", Some("owner")),
    ("data", Some("contact")),
    ("data", Some("content")),
    ("data", Some("message_id")),
    ("data", Some("error_message")),
    ("conversation", Some("phoneNumber")),
    ("conversation", Some("accountPhoneNumber")),
    ("message", Some("id")),
    ("message", Some("body")),
    ("message", Some("friendlyStateDescription")),
];

/// Bodies of the wider-field providers with one long token `{V}` (a JSON string token;
/// `{F}` the same text form-encoded) at each place their parsers read it.
const TEMPLATES: &[(Provider, &str)] = &[
    (
        Provider::Twilio,
        r#"{"MessageSid":{V},"MessageStatus":"failed"}"#,
    ),
    (
        Provider::Twilio,
        r#"{"MessageSid":"SM1","MessageStatus":{V}}"#,
    ),
    (Provider::Twilio, r#"{"SmsSid":{V}}"#),
    (
        Provider::Twilio,
        r#"{"MessageSid":"SM1","MessageStatus":"failed","ErrorCode":{V}}"#,
    ),
    (
        Provider::Twilio,
        r#"{"MessageSid":"SM1","MessageStatus":"failed","ErrorMessage":{V}}"#,
    ),
    (Provider::Twilio, r#"{"MessageSid":"SM1","Body":{V}}"#),
    (Provider::Twilio, r#"{"MessageSid":"SM1","From":{V}}"#),
    (Provider::Twilio, "MessageSid={F}&MessageStatus=failed"),
    (Provider::Twilio, "MessageSid=SM1&MessageStatus={F}"),
    (
        Provider::Twilio,
        "MessageSid=SM1&MessageStatus=failed&ChannelStatusMessage={F}",
    ),
    (Provider::Twilio, "MessageSid=SM1&Body={F}"),
    (Provider::Twilio, "MessageSid=SM1&To={F}"),
    (Provider::Plivo, "MessageUUID={F}&Status=failed"),
    (Provider::Plivo, "MessageUUID=u&Status={F}"),
    (Provider::Plivo, "MessageUUID=u&Status=failed&ErrorCode={F}"),
    (Provider::Plivo, "MessageUUID=u&Text={F}"),
    (Provider::Plivo, "MessageUUID=u&From={F}"),
    (
        Provider::Vonage,
        r#"{"message_uuid":{V},"status":"rejected"}"#,
    ),
    (Provider::Vonage, r#"{"message_uuid":"u","status":{V}}"#),
    (
        Provider::Vonage,
        r#"{"message_uuid":"u","status":"rejected","error":{"title":{V}}}"#,
    ),
    (
        Provider::Vonage,
        r#"{"message_uuid":"u","status":"rejected","error":{"detail":{V}}}"#,
    ),
    (
        Provider::Vonage,
        r#"{"message_uuid":"u","text":{V},"from":{"number":"1"}}"#,
    ),
    (
        Provider::Vonage,
        r#"{"message_uuid":"u","from":{"id":{V}}}"#,
    ),
    (
        Provider::Telnyx,
        r#"{"data":{"event_type":"message.received","id":{V},"payload":{"id":"p"}}}"#,
    ),
    (Provider::Telnyx, r#"{"data":{"event_type":{V},"id":"e"}}"#),
    (
        Provider::Telnyx,
        r#"{"data":{"event_type":"message.received","id":"e","payload":{"id":{V},"text":"t"}}}"#,
    ),
    (
        Provider::Telnyx,
        r#"{"data":{"event_type":"message.received","id":"e","payload":{"text":{V}}}}"#,
    ),
    (
        Provider::Telnyx,
        r#"{"data":{"event_type":"message.received","id":"e","payload":{"from":{"phone_number":{V}},"to":{V}}}}"#,
    ),
    (
        Provider::Telnyx,
        r#"{"data":{"event_type":"message.finalized","id":"e","payload":{"to":[{"status":"delivery_failed","phone_number":{V}}],"errors":[{"code":{V},"detail":{V}}]}}}"#,
    ),
    (Provider::Sinch, r#"{"type":"mo_text","id":{V}}"#),
    (
        Provider::Sinch,
        r#"{"type":"mo_text","id":"i","body":{V},"from":{V},"to":{V}}"#,
    ),
    (
        Provider::Sinch,
        r#"{"type":"mo_media","id":"i","body":{"message":{V}}}"#,
    ),
    (Provider::Sinch, r#"{"type":{V}}"#),
    (
        Provider::Sinch,
        r#"{"type":"recipient_delivery_report_sms","batch_id":{V},"status":"Failed","code":1}"#,
    ),
    (
        Provider::Sinch,
        r#"{"type":"recipient_delivery_report_sms","batch_id":"b","status":{V},"recipient":{V}}"#,
    ),
];

/// The bodies of the bound tests: every provider's long token at every place a parser
/// reads, as `(provider, body)`; `text` is written as a JSON string (`escape`) or
/// form-encoded.
fn bound_bodies(text: &str, escape: usize) -> Vec<(Provider, String)> {
    let mut value = String::new();
    write_string(text, escape, &mut value);
    let mut bodies = Vec::new();
    for &provider in Provider::ALL {
        if TEMPLATES.iter().any(|(p, _)| *p == provider) {
            continue;
        }
        for &(outer, inner) in FIELDS {
            let member = match inner {
                Some(inner) if outer == "data" => format!(r#""data":{{"{inner}":{value}}}"#),
                Some(inner) => format!(r#""data":{{}},"{outer}":{{"{inner}":{value}}}"#),
                None => format!(r#""data":{{}},"{outer}":{value}"#),
            };
            let name = if provider == Provider::Zuc {
                "sms.received"
            } else {
                "message.received"
            };
            bodies.push((provider, format!(
                r#"{{"event":"{name}","webhookEvent":"MESSAGE_FAILED","type":"message.send.failed","action":"message.failed",{member}}}"#
            )));
        }
    }
    let form: String = text
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    for &(provider, template) in TEMPLATES {
        bodies.push((
            provider,
            template.replace("{V}", &value).replace("{F}", &form),
        ));
    }
    bodies
}

/// The Worker's queue-mode limits rest on these bounds (worker/src/limits.rs): an event's
/// JSON is at most 3× a JSON body plus 1 KiB, and 6× a form body plus 1 KiB. Each
/// provider gets bodies whose only long token sits at one place a parser reads (so nothing
/// dilutes the ratio), for plain, escaped and non-ASCII text. A JSON token is copied at most
/// three times (zuc's `messageId` is `data`, `id` and `messageId`; Twilio's `MessageStatus`
/// is `data`, `providerEvent` and part of `id`); a form's `%01` (3 bytes) is written
/// `\u0001` (6 bytes), so the same three copies make 6×.
#[test]
fn event_json_is_at_most_three_json_bodies_or_six_form_bodies() {
    let (mut worst_json, mut worst_form) = (0.0_f64, 0.0_f64);
    let texts = [
        ("x".repeat(20_000), 0),
        ("\u{1}\"\\é😀".repeat(2_000), 1),
        ("\u{1}".repeat(10_000), 0),
    ];
    for (text, escape) in texts {
        for (provider, body) in bound_bodies(&text, escape) {
            let event = sign_and_verify(provider, body.as_bytes())
                .unwrap_or_else(|e| panic!("{provider} {body:.80}: {e}"));
            let json = serde_json::to_vec(&event).unwrap();
            let form = !body.starts_with('{');
            let factor = if form { 6 } else { 3 };
            assert!(
                json.len() <= factor * body.len() + 1024,
                "{provider} {body:.80}: {} > {factor} × {} + 1024",
                json.len(),
                body.len()
            );
            #[allow(clippy::cast_precision_loss)]
            let ratio = json.len() as f64 / body.len() as f64;
            if form {
                worst_form = worst_form.max(ratio);
            } else {
                worst_json = worst_json.max(ratio);
            }
        }
    }
    // The bounds are tight enough to matter: some field really copies its token.
    assert!(
        worst_json > 2.5,
        "worst event/JSON body ratio {worst_json:.2}"
    );
    assert!(
        worst_form > 5.0,
        "worst event/form body ratio {worst_form:.2}"
    );
    println!("worst event JSON / body ratio: JSON {worst_json:.2}, form {worst_form:.2}");
}
