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
mod wasm_runtime;

use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn every_vector_through_the_wasm_exports() {
    wasm_runtime::run();
}

#[wasm_bindgen_test]
fn errors_are_coded_js_errors() {
    wasm_runtime::errors_are_coded();
}

#[wasm_bindgen_test]
fn verify_reads_the_js_clock() {
    wasm_runtime::reads_the_js_clock();
}
