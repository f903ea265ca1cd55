//! The shared vectors through the wasm exports, in headless Chrome (`wasm-pack test --headless --chrome`).
#![cfg(all(target_arch = "wasm32", feature = "wasm"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "support/vectors.rs"]
mod vectors;
#[path = "support/wasm_runtime.rs"]
#[macro_use]
mod wasm_runtime;

wasm_tests!();
