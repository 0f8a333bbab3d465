//! People the bot knows: their language (and later, their role).

use super::{Db, Result};
use crate::i18n::Lang;

impl Db {
    /// The language a person chose or was given at consent; `None` if we store nothing of them.
    pub async fn language_of(&self, user_id: i64) -> Result<Option<Lang>> {
        let code: Option<String> =
            sqlx::query_scalar("SELECT language FROM users WHERE telegram_id = ?")
                .bind(user_id)
                .fetch_optional(self.pool())
                .await?;
        Ok(code.and_then(|c| Lang::from_code(&c)))
    }

    /// Changes the language of a person we already store; `false` if we store nothing of them
    /// (before consent nothing is written).
    pub async fn set_language(&self, user_id: i64, lang: Lang, now: i64) -> Result<bool> {
        let done =
            sqlx::query("UPDATE users SET language = ?, updated_at = ? WHERE telegram_id = ?")
                .bind(lang.code())
                .bind(now)
                .bind(user_id)
                .execute(self.pool())
                .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Staff (supervisors) are stored when they first talk to the bot, with their language.
    pub async fn upsert_staff(&self, user_id: i64, role: &str, lang: Lang, now: i64) -> Result<()> {
        sqlx::query(
            "INSERT INTO users (telegram_id, language, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (telegram_id) DO UPDATE SET role = excluded.role, updated_at = excluded.updated_at",
        )
        .bind(user_id)
        .bind(lang.code())
        .bind(role)
        .bind(now)
        .bind(now)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The person wrote again: notifications to them may be delivered again.
    pub async fn mark_reachable(&self, user_id: i64) -> Result<()> {
        sqlx::query("UPDATE users SET unreachable = 0 WHERE telegram_id = ? AND unreachable = 1")
            .bind(user_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
