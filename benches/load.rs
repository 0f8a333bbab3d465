//! Load benchmark: N simulated requesters fill in the survey at the same time against the Bot
//! API emulator, each answering as soon as the bot has answered them (no think time: the bot
//! is saturated). The bot is the real release binary, in its own process, so its CPU time and
//! peak memory can be read from /proc; the emulator and the simulated people run here.
//!
//! ```sh
//! cargo bench --bench load                 # N = 100, 1000, 10000
//! cargo bench --bench load -- 1000         # or LOAD_N=100,1000
//! LOAD_DANGER=0.05 cargo bench --bench load -- 100   # share answering "in danger" (default 0.02)
//! LOAD_RTT_MS=0 LOAD_THROTTLE=off cargo bench --bench load -- 200
//! ```
//!
//! `LOAD_LOG=path` keeps the bot's log of the last run; `LOAD_MODE=webhook` runs the bot in
//! webhook mode (the emulator posts each update to it, as Telegram does) instead of polling.
//!
//! `LOAD_RTT_MS` (default 50) is the round trip every Bot API call pays, as a real Bot API
//! 30–150 ms away; `LOAD_THROTTLE` (`on`, the default, or `off`) is the bot's `THROTTLE`.
//!
//! Reported per N: updates handled per second (wall clock, first /start to last Submit);
//! p50/p99 of the bot's own handling latency per update (its `latency_us` log field, from the
//! update reaching the handler tree to the last reply sent); p50/p99 from pushing an update to
//! the bot's complete answer (includes waiting in getUpdates batches, so it grows with N); from
//! pushing an update to the bot's first reply to it (a message, an edit or the answered
//! button); the bot's CPU time per update; its peak RSS; the database size per 1,000 cases;
//! messages sent per second (against Telegram's 30/s), and in the summary line the outbox's own
//! pace in its busiest 10 seconds (what the throttle holds to Telegram's limits).

#[path = "../tests/it/e2e_common/mod.rs"]
mod e2e_common;

