//! All database access: one SQLite pool through sqlx, one file per table group.
//!
//! The connection is set up for a bot that must not lose a request: WAL journal, a busy
//! timeout, foreign keys and secure_delete on every connection; commits are synced to disk in
//! groups before Telegram is told updates are handled (`make_durable`). Migrations in
//! `migrations/` are embedded and applied at startup. Read-then-write sequences run in
//! `BEGIN IMMEDIATE` transactions so two writers never interleave.

mod audit;
mod cases;
mod casework;
mod erasure;
mod moderation;
mod outbox;
mod public;
mod reports;
mod resources;
mod surveys;
mod users;
mod volunteers;

pub use audit::{AuditAction, AuditEntry};
pub use cases::{CaseRow, CaseStatus, SubmitOutcome};
pub use casework::{ClaimOutcome, Note};
pub use moderation::{Ban, BanOutcome};
pub use outbox::{AlbumPart, OutboxCounts, OutboxRow, OutboxStatus};
pub use public::{POSTS_KEPT_SECS, REPORTS_PER_DAY, Reported as PostReported};
pub use resources::{NewResource, RegionResources, Reported, SentResource};
pub use surveys::{Applied, GateOutcome, StoredSurvey};
pub use users::Visitor;

use std::{
    path::{Path, PathBuf},
    str::FromStr,
    sync::Arc,
    time::Duration,
};

use sqlx::{
    Sqlite, SqliteConnection, SqlitePool, Transaction,
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
    #[error("database file: {0}")]
    Io(#[from] std::io::Error),
}

pub type Result<T> = std::result::Result<T, DbError>;

/// The database handle every part of the bot shares. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Db {
    pool: SqlitePool,
    /// The write-ahead log file, synced by [`Db::make_durable`] (`None` in memory).
    wal: Option<Arc<PathBuf>>,
    /// The queue of this process's write transactions (see [`Db::write`]).
    writers: Arc<tokio::sync::Mutex<()>>,
}

/// A write transaction (`BEGIN IMMEDIATE`) holding this process's writer turn; rolled back if
/// dropped without [`WriteTx::commit`]. Statements run on it as on a connection: `&mut *tx`.
///
/// A change and the notifications it causes are one commit: the change's methods run on the
/// transaction, [`WriteTx::enqueue`] queues the outbox rows in it, and [`WriteTx::commit`]
/// returns the rows' ids for the sender. A crash before the commit loses both; after it,
/// the outbox worker sends what the handler did not.
///
/// While a `WriteTx` is alive this process's other writers wait for it: never call a `Db`
/// method that writes while holding one (it would wait for itself). Reads through `Db` are
/// fine (they see the last commit, not this transaction's changes).
pub struct WriteTx {
    tx: Transaction<'static, Sqlite>,
    _turn: tokio::sync::OwnedMutexGuard<()>,
    /// Outbox rows queued in this transaction: (row id, chat).
    queued: Vec<(i64, i64)>,
}

impl WriteTx {
    /// Commits; returns the ids of the outbox rows queued in this transaction.
    pub async fn commit(self) -> Result<Vec<i64>> {
        Ok(self
            .commit_rows()
            .await?
            .into_iter()
            .map(|(id, _)| id)
            .collect())
    }

    /// Commits; returns the outbox rows queued in this transaction as (row id, chat).
    pub async fn commit_rows(self) -> Result<Vec<(i64, i64)>> {
        self.tx.commit().await?;
        Ok(self.queued)
    }

    /// Queues notifications in this transaction (see [`Db::enqueue_in`]).
    pub async fn enqueue(&mut self, envelopes: &[crate::outbox::Envelope], now: i64) -> Result<()> {
        if envelopes.is_empty() {
            return Ok(());
        }
        let ids = Db::enqueue_in(&mut self.tx, envelopes, now).await?;
        for (id, envelope) in ids.into_iter().zip(envelopes) {
            if !self.queued.iter().any(|(queued, _)| *queued == id) {
                self.queued.push((id, envelope.chat_id));
            }
        }
        Ok(())
    }

    /// Adds one album item to its album copy (see [`Db::enqueue_album_part`]).
    pub async fn enqueue_album_part(
        &mut self,
        envelope: &crate::outbox::Envelope,
        due: i64,
        now: i64,
    ) -> Result<AlbumPart> {
        Db::enqueue_album_part(&mut self.tx, envelope, due, now).await
    }

    /// Records that `update_id` is applied, inside this transaction; `false` if it was applied
    /// before (a replay), and the caller must change nothing.
    pub async fn first_time(&mut self, update_id: i64, now: i64) -> Result<bool> {
        first_time(self, update_id, now).await
    }
}

impl std::ops::Deref for WriteTx {
    type Target = SqliteConnection;

    fn deref(&self) -> &SqliteConnection {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        &mut self.tx
    }
}

