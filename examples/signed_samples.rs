//! Prints one signed sample delivery per provider as JSON lines
//! (`{"provider", "headers", "body", "vars", "url"?}`), signed now: what `make demo` sends
//! to the Worker, with the Worker variables (`<ID>_SECRET`, and `<ID>_AUDIENCE`/
//! `<ID>_SUBJECT` when the sample signs with them) that make the Worker accept it.
//! Providers that sign the request URL are signed for `<base>/webhooks/<id>`, the base
//! being `DEMO_BASE_URL` (default `http://127.0.0.1:<DEMO_PORT or 8787>`), and their line
//! carries that `url`.

#[path = "support/samples.rs"]
mod samples;

use std::time::{SystemTime, UNIX_EPOCH};

use smshook::sign;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let now = u64::try_from(SystemTime::now().duration_since(UNIX_EPOCH)?.as_millis())?;
    let base = std::env::var("DEMO_BASE_URL").unwrap_or_else(|_| {
        let port = std::env::var("DEMO_PORT").unwrap_or_else(|_| "8787".to_owned());
        format!("http://127.0.0.1:{port}")
    });
    for sample in samples::samples(0) {
        let mut options = sample.sign.clone();
        options.now_ms = now;
        if options.url.is_some() {
            options.url = Some(format!("{base}/webhooks/{}", sample.provider.id()));
        }
        // Messages.dev signs the body's own timestamp: make it now too.
        let body = sample
            .body
            .replace(&samples::NOW_MS.to_string(), &now.to_string());
        let signed = sign(sample.provider, sample.secret, body.as_bytes(), &options)?;
        let headers: serde_json::Map<String, serde_json::Value> = signed
            .headers
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.into()))
            .collect();
        let prefix = sample.provider.env_prefix();
        let mut vars = serde_json::Map::new();
        vars.insert(format!("{prefix}_SECRET"), sample.verify_secret.into());
        for (suffix, value) in [
            ("AUDIENCE", &options.audience),
            ("SUBJECT", &options.subject),
        ] {
            if let Some(value) = value {
                vars.insert(format!("{prefix}_{suffix}"), value.clone().into());
            }
        }
        let mut line = serde_json::json!({
            "provider": sample.provider.id(),
            "headers": headers,
            "body": body,
            "vars": vars,
        });
        if let (Some(url), Some(object)) = (signed.url, line.as_object_mut()) {
            object.insert("url".to_owned(), url.into());
        }
        println!("{line}");
    }
    Ok(())
}
