//! The host's own HMAC-SHA256 and SHA-256, when the JS layer installs them (node:crypto in
//! Node, Bun and Deno): the hashing runs natively, the comparison stays in this crate, in
//! constant time. Nothing is installed by default, so everywhere else (browsers, Workers)
//! and in native Rust the crate's own `hmac`/`sha2` run. A host function that throws or
//! answers anything but 32 bytes is ignored for that call: the crate's own code answers.

use std::cell::RefCell;

use js_sys::{Function, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The installed functions: `hmac(key, message)` and `sha256(message)`, each returning
/// the 32-byte digest as a `Uint8Array`.
struct Host {
    hmac: Function,
    sha256: Function,
}

thread_local! {
    static HOST: RefCell<Option<Host>> = const { RefCell::new(None) };
}

/// Installs the host's hash functions (`undefined` for either removes both: the crate's
/// own code runs again).
#[wasm_bindgen(js_name = useHostCrypto)]
pub fn use_host_crypto(hmac: Option<Function>, sha256: Option<Function>) {
    let host = hmac.zip(sha256).map(|(hmac, sha256)| Host { hmac, sha256 });
    HOST.with(|slot| *slot.borrow_mut() = host);
}

/// Whether host hash functions are installed.
#[wasm_bindgen(js_name = hostCrypto)]
#[must_use]
pub fn host_crypto() -> bool {
    HOST.with(|slot| slot.borrow().is_some())
}

/// The 32 bytes of a host answer, if it is exactly that.
fn digest_of(answer: Result<JsValue, JsValue>) -> Option<[u8; 32]> {
    let bytes = answer.ok()?.dyn_into::<Uint8Array>().ok()?;
    if bytes.length() != 32 {
        return None;
    }
    let mut out = [0u8; 32];
    bytes.copy_to(&mut out);
    Some(out)
}

/// The parts as one message (most callers pass one part: then no copy).
fn joined<'a>(parts: &[&'a [u8]], buffer: &'a mut Vec<u8>) -> &'a [u8] {
    if let [one] = parts {
        return one;
    }
    buffer.extend(parts.iter().flat_map(|part| part.iter().copied()));
    buffer
}

/// The host's HMAC-SHA256 of the concatenated parts, when installed.
pub(crate) fn hmac_sha256(key: &[u8], parts: &[&[u8]]) -> Option<[u8; 32]> {
    HOST.with(|slot| {
        let slot = slot.borrow();
        let host = slot.as_ref()?;
        let mut buffer = Vec::new();
        let message = joined(parts, &mut buffer);
        // Copies (this crate forbids `unsafe`, so no views into its memory): one memcpy.
        let (key, message) = (Uint8Array::from(key), Uint8Array::from(message));
        digest_of(host.hmac.call2(&JsValue::NULL, &key, &message))
    })
}

/// The host's SHA-256 of `data`, when installed.
pub(crate) fn sha256(data: &[u8]) -> Option<[u8; 32]> {
    HOST.with(|slot| {
        let slot = slot.borrow();
        let host = slot.as_ref()?;
        let data = Uint8Array::from(data);
        digest_of(host.sha256.call1(&JsValue::NULL, &data))
    })
}
