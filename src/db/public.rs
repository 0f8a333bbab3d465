//! The network's public chats: members as far as the guard needs them, the ids of recent
//! posts (never their text), members' reports, and the bridge's once-an-hour rule.

use super::{Db, Result, WriteTx};
use crate::guard::Author;

/// How long post ids and reports are kept: Telegram lets a bot delete a message for 48 h.
pub const POSTS_KEPT_SECS: i64 = 48 * 3600;

/// Reports one member may send in a day.
pub const REPORTS_PER_DAY: i64 = 10;

/// What a report did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reported {
    /// The first report of this post: it goes to review.
    First,
    /// Counted: this many distinct members have reported it now.
    Again(i64),
    /// This member reported this post before.
    Already,
    /// This member has sent [`REPORTS_PER_DAY`] reports today.
    OverLimit,
}

impl Db {
    /// What the guard needs to know of a post's author (one read).
    pub async fn public_author(&self, user_id: i64, supervisor_in_config: bool) -> Result<Author> {
        let row: (bool, bool, Option<bool>, Option<i64>, Option<i64>) = sqlx::query_as(
            "SELECT
                 EXISTS (SELECT 1 FROM bans WHERE telegram_id = ?1),
                 EXISTS (SELECT 1 FROM volunteers WHERE telegram_id = ?1)
                     OR EXISTS (SELECT 1 FROM supervisors WHERE telegram_id = ?1),
                 (SELECT trusted FROM public_members WHERE telegram_id = ?1),
                 (SELECT messages FROM public_members WHERE telegram_id = ?1),
                 (SELECT joined_at FROM public_members WHERE telegram_id = ?1)",
        )
        .bind(user_id)
        .fetch_one(self.pool())
        .await?;
        let (banned, staff, trusted, messages, joined_at) = row;
        Ok(Author {
            banned,
            staff: staff || supervisor_in_config,
            trusted: trusted.unwrap_or(false),
            messages_before: messages.unwrap_or(0),
            joined_at,
        })
    }

    /// Which of these (kind, hash) pairs are on the blocklist: one query for all of them.
    pub async fn blocked_any(&self, hashes: &[(String, String)]) -> Result<Vec<(String, String)>> {
        let mut found = Vec::new();
        for chunk in hashes.chunks(400) {
            let marks = vec!["(?, ?)"; chunk.len()].join(", ");
            let sql =
                format!("SELECT kind, hash FROM blocklist WHERE (kind, hash) IN (VALUES {marks})");
            let mut query = sqlx::query_as::<_, (String, String)>(&sql);
            for (kind, hash) in chunk {
                query = query.bind(kind).bind(hash);
            }
            found.extend(query.fetch_all(self.pool()).await?);
        }
        Ok(found)
    }

    /// The author of a recent post, if the bot saw it.
    pub async fn post_author(&self, chat_id: i64, message_id: i32) -> Result<Option<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT author_id FROM public_posts WHERE chat_id = ? AND message_id = ?",
        )
        .bind(chat_id)
        .bind(message_id)
        .fetch_optional(self.pool())
        .await?)
    }

    /// A member's recent posts (chat, message), for deleting them after a ban.
    pub async fn recent_posts_of(&self, author_id: i64) -> Result<Vec<(i64, i32)>> {
        Ok(sqlx::query_as(
            "SELECT chat_id, message_id FROM public_posts WHERE author_id = ? ORDER BY at",
        )
        .bind(author_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Forgets post ids and reports older than [`POSTS_KEPT_SECS`].
    pub async fn purge_public_posts(&self, now: i64) -> Result<u64> {
        let mut tx = self.begin().await?;
        let cutoff = now - POSTS_KEPT_SECS;
        let posts = sqlx::query("DELETE FROM public_posts WHERE at <= ?")
            .bind(cutoff)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        sqlx::query("DELETE FROM post_reports WHERE at <= ?")
            .bind(cutoff)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM bridge_replies WHERE at <= ?")
            .bind(now - 3600)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(posts)
    }

    /// Counts for `/stats` from the audit log: (action detail or action, count) of the
    /// guard's work.
    pub async fn guard_counts(&self) -> Result<Vec<(String, String, i64)>> {
        Ok(sqlx::query_as(
            "SELECT action, COALESCE(detail, ''), COUNT(*) FROM audit_log
             WHERE action IN ('guard_delete', 'guard_hold', 'guard_ban', 'ban',
                              'post_report', 'bridge_reply')
             GROUP BY action, detail ORDER BY action, detail",
        )
        .fetch_all(self.pool())
        .await?)
    }

    /// Cases whose person came through the bridge's link.
    pub async fn cases_from_chats(&self) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE source = 'chat'")
                .fetch_one(self.pool())
                .await?,
        )
    }
}

