//! People the bot knows: their language, and what the gate reads of them for every update.

use super::{Db, Result, StoredSurvey};
use crate::i18n::Lang;

/// What the bot knows of the person behind an update, read in one statement before any
/// handler runs (every update needs it: one read instead of five keeps the bot fast).
#[derive(Debug, Clone, Default)]
pub struct Visitor {
    pub banned: bool,
    /// Unix time the flood mute ends (0: never muted).
    pub muted_until: i64,
    /// A notification to them failed with "blocked by the user".
    pub unreachable: bool,
    /// The language they chose, if we store anything of them.
    pub language: Option<Lang>,
    /// This update was applied before (Telegram sends it again after a crash).
    pub seen: bool,
    /// Their unsent survey, if they are filling one in.
    pub survey: Option<StoredSurvey>,
    /// Added as a supervisor in the bot (`/addsupervisor`; those from the config are not here).
    pub supervisor: bool,
    /// On the volunteer roster.
    pub volunteer: bool,
    /// Silent mode: every message to them goes without a sound.
    pub silent: bool,
}

impl Db {
    /// Everything the gate and the handlers need to know of `user_id` for update `update_id`.
    pub async fn visitor(&self, user_id: i64, update_id: i64) -> Result<Visitor> {
        #[allow(clippy::type_complexity)]
        let (
            banned,
            muted_until,
            unreachable,
            language,
            seen,
            survey,
            case_id,
            supervisor,
            volunteer,
            silent,
        ): (
            bool,
            i64,
            bool,
            Option<String>,
            bool,
            Option<String>,
            Option<i64>,
            bool,
            bool,
            bool,
        ) = sqlx::query_as(
            "SELECT EXISTS (SELECT 1 FROM bans WHERE telegram_id = ?1),
                    COALESCE((SELECT muted_until FROM flood WHERE telegram_id = ?1), 0),
                    COALESCE((SELECT unreachable FROM users WHERE telegram_id = ?1), 0),
                    (SELECT language FROM users WHERE telegram_id = ?1),
                    EXISTS (SELECT 1 FROM processed_updates WHERE update_id = ?2),
                    (SELECT state FROM survey_state WHERE telegram_id = ?1),
                    (SELECT case_id FROM survey_state WHERE telegram_id = ?1),
                    EXISTS (SELECT 1 FROM supervisors WHERE telegram_id = ?1),
                    EXISTS (SELECT 1 FROM volunteers WHERE telegram_id = ?1),
                    COALESCE((SELECT silent FROM users WHERE telegram_id = ?1), 0)",
        )
        .bind(user_id)
        .bind(update_id)
        .fetch_one(self.pool())
        .await?;
        Ok(Visitor {
            banned,
            muted_until,
            unreachable,
            language: language.and_then(|c| Lang::from_code(&c)),
            seen,
            survey: match survey {
                Some(json) => Some(StoredSurvey {
                    state: serde_json::from_str(&json)?,
                    case_id,
                }),
                None => None,
            },
            supervisor,
            volunteer,
            silent,
        })
    }

    /// Turns silent mode on or off for a person we store; `false` if we store nothing of them.
    pub async fn set_silent(&self, user_id: i64, on: bool, now: i64) -> Result<bool> {
        let done = self
            .writing(
                sqlx::query("UPDATE users SET silent = ?, updated_at = ? WHERE telegram_id = ?")
                    .bind(on)
                    .bind(now)
                    .bind(user_id)
                    .execute(self.pool()),
            )
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Flips silent mode; the new setting, or `None` if we store nothing of them.
    pub async fn toggle_silent(&self, user_id: i64, now: i64) -> Result<Option<bool>> {
        let on: Option<bool> = self
            .writing(
                sqlx::query_scalar(
                    "UPDATE users SET silent = 1 - silent, updated_at = ? WHERE telegram_id = ?
             RETURNING silent",
                )
                .bind(now)
                .bind(user_id)
                .fetch_optional(self.pool()),
            )
            .await?;
        Ok(on)
    }

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
        let done = self
            .writing(
                sqlx::query("UPDATE users SET language = ?, updated_at = ? WHERE telegram_id = ?")
                    .bind(lang.code())
                    .bind(now)
                    .bind(user_id)
                    .execute(self.pool()),
            )
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Staff (supervisors) are stored when they first talk to the bot, with their language.
    pub async fn upsert_staff(&self, user_id: i64, role: &str, lang: Lang, now: i64) -> Result<()> {
        self.writing(sqlx::query(
            "INSERT INTO users (telegram_id, language, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (telegram_id) DO UPDATE SET role = excluded.role, updated_at = excluded.updated_at",
        )
        .bind(user_id)
        .bind(lang.code())
        .bind(role)
        .bind(now)
        .bind(now)
        .execute(self.pool())
        ).await?;
        Ok(())
    }

    /// The person wrote again: notifications to them may be delivered again.
    pub async fn mark_reachable(&self, user_id: i64) -> Result<()> {
        self.writing(
            sqlx::query(
                "UPDATE users SET unreachable = 0 WHERE telegram_id = ? AND unreachable = 1",
            )
            .bind(user_id)
            .execute(self.pool()),
        )
        .await?;
        Ok(())
    }
}
