//! Erasure: `/forget` (everything about one person, at once) and retention (the personal fields
//! of cases closed longer than the retention period, abandoned surveys, idle people).
//!
//! What a case keeps after either: its number, priority, status, outcome, the volunteer who
//! handled it, whether it was verified or flagged, and its times, for anonymous counts. What
//! goes: the requester's Telegram id, the answers, the triage reasons (derived from the answers:
//! health, children, mobility), the supervisors' free text on it (verification note, flag
//! reason: a flag stays a flag, with an empty reason), its internal notes, the ids of the
//! requester's messages, the relayed copies' mapping, its cards and every queued or sent
//! notification about it. `/forget` also clears the case's language and region; retention keeps
//! those two (coarse, what `/stats` breaks counts down by; a region or a language alone names
//! nobody).
//!
//! Kept on purpose after `/forget`: a ban (`bans` row). A banned troll must not escape the ban
//! by asking to be forgotten; the ban holds the id, the reason and (0 or) who banned. The
//! fake-data blocklist holds hashes of values, not ids, and stays too.
//!
//! The audit log is append-only; erasure only replaces the person's id with the placeholder 0
//! (the triggers allow exactly that) and appends a `forget` row with actor 0. The `detail`
//! column cannot be changed, so it must never hold an id.
//!
//! Every connection has `secure_delete` on, so deleted and overwritten cells are zeroed in their
//! pages. That is not enough: a table keyed by Telegram id (users, survey_state) keeps the ids
//! of some rows as divider keys in its interior pages, and a deleted row's divider stays. So
//! [`Db::scrub_files`] rebuilds the file (VACUUM) and then truncates the WAL, which held every
//! earlier version of the changed pages.

use super::{AuditAction, Db, Result, WriteTx};

/// What `/forget` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Erased {
    /// The person's cases (now closed, anonymous).
    pub cases: Vec<i64>,
    /// (case, volunteer) for each case that was claimed and not closed: the volunteer is told.
    pub withdrawn: Vec<(i64, i64)>,
    /// The person's open case that was withdrawn (claimed or not), if any.
    pub open_case: Option<i64>,
    /// Cases the person had claimed as staff, back in the queue (to announce again).
    pub released: Vec<i64>,
    /// The bot's messages about the erased cases in other people's chats (relayed copies,
    /// details, cards, alerts): (chat, message id), to delete from Telegram where it still can.
    pub staff_messages: Vec<(i64, i32)>,
}

/// What one retention pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Purged {
    pub cases: usize,
    pub surveys: usize,
    pub people: usize,
}

impl Purged {
    pub fn anything(&self) -> bool {
        self.cases + self.surveys + self.people > 0
    }
}

/// Whether anything is stored that names this person (a ban does not count: it stays).
const STORED_ABOUT: &str = "SELECT
       EXISTS (SELECT 1 FROM users WHERE telegram_id = ?1)
    OR EXISTS (SELECT 1 FROM survey_state WHERE telegram_id = ?1)
    OR EXISTS (SELECT 1 FROM cases WHERE requester_id = ?1 OR volunteer_id = ?1 OR verified_by = ?1)
    OR EXISTS (SELECT 1 FROM case_messages WHERE chat_id = ?1)
    OR EXISTS (SELECT 1 FROM relay_map WHERE chat_id = ?1)
    OR EXISTS (SELECT 1 FROM case_cards WHERE chat_id = ?1)
    OR EXISTS (SELECT 1 FROM case_notes WHERE author_id = ?1)
    OR EXISTS (SELECT 1 FROM outbox WHERE chat_id = ?1)
    OR EXISTS (SELECT 1 FROM flood WHERE telegram_id = ?1)
    OR EXISTS (SELECT 1 FROM volunteers WHERE telegram_id = ?1 OR added_by = ?1)
    OR EXISTS (SELECT 1 FROM supervisors WHERE telegram_id = ?1 OR added_by = ?1)
    OR EXISTS (SELECT 1 FROM bans WHERE banned_by = ?1)
    OR EXISTS (SELECT 1 FROM blocklist WHERE added_by = ?1)
    OR EXISTS (SELECT 1 FROM audit_log WHERE actor_id = ?1)
    OR EXISTS (SELECT 1 FROM audit_log WHERE subject_id = ?1)
    OR EXISTS (SELECT 1 FROM public_members WHERE telegram_id = ?1)
    OR EXISTS (SELECT 1 FROM public_posts WHERE author_id = ?1)
    OR EXISTS (SELECT 1 FROM post_reports WHERE reporter_id = ?1 OR author_id = ?1)
    OR EXISTS (SELECT 1 FROM bridge_replies WHERE telegram_id = ?1)
    OR EXISTS (SELECT 1 FROM journey_questions WHERE telegram_id = ?1)
    OR EXISTS (SELECT 1 FROM case_team WHERE member_id = ?1 OR added_by = ?1)
    OR EXISTS (SELECT 1 FROM resource_drafts WHERE supervisor_id = ?1)
    OR EXISTS (SELECT 1 FROM resources WHERE verified_by = ?1)
    OR EXISTS (SELECT 1 FROM case_resources WHERE sent_by = ?1)
    OR EXISTS (SELECT 1 FROM referrals WHERE asked_by = ?1)";

