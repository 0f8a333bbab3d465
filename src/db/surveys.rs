//! Unfinished surveys: one row per person in `survey_state`, the engine's state as JSON.

use super::{Db, Result, WriteTx, first_time};
use crate::{i18n::Lang, survey::SurveyState, triage::Triage};

/// A person's unfinished survey.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredSurvey {
    pub state: SurveyState,
    /// The case the safety gate already opened, if it did.
    pub case_id: Option<i64>,
}

/// Whether a write was applied, or the update carrying it had been applied before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    Yes,
    Duplicate,
}

/// The safety gate's case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GateOutcome {
    /// A case was opened now: alert.
    Opened(i64),
    /// The survey already had one (the person answered "in danger" again, or a replay).
    AlreadyOpen(i64),
    Duplicate,
}

impl Db {
    pub async fn load_survey(&self, user_id: i64) -> Result<Option<StoredSurvey>> {
        let row: Option<(String, Option<i64>)> =
            sqlx::query_as("SELECT state, case_id FROM survey_state WHERE telegram_id = ?")
                .bind(user_id)
                .fetch_optional(self.pool())
                .await?;
        match row {
            None => Ok(None),
            Some((json, case_id)) => Ok(Some(StoredSurvey {
                state: serde_json::from_str(&json)?,
                case_id,
            })),
        }
    }

