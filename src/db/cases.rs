//! Cases: one row per request, `id` is the `#N` people see.

use super::{Db, Result, WriteTx, first_time};
use crate::{
    i18n::Lang,
    survey::AnswerMap,
    triage::{Priority, Triage},
};

/// Where a case is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseStatus {
    /// Waiting for a volunteer.
    Open,
    /// A volunteer took it.
    Claimed,
    Closed,
}

impl CaseStatus {
    fn parse(s: &str) -> CaseStatus {
        match s {
            "claimed" => CaseStatus::Claimed,
            "closed" => CaseStatus::Closed,
            _ => CaseStatus::Open,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::Open => "open",
            CaseStatus::Claimed => "claimed",
            CaseStatus::Closed => "closed",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CaseRow {
    pub id: i64,
    pub requester_id: Option<i64>,
    pub status: CaseStatus,
    pub priority: Priority,
    pub reasons: Vec<String>,
    pub answers: AnswerMap,
    pub language: Lang,
    /// false while the person is still answering after the safety gate opened the case.
    pub submitted: bool,
    pub created_at: i64,
    pub region: Option<String>,
    pub volunteer_id: Option<i64>,
    pub claimed_at: Option<i64>,
    pub outcome: Option<String>,
    /// A supervisor checked the details.
    pub verified: bool,
    /// Why a supervisor (or the blocklist) flagged it; a flagged case is not routed.
    pub flag_reason: Option<String>,
    /// The word the person and their volunteer share (set at the claim).
    pub code_word: Option<String>,
}

#[derive(sqlx::FromRow)]
pub(super) struct RawCase {
    id: i64,
    requester_id: Option<i64>,
    status: String,
    priority: String,
    reasons: String,
    answers: String,
    language: String,
    submitted: bool,
    created_at: i64,
    region: Option<String>,
    volunteer_id: Option<i64>,
    claimed_at: Option<i64>,
    outcome: Option<String>,
    verified_at: Option<i64>,
    flag_reason: Option<String>,
    code_word: Option<String>,
}

pub(super) const CASE_COLUMNS: &str = "id, requester_id, status, priority, reasons, answers, language, \
     submitted, created_at, region, volunteer_id, claimed_at, outcome, verified_at, flag_reason, \
     code_word";

/// Priority as a number for ordering: critical first. The queue's index `cases_queue`
/// (migrations/0004_queue_index.sql) is built on this exact expression: changing it here needs
/// a new migration that recreates the index, or the queue goes back to sorting every open case.
pub(super) const PRIORITY_ORDER: &str =
    "CASE priority WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END";

pub(super) fn case_from(raw: RawCase) -> Result<CaseRow> {
    Ok(CaseRow {
        id: raw.id,
        requester_id: raw.requester_id,
        status: CaseStatus::parse(&raw.status),
        priority: Priority::parse(&raw.priority).unwrap_or(Priority::Normal),
        reasons: serde_json::from_str(&raw.reasons)?,
        answers: serde_json::from_str(&raw.answers)?,
        language: Lang::from_code(&raw.language).unwrap_or(Lang::Uk),
        submitted: raw.submitted,
        created_at: raw.created_at,
        region: raw.region,
        volunteer_id: raw.volunteer_id,
        claimed_at: raw.claimed_at,
        outcome: raw.outcome,
        verified: raw.verified_at.is_some(),
        flag_reason: raw.flag_reason,
        code_word: raw.code_word,
    })
}

/// What Submit did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmitOutcome {
    /// The case is registered now (new, or the safety gate's case completed).
    Registered(i64),
    /// Submit pressed again, or a replay: the case registered before.
    AlreadyRegistered(i64),
    /// No survey and no open case: nothing to submit.
    NothingToSubmit,
}

async fn case_on<'e>(db: impl sqlx::SqliteExecutor<'e>, id: i64) -> Result<Option<CaseRow>> {
    let raw: Option<RawCase> =
        sqlx::query_as(&format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = ?"))
            .bind(id)
            .fetch_optional(db)
            .await?;
    raw.map(case_from).transpose()
}

impl Db {
    pub async fn case(&self, id: i64) -> Result<Option<CaseRow>> {
        case_on(self.pool(), id).await
    }

    /// The person's case that is not closed, if any.
    pub async fn open_case_of(&self, user_id: i64) -> Result<Option<CaseRow>> {
        let raw: Option<RawCase> = sqlx::query_as(&format!(
            "SELECT {CASE_COLUMNS} FROM cases WHERE requester_id = ? AND status <> 'closed'"
        ))
        .bind(user_id)
        .fetch_optional(self.pool())
        .await?;
        raw.map(case_from).transpose()
    }

    /// [`WriteTx::submit_case`] in a transaction of its own (no notifications).
    #[allow(clippy::too_many_arguments)]
    pub async fn submit_case(
        &self,
        user_id: i64,
        update_id: i64,
        answers: &AnswerMap,
        triage: &Triage,
        lang: Lang,
        region: Option<&str>,
        now: i64,
    ) -> Result<SubmitOutcome> {
        let mut tx = self.begin().await?;
        let outcome = tx
            .submit_case(user_id, update_id, answers, triage, lang, region, now)
            .await?;
        tx.commit().await?;
        Ok(outcome)
    }

    /// How many cases there are (all states); for tests and stats.
    pub async fn count_cases(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM cases")
            .fetch_one(self.pool())
            .await?)
    }
}

impl WriteTx {
    /// The case as this transaction sees it (its own changes included).
    pub async fn case(&mut self, id: i64) -> Result<Option<CaseRow>> {
        case_on(&mut **self, id).await
    }

