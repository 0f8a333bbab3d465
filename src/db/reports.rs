//! What supervisor reports read: counts by status and priority, how long claims and closes
//! took, when cases came in, and every case for an export.
//!
//! Read-only. Cases purged by retention are counted like any other: they keep their status,
//! priority and times (only answers and the requester are gone).

use super::{
    Db, Result,
    cases::{CASE_COLUMNS, CaseRow, RawCase, case_from},
};

/// A case with what an export adds to it: (case, closed at, verified, flagged).
pub(super) type ExportedCase = (CaseRow, Option<i64>, bool, bool);

#[derive(sqlx::FromRow)]
struct RawExport {
    #[sqlx(flatten)]
    case: RawCase,
    closed_at: Option<i64>,
    verified: bool,
    flagged: bool,
}

impl Db {
    /// How many cases there are of each (status, priority).
    pub async fn case_counts(&self) -> Result<Vec<(String, String, i64)>> {
        Ok(
            sqlx::query_as(
                "SELECT status, priority, COUNT(*) FROM cases GROUP BY status, priority",
            )
            .fetch_all(self.pool())
            .await?,
        )
    }

    /// Seconds from creation to the first claim, for every case that was ever claimed. A case
    /// handed back loses its `claimed_at`, so the first `claim` in the audit log counts too.
    pub async fn claim_durations(&self) -> Result<Vec<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT MIN(COALESCE(claimed_at, first_claim), COALESCE(first_claim, claimed_at)) - created_at
             FROM (SELECT c.created_at, c.claimed_at,
                          (SELECT MIN(a.at) FROM audit_log a
                            WHERE a.case_id = c.id AND a.action = 'claim') AS first_claim
                   FROM cases c)
             WHERE claimed_at IS NOT NULL OR first_claim IS NOT NULL",
        )
        .fetch_all(self.pool())
        .await?)
    }

    /// Seconds from creation to closing, for every closed case.
    pub async fn close_durations(&self) -> Result<Vec<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT closed_at - created_at FROM cases
             WHERE status = 'closed' AND closed_at IS NOT NULL",
        )
        .fetch_all(self.pool())
        .await?)
    }

    /// When cases created at or after `since` (and before `until`) came in.
    pub async fn intake_times(&self, since: i64, until: i64) -> Result<Vec<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT created_at FROM cases WHERE created_at >= ? AND created_at < ? ORDER BY created_at",
        )
        .bind(since)
        .bind(until)
        .fetch_all(self.pool())
        .await?)
    }

    /// Every case, oldest first, with its closing time and whether it was verified or flagged.
    pub async fn cases_for_export(&self) -> Result<Vec<ExportedCase>> {
        let raw: Vec<RawExport> = sqlx::query_as(&format!(
            "SELECT {CASE_COLUMNS}, closed_at, verified_at IS NOT NULL AS verified,
                    flag_reason IS NOT NULL AS flagged
             FROM cases ORDER BY id"
        ))
        .fetch_all(self.pool())
        .await?;
        raw.into_iter()
            .map(|r| Ok((case_from(r.case)?, r.closed_at, r.verified, r.flagged)))
            .collect()
    }
}
