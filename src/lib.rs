//! # smshook
//!
//! Verify and normalize inbound webhooks from SMS and messaging providers: textbee.dev,
//! Messages.dev, the private-number SMS service (scan.zuc.ro), httpSMS, TextUs, and
//! Standard Webhooks. One call checks the signature over the exact raw body (constant
//! time, secret rotation, two-sided timestamp windows, JWT `alg` pinned to HS256) and turns
//! every documented payload into one [`Event`].
//!
//! ```
//! use smshook::{Provider, Verifier};
//!
//! // A textbee delivery (PROVIDERS.md section 7, vector A).
//! let body = r#"{"smsId":"6650f1c2a9b8c7d6e5f40123","message":"Hello from textbee ✓","deviceId":"6650f0aa1b2c3d4e5f607182","webhookSubscriptionId":"6650ef001122334455667788","webhookEvent":"MESSAGE_RECEIVED","idempotencyKey":"3b8f5c2e-1d4a-4f6b-9c7e-2a1b0c9d8e7f","sender":"+15551234567","receivedAt":"2026-05-27T13:00:35.208Z"}"#;
//! let headers = [("X-Signature", "89bf6a69701ad16bdfce662f9187e26ea96a4518c9f6031165bac10d0c14e2f8")];
//!
//! let verifier = Verifier::new(Provider::Textbee, ["3f8a2b6c-9d1e-4f70-8a5b-c2d4e6f81a3b"])?;
//! let event = verifier.verify_at(&headers, body.as_bytes(), 1_767_225_600_000)?;
//! assert_eq!(event.kind.as_str(), "message.received");
//! assert_eq!(event.id, "3b8f5c2e-1d4a-4f6b-9c7e-2a1b0c9d8e7f");
//! assert_eq!(event.text.as_deref(), Some("Hello from textbee ✓"));
//! # Ok::<(), smshook::Error>(())
//! ```
//!
//! # Features
//!
//! - `wasm`: the `#[wasm_bindgen]` exports the npm package wraps (`src/wasm.rs`).
//! - `js-clock`: [`Verifier::verify`] reads `Date.now()` on `wasm32-unknown-unknown`.
//!   Native targets always have it; without it, wasm code calls [`Verifier::verify_at`].
//!
//! # Security
//!
//! Signatures are compared with `Mac::verify_slice` (constant time). Every secret of a
//! rotation list is tried, so the order of the list changes neither the outcome nor the
//! time. Secrets never appear in `Debug` or `Display` output. The core never reads a clock
//! unless asked to ([`Verifier::verify`]); [`Verifier::verify_at`] takes the time.

#![deny(rustdoc::broken_intra_doc_links)]

mod clock;
mod detect;
mod error;
mod event;
mod form;
mod headers;
mod json;
mod options;
mod provider;
mod request_url;
mod scheme;
mod secret;
mod sign;
mod time;
mod verify;
#[cfg(feature = "wasm")]
pub mod wasm;

pub use detect::{detect, detect_among};
pub use error::{Category, Error};
pub use event::{Event, EventError, EventType};
pub use headers::Headers;
pub use options::{SignOptions, VerifyOptions};
pub use provider::{Provider, ProviderOption, Sample};
pub use scheme::standard::{
    ID as WEBHOOK_ID, SIGNATURE as WEBHOOK_SIGNATURE, TIMESTAMP as WEBHOOK_TIMESTAMP,
};
pub use secret::Secret;
pub use sign::{sign, Signed};
pub use verify::Verifier;
