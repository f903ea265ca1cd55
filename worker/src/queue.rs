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

use worker::js_sys::{Array, Object, Reflect, Uint8Array};
use worker::wasm_bindgen::{JsCast as _, JsValue};
use worker::{
    console_error, event, Context, Date, Env, MessageBatch, MessageExt, Queue, QueueContentType,
    QueueRetryOptionsBuilder, RawMessageBuilder,
};

use crate::config::MAX_RETRY_DELAY_SECONDS;
use crate::forward;
use crate::handler::{Delivery, ForwardResult};
use crate::runtime::{config, dedupe_key, now_ms, remember, DEDUPE};

/// The message of a delivery.
fn message(delivery: &Delivery) -> Result<JsValue, JsValue> {
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
    let body = Uint8Array::from(delivery.body.as_slice());
    Reflect::set(&object, &"body".into(), &body)?;
    Ok(object.into())
}

/// Enqueues a delivery.
pub async fn send(queue: &Queue, delivery: &Delivery) -> worker::Result<()> {
    let value = message(delivery).map_err(worker::Error::from)?;
    let message = RawMessageBuilder::new(value).build_with_content_type(QueueContentType::V8);
    queue.send_raw(message).await
}

/// The delivery in a message, or `None` when the message is not one.
fn delivery(message: &JsValue) -> Option<Delivery> {
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
        body: field("body")?.dyn_into::<Uint8Array>().ok()?.to_vec(),
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
    let kv = env.kv(DEDUPE).ok();
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
        let Some(delivery) = delivery(&message.body()) else {
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
        match forward::send(&config.forward, &delivery, now_ms(config)).await {
            ForwardResult::Status(200..=299) => {
                if let Some(kv) = &kv {
                    remember(kv, &key).await;
                }
                message.ack();
            }
            _ => message.retry_with_options(&retry),
        }
    }
    Ok(())
}
