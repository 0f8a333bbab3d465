//! `evac-intake simulate`: try the bot without a Telegram token.
//!
//! The real bot (the same handlers, database code and texts) runs in this process against the
//! Bot API emulator (`botapi-emulator`, on 127.0.0.1), and the terminal becomes a Telegram
//! chat: you are a person asking for help. The bot's messages are printed with their buttons
//! numbered; type a number to press one, or type text (or a /command) to send it. Lines that
//! start with `:` talk to the simulator (`:help` lists them):
//!
//! * `:v` is the private chat of a simulated volunteer, and you write as them: `/queue`,
//!   `/claim N` (or the numbered Claim button), `/msg N text`, `/done N` and the rest, and
//!   `:reply TEXT` answers the requester the way a volunteer does in Telegram, by replying to
//!   a message the bot passed on. The volunteer is registered at startup through the real
//!   path: the supervisor sends `/addvolunteer`, the volunteer presses /start and goes
//!   `/online`, so new cases are offered to them.
//! * `:s` is the supervisor's chat (critical alerts; you write as the supervisor).
//! * `:g` shows the volunteer group, read only; `:r` is the person's chat again.
//!
//! Switching shows what that chat received since you last looked (`:history`: all of it).
//! Messages the bot relays with copyMessage are printed as `bot (relayed): …`.
//!
//! Reads lines from stdin, so a session can be piped in (`printf '/start\n1\n' | evac-intake
//! simulate`). The database is a temporary file, removed at the end, unless `--db PATH`.