/// Tables whose rows belong to one case (`case_id`): they go with the case's personal data.
const CASE_CHILDREN: [&str; 8] = [
    "case_notes",
    "case_messages",
    "relay_map",
    "case_cards",
    "outbox",
    "case_team",
    "referrals",
    "journey_questions",
];

impl Db {
    /// The `/forget` question was sent as message `message_id`: only a press on that message,
    /// before `expires_at`, answers it (a newer question replaces an older one).
    pub async fn ask_confirmation(
        &self,
        user_id: i64,
        message_id: i32,
        expires_at: i64,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query(
            "INSERT INTO confirmations (telegram_id, message_id, expires_at) VALUES (?, ?, ?)
             ON CONFLICT (telegram_id) DO UPDATE SET message_id = excluded.message_id,
                                                     expires_at = excluded.expires_at",
        )
        .bind(user_id)
        .bind(message_id)
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A press on message `message_id` answers the open question: `true` once, if it is the
    /// message that asked and it has not expired (the question is closed either way).
    pub async fn take_confirmation(&self, user_id: i64, message_id: i32, now: i64) -> Result<bool> {
        let mut tx = self.begin().await?;
        let asked: Option<(i32, i64)> = sqlx::query_as(
            "DELETE FROM confirmations WHERE telegram_id = ? AND message_id = ?
             RETURNING message_id, expires_at",
        )
        .bind(user_id)
        .bind(message_id)
        .fetch_optional(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(asked.is_some_and(|(_, expires_at)| expires_at > now))
    }

    /// Whether `/forget` would find anything to erase for this person.
    pub async fn stored_about(&self, user_id: i64) -> Result<bool> {
        Ok(sqlx::query_scalar(STORED_ABOUT)
            .bind(user_id)
            .fetch_one(self.pool())
            .await?)
    }

    /// The person's open (not closed) case, if any: what `/forget` would withdraw.
    pub async fn case_to_withdraw(&self, user_id: i64) -> Result<Option<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT id FROM cases WHERE requester_id = ? AND status <> 'closed' LIMIT 1",
        )
        .bind(user_id)
        .fetch_optional(self.pool())
        .await?)
    }

    /// [`WriteTx::erase_person`] in a transaction of its own (no notifications).
    pub async fn erase_person(&self, user_id: i64, now: i64) -> Result<Option<Erased>> {
        let mut tx = self.begin().await?;
        let erased = tx.erase_person(user_id, now).await?;
        tx.commit().await?;
        Ok(erased)
    }

    /// Whether a retention pass has anything to do: one read, no lock. `cutoff` is
    /// `now - retention`.
    pub async fn retention_due(&self, cutoff: i64) -> Result<bool> {
        Ok(sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM cases
                             WHERE status = 'closed' AND purged_at IS NULL AND closed_at <= ?1)
                 OR EXISTS (SELECT 1 FROM survey_state WHERE updated_at <= ?1)
                 OR EXISTS (SELECT 1 FROM public_members WHERE trusted = 0 AND updated_at <= ?1)
                 OR EXISTS (SELECT 1 FROM users
                             WHERE role = 'requester' AND updated_at <= ?1
                               AND telegram_id NOT IN
                                   (SELECT requester_id FROM cases WHERE requester_id IS NOT NULL)
                               AND telegram_id NOT IN (SELECT telegram_id FROM survey_state))",
        )
        .bind(cutoff)
        .fetch_one(self.pool())
        .await?)
    }

    /// Retention, in one write transaction: closed cases with `closed_at <= cutoff` lose their
    /// personal fields; surveys untouched since `cutoff` are deleted; requesters with no case
    /// left, no survey and no activity since `cutoff` are forgotten (audit ids to 0).
    pub async fn purge_expired(&self, cutoff: i64, now: i64) -> Result<Purged> {
        let mut tx = self.begin().await?;
        let due = "SELECT id FROM cases
                    WHERE status = 'closed' AND purged_at IS NULL AND closed_at <= ?1";
        for table in CASE_CHILDREN {
            sqlx::query(&format!("DELETE FROM {table} WHERE case_id IN ({due})"))
                .bind(cutoff)
                .execute(&mut *tx)
                .await?;
        }
        let cases = sqlx::query(
            "UPDATE cases SET requester_id = NULL, answers = '{}', reasons = '[]',
                 verify_note = NULL, code_word = NULL,
                 flag_reason = CASE WHEN flag_reason IS NULL THEN NULL ELSE '' END,
                 purged_at = ?2
             WHERE status = 'closed' AND purged_at IS NULL AND closed_at <= ?1",
        )
        .bind(cutoff)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected() as usize;
        // Public-chat members not seen for the retention period (a trust a supervisor gave
        // stays: it is a decision about the member, and /forget erases it).
        sqlx::query("DELETE FROM public_members WHERE trusted = 0 AND updated_at <= ?")
            .bind(cutoff)
            .execute(&mut *tx)
            .await?;
        let surveys = sqlx::query("DELETE FROM survey_state WHERE updated_at <= ?")
            .bind(cutoff)
            .execute(&mut *tx)
            .await?
            .rows_affected() as usize;
        let idle: Vec<i64> = sqlx::query_scalar(
            "DELETE FROM users
              WHERE role = 'requester' AND updated_at <= ?1
                AND telegram_id NOT IN
                    (SELECT requester_id FROM cases WHERE requester_id IS NOT NULL)
                AND telegram_id NOT IN (SELECT telegram_id FROM survey_state)
              RETURNING telegram_id",
        )
        .bind(cutoff)
        .fetch_all(&mut *tx)
        .await?;
        for &person in &idle {
            sqlx::query("DELETE FROM outbox WHERE chat_id = ?")
                .bind(person)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM case_messages WHERE chat_id = ?")
                .bind(person)
                .execute(&mut *tx)
                .await?;
            anonymize_audit(&mut tx, person).await?;
        }
        tx.commit().await?;
        Ok(Purged {
            cases,
            surveys,
            people: idle.len(),
        })
    }

    /// After an erasure: rebuilds the database file (VACUUM) so no old copy of an erased value
    /// survives in a free page, a page's free space or an interior page's divider key, then
    /// truncates the WAL. `vacuum: false` only truncates the WAL.
    pub async fn scrub_files(&self, vacuum: bool) -> Result<()> {
        if vacuum {
            sqlx::query("VACUUM")
                .persistent(false)
                .execute(self.pool())
                .await?;
        }
        self.checkpoint_truncate().await
    }

    /// `PRAGMA wal_checkpoint(TRUNCATE)`: every page back in the database file and the WAL
    /// file cut to zero bytes. Retried a few times while a reader holds an old snapshot.
    pub async fn checkpoint_truncate(&self) -> Result<()> {
        for attempt in 0..5 {
            let (busy, _, _): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
                .persistent(false)
                .fetch_one(self.pool())
                .await?;
            if busy == 0 {
                return Ok(());
            }
            tokio::time::sleep(std::time::Duration::from_millis(50 << attempt)).await;
        }
        tracing::warn!("the WAL could not be truncated: a reader kept an old snapshot");
        Ok(())
    }
}

