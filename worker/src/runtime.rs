//! The `fetch` entry point: read the request once, decide, deliver, answer.

use std::rc::Rc;

use futures_util::StreamExt as _;
use serde_json::json;
use worker::{console_error, event, Context, Date, Env, Request, Response};

use crate::config::Config;
use crate::handler::{self, reply_for, Delivery, ForwardResult, Outcome, Reply};
use crate::{forward, queue};

/// Binding names.
pub const QUEUE: &str = "FORWARD_QUEUE";
/// KV namespace that remembers forwarded event ids.
pub const DEDUPE: &str = "DEDUPE";
/// How long a forwarded id is remembered: longer than textbee's 30 days of retries.
pub const DEDUPE_TTL_SECONDS: u64 = 35 * 24 * 3600;

thread_local! {
    /// The configuration, read once per isolate: vars and secrets are fixed for a
    /// deployment (changing one deploys a new version, which starts new isolates).
    static CONFIG: std::cell::OnceCell<Rc<Result<Config, String>>> =
        const { std::cell::OnceCell::new() };
}

/// The configuration from vars, secrets and whether the queue is bound (read on the
/// isolate's first request), or why it is refused (naming the variable, never a secret).
pub fn config(env: &Env) -> Rc<Result<Config, String>> {
    CONFIG.with(|cell| {
        Rc::clone(cell.get_or_init(|| {
            let lookup = |name: &str| {
                env.var(name)
                    .map(|v| v.to_string())
                    .or_else(|_| env.secret(name).map(|s| s.to_string()))
                    .ok()
            };
            Rc::new(Config::from_lookup(&lookup, env.queue(QUEUE).is_ok()))
        }))
    })
}

/// The clock: `DEV_NOW_MS` in development tests, else `Date.now()`.
pub fn now_ms(config: &Config) -> u64 {
    config
        .fixed_now_ms
        .unwrap_or_else(|| Date::now().as_millis())
}

/// The KV key of a forwarded event, from its `webhook-id` ([`Delivery::webhook_id`]).
pub fn dedupe_key(provider: &str, id: &str) -> String {
    format!("forwarded:{provider}:{id}")
}

fn respond(reply: &Reply) -> worker::Result<Response> {
    Ok(Response::from_json(&reply.body)?.with_status(reply.status))
}

/// Reads the body, counting: more than `limit` bytes is 413 as soon as the count passes
/// the limit, without reading further; a read error or a body whose length is not its
/// declared `Content-Length` (an aborted upload ends the stream early) is 503, so the
/// provider retries.
async fn read_body(
    req: &mut Request,
    limit: usize,
    declared: Option<usize>,
) -> Result<Vec<u8>, Reply> {
    let Ok(mut stream) = req.stream() else {
        return Ok(Vec::new()); // a request without a body
    };
    let mut body = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| Reply::error(503, "body_unreadable"))?;
        if chunk.len() > limit.saturating_sub(body.len()) {
            return Err(Reply::error(413, "body_too_large"));
        }
        body.extend_from_slice(&chunk);
    }
    if declared.is_some_and(|len| len != body.len()) {
        return Err(Reply::error(503, "body_unreadable"));
    }
    Ok(body)
}

#[event(fetch)]
async fn fetch(mut req: Request, env: Env, _ctx: Context) -> worker::Result<Response> {
    let shared = config(&env);
    let config = match &*shared {
        Ok(config) => config,
        Err(reason) => {
            console_error!("smshook: not configured, answering 503: {reason}");
            return respond(&Reply::error(503, "not_configured"));
        }
    };
    let method = req.method().to_string();
    let path = req.path();
    let headers: Vec<(String, String)> = req.headers().entries().collect();
    let limit = config.max_body_bytes;
    let declared = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok());
    let accepts = handler::accepts_body(&method, &path);
    if accepts && declared.is_some_and(|len| len > limit) {
        return respond(&Reply::error(413, "body_too_large"));
    }
    let body = if accepts {
        // Never verify a body that was not read whole.
        match read_body(&mut req, limit, declared).await {
            Ok(body) => body,
            Err(reply) => return respond(&reply),
        }
    } else {
        Vec::new()
    };
    let now = now_ms(config);
    let url = req.url().map(|url| url.to_string()).ok();
    let outcome =
        handler::handle_request(&method, &path, url.as_deref(), &headers, &body, config, now);
    let reply = match outcome {
        Outcome::Reply(reply) => reply,
        Outcome::Forward(delivery) => deliver(&env, config, delivery, now).await,
    };
    respond(&reply)
}

async fn deliver(env: &Env, config: &Config, delivery: Delivery, now: u64) -> Reply {
    let key = dedupe_key(&delivery.provider, &delivery.webhook_id());
    let kv = env.kv(DEDUPE).ok();
    if let Some(kv) = &kv {
        if let Ok(Some(_)) = kv.get(&key).text().await {
            return Reply {
                status: 200,
                body: json!({ "ok": true, "id": delivery.id, "duplicate": true }),
            };
        }
    }
    if let Ok(binding) = env.queue(QUEUE) {
        return match queue::send(&binding, &delivery).await {
            Ok(()) => Reply {
                status: 202,
                body: json!({ "queued": true, "id": delivery.id }),
            },
            Err(e) => {
                console_error!("smshook: enqueue failed: {e}");
                Reply::error(503, "queue_unavailable")
            }
        };
    }
    let result = forward::send(&config.forward, &delivery, now).await;
    if let (ForwardResult::Status(200..=299), Some(kv)) = (result, &kv) {
        remember(kv, &key).await;
    }
    reply_for(result, &delivery.id)
}

/// Records a forwarded id (best effort: a failure only means a later duplicate forward).
pub async fn remember(kv: &worker::kv::KvStore, key: &str) {
    let stored = match kv.put(key, "1") {
        Ok(put) => put
            .expiration_ttl(DEDUPE_TTL_SECONDS)
            .execute()
            .await
            .is_ok(),
        Err(_) => false,
    };
    if !stored {
        console_error!("smshook: could not record a forwarded id in KV");
    }
}
