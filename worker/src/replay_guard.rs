//! The `ReplayGuard` Durable Object (`SQLite`-backed): the rules of [`crate::replay`] over a
//! table `guard(key, state, until)`.

use worker::{durable_object, DurableObject, Env, Request, Response, Result, SqlStorage};

use crate::replay::{apply, Command, State, Table};

/// One shard of claimed and done event ids, or of seen tokens (`replay::event_key`,
/// `replay::token_key` name the shard).
#[durable_object]
pub struct ReplayGuard {
    sql: SqlStorage,
}

impl core::fmt::Debug for ReplayGuard {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("ReplayGuard")
    }
}

impl DurableObject for ReplayGuard {
    fn new(state: worker::State, _env: Env) -> Self {
        let sql = state.storage().sql();
        // Idempotent; a failure here shows as a failed command below (answered 500).
        let _ = sql.exec(
            "CREATE TABLE IF NOT EXISTS guard (key TEXT PRIMARY KEY, state TEXT NOT NULL, until INTEGER NOT NULL)",
            None,
        );
        let _ = sql.exec(
            "CREATE INDEX IF NOT EXISTS guard_until ON guard (until)",
            None,
        );
        Self { sql }
    }

    async fn fetch(&self, mut req: Request) -> Result<Response> {
        let Ok(command) = req.json::<Command>().await else {
            return Response::error("bad command", 400);
        };
        match apply(&mut SqlTable(&self.sql), &command) {
            Ok(answer) => Response::from_json(&answer),
            Err(e) => Response::error(e, 500),
        }
    }
}

/// The table over the object's `SQLite` storage.
struct SqlTable<'a>(&'a SqlStorage);

#[derive(serde::Deserialize)]
struct Row {
    state: String,
    until: f64,
}

impl Table for SqlTable<'_> {
    fn get(&mut self, key: &str) -> std::result::Result<Option<(State, u64)>, String> {
        let rows: Vec<Row> = self
            .0
            .exec(
                "SELECT state, until FROM guard WHERE key = ?",
                vec![key.into()],
            )
            .and_then(|cursor| cursor.to_array())
            .map_err(|e| e.to_string())?;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Ok(rows
            .first()
            .and_then(|row| Some((State::parse(&row.state)?, row.until as u64))))
    }

    fn put(&mut self, key: &str, state: State, until_ms: u64) -> std::result::Result<(), String> {
        #[allow(clippy::cast_precision_loss)]
        let until = until_ms as f64;
        self.0
            .exec(
                "INSERT OR REPLACE INTO guard (key, state, until) VALUES (?, ?, ?)",
                vec![key.into(), state.as_str().into(), until.into()],
            )
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    fn delete(&mut self, key: &str, state: State) -> std::result::Result<(), String> {
        self.0
            .exec(
                "DELETE FROM guard WHERE key = ? AND state = ?",
                vec![key.into(), state.as_str().into()],
            )
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    fn sweep(&mut self, now_ms: u64, limit: u32) -> std::result::Result<(), String> {
        #[allow(clippy::cast_precision_loss)]
        let now = now_ms as f64;
        self.0
            .exec(
                "DELETE FROM guard WHERE key IN (SELECT key FROM guard WHERE until < ? LIMIT ?)",
                vec![now.into(), i64::from(limit).into()],
            )
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}
