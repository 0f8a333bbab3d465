//! All database access: one SQLite pool through sqlx, one file per table group.
//!
//! The connection is set up for a bot that must not lose a request: WAL journal, synchronous
//! FULL, a busy timeout, foreign keys and secure_delete on every connection. Migrations in
//! `migrations/` are embedded and applied at startup. Read-then-write sequences run in
//! `BEGIN IMMEDIATE` transactions so two writers never interleave.

mod audit;
mod cases;
mod casework;
mod erasure;
mod moderation;
mod outbox;
mod reports;
mod surveys;
mod users;
mod volunteers;

pub use audit::{AuditAction, AuditEntry};
pub use cases::{CaseRow, CaseStatus, SubmitOutcome};
pub use casework::{ClaimOutcome, Note};
pub use moderation::{Ban, BanOutcome};
pub use outbox::{OutboxCounts, OutboxRow, OutboxStatus};
pub use surveys::{Applied, GateOutcome, StoredSurvey};

use std::{str::FromStr, time::Duration};

use sqlx::{
    Sqlite, SqlitePool, Transaction,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database error: {0}")]
    Sqlx(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is not readable: {0}")]
    Corrupt(#[from] serde_json::Error),
}

pub type Result<T> = std::result::Result<T, DbError>;

/// The database handle every part of the bot shares. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Db {
    pool: SqlitePool,
}

impl Db {
    /// Opens (creating if missing) the database at `url` and applies the migrations.
    pub async fn connect(url: &str) -> Result<Db> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true)
            .pragma("secure_delete", "ON");
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        MIGRATOR.run(&pool).await?;
        Ok(Db { pool })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// A write transaction that holds the write lock from its first statement.
    async fn write(&self) -> Result<Transaction<'static, Sqlite>> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// Whether this update was applied before (Telegram sends it again after a crash).
    pub async fn update_seen(&self, update_id: i64) -> Result<bool> {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT update_id FROM processed_updates WHERE update_id = ?")
                .bind(update_id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(found.is_some())
    }

    /// Forgets update ids older than `before` (they are only needed while Telegram may replay).
    pub async fn forget_updates_before(&self, before: i64) -> Result<u64> {
        let done = sqlx::query("DELETE FROM processed_updates WHERE processed_at < ?")
            .bind(before)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}

/// Records that `update_id` is applied, inside the transaction that applies it.
/// `false`: it was applied before, and the caller must change nothing.
async fn first_time(
    tx: &mut Transaction<'static, Sqlite>,
    update_id: i64,
    now: i64,
) -> Result<bool> {
    let done = sqlx::query(
        "INSERT OR IGNORE INTO processed_updates (update_id, processed_at) VALUES (?, ?)",
    )
    .bind(update_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}
