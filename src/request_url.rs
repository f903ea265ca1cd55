//! The request URL that Twilio and Plivo sign: taken exactly as given, split without being
//! re-encoded, and varied only in the ways SPEC 7.2 allows (the default port added or
//! removed).

use crate::Error;

/// A request URL split into the parts the URL-signing schemes read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RequestUrl<'a> {
    /// The whole URL as given (without a fragment).
    pub text: &'a str,
    /// `https` or `http`, as written.
    scheme: &'a str,
    /// `host[:port]`, as written.
    authority: &'a str,
    /// From the first `/` after the authority up to the query (may be empty).
    path: &'a str,
    /// After the `?`, when there is one.
    pub query: Option<&'a str>,
}

impl<'a> RequestUrl<'a> {
    /// Splits an absolute `http(s)://` URL; `invalid_argument` for anything else.
    pub(crate) fn parse(url: &'a str) -> Result<Self, Error> {
        let text = url.split_once('#').map_or(url, |(before, _)| before);
        let bad = || Error::argument("url must be the absolute http(s) URL the provider requested");
        let (scheme, rest) = text.split_once("://").ok_or_else(bad)?;
        if !(scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http")) {
            return Err(bad());
        }
        let end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, after) = rest.split_at(end);
        if authority.is_empty() || text.bytes().any(|b| b.is_ascii_control() || b == b' ') {
            return Err(bad());
        }
        let (path, query) = match after.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (after, None),
        };
        Ok(Self {
            text,
            scheme,
            authority,
            path,
            query,
        })
    }

    /// The URL without its query: `scheme://authority/path`.
    pub(crate) fn without_query(&self) -> &'a str {
        let len = self.scheme.len() + 3 + self.authority.len() + self.path.len();
        self.text.get(..len).unwrap_or(self.text)
    }

    /// The raw value of the first query parameter called `name` (not decoded).
    pub(crate) fn query_param(&self, name: &str) -> Option<&'a str> {
        self.query?.split('&').find_map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (key == name).then_some(value)
        })
    }

    /// The URL as given, then (SPEC 7.2) the same URL with the scheme's default port added
    /// when it has no port, or removed when it has the default port.
    pub(crate) fn port_variants(&self) -> [Option<String>; 2] {
        let default = if self.scheme.eq_ignore_ascii_case("https") {
            "443"
        } else {
            "80"
        };
        // A port follows the last `:` unless that colon is inside an IPv6 literal.
        let (host, port) = match self.authority.rsplit_once(':') {
            Some((host, port)) if !port.contains(']') => (host, Some(port)),
            _ => (self.authority, None),
        };
        let tail = self
            .text
            .get(self.scheme.len() + 3 + self.authority.len()..)
            .unwrap_or("");
        let other = match port {
            None => Some(format!("{}://{host}:{default}{tail}", self.scheme)),
            Some(port) if port == default => Some(format!("{}://{host}{tail}", self.scheme)),
            Some(_) => None,
        };
        [Some(self.text.to_owned()), other]
    }
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_varies_the_port() {
        let url = RequestUrl::parse("https://example.com/a/b?x=1&bodySHA256=ab#f").expect("url");
        assert_eq!(url.without_query(), "https://example.com/a/b");
        assert_eq!(url.query_param("bodySHA256"), Some("ab"));
        assert_eq!(
            url.port_variants(),
            [
                Some("https://example.com/a/b?x=1&bodySHA256=ab".to_owned()),
                Some("https://example.com:443/a/b?x=1&bodySHA256=ab".to_owned())
            ]
        );
        let url = RequestUrl::parse("http://[::1]:80?q").expect("url");
        assert_eq!(url.port_variants()[1].as_deref(), Some("http://[::1]?q"));
        let url = RequestUrl::parse("https://h:8443/").expect("url");
        assert_eq!(url.port_variants()[1], None);
        for bad in ["/relative", "ftp://h/", "https:///path", "https://h/a b"] {
            assert!(RequestUrl::parse(bad).is_err(), "{bad}");
        }
    }
}
