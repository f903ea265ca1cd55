//! Exact-once delivery and one-time tokens, free of Workers types: the rules the
//! `ReplayGuard` Durable Object applies to its table (`replay_guard.rs` is the `SQLite`
//! glue), the commands the Worker sends it, and which object holds which key.
//!
//! An event id is *claimed* before its forward: while the claim's lease runs, a second
//! copy is told the first is in flight (answered 503 with `Retry-After`, which every
//! provider retries); after a 2xx forward the claim is *done* (later copies: 200
//! `{"duplicate": true}`); after a failed forward it is *released*, so the provider's retry
//! goes through. A claim never completed (the isolate died mid-forward) expires with its
//! lease, so nothing is lost. A *token* is the hash of a bearer token's signature, kept
//! until the token expires: a second delivery with it is refused.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use smshook::Provider;

/// The Durable Object binding.
pub const BINDING: &str = "REPLAY_GUARD";
/// Objects per provider for event ids (and as many for tokens): a hot provider's claims
/// spread over this many single-threaded objects.
pub const SHARDS: u8 = 16;
/// How long a done event id is remembered: longer than any provider retries (textbee:
/// 30 days; TextUs 12 hours; httpSMS, Twilio, Telnyx, Sinch less).
pub const DONE_RETENTION_MS: u64 = 400 * 24 * 3600 * 1000;
/// A claim's lease beyond the forward timeout: the time for the answer to come back.
pub const LEASE_MARGIN_MS: u64 = 30_000;
/// Expired rows each command deletes, so the table stays small without an alarm.
pub const SWEEP_ROWS: u32 = 32;

/// What the Worker asks the guard. On the wire a flat object (`{"op", "key", …}`, see
/// [`Wire`]): serde's internally tagged enums cost about 20 KB of wasm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "Wire", try_from = "Wire")]
pub enum Command {
    /// Claim an event id for a forward, for `lease_ms`.
    Claim {
        /// The key ([`event_key`]).
        key: String,
        /// The guard's clock, ms since the epoch.
        now_ms: u64,
        /// How long the claim holds without a completion.
        lease_ms: u64,
    },
    /// The forward succeeded (or the queue has the event): remember it as done.
    Complete {
        /// The key.
        key: String,
        /// The clock.
        now_ms: u64,
    },
    /// The forward failed: let the provider's retry claim it again.
    Release {
        /// The key.
        key: String,
    },
    /// Record a one-time token until `until_ms`, or say it was seen.
    Token {
        /// The key ([`token_key`]).
        key: String,
        /// The clock.
        now_ms: u64,
        /// When the token stops being valid (its `exp` plus the leeway).
        until_ms: u64,
    },
}

/// A command's JSON: the operation and the fields it uses.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Wire {
    /// `claim`, `complete`, `release` or `token`.
    op: String,
    /// The key.
    key: String,
    /// The clock (all but `release`).
    #[serde(skip_serializing_if = "Option::is_none")]
    now_ms: Option<u64>,
    /// `claim`: the lease.
    #[serde(skip_serializing_if = "Option::is_none")]
    lease_ms: Option<u64>,
    /// `token`: the token's end.
    #[serde(skip_serializing_if = "Option::is_none")]
    until_ms: Option<u64>,
}

impl From<Command> for Wire {
    fn from(command: Command) -> Self {
        let (op, key, now_ms, lease_ms, until_ms) = match command {
            Command::Claim {
                key,
                now_ms,
                lease_ms,
            } => ("claim", key, Some(now_ms), Some(lease_ms), None),
            Command::Complete { key, now_ms } => ("complete", key, Some(now_ms), None, None),
            Command::Release { key } => ("release", key, None, None, None),
            Command::Token {
                key,
                now_ms,
                until_ms,
            } => ("token", key, Some(now_ms), None, Some(until_ms)),
        };
        Self {
            op: op.to_owned(),
            key,
            now_ms,
            lease_ms,
            until_ms,
        }
    }
}

impl TryFrom<Wire> for Command {
    type Error = String;

    fn try_from(wire: Wire) -> Result<Self, String> {
        let need =
            |v: Option<u64>, name: &str| v.ok_or_else(|| format!("{} needs {name}", wire.op));
        Ok(match wire.op.as_str() {
            "claim" => Self::Claim {
                now_ms: need(wire.now_ms, "now_ms")?,
                lease_ms: need(wire.lease_ms, "lease_ms")?,
                key: wire.key,
            },
            "complete" => Self::Complete {
                now_ms: need(wire.now_ms, "now_ms")?,
                key: wire.key,
            },
            "release" => Self::Release { key: wire.key },
            "token" => Self::Token {
                now_ms: need(wire.now_ms, "now_ms")?,
                until_ms: need(wire.until_ms, "until_ms")?,
                key: wire.key,
            },
            other => return Err(format!("unknown op {other}")),
        })
    }
}

