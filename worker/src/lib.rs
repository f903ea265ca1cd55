//! The smshook edge verifier: a Cloudflare Worker that verifies provider webhooks,
//! normalizes them, re-signs them as Standard Webhooks and forwards them to `FORWARD_URL`,
//! answering 2xx only once the receiver (or a durable queue) has the event.
//!
//! This file is the thin Workers glue; the decisions live in [`handler`] (pure, tested
//! natively), configuration in [`config`], the queue message size bound in [`limits`],
//! exact-once claims and one-time tokens in [`replay`] (the `ReplayGuard` Durable Object
//! is its `SQLite` glue, `replay_guard`), sending in `forward`, the queue message and its
//! consumer in `queue`.

pub mod config;
pub mod handler;
pub mod limits;
pub mod replay;
pub mod whatwg_url;

#[cfg(target_arch = "wasm32")]
mod forward;
#[cfg(target_arch = "wasm32")]
mod queue;
#[cfg(target_arch = "wasm32")]
mod replay_guard;
#[cfg(target_arch = "wasm32")]
mod runtime;
