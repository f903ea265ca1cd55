//! `application/x-www-form-urlencoded` bodies and URL queries: decoded strictly (an
//! undecodable body is `malformed_payload`, never guessed at), and turned into the JSON
//! object an event's `data` holds.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::Error;

/// One decoded `name=value` pair: borrowed from the input unless decoding changed it.
pub(crate) type Pair<'a> = (Cow<'a, str>, Cow<'a, str>);

/// Decoded `name=value` pairs, in the order sent.
pub(crate) type Pairs<'a> = Vec<Pair<'a>>;

/// Decodes a form body: `&`-separated `name=value` pairs (a pair without `=` has an empty
/// value, empty pairs are skipped), `+` is a space, `%XX` a byte, and the decoded bytes
/// must be UTF-8. Raw control characters and malformed escapes are refused.
pub(crate) fn decode(body: &[u8]) -> Result<Pairs<'_>, Error> {
    let text = core::str::from_utf8(body).map_err(|_| Error::payload("form body is not UTF-8"))?;
    pairs(text, true)
}

/// Decodes a URL query the same way (`+` is a space, as form encoding writes it).
pub(crate) fn decode_query(query: &str) -> Result<Pairs<'_>, Error> {
    pairs(query, false)
}

fn pairs(text: &str, body: bool) -> Result<Pairs<'_>, Error> {
    if text.bytes().any(|b| b.is_ascii_control()) {
        return Err(if body {
            Error::payload("form body holds a control character")
        } else {
            Error::argument("url holds a control character")
        });
    }
    text.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((component(name, body)?, component(value, body)?))
        })
        .collect()
}

/// One percent-decoded component, `+` as a space.
fn component(raw: &str, body: bool) -> Result<Cow<'_, str>, Error> {
    let bad = || {
        if body {
            Error::payload("form body has an invalid percent escape")
        } else {
            Error::argument("url query has an invalid percent escape")
        }
    };
    if !raw.contains(['%', '+']) {
        return Ok(Cow::Borrowed(raw));
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut bytes = raw.bytes();
    while let Some(b) = bytes.next() {
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let hi = bytes.next().and_then(hex_value).ok_or_else(bad)?;
                let lo = bytes.next().and_then(hex_value).ok_or_else(bad)?;
                out.push(hi << 4 | lo);
            }
            _ => out.push(b),
        }
    }
    String::from_utf8(out).map(Cow::Owned).map_err(|_| {
        if body {
            Error::payload("form value is not UTF-8 once decoded")
        } else {
            Error::argument("url query is not UTF-8 once decoded")
        }
    })
}

fn hex_value(b: u8) -> Option<u8> {
    char::from(b)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

/// The pairs as a JSON object: names in the order first sent, a name sent once maps to
/// its value, a repeated name to the array of its values in order.
pub(crate) fn to_json(pairs: &[Pair<'_>]) -> String {
    let mut order: Vec<(&str, Vec<&str>)> = Vec::new();
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for (name, value) in pairs {
        let (name, value): (&str, &str) = (name, value);
        match index.get(name) {
            Some(&at) => {
                if let Some((_, values)) = order.get_mut(at) {
                    values.push(value);
                }
            }
            None => {
                index.insert(name, order.len());
                order.push((name, vec![value]));
            }
        }
    }
    let mut out = String::with_capacity(pairs.iter().map(|(k, v)| k.len() + v.len() + 6).sum());
    out.push('{');
    for (i, (name, values)) in order.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(&mut out, name);
        out.push(':');
        match values.as_slice() {
            [one] => push_json_string(&mut out, one),
            many => {
                out.push('[');
                for (j, value) in many.iter().enumerate() {
                    if j > 0 {
                        out.push(',');
                    }
                    push_json_string(&mut out, value);
                }
                out.push(']');
            }
        }
    }
    out.push('}');
    out
}

/// Appends `text` as a JSON string: as is between quotes when nothing needs escaping (the
/// usual case), else as `serde_json` writes it.
fn push_json_string(out: &mut String, text: &str) {
    if text.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push('"');
        out.push_str(text);
        out.push('"');
    } else {
        out.push_str(&serde_json::to_string(text).unwrap_or_default());
    }
}

