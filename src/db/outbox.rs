//! The durable notification outbox: rows committed with the change that caused them, leased by
//! one sender at a time, then marked sent (with their after-sent effect), retried or given up.
//! The sending side is `crate::outbox`.

use sqlx::SqliteConnection;

use super::{Db, Result};
use crate::outbox::{AfterSent, Envelope, Payload};

/// Where an outbox row is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxStatus {
    /// Waiting for `next_attempt_at`.
    Pending,
    /// Leased by a sender until `lease_until`.
    Sending,
    Sent,
    /// Given up: a bad request, or too many transient errors.
    Failed,
    /// The person blocked the bot, deleted their account, or never started it.
    Undeliverable,
}

impl OutboxStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxStatus::Pending => "pending",
            OutboxStatus::Sending => "sending",
            OutboxStatus::Sent => "sent",
            OutboxStatus::Failed => "failed",
            OutboxStatus::Undeliverable => "undeliverable",
        }
    }

    pub fn parse(s: &str) -> Option<OutboxStatus> {
        Some(match s {
            "pending" => OutboxStatus::Pending,
            "sending" => OutboxStatus::Sending,
            "sent" => OutboxStatus::Sent,
            "failed" => OutboxStatus::Failed,
            "undeliverable" => OutboxStatus::Undeliverable,
            _ => return None,
        })
    }
}

/// A leased row: what to send, where, and what to record once it is sent.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxRow {
    pub id: i64,
    pub chat_id: i64,
    pub payload: Payload,
    pub case_id: Option<i64>,
    pub after: AfterSent,
    /// Transient failures so far (retry_after answers do not count).
    pub attempts: i64,
    pub created_at: i64,
    /// The chat is in silent mode (as of the lease): sent without a sound.
    pub silent: bool,
}

/// How many rows are in each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutboxCounts {
    pub pending: i64,
    pub sending: i64,
    pub sent: i64,
    pub failed: i64,
    pub undeliverable: i64,
}

/// `last_error` is kept short: it is for operators, not a log of the exchange.
const MAX_ERROR_CHARS: usize = 200;

fn short(error: &str) -> String {
    error.chars().take(MAX_ERROR_CHARS).collect()
}

type RawRow = (i64, i64, String, Option<i64>, String, i64, i64, bool);

/// Inserts one row, due at `due`; an envelope whose `dedupe_key` is queued already gives the
/// existing row's id instead.
async fn insert_row(
    tx: &mut SqliteConnection,
    envelope: &Envelope,
    due: i64,
    now: i64,
) -> Result<i64> {
    let payload = serde_json::to_string(&envelope.payload)?;
    let after = serde_json::to_string(&envelope.after)?;
    let inserted: Option<i64> = sqlx::query_scalar(
        "INSERT INTO outbox (chat_id, payload, case_id, after_sent, dedupe_key, status,
                             attempts, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING id",
    )
    .bind(envelope.chat_id)
    .bind(payload)
    .bind(envelope.case_id)
    .bind(after)
    .bind(envelope.dedupe_key.as_deref())
    .bind(due)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    Ok(match inserted {
        Some(id) => id,
        None => {
            sqlx::query_scalar("SELECT id FROM outbox WHERE dedupe_key = ?")
                .bind(envelope.dedupe_key.as_deref())
                .fetch_one(&mut *tx)
                .await?
        }
    })
}

/// What became of one album item ([`Db::enqueue_album_part`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlbumPart {
    /// The first item seen: a new album copy is queued.
    New,
    /// Added to the album copy still waiting for its other items.
    Added,
    /// Already in the copy (Telegram delivered the update again).
    Known,
    /// The copy went out before this item arrived: it is queued as a copy of its own.
    Late,
}

impl Db {
    /// Queues notifications in their own transaction; returns their row ids (for
    /// [`crate::outbox::Outbox::flush`]).
    pub async fn enqueue(&self, envelopes: &[Envelope], now: i64) -> Result<Vec<i64>> {
        let mut tx = self.begin().await?;
        let ids = Db::enqueue_in(&mut tx, envelopes, now).await?;
        tx.commit().await?;
        Ok(ids)
    }

    /// Queues notifications inside the caller's transaction, so they are committed (or rolled
    /// back) with the change that caused them. An envelope whose `dedupe_key` is already queued
    /// is skipped silently; its id is the existing row's.
    pub async fn enqueue_in(
        tx: &mut SqliteConnection,
        envelopes: &[Envelope],
        now: i64,
    ) -> Result<Vec<i64>> {
        let mut ids = Vec::with_capacity(envelopes.len());
        for envelope in envelopes {
            ids.push(insert_row(tx, envelope, now, now).await?);
        }
        Ok(ids)
    }

