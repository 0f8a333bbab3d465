//! Work on cases: the queue, claims, release, done, internal notes, the requester's messages
//! before a claim, relay lookups, and what escalation and check-ins look for.

use super::{
    Db, Result, WriteTx,
    cases::{CASE_COLUMNS, CaseRow, PRIORITY_ORDER, RawCase, case_from},
};

/// An internal note on a case.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub author_id: i64,
    pub text: String,
    pub created_at: i64,
}

/// What a Claim did. Atomic: of many volunteers pressing at once, exactly one gets `Claimed`.
#[derive(Debug, Clone, PartialEq)]
pub enum ClaimOutcome {
    Claimed(Box<CaseRow>),
    /// Someone claimed it first (`by_me`: this volunteer did, earlier).
    Taken {
        by_me: bool,
    },
    /// The volunteer already has as many open cases as allowed.
    AtCapacity {
        limit: i64,
    },
    Closed,
    NotFound,
}

/// A page of the queue. The ORDER BY must match `cases_queue` (migration 0004) column for
/// column, the priority expression included, for SQLite to read the page from that index.
fn queue_sql() -> String {
    format!(
        "SELECT {CASE_COLUMNS} FROM cases WHERE status = 'open'
         ORDER BY {PRIORITY_ORDER}, created_at, id LIMIT ? OFFSET ?"
    )
}

impl Db {
    /// Open unclaimed cases, critical first, then the oldest; one page. Read in this order
    /// from the partial index `cases_queue` (migration 0004), so a page costs the same with
    /// 100 or 100,000 open cases.
    pub async fn queue(&self, limit: i64, offset: i64) -> Result<Vec<CaseRow>> {
        let raw: Vec<RawCase> = sqlx::query_as(&queue_sql())
            .bind(limit)
            .bind(offset)
            .fetch_all(self.pool())
            .await?;
        raw.into_iter().map(case_from).collect()
    }

    /// SQLite's plan for a queue page (EXPLAIN QUERY PLAN, one line per step), for the `queue`
    /// benchmark: it should read `cases_queue` and need no temporary B-tree for the order.
    pub async fn queue_plan(&self) -> Result<Vec<String>> {
        let rows: Vec<(i64, i64, i64, String)> =
            sqlx::query_as(&format!("EXPLAIN QUERY PLAN {}", queue_sql()))
                .bind(5)
                .bind(0)
                .fetch_all(self.pool())
                .await?;
        Ok(rows.into_iter().map(|(_, _, _, detail)| detail).collect())
    }

    /// Counted on the partial index `cases_queue`, which holds only the open cases.
    /// The person's latest closed case (not yet purged): (case, closed at, its volunteer).
    pub async fn last_closed_case_of(
        &self,
        user_id: i64,
    ) -> Result<Option<(i64, i64, Option<i64>)>> {
        Ok(sqlx::query_as(
            "SELECT id, closed_at, volunteer_id FROM cases
             WHERE requester_id = ? AND status = 'closed' AND purged_at IS NULL
               AND closed_at IS NOT NULL
             ORDER BY closed_at DESC LIMIT 1",
        )
        .bind(user_id)
        .fetch_optional(self.pool())
        .await?)
    }

