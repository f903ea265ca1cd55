//! URLs read by the WHATWG URL parser, the one `fetch` uses: in the Worker, the runtime's
//! own `URL` (no parser compiled into the bundle); natively (tests, lints), the `url` crate,
//! which implements the same standard.

/// A URL as the WHATWG parser reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedUrl {
    /// The scheme, lowercase, without the `:`.
    pub scheme: String,
    /// The host: lowercase, IPv4 in dotted decimal, IPv6 in brackets; empty when none.
    pub hostname: String,
    /// The serialization, which is what `fetch` requests.
    pub href: String,
}

/// Parses an absolute URL; `None` when the parser refuses it.
#[cfg(target_arch = "wasm32")]
#[must_use]
pub fn parse(text: &str) -> Option<ParsedUrl> {
    let url = web_sys::Url::new(text).ok()?;
    let protocol = url.protocol();
    Some(ParsedUrl {
        scheme: protocol.strip_suffix(':').unwrap_or(&protocol).to_owned(),
        hostname: url.hostname(),
        href: url.href(),
    })
}

/// Parses an absolute URL; `None` when the parser refuses it.
#[cfg(not(target_arch = "wasm32"))]
#[must_use]
pub fn parse(text: &str) -> Option<ParsedUrl> {
    let url = url::Url::parse(text).ok()?;
    let hostname = match url.host() {
        Some(url::Host::Ipv6(ip)) => format!("[{ip}]"),
        Some(host) => host.to_string(),
        None => String::new(),
    };
    Some(ParsedUrl {
        scheme: url.scheme().to_owned(),
        hostname,
        href: url.as_str().to_owned(),
    })
}