    /// One item of an album (media group) to copy: Telegram delivers an album as one message
    /// per photo, and a copy of them in one copyMessages call is one album again. So the items
    /// gather in one pending `CopyAlbum` row per album and chat (`envelope.dedupe_key` names
    /// it; its payload holds this one message), which is sent `due` (a few seconds after the
    /// latest item arrived: each item moves it on). Being a row, a half-gathered album is sent
    /// after a crash like any other notification.
    pub async fn enqueue_album_part(
        tx: &mut SqliteConnection,
        envelope: &Envelope,
        due: i64,
        now: i64,
    ) -> Result<AlbumPart> {
        let (Payload::CopyAlbum { message_ids, .. }, Some(key)) =
            (&envelope.payload, envelope.dedupe_key.as_deref())
        else {
            insert_row(tx, envelope, due, now).await?;
            return Ok(AlbumPart::New);
        };
        let Some(&item) = message_ids.first() else {
            return Ok(AlbumPart::Known);
        };
        let existing: Option<(i64, String, String)> =
            sqlx::query_as("SELECT id, payload, status FROM outbox WHERE dedupe_key = ?")
                .bind(key)
                .fetch_optional(&mut *tx)
                .await?;
        let Some((id, payload, status)) = existing else {
            insert_row(tx, envelope, due, now).await?;
            return Ok(AlbumPart::New);
        };
        let Ok(Payload::CopyAlbum {
            from_chat,
            message_ids: mut gathered,
        }) = serde_json::from_str::<Payload>(&payload)
        else {
            return Ok(AlbumPart::Known);
        };
        if gathered.contains(&item) {
            return Ok(AlbumPart::Known);
        }
        if status != OutboxStatus::Pending.as_str() {
            let late = Envelope {
                dedupe_key: Some(format!("{key}:{item}")),
                ..envelope.clone()
            };
            insert_row(tx, &late, due, now).await?;
            return Ok(AlbumPart::Late);
        }
        gathered.push(item);
        gathered.sort_unstable();
        let payload = serde_json::to_string(&Payload::CopyAlbum {
            from_chat,
            message_ids: gathered,
        })?;
        sqlx::query(
            "UPDATE outbox SET payload = ?, next_attempt_at = MAX(next_attempt_at, ?)
             WHERE id = ? AND status = 'pending'",
        )
        .bind(payload)
        .bind(due)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        Ok(AlbumPart::Added)
    }