/// What the guard answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Answer {
    /// The caller holds the claim: forward.
    Claimed,
    /// Another forward holds the claim: try again after this many seconds.
    InFlight {
        /// Seconds until the claim's lease ends (at least 1).
        retry_after: u64,
    },
    /// The event was delivered already.
    Done,
    /// The token was not seen before (it is recorded now).
    Fresh,
    /// The token was seen before.
    Replayed,
    /// The command was carried out (complete, release).
    Ok,
}

/// A row of the guard's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Claimed for a forward.
    Claimed,
    /// Delivered.
    Done,
    /// A one-time token seen.
    Token,
}

impl State {
    /// The column value.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Claimed => "claimed",
            Self::Done => "done",
            Self::Token => "token",
        }
    }

    /// From the column value.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        [Self::Claimed, Self::Done, Self::Token]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

/// The guard's storage: one row per key, with its state and the time it lapses. Every
/// method can fail (storage is I/O); a failure is answered as one, never as a claim.
pub trait Table {
    /// The row of `key`, if any (lapsed or not).
    ///
    /// # Errors
    /// When storage fails.
    fn get(&mut self, key: &str) -> Result<Option<(State, u64)>, String>;
    /// Inserts or replaces the row of `key`.
    ///
    /// # Errors
    /// When storage fails.
    fn put(&mut self, key: &str, state: State, until_ms: u64) -> Result<(), String>;
    /// Deletes the row of `key` when it is in `state`.
    ///
    /// # Errors
    /// When storage fails.
    fn delete(&mut self, key: &str, state: State) -> Result<(), String>;
    /// Deletes up to `limit` rows that lapsed before `now_ms`.
    ///
    /// # Errors
    /// When storage fails.
    fn sweep(&mut self, now_ms: u64, limit: u32) -> Result<(), String>;
}

/// Carries out one command on the table. The object runs one command at a time (its
/// input gate), so each is atomic.
///
/// # Errors
/// When storage fails.
pub fn apply(table: &mut dyn Table, command: &Command) -> Result<Answer, String> {
    Ok(match command {
        Command::Claim {
            key,
            now_ms,
            lease_ms,
        } => {
            table.sweep(*now_ms, SWEEP_ROWS)?;
            match table.get(key)? {
                Some((State::Done, until)) if until >= *now_ms => Answer::Done,
                Some((State::Claimed, until)) if until > *now_ms => Answer::InFlight {
                    retry_after: (until - now_ms).div_ceil(1000).max(1),
                },
                _ => {
                    table.put(key, State::Claimed, now_ms.saturating_add(*lease_ms))?;
                    Answer::Claimed
                }
            }
        }
        Command::Complete { key, now_ms } => {
            table.put(key, State::Done, now_ms.saturating_add(DONE_RETENTION_MS))?;
            Answer::Ok
        }
        Command::Release { key } => {
            table.delete(key, State::Claimed)?;
            Answer::Ok
        }
        Command::Token {
            key,
            now_ms,
            until_ms,
        } => {
            table.sweep(*now_ms, SWEEP_ROWS)?;
            match table.get(key)? {
                Some((State::Token, until)) if until >= *now_ms => Answer::Replayed,
                _ => {
                    table.put(key, State::Token, *until_ms)?;
                    Answer::Fresh
                }
            }
        }
    })
}

fn shard(text: &str) -> u8 {
    Sha256::digest(text.as_bytes())
        .first()
        .map_or(0, |b| b % SHARDS)
}

/// The key of an event id (its `webhook-id`) and the name of the object that holds it.
#[must_use]
pub fn event_key(provider: Provider, webhook_id: &str) -> (String, String) {
    (
        format!("event:{webhook_id}"),
        format!("{}:events:{}", provider.id(), shard(webhook_id)),
    )
}

