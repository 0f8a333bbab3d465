//! The volunteer roster: who volunteers, in which languages and regions, whether on shift.

use super::{Db, Result, WriteTx};
use crate::routing::Candidate;

impl Db {
    pub async fn is_volunteer(&self, user_id: i64) -> Result<bool> {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT telegram_id FROM volunteers WHERE telegram_id = ?")
                .bind(user_id)
                .fetch_optional(self.pool())
                .await?;
        Ok(found.is_some())
    }

    /// Adds (or updates) a volunteer who may hold `max_open` cases at once; `true` if they
    /// were not on the roster before.
    pub async fn add_volunteer(
        &self,
        user_id: i64,
        languages: &[String],
        regions: &[String],
        max_open: i64,
        added_by: i64,
        now: i64,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        let existed: Option<i64> =
            sqlx::query_scalar("SELECT telegram_id FROM volunteers WHERE telegram_id = ?")
                .bind(user_id)
                .fetch_optional(&mut *tx)
                .await?;
        sqlx::query(
            "INSERT INTO volunteers (telegram_id, languages, regions, max_open, added_by, added_at)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (telegram_id) DO UPDATE SET languages = excluded.languages,
                 regions = excluded.regions, max_open = excluded.max_open",
        )
        .bind(user_id)
        .bind(serde_json::to_string(languages)?)
        .bind(serde_json::to_string(regions)?)
        .bind(max_open)
        .bind(added_by)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        // Their language is learnt when they next write (or press /start); until then the
        // Telegram language of each message, or the default, is used.
        sqlx::query("UPDATE users SET role = 'volunteer', updated_at = ? WHERE telegram_id = ?")
            .bind(now)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(existed.is_none())
    }

    /// Shift on or off; `false` if not on the roster.
    pub async fn set_online(&self, user_id: i64, online: bool) -> Result<bool> {
        let done = self
            .writing(
                sqlx::query("UPDATE volunteers SET online = ? WHERE telegram_id = ?")
                    .bind(online)
                    .bind(user_id)
                    .execute(self.pool()),
            )
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The roster with each volunteer's load, for routing and `/volunteers`.
    pub async fn volunteers(&self) -> Result<Vec<Candidate>> {
        #[allow(clippy::type_complexity)]
        let rows: Vec<(i64, String, String, bool, i64, i64, Option<i64>)> = sqlx::query_as(
            "SELECT v.telegram_id, v.languages, v.regions, v.online, v.max_open,
                    (SELECT COUNT(*) FROM cases c WHERE c.volunteer_id = v.telegram_id AND c.status = 'claimed'),
                    v.trained_until
             FROM volunteers v ORDER BY v.telegram_id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(
                |(id, languages, regions, online, max_open, open_cases, trained_until)| {
                    Ok(Candidate {
                        id,
                        languages: serde_json::from_str(&languages)?,
                        regions: serde_json::from_str(&regions)?,
                        online,
                        open_cases,
                        max_open,
                        trained_until,
                    })
                },
            )
            .collect()
    }

    pub async fn volunteer(&self, user_id: i64) -> Result<Option<Candidate>> {
        Ok(self
            .volunteers()
            .await?
            .into_iter()
            .find(|v| v.id == user_id))
    }
}

impl WriteTx {
    /// Records a volunteer's training as holding until `until`; `false` if not on the roster.
    pub async fn record_training(&mut self, user_id: i64, until: i64) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE volunteers SET trained_until = ?, training_warned_for = NULL WHERE telegram_id = ?",
        )
        .bind(until)
        .bind(user_id)
        .execute(&mut **self)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Volunteers whose training runs out within `window` and who were not told yet: marks
    /// them told, returns (volunteer, until).
    pub async fn take_training_warnings(
        &mut self,
        now: i64,
        window: i64,
    ) -> Result<Vec<(i64, i64)>> {
        Ok(sqlx::query_as(
            "UPDATE volunteers SET training_warned_for = trained_until
             WHERE trained_until > ?1 AND trained_until <= ?1 + ?2
               AND training_warned_for IS NOT trained_until
             RETURNING telegram_id, trained_until",
        )
        .bind(now)
        .bind(window)
        .fetch_all(&mut **self)
        .await?)
    }

    /// Takes a volunteer off the roster; their claimed cases go back to the queue.
    /// Returns whether they were on it and the cases released.
    pub async fn remove_volunteer(&mut self, user_id: i64, now: i64) -> Result<(bool, Vec<i64>)> {
        // Off the roster: off every case's team too.
        sqlx::query("DELETE FROM case_team WHERE member_id = ?")
            .bind(user_id)
            .execute(&mut **self)
            .await?;
        let removed = sqlx::query("DELETE FROM volunteers WHERE telegram_id = ?")
            .bind(user_id)
            .execute(&mut **self)
            .await?
            .rows_affected()
            == 1;
        sqlx::query("UPDATE users SET role = 'requester', updated_at = ? WHERE telegram_id = ? AND role = 'volunteer'")
            .bind(now)
            .bind(user_id)
            .execute(&mut **self)
            .await?;
        let released: Vec<i64> = sqlx::query_scalar(
            "UPDATE cases SET status = 'open', volunteer_id = NULL, claimed_at = NULL, escalations = 0, code_word = NULL, updated_at = ?
             WHERE volunteer_id = ? AND status = 'claimed' RETURNING id",
        )
        .bind(now)
        .bind(user_id)
        .fetch_all(&mut **self)
        .await?;
        Ok((removed, released))
    }
}
