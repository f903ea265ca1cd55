//! The smshook edge verifier (Cloudflare Worker). Its code lands with the Worker issue;
//! until then the crate only re-exports the core so the workspace builds.

pub use smshook::Provider;
