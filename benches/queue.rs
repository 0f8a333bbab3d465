//! `/queue` latency with many stored cases: a fresh database is filled with N cases (default
//! 100,000) by direct SQL in one transaction, then an on-shift volunteer sends `/queue` and
//! presses the page-2 button, again and again, through the real handler tree (the library's
//! `spawn`, in this process) against the Bot API emulator.
//!
//! ```sh
//! cargo bench --bench queue                # 100,000 cases, 200 rounds
//! cargo bench --bench queue -- 1000000     # or QUEUE_CASES=1000000; QUEUE_REPS=500
//! QUEUE_DB=/tmp/q.db cargo bench --bench queue   # keep the database (for EXPLAIN QUERY PLAN)
//! QUEUE_WITHOUT_0004=1 cargo bench --bench queue  # before: drops the indexes of migration 0004
//! ```
//!
//! Reported (p50 / p99 / max over the rounds):
//! * handling: the bot's own per-update latency, its `latency_us` log field (from the update
//!   entering the handler tree to its last reply sent), read from the log lines of the
//!   `volunteer.queue` and `volunteer.queue_page` handlers;
//! * answer: from pushing the update to the emulator until the bot's last reply is recorded
//!   there (the 7th message for `/queue`; the answered button for page 2), which adds the
//!   getUpdates round trip;
//! * sending: of the handling, the time from the first of the `/queue` replies reaching the
//!   emulator to the last one answered (seven sendMessage calls, one after the other);
//! * DB: the two queries `/queue` runs (`queue_len`, then one page of `queue`), called
//!   directly on the bot's pool (after the rounds above, the bot idle).
//!
//! * DB: the scheduler's retention pass (`Db::purge_expired`, every 30 s) with nothing due:
//!   it runs in one write transaction, so `/queue` (which stores its staff member) waits for it.
//!
//! It also prints SQLite's plan for a queue page (`Db::queue_plan`).
//!
//! The generated data, per case in creation order over 180 days: created in the last 3 days
//! 45% open and 20% claimed, older 3.5% open and 0.6% claimed, the rest closed (those closed
//! more than 30 days ago purged as retention does). Open and claimed cases and recently closed
//! ones have answers from a random walk through the shipped survey (6% answer "in danger", so a
//! few hundred are critical) and triage's priority; languages uk 60%, ru 30%, en 10%; 10% of
//! open cases verified (30% of critical ones), 1.5% flagged, 2% of critical ones still being
//! answered. Escalations and check-ins are up to date, so the scheduler has nothing to do.

#[path = "../tests/it/e2e_common/mod.rs"]
mod e2e_common;

use std::{
    io::Write,
    sync::{Arc, Mutex},
    time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};

use botapi_emulator::Emulator;
use e2e_common::{Rng, Staff};
use evac_intake::{
    db::Db,
    survey::{Answer, AnswerMap, Input, Kind, Survey},
    triage,
};
use sqlx::{QueryBuilder, Sqlite};

const SUPERVISOR: i64 = 9_001;
/// The on-shift volunteer who asks for the queue.
const VOLUNTEER: i64 = 700_001;
/// Other volunteers, who hold the claimed cases.
const FIRST_VOLUNTEER: i64 = 500_001;
const VOLUNTEERS: i64 = 200;
const FIRST_REQUESTER: i64 = 10_000_000;
const WARMUP: usize = 10;
const DAY: i64 = 86_400;
const OUTCOMES: [&str; 5] = [
    "evacuated",
    "staying_safe",
    "unreachable",
    "referred",
    "declined",
];
const WAIT: Duration = Duration::from_secs(30);

