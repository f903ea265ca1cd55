//! The one place that reads a clock, compiled only where reading it cannot panic.

/// Milliseconds since the Unix epoch.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// Milliseconds since the Unix epoch (`Date.now()`).
#[cfg(all(target_arch = "wasm32", feature = "js-clock"))]
pub(crate) fn now_ms() -> u64 {
    // Date.now() is a non-negative integer number of milliseconds.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let ms = js_sys::Date::now() as u64;
    ms
}