use std::{
    collections::HashMap,
    path::Path,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use botapi_emulator::{ChatKind, Emulator, Event, SentMessage};
use e2e_common::{BotProcess, DbView, Rng, Screen, Staff, screen_of, spawn_binary_with};
use evac_intake::survey::{Kind, Survey};
use tokio::sync::mpsc;

const SUPERVISOR: i64 = 9_001;
const VOLUNTEERS: i64 = -1_009_001;
const FIRST_PERSON: i64 = 1_000_001;
/// One person's step may wait this long for the bot before the run counts them as stuck.
const STEP_LIMIT: Duration = Duration::from_secs(300);

fn main() {
    let ns: Vec<usize> = {
        let from_args: Vec<usize> = std::env::args()
            .skip(1)
            .filter(|a| !a.starts_with('-'))
            .filter_map(|a| a.parse().ok())
            .collect();
        if !from_args.is_empty() {
            from_args
        } else if let Ok(list) = std::env::var("LOAD_N") {
            list.split(',')
                .filter_map(|n| n.trim().parse().ok())
                .collect()
        } else {
            vec![100, 1_000, 10_000]
        }
    };
    let danger: f64 = std::env::var("LOAD_DANGER")
        .ok()
        .and_then(|d| d.parse().ok())
        .unwrap_or(0.02);
    let rtt = Duration::from_millis(
        std::env::var("LOAD_RTT_MS")
            .ok()
            .and_then(|d| d.parse().ok())
            .unwrap_or(50),
    );
    let throttle = std::env::var("LOAD_THROTTLE").unwrap_or_else(|_| "on".into()) != "off";
    let webhook = std::env::var("LOAD_MODE").is_ok_and(|m| m == "webhook");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    println!(
        "load: N = {ns:?}, {:.0}% answer \"in danger\", round trip {rtt:?}, throttle {}, {}, machine: {} cores",
        danger * 100.0,
        if throttle { "on" } else { "off" },
        if webhook { "webhook" } else { "long polling" },
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let mut rows = Vec::new();
    for n in ns {
        let row = runtime.block_on(run(n, danger, rtt, throttle, webhook));
        println!("{}", row.line());
        rows.push(row);
    }
    println!();
    println!(
        "| mode | RTT | throttle | concurrent surveys | updates | updates/s | first reply p50 | first reply p99 | complete answer p50 | complete answer p99 | handling p50 | handling p99 | bot CPU/update | bot peak RSS | sends/s | DB per 1,000 cases |"
    );
    println!("|:---:|---:|:---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for row in &rows {
        println!("{}", row.markdown());
    }
}

struct Row {
    n: usize,
    rtt: Duration,
    throttle: bool,
    webhook: bool,
    first: Percentiles,
    sends: u64,
    registered: i64,
    stuck: usize,
    updates: usize,
    wall: Duration,
    handling: Percentiles,
    answer: Percentiles,
    cpu_per_update: Duration,
    peak_rss_kb: u64,
    db_bytes: u64,
    /// Messages the outbox sent (its `sent` rows) in its busiest 10 seconds, per second: the
    /// throttle's pace while it has a backlog, against Telegram's 30/s.
    outbox_busiest: f64,
    lagged: u64,
    harness_cpu: Duration,
}

#[derive(Default)]
struct Percentiles {
    p50: Duration,
    p99: Duration,
}

impl Percentiles {
    fn of(mut values: Vec<Duration>) -> Percentiles {
        if values.is_empty() {
            return Percentiles::default();
        }
        values.sort();
        let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
        Percentiles {
            p50: at(0.50),
            p99: at(0.99),
        }
    }
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms >= 100.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{ms:.2} ms")
    }
}

impl Row {
    fn ups(&self) -> f64 {
        self.updates as f64 / self.wall.as_secs_f64()
    }

    fn per_1000(&self) -> String {
        if self.registered == 0 {
            return "-".into();
        }
        format!(
            "{:.2} MB",
            self.db_bytes as f64 / self.registered as f64 * 1000.0 / 1_048_576.0
        )
    }

    fn line(&self) -> String {
        format!(
            "N={}: {} registered ({} stuck), {} updates in {:.1?} = {:.0}/s; handling p50 {} p99 {}; \
             first reply p50 {} p99 {}; answer p50 {} p99 {}; bot CPU {}/update; peak RSS {:.1} MB; \
             {:.1} sends/s (the outbox {:.1}/s in its busiest 10 s); DB {} per 1,000 cases; \
             events lagged {}; harness CPU {:.1?}",
            self.n,
            self.registered,
            self.stuck,
            self.updates,
            self.wall,
            self.ups(),
            ms(self.handling.p50),
            ms(self.handling.p99),
            ms(self.first.p50),
            ms(self.first.p99),
            ms(self.answer.p50),
            ms(self.answer.p99),
            ms(self.cpu_per_update),
            self.peak_rss_kb as f64 / 1024.0,
            self.sends_per_sec(),
            self.outbox_busiest,
            self.per_1000(),
            self.lagged,
            self.harness_cpu,
        )
    }

    fn markdown(&self) -> String {
        format!(
            "| {} | {} ms | {} | {} | {} | {:.0} | {} | {} | {} | {} | {} | {} | {} | {:.1} MB | {:.1} | {} |",
            if self.webhook { "webhook" } else { "polling" },
            self.rtt.as_millis(),
            if self.throttle { "on" } else { "off" },
            self.n,
            self.updates,
            self.ups(),
            ms(self.first.p50),
            ms(self.first.p99),
            ms(self.answer.p50),
            ms(self.answer.p99),
            ms(self.handling.p50),
            ms(self.handling.p99),
            ms(self.cpu_per_update),
            self.peak_rss_kb as f64 / 1024.0,
            self.sends_per_sec(),
            self.per_1000(),
        )
    }

    fn sends_per_sec(&self) -> f64 {
        self.sends as f64 / self.wall.as_secs_f64()
    }
}

/// (utime + stime) of a process.
fn cpu_time(pid: &str) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The command name may contain spaces: fields are counted after its closing bracket.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: u64 = fields.get(11).and_then(|f| f.parse().ok()).unwrap_or(0)
        + fields.get(12).and_then(|f| f.parse().ok()).unwrap_or(0);
    Duration::from_secs_f64(ticks as f64 / clock_ticks() as f64)
}

