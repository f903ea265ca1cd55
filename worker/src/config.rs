//! Worker configuration, read from wrangler vars and secrets through a lookup function so
//! it can be built and tested without the Workers runtime.

use smshook::{Provider, Secret, VerifyOptions};

/// Default forward timeout: below httpSMS's 5 s, the shortest provider timeout.
pub const DEFAULT_FORWARD_TIMEOUT_MS: u64 = 4000;

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
    /// The receiver (`FORWARD_URL`): https, or loopback http with `ALLOW_INSECURE_FORWARD`.
    pub url: String,
    /// The Standard Webhooks secret (`FORWARD_SECRET`, `whsec_…`), as given.
    pub secret: String,
    /// `FORWARD_MODE`.
    pub mode: ForwardMode,
    /// `FORWARD_TIMEOUT_MS`.
    pub timeout_ms: u64,
}

/// Everything the Worker reads from its environment.
#[derive(Debug, Clone)]
pub struct Config {
    /// The forward target, or why it is refused (never containing a secret).
    pub forward: Result<Forward, String>,
    /// `ALLOW_INSECURE_FORWARD=true` (development only).
    pub insecure_dev: bool,
    /// `DEV_NOW_MS`: a fixed clock for tests, honoured only with `ALLOW_INSECURE_FORWARD`.
    pub fixed_now_ms: Option<u64>,
    /// `RETRY_BASE_SECONDS`: the first queue retry delay (default 10).
    pub retry_base_seconds: u32,
    /// `MAX_BODY_BYTES`: the largest delivery body, for every provider.
    pub max_body_bytes: usize,
    lookup_secrets: Vec<(Provider, Vec<String>)>,
    options: Vec<(Provider, VerifyOptions)>,
}

/// The env prefix of a provider: `TEXTBEE`, `MESSAGES_DEV`…
#[must_use]
pub fn env_prefix(provider: Provider) -> String {
    provider.id().to_ascii_uppercase().replace('-', "_")
}

fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host == "::1"
        || host
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Checks `FORWARD_URL`: https anywhere, or http to a loopback host when `insecure_dev`.
///
/// # Errors
/// Why the URL is refused.
pub fn check_forward_url(url: &str, insecure_dev: bool) -> Result<(), String> {
    let (scheme, rest) = url
        .split_once("://")
        .ok_or("FORWARD_URL is not an absolute URL")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    let host = if host_port.starts_with('[') {
        host_port.split_inclusive(']').next().unwrap_or_default()
    } else {
        host_port.split(':').next().unwrap_or_default()
    };
    if host.is_empty() {
        return Err("FORWARD_URL has no host".into());
    }
    match scheme.to_ascii_lowercase().as_str() {
        "https" => Ok(()),
        "http" if insecure_dev && is_loopback(host) => Ok(()),
        "http" if insecure_dev => Err("FORWARD_URL is plain http to a non-loopback host".into()),
        "http" => Err("FORWARD_URL is plain http (set ALLOW_INSECURE_FORWARD=true for a loopback receiver in development)".into()),
        _ => Err("FORWARD_URL is not http(s)".into()),
    }
}

fn number<T: std::str::FromStr>(lookup: &dyn Fn(&str) -> Option<String>, name: &str) -> Option<T> {
    lookup(name).and_then(|v| v.trim().parse().ok())
}

impl Config {
    /// Reads the configuration through `lookup` (a var or secret by name).
    pub fn from_lookup(lookup: &dyn Fn(&str) -> Option<String>) -> Self {
        let insecure_dev = lookup("ALLOW_INSECURE_FORWARD").is_some_and(|v| v.trim() == "true");
        let forward = Self::read_forward(lookup, insecure_dev);
        let lookup_secrets = Provider::ALL
            .into_iter()
            .map(|p| {
                let prefix = env_prefix(p);
                let secrets = [
                    format!("{prefix}_SECRET"),
                    format!("{prefix}_SECRET_PREVIOUS"),
                ]
                .iter()
                .filter_map(|name| lookup(name))
                .filter(|s| !s.is_empty())
                .collect();
                (p, secrets)
            })
            .collect();
        let max_body_bytes =
            number(lookup, "MAX_BODY_BYTES").unwrap_or(VerifyOptions::default().max_body_bytes);
        let options = Provider::ALL
            .into_iter()
            .map(|p| {
                let mut o = VerifyOptions::default();
                o.max_body_bytes = max_body_bytes;
                if let Some(v) = number(lookup, "TOLERANCE_SECONDS") {
                    o.tolerance_seconds = v;
                }
                if let Some(v) = number(lookup, "LEEWAY_SECONDS") {
                    o.leeway_seconds = v;
                }
                if p == Provider::Httpsms {
                    o.audience = lookup("HTTPSMS_AUDIENCE").filter(|v| !v.is_empty());
                    o.subject = lookup("HTTPSMS_SUBJECT").filter(|v| !v.is_empty());
                    o.allow_unsigned =
                        lookup("HTTPSMS_ALLOW_UNSIGNED").is_some_and(|v| v.trim() == "true");
                }
                if p == Provider::Textus {
                    o.max_age_seconds = number(lookup, "TEXTUS_MAX_AGE_SECONDS");
                }
                (p, o)
            })
            .collect();
        Self {
            forward,
            insecure_dev,
            fixed_now_ms: if insecure_dev {
                number(lookup, "DEV_NOW_MS")
            } else {
                None
            },
            retry_base_seconds: number(lookup, "RETRY_BASE_SECONDS").unwrap_or(10),
            max_body_bytes,
            lookup_secrets,
            options,
        }
    }