/// The pairs sorted by name, then value, comparing UTF-16 code units (as the providers'
/// JavaScript SDKs sort): a bottom-up merge sort, O(n log n). The standard library's
/// sorts would add about 30 KB to the wasm for this one use.
pub(crate) fn sorted<'p, 'a>(pairs: &'p [Pair<'a>]) -> Vec<&'p Pair<'a>> {
    let before = |a: &Pair<'_>, b: &Pair<'_>| {
        utf16_cmp(&a.0, &b.0)
            .then_with(|| utf16_cmp(&a.1, &b.1))
            .is_le()
    };
    let mut items: Vec<&Pair<'a>> = pairs.iter().collect();
    let mut scratch: Vec<&Pair<'a>> = Vec::with_capacity(items.len());
    let mut width = 1;
    while width < items.len() {
        scratch.clear();
        for run in items.chunks(2 * width) {
            let (left, right) = run.split_at(width.min(run.len()));
            let (mut i, mut j) = (0, 0);
            while let (Some(&a), Some(&b)) = (left.get(i), right.get(j)) {
                if before(a, b) {
                    scratch.push(a);
                    i += 1;
                } else {
                    scratch.push(b);
                    j += 1;
                }
            }
            scratch.extend(left.iter().skip(i).chain(right.iter().skip(j)));
        }
        core::mem::swap(&mut items, &mut scratch);
        width *= 2;
    }
    items
}

/// Compares two strings by UTF-16 code units. UTF-8 bytes sort as code points, which
/// differ from UTF-16 order only between U+E000–U+FFFF and the supplementary planes (whose
/// UTF-8 lead bytes are 0xEE and up): so bytes decide, except at such a pair.
fn utf16_cmp(a: &str, b: &str) -> core::cmp::Ordering {
    let at = a.bytes().zip(b.bytes()).position(|(x, y)| x != y);
    match at.and_then(|i| Some((*a.as_bytes().get(i)?, *b.as_bytes().get(i)?))) {
        Some((x, y)) if x >= 0xEE && y >= 0xEE => a.encode_utf16().cmp(b.encode_utf16()),
        _ => a.as_bytes().cmp(b.as_bytes()),
    }
}

/// Percent-encodes a value as form encoding writes it (for `sign`'s URLs).
pub(crate) fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                out.push(char::from(b));
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn decodes_plus_escapes_and_repeats() {
        let pairs = decode(b"To=%2B1415&Body=Hi+there%21&a=1&a=2&flag&&").expect("form");
        assert_eq!(
            to_json(&pairs),
            r#"{"To":"+1415","Body":"Hi there!","a":["1","2"],"flag":""}"#
        );
    }

    #[test]
    fn sorts_by_utf16_code_units_then_value() {
        let pairs: Pairs = [
            ("b", "2"),
            ("a", "9"),
            ("\u{ff01}", ""),
            ("😀", ""),
            ("a", "1"),
            ("c", ""),
        ]
        .iter()
        .map(|(k, v)| (Cow::Borrowed(*k), Cow::Borrowed(*v)))
        .collect();
        let names: Vec<String> = sorted(&pairs)
            .iter()
            .map(|(k, v)| format!("{k}{v}"))
            .collect();
        // U+1F600 is a surrogate pair (0xD83D…), before U+FF01 in UTF-16 order.
        assert_eq!(names, ["a1", "a9", "b2", "c", "😀", "\u{ff01}"]);
        for n in [0, 1, 2, 3, 5, 8, 13, 100] {
            let pairs: Pairs = (0..n)
                .rev()
                .map(|i| (Cow::Owned(format!("{:03}", i * 7 % 100)), Cow::Borrowed("")))
                .collect();
            let got: Vec<&str> = sorted(&pairs).iter().map(|(k, _)| k.as_ref()).collect();
            let mut want: Vec<&str> = pairs.iter().map(|(k, _)| k.as_ref()).collect();
            want.sort_unstable();
            assert_eq!(got, want, "{n}");
        }
    }

    #[test]
    fn utf16_order_matches_encode_utf16_everywhere() {
        let words = [
            "",
            "a",
            "ab",
            "b",
            "é",
            "\u{ffff}",
            "\u{e000}x",
            "😀",
            "😀a",
            "a😀",
            "a\u{ff01}",
            "\u{7ff}",
            "\u{800}",
        ];
        for x in words {
            for y in words {
                assert_eq!(
                    utf16_cmp(x, y),
                    x.encode_utf16().cmp(y.encode_utf16()),
                    "{x:?} {y:?}"
                );
            }
        }
    }

    #[test]
    fn to_json_writes_what_serde_json_reads_back() {
        let texts = [
            "",
            "plain",
            "quote\"",
            "back\\slash",
            "nl\n\t\u{1}\u{1f}",
            "é😀\u{7f}",
            "</script>",
        ];
        let pairs: Pairs = texts
            .iter()
            .map(|t| (Cow::Borrowed(*t), Cow::Borrowed(*t)))
            .collect();
        let parsed: serde_json::Value = serde_json::from_str(&to_json(&pairs)).expect("JSON");
        for t in texts {
            assert_eq!(
                parsed.get(t),
                Some(&serde_json::Value::String(t.to_owned())),
                "{t:?}"
            );
        }
    }

    #[test]
    fn refuses_what_does_not_decode() {
        for body in [&b"a=%ZZ"[..], b"a=%4", b"a=%FF", b"a=\x01", b"a=\xff"] {
            assert_eq!(decode(body).map_err(|e| e.code()), Err("malformed_payload"));
        }
    }
}