fn clock_ticks() -> u64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100)
}

/// VmHWM: the peak resident set size, in kB.
fn peak_rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// The bot's per-update log lines during the load: their `latency_us`.
fn handling_latencies(log: &Path, skip_lines: usize) -> Vec<Duration> {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    text.lines()
        .skip(skip_lines)
        .filter(|l| l.contains("update_id="))
        .filter_map(|l| {
            let clean = e2e_common::strip_ansi(l);
            let at = clean.find("latency_us=")?;
            let digits: String = clean[at + 11..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().ok().map(Duration::from_micros)
        })
        .collect()
}

/// Routes the emulator's events to each simulated person.
type Routes = Arc<Mutex<HashMap<i64, mpsc::UnboundedSender<Event>>>>;

fn route(events: &Event) -> Option<i64> {
    match events {
        Event::Sent(m) | Event::Edited(m) => Some(m.chat_id),
        Event::CallbackAnswered(a) => Some(a.chat_id),
        _ => None,
    }
}

async fn run(n: usize, danger: f64, rtt: Duration, throttle: bool, webhook: bool) -> Row {
    let emu = Emulator::start().await.unwrap();
    emu.register_chat(SUPERVISOR, ChatKind::Private);
    emu.group(VOLUNTEERS).title("Volunteers");
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("load.db");
    let log = dir.path().join("bot.log");
    let staff = Staff {
        supervisors: vec![SUPERVISOR],
        volunteer_chat: Some(VOLUNTEERS),
    };
    let throttle_env = if throttle { "on" } else { "off" };
    // LOAD_MODE=webhook: the emulator posts updates to the bot, as Telegram does.
    let hook = if webhook {
        e2e_common::webhook_settings("load-bench-secret")
    } else {
        Vec::new()
    };
    let mut env: Vec<(&str, &str)> = vec![("THROTTLE", throttle_env)];
    env.extend(hook.iter().map(|(k, v)| (*k, v.as_str())));
    let mut bot: BotProcess = spawn_binary_with(&emu, &db_path, &staff, "info", &log, &env);
    let pid = bot.id();
    // Ready: the database exists and the bot polls.
    let _ = DbView::open_when_ready(&db_path).await;
    emu.wait_until(Duration::from_secs(30), |e| {
        !e.calls_to(if webhook { "setWebhook" } else { "getUpdates" })
            .is_empty()
    })
    .await;
    let survey = e2e_common::survey();
    let log_lines_before = std::fs::read_to_string(&log)
        .map(|t| t.lines().count())
        .unwrap_or(0);
    // From here on every call pays the round trip (startup did not: it is not measured).
    emu.set_round_trip(rtt);
    let cpu_before = cpu_time(&pid.to_string());
    let harness_before = cpu_time("self");

    let routes: Routes = Arc::default();
    let lagged = Arc::new(AtomicU64::new(0));
    let sends = Arc::new(AtomicU64::new(0));
    let mut events = emu.events();
    let router = {
        let (routes, lagged, sends) = (routes.clone(), lagged.clone(), sends.clone());
        tokio::spawn(async move {
            loop {
                match events.recv().await {
                    Ok(event) => {
                        if matches!(event, Event::Sent(_)) {
                            sends.fetch_add(1, Ordering::Relaxed);
                        }
                        if let Some(chat) = route(&event)
                            && let Some(tx) = routes.lock().unwrap().get(&chat)
                        {
                            let _ = tx.send(event);
                        }
                    }
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(k)) => {
                        lagged.fetch_add(k, Ordering::Relaxed);
                    }
                    Err(_) => break,
                }
            }
        })
    };
    // The call log would only grow: nothing reads it during the load.
    let janitor = {
        let emu = emu.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_secs(1)).await;
                emu.clear_calls();
            }
        })
    };

    let started = Instant::now();
    let mut people = Vec::with_capacity(n);
    for i in 0..n {
        let id = FIRST_PERSON + i as i64;
        let (tx, rx) = mpsc::unbounded_channel();
        routes.lock().unwrap().insert(id, tx);
        let (emu, survey, lagged) = (emu.clone(), survey.clone(), lagged.clone());
        people.push(tokio::spawn(async move {
            person(emu, survey, id, rx, danger, lagged).await
        }));
    }
    let mut answer_latencies = Vec::new();
    let mut first_latencies = Vec::new();
    let mut stuck = 0;
    let mut updates = 0;
    for p in people {
        match p.await.unwrap() {
            Ok((steps, first)) => {
                updates += steps.len();
                answer_latencies.extend(steps);
                first_latencies.extend(first);
            }
            Err((steps, why)) => {
                stuck += 1;
                updates += steps;
                if stuck <= 3 {
                    eprintln!("stuck: {why}");
                }
            }
        }
    }
    let wall = started.elapsed();
    let sends = sends.load(Ordering::Relaxed);
    let cpu = cpu_time(&pid.to_string()) - cpu_before;
    let harness_cpu = cpu_time("self") - harness_before;
    let peak = peak_rss_kb(pid);
    // Let the outbox finish (alerts), then stop the bot and measure the database.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let handling = handling_latencies(&log, log_lines_before);
    bot.kill();
    // LOAD_LOG=path keeps the bot's log of the last run (it holds ids only).
    if let Ok(keep) = std::env::var("LOAD_LOG") {
        let _ = std::fs::copy(&log, keep);
    }
    router.abort();
    janitor.abort();
    let db = DbView::open(&db_path).await;
    let registered = db
        .count("SELECT COUNT(*) FROM cases WHERE submitted = 1")
        .await;
    let outbox_busiest = busiest_ten_seconds(
        &sqlx::query_as(
            "SELECT sent_at, COUNT(*) FROM outbox WHERE status = 'sent' GROUP BY sent_at",
        )
        .fetch_all(&db.pool)
        .await
        .unwrap(),
    );
    let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&db.pool)
        .await;
    let db_bytes = db
        .count("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")
        .await as u64;
    db.close().await;
    emu.shutdown();
    let lagged = lagged.load(Ordering::Relaxed);
    Row {
        n,
        rtt,
        throttle,
        webhook,
        first: Percentiles::of(first_latencies),
        sends,
        registered,
        stuck,
        updates: updates.max(handling.len()),
        wall,
        handling: Percentiles::of(handling.clone()),
        answer: Percentiles::of(answer_latencies),
        cpu_per_update: cpu / handling.len().max(1) as u32,
        peak_rss_kb: peak,
        db_bytes,
        outbox_busiest,
        lagged,
        harness_cpu,
    }
}

