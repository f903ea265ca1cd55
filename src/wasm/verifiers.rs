//! The built-once verifier behind the JS `createVerifier` (and the one-shot `verify`'s
//! cache): options and secrets are read once; each delivery then crosses the boundary as
//! its headers (one string), its body (bytes) and three small arguments, and comes back
//! as the event's small fields, `data` left to the JS side when it is the body itself.

use serde::Serialize;
use serde_json::value::RawValue;

use super::{JsOptions, Operation, CHECKS};
use crate::json::{self, Object};
use crate::{
    detect_among, Error, Event, EventError, EventType, Headers, Provider, Verifier, VerifyOptions,
};

/// A refusal and the provider it concerns, when one was known.
pub type Refusal = (Error, Option<Provider>);

/// The options `createVerifier` reads (the request comes with each call).
pub(super) const CONFIG: Operation = Operation {
    name: "createVerifier",
    keys: &[&["secrets"], CHECKS],
};

/// A provider's verifier.
#[derive(Debug)]
enum Slot {
    /// Built at construction: a configured provider, or the one-shot `verify`'s named one.
    Built(Verifier),
    /// The one-shot `verify` without `provider`: built from its one secret list once a
    /// delivery is detected as this provider. A secret can suit one provider and not
    /// another, so a bad secret is the refusal of that delivery, as it always was.
    Lazy(Option<Result<Verifier, Error>>),
}

/// Verifiers for a fixed set of providers, with their options read once.
#[derive(Debug)]
pub struct Verifiers {
    /// The providers deliveries may come from, in registry order, with their verifiers.
    slots: Vec<(Provider, Slot)>,
    /// The providers of `slots`, for detection.
    candidates: Vec<Provider>,
    /// The secrets and options the lazy slots are built from.
    shared: Option<(Vec<String>, VerifyOptions)>,
    /// A fixed clock from the options (ms), used when a call gives none.
    now_ms: Option<u64>,
}

impl Verifiers {
    /// From `createVerifier`'s options (`secrets`: `{ "<id>": secret or [secrets] }`).
    ///
    /// # Errors
    /// `invalid_argument` for an unknown or badly typed option, `unknown_provider` for an
    /// id that is not one, `invalid_secret` (with its provider) for a bad secret.
    pub fn configured(text: &str) -> Result<Self, Refusal> {
        let options = JsOptions::parse(text, CONFIG).map_err(|e| (e, None))?;
        let shape = "must be an object: { \"<provider id>\": secret or [secrets], … }";
        let raw = options
            .object
            .get("secrets")
            .ok_or_else(|| (options.invalid("secrets", "is required"), None))?;
        let map = Object::of(raw).ok_or_else(|| (options.invalid("secrets", shape), None))?;
        let mut given: Vec<(Provider, Vec<String>)> = Vec::new();
        for (key, value) in map.members() {
            let id = json::text(Some(key)).unwrap_or_default();
            let provider: Provider = id.parse().map_err(|e| (e, None))?;
            if given.iter().any(|(p, _)| *p == provider) {
                let twice = format!("names \"{id}\" twice");
                return Err((options.invalid("secrets", &twice), None));
            }
            let secrets = options
                .secret_list(&format!("secrets.{id}"), value)
                .map_err(|e| (e, Some(provider)))?;
            given.push((provider, secrets));
        }
        if given.is_empty() {
            let empty = "must name at least one provider";
            return Err((options.invalid("secrets", empty), None));
        }
        let verify_options = options.verify_options().map_err(|e| (e, None))?;
        let now_ms = options.whole("now").map_err(|e| (e, None))?;
        let mut slots = Vec::with_capacity(given.len());
        for provider in Provider::ALL.iter().copied() {
            if let Some((_, secrets)) = given.iter().find(|(p, _)| *p == provider) {
                let verifier = Verifier::new(provider, secrets)
                    .map_err(|e| (e, Some(provider)))?
                    .with_options(verify_options.clone());
                slots.push((provider, Slot::Built(verifier)));
            }
        }
        Ok(Self::from_slots(slots, None, now_ms))
    }

    /// From the one-shot `verify`'s options: `provider` (optional), `secret` and the
    /// verify options. `headers`, `url` and `now` belong to each call and are not read.
    ///
    /// # Errors
    /// As [`Verifiers::configured`].
    pub(super) fn one_shot(options: &JsOptions<'_>) -> Result<Self, Refusal> {
        let named = match options.text("provider").map_err(|e| (e, None))? {
            Some(id) => Some(id.parse::<Provider>().map_err(|e| (e, None))?),
            None => None,
        };
        let secrets = options.secrets().map_err(|e| (e, named))?;
        let verify_options = options.verify_options().map_err(|e| (e, named))?;
        Ok(match named {
            Some(provider) => {
                let verifier = Verifier::new(provider, &secrets)
                    .map_err(|e| (e, Some(provider)))?
                    .with_options(verify_options);
                Self::from_slots(vec![(provider, Slot::Built(verifier))], None, None)
            }
            None => {
                let slots = Provider::ALL
                    .iter()
                    .map(|&p| (p, Slot::Lazy(None)))
                    .collect();
                Self::from_slots(slots, Some((secrets, verify_options)), None)
            }
        })
    }