fn main() {
    let cases: usize = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .find_map(|a| a.replace(['_', ','], "").parse().ok())
        .or_else(|| {
            std::env::var("QUEUE_CASES")
                .ok()
                .and_then(|n| n.replace(['_', ','], "").parse().ok())
        })
        .unwrap_or(100_000);
    let reps: usize = std::env::var("QUEUE_REPS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    let log = LogBuffer::default();
    {
        let log = log.clone();
        tracing_subscriber::fmt()
            .with_env_filter(
                tracing_subscriber::EnvFilter::try_new(
                    std::env::var("RUST_LOG").unwrap_or_else(|_| "info".into()),
                )
                .unwrap(),
            )
            .with_ansi(false)
            .with_writer(move || log.clone())
            .init();
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    println!(
        "queue: {cases} stored cases, {reps} rounds (+{WARMUP} warm-up), machine: {} cores",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    runtime.block_on(run(cases, reps, log));
}

/// The bot's log, kept in memory: its per-update lines carry `latency_us`.
#[derive(Clone, Default)]
struct LogBuffer(Arc<Mutex<Vec<u8>>>);

impl Write for LogBuffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl LogBuffer {
    /// `latency_us` of the per-update lines of one handler, in order.
    fn latencies(&self, handler: &str) -> Vec<Duration> {
        let text = String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned();
        text.lines()
            .filter(|l| l.contains("update_id="))
            .filter(|l| {
                field(l, "handler=").is_some_and(|h| h.trim_matches('"') == handler)
                    && field(l, "outcome=").is_some_and(|o| o.trim_matches('"') == "ok")
            })
            .filter_map(|l| field(l, "latency_us=")?.parse().ok())
            .map(Duration::from_micros)
            .collect()
    }
}

fn field<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    let at = line.find(name)? + name.len();
    line[at..].split_whitespace().next()
}

struct Stats {
    p50: Duration,
    p99: Duration,
    max: Duration,
    n: usize,
}

impl Stats {
    fn of(mut values: Vec<Duration>) -> Stats {
        values.sort();
        let n = values.len();
        let at = |q: f64| {
            values
                .get(((n.max(1) - 1) as f64 * q).round() as usize)
                .copied()
                .unwrap_or_default()
        };
        Stats {
            p50: at(0.50),
            p99: at(0.99),
            max: values.last().copied().unwrap_or_default(),
            n,
        }
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// One generated case, as stored.
#[derive(Default)]
struct Case {
    id: i64,
    requester_id: Option<i64>,
    status: &'static str,
    priority: &'static str,
    reasons: String,
    answers: String,
    language: &'static str,
    submitted: bool,
    created_at: i64,
    updated_at: i64,
    closed_at: Option<i64>,
    region: Option<String>,
    volunteer_id: Option<i64>,
    claimed_at: Option<i64>,
    outcome: Option<&'static str>,
    last_volunteer_message_at: Option<i64>,
    escalations: i64,
    last_checkin_at: Option<i64>,
    verified_at: Option<i64>,
    verified_by: Option<i64>,
    flag_reason: Option<&'static str>,
    flagged_at: Option<i64>,
    purged_at: Option<i64>,
}

/// Answers from a random walk through the survey; `danger` picks the emergency choice of the
/// safety question; `partial` stops after the region (the person is still answering).
fn walk(survey: &Survey, rng: &mut Rng, danger: bool, partial: bool, id: i64) -> AnswerMap {
    let mut state = survey.begin();
    let mut steps = 0;
    while let Some(q) = survey.current(&state) {
        steps += 1;
        assert!(steps < 500, "the survey walk does not end");
        if partial && state.answers.contains_key("region") {
            break;
        }
        let qid = q.id.clone();
        let result = match q.kind {
            Kind::Single | Kind::YesNo => {
                let i = if !q.emergency.is_empty() {
                    let (urgent, calm): (Vec<usize>, Vec<usize>) =
                        (0..q.choices.len()).partition(|&i| q.emergency.contains(&q.choices[i]));
                    if danger {
                        *rng.pick(&urgent)
                    } else {
                        *rng.pick(&calm)
                    }
                } else {
                    rng.below(q.choices.len())
                };
                survey.answer(&mut state, &qid, Input::Choice(i))
            }
            Kind::Multi => {
                for _ in 0..1 + rng.below(2) {
                    let i = rng.below(q.choices.len());
                    let _ = survey.answer(&mut state, &qid, Input::Toggle(i));
                }
                let mut done = survey.answer(&mut state, &qid, Input::Done);
                while done.is_err() {
                    let i = rng.below(q.choices.len());
                    let _ = survey.answer(&mut state, &qid, Input::Toggle(i));
                    done = survey.answer(&mut state, &qid, Input::Done);
                }
                done
            }
            Kind::Number if !q.quick.is_empty() => {
                survey.answer(&mut state, &qid, Input::Choice(rng.below(q.quick.len())))
            }
            Kind::Number => survey.answer(&mut state, &qid, Input::Text(q.min.to_string())),
            Kind::Text => survey.answer(
                &mut state,
                &qid,
                Input::Text("insulin, twice a day; blood pressure tablets".into()),
            ),
            Kind::Location => survey.answer(
                &mut state,
                &qid,
                Input::Text(format!(
                    "Village {}, street {}, {}",
                    id % 977,
                    id % 31,
                    id % 90
                )),
            ),
            Kind::Phone => survey.answer(
                &mut state,
                &qid,
                Input::Contact(format!("+38067{:07}", id % 10_000_000)),
            ),
            Kind::Consent => survey.answer(&mut state, &qid, Input::Choice(0)),
        };
        if result.is_err() {
            survey
                .answer(&mut state, &qid, Input::Skip)
                .expect("every question can be answered or skipped");
        }
    }
    state.answers
}

fn generate(survey: &Survey, n: usize, now: i64, seed: u64) -> Vec<Case> {
    let mut rng = Rng::new(seed);
    let span = 180 * DAY;
    let start = now - span;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let id = i as i64 + 1;
        let created_at = (start + (span as f64 * i as f64 / n as f64) as i64).min(now - 60);
        let recent = now - created_at < 3 * DAY;
        let roll = rng.below(1000);
        let status = match (recent, roll) {
            (true, 0..450) => "open",
            (true, 450..650) => "claimed",
            (false, 0..35) => "open",
            (false, 35..41) => "claimed",
            _ => "closed",
        };
        let language = match rng.below(10) {
            0..6 => "uk",
            6..9 => "ru",
            _ => "en",
        };
        let mut case = Case {
            id,
            status,
            language,
            submitted: true,
            created_at,
            updated_at: created_at,
            ..Case::default()
        };
        let closed_at =
            (status == "closed").then(|| (created_at + rng.range(3600, 7 * DAY)).min(now - 30));
        let purged = closed_at.is_some_and(|c| c <= now - 30 * DAY);
        let danger = rng.chance(0.06);
        let partial = status == "open" && danger && rng.chance(0.02);
        if purged {
            // Retention kept number, status, priority, language, region, outcome and times.
            case.priority = *rng.pick(&["critical", "high", "high", "normal", "normal", "low"]);
            case.reasons = "[]".into();
            case.answers = "{}".into();
            case.region = Some(
                (*rng.pick(&["kharkiv", "donetsk", "zaporizhzhia", "kherson", "other"])).into(),
            );
            case.purged_at = Some(closed_at.unwrap_or(now) + 30 * DAY);
        } else {
            let answers = walk(survey, &mut rng, danger, partial, id);
            let triage = triage::assess(survey, &answers);
            case.priority = triage.priority.as_str();
            case.reasons = serde_json::to_string(&triage.reasons).unwrap();
            case.region = match answers.get("region") {
                Some(Answer::Choice(c)) => Some(c.clone()),
                _ => None,
            };
            case.answers = serde_json::to_string(&answers).unwrap();
            case.requester_id = Some(FIRST_REQUESTER + id);
            case.submitted = !partial;
        }
        match status {
            "open" => {
                // Escalated twice already; checked on within the last 6 hours.
                case.escalations = 2;
                case.last_checkin_at = Some(now - rng.range(0, 6 * 3600));
                let verify = if case.priority == "critical" {
                    0.3
                } else {
                    0.1
                };
                if rng.chance(verify) {
                    case.verified_at = Some(created_at + 600);
                    case.verified_by = Some(SUPERVISOR);
                }
                if rng.chance(0.015) {
                    case.flag_reason = Some("the same phone as a case marked fake");
                    case.flagged_at = Some(created_at + 60);
                }
            }
            "claimed" => {
                let claimed_at = (created_at + rng.range(60, 6 * 3600)).min(now - 30);
                case.volunteer_id = Some(FIRST_VOLUNTEER + rng.below(VOLUNTEERS as usize) as i64);
                case.claimed_at = Some(claimed_at);
                case.updated_at = claimed_at;
                case.last_volunteer_message_at = Some(now - rng.range(0, 12 * 3600));
                case.last_checkin_at = Some(now - rng.range(0, 6 * 3600));
                if rng.chance(0.2) {
                    case.verified_at = Some(claimed_at);
                    case.verified_by = Some(SUPERVISOR);
                }
            }
            _ => {
                case.closed_at = closed_at;
                case.updated_at = closed_at.unwrap_or(created_at);
                case.outcome = Some(*rng.pick(&OUTCOMES));
                case.volunteer_id = Some(FIRST_VOLUNTEER + rng.below(VOLUNTEERS as usize) as i64);
                case.claimed_at = Some(created_at + 600);
            }
        }
        out.push(case);
    }
    out
}

/// Fills the database: users, the roster (with the on-shift `VOLUNTEER`), the cases; one
/// transaction, then a WAL checkpoint.
async fn fill(db: &Db, cases: &[Case], now: i64) {
    let mut tx = db.pool().begin().await.unwrap();
    let mut users: Vec<(i64, &str, &str, i64)> = cases
        .iter()
        .filter_map(|c| Some((c.requester_id?, c.language, "requester", c.created_at)))
        .collect();
    for v in 0..VOLUNTEERS {
        users.push((FIRST_VOLUNTEER + v, "uk", "volunteer", now - 200 * DAY));
    }
    users.push((VOLUNTEER, "en", "volunteer", now - 200 * DAY));
    for chunk in users.chunks(2000) {
        let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT INTO users (telegram_id, language, role, created_at, updated_at) ",
        );
        q.push_values(chunk, |mut b, (id, lang, role, at)| {
            b.push_bind(*id)
                .push_bind(*lang)
                .push_bind(*role)
                .push_bind(*at)
                .push_bind(*at);
        });
        q.build().execute(&mut *tx).await.unwrap();
    }
    let mut roster: Vec<(i64, bool)> = (0..VOLUNTEERS)
        .map(|v| (FIRST_VOLUNTEER + v, v % 4 == 0))
        .collect();
    roster.push((VOLUNTEER, true));
    let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
        "INSERT INTO volunteers (telegram_id, languages, regions, online, max_open, added_by, added_at) ",
    );
    q.push_values(&roster, |mut b, (id, online)| {
        b.push_bind(*id)
            .push_bind("[]")
            .push_bind("[]")
            .push_bind(*online)
            .push_bind(10)
            .push_bind(SUPERVISOR)
            .push_bind(now - 200 * DAY);
    });
    q.build().execute(&mut *tx).await.unwrap();
    for chunk in cases.chunks(500) {
        let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT INTO cases (id, requester_id, status, priority, reasons, answers, language, \
             submitted, created_at, updated_at, closed_at, region, volunteer_id, claimed_at, \
             outcome, last_volunteer_message_at, escalations, last_checkin_at, verified_at, \
             verified_by, flag_reason, flagged_at, purged_at) ",
        );
        q.push_values(chunk, |mut b, c| {
            b.push_bind(c.id)
                .push_bind(c.requester_id)
                .push_bind(c.status)
                .push_bind(c.priority)
                .push_bind(c.reasons.as_str())
                .push_bind(c.answers.as_str())
                .push_bind(c.language)
                .push_bind(c.submitted)
                .push_bind(c.created_at)
                .push_bind(c.updated_at)
                .push_bind(c.closed_at)
                .push_bind(c.region.as_deref())
                .push_bind(c.volunteer_id)
                .push_bind(c.claimed_at)
                .push_bind(c.outcome)
                .push_bind(c.last_volunteer_message_at)
                .push_bind(c.escalations)
                .push_bind(c.last_checkin_at)
                .push_bind(c.verified_at)
                .push_bind(c.verified_by)
                .push_bind(c.flag_reason)
                .push_bind(c.flagged_at)
                .push_bind(c.purged_at);
        });
        q.build().execute(&mut *tx).await.unwrap();
    }
    tx.commit().await.unwrap();
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(db.pool())
        .await
        .unwrap();
}