impl Db {
    /// Opens (creating if missing) the database at `url` and applies the migrations.
    pub async fn connect(url: &str) -> Result<Db> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true)
            .pragma("secure_delete", "ON")
            // Each of the eight connections keeps its own page cache (SQLite's default is 2 MB
            // each, 16 MB in all once the database is that big); the file's pages stay in the
            // operating system's cache either way, so a smaller one costs a read call, not a
            // disk read.
            .pragma("cache_size", "-512")
            // No checkpoint inside a commit (it would hold every writer back while it copies
            // and syncs): the bot checkpoints in the background (`Db::checkpoint`).
            .pragma("wal_autocheckpoint", "0");
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options.clone())
            .await?;
        MIGRATOR.run(&pool).await?;
        let file = options.get_filename();
        let wal = (!file.as_os_str().is_empty() && file != Path::new(":memory:")).then(|| {
            let mut wal = file.as_os_str().to_owned();
            wal.push("-wal");
            Arc::new(PathBuf::from(wal))
        });
        Ok(Db {
            pool,
            wal,
            writers: Arc::default(),
        })
    }

    /// Makes every transaction committed so far durable: one fsync of the write-ahead log.
    ///
    /// Commits are written with `synchronous = NORMAL`: in WAL mode that is safe when the bot
    /// crashes (the data is in the operating system's hands), but a power cut could lose the
    /// last commits. The bot calls this before it tells Telegram that updates are handled, so
    /// an update Telegram considers delivered is on disk: one fsync per batch of updates
    /// instead of one per commit (a group commit), which is what lets the bot keep up with
    /// hundreds of requests a second on a slow disk.
    pub async fn make_durable(&self) -> Result<()> {
        let Some(wal) = self.wal.clone() else {
            return Ok(());
        };
        let synced = tokio::task::spawn_blocking(move || match std::fs::File::open(&*wal) {
            Ok(file) => file.sync_data(),
            // Checkpointed and removed (or never written): nothing to sync.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        })
        .await
        .map_err(std::io::Error::other)?;
        Ok(synced?)
    }

    /// Copies committed pages from the write-ahead log into the database file, without
    /// waiting for (or holding back) readers and writers; the bot runs it every second, so the
    /// log stays short and no commit has to do it.
    pub async fn checkpoint(&self) -> Result<()> {
        sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Runs one write statement outside a transaction in this process's writer turn. Without
    /// it a single `UPDATE` waited in SQLite's busy handler while the queued writers took the
    /// lock one after another, and under load gave up after `busy_timeout` (10 s, then
    /// "database is locked": the person's press was never answered).
    pub(crate) async fn writing<T, E>(
        &self,
        write: impl std::future::Future<Output = std::result::Result<T, E>>,
    ) -> std::result::Result<T, E> {
        let _turn = self.writers.lock().await;
        write.await
    }

    /// A write transaction that holds the write lock from its first statement.
    ///
    /// Writers of this process take turns on an async queue before they ask SQLite for the
    /// lock: SQLite's own busy handler makes a waiting writer sleep (1 ms, then longer and
    /// longer), which under load left the CPU idle while updates waited.
    pub async fn begin(&self) -> Result<WriteTx> {
        let turn = self.writers.clone().lock_owned().await;
        let tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        Ok(WriteTx {
            tx,
            _turn: turn,
            queued: Vec::new(),
        })
    }

    /// Runs a whole write transaction given as one SQL text (`BEGIN IMMEDIATE; ...; COMMIT`)
    /// in one call to the database thread, holding this process's writer turn for just that
    /// long; returns the rows changed by all its statements. Meant for the hottest writes:
    /// each statement sent separately costs two thread switches, and others wait meanwhile.
    ///
    /// Runs in a task of its own, so it finishes (or rolls back) even if the caller is
    /// dropped halfway: a connection never goes back to the pool inside a transaction.
    async fn write_batch(
        &self,
        batch: sqlx::query::Query<'static, Sqlite, sqlx::sqlite::SqliteArguments<'static>>,
    ) -> Result<u64> {
        let turn = self.writers.clone().lock_owned().await;
        let pool = self.pool.clone();
        let task = tokio::spawn(async move {
            let _turn = turn;
            let mut conn = pool.acquire().await?;
            match batch.execute(&mut *conn).await {
                Ok(done) => Ok(done.rows_affected()),
                Err(e) => {
                    // Fails harmlessly ("no transaction is active") if BEGIN itself failed.
                    let _ = sqlx::query("ROLLBACK").execute(&mut *conn).await;
                    Err(e)
                }
            }
        });
        match task.await {
            Ok(result) => Ok(result?),
            Err(e) => Err(DbError::Io(std::io::Error::other(e))),
        }
    }

    /// Forgets update ids older than `before` (they are only needed while Telegram may replay).
    pub async fn forget_updates_before(&self, before: i64) -> Result<u64> {
        let done = self
            .writing(
                sqlx::query("DELETE FROM processed_updates WHERE processed_at < ?")
                    .bind(before)
                    .execute(&self.pool),
            )
            .await?;
        Ok(done.rows_affected())
    }
}

/// Records that `update_id` is applied, inside the transaction that applies it.
/// `false`: it was applied before, and the caller must change nothing.
async fn first_time(tx: &mut WriteTx, update_id: i64, now: i64) -> Result<bool> {
    let done = sqlx::query(
        "INSERT OR IGNORE INTO processed_updates (update_id, processed_at) VALUES (?, ?)",
    )
    .bind(update_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}