    /// The team around a case: (member, role code), in the order they joined.
    pub async fn team(&self, case_id: i64) -> Result<Vec<(i64, String)>> {
        Ok(sqlx::query_as(
            "SELECT member_id, role FROM case_team WHERE case_id = ? ORDER BY added_at, member_id",
        )
        .bind(case_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// A member's role in a case's team, if they are in it.
    pub async fn team_role(&self, case_id: i64, member: i64) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT role FROM case_team WHERE case_id = ? AND member_id = ?")
                .bind(case_id)
                .bind(member)
                .fetch_optional(self.pool())
                .await?,
        )
    }

    /// A referral: (case, partner id, who asked, the person's answer if any).
    pub async fn referral(&self, id: i64) -> Result<Option<(i64, String, i64, Option<String>)>> {
        Ok(
            sqlx::query_as("SELECT case_id, partner, asked_by, answer FROM referrals WHERE id = ?")
                .bind(id)
                .fetch_optional(self.pool())
                .await?,
        )
    }

    /// The relayed copies of a message: (case, chat, copy's message id).
    pub async fn copies_of(&self, chat_id: i64, message_id: i32) -> Result<Vec<(i64, i64, i32)>> {
        Ok(sqlx::query_as(
            "SELECT case_id, chat_id, message_id FROM relay_map
             WHERE source_chat = ? AND source_message = ?",
        )
        .bind(chat_id)
        .bind(message_id)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn queue_len(&self) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE status = 'open'")
                .fetch_one(self.pool())
                .await?,
        )
    }

    /// Claimed, not closed cases of a volunteer.
    pub async fn cases_of_volunteer(&self, volunteer_id: i64) -> Result<Vec<CaseRow>> {
        let raw: Vec<RawCase> = sqlx::query_as(&format!(
            "SELECT {CASE_COLUMNS} FROM cases WHERE volunteer_id = ? AND status = 'claimed'
             ORDER BY {PRIORITY_ORDER}, claimed_at"
        ))
        .bind(volunteer_id)
        .fetch_all(self.pool())
        .await?;
        raw.into_iter().map(case_from).collect()
    }

    pub async fn notes(&self, case_id: i64) -> Result<Vec<Note>> {
        let rows: Vec<(i64, String, i64)> = sqlx::query_as(
            "SELECT author_id, text, created_at FROM case_notes WHERE case_id = ? ORDER BY id",
        )
        .bind(case_id)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(author_id, text, created_at)| Note {
                author_id,
                text,
                created_at,
            })
            .collect())
    }

    /// A requester's message before a claim: its id (and its album's, if it is an album
    /// item) is kept to copy it to the claimer later. `false` for the second and later items
    /// of an album: the person is told once per album, not once per photo.
    pub async fn keep_case_message(
        &self,
        case_id: i64,
        chat_id: i64,
        message_id: i32,
        media_group: Option<&str>,
        now: i64,
    ) -> Result<bool> {
        let album_seen: bool = match media_group {
            Some(group) => {
                sqlx::query_scalar(
                    "SELECT EXISTS (SELECT 1 FROM case_messages
                                WHERE chat_id = ? AND media_group = ? AND message_id < ?)",
                )
                .bind(chat_id)
                .bind(group)
                .bind(message_id)
                .fetch_one(self.pool())
                .await?
            }
            None => false,
        };
        // Once per message: Telegram may deliver the same update again after a crash.
        self.writing(
            sqlx::query(
                "INSERT INTO case_messages (case_id, chat_id, message_id, created_at, media_group)
             SELECT ?1, ?2, ?3, ?4, ?5 WHERE NOT EXISTS
               (SELECT 1 FROM case_messages WHERE chat_id = ?2 AND message_id = ?3)",
            )
            .bind(case_id)
            .bind(chat_id)
            .bind(message_id)
            .bind(now)
            .bind(media_group)
            .execute(self.pool()),
        )
        .await?;
        Ok(!album_seen)
    }

    /// The requester's messages kept before the claim, in order: (chat, message id, album).
    pub async fn case_messages(&self, case_id: i64) -> Result<Vec<(i64, i32, Option<String>)>> {
        Ok(sqlx::query_as(
            "SELECT chat_id, message_id, media_group FROM case_messages
             WHERE case_id = ? ORDER BY id",
        )
        .bind(case_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// The case a relayed copy (or a case card) in a staff chat belongs to.
    pub async fn case_of_message(&self, chat_id: i64, message_id: i32) -> Result<Option<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT case_id FROM relay_map WHERE chat_id = ? AND message_id = ?
             UNION ALL SELECT case_id FROM case_cards WHERE chat_id = ? AND message_id = ? LIMIT 1",
        )
        .bind(chat_id)
        .bind(message_id)
        .bind(chat_id)
        .bind(message_id)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Where the case's cards are: (chat, message id).
    pub async fn cards_of(&self, case_id: i64) -> Result<Vec<(i64, i32)>> {
        Ok(
            sqlx::query_as("SELECT chat_id, message_id FROM case_cards WHERE case_id = ?")
                .bind(case_id)
                .fetch_all(self.pool())
                .await?,
        )
    }

    /// Unclaimed cases with how long they wait and how often they were escalated:
    /// (case, priority, waiting since, escalations).
    pub async fn unclaimed_for_escalation(&self) -> Result<Vec<(i64, String, i64, i64)>> {
        Ok(sqlx::query_as(
            "SELECT id, priority, updated_at, escalations FROM cases WHERE status = 'open' AND escalations < 2",
        )
        .fetch_all(self.pool())
        .await?)
    }
}

/// The writes of casework, each inside the caller's transaction (with the notifications it
/// causes: see [`WriteTx`]).
impl WriteTx {
    /// Claims a case for a volunteer with fewer than `limit` open cases, in one transaction.
    pub async fn claim_case(
        &mut self,
        case_id: i64,
        volunteer_id: i64,
        limit: i64,
        now: i64,
    ) -> Result<ClaimOutcome> {
        let current: Option<(String, Option<i64>)> =
            sqlx::query_as("SELECT status, volunteer_id FROM cases WHERE id = ?")
                .bind(case_id)
                .fetch_optional(&mut **self)
                .await?;
        let outcome = match current {
            None => ClaimOutcome::NotFound,
            Some((status, _)) if status == "closed" => ClaimOutcome::Closed,
            Some((status, owner)) if status == "claimed" => ClaimOutcome::Taken {
                by_me: owner == Some(volunteer_id),
            },
            Some(_) => {
                let load: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM cases WHERE volunteer_id = ? AND status = 'claimed'",
                )
                .bind(volunteer_id)
                .fetch_one(&mut **self)
                .await?;
                if load >= limit {
                    ClaimOutcome::AtCapacity { limit }
                } else {
                    let raw: RawCase = sqlx::query_as(&format!(
                        "UPDATE cases SET status = 'claimed', volunteer_id = ?, claimed_at = ?, updated_at = ?
                         WHERE id = ? AND status = 'open' RETURNING {CASE_COLUMNS}"
                    ))
                    .bind(volunteer_id)
                    .bind(now)
                    .bind(now)
                    .bind(case_id)
                    .fetch_one(&mut **self)
                    .await?;
                    ClaimOutcome::Claimed(Box::new(case_from(raw)?))
                }
            }
        };
        Ok(outcome)
    }

    /// Moves a claimed case from `from` to `to` (the code word stays: the person knows it);
    /// `None` if it is not claimed by `from` any more.
    pub async fn transfer_case(
        &mut self,
        case_id: i64,
        from: i64,
        to: i64,
        now: i64,
    ) -> Result<Option<CaseRow>> {
        let raw: Option<RawCase> = sqlx::query_as(&format!(
            "UPDATE cases SET volunteer_id = ?, claimed_at = ?, updated_at = ?,
                 last_volunteer_message_at = NULL, stale_flagged_at = NULL
             WHERE id = ? AND status = 'claimed' AND volunteer_id = ? RETURNING {CASE_COLUMNS}"
        ))
        .bind(to)
        .bind(now)
        .bind(now)
        .bind(case_id)
        .bind(from)
        .fetch_optional(&mut **self)
        .await?;
        raw.map(case_from).transpose()
    }

    /// A case back in the queue loses its team: the next volunteer builds their own.
    pub async fn clear_team(&mut self, case_id: i64) -> Result<()> {
        sqlx::query("DELETE FROM case_team WHERE case_id = ?")
            .bind(case_id)
            .execute(&mut **self)
            .await?;
        Ok(())
    }

    /// Back to the queue, notes kept: the case as it is now, or `None` if it was not claimed
    /// by `by` (a supervisor passes `None` to release anyone's).
    pub async fn release_case(
        &mut self,
        case_id: i64,
        by: Option<i64>,
        now: i64,
    ) -> Result<Option<CaseRow>> {
        let raw: Option<RawCase> = sqlx::query_as(&format!(
            "UPDATE cases SET status = 'open', volunteer_id = NULL, claimed_at = NULL, escalations = 0, updated_at = ?,
                 code_word = NULL
             WHERE id = ? AND status = 'claimed' AND (? IS NULL OR volunteer_id = ?) RETURNING {CASE_COLUMNS}"
        ))
        .bind(now)
        .bind(case_id)
        .bind(by)
        .bind(by)
        .fetch_optional(&mut **self)
        .await?;
        let released = raw.map(case_from).transpose()?;
        if released.is_some() {
            self.clear_team(case_id).await?;
        }
        Ok(released)
    }

    /// Closes a case with an outcome; the closed case, or `None` if it was already closed.
    pub async fn close_case(
        &mut self,
        case_id: i64,
        outcome: &str,
        now: i64,
    ) -> Result<Option<CaseRow>> {
        let raw: Option<RawCase> = sqlx::query_as(&format!(
            "UPDATE cases SET status = 'closed', outcome = ?, closed_at = ?, updated_at = ?
             WHERE id = ? AND status <> 'closed' RETURNING {CASE_COLUMNS}"
        ))
        .bind(outcome)
        .bind(now)
        .bind(now)
        .bind(case_id)
        .fetch_optional(&mut **self)
        .await?;
        raw.map(case_from).transpose()
    }

    /// Opens a closed case again for the volunteer who closed it (the person wrote to them
    /// again within a week); `None` if it is not closed or no longer the person's.
    pub async fn reopen_case(
        &mut self,
        case_id: i64,
        requester_id: i64,
        now: i64,
    ) -> Result<Option<CaseRow>> {
        let raw: Option<RawCase> = sqlx::query_as(&format!(
            "UPDATE cases SET status = 'claimed', outcome = NULL, closed_at = NULL, updated_at = ?1,
                 claimed_at = ?1, last_checkin_at = ?1, last_volunteer_message_at = ?1,
                 stale_flagged_at = NULL
             WHERE id = ?2 AND requester_id = ?3 AND status = 'closed' AND volunteer_id IS NOT NULL
               AND purged_at IS NULL
             RETURNING {CASE_COLUMNS}"
        ))
        .bind(now)
        .bind(case_id)
        .bind(requester_id)
        .fetch_optional(&mut **self)
        .await?;
        raw.map(case_from).transpose()
    }

    /// Adds (or changes the role of) a team member; `true` if they were not in the team.
    pub async fn add_to_team(
        &mut self,
        case_id: i64,
        member: i64,
        role: &str,
        by: i64,
        now: i64,
    ) -> Result<bool> {
        let existed: Option<i64> = sqlx::query_scalar(
            "SELECT member_id FROM case_team WHERE case_id = ? AND member_id = ?",
        )
        .bind(case_id)
        .bind(member)
        .fetch_optional(&mut **self)
        .await?;
        sqlx::query(
            "INSERT INTO case_team (case_id, member_id, role, added_by, added_at) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (case_id, member_id) DO UPDATE SET role = excluded.role",
        )
        .bind(case_id)
        .bind(member)
        .bind(role)
        .bind(by)
        .bind(now)
        .execute(&mut **self)
        .await?;
        Ok(existed.is_none())
    }

    pub async fn remove_from_team(&mut self, case_id: i64, member: i64) -> Result<bool> {
        let done = sqlx::query("DELETE FROM case_team WHERE case_id = ? AND member_id = ?")
            .bind(case_id)
            .bind(member)
            .execute(&mut **self)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Asks the person about a referral; its id, or `None` while the same question is open.
    pub async fn ask_referral(
        &mut self,
        case_id: i64,
        partner: &str,
        by: i64,
        now: i64,
    ) -> Result<Option<i64>> {
        let open: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM referrals WHERE case_id = ? AND partner = ? AND answer IS NULL",
        )
        .bind(case_id)
        .bind(partner)
        .fetch_optional(&mut **self)
        .await?;
        if open.is_some() {
            return Ok(None);
        }
        let id = sqlx::query_scalar(
            "INSERT INTO referrals (case_id, partner, asked_by, asked_at) VALUES (?, ?, ?, ?)
             RETURNING id",
        )
        .bind(case_id)
        .bind(partner)
        .bind(by)
        .bind(now)
        .fetch_one(&mut **self)
        .await?;
        Ok(Some(id))
    }

    /// The person's answer, kept once: `false` if it was answered before.
    pub async fn answer_referral(&mut self, id: i64, agree: bool, now: i64) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE referrals SET answer = ?, answered_at = ? WHERE id = ? AND answer IS NULL",
        )
        .bind(if agree { "yes" } else { "no" })
        .bind(now)
        .bind(id)
        .execute(&mut **self)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The word the person and the volunteer share, set at the claim.
    pub async fn set_code_word(&mut self, case_id: i64, word: &str) -> Result<()> {
        sqlx::query("UPDATE cases SET code_word = ? WHERE id = ?")
            .bind(word)
            .bind(case_id)
            .execute(&mut **self)
            .await?;
        Ok(())
    }

    pub async fn add_note(
        &mut self,
        case_id: i64,
        author_id: i64,
        text: &str,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO case_notes (case_id, author_id, text, created_at) VALUES (?, ?, ?, ?)",
        )
        .bind(case_id)
        .bind(author_id)
        .bind(text)
        .bind(now)
        .execute(&mut **self)
        .await?;
        Ok(())
    }

    /// The volunteer wrote to the requester.
    pub async fn touch_volunteer_message(&mut self, case_id: i64, now: i64) -> Result<()> {
        sqlx::query(
            "UPDATE cases SET last_volunteer_message_at = ?, stale_flagged_at = NULL WHERE id = ?",
        )
        .bind(now)
        .bind(case_id)
        .execute(&mut **self)
        .await?;
        Ok(())
    }

    /// Records escalation number `n`; `false` if another tick already did.
    pub async fn mark_escalated(&mut self, case_id: i64, n: i64) -> Result<bool> {
        let done =
            sqlx::query("UPDATE cases SET escalations = ? WHERE id = ? AND escalations = ? - 1")
                .bind(n)
                .bind(case_id)
                .bind(n)
                .execute(&mut **self)
                .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Claimed cases whose volunteer has written nothing to the requester since `before`, not
    /// flagged yet; each is marked flagged. Returns (case, volunteer).
    pub async fn take_silent_claims(&mut self, before: i64, now: i64) -> Result<Vec<(i64, i64)>> {
        Ok(sqlx::query_as(
            "UPDATE cases SET stale_flagged_at = ?
             WHERE status = 'claimed' AND stale_flagged_at IS NULL
               AND COALESCE(last_volunteer_message_at, claimed_at) <= ?
             RETURNING id, volunteer_id",
        )
        .bind(now)
        .bind(before)
        .fetch_all(&mut **self)
        .await?)
    }

    /// Cases not closed whose requester was last checked on (or who asked) before `before`;
    /// each is marked checked now. Returns (case, requester, language).
    pub async fn take_checkins(
        &mut self,
        before: i64,
        now: i64,
    ) -> Result<Vec<(i64, i64, String)>> {
        Ok(sqlx::query_as(
            "UPDATE cases SET last_checkin_at = ?
             WHERE status <> 'closed' AND requester_id IS NOT NULL
               AND COALESCE(last_checkin_at, created_at) <= ?
             RETURNING id, requester_id, language",
        )
        .bind(now)
        .bind(before)
        .fetch_all(&mut **self)
        .await?)
    }

    /// Moves a case's priority (a check-in answer re-ranks it); resets its escalation clock.
    pub async fn set_priority(&mut self, case_id: i64, priority: &str, now: i64) -> Result<()> {
        sqlx::query("UPDATE cases SET priority = ?, escalations = 0, updated_at = ? WHERE id = ? AND status = 'open'")
            .bind(priority)
            .bind(now)
            .bind(case_id)
            .execute(&mut **self)
            .await?;
        Ok(())
    }
}

