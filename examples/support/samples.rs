//! One realistic delivery body per provider (shapes from PROVIDERS.md), with the message
//! text sized so the whole body has a chosen length. Shared by `examples/demo.rs` and
//! `benches/verify.rs`.

use smshook::{Provider, SignOptions};

/// The time every sample is signed and verified at: 2026-01-01T00:00:00Z.
pub const NOW_MS: u64 = 1_767_225_600_000;

/// One provider's sample delivery.
pub struct Sample {
    /// The provider.
    pub provider: Provider,
    /// Its signing secret.
    pub secret: &'static str,
    /// The exact body.
    pub body: String,
    /// What `sign` needs.
    pub sign: SignOptions,
}

fn template(provider: Provider) -> (&'static str, &'static str) {
    match provider {
        Provider::Textbee => (
            "3f8a2b6c-9d1e-4f70-8a5b-c2d4e6f81a3b",
            r#"{"smsId":"6650f1c2a9b8c7d6e5f40123","message":"{TEXT}","deviceId":"6650f0aa1b2c3d4e5f607182","webhookSubscriptionId":"6650ef001122334455667788","webhookEvent":"MESSAGE_RECEIVED","idempotencyKey":"3b8f5c2e-1d4a-4f6b-9c7e-2a1b0c9d8e7f","sender":"+15551234567","receivedAt":"2025-12-31T23:59:58.208Z"}"#,
        ),
        Provider::MessagesDev => (
            "test_secret_123",
            r#"{"event":"message.received","data":{"id":"msg_k57f3x9q2","chat_id":"cht_8d2n4m","guid":"6F1C2D3E-4B5A-4C6D-8E7F-9A0B1C2D3E4F","sender":"+15559876543","text":"{TEXT}","attachments":[],"is_from_me":false,"is_audio_message":false,"sent_at":1767225599000,"reply_to_guid":null,"line_handle":"+15551234567"},"timestamp":1767225600000,"delivery_id":"dlv_3f2a9c1e8b7d4e6fa0b1c2d3e4f5a6b7"}"#,
        ),
        Provider::Zuc => (
            "zuc_test_secret_0123456789",
            r#"{"event":"sms.received","version":"1","data":{"messageId":9007199254740993,"from":"+14155551234","to":"+12025550100","body":"{TEXT}","receivedAt":"2025-12-31T23:59:59.000Z"}}"#,
        ),
        Provider::Httpsms => (
            "DGW8NwQp7mxKaSZ72Xq9v67SLqSbWQvckzzmK8D6rvd7NywSEkdMJtuxKyEkYnCY",
            r#"{"specversion":"1.0","id":"f4aed1d3-ab4f-42b9-b9dd-9fc7182f7197","source":"/v1/messages/receive","type":"message.phone.received","datacontenttype":"application/json","time":"2026-01-01T00:00:00.524331882Z","data":{"message_id":"0b0123bb-ef2e-468f-908a-c026d51636aa","user_id":"XtABz6zdeFMoBLoltz6SREDvRSh2","owner":"+18005550199","encrypted":false,"contact":"+18005550100","timestamp":"2025-12-31T23:59:59.814Z","content":"{TEXT}","sim":"SIM1","attachments":[]}}"#,
        ),
        Provider::Textus => (
            "textus-abcdefgh12345678",
            r#"{"@type":"WebhookDelivery","@context":"/contexts/WebhookDelivery.jsonld","id":"/integrations/h13Jc5/deliveries/xyz","timestamp":"2025-12-31T18:59:59.156354-05:00","action":"message.received","webHook":"/integrations/h13Jc5","conversation":{"@type":"Conversation","id":"/conversations/JYnJBY","slug":"JYnJBY","currentState":"open","phoneNumber":"+13035551234","accountPhoneNumber":"+13035551000"},"message":{"@type":"Message","id":"/messages/06oyogE","direction":"in","body":"{TEXT}","deliveryState":"received","sender":null,"flags":[],"source":"textus"}}"#,
        ),
        _ => (
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            r#"{"type":"invoice.paid","timestamp":"2026-01-01T00:00:00Z","data":{"id":"in_123","note":"{TEXT}"}}"#,
        ),
    }
}

/// Message text of exactly `len` bytes (ASCII, with a few words).
fn text(len: usize) -> String {
    "Hello from smshook, see you at 10. "
        .chars()
        .cycle()
        .take(len)
        .collect()
}

/// One sample per provider, each body `size` bytes long (or as short as its shape allows);
/// `size` 0 keeps a short natural message.
pub fn samples(size: usize) -> Vec<Sample> {
    Provider::ALL
        .into_iter()
        .map(|provider| {
            let (secret, template) = template(provider);
            let fill = size.saturating_sub(template.len() - "{TEXT}".len());
            let mut sign = SignOptions::at(NOW_MS);
            if provider == Provider::Httpsms {
                sign.audience = Some("https://example.com/webhooks/httpsms".to_owned());
                sign.subject = Some("XtABz6zdeFMoBLoltz6SREDvRSh2".to_owned());
            }
            if provider == Provider::Standard {
                sign.id = Some("msg_2mVq6b7c8d9e0f1a2b3c4d5e6f".to_owned());
            }
            let text = if size == 0 {
                "Hello from smshook ✓".to_owned()
            } else {
                text(fill)
            };
            Sample {
                provider,
                secret,
                body: template.replace("{TEXT}", &text),
                sign,
            }
        })
        .collect()
}