    fn from_slots(
        slots: Vec<(Provider, Slot)>,
        shared: Option<(Vec<String>, VerifyOptions)>,
        now_ms: Option<u64>,
    ) -> Self {
        let candidates = slots.iter().map(|(p, _)| *p).collect();
        Self {
            slots,
            candidates,
            shared,
            now_ms,
        }
    }

    /// The providers this verifier accepts deliveries from, in registry order.
    #[must_use]
    pub fn providers(&self) -> &[Provider] {
        &self.candidates
    }

    /// Verifies one delivery: `provider` when the caller names it (it must be one of
    /// [`Verifiers::providers`]), else detected among them; `now_ms` when given, else the
    /// options' fixed clock, else `clock()`.
    ///
    /// # Errors
    /// The refusal, with the provider when one was known.
    pub fn verify<H: Headers + ?Sized>(
        &mut self,
        request: Request<'_, H>,
        clock: impl FnOnce() -> u64,
    ) -> Result<Event, Refusal> {
        let Request {
            provider,
            headers,
            body,
            url,
            now_ms,
        } = request;
        let provider = match provider {
            Some(provider) if self.candidates.contains(&provider) => provider,
            Some(_) => return Err((Error::UnknownProvider, None)),
            None => {
                detect_among(headers, &self.candidates).ok_or((Error::ProviderNotDetected, None))?
            }
        };
        let now = now_ms.or(self.now_ms).unwrap_or_else(clock);
        let with_provider = |e| (e, Some(provider));
        let shared = &self.shared;
        let slot = self
            .slots
            .iter_mut()
            .find(|(p, _)| *p == provider)
            .map(|(_, slot)| slot)
            .ok_or((Error::UnknownProvider, None))?;
        let verifier = match slot {
            Slot::Built(verifier) => &*verifier,
            Slot::Lazy(built) => {
                let built = built.get_or_insert_with(|| {
                    let (secrets, options) = shared.as_ref().ok_or(Error::UnknownProvider)?;
                    Ok(Verifier::new(provider, secrets)?.with_options(options.clone()))
                });
                built.as_ref().map_err(|e| with_provider(e.clone()))?
            }
        };
        match url {
            Some(url) => verifier.verify_url_at(url, headers, body, now),
            None => verifier.verify_at(headers, body, now),
        }
        .map_err(with_provider)
    }
}

/// One delivery, as the JS layer hands it over.
pub struct Request<'a, H: Headers + ?Sized> {
    /// The provider the caller named, if any.
    pub provider: Option<Provider>,
    /// The request headers.
    pub headers: &'a H,
    /// The exact raw body.
    pub body: &'a [u8],
    /// The URL the provider requested, if given.
    pub url: Option<&'a str>,
    /// The time to check against (ms since the epoch), if given.
    pub now_ms: Option<u64>,
}

impl<H: Headers + ?Sized> core::fmt::Debug for Request<'_, H> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Request")
            .field("provider", &self.provider)
            .field("body_len", &self.body.len())
            .field("url", &self.url)
            .field("now_ms", &self.now_ms)
            .finish_non_exhaustive()
    }
}

/// Headers packed by the JS layer as `name\0value\0…` (names lowercase and unique there;
/// HTTP forbids NUL in both, and the JS layer refuses one).
#[must_use]
pub fn unpack_headers(packed: &str) -> Vec<(&str, &str)> {
    let mut parts = packed.split('\0');
    let mut headers = Vec::new();
    while let (Some(name), Some(value)) = (parts.next(), parts.next()) {
        headers.push((name, value));
    }
    headers
}

/// The event without `data` when `data` is the body itself (the JS layer then parses the
/// body once with `JSON.parse`), with it otherwise (form bodies, a body with surrounding
/// whitespace): the same JSON as the whole event, field for field.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Head<'a> {
    provider: Provider,
    #[serde(rename = "type")]
    kind: EventType,
    provider_event: &'a str,
    id: &'a str,
    occurred_at: Option<&'a str>,
    message_id: Option<&'a str>,
    from: Option<&'a str>,
    to: Option<&'a str>,
    text: Option<&'a str>,
    error: Option<&'a EventError>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<&'a RawValue>,
}