/// Of rows (second, messages sent in it), the most sent in any 10 consecutive seconds, per
/// second; over the seconds from the first send to the last when that is shorter (a short run
/// would otherwise count as idle the seconds after it ended).
fn busiest_ten_seconds(per_second: &[(i64, i64)]) -> f64 {
    let (Some(first), Some(last)) = (
        per_second.iter().map(|(s, _)| *s).min(),
        per_second.iter().map(|(s, _)| *s).max(),
    ) else {
        return 0.0;
    };
    let window = (last - first + 1).min(10);
    let count: HashMap<i64, i64> = per_second.iter().copied().collect();
    let most = (first..=last + 1 - window)
        .map(|start| {
            (start..start + window)
                .map(|s| count.get(&s).copied().unwrap_or(0))
                .sum::<i64>()
        })
        .max()
        .unwrap_or(0);
    most as f64 / window as f64
}

/// What the person is waiting for after their input.
enum Awaiting {
    /// The answer to a button press on screen `after`: the press answered (its spinner
    /// stopped, which the bot does first) and the reply: a new screen, the same screen edited
    /// with new check marks, or (after Submit) the confirmation.
    Press {
        query: String,
        after: i32,
        answered: bool,
        replied: bool,
    },
    /// A new screen (after a typed message).
    Screen(i32),
}