use std::{
    collections::{BTreeMap, HashMap, HashSet},
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
  :v, :volunteer      switch to the volunteer's chat (Olena, on shift; you write as her):
                      /queue /claim N /mycases /case N /note N text /msg N text
                      /release N /done N /offline /resources REGION [kind] (each with
                      Send to #N) /transfer N ID /team N add ID [role] /refer N ORG;
                      new cases are offered to her
  :reply [#N] TEXT    as volunteer or supervisor: reply to the latest message of a case
                      (case N) the bot passed to you; the requester gets it, anonymously
  :s, :supervisor     switch to the supervisor's chat (alerts they received; you write as them):
                      /addresource (step by step) /resources /checked R /resstatus R full
  :g, :group          show the volunteer group (read only)
  :r, :requester      back to the person's chat
  :history            the whole chat again (switching shows only what is new)
  :user N             become another person (Telegram id N)
  :location LAT LON   share a location        :contact [PHONE]   share your phone number
  :photo  :sticker  :voice  :document          send media
  :db                 where the database is, and how many cases it holds
  :q, :quit           stop (also Ctrl-D)";

/// Simulated Telegram ids. The supervisor and the volunteer have pressed Start (Telegram lets
/// a bot write only to people who did).
const SUPERVISOR: i64 = 1_000_001;
const VOLUNTEER: i64 = 1_000_002;
const VOLUNTEER_NAME: &str = "Olena";
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
    let loaded = match check::load_config(&config) {
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
        let tg = match emu.api_url().parse() {
            Ok(url) => teloxide::Bot::new(TOKEN).set_api_url(url),
            Err(e) => {
                eprintln!("emulator address: {e}");
                return ExitCode::from(1);
            }
        };
        let app = bot::App::new(db.clone(), loaded, config, tg.clone());
        let mut session = Session::new(emu.clone(), db.clone(), db_path.clone(), lang);
        let running = bot::spawn(app, tg, false).await.expect("the bot starts");
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

/// A button you can press by its number.
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

/// The numbered buttons of a chat, each with the message that carries it: the latest message
/// with buttons, or several sent together (a /queue page of cards, each with its Claim).
type Buttons = Vec<(i32, Choice)>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Requester,
    Volunteer,
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
    /// The numbered buttons, per chat.
    buttons: HashMap<i64, Buttons>,
    /// Chats that got a message with buttons in the batch being shown (buttons sent together
    /// are numbered together).
    batch: HashSet<i64>,
    /// Messages the viewed chat did not see yet, per other chat.
    unseen: BTreeMap<i64, usize>,
    /// (chat, message id) of every message printed, so switching views shows only what is new.
    shown: HashSet<(i64, i32)>,
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
            batch: HashSet::new(),
            unseen: BTreeMap::new(),
            shown: HashSet::new(),
            interactive: std::io::stdin().is_terminal(),
        }
    }

    fn chat(&self) -> i64 {
        match self.view {
            View::Requester => self.person,
            View::Volunteer => VOLUNTEER,
            View::Supervisor => SUPERVISOR,
        }
    }

    fn user(&self) -> UserHandle {
        self.user_of(self.view)
    }

    fn user_of(&self, view: View) -> UserHandle {
        let (id, name) = match view {
            View::Requester => (self.person, "Test person"),
            View::Volunteer => (VOLUNTEER, VOLUNTEER_NAME),
            View::Supervisor => (SUPERVISOR, "Supervisor"),
        };
        self.emu.user(id).language(&self.lang).first_name(name)
    }

    /// The staff the bot knows at startup, set up the way real staff are: the supervisor (from
    /// the configuration) presses Start; they add the volunteer with /addvolunteer; the
    /// volunteer presses Start and goes on shift. Both had pressed Start before, as Telegram
    /// requires before a bot may write to someone; their chats are registered for that.
    async fn set_up_staff(&mut self) {
        self.emu.group(VOLUNTEER_GROUP).title("Volunteers");
        self.emu.register_chat(SUPERVISOR, ChatKind::Private);
        self.emu.register_chat(VOLUNTEER, ChatKind::Private);
        let supervisor = self.user_of(View::Supervisor);
        let volunteer = self.user_of(View::Volunteer);
        supervisor.send_command("/start");
        self.settle().await;
        supervisor.send_command(&format!("/addvolunteer {VOLUNTEER}"));
        self.settle().await;
        supervisor.send_command(&format!("/trained {VOLUNTEER}"));
        self.settle().await;
        volunteer.send_command("/start");
        self.settle().await;
        volunteer.send_command("/online");
        self.settle().await;
        let online = self
            .db
            .volunteers()
            .await
            .map(|all| all.iter().any(|v| v.id == VOLUNTEER && v.online))
            .unwrap_or(false);
        if !online {
            println!(
                "  (the simulated volunteer {VOLUNTEER} is not on shift: see :s and :v for what the bot said)"
            );
        }
        while let Ok(event) = self.events.try_recv() {
            if let Event::Sent(m) | Event::Edited(m) = &event {
                self.remember_buttons(m);
            }
        }
        self.batch.clear();
    }

    async fn run(&mut self) {
        println!("evac-intake simulate: the real bot against a local Telegram stand-in.");
        println!(
            "Database: {}. Supervisor: simulated id {SUPERVISOR}. Volunteer: {VOLUNTEER_NAME}, id {VOLUNTEER}, on shift. Volunteer group: {VOLUNTEER_GROUP}.",
            self.db_path.display()
        );
        self.set_up_staff().await;
        println!(
            "You are a person asking for help (Telegram id {}, language {}). Type /start to begin; :v to be the volunteer; :help for more.",
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
            View::Volunteer => format!("volunteer {VOLUNTEER_NAME}"),
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
            match n
                .checked_sub(1)
                .and_then(|i| choices.get(i))
                .map(|(_, c)| c)
            {
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
        let command = command.trim();
        let (name, args) = command
            .split_once(char::is_whitespace)
            .map_or((command, ""), |(n, a)| (n, a.trim()));
        let rest: Vec<&str> = args.split_whitespace().collect();
        let user = self.user();
        match name {
            "q" | "quit" | "exit" => return false,
            "h" | "help" | "?" => println!("{HELP}"),
            "s" | "supervisor" => {
                self.view = View::Supervisor;
                println!(
                    "── the supervisor's chat (what supervisors received; you write as the supervisor) ──"
                );
                self.replay(SUPERVISOR, false);
            }
            "v" | "volunteer" => {
                self.view = View::Volunteer;
                println!(
                    "── volunteer {VOLUNTEER_NAME}'s chat (id {VOLUNTEER}; you write as her; :reply TEXT answers a requester) ──"
                );
                self.replay(VOLUNTEER, false);
            }
            "r" | "requester" => {
                self.view = View::Requester;
                println!("── person {}'s chat ──", self.person);
                self.replay(self.person, false);
            }
            "g" | "group" | "volunteers" => {
                println!("── the volunteer group (read only) ──");
                self.replay(VOLUNTEER_GROUP, false);
                println!("── back in {}'s chat ──", self.prompt());
            }
            "history" => {
                println!("── all of {}'s chat ──", self.prompt());
                self.replay(self.chat(), true);
            }
            "user" => match rest.first().and_then(|n| n.parse::<i64>().ok()) {
                Some(id) if id > 0 && id != SUPERVISOR && id != VOLUNTEER => {
                    self.person = id;
                    self.view = View::Requester;
                    println!("── you are person {id} now ──");
                    self.replay(id, false);
                }
                _ => println!("  (:user needs a positive Telegram id, e.g. :user 100002)"),
            },
            "reply" => {
                let (wanted, text) = match rest.first().and_then(|w| w.strip_prefix('#')) {
                    Some(n) => match n.parse::<i64>() {
                        Ok(case) => (Some(case), args[rest[0].len()..].trim()),
                        Err(_) => (None, args),
                    },
                    None => (None, args),
                };
                if text.is_empty() {
                    println!("  (:reply needs a text, e.g. :reply We can take you tomorrow at 9)");
                } else if let Some((message_id, case)) = self.case_message(wanted).await {
                    println!("  (sent as a reply to the bot's message about #{case})");
                    user.reply_text(message_id, text);
                    self.settle().await;
                } else {
                    let which = wanted.map_or("a case".to_owned(), |c| format!("#{c}"));
                    println!(
                        "  (no message about {which} in this chat to reply to; /msg N text writes to a requester too)"
                    );
                }
            }
            "say" => {
                user.send_text(args);
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

    /// The latest message in the viewed chat that the bot recorded as being about a case (a
    /// relayed message or a case card), of case `wanted` if given: (message id, case).
    async fn case_message(&self, wanted: Option<i64>) -> Option<(i32, i64)> {
        let chat = self.chat();
        for m in self.emu.sent(chat).iter().rev().filter(|m| !m.deleted) {
            if let Ok(Some(case)) = self.db.case_of_message(chat, m.message_id).await
                && wanted.is_none_or(|w| w == case)
            {
                return Some((m.message_id, case));
            }
        }
        None
    }

    /// Waits until the bot handled everything sent (it waits for news only then) and its outbox sent what is due (offers, alerts, relayed messages), then for a short
    /// quiet spell.
    async fn settle(&mut self) {
        let deadline = Instant::now() + ANSWER_WAIT;
        while !self.emu.bot_idle() || self.outbox_due().await > 0 {
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
        self.batch.clear();
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
                    SUPERVISOR => ("the supervisor".to_owned(), ":s"),
                    VOLUNTEER => ("the volunteer".to_owned(), ":v"),
                    VOLUNTEER_GROUP => ("the volunteer group".to_owned(), ":g"),
                    person if person == self.person => (format!("person {person}"), ":r"),
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
                    print_message(&who(&m, "bot"), &m, self.buttons.get(&chat));
                    self.shown.insert((chat, m.message_id));
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
            } => {
                if let Some(buttons) = self.buttons.get_mut(&chat_id) {
                    buttons.retain(|(id, _)| *id != message_id);
                }
                if chat_id == chat {
                    println!("  (the bot deleted message {message_id})");
                }
            }
            _ => {}
        }
    }

    /// Keeps the numbered buttons of a chat up to date with a message (new or edited).
    /// Returns whether this message's buttons were numbered before.
    fn remember_buttons(&mut self, m: &SentMessage) -> bool {
        let mut own: Vec<(i32, Choice)> = m
            .buttons()
            .into_iter()
            .map(|(_, data)| {
                let choice = Choice::Inline {
                    message_id: m.message_id,
                    data,
                };
                (m.message_id, choice)
            })
            .collect();
        if own.is_empty() {
            own = m
                .keyboard_buttons()
                .into_iter()
                .map(|b| {
                    let choice = Choice::Reply {
                        text: b.text,
                        location: b.request_location,
                        contact: b.request_contact,
                    };
                    (m.message_id, choice)
                })
                .collect();
        }
        let together = self.batch.contains(&m.chat_id);
        let current = self.buttons.entry(m.chat_id).or_default();
        let was_current = current.iter().any(|(id, _)| *id == m.message_id);
        if was_current {
            // An edit of a message whose buttons are numbered: its buttons change in place.
            let at = current
                .iter()
                .position(|(id, _)| *id == m.message_id)
                .unwrap_or(0);
            current.retain(|(id, _)| *id != m.message_id);
            let tail = current.split_off(at.min(current.len()));
            current.extend(own);
            current.extend(tail);
        } else if !own.is_empty() {
            if !together {
                current.clear();
            }
            current.extend(own);
            self.batch.insert(m.chat_id);
        } else if m.removes_keyboard() {
            current.retain(|(_, c)| matches!(c, Choice::Inline { .. }));
        }
        was_current
    }

    /// Prints a chat's history (for switching views): what was not shown yet and the messages
    /// whose buttons are numbered now, or everything. The numbering is kept up to date from
    /// the events of every chat, viewed or not.
    fn replay(&mut self, chat: i64, all: bool) {
        let history: Vec<SentMessage> = self
            .emu
            .sent(chat)
            .into_iter()
            .filter(|m| !m.deleted)
            .collect();
        if history.is_empty() {
            println!("  (nothing yet)");
        }
        let numbered: HashSet<i32> = self
            .buttons
            .get(&chat)
            .map(|b| b.iter().map(|(id, _)| *id).collect())
            .unwrap_or_default();
        let (show, skip): (Vec<&SentMessage>, Vec<&SentMessage>) = history.iter().partition(|m| {
            all || !self.shown.contains(&(chat, m.message_id)) || numbered.contains(&m.message_id)
        });
        if !skip.is_empty() {
            println!(
                "  ({} earlier message(s) not repeated; :history shows them)",
                skip.len()
            );
        }
        for m in show {
            print_message(&who(m, "bot"), m, self.buttons.get(&chat));
            self.shown.insert((chat, m.message_id));
        }
        self.unseen.remove(&chat);
    }

    /// Outbox messages being sent or due now (not those waiting to be retried later).
    async fn outbox_due(&self) -> i64 {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        self.db.outbox_due(now).await.unwrap_or(0)
    }

    async fn case_count(&self) -> i64 {
        self.db.count_cases().await.unwrap_or(0)
    }
}

/// Who a message is from, as printed: relayed copies (copyMessage) are marked, since they are
/// someone else's words passed on by the bot without their name.
fn who(m: &SentMessage, sender: &str) -> String {
    match m.kind.as_str() {
        "copy" => format!("{sender} (relayed)"),
        "forward" => format!("{sender} (forwarded)"),
        _ => sender.to_owned(),
    }
}

/// What a message shows: its text or caption, and for media what it is.
fn content(m: &SentMessage) -> String {
    let field = |path: &str| m.message.pointer(path).cloned();
    let media = match m.content_kind.as_str() {
        "text" => None,
        "location" => Some(
            match (field("/location/latitude"), field("/location/longitude")) {
                (Some(lat), Some(lon)) => format!("[location {lat}, {lon}]"),
                _ => "[location]".to_owned(),
            },
        ),
        "contact" => Some(match field("/contact/phone_number") {
            Some(serde_json::Value::String(phone)) => format!("[contact {phone}]"),
            _ => "[contact]".to_owned(),
        }),
        kind => Some(match m.file.as_ref().and_then(|f| f.file_name.as_deref()) {
            Some(name) => format!("[{kind} {name}]"),
            None => format!("[{kind}]"),
        }),
    };
    match (media, &m.text) {
        (Some(media), Some(text)) => format!("{media} {text}"),
        (Some(media), None) => media,
        (None, text) => text.clone().unwrap_or_default(),
    }
}

/// Prints a bot message and the numbered buttons it carries.
fn print_message(who: &str, m: &SentMessage, buttons: Option<&Buttons>) {
    let text = content(m);
    let mut lines = text.lines();
    println!("{who}: {}", lines.next().unwrap_or_default());
    for line in lines {
        println!("    {line}");
    }
    let Some(buttons) = buttons else {
        return;
    };
    let labels: Vec<(String, String)> = m.buttons();
    for (i, (_, choice)) in buttons
        .iter()
        .enumerate()
        .filter(|(_, (id, _))| *id == m.message_id)
    {
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
