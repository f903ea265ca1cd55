//! Case-insensitive header lookup over whatever header container the caller has.

use std::collections::{BTreeMap, HashMap};

/// Read access to a delivery's HTTP headers.
///
/// `get` receives a lowercase header name and must match names case-insensitively.
/// Implemented for slices and vectors of `(name, value)` pairs and for string maps; the
/// first matching header wins. Values are returned untrimmed (the schemes trim them).
pub trait Headers {
    /// The value of the header `name` (lowercase), if present.
    fn get(&self, name: &str) -> Option<&str>;
}

impl<K: AsRef<str>, V: AsRef<str>> Headers for [(K, V)] {
    fn get(&self, name: &str) -> Option<&str> {
        self.iter()
            .find(|(k, _)| k.as_ref().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_ref())
    }
}

impl<K: AsRef<str>, V: AsRef<str>, const N: usize> Headers for [(K, V); N] {
    fn get(&self, name: &str) -> Option<&str> {
        Headers::get(self.as_slice(), name)
    }
}

impl<K: AsRef<str>, V: AsRef<str>> Headers for Vec<(K, V)> {
    fn get(&self, name: &str) -> Option<&str> {
        Headers::get(self.as_slice(), name)
    }
}

impl<V: AsRef<str>, S: std::hash::BuildHasher> Headers for HashMap<String, V, S> {
    fn get(&self, name: &str) -> Option<&str> {
        if let Some(v) = HashMap::get(self, name) {
            return Some(v.as_ref());
        }
        self.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_ref())
    }
}

impl<V: AsRef<str>> Headers for BTreeMap<String, V> {
    fn get(&self, name: &str) -> Option<&str> {
        if let Some(v) = BTreeMap::get(self, name) {
            return Some(v.as_ref());
        }
        self.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_ref())
    }
}

/// The value of `name`, with surrounding whitespace removed, or `None` when absent.
pub(crate) fn trimmed<'h, H: Headers + ?Sized>(headers: &'h H, name: &str) -> Option<&'h str> {
    headers.get(name).map(str::trim)
}