    /// Submit: the case is committed (and the survey removed) before anyone is told.
    /// Pressed twice or replayed, it still makes one case.
    #[allow(clippy::too_many_arguments)]
    pub async fn submit_case(
        &mut self,
        user_id: i64,
        update_id: i64,
        answers: &AnswerMap,
        triage: &Triage,
        lang: Lang,
        region: Option<&str>,
        now: i64,
    ) -> Result<SubmitOutcome> {
        let open: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM cases WHERE requester_id = ? AND status <> 'closed'",
        )
        .bind(user_id)
        .fetch_optional(&mut **self)
        .await?;
        let survey: Option<Option<i64>> =
            sqlx::query_scalar("SELECT case_id FROM survey_state WHERE telegram_id = ?")
                .bind(user_id)
                .fetch_optional(&mut **self)
                .await?;
        let fresh = first_time(self, update_id, now).await?;
        let outcome = match (fresh, survey) {
            (true, Some(gate_case)) => {
                let answers_json = serde_json::to_string(answers)?;
                let reasons_json = serde_json::to_string(&triage.reasons)?;
                let id = match gate_case.or(open) {
                    Some(id) => {
                        sqlx::query(
                            "UPDATE cases SET answers = ?, priority = ?, reasons = ?, language = ?, submitted = 1, updated_at = ?,
                             region = ?,
                             source = COALESCE(source, (SELECT source FROM survey_state WHERE telegram_id = ?))
                             WHERE id = ?",
                        )
                        .bind(answers_json)
                        .bind(triage.priority.as_str())
                        .bind(reasons_json)
                        .bind(lang.code())
                        .bind(now)
                        .bind(region)
                        .bind(user_id)
                        .bind(id)
                        .execute(&mut **self)
                        .await?;
                        id
                    }
                    None => {
                        sqlx::query_scalar(
                            "INSERT INTO cases (requester_id, status, priority, reasons, answers, language, submitted, created_at, updated_at, region, source)
                             VALUES (?1, 'open', ?2, ?3, ?4, ?5, 1, ?6, ?7, ?8,
                                     (SELECT source FROM survey_state WHERE telegram_id = ?1)) RETURNING id",
                        )
                        .bind(user_id)
                        .bind(triage.priority.as_str())
                        .bind(reasons_json)
                        .bind(answers_json)
                        .bind(lang.code())
                        .bind(now)
                        .bind(now)
                        .bind(region)
                        .fetch_one(&mut **self)
                        .await?
                    }
                };
                sqlx::query("DELETE FROM survey_state WHERE telegram_id = ?")
                    .bind(user_id)
                    .execute(&mut **self)
                    .await?;
                SubmitOutcome::Registered(id)
            }
            _ => match open {
                Some(id) => SubmitOutcome::AlreadyRegistered(id),
                None => SubmitOutcome::NothingToSubmit,
            },
        };
        Ok(outcome)
    }
}
