//! Worker configuration, read from wrangler vars and secrets through a lookup function so
//! it can be built and tested without the Workers runtime.
//!
//! It fails closed: one variable that is set but unparsable or out of range makes the whole
//! configuration an error naming that variable (never its value), and the Worker answers
//! every request 503 `not_configured`.

use std::ops::RangeInclusive;

use crate::whatwg_url::{self, ParsedUrl};
use smshook::{Provider, ProviderOption, Verifier, VerifyOptions};

use crate::limits::queue_body_limit;

/// Default forward timeout: below httpSMS's 5 s, the shortest provider timeout.
pub const DEFAULT_FORWARD_TIMEOUT_MS: u64 = 4000;
/// The longest delay between two queue attempts, and the largest `RETRY_BASE_SECONDS`.
pub const MAX_RETRY_DELAY_SECONDS: u64 = 3600;
/// The largest `MAX_BODY_BYTES` outside queue mode (the body is held in wasm memory along
/// with its event JSON; providers send a few KB).
pub const MAX_BODY_BYTES_CEILING: u64 = 32 * 1024 * 1024;

/// How the delivery is passed to the receiver.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForwardMode {
    /// The normalized event JSON (`FORWARD_MODE=event`, the default).
    Event,
    /// The original body byte for byte, with its content type and the provider's headers.
    Raw,
}

/// Where and how verified deliveries are forwarded.
#[derive(Debug, Clone)]
pub struct Forward {
    /// The receiver (`FORWARD_URL`, as the WHATWG parser serializes it): https, or loopback
    /// http with `ALLOW_INSECURE_FORWARD`.
    pub url: String,
    /// The Standard Webhooks secret (`FORWARD_SECRET`, `whsec_…`), as given.
    pub secret: String,
    /// `FORWARD_MODE`.
    pub mode: ForwardMode,
    /// `FORWARD_TIMEOUT_MS`.
    pub timeout_ms: u64,
    /// `FORWARD_PROVIDER_AUTH=true`: raw mode passes `authorization` along too.
    pub provider_auth: bool,
    /// `<ID>_FORWARD_URL`: the receivers of the providers that have their own (one
    /// deployment serving several apps), checked as `FORWARD_URL` is.
    pub by_provider: Vec<(Provider, String)>,
}

impl Forward {
    /// The receiver of a provider's deliveries: its `<ID>_FORWARD_URL`, else `FORWARD_URL`.
    #[must_use]
    pub fn url_for(&self, provider: &str) -> &str {
        self.by_provider
            .iter()
            .find(|(p, _)| p.id() == provider)
            .map_or(self.url.as_str(), |(_, url)| url.as_str())
    }
}

/// Everything the Worker reads from its environment.
#[derive(Debug, Clone)]
pub struct Config {
    /// The forward target.
    pub forward: Forward,
    /// `DEV_NOW_MS`: a fixed clock for tests, only next to a loopback http `FORWARD_URL`
    /// with `ALLOW_INSECURE_FORWARD=true`.
    pub fixed_now_ms: Option<u64>,
    /// `RETRY_BASE_SECONDS`: the first queue retry delay (default 10).
    pub retry_base_seconds: u32,
    /// `MAX_BODY_BYTES`: the largest delivery body, for every provider.
    pub max_body_bytes: usize,
    /// Queue mode: a `FORWARD_QUEUE` binding exists (told by the runtime).
    pub queue: bool,
    /// The `REPLAY_GUARD` Durable Object namespace is bound (set by the runtime).
    pub guard: bool,
    /// The `DEDUPE` KV namespace is bound (set by the runtime).
    pub dedupe: bool,
    /// An R2 bucket `SPOOL` is bound: queue-mode deliveries too large for a queue message
    /// travel through it, so queue mode keeps the 1 MiB default body limit.
    pub spool: bool,
    secrets: Vec<(Provider, Vec<String>)>,
    options: Vec<(Provider, VerifyOptions)>,
    /// A verifier per configured provider, built once (keys decoded, options set).
    verifiers: Vec<(Provider, Verifier)>,
}

