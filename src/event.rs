//! The normalized event every verified delivery becomes.

use core::fmt;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::Provider;

/// One verified delivery, in the same shape for every provider (SPEC section 2).
///
/// Serializes to the JSON the npm package returns and the Worker forwards (camelCase
/// field names, absent values as `null`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Event {
    /// The provider that sent the delivery.
    pub provider: Provider,
    /// The normalized event type.
    #[serde(rename = "type")]
    pub kind: EventType,
    /// The event name exactly as the provider sent it.
    pub provider_event: String,
    /// Dedupe key: the provider's delivery or event id, else the hex SHA-256 of the body.
    pub id: String,
    /// When the event happened, RFC 3339 UTC with milliseconds, when the payload says.
    pub occurred_at: Option<String>,
    /// The provider's message id (exact digits for numeric ids).
    pub message_id: Option<String>,
    /// Who sent the message (the external party for inbound, your number for outbound).
    pub from: Option<String>,
    /// Who received the message.
    pub to: Option<String>,
    /// The message text.
    pub text: Option<String>,
    /// Failure details, for failed messages.
    pub error: Option<EventError>,
    /// The whole provider payload, verbatim JSON (nothing dropped, numbers keep every
    /// digit). Deserialize it into your own type, or use [`Event::data_value`].
    pub data: Box<RawValue>,
}

impl Event {
    /// The payload parsed into a [`serde_json::Value`].
    ///
    /// # Errors
    /// Never for events built by this crate: their `data` is valid JSON nested at most 100
    /// levels deep (deeper bodies are refused as `malformed_payload`), within
    /// `serde_json`'s recursion limit. The `Result` covers events made elsewhere.
    pub fn data_value(&self) -> serde_json::Result<serde_json::Value> {
        serde_json::from_str(self.data.get())
    }
}

/// Failure details of a failed message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventError {
    /// The provider's error code, when it has one.
    pub code: Option<String>,
    /// The provider's error message, when it has one.
    pub message: Option<String>,
}

impl EventError {
    /// Failure details from a code and a message.
    #[must_use]
    pub fn new(code: Option<String>, message: Option<String>) -> Self {
        Self { code, message }
    }
}

macro_rules! event_types {
    ($($(#[$doc:meta])* $variant:ident => $name:literal,)+) => {
        /// The normalized event types of SPEC section 2.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[non_exhaustive]
        pub enum EventType {
            $($(#[$doc])* #[serde(rename = $name)] $variant,)+
        }

        impl EventType {
            /// Every normalized type, in specification order.
            pub const ALL: &'static [EventType] = &[$(EventType::$variant,)+];

            /// The type with this name, e.g. `"message.received"`.
            #[must_use]
            pub fn from_name(name: &str) -> Option<EventType> {
                Self::ALL.iter().copied().find(|t| t.as_str() == name)
            }

            /// The type's name, e.g. `"message.received"`.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $name,)+ }
            }
        }
    };
}

event_types! {
    /// An inbound message arrived.
    MessageReceived => "message.received",
    /// An outbound message left the device or service.
    MessageSent => "message.sent",
    /// An outbound message was delivered.
    MessageDelivered => "message.delivered",
    /// An outbound message failed.
    MessageFailed => "message.failed",
    /// An outbound message expired before it could be sent.
    MessageExpired => "message.expired",
    /// A status update with no final outcome.
    MessageStatus => "message.status",
    /// A reaction (tapback) was added.
    ReactionAdded => "reaction.added",
    /// A reaction was removed.
    ReactionRemoved => "reaction.removed",
    /// The other party started typing.
    TypingStarted => "typing.started",
    /// The other party stopped typing.
    TypingStopped => "typing.stopped",
    /// The other party read the conversation.
    ReceiptRead => "receipt.read",
    /// A call was missed.
    CallMissed => "call.missed",
    /// A call completed.
    CallCompleted => "call.completed",
    /// The phone came online.
    PhoneOnline => "phone.online",
    /// The phone went offline.
    PhoneOffline => "phone.offline",
    /// A contact opted in.
    ContactOptedIn => "contact.opted_in",
    /// A contact opted out.
    ContactOptedOut => "contact.opted_out",
    /// A contact was created.
    ContactCreated => "contact.created",
    /// Any event name smshook does not know (still verified and returned).
    Unknown => "unknown",
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
