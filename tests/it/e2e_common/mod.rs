//! Shared helpers for the end-to-end tests (`tests/it/e2e_*.rs`): the bot (the real binary or the
//! library's `spawn`) against the Bot API emulator, a deterministic PRNG, reading what the
//! person sees, and reading the SQLite file the bot writes.
#![allow(dead_code)]

use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    str::FromStr,
    time::Duration,
};

use botapi_emulator::{Emulator, SentMessage};
use evac_intake::{
    bot::{self, App, Running},
    check,
    config::Config,
    db::Db,
    i18n::Locales,
    survey::{Kind, Survey, SurveyState},
};
use sqlx::{
    SqlitePool,
    sqlite::{SqliteConnectOptions, SqlitePoolOptions},
};

pub const BIN: &str = env!("CARGO_BIN_EXE_evac-intake");
pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");
pub const TOKEN: &str = "123456789:TESTtokenTESTtokenTESTtoken";

/// A tiny xorshift64* generator: deterministic for a seed, no crates.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as i64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The seed for a test: `E2E_SEED_<TEST>` (e.g. `E2E_SEED_FUZZ` for `seed("fuzz", ..)`), else
/// `E2E_SEED`, else `default`. Only read: the tests share one process, so a replay names the
/// test to run. Printed, so a failure can be replayed.
pub fn seed(test: &str, default: u64) -> u64 {
    let own = format!("E2E_SEED_{}", test.to_uppercase());
    let seed = [own.as_str(), "E2E_SEED"]
        .iter()
        .find_map(|key| std::env::var(key).ok()?.trim().parse().ok())
        .unwrap_or(default);
    println!("{test}: seed {seed} (replay with {own}={seed} cargo test --test it e2e_{test})");
    seed
}

/// The survey and texts the bot loads.
pub fn survey_and_locales() -> (Survey, Locales) {
    check::load_all(
        &PathBuf::from(ROOT).join("dialogues/intake.toml"),
        &PathBuf::from(ROOT).join("locales"),
    )
    .expect("the shipped survey is valid")
}

pub fn survey() -> Survey {
    survey_and_locales().0
}

pub fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

/// Who the bot alerts: supervisors and the volunteer chat.
#[derive(Debug, Clone, Default)]
pub struct Staff {
    pub supervisors: Vec<i64>,
    pub volunteer_chat: Option<i64>,
}