/// A var or secret by name.
pub type Lookup<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Whether a WHATWG hostname (lowercase; IPv4 normalized to dotted decimal, IPv6 in
/// brackets) is loopback: `localhost`, 127.0.0.0/8 or `::1`.
fn is_loopback(hostname: &str) -> bool {
    hostname == "localhost"
        || hostname
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
        || hostname
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .and_then(|h| h.parse::<std::net::Ipv6Addr>().ok())
            .is_some_and(|ip| ip == std::net::Ipv6Addr::LOCALHOST)
}

/// Checks `FORWARD_URL` with the WHATWG parser fetch uses: https anywhere, or http to a
/// loopback host (`localhost`, 127.0.0.0/8, `::1`) when `insecure_dev`. Returns the parsed
/// URL, whose serialization is what is fetched.
///
/// # Errors
/// Why the URL is refused: it does not parse, is not `scheme://host…` as written, or is
/// plain http to anything but loopback.
pub fn check_forward_url(text: &str, insecure_dev: bool) -> Result<String, String> {
    let url: ParsedUrl = whatwg_url::parse(text).ok_or("FORWARD_URL is not an absolute URL")?;
    // WHATWG reads `https:///host` and `https:host` as `https://host/`: refuse forms whose
    // authority is not written where a reader expects it.
    let authority = text
        .trim()
        .get(url.scheme.len()..)
        .and_then(|rest| rest.strip_prefix("://"));
    if authority.is_none_or(|a| a.is_empty() || a.starts_with(['/', '\\'])) {
        return Err("FORWARD_URL has no host after scheme://".into());
    }
    if url.hostname.is_empty() {
        return Err("FORWARD_URL has no host".into());
    }
    match url.scheme.as_str() {
        "https" => Ok(url.href),
        "http" if insecure_dev && is_loopback(&url.hostname) => Ok(url.href),
        "http" if insecure_dev => Err("FORWARD_URL is plain http to a non-loopback host".into()),
        "http" => Err("FORWARD_URL is plain http (set ALLOW_INSECURE_FORWARD=true for a loopback receiver in development)".into()),
        _ => Err("FORWARD_URL is not http(s)".into()),
    }
}

/// A variable's trimmed value; empty counts as unset.
fn var(lookup: Lookup, name: &str) -> Option<String> {
    lookup(name)
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// A whole number in `range`, or `None` when unset.
fn integer(lookup: Lookup, name: &str, range: RangeInclusive<u64>) -> Result<Option<u64>, String> {
    let Some(text) = var(lookup, name) else {
        return Ok(None);
    };
    text.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| text.parse::<u64>().ok())
        .flatten()
        .filter(|n| range.contains(n))
        .map(Some)
        .ok_or_else(|| {
            format!(
                "{name} must be a whole number from {} to {}",
                range.start(),
                range.end()
            )
        })
}

/// `true` or `false`; unset is `false`.
fn flag(lookup: Lookup, name: &str) -> Result<bool, String> {
    match var(lookup, name).as_deref() {
        None | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(_) => Err(format!("{name} must be true or false")),
    }
}

fn convert<T: TryFrom<u64>>(n: u64, name: &str) -> Result<T, String> {
    T::try_from(n).map_err(|_| format!("{name} is too large for this platform"))
}

/// The secrets of a provider, each checked as that provider's key.
fn read_secrets(lookup: Lookup, provider: Provider) -> Result<Vec<String>, String> {
    let prefix = provider.env_prefix();
    let mut secrets = Vec::new();
    for name in [
        format!("{prefix}_SECRET"),
        format!("{prefix}_SECRET_PREVIOUS"),
    ] {
        if let Some(secret) = lookup(&name).filter(|s| !s.is_empty()) {
            Verifier::new(provider, [&secret])
                .map_err(|_| format!("{name} is not a valid {} secret", provider.id()))?;
            secrets.push(secret);
        }
    }
    Ok(secrets)
}

/// The provider-specific options the registry says apply to `provider`, each from
/// `<ID>_<OPTION>` (`HTTPSMS_AUDIENCE`, `TEXTUS_MAX_AGE_SECONDS`…).
fn read_options(
    lookup: Lookup,
    provider: Provider,
    mut options: VerifyOptions,
) -> Result<VerifyOptions, String> {
    let prefix = provider.env_prefix();
    for option in provider.options() {
        let name = format!("{prefix}_{}", option.env_suffix());
        match option {
            ProviderOption::Audience => options.audience = lookup(&name).filter(|v| !v.is_empty()),
            ProviderOption::Subject => options.subject = lookup(&name).filter(|v| !v.is_empty()),
            ProviderOption::AllowUnsigned => options.allow_unsigned = flag(lookup, &name)?,
            ProviderOption::MaxAgeSeconds => {
                options.max_age_seconds = integer(lookup, &name, 1..=30 * 86_400)?;
            }
            _ => return Err(format!("{name}: this Worker does not know the option")),
        }
    }
    Ok(options)
}

impl Config {
    /// Reads the configuration through `lookup`; `queue` says whether the `FORWARD_QUEUE`
    /// binding exists (bindings are not vars, so the runtime tells).
    ///
    /// # Errors
    /// The first variable that is missing, unparsable or out of range, by name.
    pub fn from_lookup(lookup: Lookup, queue: bool) -> Result<Self, String> {
        Self::from_bindings(lookup, queue, false)
    }

    /// As [`Config::from_lookup`], also told whether the `SPOOL` bucket is bound.
    ///
    /// # Errors
    /// The first variable that is missing, unparsable or out of range, by name.
    pub fn from_bindings(lookup: Lookup, queue: bool, spool: bool) -> Result<Self, String> {
        let insecure_dev = flag(lookup, "ALLOW_INSECURE_FORWARD")?;
        let (forward, loopback_http) = Self::read_forward(lookup, insecure_dev)?;
        let fixed_now_ms = integer(lookup, "DEV_NOW_MS", 0..=253_402_300_799_999)?;
        if fixed_now_ms.is_some() && !loopback_http {
            return Err("DEV_NOW_MS is set, but only a loopback http FORWARD_URL with ALLOW_INSECURE_FORWARD=true allows a fixed clock".into());
        }
        let retry = integer(lookup, "RETRY_BASE_SECONDS", 0..=MAX_RETRY_DELAY_SECONDS)?;
        // With a spool, queue messages only carry what fits; large bodies go through R2.
        let max_body_bytes = Self::read_max_body(lookup, queue && !spool, forward.mode)?;
        let mut base = VerifyOptions::default();
        base.max_body_bytes = max_body_bytes;
        if let Some(v) = integer(lookup, "TOLERANCE_SECONDS", 0..=86_400)? {
            base.tolerance_seconds = v;
        }
        if let Some(v) = integer(lookup, "LEEWAY_SECONDS", 0..=3600)? {
            base.leeway_seconds = v;
        }
        let mut secrets = Vec::new();
        let mut options = Vec::new();
        let mut verifiers = Vec::new();
        for &provider in Provider::ALL {
            let keys = read_secrets(lookup, provider)?;
            let opts = read_options(lookup, provider, base.clone())?;
            if !keys.is_empty() {
                let verifier = Verifier::new(provider, &keys)
                    .map_err(|_| format!("{}_SECRET is not valid", provider.env_prefix()))?;
                verifiers.push((provider, verifier.with_options(opts.clone())));
            }
            secrets.push((provider, keys));
            options.push((provider, opts));
        }
        Ok(Self {
            forward,
            fixed_now_ms,
            retry_base_seconds: convert(retry.unwrap_or(10), "RETRY_BASE_SECONDS")?,
            max_body_bytes,
            queue,
            guard: false,
            dedupe: false,
            spool,
            secrets,
            options,
            verifiers,
        })
    }

    /// `MAX_BODY_BYTES`: default 1 MiB, or in queue mode without a spool the largest body whose message
    /// always fits ([`queue_body_limit`]), which is also its ceiling there.
    fn read_max_body(lookup: Lookup, queue: bool, mode: ForwardMode) -> Result<usize, String> {
        const NAME: &str = "MAX_BODY_BYTES";
        let (default, ceiling) = if queue {
            let limit = queue_body_limit(mode);
            (limit, limit as u64)
        } else {
            (
                VerifyOptions::default().max_body_bytes,
                MAX_BODY_BYTES_CEILING,
            )
        };
        match integer(lookup, NAME, 1..=ceiling) {
            Ok(value) => value.map_or(Ok(default), |n| convert(n, NAME)),
            Err(e) if queue => Err(format!(
                "{e} (in queue mode, a larger body may not fit a 128 KB queue message)"
            )),
            Err(e) => Err(e),
        }
    }

    /// The forward settings, and whether the URL is loopback http.
    fn read_forward(lookup: Lookup, insecure_dev: bool) -> Result<(Forward, bool), String> {
        let url = lookup("FORWARD_URL")
            .filter(|u| !u.is_empty())
            .ok_or("FORWARD_URL is not set")?;
        let url = check_forward_url(&url, insecure_dev)?;
        let secret = lookup("FORWARD_SECRET")
            .filter(|s| !s.is_empty())
            .ok_or("FORWARD_SECRET is not set")?;
        smshook::Secret::standard(&secret)
            .map_err(|_| "FORWARD_SECRET is not a whsec_<base64> secret")?;
        let mode = match var(lookup, "FORWARD_MODE").as_deref() {
            None | Some("event") => ForwardMode::Event,
            Some("raw") => ForwardMode::Raw,
            Some(_) => return Err("FORWARD_MODE must be event or raw".into()),
        };
        let timeout_ms = integer(lookup, "FORWARD_TIMEOUT_MS", 1..=30_000)?
            .unwrap_or(DEFAULT_FORWARD_TIMEOUT_MS);
        let mut by_provider = Vec::new();
        for &provider in Provider::ALL {
            let name = format!("{}_FORWARD_URL", provider.env_prefix());
            if let Some(text) = var(lookup, &name) {
                let checked = check_forward_url(&text, insecure_dev)
                    .map_err(|e| e.replacen("FORWARD_URL", &name, 1))?;
                by_provider.push((provider, checked));
            }
        }
        // Only loopback passes the check over plain http (WHATWG writes the scheme
        // lowercase); a fixed clock needs every receiver to be one.
        let loopback_http =
            url.starts_with("http:") && by_provider.iter().all(|(_, url)| url.starts_with("http:"));
        let forward = Forward {
            url,
            secret,
            mode,
            timeout_ms,
            provider_auth: flag(lookup, "FORWARD_PROVIDER_AUTH")?,
            by_provider,
        };
        Ok((forward, loopback_http))
    }

    /// The configured secrets of a provider (`<ID>_SECRET`, `<ID>_SECRET_PREVIOUS`).
    #[must_use]
    pub fn secrets(&self, provider: Provider) -> &[String] {
        self.secrets
            .iter()
            .find(|(p, _)| *p == provider)
            .map_or(&[], |(_, s)| s.as_slice())
    }

    /// The verifier of a provider with secrets, built at configuration time.
    #[must_use]
    pub fn verifier(&self, provider: Provider) -> Option<&Verifier> {
        self.verifiers
            .iter()
            .find(|(p, _)| *p == provider)
            .map(|(_, v)| v)
    }

    /// The verify options of a provider.
    #[must_use]
    pub fn options(&self, provider: Provider) -> VerifyOptions {
        self.options
            .iter()
            .find(|(p, _)| *p == provider)
            .map(|(_, o)| o.clone())
            .unwrap_or_default()
    }
}

#[cfg(test)]
#[allow(clippy::panic, clippy::unwrap_used)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const BASE: [(&str, &str); 2] = [
        ("FORWARD_URL", "https://r.example/"),
        ("FORWARD_SECRET", SECRET),
    ];
    const DEV: [(&str, &str); 3] = [
        ("FORWARD_URL", "http://127.0.0.1:8788/r"),
        ("FORWARD_SECRET", SECRET),
        ("ALLOW_INSECURE_FORWARD", "true"),
    ];

    fn read(vars: &[(&str, &str)], queue: bool) -> Result<Config, String> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let lookup = |name: &str| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        Config::from_lookup(&lookup, queue)
    }

    /// The configuration of `base` with `more` (which wins: the first match is read).
    fn with(base: &[(&str, &str)], more: &[(&str, &str)]) -> Result<Config, String> {
        read(&[more, base].concat(), false)
    }

    fn ok(config: Result<Config, String>) -> Config {
        config.unwrap_or_else(|e| panic!("refused: {e}"))
    }

    /// The reason a configuration is refused; it must name `variable`.
    fn refused(config: Result<Config, String>, variable: &str) -> String {
        let Err(reason) = config else {
            panic!("accepted, expected a complaint about {variable}");
        };
        assert!(
            reason.contains(variable),
            "{reason:?} does not name {variable}"
        );
        reason
    }

    #[test]
    fn forward_url_must_be_https_or_dev_loopback() {
        assert!(check_forward_url("https://example.com/hook", false).is_ok());
        assert!(check_forward_url("http://example.com/hook", false).is_err());
        assert!(check_forward_url("http://example.com/hook", true).is_err());
        assert!(check_forward_url("http://127.0.0.1:8788/r", true).is_ok());
        assert!(check_forward_url("http://127.8.9.1/r", true).is_ok());
        assert!(check_forward_url("http://localhost/r", true).is_ok());
        assert!(check_forward_url("http://[::1]:80/r", true).is_ok());
        assert!(check_forward_url("http://127.0.0.1.evil.example/r", true).is_err());
        assert!(check_forward_url("http://user@127.0.0.1/r", true).is_ok());
        assert!(check_forward_url("ftp://example.com/", true).is_err());
        assert!(check_forward_url("example.com", false).is_err());
        assert!(check_forward_url("https:///nohost", false).is_err());
    }

    #[test]
    fn forward_url_host_is_the_one_fetch_uses() {
        // WHATWG reads `\` as `/`: fetch goes to evil.example, not 127.0.0.1.
        for tricky in [
            r"http://evil.example\@127.0.0.1/r",
            "http://127.0.0.1@evil.example/",
            "http://localhost.evil.example/",
            "http://127.0.0.1:80@evil.example/",
            "http://[::ffff:7f00:1]/",
            "http://%6c%6fcalhost.evil.example/",
            "http:/127.0.0.1/r",
            "http:127.0.0.1/r",
            "http://",
            "http://[::1/",
        ] {
            assert!(
                check_forward_url(tricky, true).is_err(),
                "{tricky} accepted"
            );
        }
        // Forms that WHATWG (and so fetch) resolves to loopback.
        for (loopback, fetched) in [
            ("http://0x7f.1/", "http://127.0.0.1/"),
            ("http://LOCALHOST:8788/r", "http://localhost:8788/r"),
            ("http://2130706433/r", "http://127.0.0.1/r"),
            ("  http://127.0.0.1/r ", "http://127.0.0.1/r"),
        ] {
            let url = check_forward_url(loopback, true);
            assert_eq!(url.as_deref(), Ok(fetched), "{loopback}");
        }
        // The parsed serialization is what is fetched.
        let c = ok(with(&DEV, &[("FORWARD_URL", r"http://0x7f.1:8788\r")]));
        assert_eq!(c.forward.url, "http://127.0.0.1:8788/r");
        refused(
            with(
                &DEV,
                &[("FORWARD_URL", r"http://evil.example\@127.0.0.1/r")],
            ),
            "FORWARD_URL",
        );
    }

    #[test]
    fn refuses_missing_or_malformed_forward_settings() {
        let c = ok(read(&BASE, false));
        assert_eq!(
            (
                c.forward.mode,
                c.forward.timeout_ms,
                c.forward.provider_auth
            ),
            (ForwardMode::Event, 4000, false)
        );
        for (vars, variable) in [
            (vec![("FORWARD_SECRET", SECRET)], "FORWARD_URL"),
            (
                vec![("FORWARD_URL", "https://r.example/")],
                "FORWARD_SECRET",
            ),
            (
                vec![
                    ("FORWARD_URL", "https://r.example/"),
                    ("FORWARD_SECRET", "not base64!"),
                ],
                "FORWARD_SECRET",
            ),
            (
                [&BASE[..], &[("FORWARD_MODE", "json")]].concat(),
                "FORWARD_MODE",
            ),
            (
                [&BASE[..], &[("FORWARD_TIMEOUT_MS", "0")]].concat(),
                "FORWARD_TIMEOUT_MS",
            ),
        ] {
            let reason = refused(read(&vars, false), variable);
            assert!(
                !reason.contains("MfKQ9r8"),
                "the reason leaks the secret: {reason}"
            );
        }
    }

    #[test]
    fn every_unparsable_or_out_of_range_variable_is_refused() {
        for (name, bad) in [
            ("TEXTUS_MAX_AGE_SECONDS", "1h"),
            ("TEXTUS_MAX_AGE_SECONDS", "0"),
            ("TEXTUS_MAX_AGE_SECONDS", "-5"),
            ("MAX_BODY_BYTES", "1MiB"),
            ("MAX_BODY_BYTES", "0"),
            ("MAX_BODY_BYTES", "+1024"),
            ("MAX_BODY_BYTES", "99999999999"),
            ("TOLERANCE_SECONDS", "5m"),
            ("TOLERANCE_SECONDS", "86401"),
            ("LEEWAY_SECONDS", "1.5"),
            ("LEEWAY_SECONDS", "3601"),
            ("RETRY_BASE_SECONDS", "ten"),
            ("RETRY_BASE_SECONDS", "3601"),
            ("FORWARD_TIMEOUT_MS", "4s"),
            ("FORWARD_TIMEOUT_MS", "30001"),
            ("DEV_NOW_MS", "soon"),
            ("HTTPSMS_ALLOW_UNSIGNED", "yes"),
            ("HTTPSMS_ALLOW_UNSIGNED", "TRUE"),
            ("ALLOW_INSECURE_FORWARD", "1"),
            ("FORWARD_PROVIDER_AUTH", "on"),
        ] {
            refused(with(&DEV, &[(name, bad)]), name);
        }
        for name in ["STANDARD_SECRET", "STANDARD_SECRET_PREVIOUS"] {
            let reason = refused(with(&BASE, &[(name, "whsec_!!")]), name);
            assert!(!reason.contains("whsec_!!"), "the reason shows the secret");
        }
        // In range, padded, or empty (unset) is fine.
        let c = ok(with(
            &DEV,
            &[
                ("TEXTUS_MAX_AGE_SECONDS", " 3600 "),
                ("MAX_BODY_BYTES", "1"),
                ("TOLERANCE_SECONDS", "0"),
                ("LEEWAY_SECONDS", ""),
                ("RETRY_BASE_SECONDS", "3600"),
                ("HTTPSMS_ALLOW_UNSIGNED", "false"),
                ("FORWARD_PROVIDER_AUTH", "true"),
            ],
        ));
        assert_eq!(c.options(Provider::Textus).max_age_seconds, Some(3600));
        assert_eq!(c.max_body_bytes, 1);
        assert_eq!(c.options(Provider::Zuc).tolerance_seconds, 0);
        assert_eq!(c.options(Provider::Zuc).leeway_seconds, 60);
        assert_eq!(c.retry_base_seconds, 3600);
        assert!(c.forward.provider_auth);
    }

    #[test]
    fn fixed_clock_only_next_to_a_dev_loopback_receiver() {
        assert_eq!(ok(read(&DEV, false)).fixed_now_ms, None);
        assert_eq!(ok(with(&DEV, &[("DEV_NOW_MS", "5")])).fixed_now_ms, Some(5));
        refused(with(&BASE, &[("DEV_NOW_MS", "5")]), "DEV_NOW_MS");
        refused(
            with(
                &BASE,
                &[("DEV_NOW_MS", "5"), ("ALLOW_INSECURE_FORWARD", "true")],
            ),
            "DEV_NOW_MS",
        );
        let https_loopback = [("FORWARD_URL", "https://127.0.0.1/r"), ("DEV_NOW_MS", "5")];
        refused(with(&DEV, &https_loopback), "DEV_NOW_MS");
    }

    #[test]
    fn queue_mode_bounds_the_body() {
        let event = ok(read(&BASE, true));
        assert_eq!(event.max_body_bytes, queue_body_limit(ForwardMode::Event));
        assert!(event.queue);
        let raw = ok(read(
            &[&BASE[..], &[("FORWARD_MODE", "raw")]].concat(),
            true,
        ));
        assert_eq!(raw.max_body_bytes, queue_body_limit(ForwardMode::Raw));
        let limit = queue_body_limit(ForwardMode::Event).to_string();
        let at_limit = [&BASE[..], &[("MAX_BODY_BYTES", limit.as_str())]].concat();
        assert!(read(&at_limit, true).is_ok());
        let over = (queue_body_limit(ForwardMode::Event) + 1).to_string();
        let over = [&BASE[..], &[("MAX_BODY_BYTES", over.as_str())]].concat();
        refused(read(&over, true), "MAX_BODY_BYTES");
        // Without a queue the same value is fine and the default is 1 MiB.
        assert!(read(&over, false).is_ok());
        assert_eq!(ok(read(&BASE, false)).max_body_bytes, 1024 * 1024);
    }

    #[test]
    fn secrets_and_options_per_provider() {
        let c = ok(with(
            &BASE,
            &[
                ("MESSAGES_DEV_SECRET", "new"),
                ("MESSAGES_DEV_SECRET_PREVIOUS", "old"),
                ("TEXTBEE_SECRET", ""),
                ("HTTPSMS_AUDIENCE", "https://a.example/"),
                ("TEXTUS_MAX_AGE_SECONDS", "60"),
            ],
        ));
        assert_eq!(c.secrets(Provider::MessagesDev), ["new", "old"]);
        assert!(c.secrets(Provider::Textbee).is_empty());
        assert_eq!(
            c.options(Provider::Httpsms).audience.as_deref(),
            Some("https://a.example/")
        );
        assert_eq!(c.options(Provider::Textus).max_age_seconds, Some(60));
        assert_eq!(c.options(Provider::Zuc).max_age_seconds, None);
    }

    #[test]
    fn a_provider_may_have_its_own_receiver() {
        let vars = |extra: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                [
                    ("FORWARD_URL", "https://main.example/hook"),
                    ("FORWARD_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                ]
                .iter()
                .chain(extra)
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
            }
        };
        let lookup = vars(&[("TWILIO_FORWARD_URL", "https://twilio-app.example/in")]);
        let c = Config::from_lookup(&lookup, false).unwrap();
        assert_eq!(c.forward.url_for("twilio"), "https://twilio-app.example/in");
        assert_eq!(c.forward.url_for("textbee"), "https://main.example/hook");
        let lookup = vars(&[("PLIVO_FORWARD_URL", "http://plivo.example/in")]);
        let refused = Config::from_lookup(&lookup, false).unwrap_err();
        assert!(refused.starts_with("PLIVO_FORWARD_URL"), "{refused}");
    }
}