    /// After consent: the person's row (with their language) and their survey, together.
    /// Where the person came from (`chat`: the bridge's link), kept with the survey and then
    /// on the case.
    pub async fn set_survey_source(&self, user_id: i64, source: &str) -> Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query("UPDATE survey_state SET source = ? WHERE telegram_id = ?")
            .bind(source)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// After consent: the person's row and their survey. `unshown`: as in
    /// [`Db::save_survey`], the first question is still to be shown when this commits.
    pub async fn begin_survey(
        &self,
        user_id: i64,
        lang: Lang,
        update_id: i64,
        state: &SurveyState,
        now: i64,
        unshown: bool,
    ) -> Result<Applied> {
        let mut tx = self.begin().await?;
        if !first_time(&mut tx, update_id, now).await? {
            return Ok(Applied::Duplicate);
        }
        sqlx::query(
            "INSERT INTO users (telegram_id, language, created_at, updated_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (telegram_id) DO UPDATE SET language = excluded.language, updated_at = excluded.updated_at",
        )
        .bind(user_id)
        .bind(lang.code())
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO survey_state (telegram_id, state, updated_at, unshown_update)
             VALUES (?, ?, ?, ?)
             ON CONFLICT (telegram_id) DO NOTHING",
        )
        .bind(user_id)
        .bind(serde_json::to_string(state)?)
        .bind(now)
        .bind(unshown.then_some(update_id))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Applied::Yes)
    }

    /// Stores the state after an accepted input. `unshown`: the update will be confirmed to
    /// Telegram before its next step is shown, so the row keeps a mark until
    /// [`Db::mark_shown`] (otherwise an older mark is cleared: Telegram sends this update
    /// again if the process stops before it is done).
    pub async fn save_survey(
        &self,
        user_id: i64,
        update_id: i64,
        state: &SurveyState,
        now: i64,
        unshown: bool,
    ) -> Result<Applied> {
        // The hottest write (every answer): one batch. `changes() = 1`: the update id was
        // recorded just now, so this update was not applied before.
        let changed = self
            .write_batch(
                sqlx::query(
                    "BEGIN IMMEDIATE;
                     INSERT OR IGNORE INTO processed_updates (update_id, processed_at) VALUES (?1, ?2);
                     UPDATE survey_state SET state = ?3, updated_at = ?2, unshown_update = ?5
                      WHERE telegram_id = ?4 AND changes() = 1;
                     COMMIT;",
                )
                .bind(update_id)
                .bind(now)
                .bind(serde_json::to_string(state)?)
                .bind(user_id)
                .bind(unshown.then_some(update_id)),
            )
            .await?;
        Ok(if changed > 0 {
            Applied::Yes
        } else {
            Applied::Duplicate
        })
    }

    /// The next steps of these `(person, update)` answers were shown: their marks set by
    /// [`Db::save_survey`] are cleared, unless a later answer set a new one. One transaction.
    pub async fn mark_shown(&self, shown: &[(i64, i64)]) -> Result<()> {
        if shown.is_empty() {
            return Ok(());
        }
        let mut tx = self.begin().await?;
        for (user_id, update_id) in shown {
            sqlx::query(
                "UPDATE survey_state SET unshown_update = NULL
                  WHERE telegram_id = ? AND unshown_update = ?",
            )
            .bind(user_id)
            .bind(update_id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The `(person, update)` answers whose next step may not have been shown (the process
    /// stopped between the commit and the send).
    pub async fn unshown_steps(&self) -> Result<Vec<(i64, i64)>> {
        Ok(sqlx::query_as(
            "SELECT telegram_id, unshown_update FROM survey_state
              WHERE unshown_update IS NOT NULL ORDER BY unshown_update",
        )
        .fetch_all(self.pool())
        .await?)
    }

    /// `/cancel`: the unsent survey is gone, and with it the person's row if nothing else
    /// needs it (no case, not staff). A case the safety gate opened stays.
    pub async fn delete_survey(&self, user_id: i64) -> Result<bool> {
        let mut tx = self.begin().await?;
        let done = sqlx::query("DELETE FROM survey_state WHERE telegram_id = ?")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "DELETE FROM users WHERE telegram_id = ?1 AND role = 'requester'
               AND NOT EXISTS (SELECT 1 FROM cases WHERE requester_id = ?1)",
        )
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }
}

impl WriteTx {
    /// The safety gate: stores the state and opens a critical case with the answers so far,
    /// in one transaction, so the person has a case even if they stop here.
    #[allow(clippy::too_many_arguments)]
    pub async fn open_gate_case(
        &mut self,
        user_id: i64,
        update_id: i64,
        state: &SurveyState,
        triage: &Triage,
        lang: Lang,
        region: Option<&str>,
        now: i64,
    ) -> Result<GateOutcome> {
        if !first_time(self, update_id, now).await? {
            return Ok(GateOutcome::Duplicate);
        }
        let state_json = serde_json::to_string(state)?;
        let existing: Option<Option<i64>> =
            sqlx::query_scalar("SELECT case_id FROM survey_state WHERE telegram_id = ?")
                .bind(user_id)
                .fetch_optional(&mut **self)
                .await?;
        let open: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM cases WHERE requester_id = ? AND status <> 'closed'",
        )
        .bind(user_id)
        .fetch_optional(&mut **self)
        .await?;
        let outcome = match existing.flatten().or(open) {
            Some(case_id) => GateOutcome::AlreadyOpen(case_id),
            None => {
                let case_id: i64 = sqlx::query_scalar(
                    "INSERT INTO cases (requester_id, status, priority, reasons, answers, language, submitted, created_at, updated_at, region)
                     VALUES (?, 'open', ?, ?, ?, ?, 0, ?, ?, ?) RETURNING id",
                )
                .bind(user_id)
                .bind(triage.priority.as_str())
                .bind(serde_json::to_string(&triage.reasons)?)
                .bind(serde_json::to_string(&state.answers)?)
                .bind(lang.code())
                .bind(now)
                .bind(now)
                .bind(region)
                .fetch_one(&mut **self)
                .await?;
                GateOutcome::Opened(case_id)
            }
        };
        let case_id = match outcome {
            GateOutcome::Opened(id) | GateOutcome::AlreadyOpen(id) => id,
            GateOutcome::Duplicate => unreachable!("returned above"),
        };
        sqlx::query(
            "UPDATE survey_state SET state = ?, case_id = ?, updated_at = ? WHERE telegram_id = ?",
        )
        .bind(state_json)
        .bind(case_id)
        .bind(now)
        .bind(user_id)
        .execute(&mut **self)
        .await?;
        Ok(outcome)
    }
}