    fn read_forward(
        lookup: &dyn Fn(&str) -> Option<String>,
        insecure_dev: bool,
    ) -> Result<Forward, String> {
        let url = lookup("FORWARD_URL")
            .filter(|u| !u.is_empty())
            .ok_or("FORWARD_URL is not set")?;
        check_forward_url(&url, insecure_dev)?;
        let secret = lookup("FORWARD_SECRET")
            .filter(|s| !s.is_empty())
            .ok_or("FORWARD_SECRET is not set")?;
        Secret::standard(&secret).map_err(|_| "FORWARD_SECRET is not a whsec_<base64> secret")?;
        let mode = match lookup("FORWARD_MODE").as_deref().map(str::trim) {
            None | Some("" | "event") => ForwardMode::Event,
            Some("raw") => ForwardMode::Raw,
            Some(_) => return Err("FORWARD_MODE must be event or raw".into()),
        };
        let timeout_ms = match lookup("FORWARD_TIMEOUT_MS") {
            None => DEFAULT_FORWARD_TIMEOUT_MS,
            Some(v) => v
                .trim()
                .parse()
                .ok()
                .filter(|ms| *ms > 0)
                .ok_or("FORWARD_TIMEOUT_MS must be a positive number of milliseconds")?,
        };
        Ok(Forward {
            url,
            secret,
            mode,
            timeout_ms,
        })
    }

    /// The configured secrets of a provider (`<ID>_SECRET`, `<ID>_SECRET_PREVIOUS`).
    #[must_use]
    pub fn secrets(&self, provider: Provider) -> &[String] {
        self.lookup_secrets
            .iter()
            .find(|(p, _)| *p == provider)
            .map_or(&[], |(_, s)| s.as_slice())
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
mod tests {
    use super::*;

    fn config(vars: &[(&str, &str)]) -> Config {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Config::from_lookup(&|name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
    }

    const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

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
    fn refuses_missing_or_malformed_forward_settings() {
        let ok = config(&[
            ("FORWARD_URL", "https://r.example/"),
            ("FORWARD_SECRET", SECRET),
        ]);
        let forward = ok.forward.as_ref().map_err(Clone::clone);
        assert_eq!(
            forward.map(|f| (f.mode, f.timeout_ms)),
            Ok((ForwardMode::Event, 4000))
        );
        for vars in [
            vec![("FORWARD_SECRET", SECRET)],
            vec![("FORWARD_URL", "https://r.example/")],
            vec![
                ("FORWARD_URL", "https://r.example/"),
                ("FORWARD_SECRET", "not base64!"),
            ],
            vec![
                ("FORWARD_URL", "https://r.example/"),
                ("FORWARD_SECRET", SECRET),
                ("FORWARD_MODE", "json"),
            ],
            vec![
                ("FORWARD_URL", "https://r.example/"),
                ("FORWARD_SECRET", SECRET),
                ("FORWARD_TIMEOUT_MS", "0"),
            ],
        ] {
            let error = config(&vars).forward.err().unwrap_or_default();
            assert!(!error.is_empty(), "{vars:?} accepted");
            assert!(
                !error.contains("MfKQ9r8"),
                "the reason leaks the secret: {error}"
            );
        }
    }

    #[test]
    fn fixed_clock_only_in_development() {
        assert_eq!(config(&[("DEV_NOW_MS", "5")]).fixed_now_ms, None);
        let dev = config(&[("DEV_NOW_MS", "5"), ("ALLOW_INSECURE_FORWARD", "true")]);
        assert_eq!(dev.fixed_now_ms, Some(5));
    }

    #[test]
    fn secrets_and_options_per_provider() {
        let c = config(&[
            ("MESSAGES_DEV_SECRET", "new"),
            ("MESSAGES_DEV_SECRET_PREVIOUS", "old"),
            ("TEXTBEE_SECRET", ""),
            ("HTTPSMS_AUDIENCE", "https://a.example/"),
            ("TEXTUS_MAX_AGE_SECONDS", "60"),
        ]);
        assert_eq!(c.secrets(Provider::MessagesDev), ["new", "old"]);
        assert!(c.secrets(Provider::Textbee).is_empty());
        assert_eq!(
            c.options(Provider::Httpsms).audience.as_deref(),
            Some("https://a.example/")
        );
        assert_eq!(c.options(Provider::Textus).max_age_seconds, Some(60));
        assert_eq!(c.options(Provider::Zuc).max_age_seconds, None);
    }
}
