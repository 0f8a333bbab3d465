//! `evac-intake simulate`: try the bot without a Telegram token.
//!
//! The real bot (the same handlers, database code and texts) runs in this process against the
//! Bot API emulator (`botapi-emulator`, on 127.0.0.1), and the terminal becomes a Telegram
//! chat: you are a person asking for help. The bot's messages are printed with their buttons
//! numbered; type a number to press one, or type text (or a /command) to send it. Lines that
//! start with `:` talk to the simulator (`:help` lists them), e.g. `:s` shows what supervisors
//! received (critical alerts) and lets you write as a supervisor.
//!
//! Reads lines from stdin, so a session can be piped in (`printf '/start\n1\n' | evac-intake
//! simulate`). The database is a temporary file, removed at the end, unless `--db PATH`.

use std::{
    collections::{BTreeMap, HashMap},
    io::{IsTerminal, Write},
    path::{Path, PathBuf},
    process::ExitCode,
    time::{Duration, Instant},
};

use botapi_emulator::{ChatKind, Emulator, Event, SentMessage, UserHandle};
use tokio::sync::{broadcast, mpsc};

use crate::{bot, check, config::Config, db::Db, i18n::Lang};

const USAGE: &str = "usage: evac-intake simulate [--db PATH] [--lang uk|ru|en]
  --db PATH    keep the database in PATH (default: a temporary file, removed at the end)
  --lang CODE  the Telegram language of the simulated person (default: DEFAULT_LANGUAGE)";

const HELP: &str = "\
You are a person writing to the bot. Type a number to press a button, or type text
(a number that is not a button's is sent as text; `:say 5` sends 5 even if there is a [5]).
Bot commands work as in Telegram: /start /help /lang /cancel /status
Simulator commands:
  :s, :supervisor     switch to the supervisor's chat (alerts they received; you write as them)
  :v, :volunteers     show the volunteer group (read only)
  :r, :requester      back to the person's chat
  :user N             become another person (Telegram id N)
  :location LAT LON   share a location        :contact [PHONE]   share your phone number
  :photo  :sticker  :voice  :document          send media
  :db                 where the database is, and how many cases it holds
  :q, :quit           stop (also Ctrl-D)";

/// Simulated Telegram ids. The supervisor has pressed Start (Telegram lets a bot write only to
/// people who did).
const SUPERVISOR: i64 = 1_000_001;
const VOLUNTEER_GROUP: i64 = -1_000_000_001;
const FIRST_PERSON: i64 = 100_001;
const TOKEN: &str = "1000000:SIMULATEsimulateSIMULATE";
/// How long to wait for the bot to answer one input.
const ANSWER_WAIT: Duration = Duration::from_secs(10);
/// After the bot handled an input, messages sent in the background (alerts through the
/// outbox) still get this long of quiet to arrive before the prompt comes back.
const QUIET: Duration = Duration::from_millis(150);

struct Options {
    db: Option<PathBuf>,
    lang: Option<String>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        db: None,
        lang: None,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--db" => {
                let path = args.next().ok_or("--db needs a path")?;
                options.db = Some(PathBuf::from(path));
            }
            "--lang" => {
                let code = args.next().ok_or("--lang needs a language code")?;
                if Lang::from_code(code).is_none() {
                    return Err(format!("--lang: '{code}' is not one of: uk, ru, en"));
                }
                options.lang = Some(code.clone());
            }
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument '{other}'")),
        }
    }
    Ok(options)
}

