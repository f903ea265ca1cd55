//! Queue mode: the message a delivery becomes, and the consumer that forwards each message,
//! acknowledging only on the receiver's 2xx and otherwise retrying with a growing delay
//! (the dead-letter queue takes what never succeeds).
//!
//! A message is a structured-clone (content type `v8`) object
//! `{provider, id, headers: [[name, value]…], body: Uint8Array}`: the body travels as bytes,
//! so a message is the body plus a few hundred bytes (`limits` bounds it), where base64
//! inside JSON made it a third larger. `id` is the `webhook-id` ([`Delivery::webhook_id`]),
//! which is short and ASCII and maps to itself. The consumer never verifies again (signed
//! timestamps would be stale by then): it forwards what the producer verified.
//!
//! With an R2 bucket bound as `SPOOL`, a delivery whose message would not fit 128 KB is
//! written to R2 first and enqueued as a pointer (`spool: <key>` instead of `body`); the
//! consumer reads it, forwards, and deletes the object only after the receiver's 2xx, so a
//! message in the dead-letter queue still has its body.

use worker::js_sys::{Array, Object, Reflect, Uint8Array};
use worker::wasm_bindgen::{JsCast as _, JsValue};
use worker::{
    console_error, event, Context, Date, Env, MessageBatch, MessageExt, Queue, QueueContentType,
    QueueRetryOptionsBuilder, RawMessageBuilder,
};

use sha2::{Digest as _, Sha256};

use crate::config::MAX_RETRY_DELAY_SECONDS;
use crate::forward;
use crate::handler::{Delivery, ForwardResult};
use crate::limits::{queue_message_bytes, QUEUE_MESSAGE_LIMIT};
use crate::runtime::{config, dedupe_key, log_delivery, now_ms, remember, DEDUPE};

/// The R2 bucket binding for bodies too large for a queue message.
pub const SPOOL: &str = "SPOOL";

/// The message of a delivery: its body inline, or the key of its spooled body.
fn message(delivery: &Delivery, spooled: Option<&str>) -> Result<JsValue, JsValue> {
    let headers: Array = delivery
        .headers
        .iter()
        .map(|(name, value)| Array::of2(&name.into(), &value.into()))
        .collect();
    let object = Object::new();
    Reflect::set(
        &object,
        &"provider".into(),
        &delivery.provider.as_str().into(),
    )?;
    Reflect::set(&object, &"id".into(), &delivery.webhook_id().into())?;
    Reflect::set(&object, &"headers".into(), &headers)?;
    match spooled {
        Some(key) => Reflect::set(&object, &"spool".into(), &key.into())?,
        None => Reflect::set(
            &object,
            &"body".into(),
            &Uint8Array::from(delivery.body.as_slice()),
        )?,
    };
    Ok(object.into())
}

/// Enqueues a delivery; one whose message would not fit goes through the spool (when
/// bound) first: its body is written to R2 before the pointer is enqueued.
pub async fn send(env: &Env, queue: &Queue, delivery: &Delivery, now: u64) -> worker::Result<()> {
    let key = if queue_message_bytes(delivery) > QUEUE_MESSAGE_LIMIT {
        let bucket = env.bucket(SPOOL)?;
        let hash = hex::encode(Sha256::digest(delivery.webhook_id().as_bytes()));
        let key = format!(
            "spool/{}/{now}-{}",
            delivery.provider,
            hash.get(..32).unwrap_or(&hash)
        );
        bucket.put(&key, delivery.body.clone()).execute().await?;
        Some(key)
    } else {
        None
    };
    let value = message(delivery, key.as_deref()).map_err(worker::Error::from)?;
    let message = RawMessageBuilder::new(value).build_with_content_type(QueueContentType::V8);
    queue.send_raw(message).await
}