    /// Rows being sent or due at `now` (not those waiting to be retried later).
    pub async fn outbox_due(&self, now: i64) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM outbox
             WHERE status = 'sending' OR (status = 'pending' AND next_attempt_at <= ?)",
        )
        .bind(now)
        .fetch_one(self.pool())
        .await?)
    }

    /// At startup: rows a previous run of the bot was sending when it stopped (a crash, a
    /// kill -9) are due again now, instead of when their lease runs out: an alert or a relayed
    /// message is not held back for minutes (and the chat's later messages with it). A row
    /// whose send had reached Telegram may show twice; none is lost.
    pub async fn release_outbox_leases(&self) -> Result<u64> {
        let done = self.writing(sqlx::query(
            "UPDATE outbox SET status = 'pending', lease_until = NULL WHERE status = 'sending'",
        )
        .execute(self.pool())
        ).await?;
        Ok(done.rows_affected())
    }

    /// Takes rows to send, atomically: due `pending` rows and `sending` rows whose lease expired
    /// (their sender crashed) become `sending` until `now + lease_secs`. Only the oldest
    /// unfinished row of each chat can be taken, and only when no other sender holds it, so a
    /// chat gets its messages one at a time and in order. `ids` limits the choice to those rows.
    /// Rows whose payload cannot be read are marked failed instead of returned.
    pub async fn lease_outbox(
        &self,
        ids: Option<&[i64]>,
        now: i64,
        lease_secs: i64,
        limit: i64,
    ) -> Result<Vec<OutboxRow>> {
        let only = match ids {
            Some([]) => return Ok(Vec::new()),
            Some(ids) => Some(serde_json::to_string(ids)?),
            None => None,
        };
        let mut tx = self.begin().await?;
        let raw: Vec<RawRow> = sqlx::query_as(
            "UPDATE outbox SET status = 'sending', lease_until = ?1
             WHERE id IN (
                 SELECT o.id FROM outbox o
                 JOIN (SELECT MIN(id) AS id FROM outbox
                       WHERE status IN ('pending', 'sending')
                       GROUP BY chat_id) head ON head.id = o.id
                 WHERE ((o.status = 'pending' AND o.next_attempt_at <= ?2)
                        OR (o.status = 'sending' AND COALESCE(o.lease_until, 0) <= ?2))
                   AND (?3 IS NULL OR o.id IN (SELECT value FROM json_each(?3)))
                 ORDER BY o.id
                 LIMIT ?4)
             RETURNING id, chat_id, payload, case_id, after_sent, attempts, created_at,
                       COALESCE((SELECT u.silent FROM users u WHERE u.telegram_id = outbox.chat_id), 0)",
        )
        .bind(now + lease_secs)
        .bind(now)
        .bind(only)
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;

        let mut rows = Vec::with_capacity(raw.len());
        for (id, chat_id, payload, case_id, after, attempts, created_at, silent) in raw {
            let parsed = serde_json::from_str::<Payload>(&payload)
                .and_then(|payload| Ok((payload, serde_json::from_str::<AfterSent>(&after)?)));
            match parsed {
                Ok((payload, after)) => rows.push(OutboxRow {
                    id,
                    chat_id,
                    payload,
                    case_id,
                    after,
                    attempts,
                    created_at,
                    silent,
                }),
                Err(_) => {
                    tracing::error!(
                        outbox_id = id,
                        chat_id,
                        "outbox row is not readable; failed"
                    );
                    sqlx::query(
                        "UPDATE outbox SET status = 'failed', lease_until = NULL,
                                last_error = 'unreadable payload' WHERE id = ?",
                    )
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                }
            }
        }
        tx.commit().await?;
        rows.sort_by_key(|r| r.id);
        Ok(rows)
    }

    /// Whether any of these rows still waits to be sent (pending, or being sent right now).
    pub async fn outbox_unsent(&self, ids: &[i64]) -> Result<bool> {
        Ok(sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM outbox WHERE status IN ('pending', 'sending')
                              AND id IN (SELECT value FROM json_each(?)))",
        )
        .bind(serde_json::to_string(ids)?)
        .fetch_one(self.pool())
        .await?)
    }

    /// Marks a leased row sent and applies its after-sent effect, in one transaction, for each
    /// message it created (an album copy creates several). A row that is no longer `sending`
    /// (another sender finished it) is left as it is.
    pub async fn outbox_sent(&self, id: i64, message_ids: &[i32], now: i64) -> Result<()> {
        let mut tx = self.begin().await?;
        let row: Option<(i64, String, String)> = sqlx::query_as(
            "UPDATE outbox SET status = 'sent', sent_at = ?, sent_message_id = ?,
                    lease_until = NULL, last_error = NULL
             WHERE id = ? AND status = 'sending'
             RETURNING chat_id, after_sent, payload",
        )
        .bind(now)
        .bind(message_ids.first())
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((chat_id, after, payload)) = row else {
            tx.commit().await?;
            return Ok(());
        };
        // A copy remembers its original, so an edit of it reaches the copy. An album copy
        // whose count differs from its originals' (Telegram skipped one that was deleted)
        // cannot be paired: its copies are recorded without originals.
        let sources: Vec<Option<(i64, i32)>> =
            match serde_json::from_str::<crate::outbox::Payload>(&payload) {
                Ok(crate::outbox::Payload::Copy {
                    from_chat,
                    message_id,
                    ..
                }) => vec![Some((from_chat, message_id))],
                Ok(crate::outbox::Payload::CopyAlbum {
                    from_chat,
                    message_ids: originals,
                }) if originals.len() == message_ids.len() => originals
                    .into_iter()
                    .map(|m| Some((from_chat, m)))
                    .collect(),
                _ => vec![None; message_ids.len()],
            };
        let after = match serde_json::from_str::<AfterSent>(&after) {
            Ok(after) => after,
            Err(_) => {
                tracing::error!(outbox_id = id, "after_sent is not readable; skipped");
                AfterSent::None
            }
        };
        for (message_id, source) in message_ids.iter().zip(sources) {
            // The case may have been deleted meanwhile: then there is nothing to record.
            let effect = match after {
                AfterSent::RecordCard { case_id } => Some(
                    sqlx::query(
                        "INSERT OR IGNORE INTO case_cards (case_id, chat_id, message_id)
                         SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM cases WHERE id = ?1)",
                    )
                    .bind(case_id)
                    .bind(chat_id)
                    .bind(message_id),
                ),
                AfterSent::RecordRelay { case_id } => Some(
                    sqlx::query(
                        "INSERT OR IGNORE INTO relay_map
                             (case_id, chat_id, message_id, created_at, source_chat, source_message)
                         SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM cases WHERE id = ?1)",
                    )
                    .bind(case_id)
                    .bind(chat_id)
                    .bind(message_id)
                    .bind(now)
                    .bind(source.map(|s| s.0))
                    .bind(source.map(|s| s.1)),
                ),
                AfterSent::None => None,
            };
            if let Some(query) = effect {
                query.execute(&mut *tx).await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// A transient failure: back to pending until `at`, one more attempt counted.
    pub async fn outbox_retry(&self, id: i64, at: i64, error: &str) -> Result<()> {
        self.writing(sqlx::query(
            "UPDATE outbox SET status = 'pending', attempts = attempts + 1, next_attempt_at = ?,
                    lease_until = NULL, last_error = ?
             WHERE id = ? AND status = 'sending'",
        )
        .bind(at)
        .bind(short(error))
        .bind(id)
        .execute(self.pool())
        ).await?;
        Ok(())
    }

    /// Telegram asked us to wait (retry_after): back to pending until `at`, not counted as an
    /// attempt.
    pub async fn outbox_postpone(&self, id: i64, at: i64, error: &str) -> Result<()> {
        self.writing(
            sqlx::query(
                "UPDATE outbox SET status = 'pending', next_attempt_at = ?, lease_until = NULL,
                    last_error = ?
             WHERE id = ? AND status = 'sending'",
            )
            .bind(at)
            .bind(short(error))
            .bind(id)
            .execute(self.pool()),
        )
        .await?;
        Ok(())
    }

    /// Gives a leased row up, as `Failed` or `Undeliverable` (any other status is taken as
    /// `Failed`). Counts the attempt.
    pub async fn outbox_give_up(&self, id: i64, status: OutboxStatus, error: &str) -> Result<()> {
        let status = match status {
            OutboxStatus::Undeliverable => OutboxStatus::Undeliverable,
            _ => OutboxStatus::Failed,
        };
        self.writing(
            sqlx::query(
                "UPDATE outbox SET status = ?, attempts = attempts + 1, lease_until = NULL,
                    last_error = ?
             WHERE id = ? AND status = 'sending'",
            )
            .bind(status.as_str())
            .bind(short(error))
            .bind(id)
            .execute(self.pool()),
        )
        .await?;
        Ok(())
    }

    /// Records that a person cannot be written to (they blocked the bot); nothing if we store
    /// nothing of them.
    pub async fn mark_unreachable(&self, chat_id: i64) -> Result<()> {
        self.writing(
            sqlx::query("UPDATE users SET unreachable = 1 WHERE telegram_id = ?")
                .bind(chat_id)
                .execute(self.pool()),
        )
        .await?;
        Ok(())
    }

    pub async fn outbox_counts(&self) -> Result<OutboxCounts> {
        let raw: Vec<(String, i64)> =
            sqlx::query_as("SELECT status, COUNT(*) FROM outbox GROUP BY status")
                .fetch_all(self.pool())
                .await?;
        let mut counts = OutboxCounts::default();
        for (status, n) in raw {
            match OutboxStatus::parse(&status) {
                Some(OutboxStatus::Pending) => counts.pending += n,
                Some(OutboxStatus::Sending) => counts.sending += n,
                Some(OutboxStatus::Sent) => counts.sent += n,
                Some(OutboxStatus::Failed) => counts.failed += n,
                Some(OutboxStatus::Undeliverable) => counts.undeliverable += n,
                None => {}
            }
        }
        Ok(counts)
    }

    /// Deletes finished rows (sent, failed, undeliverable) sent, or if never sent created,
    /// before `before`: they hold message texts. A deleted row's `dedupe_key` is free again.
    pub async fn purge_sent_outbox(&self, before: i64) -> Result<u64> {
        let done = self
            .writing(
                sqlx::query(
                    "DELETE FROM outbox WHERE status IN ('sent', 'failed', 'undeliverable')
               AND COALESCE(sent_at, created_at) < ?",
                )
                .bind(before)
                .execute(self.pool()),
            )
            .await?;
        Ok(done.rows_affected())
    }
}