impl Staff {
    fn supervisor_list(&self) -> String {
        self.supervisors
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// The real bot process; killed (SIGKILL) when dropped, so a failing test leaves none behind.
pub struct BotProcess {
    child: Option<Child>,
}

impl BotProcess {
    pub fn id(&self) -> u32 {
        self.child.as_ref().map_or(0, Child::id)
    }

    /// SIGKILL, and waits for the process to be gone.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    pub fn child(&mut self) -> &mut Child {
        self.child.as_mut().expect("the bot process is running")
    }
}

impl Drop for BotProcess {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Starts the real `evac-intake` binary against the emulator. Its stdout and stderr go to
/// `log` (appended), so a failing test can show them. `E2E_BOT_LOG` overrides `rust_log`.
pub fn spawn_binary(
    emu: &Emulator,
    db: &Path,
    staff: &Staff,
    rust_log: &str,
    log: &Path,
) -> BotProcess {
    spawn_binary_with(emu, db, staff, rust_log, log, &[])
}

/// [`spawn_binary`] with more environment variables (`EVAC_FAILPOINT`, …).
pub fn spawn_binary_with(
    emu: &Emulator,
    db: &Path,
    staff: &Staff,
    rust_log: &str,
    log: &Path,
    env: &[(&str, &str)],
) -> BotProcess {
    let rust_log = std::env::var("E2E_BOT_LOG").unwrap_or_else(|_| rust_log.to_owned());
    let out = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .unwrap();
    let err = out.try_clone().unwrap();
    let mut cmd = Command::new(BIN);
    cmd.env_clear()
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", emu.api_url())
        .env("DATABASE_URL", sqlite_url(db))
        .env("DIALOGUE_FILE", format!("{ROOT}/dialogues/intake.toml"))
        .env("LOCALES_DIR", format!("{ROOT}/locales"))
        .env("SUPERVISOR_IDS", staff.supervisor_list())
        .env("RUST_LOG", &rust_log)
        .env("NO_COLOR", "1")
        .current_dir(db.parent().unwrap())
        .stdin(Stdio::null())
        .stdout(Stdio::from(out))
        .stderr(Stdio::from(err));
    if let Some(chat) = staff.volunteer_chat {
        cmd.env("VOLUNTEER_CHAT_ID", chat.to_string());
    }
    cmd.envs(env.iter().copied());
    BotProcess {
        child: Some(cmd.spawn().expect("start the evac-intake binary")),
    }
}

/// An app as the bot process builds it for this configuration: the survey and texts it names,
/// its database (created and migrated if new). The one place the tests (and benches) build an
/// `App`.
///
/// Its outbox sends without Telegram's rate limits (the tests check what is sent, not when;
/// `e2e_faults` runs the binary with them) and through a Bot API that is not there until the
/// test gives it its emulator's ([`App::with_bot`]; `Person` and `bot::spawn` do).
pub async fn new_app(mut config: Config) -> App {
    config.throttle = false;
    let loaded = check::load_config(&config).expect("the shipped dialogues and texts are valid");
    let db = Db::connect(&config.database_url).await.unwrap();
    let nowhere = teloxide::Bot::new(TOKEN).set_api_url("http://127.0.0.1:9/".parse().unwrap());
    App::new(db, loaded, config, nowhere)
}

/// The bot from the library (`bot::spawn`) in this process, against the emulator, without
/// the throttle.
pub async fn spawn_in_process(emu: &Emulator, db: &Path, staff: &Staff) -> (App, Running) {
    spawn_in_process_with(emu, db, staff, &[]).await
}

/// [`spawn_in_process`] with more settings (`WEBHOOK_URL`, …).
pub async fn spawn_in_process_with(
    emu: &Emulator,
    db: &Path,
    staff: &Staff,
    settings: &[(&str, &str)],
) -> (App, Running) {
    let url = sqlite_url(db);
    let supervisors = staff.supervisor_list();
    let volunteers = staff.volunteer_chat.map(|c| c.to_string());
    let config = Config::from_lookup(|k| match k {
        "DATABASE_URL" => Some(url.clone()),
        "SUPERVISOR_IDS" => Some(supervisors.clone()),
        "VOLUNTEER_CHAT_ID" => volunteers.clone(),
        "DIALOGUE_FILE" => Some(format!("{ROOT}/dialogues/intake.toml")),
        "LOCALES_DIR" => Some(format!("{ROOT}/locales")),
        // These tests check what is sent, not when: without Telegram's rate limits the outbox
        // is empty soon after each update (tests/it/e2e_faults.rs runs the binary with them).
        "THROTTLE" => Some("off".to_owned()),
        other => settings
            .iter()
            .find(|(k, _)| *k == other)
            .map(|(_, v)| (*v).to_owned()),
    })
    .unwrap();
    let app = new_app(config).await;
    let tg = teloxide::Bot::new(TOKEN).set_api_url(emu.api_url().parse().unwrap());
    let running = bot::spawn(app.clone(), tg, false)
        .await
        .expect("the bot starts");
    (app, running)
}

/// Settings that run the bot in webhook mode on a free port of this machine, with `secret`.
pub fn webhook_settings(secret: &str) -> Vec<(&'static str, String)> {
    let free = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let addr = free.local_addr().unwrap();
    drop(free);
    vec![
        ("WEBHOOK_URL", format!("http://{addr}/telegram")),
        ("WEBHOOK_LISTEN", addr.to_string()),
        ("WEBHOOK_SECRET", secret.to_owned()),
    ]
}

/// Waits until every pushed update is confirmed and the bot waits for news. A busy bot may
/// confirm a committed survey answer before its next question is out, but it long-polls only
/// when no handler runs (in webhook mode it answers a request early only while many wait), so
/// afterwards everything pushed so far is handled and its replies are recorded.
///
/// Polled: the emulator confirms updates at the start of a getUpdates long poll, and its
/// `wait_until` re-checks only when a request ends, which for that long poll is seconds later.
pub async fn settle(emu: &Emulator, timeout: Duration) -> bool {
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        if emu.bot_idle() {
            return true;
        }
        if tokio::time::Instant::now() >= deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}

/// Like [`settle`], but fails the test with `context` when the bot does not get there.
pub async fn must_settle(emu: &Emulator, context: &str) {
    assert!(
        settle(emu, Duration::from_secs(60)).await,
        "{context}: the bot did not handle the pushed updates ({} pending)",
        emu.pending_updates()
    );
}

/// The `#N` in a text like "Your request #12 is registered".
pub fn case_number(text: &str) -> Option<i64> {
    let at = text.find('#')?;
    let digits: String = text[at + 1..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// What the person has in front of them: the latest bot message that carries buttons.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    /// Nothing to press (no message with buttons yet).
    Nothing,
    Consent {
        message_id: i32,
        buttons: Vec<(String, String)>,
    },
    Question {
        message_id: i32,
        id: String,
        /// Inline buttons `(label, data)`; empty for a reply keyboard.
        buttons: Vec<(String, String)>,
        /// Reply keyboard buttons (location and phone questions).
        reply: Vec<botapi_emulator::ReplyButton>,
    },
    Summary {
        message_id: i32,
        buttons: Vec<(String, String)>,
    },
    /// Some other keyboard (language picker, /cancel confirmation).
    Other {
        message_id: i32,
        buttons: Vec<(String, String)>,
    },
}

impl Screen {
    pub fn question(&self) -> Option<&str> {
        match self {
            Screen::Question { id, .. } => Some(id),
            _ => None,
        }
    }
}

/// Reads a bot message as a screen; `None` if it has no buttons.
pub fn screen_of(msg: &SentMessage, survey: &Survey) -> Option<Screen> {
    if msg.deleted {
        return None;
    }
    let buttons = msg.buttons();
    let reply = msg.keyboard_buttons();
    let message_id = msg.message_id;
    if !buttons.is_empty() {
        let datas: Vec<&str> = buttons.iter().map(|(_, d)| d.as_str()).collect();
        if datas.iter().any(|d| d.starts_with("c:")) {
            return Some(Screen::Consent {
                message_id,
                buttons,
            });
        }
        if datas.contains(&"sub") {
            return Some(Screen::Summary {
                message_id,
                buttons,
            });
        }
        let question = datas.iter().find_map(|d| {
            let mut parts = d.split(':');
            match (parts.next(), parts.next()) {
                (Some("a" | "t" | "d" | "s" | "b"), Some(q)) => Some(q.to_owned()),
                _ => None,
            }
        });
        return Some(match question {
            Some(id) => Screen::Question {
                message_id,
                id,
                buttons,
                reply: Vec::new(),
            },
            None => Screen::Other {
                message_id,
                buttons,
            },
        });
    }
    if !reply.is_empty() {
        let kind = if reply.iter().any(|b| b.request_location) {
            Kind::Location
        } else if reply.iter().any(|b| b.request_contact) {
            Kind::Phone
        } else {
            return None;
        };
        // The question's text names it; with one question of each kind the kind is enough.
        let candidates: Vec<&str> = survey
            .questions
            .iter()
            .filter(|q| q.kind == kind)
            .map(|q| q.id.as_str())
            .collect();
        let id = candidates.first()?.to_string();
        return Some(Screen::Question {
            message_id,
            id,
            buttons: Vec::new(),
            reply,
        });
    }
    None
}

/// The screen the person has in front of them in their chat.
pub fn current_screen(emu: &Emulator, chat: i64, survey: &Survey) -> Screen {
    emu.sent(chat)
        .iter()
        .rev()
        .find_map(|m| screen_of(m, survey))
        .unwrap_or(Screen::Nothing)
}

/// A read-only view of the bot's SQLite file (WAL: it sees every committed transaction).
pub struct DbView {
    pub pool: SqlitePool,
}

type RawCase = (
    i64,
    Option<i64>,
    String,
    String,
    String,
    String,
    String,
    bool,
);

/// A case row, as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseRow {
    pub id: i64,
    pub requester_id: Option<i64>,
    pub status: String,
    pub priority: String,
    pub reasons: String,
    pub answers: String,
    pub language: String,
    pub submitted: bool,
}

impl DbView {
    pub async fn open(path: &Path) -> DbView {
        let options = SqliteConnectOptions::from_str(&sqlite_url(path))
            .unwrap()
            .create_if_missing(false)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await
            .expect("open the bot's database");
        DbView { pool }
    }