/// The event as JSON for the JS layer: without `data` when it is exactly `body`.
#[must_use]
pub fn event_head_json(event: &Event, body: &[u8]) -> String {
    let data = (event.data.get().as_bytes() != body).then_some(&*event.data);
    let head = Head {
        provider: event.provider,
        kind: event.kind,
        provider_event: &event.provider_event,
        id: &event.id,
        occurred_at: event.occurred_at.as_deref(),
        message_id: event.message_id.as_deref(),
        from: event.from.as_deref(),
        to: event.to.as_deref(),
        text: event.text.as_deref(),
        error: event.error.as_ref(),
        data,
    };
    // Strings, options and raw JSON only: serialization cannot fail.
    serde_json::to_string(&head).unwrap_or_default()
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;
    use crate::{sign, SignOptions};

    const NOW: u64 = 1_767_225_600_000;
    const TEXTBEE: &str = "3f8a2b6c-9d1e-4f70-8a5b-c2d4e6f81a3b";
    const ZUC: &str = "zuc-secret-0123456789";

    fn delivery(provider: Provider, secret: &str) -> (Vec<(String, String)>, Vec<u8>) {
        let body = provider.sample().body.as_bytes().to_vec();
        let signed = sign(provider, secret, &body, &SignOptions::at(NOW)).expect("sign");
        let headers = signed
            .headers
            .into_iter()
            .map(|(k, v)| (k.to_ascii_lowercase(), v))
            .collect();
        (headers, body)
    }

    fn run(
        verifiers: &mut Verifiers,
        provider: Option<Provider>,
        headers: &[(String, String)],
        body: &[u8],
    ) -> Result<Event, Refusal> {
        let request = Request {
            provider,
            headers,
            body,
            url: None,
            now_ms: None,
        };
        verifiers.verify(request, || NOW)
    }

    #[test]
    fn detects_among_the_configured_providers_only() {
        let config = format!(
            r#"{{"secrets":{{"zuc":"{ZUC}","textbee":["{TEXTBEE}","old-secret-000000000000"]}}}}"#
        );
        let mut verifiers = Verifiers::configured(&config).expect("configured");
        assert_eq!(verifiers.providers(), &[Provider::Textbee, Provider::Zuc]);
        let (headers, body) = delivery(Provider::Textbee, TEXTBEE);
        let event = run(&mut verifiers, None, &headers, &body).expect("textbee");
        assert_eq!(event.provider, Provider::Textbee);

        // zuc alone: textbee's headers are detected as nothing, named they are refused.
        let mut zuc_only =
            Verifiers::configured(&format!(r#"{{"secrets":{{"zuc":"{ZUC}"}}}}"#)).expect("zuc");
        let refused = run(&mut zuc_only, None, &headers, &body).expect_err("not configured");
        assert_eq!(refused.0.code(), "provider_not_detected");
        let refused =
            run(&mut zuc_only, Some(Provider::Textbee), &headers, &body).expect_err("named");
        assert_eq!(refused.0.code(), "unknown_provider");
    }

    #[test]
    fn construction_refuses_bad_configurations_with_their_provider() {
        for (config, code, provider) in [
            (r#"{"secrets":{}}"#, "invalid_argument", None),
            (r#"{}"#, "invalid_argument", None),
            (r#"{"secrets":"x"}"#, "invalid_argument", None),
            (r#"{"secrets":{"nope":"x"}}"#, "unknown_provider", None),
            (
                r#"{"secrets":{"zuc":"a","zuc":"b"}}"#,
                "invalid_argument",
                None,
            ),
            (
                r#"{"secrets":{"zuc":7}}"#,
                "invalid_argument",
                Some(Provider::Zuc),
            ),
            (
                r#"{"secrets":{"telnyx":"not a key"}}"#,
                "invalid_secret",
                Some(Provider::Telnyx),
            ),
            (
                r#"{"secrets":{"zuc":"a"},"tolerance":3}"#,
                "invalid_argument",
                None,
            ),
        ] {
            let (error, named) = Verifiers::configured(config).expect_err(config);
            assert_eq!((error.code(), named), (code, provider), "{config}");
        }
    }

    #[test]
    fn the_head_leaves_out_data_only_when_it_is_the_body() {
        let mut verifiers =
            Verifiers::configured(&format!(r#"{{"secrets":{{"zuc":"{ZUC}"}}}}"#)).expect("zuc");
        let (headers, body) = delivery(Provider::Zuc, ZUC);
        let event = run(&mut verifiers, None, &headers, &body).expect("zuc");
        let head: serde_json::Value =
            serde_json::from_str(&event_head_json(&event, &body)).expect("head");
        assert!(head.get("data").is_none());
        assert_eq!(head.get("provider"), Some(&serde_json::json!("zuc")));
        let mut whole = serde_json::to_value(&event).expect("event");
        whole.as_object_mut().expect("object").remove("data");
        assert_eq!(head, whole, "the head is the event without data");
        // Not the body itself (a form's parameters, say): data stays in.
        let other = event_head_json(&event, b"{}");
        assert!(other.contains(r#""data":"#));
    }

    #[test]
    fn packed_headers_unpack_in_order() {
        assert_eq!(unpack_headers("a\0x\0b\0\0"), vec![("a", "x"), ("b", "")]);
        assert!(unpack_headers("").is_empty());
        // A dangling name (never produced by the JS layer) is dropped, not a panic.
        assert_eq!(unpack_headers("a\0x\0b"), vec![("a", "x")]);
    }
}