/// Entry point for `evac-intake simulate [args]`.
pub fn main(config: Config, args: &[String]) -> ExitCode {
    let options = match parse(args) {
        Ok(o) => o,
        Err(e) if e.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("{e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let (survey, locales) = match check::load_all(&config.dialogue_file, &config.locales_dir) {
        Ok(loaded) => loaded,
        Err(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            eprintln!("the survey or its texts are invalid (run `evac-intake check`)");
            return ExitCode::from(1);
        }
    };
    if std::env::var_os("RUST_LOG").is_some() {
        // Logs would garble the chat on stdout: they go to stderr, and only when asked for.
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .with_writer(std::io::stderr)
            .with_ansi(std::io::stderr().is_terminal())
            .with_target(false)
            .try_init();
    }
    let (db_path, temporary) = match &options.db {
        Some(path) => (path.clone(), false),
        None => (temporary_db(), true),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    let lang = options
        .lang
        .clone()
        .unwrap_or_else(|| config.default_language.code().to_owned());
    let session_db = db_path.clone();
    let code = runtime.block_on(async move {
        let db_path = session_db;
        let mut config = config;
        config.database_url = format!("sqlite://{}", db_path.display());
        config.supervisor_ids = vec![SUPERVISOR];
        config.volunteer_chat_id = Some(VOLUNTEER_GROUP);
        let db = match Db::connect(&config.database_url).await {
            Ok(db) => db,
            Err(e) => {
                eprintln!("{}: {e}", db_path.display());
                return ExitCode::from(2);
            }
        };
        let emu = match Emulator::start().await {
            Ok(emu) => emu,
            Err(e) => {
                eprintln!("cannot start the Bot API emulator on 127.0.0.1: {e}");
                return ExitCode::from(1);
            }
        };
        let app = bot::App::new(db.clone(), survey, locales, config);
        let tg = match emu.api_url().parse() {
            Ok(url) => teloxide::Bot::new(TOKEN).set_api_url(url),
            Err(e) => {
                eprintln!("emulator address: {e}");
                return ExitCode::from(1);
            }
        };
        let mut session = Session::new(emu.clone(), db.clone(), db_path.clone(), lang);
        let running = bot::spawn(app, tg, false).await;
        session.run().await;
        let cases = session.case_count().await;
        if tokio::time::timeout(Duration::from_secs(5), running.stop())
            .await
            .is_err()
        {
            eprintln!("(the bot did not stop within 5 s)");
        }
        emu.shutdown();
        db.pool().close().await;
        if options.db.is_some() {
            println!(
                "{cases} case(s) in {} (kept; run again with --db to continue)",
                db_path.display()
            );
        } else {
            println!(
                "{cases} case(s) registered in this session; the temporary database is removed"
            );
        }
        ExitCode::SUCCESS
    });
    drop(runtime);
    if temporary {
        remove_db(&db_path);
    }
    code
}

fn temporary_db() -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    std::env::temp_dir().join(format!(
        "evac-intake-simulate-{}-{nanos}.db",
        std::process::id()
    ))
}

fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// A button the person can press by its number.
#[derive(Debug, Clone)]
enum Choice {
    Inline {
        message_id: i32,
        data: String,
    },
    Reply {
        text: String,
        location: bool,
        contact: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Requester,
    Supervisor,
}

struct Session {
    emu: Emulator,
    db: Db,
    db_path: PathBuf,
    lang: String,
    person: i64,
    view: View,
    events: broadcast::Receiver<Event>,
    /// The numbered buttons of the latest message with buttons, per chat.
    buttons: HashMap<i64, Vec<Choice>>,
    /// Messages the viewed chat did not see yet, per other chat.
    unseen: BTreeMap<i64, usize>,
    interactive: bool,
}

impl Session {
    fn new(emu: Emulator, db: Db, db_path: PathBuf, lang: String) -> Session {
        let events = emu.events();
        Session {
            emu,
            db,
            db_path,
            lang,
            person: FIRST_PERSON,
            view: View::Requester,
            events,
            buttons: HashMap::new(),
            unseen: BTreeMap::new(),
            interactive: std::io::stdin().is_terminal(),
        }
    }

    fn chat(&self) -> i64 {
        match self.view {
            View::Requester => self.person,
            View::Supervisor => SUPERVISOR,
        }
    }

    fn user(&self) -> UserHandle {
        let user = self.emu.user(self.chat());
        match self.view {
            View::Requester => user.language(&self.lang).first_name("Test person"),
            View::Supervisor => user.language(&self.lang).first_name("Supervisor"),
        }
    }

    async fn run(&mut self) {
        println!("evac-intake simulate: the real bot against a local Telegram stand-in.");
        println!(
            "Database: {}. Supervisor: simulated id {SUPERVISOR}. Volunteer group: {VOLUNTEER_GROUP}.",
            self.db_path.display()
        );
        // The supervisor pressed Start once, as they must in Telegram; their chat is kept apart.
        self.emu.group(VOLUNTEER_GROUP).title("Volunteers");
        self.emu.register_chat(SUPERVISOR, ChatKind::Private);
        self.emu
            .user(SUPERVISOR)
            .language(&self.lang)
            .first_name("Supervisor")
            .send_command("/start");
        self.settle().await;
        while let Ok(event) = self.events.try_recv() {
            if let Event::Sent(m) | Event::Edited(m) = &event {
                self.remember_buttons(m);
            }
        }
        println!(
            "You are a person asking for help (Telegram id {}, language {}). Type /start to begin; :help for more.",
            self.person, self.lang
        );
        let mut lines = stdin_lines();
        loop {
            if self.interactive {
                print!("{}> ", self.prompt());
                let _ = std::io::stdout().flush();
            }
            let Some(line) = lines.recv().await else {
                break;
            };
            let line = line.trim_end_matches(['\r', '\n']).to_owned();
            if !self.interactive && !line.is_empty() {
                println!("{}> {line}", self.prompt());
            }
            if !self.handle(line.trim()).await {
                break;
            }
        }
    }

    fn prompt(&self) -> String {
        match self.view {
            View::Requester => format!("person {}", self.person),
            View::Supervisor => "supervisor".to_owned(),
        }
    }

    /// One line of input. `false`: quit.
    async fn handle(&mut self, line: &str) -> bool {
        if line.is_empty() {
            return true;
        }
        if let Some(command) = line.strip_prefix(':') {
            return self.simulator_command(command).await;
        }
        let user = self.user();
        if let Ok(n) = line.parse::<usize>() {
            let choices = self.buttons.get(&self.chat()).cloned().unwrap_or_default();
            match n.checked_sub(1).and_then(|i| choices.get(i)) {
                Some(Choice::Inline { message_id, data }) => {
                    user.press(*message_id, data);
                }
                Some(Choice::Reply { location: true, .. }) => {
                    user.send_location(50.4501, 30.5234);
                }
                Some(Choice::Reply { contact: true, .. }) => {
                    user.send_contact("+380671234567", Some(user.id()));
                }
                Some(Choice::Reply { text, .. }) => {
                    user.send_text(text);
                }
                None => {
                    // Not a button number: the number is an answer (e.g. how many people).
                    user.send_text(line);
                }
            }
        } else if line.starts_with('/') {
            user.send_command(line);
        } else {
            user.send_text(line);
        }
        self.settle().await;
        self.drain();
        true
    }

    async fn simulator_command(&mut self, command: &str) -> bool {
        let mut words = command.split_whitespace();
        let name = words.next().unwrap_or_default();
        let rest: Vec<&str> = words.collect();
        let user = self.user();
        match name {
            "q" | "quit" | "exit" => return false,
            "h" | "help" | "?" => println!("{HELP}"),
            "s" | "supervisor" => {
                self.view = View::Supervisor;
                println!("── the supervisor's chat (what supervisors received) ──");
                self.replay(SUPERVISOR);
            }
            "r" | "requester" => {
                self.view = View::Requester;
                println!("── person {}'s chat ──", self.person);
                self.replay(self.person);
            }
            "v" | "volunteers" => {
                println!("── the volunteer group (read only) ──");
                self.replay(VOLUNTEER_GROUP);
                println!("── back in {}'s chat ──", self.prompt());
            }
            "user" => match rest.first().and_then(|n| n.parse::<i64>().ok()) {
                Some(id) if id > 0 && id != SUPERVISOR => {
                    self.person = id;
                    self.view = View::Requester;
                    println!("── you are person {id} now ──");
                    self.replay(id);
                }
                _ => println!("  (:user needs a positive Telegram id, e.g. :user 100002)"),
            },
            "say" => {
                user.send_text(&rest.join(" "));
                self.settle().await;
            }
            "location" => {
                let coords: Vec<f64> = rest.iter().filter_map(|w| w.parse().ok()).collect();
                let (lat, lon) = match coords.as_slice() {
                    [lat, lon] => (*lat, *lon),
                    _ => (50.4501, 30.5234),
                };
                user.send_location(lat, lon);
                self.settle().await;
            }
            "contact" => {
                let phone = rest.first().copied().unwrap_or("+380671234567");
                user.send_contact(phone, Some(user.id()));
                self.settle().await;
            }
            "photo" => {
                user.send_photo();
                self.settle().await;
            }
            "sticker" => {
                user.send_sticker();
                self.settle().await;
            }
            "voice" => {
                user.send_voice();
                self.settle().await;
            }
            "document" => {
                user.send_document("document.pdf");
                self.settle().await;
            }
            "db" => println!(
                "  {}: {} case(s)",
                self.db_path.display(),
                self.case_count().await
            ),
            other => println!("  (unknown :{other}; :help lists the commands)"),
        }
        self.drain();
        true
    }

    /// Waits until the bot handled everything sent, then for a short quiet spell.
    async fn settle(&mut self) {
        let deadline = Instant::now() + ANSWER_WAIT;
        while self.emu.pending_updates() > 0 {
            if Instant::now() >= deadline {
                println!("  (the bot did not answer within {ANSWER_WAIT:?})");
                return;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let mut last = self.emu.sent_count();
        let mut quiet_since = Instant::now();
        while quiet_since.elapsed() < QUIET && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(10)).await;
            let now = self.emu.sent_count();
            if now != last {
                last = now;
                quiet_since = Instant::now();
            }
        }
    }

    /// Prints what happened since the last call.
    fn drain(&mut self) {
        let before = self.unseen.clone();
        loop {
            match self.events.try_recv() {
                Ok(event) => self.show(event),
                Err(broadcast::error::TryRecvError::Lagged(n)) => {
                    println!("  ({n} events skipped)");
                }
                Err(_) => break,
            }
        }
        let chat = self.chat();
        let notes: Vec<String> = self
            .unseen
            .iter()
            .filter(|(c, n)| **c != chat && before.get(c) != Some(n))
            .map(|(c, n)| {
                let (who, how) = match *c {
                    SUPERVISOR => ("the supervisor", ":s"),
                    VOLUNTEER_GROUP => ("the volunteer group", ":v"),
                    other => {
                        return format!(
                            "  [{n} new message(s) in chat {other}: :user {other} to see]"
                        );
                    }
                };
                format!("  [{who} got {n} new message(s): {how} to see]")
            })
            .collect();
        for note in notes {
            println!("{note}");
        }
    }

    fn show(&mut self, event: Event) {
        let chat = self.chat();
        match event {
            Event::Sent(m) => {
                self.remember_buttons(&m);
                if m.chat_id == chat {
                    let own = has_buttons(&m).then(|| self.buttons.get(&chat)).flatten();
                    print_message("bot", &m, own);
                } else {
                    *self.unseen.entry(m.chat_id).or_default() += 1;
                }
            }
            Event::Edited(m) => {
                let had = self.remember_buttons(&m);
                if m.chat_id != chat {
                    return;
                }
                if !m.buttons().is_empty() {
                    print_message("bot (updated)", &m, self.buttons.get(&chat));
                } else if let Some(last) = m.text_or_empty().lines().last()
                    && last.starts_with('✓')
                {
                    println!("  {last}");
                } else if !had {
                    print_message("bot (edited)", &m, None);
                }
            }
            Event::CallbackAnswered(a) if a.chat_id == chat => {
                if let Some(text) = a.text {
                    println!("  ({text})");
                }
            }
            Event::Deleted {
                chat_id,
                message_id,
            } if chat_id == chat => {
                println!("  (the bot deleted message {message_id})");
            }
            _ => {}
        }
    }

    /// Keeps the numbered buttons of a chat's latest message with buttons. Returns whether
    /// this message was the one whose buttons were shown.
    fn remember_buttons(&mut self, m: &SentMessage) -> bool {
        let inline: Vec<Choice> = m
            .buttons()
            .into_iter()
            .map(|(_, data)| Choice::Inline {
                message_id: m.message_id,
                data,
            })
            .collect();
        let reply: Vec<Choice> = m
            .keyboard_buttons()
            .into_iter()
            .map(|b| Choice::Reply {
                text: b.text,
                location: b.request_location,
                contact: b.request_contact,
            })
            .collect();
        let current = self.buttons.get(&m.chat_id);
        let was_current = current.is_some_and(|c| {
            c.iter().any(
                |choice| matches!(choice, Choice::Inline { message_id, .. } if *message_id == m.message_id),
            )
        });
        if !inline.is_empty() {
            self.buttons.insert(m.chat_id, inline);
        } else if !reply.is_empty() {
            self.buttons.insert(m.chat_id, reply);
        } else if was_current || m.removes_keyboard() {
            self.buttons.remove(&m.chat_id);
        }
        was_current
    }

    /// Prints a chat's history (for switching views).
    fn replay(&mut self, chat: i64) {
        let history = self.emu.sent(chat);
        if history.is_empty() {
            println!("  (nothing yet)");
        }
        for m in &history {
            self.remember_buttons(m);
        }
        let last_with_buttons = history.iter().rposition(has_buttons);
        for (i, m) in history.iter().enumerate() {
            let own = (Some(i) == last_with_buttons)
                .then(|| self.buttons.get(&chat))
                .flatten();
            print_message("bot", m, own);
        }
        self.unseen.remove(&chat);
    }

    async fn case_count(&self) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM cases")
            .fetch_one(self.db.pool())
            .await
            .unwrap_or(0)
    }
}

fn has_buttons(m: &SentMessage) -> bool {
    !m.buttons().is_empty() || !m.keyboard_buttons().is_empty()
}

/// Prints a bot message and, when given, the numbered buttons.
fn print_message(who: &str, m: &SentMessage, buttons: Option<&Vec<Choice>>) {
    let text = m
        .text
        .clone()
        .unwrap_or_else(|| format!("[{}]", m.content_kind));
    let mut lines = text.lines();
    println!("{who}: {}", lines.next().unwrap_or_default());
    for line in lines {
        println!("    {line}");
    }
    let Some(buttons) = buttons else {
        return;
    };
    let labels: Vec<(String, String)> = m.buttons();
    for (i, choice) in buttons.iter().enumerate() {
        let label = match choice {
            Choice::Inline { data, .. } => labels
                .iter()
                .find(|(_, d)| d == data)
                .map(|(l, _)| l.clone())
                .unwrap_or_default(),
            Choice::Reply {
                text,
                location,
                contact,
            } => {
                if *location {
                    format!("{text}  (shares a location)")
                } else if *contact {
                    format!("{text}  (shares your phone number)")
                } else {
                    text.clone()
                }
            }
        };
        println!("   [{}] {label}", i + 1);
    }
}

/// Lines from stdin, read on a thread of their own (a blocking read must not hold up the bot).
fn stdin_lines() -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel(64);
    std::thread::spawn(move || {
        let stdin = std::io::stdin();
        let mut line = String::new();
        loop {
            line.clear();
            match stdin.read_line(&mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) => {
                    if tx.blocking_send(line.clone()).is_err() {
                        break;
                    }
                }
            }
        }
    });
    rx
}
