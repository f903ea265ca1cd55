//! Lenient, borrowing JSON field access for the payload parsers.
//!
//! A body is validated once by `serde_json` (strict JSON, kept verbatim as a [`RawValue`]);
//! a small scanner then lists the members of an object as raw tokens, and the helpers below
//! read a token as text, an id, or a time. A member of an unexpected type never fails a
//! parse: it reads as absent. No typed deserialization runs, which keeps the wasm small.

use serde_json::value::RawValue;

use crate::{time, Error};

/// The deepest nesting of objects and arrays a body may have (the body itself is level 1).
/// Deeper bodies are `malformed_payload`: every accepted body then parses with
/// `serde_json`'s default recursion limit (128) too, as `Event::data_value` does.
pub(crate) const MAX_DEPTH: usize = 100;

/// A raw JSON token (validated), absent when the key is missing or `null`.
pub(crate) type Raw<'a> = Option<&'a str>;

/// Validates a whole body as JSON; the result borrows the body.
pub(crate) fn validate(body: &str) -> Result<&RawValue, Error> {
    serde_json::from_str(body).map_err(|_| Error::payload("body is not valid JSON"))
}

/// The members of one JSON object, as raw key and value tokens.
#[derive(Debug)]
pub(crate) struct Object<'a> {
    /// (raw key token, whether the key has escapes, raw value token)
    members: Vec<(&'a str, bool, &'a str)>,
}

impl<'a> Object<'a> {
    /// Members of `token`, which must be validated JSON; `None` when it is not an object
    /// or nests deeper than [`MAX_DEPTH`] levels.
    pub(crate) fn of(token: &'a str) -> Option<Self> {
        let b = token.as_bytes();
        let mut i = skip_ws(b, 0);
        if b.get(i) != Some(&b'{') {
            return None;
        }
        i = skip_ws(b, i + 1);
        let mut members = Vec::new();
        if b.get(i) == Some(&b'}') {
            return Some(Self { members });
        }
        loop {
            let key_end = scan_string(b, i)?;
            let key = token.get(i..key_end)?;
            i = skip_ws(b, key_end);
            if b.get(i) != Some(&b':') {
                return None;
            }
            let start = skip_ws(b, i + 1);
            let end = scan_value(b, start, MAX_DEPTH - 1)?;
            members.push((key, key.contains('\\'), token.get(start..end)?));
            i = skip_ws(b, end);
            match b.get(i) {
                Some(b',') => i = skip_ws(b, i + 1),
                Some(b'}') => return Some(Self { members }),
                _ => return None,
            }
        }
    }

    /// The value of `key` (the last one, as `JSON.parse` does); `None` when absent or null.
    pub(crate) fn get(&self, key: &str) -> Raw<'a> {
        self.members
            .iter()
            .rev()
            .find(|(raw, escaped, _)| key_is(raw, *escaped, key))
            .map(|(_, _, v)| *v)
            .filter(|v| *v != "null")
    }

    /// Whether `key` is a member, whatever its value (`null` included).
    pub(crate) fn has(&self, key: &str) -> bool {
        self.members
            .iter()
            .any(|(raw, escaped, _)| key_is(raw, *escaped, key))
    }

    /// The member `key` as an object.
    pub(crate) fn object(&self, key: &str) -> Option<Object<'a>> {
        Object::of(self.get(key)?)
    }

    /// Every member, in order (keys as raw tokens).
    #[cfg_attr(not(feature = "wasm"), allow(dead_code))]
    pub(crate) fn members(&self) -> impl Iterator<Item = (&'a str, &'a str)> + '_ {
        self.members.iter().map(|(k, _, v)| (*k, *v))
    }
}

/// Parses a body that must be a JSON object.
pub(crate) fn object(body: &str) -> Result<Object<'_>, Error> {
    let raw = validate(body)?;
    Object::of(raw.get()).ok_or(Error::payload("body is not a JSON object"))
}

/// The items of a JSON array token (validated); `None` when it is not an array.
pub(crate) fn array(token: &str) -> Option<Vec<&str>> {
    let b = token.as_bytes();
    let mut i = skip_ws(b, 0);
    if b.get(i) != Some(&b'[') {
        return None;
    }
    i = skip_ws(b, i + 1);
    let mut items = Vec::new();
    if b.get(i) == Some(&b']') {
        return Some(items);
    }
    loop {
        let end = scan_value(b, i, MAX_DEPTH - 1)?;
        items.push(token.get(i..end)?);
        i = skip_ws(b, end);
        match b.get(i) {
            Some(b',') => i = skip_ws(b, i + 1),
            Some(b']') => return Some(items),
            _ => return None,
        }
    }
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// The index after the string token starting at `i`.
fn scan_string(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i) != Some(&b'"') {
        return None;
    }
    let mut j = i + 1;
    loop {
        j += memchr::memchr2(b'"', b'\\', b.get(j..)?)?;
        if b.get(j) == Some(&b'\\') {
            j += 2;
        } else {
            return Some(j + 1);
        }
    }
}

