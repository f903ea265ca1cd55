//! The shared vectors through the wasm exports, in Node (`wasm-pack test --node`).
#![cfg(all(target_arch = "wasm32", feature = "wasm"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "support/vectors.rs"]
mod vectors;
#[path = "support/wasm_runtime.rs"]
#[macro_use]
mod wasm_runtime;

wasm_tests!();