/// The body of a message: inline, or read from the spool (`Ok(None)`: the object is gone,
/// which happens only after it was delivered).
async fn body_of(
    env: &Env,
    message: &JsValue,
) -> worker::Result<Option<(Vec<u8>, Option<String>)>> {
    let field = |name: &str| Reflect::get(message, &name.into()).ok();
    if let Some(key) = field("spool").and_then(|k| k.as_string()) {
        let object = env.bucket(SPOOL)?.get(&key).execute().await?;
        let Some(object) = object else {
            return Ok(None);
        };
        return match object.body() {
            Some(body) => Ok(Some((body.bytes().await?, Some(key)))),
            None => Ok(None),
        };
    }
    Ok(field("body")
        .and_then(|b| b.dyn_into::<Uint8Array>().ok())
        .map(|b| (b.to_vec(), None)))
}

/// The delivery in a message (with `body` its body), or `None` when it is not one.
fn delivery(message: &JsValue, body: Vec<u8>) -> Option<Delivery> {
    let field = |name: &str| Reflect::get(message, &name.into()).ok();
    let headers = field("headers")?
        .dyn_into::<Array>()
        .ok()?
        .iter()
        .map(|pair| {
            let pair = pair.dyn_into::<Array>().ok()?;
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Delivery {
        provider: field("provider")?.as_string()?,
        id: field("id")?.as_string()?,
        body,
        headers,
    })
}

#[event(queue)]
async fn consume(
    batch: MessageBatch<serde_json::Value>,
    env: Env,
    _ctx: Context,
) -> worker::Result<()> {
    let shared = config(&env);
    let config = match &*shared {
        Ok(config) => config,
        Err(reason) => {
            console_error!("smshook: not configured, retrying the batch: {reason}");
            batch.retry_all();
            return Ok(());
        }
    };
    let kv = if config.dedupe {
        env.kv(DEDUPE).ok()
    } else {
        None
    };
    for message in batch.raw_iter() {
        // Exponential backoff without an attempt counter: wait as long again as the message
        // has waited so far, starting at RETRY_BASE_SECONDS.
        let age = Date::now()
            .as_millis()
            .saturating_sub(message.timestamp().as_millis())
            / 1000;
        let base = u64::from(config.retry_base_seconds);
        let delay = age.max(base).min(MAX_RETRY_DELAY_SECONDS);
        let retry = QueueRetryOptionsBuilder::new()
            .with_delay_seconds(u32::try_from(delay).unwrap_or(u32::MAX))
            .build();
        let raw = message.body();
        let (body, spooled) = match body_of(&env, &raw).await {
            Ok(Some(found)) => found,
            Ok(None) => {
                console_error!("smshook: a spooled body is gone (delivered before); acknowledging");
                message.ack();
                continue;
            }
            Err(e) => {
                console_error!("smshook: could not read a queue message's body: {e}; retrying");
                message.retry_with_options(&retry);
                continue;
            }
        };
        let Some(delivery) = delivery(&raw, body) else {
            console_error!("smshook: a queue message is not a delivery; retrying");
            message.retry_with_options(&retry);
            continue;
        };
        let key = dedupe_key(&delivery.provider, &delivery.webhook_id());
        if let Some(kv) = &kv {
            if let Ok(Some(_)) = kv.get(&key).text().await {
                message.ack();
                continue;
            }
        }
        let started = Date::now().as_millis();
        let result = forward::send(&config.forward, &delivery, now_ms(config)).await;
        let elapsed = Some(Date::now().as_millis().saturating_sub(started));
        let id = Some(delivery.webhook_id());
        let status = match result {
            ForwardResult::Status(s) => s,
            ForwardResult::Unreachable => 502,
            ForwardResult::TimedOut => 504,
        };
        match result {
            ForwardResult::Status(200..=299) => {
                if let Some(kv) = &kv {
                    remember(kv, &key).await;
                }
                if let Some(spooled) = &spooled {
                    if let Err(e) = env.bucket(SPOOL)?.delete(spooled).await {
                        console_error!("smshook: a delivered spooled body was not deleted: {e}");
                    }
                }
                message.ack();
                log_delivery(
                    &delivery.provider,
                    id.as_deref(),
                    "forwarded",
                    status,
                    elapsed,
                    None,
                );
            }
            _ => {
                message.retry_with_options(&retry);
                log_delivery(
                    &delivery.provider,
                    id.as_deref(),
                    "retrying",
                    status,
                    elapsed,
                    None,
                );
            }
        }
    }
    Ok(())
}
