//! The `fetch` entry point: read the request once, decide, deliver, answer.

use std::rc::Rc;

use futures_util::StreamExt as _;
use serde_json::json;
use worker::{
    console_error, console_log, event, Context, Date, Env, Method, Request, RequestInit, Response,
};

use crate::config::Config;
use crate::handler::{self, reply_for, Delivery, ForwardResult, Outcome, Reply};
use crate::replay::{self, Answer, Command};
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
            let queue = env.queue(QUEUE).is_ok();
            let config = Config::from_bindings(&lookup, queue, env.bucket(queue::SPOOL).is_ok());
            // Which optional bindings exist, asked once: a lookup of a missing binding
            // builds a JS error, which per request cost measurable CPU.
            Rc::new(config.map(|mut config| {
                config.guard = env.durable_object(replay::BINDING).is_ok();
                config.dedupe = env.kv(DEDUPE).is_ok();
                config
            }))
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
    let response = Response::from_json(&reply.body)?.with_status(reply.status);
    // A copy in flight (ReplayGuard): the body's `retryAfter` is also the header.
    if let Some(seconds) = reply
        .body
        .get("retryAfter")
        .and_then(serde_json::Value::as_u64)
    {
        response
            .headers()
            .set("retry-after", &seconds.to_string())?;
    }
    Ok(response)
}

/// One JSON line per delivery for `wrangler tail`: never a secret, a body or message text.
/// `attempt` is 1 for a provider's request; the queue consumer logs `null` (the runtime
/// gives it no attempt counter).
pub fn log_delivery(
    provider: &str,
    id: Option<&str>,
    outcome: &str,
    status: u16,
    forward_ms: Option<u64>,
    attempt: Option<u64>,
) {
    let line = json!({
        "smshook": "delivery",
        "provider": provider,
        "id": id,
        "outcome": outcome,
        "status": status,
        "forwardMs": forward_ms,
        "attempt": attempt,
    });
    console_log!("{line}");
}

/// Sends one command to the `ReplayGuard` object `object`.
async fn guard(env: &Env, object: &str, command: &Command) -> Result<Answer, String> {
    let namespace = env
        .durable_object(replay::BINDING)
        .map_err(|e| e.to_string())?;
    let stub = namespace.get_by_name(object).map_err(|e| e.to_string())?;
    let body = serde_json::to_string(command).map_err(|e| e.to_string())?;
    let mut init = RequestInit::new();
    init.with_method(Method::Post).with_body(Some(body.into()));
    let request =
        Request::new_with_init("https://replay-guard/", &init).map_err(|e| e.to_string())?;
    let mut response = stub
        .fetch_with_request(request)
        .await
        .map_err(|e| e.to_string())?;
    if response.status_code() != 200 {
        return Err(format!("replay guard answered {}", response.status_code()));
    }
    response.json::<Answer>().await.map_err(|e| e.to_string())
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
    // The URL as the runtime has it (`Request::url` would compile a URL parser in).
    let url = Some(req.inner().url());
    let outcome =
        handler::handle_request(&method, &path, url.as_deref(), &headers, &body, config, now);
    let provider = path.strip_prefix("/webhooks/").unwrap_or("");
    let reply = match outcome {
        Outcome::Reply(reply) => {
            if accepts {
                let code = reply.body.get("error").and_then(serde_json::Value::as_str);
                log_delivery(
                    provider,
                    None,
                    code.unwrap_or("refused"),
                    reply.status,
                    None,
                    Some(1),
                );
            }
            reply
        }
        Outcome::Forward(delivery) => {
            let id = delivery.webhook_id();
            let started = Date::now().as_millis();
            let reply = deliver(&env, config, delivery, &headers, now).await;
            let elapsed = Date::now().as_millis().saturating_sub(started);
            let outcome = reply
                .body
                .get("error")
                .and_then(serde_json::Value::as_str)
                .unwrap_or(if reply.body.get("duplicate").is_some() {
                    "duplicate"
                } else if reply.status == 202 {
                    "queued"
                } else {
                    "forwarded"
                });
            log_delivery(
                provider,
                Some(&id),
                outcome,
                reply.status,
                Some(elapsed),
                Some(1),
            );
            reply
        }
    };
    respond(&reply)
}

/// Refuses a reused one-time token, then claims the event id, forwards (or enqueues),
/// and completes or releases the claim; without `REPLAY_GUARD`, KV dedupe when bound.
async fn deliver(
    env: &Env,
    config: &Config,
    delivery: Delivery,
    headers: &[(String, String)],
    now: u64,
) -> Reply {
    let Ok(provider) = delivery.provider.parse::<smshook::Provider>() else {
        return Reply::error(500, "internal_error");
    };
    if !config.guard {
        return deliver_once(env, config, &delivery, now).await;
    }
    let unavailable = |e: String| {
        console_error!("smshook: replay guard unavailable: {e}");
        Reply::error(503, "replay_guard_unavailable")
    };
    let leeway = config.options(provider).leeway_seconds;
    if let Some((key, object, until_ms)) = handler::one_time_token(provider, headers, leeway) {
        let command = Command::Token {
            key,
            now_ms: now,
            until_ms,
        };
        match guard(env, &object, &command).await {
            Ok(Answer::Replayed) => return Reply::error(401, "token_replayed"),
            Ok(_) => {}
            Err(e) => return unavailable(e),
        }
    }
    let (key, object) = replay::event_key(provider, &delivery.webhook_id());
    let lease_ms = config.forward.timeout_ms + replay::LEASE_MARGIN_MS;
    let claim = Command::Claim {
        key: key.clone(),
        now_ms: now,
        lease_ms,
    };
    match guard(env, &object, &claim).await {
        Ok(Answer::Claimed) => {}
        Ok(Answer::Done) => return duplicate(&delivery.id),
        Ok(Answer::InFlight { retry_after }) => {
            return Reply {
                status: 503,
                body: json!({ "error": "in_flight", "retryAfter": retry_after }),
            }
        }
        Ok(other) => return unavailable(format!("unexpected answer {other:?}")),
        Err(e) => return unavailable(e),
    }
    let reply = deliver_once(env, config, &delivery, now).await;
    let settle = if (200..300).contains(&reply.status) {
        Command::Complete { key, now_ms: now }
    } else {
        Command::Release { key }
    };
    // A lost completion only lets a later copy through again (at least once); a lost
    // release lapses with the lease.
    if let Err(e) = guard(env, &object, &settle).await {
        console_error!("smshook: replay guard could not settle a claim: {e}");
    }
    reply
}

fn duplicate(id: &str) -> Reply {
    Reply {
        status: 200,
        body: json!({ "ok": true, "id": id, "duplicate": true }),
    }
}

/// Enqueues, or forwards with KV dedupe when `DEDUPE` is bound.
async fn deliver_once(env: &Env, config: &Config, delivery: &Delivery, now: u64) -> Reply {
    let key = dedupe_key(&delivery.provider, &delivery.webhook_id());
    let kv = if config.dedupe {
        env.kv(DEDUPE).ok()
    } else {
        None
    };
    if let Some(kv) = &kv {
        if let Ok(Some(_)) = kv.get(&key).text().await {
            return duplicate(&delivery.id);
        }
    }
    if let Some(binding) = config.queue.then(|| env.queue(QUEUE).ok()).flatten() {
        return match queue::send(env, &binding, delivery, now).await {
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
    let result = forward::send(&config.forward, delivery, now).await;
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
