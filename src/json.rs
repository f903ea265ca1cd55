//! Lenient, borrowing JSON field access for the payload parsers.
//!
//! Provider payloads are read once into small structs whose leaves are borrowed raw JSON
//! tokens ([`Raw`]): a field of an unexpected type never fails the parse, it reads as absent.
//! Nested objects go through [`Obj`], which is `None` for anything that is not an object.

use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use crate::{time, Error};

/// A borrowed raw JSON value, absent when the key is missing or `null`.
pub(crate) type Raw<'a> = Option<&'a RawValue>;

/// A nested object parsed into `T`, or `None` when the value is not an object.
#[derive(Debug)]
pub(crate) struct Obj<T>(pub Option<T>);

impl<T> Default for Obj<T> {
    fn default() -> Self {
        Self(None)
    }
}

impl<T> Obj<T> {
    /// The parsed object, if the value was one.
    pub(crate) fn get(&self) -> Option<&T> {
        self.0.as_ref()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Obj<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjVisitor<T> {
            type Value = Obj<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Obj<T>, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(|t| Obj(Some(t)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Obj<T>, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Obj(None))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Obj<T>, E> {
                Ok(Obj(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Obj<T>, E> {
                Ok(Obj(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Obj<T>, E> {
                Ok(Obj(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Obj<T>, E> {
                Ok(Obj(None))
            }
            fn visit_str<E>(self, _: &str) -> Result<Obj<T>, E> {
                Ok(Obj(None))
            }
            fn visit_unit<E>(self) -> Result<Obj<T>, E> {
                Ok(Obj(None))
            }
        }

        deserializer.deserialize_any(ObjVisitor(PhantomData))
    }
}

/// Parses a whole body that must be a JSON object into `T`.
pub(crate) fn object<'a, T: Deserialize<'a>>(body: &'a str) -> Result<T, Error> {
    let first = body
        .bytes()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
    if first != Some(b'{') {
        return Err(Error::payload("body is not a JSON object"));
    }
    serde_json::from_str(body).map_err(|_| Error::payload("body is not valid JSON"))
}

/// The body as a [`RawValue`] (validated JSON, kept verbatim).
pub(crate) fn raw_body(body: &str) -> Result<Box<RawValue>, Error> {
    RawValue::from_string(body.to_owned()).map_err(|_| Error::payload("body is not valid JSON"))
}

/// The string value of a field, unescaped; `None` when absent or not a string.
pub(crate) fn text(raw: Raw<'_>) -> Option<String> {
    let token = raw?.get();
    let inner = token.strip_prefix('"')?.strip_suffix('"')?;
    if !inner.contains('\\') {
        // A validated string token without escapes is its own value.
        return Some(inner.to_owned());
    }
    serde_json::from_str(token).ok()
}

/// An id: a string's value, or a number token with its exact digits.
pub(crate) fn id(raw: Raw<'_>) -> Option<String> {
    let token = raw?.get();
    match token.as_bytes().first()? {
        b'"' => text(raw),
        b'-' | b'0'..=b'9' => Some(token.to_owned()),
        _ => None,
    }
}

/// A string field holding an RFC 3339 time, normalized to UTC milliseconds.
pub(crate) fn rfc3339(raw: Raw<'_>) -> Option<String> {
    time::normalize(&text(raw)?)
}

/// A number field holding milliseconds since the epoch, formatted as RFC 3339.
pub(crate) fn epoch_ms(raw: Raw<'_>) -> Option<String> {
    let ms: f64 = serde_json::from_str(raw?.get()).ok()?;
    if !ms.is_finite() || ms.abs() > 253_402_300_799_999.0 {
        return None;
    }
    // Truncation to whole milliseconds is the intent.
    #[allow(clippy::cast_possible_truncation)]
    time::format_ms(ms.trunc() as i64)
}

/// Whether a field is the JSON string `value` (compared after unescaping).
pub(crate) fn is_str(raw: Raw<'_>, value: &str) -> bool {
    text(raw).as_deref() == Some(value)
}
