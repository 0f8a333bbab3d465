//! Moderation data: verification and flags on cases, bans, supervisors added in the bot, the
//! fake-data blocklist (hashes only) and flood mutes.

use super::{
    Db, Result, WriteTx,
    cases::{CASE_COLUMNS, CaseRow, RawCase, case_from},
};

/// What a ban changed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BanOutcome {
    /// The person's cases that were open, now closed as banned, with their volunteer.
    pub closed: Vec<(i64, Option<i64>)>,
    /// They were a volunteer and lost the role.
    pub was_volunteer: bool,
    /// They were banned already.
    pub already: bool,
}

/// A ban on the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ban {
    pub user_id: i64,
    pub reason: String,
    pub banned_by: i64,
    pub banned_at: i64,
}

impl Db {
    pub async fn is_banned(&self, user_id: i64) -> Result<bool> {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT telegram_id FROM bans WHERE telegram_id = ?")
                .bind(user_id)
                .fetch_optional(self.pool())
                .await?;
        Ok(found.is_some())
    }

    pub async fn bans(&self) -> Result<Vec<Ban>> {
        let rows: Vec<(i64, String, i64, i64)> = sqlx::query_as(
            "SELECT telegram_id, reason, banned_by, banned_at FROM bans ORDER BY banned_at",
        )
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(user_id, reason, banned_by, banned_at)| Ban {
                user_id,
                reason,
                banned_by,
                banned_at,
            })
            .collect())
    }

    /// Supervisors added in the bot.
    pub async fn db_supervisors(&self) -> Result<Vec<i64>> {
        Ok(
            sqlx::query_scalar("SELECT telegram_id FROM supervisors ORDER BY telegram_id")
                .fetch_all(self.pool())
                .await?,
        )
    }

    pub async fn add_supervisor(&self, user_id: i64, by: i64, now: i64) -> Result<bool> {
        let done = self.writing(sqlx::query(
            "INSERT OR IGNORE INTO supervisors (telegram_id, added_by, added_at) VALUES (?, ?, ?)",
        )
        .bind(user_id)
        .bind(by)
        .bind(now)
        .execute(self.pool())
        ).await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn remove_supervisor(&self, user_id: i64) -> Result<bool> {
        let done = self
            .writing(
                sqlx::query("DELETE FROM supervisors WHERE telegram_id = ?")
                    .bind(user_id)
                    .execute(self.pool()),
            )
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Which of these hashes are on the blocklist (as `kind`, `hash`).
    pub async fn blocked_among(
        &self,
        hashes: &[(String, String)],
    ) -> Result<Vec<(String, String)>> {
        let mut found = Vec::new();
        for (kind, hash) in hashes {
            let hit: Option<String> =
                sqlx::query_scalar("SELECT kind FROM blocklist WHERE kind = ? AND hash = ?")
                    .bind(kind)
                    .bind(hash)
                    .fetch_optional(self.pool())
                    .await?;
            if hit.is_some() {
                found.push((kind.clone(), hash.clone()));
            }
        }
        Ok(found)
    }

    /// Cases not closed, to check against a newly blocked value.
    pub async fn cases_not_closed(&self) -> Result<Vec<CaseRow>> {
        let raw: Vec<RawCase> = sqlx::query_as(&format!(
            "SELECT {CASE_COLUMNS} FROM cases WHERE status <> 'closed' ORDER BY id"
        ))
        .fetch_all(self.pool())
        .await?;
        raw.into_iter().map(case_from).collect()
    }

    /// Mutes a flooder until `until`; returns how many times they were muted so far.
    pub async fn mute(&self, user_id: i64, until: i64, now: i64) -> Result<i64> {
        Ok(self.writing(sqlx::query_scalar(
            "INSERT INTO flood (telegram_id, muted_until, strikes, last_strike) VALUES (?, ?, 1, ?)
             ON CONFLICT (telegram_id) DO UPDATE SET muted_until = excluded.muted_until,
                 strikes = strikes + 1, last_strike = excluded.last_strike
             RETURNING strikes",
        )
        .bind(user_id)
        .bind(until)
        .bind(now)
        .fetch_one(self.pool())
        ).await?)
    }

    /// People muted more than once: (id, strikes, last strike).
    pub async fn repeat_flooders(&self) -> Result<Vec<(i64, i64, i64)>> {
        Ok(sqlx::query_as(
            "SELECT telegram_id, strikes, last_strike FROM flood WHERE strikes > 1 ORDER BY strikes DESC LIMIT 20",
        )
        .fetch_all(self.pool())
        .await?)
    }
}

/// Moderation's writes, inside the caller's transaction (with what they cause to be sent).
impl WriteTx {
    /// `/verify`: the case's details were checked. `false` if there is no such case.
    pub async fn verify_case(
        &mut self,
        case_id: i64,
        by: i64,
        note: Option<&str>,
        now: i64,
    ) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE cases SET verified_at = ?, verified_by = ?, verify_note = ? WHERE id = ?",
        )
        .bind(now)
        .bind(by)
        .bind(note)
        .bind(case_id)
        .execute(&mut **self)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Flags a case; `false` if there is no such case.
    pub async fn flag_case(&mut self, case_id: i64, reason: &str, now: i64) -> Result<bool> {
        let done = sqlx::query("UPDATE cases SET flag_reason = ?, flagged_at = ? WHERE id = ?")
            .bind(reason)
            .bind(now)
            .bind(case_id)
            .execute(&mut **self)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Removes a flag; `false` if the case was not flagged.
    pub async fn unflag_case(&mut self, case_id: i64) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE cases SET flag_reason = NULL, flagged_at = NULL WHERE id = ? AND flag_reason IS NOT NULL",
        )
        .bind(case_id)
        .execute(&mut **self)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Bans a person: their unsent survey is dropped, their open cases closed as banned, and a
    /// volunteer loses the role; all in one transaction.
    pub async fn ban(
        &mut self,
        user_id: i64,
        reason: &str,
        by: i64,
        now: i64,
    ) -> Result<BanOutcome> {
        let inserted = sqlx::query(
            "INSERT OR IGNORE INTO bans (telegram_id, reason, banned_by, banned_at) VALUES (?, ?, ?, ?)",
        )
        .bind(user_id)
        .bind(reason)
        .bind(by)
        .bind(now)
        .execute(&mut **self)
        .await?
        .rows_affected();
        sqlx::query("DELETE FROM survey_state WHERE telegram_id = ?")
            .bind(user_id)
            .execute(&mut **self)
            .await?;
        let closed: Vec<(i64, Option<i64>)> = sqlx::query_as(
            "UPDATE cases SET status = 'closed', outcome = 'banned', closed_at = ?, updated_at = ?
             WHERE requester_id = ? AND status <> 'closed' RETURNING id, volunteer_id",
        )
        .bind(now)
        .bind(now)
        .bind(user_id)
        .fetch_all(&mut **self)
        .await?;
        sqlx::query("DELETE FROM case_team WHERE member_id = ?")
            .bind(user_id)
            .execute(&mut **self)
            .await?;
        let was_volunteer = sqlx::query("DELETE FROM volunteers WHERE telegram_id = ?")
            .bind(user_id)
            .execute(&mut **self)
            .await?
            .rows_affected()
            == 1;
        // Cases they held as a volunteer go back to the queue.
        sqlx::query(
            "UPDATE cases SET status = 'open', volunteer_id = NULL, claimed_at = NULL, escalations = 0, code_word = NULL, updated_at = ?
             WHERE volunteer_id = ? AND status = 'claimed'",
        )
        .bind(now)
        .bind(user_id)
        .execute(&mut **self)
        .await?;
        sqlx::query("UPDATE users SET role = 'requester' WHERE telegram_id = ?")
            .bind(user_id)
            .execute(&mut **self)
            .await?;
        Ok(BanOutcome {
            closed,
            was_volunteer,
            already: inserted == 0,
        })
    }

    pub async fn unban(&mut self, user_id: i64) -> Result<bool> {
        let done = sqlx::query("DELETE FROM bans WHERE telegram_id = ?")
            .bind(user_id)
            .execute(&mut **self)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Takes a value hash off the list; `false` if it was not on it.
    pub async fn unblock_hash(&mut self, kind: &str, hash: &str) -> Result<bool> {
        let done = sqlx::query("DELETE FROM blocklist WHERE kind = ? AND hash = ?")
            .bind(kind)
            .bind(hash)
            .execute(&mut **self)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Marks a value hash as fake; `false` if it was already on the list.
    pub async fn block_hash(&mut self, kind: &str, hash: &str, by: i64, now: i64) -> Result<bool> {
        let done = sqlx::query(
            "INSERT OR IGNORE INTO blocklist (kind, hash, added_by, added_at) VALUES (?, ?, ?, ?)",
        )
        .bind(kind)
        .bind(hash)
        .bind(by)
        .bind(now)
        .execute(&mut **self)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