    /// Waits for the bot to create its database (it runs the migrations at startup).
    pub async fn open_when_ready(path: &Path) -> DbView {
        for _ in 0..400 {
            if path.exists() {
                let view = DbView::open(path).await;
                let ready: Result<i64, _> =
                    sqlx::query_scalar("SELECT COUNT(*) FROM processed_updates")
                        .fetch_one(&view.pool)
                        .await;
                if ready.is_ok() {
                    return view;
                }
                view.pool.close().await;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the bot never created {}", path.display());
    }

    /// Waits until the outbox has nothing left to send (rows the handlers queued may still be
    /// on their way after every update is confirmed, e.g. held by the throttle). `false`: it
    /// did not drain within `timeout`.
    pub async fn wait_outbox_idle(&self, timeout: Duration) -> bool {
        let busy = "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')";
        let deadline = tokio::time::Instant::now() + timeout;
        while self.count(busy).await > 0 {
            if tokio::time::Instant::now() >= deadline {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        true
    }

    pub async fn count(&self, sql: &str) -> i64 {
        sqlx::query_scalar(sql).fetch_one(&self.pool).await.unwrap()
    }

    pub async fn survey_state(&self, user: i64) -> Option<(SurveyState, Option<i64>)> {
        let row: Option<(String, Option<i64>)> =
            sqlx::query_as("SELECT state, case_id FROM survey_state WHERE telegram_id = ?")
                .bind(user)
                .fetch_optional(&self.pool)
                .await
                .unwrap();
        row.map(|(json, case)| {
            (
                serde_json::from_str(&json).unwrap_or_else(|e| {
                    panic!("survey_state of {user} is not a SurveyState ({e}): {json}")
                }),
                case,
            )
        })
    }

    pub async fn cases(&self) -> Vec<CaseRow> {
        let rows: Vec<RawCase> = sqlx::query_as(
            "SELECT id, requester_id, status, priority, reasons, answers, language, submitted
                 FROM cases ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await
        .unwrap();
        rows.into_iter()
            .map(
                |(id, requester_id, status, priority, reasons, answers, language, submitted)| {
                    CaseRow {
                        id,
                        requester_id,
                        status,
                        priority,
                        reasons,
                        answers,
                        language,
                        submitted,
                    }
                },
            )
            .collect()
    }

    pub async fn cases_of(&self, user: i64) -> Vec<CaseRow> {
        self.cases()
            .await
            .into_iter()
            .filter(|c| c.requester_id == Some(user))
            .collect()
    }

    /// The rows that matter, as text, for "nothing changed" comparisons (timestamps left out).
    pub async fn snapshot(&self) -> Vec<String> {
        let mut out = Vec::new();
        let users: Vec<(i64, String, String)> =
            sqlx::query_as("SELECT telegram_id, language, role FROM users ORDER BY telegram_id")
                .fetch_all(&self.pool)
                .await
                .unwrap();
        out.extend(users.into_iter().map(|u| format!("users {u:?}")));
        let surveys: Vec<(i64, String, Option<i64>)> = sqlx::query_as(
            "SELECT telegram_id, state, case_id FROM survey_state ORDER BY telegram_id",
        )
        .fetch_all(&self.pool)
        .await
        .unwrap();
        out.extend(surveys.into_iter().map(|s| format!("survey_state {s:?}")));
        out.extend(
            self.cases()
                .await
                .into_iter()
                .map(|c| format!("cases {c:?}")),
        );
        out
    }

    pub async fn close(self) {
        self.pool.close().await;
    }
}

/// Checks what must hold in any database the bot wrote, whatever it was sent. Returns every
/// violation found (empty: all good). `strict`: also that a submitted case's priority is what
/// triage gives for its answers (false when check-ins may have re-ranked cases).
///
/// Cases erased by `/forget` or purged by retention (no requester) keep only their number,
/// status, priority and times, so only those are checked for them.
pub async fn invariants(db: &DbView, survey: &Survey, strict: bool) -> Vec<String> {
    let mut problems = Vec::new();
    let cases = db.cases().await;
    let mut open_per_requester = std::collections::BTreeMap::<i64, Vec<i64>>::new();
    for c in &cases {
        if !["open", "claimed", "closed"].contains(&c.status.as_str()) {
            problems.push(format!("case #{} has status {:?}", c.id, c.status));
        }
        if evac_intake::triage::Priority::parse(&c.priority).is_none() {
            problems.push(format!("case #{} has priority {:?}", c.id, c.priority));
        }
        let Some(requester) = c.requester_id else {
            if c.status != "closed" {
                problems.push(format!(
                    "case #{} is {} without a requester",
                    c.id, c.status
                ));
            }
            continue;
        };
        if !["uk", "ru", "en"].contains(&c.language.as_str()) {
            problems.push(format!("case #{} has language {:?}", c.id, c.language));
        }
        if requester <= 0 {
            problems.push(format!("case #{} belongs to chat {requester}", c.id));
        }
        if c.status != "closed" {
            open_per_requester.entry(requester).or_default().push(c.id);
        }
        let answers: evac_intake::survey::AnswerMap = match serde_json::from_str(&c.answers) {
            Ok(a) => a,
            Err(e) => {
                problems.push(format!("case #{}: answers unreadable: {e}", c.id));
                continue;
            }
        };
        let reasons: Vec<String> = serde_json::from_str(&c.reasons).unwrap_or_default();
        for r in &reasons {
            if !survey.rules.iter().any(|rule| &rule.id == r) {
                problems.push(format!("case #{}: unknown triage reason {r:?}", c.id));
            }
        }
        let consent = answers.get(&survey.questions[0].id);
        if !matches!(consent, Some(evac_intake::survey::Answer::Choice(a)) if a == "agree") {
            problems.push(format!(
                "case #{} has no consent in its answers: {consent:?}",
                c.id
            ));
        }
        if c.submitted {
            // Submitted through the survey: every question shown was answered, and the
            // priority is what triage says for these answers.
            for q in survey.questions.iter().skip(1) {
                if survey.is_shown(q, &answers) && !answers.contains_key(&q.id) {
                    problems.push(format!(
                        "case #{} was submitted without an answer to {}",
                        c.id, q.id
                    ));
                }
            }
            let triage = evac_intake::triage::assess(survey, &answers);
            if strict && triage.priority.as_str() != c.priority {
                problems.push(format!(
                    "case #{}: priority {} but its answers give {}",
                    c.id,
                    c.priority,
                    triage.priority.as_str()
                ));
            }
        } else {
            // Opened by the safety gate: only "in danger" does that.
            let gate = survey.questions.iter().any(|q| {
                matches!(answers.get(&q.id), Some(evac_intake::survey::Answer::Choice(c)) if q.emergency.contains(c))
            });
            if !gate {
                problems.push(format!(
                    "case #{} is unsubmitted but no emergency answer opened it",
                    c.id
                ));
            }
            if c.priority != "critical" {
                problems.push(format!(
                    "case #{} was opened by the safety gate but is {}",
                    c.id, c.priority
                ));
            }
        }
    }
    for (requester, open) in &open_per_requester {
        if open.len() > 1 {
            problems.push(format!("requester {requester} has open cases {open:?}"));
        }
    }

    let surveys: Vec<(i64, String, Option<i64>)> =
        sqlx::query_as("SELECT telegram_id, state, case_id FROM survey_state")
            .fetch_all(&db.pool)
            .await
            .unwrap();
    for (user, json, case_id) in surveys {
        let has_user: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE telegram_id = ?")
            .bind(user)
            .fetch_one(&db.pool)
            .await
            .unwrap();
        if has_user != 1 {
            problems.push(format!("survey_state of {user} without a users row"));
        }
        match serde_json::from_str::<SurveyState>(&json) {
            Ok(state) => {
                if let evac_intake::survey::Position::Question(q) = &state.position {
                    match survey.question(q) {
                        None => problems.push(format!("survey of {user} at unknown question {q}")),
                        Some(question) if !survey.is_shown(question, &state.answers) => problems
                            .push(format!(
                                "survey of {user} at {q}, which is not shown to them"
                            )),
                        Some(_) => {}
                    }
                }
            }
            Err(e) => problems.push(format!("survey of {user} unreadable ({e}): {json}")),
        }
        if let Some(case) = case_id
            && !cases
                .iter()
                .any(|c| c.id == case && c.requester_id == Some(user))
        {
            problems.push(format!(
                "survey of {user} points at case #{case}, not theirs"
            ));
        }
    }
    let bad_users: Vec<(i64, String)> = sqlx::query_as(
        "SELECT telegram_id, role FROM users WHERE telegram_id <= 0 OR role NOT IN ('requester', 'supervisor', 'volunteer')",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    for (id, role) in bad_users {
        problems.push(format!("users row {id} with role {role:?}"));
    }
    problems
}

/// Strips ANSI colour codes (tracing colours its fields by default).
pub fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.peek() == Some(&'[') {
                chars.next();
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// The last `n` lines of a log file, for failure messages.
pub fn tail(path: &Path, n: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}