/// The key of a bearer token (the hex SHA-256 of its signature segment, never the token)
/// and the name of the object that holds it.
#[must_use]
pub fn token_key(provider: Provider, token: &str) -> (String, String) {
    let signature = token.rsplit('.').next().unwrap_or(token);
    let hash = hex::encode(Sha256::digest(signature.as_bytes()));
    let object = format!("{}:tokens:{}", provider.id(), shard(&hash));
    (format!("token:{hash}"), object)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[derive(Default)]
    struct Memory(BTreeMap<String, (State, u64)>);

    impl Table for Memory {
        fn get(&mut self, key: &str) -> Result<Option<(State, u64)>, String> {
            Ok(self.0.get(key).copied())
        }
        fn put(&mut self, key: &str, state: State, until_ms: u64) -> Result<(), String> {
            self.0.insert(key.to_owned(), (state, until_ms));
            Ok(())
        }
        fn delete(&mut self, key: &str, state: State) -> Result<(), String> {
            if self.0.get(key).is_some_and(|(s, _)| *s == state) {
                self.0.remove(key);
            }
            Ok(())
        }
        fn sweep(&mut self, now_ms: u64, limit: u32) -> Result<(), String> {
            let lapsed: Vec<String> = self
                .0
                .iter()
                .filter(|(_, (_, until))| *until < now_ms)
                .take(limit as usize)
                .map(|(k, _)| k.clone())
                .collect();
            for key in lapsed {
                self.0.remove(&key);
            }
            Ok(())
        }
    }

    fn claim(table: &mut Memory, now_ms: u64) -> Answer {
        let key = "event:e1".to_owned();
        apply(
            table,
            &Command::Claim {
                key,
                now_ms,
                lease_ms: 10_000,
            },
        )
        .unwrap()
    }

    #[test]
    fn a_claim_is_exclusive_until_done_released_or_lapsed() {
        let mut t = Memory::default();
        assert_eq!(claim(&mut t, 1_000), Answer::Claimed);
        assert_eq!(claim(&mut t, 2_000), Answer::InFlight { retry_after: 9 });
        assert_eq!(claim(&mut t, 10_999), Answer::InFlight { retry_after: 1 });
        // Released after a failed forward: the retry claims it.
        apply(
            &mut t,
            &Command::Release {
                key: "event:e1".into(),
            },
        )
        .unwrap();
        assert_eq!(claim(&mut t, 3_000), Answer::Claimed);
        // Completed: every later copy is a duplicate, and a release changes nothing.
        apply(
            &mut t,
            &Command::Complete {
                key: "event:e1".into(),
                now_ms: 4_000,
            },
        )
        .unwrap();
        apply(
            &mut t,
            &Command::Release {
                key: "event:e1".into(),
            },
        )
        .unwrap();
        assert_eq!(claim(&mut t, 5_000), Answer::Done);
        assert_eq!(claim(&mut t, 4_000 + DONE_RETENTION_MS), Answer::Done);
        // A claim never completed lapses with its lease: nothing is lost.
        let mut t = Memory::default();
        assert_eq!(claim(&mut t, 1_000), Answer::Claimed);
        assert_eq!(claim(&mut t, 11_000), Answer::Claimed);
    }

    #[test]
    fn a_token_is_accepted_once_until_it_expires() {
        let mut t = Memory::default();
        let token = |now_ms| Command::Token {
            key: "token:t".into(),
            now_ms,
            until_ms: 60_000,
        };
        assert_eq!(apply(&mut t, &token(1_000)), Ok(Answer::Fresh));
        assert_eq!(apply(&mut t, &token(59_000)), Ok(Answer::Replayed));
        assert_eq!(apply(&mut t, &token(60_000)), Ok(Answer::Replayed));
        // Past its expiry the core refuses the token itself; the row is swept.
        assert_eq!(apply(&mut t, &token(60_001)), Ok(Answer::Fresh));
    }

    #[test]
    fn commands_and_answers_have_stable_json() {
        let command = Command::Claim {
            key: "event:e".into(),
            now_ms: 1,
            lease_ms: 2,
        };
        let text = serde_json::to_string(&command).unwrap();
        assert_eq!(
            text,
            r#"{"op":"claim","key":"event:e","now_ms":1,"lease_ms":2}"#
        );
        assert_eq!(serde_json::from_str::<Command>(&text).unwrap(), command);
        let release = serde_json::to_string(&Command::Release { key: "k".into() }).unwrap();
        assert_eq!(release, r#"{"op":"release","key":"k"}"#);
        assert!(serde_json::from_str::<Command>(r#"{"op":"claim","key":"k"}"#).is_err());
        assert!(serde_json::from_str::<Command>(r#"{"op":"drop","key":"k"}"#).is_err());
        let answer = serde_json::to_string(&Answer::InFlight { retry_after: 3 }).unwrap();
        assert_eq!(answer, r#"{"outcome":"in_flight","retry_after":3}"#);
    }

    #[test]
    fn keys_never_hold_the_token_and_shard_by_hash() {
        let (key, object) = token_key(Provider::Httpsms, "aaa.bbb.secret-signature");
        assert!(!key.contains("secret-signature") && !object.contains("secret-signature"));
        assert!(object.starts_with("httpsms:tokens:"));
        let (key, object) = event_key(Provider::Twilio, "SM1:delivered");
        assert_eq!(key, "event:SM1:delivered");
        let shard: u8 = object.rsplit(':').next().unwrap().parse().unwrap();
        assert!(shard < SHARDS);
    }
}