impl Awaiting {
    fn press(query: String, after: i32) -> Self {
        Awaiting::Press {
            query,
            after,
            answered: false,
            replied: false,
        }
    }

    fn done(&self) -> bool {
        match self {
            Awaiting::Press {
                answered, replied, ..
            } => *answered && *replied,
            Awaiting::Screen(_) => false,
        }
    }
}

/// One person: /start, consent, every question, Submit. Returns the time from each input to
/// the bot's complete answer, or (when stuck) how many inputs they sent.
async fn person(
    emu: Emulator,
    survey: Survey,
    id: i64,
    mut rx: mpsc::UnboundedReceiver<Event>,
    danger: f64,
    lagged: Arc<AtomicU64>,
) -> Result<(Vec<Duration>, Vec<Duration>), (usize, String)> {
    let mut rng = Rng::new(id as u64 * 7919);
    let user = emu.user(id).language(["uk", "ru", "en"][id as usize % 3]);
    let mut latest: Option<SentMessage> = None;
    let mut submitted = false;
    let mut latencies = Vec::new();
    let mut firsts = Vec::new();
    user.send_command("/start");
    let mut awaiting = Awaiting::Screen(0);
    let mut sent_at = Instant::now();
    loop {
        // Wait for the bot's complete answer to the last input, reading the chat's events in
        // order (so the screen is up to date when the answer is complete).
        let deadline = tokio::time::Instant::now() + STEP_LIMIT;
        let mut done = false;
        let mut first: Option<Duration> = None;
        while !done {
            let event = tokio::time::timeout(Duration::from_secs(5), rx.recv()).await;
            if first.is_none() && matches!(event, Ok(Some(_))) {
                first = Some(sent_at.elapsed());
            }
            match event {
                Ok(Some(Event::Sent(m))) => {
                    match &mut awaiting {
                        Awaiting::Screen(after) => {
                            done |= has_buttons(&m) && m.message_id > *after;
                        }
                        Awaiting::Press { after, replied, .. } => {
                            *replied |= m.message_id > *after && (has_buttons(&m) || submitted);
                        }
                    }
                    if has_buttons(&m) {
                        latest = Some(m);
                    }
                    done |= awaiting.done();
                }
                Ok(Some(Event::Edited(m))) => {
                    if latest
                        .as_ref()
                        .is_some_and(|l| l.message_id == m.message_id)
                    {
                        if let Awaiting::Press { after, replied, .. } = &mut awaiting {
                            // A toggle: the same question, its check marks changed.
                            *replied |= m.message_id == *after && has_buttons(&m);
                        }
                        latest = has_buttons(&m).then_some(m);
                    }
                    done |= awaiting.done();
                }
                Ok(Some(Event::CallbackAnswered(a))) => {
                    if let Awaiting::Press {
                        query, answered, ..
                    } = &mut awaiting
                    {
                        *answered |= *query == a.callback_query_id;
                    }
                    done |= awaiting.done();
                }
                Ok(Some(_)) => {}
                Ok(None) => return Err(stuck(&emu, id, &latencies, "(events closed)")),
                Err(_) => {
                    // Quiet for 5 s. Only if the event stream lagged (events were lost) is it
                    // worth looking at the chat itself; otherwise the bot is just busy.
                    if tokio::time::Instant::now() > deadline {
                        return Err(stuck(&emu, id, &latencies, "(timed out)"));
                    }
                    if lagged.load(Ordering::Relaxed) == 0 {
                        continue;
                    }
                    let screen = emu.sent(id).into_iter().rev().find(has_buttons);
                    done = match &awaiting {
                        Awaiting::Press { query, after, .. } => {
                            emu.is_answered(query)
                                && (submitted
                                    || screen.as_ref().is_some_and(|m| {
                                        m.message_id > *after
                                            || (m.message_id == *after && m.edited)
                                    }))
                        }
                        Awaiting::Screen(after) => {
                            screen.as_ref().is_some_and(|m| m.message_id > *after)
                        }
                    };
                    if done {
                        latest = screen;
                    }
                }
            }
        }
        latencies.push(sent_at.elapsed());
        firsts.push(first.unwrap_or_else(|| sent_at.elapsed()));
        if submitted {
            return Ok((latencies, firsts));
        }
        // The next input, from the screen in front of them.
        let Some(screen) = latest.as_ref().and_then(|m| screen_of(m, &survey)) else {
            return Err(stuck(&emu, id, &latencies, "(no screen)"));
        };
        sent_at = Instant::now();
        let screen_id = latest.as_ref().map_or(0, |m| m.message_id);
        awaiting = match screen {
            Screen::Consent {
                message_id,
                buttons,
            } => {
                let agree = buttons.iter().find(|(_, d)| d.starts_with("c:y")).unwrap();
                Awaiting::press(user.press(message_id, &agree.1), screen_id)
            }
            Screen::Summary { message_id, .. } => {
                submitted = true;
                Awaiting::press(user.press(message_id, "sub"), screen_id)
            }
            Screen::Question {
                message_id,
                id: q,
                buttons,
                ..
            } => {
                let question = survey.question(&q).unwrap();
                match question.kind {
                    Kind::Single | Kind::YesNo => {
                        let (urgent, calm): (Vec<usize>, Vec<usize>) = (0..question.choices.len())
                            .partition(|&i| question.emergency.contains(&question.choices[i]));
                        let i = if !urgent.is_empty() && rng.chance(danger) {
                            *rng.pick(&urgent)
                        } else {
                            *rng.pick(&calm)
                        };
                        Awaiting::press(user.press(message_id, &format!("a:{q}:{i}")), screen_id)
                    }
                    Kind::Multi => {
                        let chosen = buttons.iter().any(|(label, _)| label.starts_with('✅'));
                        if chosen {
                            Awaiting::press(user.press(message_id, &format!("d:{q}")), screen_id)
                        } else {
                            let i = rng.below(question.choices.len());
                            Awaiting::press(
                                user.press(message_id, &format!("t:{q}:{i}")),
                                screen_id,
                            )
                        }
                    }
                    Kind::Number => {
                        let i = rng.below(question.quick.len().max(1));
                        Awaiting::press(user.press(message_id, &format!("a:{q}:{i}")), screen_id)
                    }
                    Kind::Text => {
                        user.send_text("insulin, twice a day");
                        Awaiting::Screen(screen_id)
                    }
                    Kind::Location => {
                        user.send_text(&format!("Village {}, street {}", id % 977, id % 31));
                        Awaiting::Screen(screen_id)
                    }
                    Kind::Phone => {
                        user.send_contact(&format!("+38067{:07}", id % 10_000_000), Some(id));
                        Awaiting::Screen(screen_id)
                    }
                    Kind::Consent => return Err(stuck(&emu, id, &latencies, "(consent question)")),
                }
            }
            Screen::Other { .. } | Screen::Nothing => {
                return Err(stuck(&emu, id, &latencies, "(unknown screen)"));
            }
        };
    }
}

/// Why a person could not go on: their last messages, for the report.
fn stuck(emu: &Emulator, id: i64, latencies: &[Duration], why: &str) -> (usize, String) {
    let last: Vec<String> = emu
        .sent(id)
        .iter()
        .rev()
        .take(3)
        .map(|m| format!("{:?} {:?}", m.text_or_empty(), m.buttons()))
        .collect();
    (
        latencies.len(),
        format!(
            "person {id} after {} inputs {why}: {last:?}",
            latencies.len()
        ),
    )
}

fn has_buttons(m: &SentMessage) -> bool {
    !m.buttons().is_empty() || !m.keyboard_buttons().is_empty()
}