/// The index after the value starting at `i`; `None` when it nests deeper than
/// `max_depth` levels.
fn scan_value(b: &[u8], i: usize, max_depth: usize) -> Option<usize> {
    match b.get(i)? {
        b'"' => scan_string(b, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            loop {
                // Jump to the next byte that matters: a quote or a bracket.
                let rest = b.get(j..)?;
                j += rest
                    .iter()
                    .position(|c| matches!(c, b'"' | b'{' | b'}' | b'[' | b']'))?;
                match b.get(j)? {
                    b'"' => {
                        j = scan_string(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => {
                        depth += 1;
                        if depth > max_depth {
                            return None;
                        }
                    }
                    _ => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                }
                j += 1;
            }
        }
        _ => {
            let rest = b.get(i..)?;
            let len = rest
                .iter()
                .position(|c| matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))
                .unwrap_or(rest.len());
            Some(i + len)
        }
    }
}

fn key_is(raw_key: &str, escaped: bool, key: &str) -> bool {
    let inner = raw_key
        .get(1..raw_key.len().saturating_sub(1))
        .unwrap_or_default();
    if escaped {
        unescape(inner).as_deref() == Some(key)
    } else {
        inner == key
    }
}

/// The value of a validated string token's contents (between the quotes).
fn unescape(inner: &str) -> Option<String> {
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let escaped = match chars.next()? {
            '"' => '"',
            '\\' => '\\',
            '/' => '/',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'u' => {
                let first = hex_unit(&mut chars)?;
                if (0xD800..0xDC00).contains(&first) {
                    // A high surrogate pairs with a following \uDC00-\uDFFF; alone it is
                    // U+FFFD and whatever follows is read normally.
                    let mut ahead = chars.clone();
                    let low = match (ahead.next(), ahead.next()) {
                        (Some('\\'), Some('u')) => {
                            hex_unit(&mut ahead).filter(|u| (0xDC00..0xE000).contains(u))
                        }
                        _ => None,
                    };
                    match low {
                        Some(second) => {
                            chars = ahead;
                            let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                            char::from_u32(code).unwrap_or('\u{fffd}')
                        }
                        None => '\u{fffd}',
                    }
                } else {
                    char::from_u32(first).unwrap_or('\u{fffd}')
                }
            }
            _ => return None,
        };
        out.push(escaped);
    }
    Some(out)
}

fn hex_unit(chars: &mut core::str::Chars<'_>) -> Option<u32> {
    let hex: String = chars.take(4).collect();
    u32::from_str_radix(&hex, 16).ok()
}

/// The string value of a token, unescaped; `None` when absent or not a string.
pub(crate) fn text(raw: Raw<'_>) -> Option<String> {
    let inner = raw?.strip_prefix('"')?.strip_suffix('"')?;
    if inner.contains('\\') {
        unescape(inner)
    } else {
        Some(inner.to_owned())
    }
}

/// An id: a string's value, or a number token with its exact digits.
pub(crate) fn id(raw: Raw<'_>) -> Option<String> {
    match raw?.as_bytes().first()? {
        b'"' => text(raw),
        b'-' | b'0'..=b'9' => raw.map(str::to_owned),
        _ => None,
    }
}

/// Whether a token is the JSON string `value` (compared after unescaping).
pub(crate) fn is_str(raw: Raw<'_>, value: &str) -> bool {
    text(raw).as_deref() == Some(value)
}

/// A JSON number token as thousandths (`1.5` → 1500), without floating point: integer and
/// fraction parts only (exponents are refused). `None` when not such a number.
pub(crate) fn thousandths(raw: Raw<'_>) -> Option<i128> {
    let token = raw?;
    let (negative, digits) = match token.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, token),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty() || whole.len() > 30 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut value: i128 = whole.parse().ok()?;
    let mut scale = 1000;
    for digit in fraction.bytes().take(3) {
        scale /= 10;
        value = value * 10 + i128::from(digit - b'0');
    }
    value = value.checked_mul(scale)?;
    Some(if negative { -value } else { value })
}

/// A non-negative integer token.
pub(crate) fn unsigned(raw: Raw<'_>) -> Option<u64> {
    let token = raw?;
    if token.bytes().all(|b| b.is_ascii_digit()) {
        token.parse().ok()
    } else {
        None
    }
}

/// A string token holding an RFC 3339 time, normalized to UTC milliseconds.
pub(crate) fn rfc3339(raw: Raw<'_>) -> Option<String> {
    time::normalize(&text(raw)?)
}

/// A number token holding milliseconds since the epoch, formatted as RFC 3339.
pub(crate) fn epoch_ms(raw: Raw<'_>) -> Option<String> {
    let ms = thousandths(raw)? / 1000;
    time::format_ms(i64::try_from(ms).ok()?)
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn scans_members_and_reads_tokens() {
        let body = r#" { "a" : "x\"y" , "b":[1,{"c":"]"}], "n":null, "e\u0076ent":"ok", "d":{"k":-1.5e3}, "a":"last" } "#;
        let object = object(body).expect("valid object");
        assert_eq!(text(object.get("a")).as_deref(), Some("last"));
        assert_eq!(object.get("n"), None);
        assert_eq!(text(object.get("event")).as_deref(), Some("ok"));
        let items = array(object.get("b").unwrap_or_default()).unwrap_or_default();
        assert_eq!(items, vec!["1", r#"{"c":"]"}"#]);
        assert_eq!(object.object("d").and_then(|d| d.get("k")), Some("-1.5e3"));
        assert_eq!(thousandths(Some("-1.5e3")), None);
        assert_eq!(thousandths(Some("1767225600.5")), Some(1_767_225_600_500));
        assert_eq!(
            text(Some(r#""\ud83d\ude00 \u00e9\n""#)).as_deref(),
            Some("😀 é\n")
        );
    }

    #[test]
    fn refuses_non_objects() {
        for body in ["", "[1]", "\u{feff}{}", "{", "{\"a\":1}x", "nul"] {
            assert!(object(body).is_err(), "{body:?}");
        }
    }
}