impl Db {
    /// [`WriteTx::claim_case`] in a transaction of its own (no notifications).
    pub async fn claim_case(
        &self,
        case_id: i64,
        volunteer_id: i64,
        limit: i64,
        now: i64,
    ) -> Result<ClaimOutcome> {
        let mut tx = self.begin().await?;
        let outcome = tx.claim_case(case_id, volunteer_id, limit, now).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    /// [`WriteTx::close_case`] in a transaction of its own (no notifications); `false` if it
    /// was already closed.
    pub async fn close_case(&self, case_id: i64, outcome: &str, now: i64) -> Result<bool> {
        let mut tx = self.begin().await?;
        let closed = tx.close_case(case_id, outcome, now).await?;
        tx.commit().await?;
        Ok(closed.is_some())
    }

    /// [`WriteTx::add_note`] in a transaction of its own.
    pub async fn add_note(&self, case_id: i64, author_id: i64, text: &str, now: i64) -> Result<()> {
        let mut tx = self.begin().await?;
        tx.add_note(case_id, author_id, text, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// [`WriteTx::touch_volunteer_message`] in a transaction of its own.
    pub async fn touch_volunteer_message(&self, case_id: i64, now: i64) -> Result<()> {
        let mut tx = self.begin().await?;
        tx.touch_volunteer_message(case_id, now).await?;
        tx.commit().await?;
        Ok(())
    }
}
