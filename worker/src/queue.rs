//! The queue consumer: forward each message, acknowledge only on the receiver's 2xx,
//! otherwise retry with a growing delay (the dead-letter queue takes what never succeeds).

use worker::{
    console_error, event, Context, Date, Env, MessageBatch, MessageExt, QueueRetryOptionsBuilder,
};

use crate::forward;
use crate::handler::{Delivery, ForwardResult};
use crate::runtime::{config, dedupe_key, now_ms, remember, DEDUPE};

/// The longest delay between two attempts.
const MAX_DELAY_SECONDS: u64 = 3600;

#[event(queue)]
async fn consume(
    batch: MessageBatch<serde_json::Value>,
    env: Env,
    _ctx: Context,
) -> worker::Result<()> {
    let config = config(&env);
    let kv = env.kv(DEDUPE).ok();
    for message in batch.raw_iter() {
        // Exponential backoff without an attempt counter: wait as long again as the message
        // has waited so far, starting at RETRY_BASE_SECONDS.
        let age = Date::now()
            .as_millis()
            .saturating_sub(message.timestamp().as_millis())
            / 1000;
        let base = u64::from(config.retry_base_seconds);
        let delay = age.max(base).min(MAX_DELAY_SECONDS);
        let retry = QueueRetryOptionsBuilder::new()
            .with_delay_seconds(u32::try_from(delay).unwrap_or(u32::MAX))
            .build();
        let decoded = worker::js_sys::JSON::stringify(&message.body())
            .ok()
            .and_then(|s| s.as_string())
            .and_then(|s| serde_json::from_str::<Delivery>(&s).ok());
        let (Some(delivery), Ok(forward)) = (decoded, &config.forward) else {
            console_error!("smshook: queue message cannot be forwarded now; retrying");
            message.retry_with_options(&retry);
            continue;
        };
        let key = dedupe_key(&delivery.provider, &delivery.id);
        if let Some(kv) = &kv {
            if let Ok(Some(_)) = kv.get(&key).text().await {
                message.ack();
                continue;
            }
        }
        match forward::send(forward, &delivery, now_ms(&config)).await {
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