/// The audit log keeps what was done, with 0 in place of the person.
async fn anonymize_audit(tx: &mut WriteTx, person: i64) -> Result<()> {
    sqlx::query("UPDATE audit_log SET actor_id = 0 WHERE actor_id = ?")
        .bind(person)
        .execute(&mut **tx)
        .await?;
    sqlx::query("UPDATE audit_log SET subject_id = 0 WHERE subject_id = ?")
        .bind(person)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Notifications to others that name the person by id ("Volunteer 123 is added", "123 is
/// banned"): the id as a whole number, not as part of a longer one.
async fn delete_outbox_mentioning(tx: &mut WriteTx, person: i64) -> Result<()> {
    let needle = person.to_string();
    let candidates: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, payload, after_sent FROM outbox WHERE instr(payload, ?1) > 0 OR instr(after_sent, ?1) > 0",
    )
    .bind(&needle)
    .fetch_all(&mut **tx)
    .await?;
    for (id, payload, after) in candidates {
        if mentions(&payload, &needle) || mentions(&after, &needle) {
            sqlx::query("DELETE FROM outbox WHERE id = ?")
                .bind(id)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}

/// Whether `number` occurs in `text` with no digit right before or after it.
fn mentions(text: &str, number: &str) -> bool {
    let bytes = text.as_bytes();
    text.match_indices(number).any(|(at, _)| {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(at + number.len()).copied();
        !before.is_some_and(|b| b.is_ascii_digit() || b == b'-')
            && !after.is_some_and(|b| b.is_ascii_digit())
    })
}

impl WriteTx {
    /// `/forget`: erases everything stored about `user_id`, in the caller's transaction (with what it causes to be sent). `None`
    /// if nothing was stored (nothing is written then).
    pub async fn erase_person(&mut self, user_id: i64, now: i64) -> Result<Option<Erased>> {
        let stored: bool = sqlx::query_scalar(STORED_ABOUT)
            .bind(user_id)
            .fetch_one(&mut **self)
            .await?;
        if !stored {
            return Ok(None);
        }
        let mut erased = Erased::default();

        // Their cases, and who must hear that the claimed ones are withdrawn.
        let cases: Vec<(i64, String, Option<i64>)> = sqlx::query_as(
            "SELECT id, status, volunteer_id FROM cases WHERE requester_id = ? ORDER BY id",
        )
        .bind(user_id)
        .fetch_all(&mut **self)
        .await?;
        for (id, status, volunteer) in &cases {
            erased.cases.push(*id);
            if status != "closed" {
                erased.open_case = Some(*id);
                if let (Some(v), "claimed") = (volunteer, status.as_str()) {
                    erased.withdrawn.push((*id, *v));
                }
            }
        }

        // The bot's messages about those cases elsewhere, before their records go.
        let mine = "SELECT id FROM cases WHERE requester_id = ?1";
        erased.staff_messages = sqlx::query_as(&format!(
            "SELECT chat_id, message_id FROM relay_map WHERE case_id IN ({mine}) AND chat_id <> ?1
             UNION
             SELECT chat_id, message_id FROM case_cards WHERE case_id IN ({mine}) AND chat_id <> ?1
             UNION
             SELECT chat_id, sent_message_id FROM outbox
              WHERE case_id IN ({mine}) AND chat_id <> ?1 AND sent_message_id IS NOT NULL"
        ))
        .bind(user_id)
        .fetch_all(&mut **self)
        .await?;

        // Everything hanging off their cases, and whatever sits in their own chat.
        for table in CASE_CHILDREN {
            sqlx::query(&format!("DELETE FROM {table} WHERE case_id IN ({mine})"))
                .bind(user_id)
                .execute(&mut **self)
                .await?;
        }
        for table in ["case_messages", "relay_map", "case_cards", "outbox"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE chat_id = ?"))
                .bind(user_id)
                .execute(&mut **self)
                .await?;
        }
        delete_outbox_mentioning(self, user_id).await?;

        // The cases stay as anonymous rows: number, priority, status, outcome, times.
        sqlx::query(
            "UPDATE cases SET
                 outcome = CASE WHEN status = 'closed' THEN outcome ELSE 'withdrawn' END,
                 closed_at = CASE WHEN status = 'closed' THEN closed_at ELSE ?2 END,
                 status = 'closed',
                 requester_id = NULL, answers = '{}', reasons = '[]', language = '',
                 region = NULL, verify_note = NULL, code_word = NULL,
                 flag_reason = CASE WHEN flag_reason IS NULL THEN NULL ELSE '' END,
                 purged_at = ?2, updated_at = ?2
             WHERE requester_id = ?1",
        )
        .bind(user_id)
        .bind(now)
        .execute(&mut **self)
        .await?;

        // The person as staff, if they ever were: their claims go back to the queue, their
        // name comes off what they did.
        erased.released = sqlx::query_scalar(
            "UPDATE cases SET status = 'open', volunteer_id = NULL, claimed_at = NULL, code_word = NULL,
                 escalations = 0, updated_at = ?2
             WHERE volunteer_id = ?1 AND status = 'claimed' RETURNING id",
        )
        .bind(user_id)
        .bind(now)
        .fetch_all(&mut **self)
        .await?;
        for sql in [
            "UPDATE cases SET volunteer_id = NULL WHERE volunteer_id = ?1",
            "UPDATE cases SET verified_by = NULL WHERE verified_by = ?1",
            "UPDATE case_notes SET author_id = 0 WHERE author_id = ?1",
            "UPDATE volunteers SET added_by = 0 WHERE added_by = ?1",
            "UPDATE supervisors SET added_by = 0 WHERE added_by = ?1",
            "UPDATE bans SET banned_by = 0 WHERE banned_by = ?1",
            "UPDATE blocklist SET added_by = 0 WHERE added_by = ?1",
            "UPDATE resources SET verified_by = 0 WHERE verified_by = ?1",
            "UPDATE case_resources SET sent_by = 0 WHERE sent_by = ?1",
            "DELETE FROM resource_drafts WHERE supervisor_id = ?1",
            "DELETE FROM public_posts WHERE author_id = ?1",
            "DELETE FROM case_team WHERE member_id = ?1",
            "UPDATE case_team SET added_by = 0 WHERE added_by = ?1",
            "UPDATE referrals SET asked_by = 0 WHERE asked_by = ?1",
            "UPDATE relay_map SET source_chat = NULL, source_message = NULL WHERE source_chat = ?1",
            "DELETE FROM post_reports WHERE reporter_id = ?1 OR author_id = ?1",
        ] {
            sqlx::query(sql).bind(user_id).execute(&mut **self).await?;
        }

        // The person themselves. A ban stays (see the module documentation).
        for table in [
            "survey_state",
            "users",
            "confirmations",
            "flood",
            "volunteers",
            "supervisors",
            "journey_questions",
            "public_members",
            "bridge_replies",
        ] {
            sqlx::query(&format!("DELETE FROM {table} WHERE telegram_id = ?"))
                .bind(user_id)
                .execute(&mut **self)
                .await?;
        }

        anonymize_audit(self, user_id).await?;
        let audited: Vec<Option<i64>> = if erased.cases.is_empty() {
            vec![None]
        } else {
            erased.cases.iter().copied().map(Some).collect()
        };
        for case in audited {
            sqlx::query(
                "INSERT INTO audit_log (at, actor_id, action, case_id, subject_id, detail)
                 VALUES (?, 0, ?, ?, NULL, NULL)",
            )
            .bind(now)
            .bind(AuditAction::Forget.as_str())
            .bind(case)
            .execute(&mut **self)
            .await?;
        }
        Ok(Some(erased))
    }
}

#[cfg(test)]
mod tests {
    use super::mentions;

    #[test]
    fn an_id_is_found_only_as_a_whole_number() {
        assert!(mentions("Volunteer 12345 is added", "12345"));
        assert!(mentions(r#"{"from_chat":12345,"message_id":7}"#, "12345"));
        assert!(!mentions("Volunteer 123456 is added", "12345"));
        assert!(!mentions("#912345", "12345"));
        assert!(!mentions("chat -12345", "12345"));
        assert!(!mentions("nothing here", "12345"));
    }
}