impl WriteTx {
    /// A post seen: its ids, and (`counted`: it passed the guard) one more message of its
    /// author. Held or deleted posts do not count, or three held links would make a troll
    /// a regular.
    pub async fn record_post(
        &mut self,
        chat_id: i64,
        message_id: i32,
        author_id: i64,
        counted: bool,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT OR IGNORE INTO public_posts (chat_id, message_id, author_id, at)
             VALUES (?, ?, ?, ?)",
        )
        .bind(chat_id)
        .bind(message_id)
        .bind(author_id)
        .bind(now)
        .execute(&mut **self)
        .await?;
        if counted {
            sqlx::query(
                "INSERT INTO public_members (telegram_id, messages, updated_at) VALUES (?1, 1, ?2)
                 ON CONFLICT (telegram_id) DO UPDATE SET messages = messages + 1, updated_at = ?2",
            )
            .bind(author_id)
            .bind(now)
            .execute(&mut **self)
            .await?;
        }
        Ok(())
    }

    /// A member joined a public chat now.
    pub async fn member_joined(&mut self, user_id: i64, now: i64) -> Result<()> {
        sqlx::query(
            "INSERT INTO public_members (telegram_id, joined_at, updated_at) VALUES (?1, ?2, ?2)
             ON CONFLICT (telegram_id) DO UPDATE SET joined_at = ?2, updated_at = ?2",
        )
        .bind(user_id)
        .bind(now)
        .execute(&mut **self)
        .await?;
        Ok(())
    }

    /// A supervisor trusts this member: the newcomer rule no longer applies to them.
    pub async fn trust_member(&mut self, user_id: i64, now: i64) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO public_members (telegram_id, trusted, updated_at) VALUES (?1, 1, ?2)
             ON CONFLICT (telegram_id) DO UPDATE SET trusted = 1, updated_at = ?2
             WHERE trusted = 0",
        )
        .bind(user_id)
        .bind(now)
        .execute(&mut **self)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// A member's report of a post.
    pub async fn report_post(
        &mut self,
        chat_id: i64,
        message_id: i32,
        reporter_id: i64,
        author_id: i64,
        now: i64,
    ) -> Result<Reported> {
        let today: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM post_reports WHERE reporter_id = ? AND at > ?",
        )
        .bind(reporter_id)
        .bind(now - 86_400)
        .fetch_one(&mut **self)
        .await?;
        if today >= REPORTS_PER_DAY {
            return Ok(Reported::OverLimit);
        }
        let added = sqlx::query(
            "INSERT OR IGNORE INTO post_reports (chat_id, message_id, reporter_id, author_id, at)
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(chat_id)
        .bind(message_id)
        .bind(reporter_id)
        .bind(author_id)
        .bind(now)
        .execute(&mut **self)
        .await?
        .rows_affected();
        if added == 0 {
            return Ok(Reported::Already);
        }
        let reporters: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM post_reports WHERE chat_id = ? AND message_id = ?",
        )
        .bind(chat_id)
        .bind(message_id)
        .fetch_one(&mut **self)
        .await?;
        Ok(if reporters == 1 {
            Reported::First
        } else {
            Reported::Again(reporters)
        })
    }

    /// A supervisor dismissed the reports of a post.
    pub async fn dismiss_reports(&mut self, chat_id: i64, message_id: i32) -> Result<u64> {
        Ok(
            sqlx::query("DELETE FROM post_reports WHERE chat_id = ? AND message_id = ?")
                .bind(chat_id)
                .bind(message_id)
                .execute(&mut **self)
                .await?
                .rows_affected(),
        )
    }

    /// The bridge may answer this person now: `false` if it did within the last hour.
    pub async fn take_bridge_turn(&mut self, user_id: i64, now: i64) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO bridge_replies (telegram_id, at) VALUES (?1, ?2)
             ON CONFLICT (telegram_id) DO UPDATE SET at = ?2 WHERE at <= ?2 - 3600",
        )
        .bind(user_id)
        .bind(now)
        .execute(&mut **self)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