async fn scalar(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db.pool()).await.unwrap()
}

async fn run(n: usize, reps: usize, log: LogBuffer) {
    let dir = tempfile::tempdir().unwrap();
    let db_path = match std::env::var_os("QUEUE_DB") {
        Some(path) => {
            let path = std::path::PathBuf::from(path);
            assert!(!path.exists(), "QUEUE_DB must name a new file");
            path
        }
        None => dir.path().join("queue.db"),
    };
    let now = now();

    // The data, written before the bot starts.
    let started = Instant::now();
    let survey = e2e_common::survey();
    let cases = generate(&survey, n, now, 0x5EED_0001);
    {
        let db = Db::connect(&e2e_common::sqlite_url(&db_path))
            .await
            .unwrap();
        fill(&db, &cases, now).await;
        if std::env::var_os("QUEUE_WITHOUT_0004").is_some() {
            // The indexes as they were before migration 0004, for a before/after comparison.
            for index in ["cases_queue", "cases_retention"] {
                sqlx::query(&format!("DROP INDEX IF EXISTS {index}"))
                    .execute(db.pool())
                    .await
                    .unwrap();
            }
            println!("without the indexes of migration 0004 (QUEUE_WITHOUT_0004)");
        }
        db.pool().close().await;
    }
    drop(cases);
    let fill_time = started.elapsed();

    let emu = Emulator::start().await.unwrap();
    let staff = Staff {
        supervisors: vec![SUPERVISOR],
        volunteer_chat: None,
    };
    let (app, running) = e2e_common::spawn_in_process(&emu, &db_path, &staff).await;
    let db = app.db.clone();
    let count = |sql: &'static str| {
        let db = db.clone();
        async move { scalar(&db, sql).await }
    };
    let open = count("SELECT COUNT(*) FROM cases WHERE status = 'open'").await;
    let critical =
        count("SELECT COUNT(*) FROM cases WHERE status = 'open' AND priority = 'critical'").await;
    let claimed = count("SELECT COUNT(*) FROM cases WHERE status = 'claimed'").await;
    let closed = count("SELECT COUNT(*) FROM cases WHERE status = 'closed'").await;
    let purged = count("SELECT COUNT(*) FROM cases WHERE purged_at IS NOT NULL").await;
    let flagged =
        count("SELECT COUNT(*) FROM cases WHERE status = 'open' AND flag_reason IS NOT NULL").await;
    let verified =
        count("SELECT COUNT(*) FROM cases WHERE status = 'open' AND verified_at IS NOT NULL").await;
    let db_bytes =
        count("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()").await;
    println!(
        "filled in {fill_time:.1?}: {n} cases ({open} open, of which {critical} critical, \
         {flagged} flagged, {verified} verified; {claimed} claimed; {closed} closed, {purged} \
         purged); database {:.1} MB",
        db_bytes as f64 / 1_048_576.0
    );

    let plan = app.db.queue_plan().await.unwrap().join("; ");
    println!("queue page plan: {plan}");
    if plan.contains("TEMP B-TREE") {
        println!("WARNING: the queue page sorts every open case (is cases_queue missing?)");
    }

    // The bot polls; its first scheduler pass (which finds nothing due) is over.
    emu.wait_until(WAIT, |e| !e.calls_to("getUpdates").is_empty())
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;

    let pages = (open + 4) / 5;
    // Title, 5 cards, "more" with the next-page button.
    let per_page = 1 + open.min(5) as usize + usize::from(pages > 1);
    let volunteer = emu.user(VOLUNTEER).language("en");
    let mut answers = Vec::new();
    let mut sendings = Vec::new();
    let mut page_answers = Vec::new();
    let mut first = None;
    let rounds_started = Instant::now();
    for round in 0..WARMUP + reps {
        let before = emu.sent_count_in(VOLUNTEER);
        emu.clear_calls();
        let pushed = Instant::now();
        volunteer.send_command("/queue");
        let done = emu
            .wait_until(WAIT, |e| e.sent_count_in(VOLUNTEER) >= before + per_page)
            .await;
        let answer = pushed.elapsed();
        assert!(done, "no complete /queue answer in round {round}");
        let replies: Vec<_> = emu
            .calls_to("sendMessage")
            .into_iter()
            .filter(|c| c.chat_id == Some(VOLUNTEER))
            .collect();
        let sending = match (replies.first(), replies.last()) {
            (Some(a), Some(z)) => (z.at + z.took).saturating_sub(a.at),
            _ => Duration::ZERO,
        };
        if round == 0 {
            first = Some(answer);
            check_first_page(&emu, before, open, pages);
        }
        e2e_common::must_settle(&emu, "/queue").await;
        let more = emu.last_sent(VOLUNTEER).unwrap();
        let next = more
            .buttons()
            .into_iter()
            .map(|(_, data)| data)
            .find(|d| d.starts_with("qp:"));
        let page_answer = match next {
            Some(data) => {
                let pushed = Instant::now();
                let query = volunteer.press(more.message_id, &data);
                let done = emu.wait_until(WAIT, |e| e.is_answered(&query)).await;
                let answer = pushed.elapsed();
                assert!(done, "the page-2 button was not answered in round {round}");
                e2e_common::must_settle(&emu, "page 2").await;
                Some(answer)
            }
            None => None,
        };
        if round >= WARMUP {
            answers.push(answer);
            sendings.push(sending);
            page_answers.extend(page_answer);
        }
    }
    // The scheduler's retention pass (every 30 s), with nothing due as here most of the time:
    // one write transaction, so every writer waits while it runs.
    let mut retention = Vec::new();
    for _ in 0..(reps / 10).max(5) {
        let at = crate::now();
        let t = Instant::now();
        let purged = app.db.purge_expired(at - 30 * DAY, at).await.unwrap();
        retention.push(t.elapsed());
        assert_eq!(
            purged.cases, 0,
            "the generated data has nothing due for retention"
        );
    }
    let skip = |mut v: Vec<Duration>| {
        let from = v.len().saturating_sub(reps);
        v.drain(..from);
        v
    };
    let handling = skip(log.latencies("volunteer.queue"));
    let page_handling = skip(log.latencies("volunteer.queue_page"));

    let rounds_took = rounds_started.elapsed();

    // The queries alone, on the bot's pool (the bot is idle now).
    let (mut both, mut len, mut page1, mut page2) = (vec![], vec![], vec![], vec![]);
    for round in 0..WARMUP + reps {
        let t = Instant::now();
        let total = app.db.queue_len().await.unwrap();
        let l = t.elapsed();
        let rows = app.db.queue(5, 0).await.unwrap();
        let b = t.elapsed();
        let t = Instant::now();
        let rows2 = app.db.queue(5, 5).await.unwrap();
        let p2 = t.elapsed();
        assert_eq!(total, open);
        assert_eq!(rows.len(), open.min(5) as usize);
        assert_eq!(rows2.len(), (open - 5).clamp(0, 5) as usize);
        if round >= WARMUP {
            both.push(b);
            len.push(l);
            page1.push(b - l);
            page2.push(p2);
        }
    }
    println!(
        "first /queue after the start (cold): {}; the rounds took {rounds_took:.1?}",
        ms(first.unwrap_or_default())
    );
    println!();
    println!("| {n} cases, {open} open | p50 | p99 | max | rounds |");
    println!("|---|---:|---:|---:|---:|");
    let rows = [
        ("`/queue` handling (bot's `latency_us`)", handling),
        ("`/queue` answer (push → 7th reply recorded)", answers),
        (
            "`/queue` sending its 7 replies (1st sendMessage in → 7th answered)",
            sendings,
        ),
        ("page 2 button handling", page_handling),
        ("page 2 answer (press → button answered)", page_answers),
        ("DB: `queue_len` + `queue` page 1", both),
        ("DB: `queue_len` (COUNT of open cases)", len),
        ("DB: `queue` page 1", page1),
        ("DB: `queue` page 2", page2),
        (
            "DB: retention pass, nothing due (holds the write lock)",
            retention,
        ),
    ];
    for (what, values) in rows {
        let s = Stats::of(values);
        println!(
            "| {what} | {} | {} | {} | {} |",
            ms(s.p50),
            ms(s.p99),
            ms(s.max),
            s.n
        );
    }
    // A graceful stop can wait on the last long poll; the figures are out already.
    let _ = tokio::time::timeout(Duration::from_secs(5), running.stop()).await;
    emu.shutdown();
}

/// The first answer is the queue as the volunteer should see it: the count, critical first.
fn check_first_page(emu: &Emulator, before: usize, open: i64, pages: i64) {
    let sent = emu.sent(VOLUNTEER);
    let page = &sent[before..];
    let title = page[0].text.clone().unwrap_or_default();
    assert!(
        title.contains(&open.to_string()) && title.contains(&pages.to_string()),
        "queue title: {title:?}"
    );
    let first_card = page[1].text.clone().unwrap_or_default();
    assert!(
        first_card.starts_with("🚨"),
        "the first card is not a critical case: {first_card:?}"
    );
}
