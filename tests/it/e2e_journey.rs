//! The whole journey through the real binary against the Bot API emulator, as the people in it
//! see it: a person fills in the survey in Ukrainian; a card appears in the volunteer group and
//! is offered to the volunteer on shift (whom the supervisor added with /addvolunteer, and who
//! reads the bot in English); the volunteer claims it from the group card; the two talk through
//! the anonymous relay both ways; the supervisor verifies the case; the volunteer closes it with
//! an outcome; the person is told, then erases everything with /forget.
//!
//! The bot is killed with SIGKILL twice on the way (mid-survey, and between the claim and the
//! first relayed message) and started again: nothing may be lost, and a reply to a message
//! relayed before the restart must still reach the person.
//!
//! At the end no table and no byte of the database files holds the person's id, what they
//! typed or the notes about them; the volunteer's /case shows nothing of it; the log never held
//! what they typed; and the person's chat never showed the volunteer's name, username or id.

use crate::e2e_common;
use crate::leftovers;

use std::{
    path::{Path, PathBuf},
    time::Duration,
};

use botapi_emulator::{Emulator, FaultKind, SentMessage, UserHandle};
use e2e_common::{
    BotProcess, DbView, Screen, Staff, case_number, current_screen, invariants, must_settle,
    spawn_binary_with, strip_ansi, survey_and_locales, tail,
};
use evac_intake::{
    config::DEFAULT_NETWORK_NAME,
    i18n::{Arg, Lang, Locales},
    survey::{Position, Survey},
};

const SUPERVISOR: i64 = 7_100_200_301;
const VOLUNTEER: i64 = 5_550_001_234;
/// A Telegram id no other number in the database could contain by chance.
const REQUESTER: i64 = 987_654_321_123;
const GROUP: i64 = -1_009_001;

/// Who the volunteer is on Telegram: none of it may reach the requester.
const VOLUNTEER_FIRST: &str = "Yevheniia";
const VOLUNTEER_LAST: &str = "Rescuenko";
const VOLUNTEER_USERNAME: &str = "yevh_rescue_77";
/// Who the requester is on Telegram: the bot never stores it.
const REQUESTER_FIRST: &str = "Mariikaqq";
const REQUESTER_USERNAME: &str = "mariika_zq";

/// What the requester types: none of it may survive `/forget`, none of it may be logged.
const PLACE: &str = "Zxqvillage, Lisova 7";
const MEDICINE: &str = "Qwertymed 10 mg";
const PHONE_TYPED: &str = "+380 99 123 45 67";
const PHONE: &str = "+380991234567";
const BEFORE_CLAIM: &str = "Basementqq: ми в підвалі школи";
const AFTER_CLAIM: &str = "Bridgezzq зруйновано, їдьте в об'їзд";
/// What staff write about the case or to the requester.
const REPLY_NEW: &str = "Будемо о 6:00, будьте готові (Replyqqz)";
const REPLY_OLD: &str = "Чи сухо у підвалі? (Replyold)";
const MSG: &str = "Якщо щось зміниться, напишіть сюди (Msgzzq)";
const VERIFY_NOTE: &str = "Callbackzz confirmed by phone";

/// Only a wait: how long an expected message may take to appear before the test fails.
const WAIT: Duration = Duration::from_secs(30);

fn staff() -> Staff {
    Staff {
        supervisors: vec![SUPERVISOR],
        volunteer_chat: Some(GROUP),
    }
}

/// How the requester answers one question.
enum Answer {
    /// Presses the button with this text id (in their language).
    Press(&'static str),
    /// Presses the button with exactly this label (a quick number).
    PressLabel(&'static str),
    /// Types this.
    Type(&'static str),
}

/// The survey as the requester answers it: (the question they must be shown, their answer).
/// One person, elderly, alone: the case is high priority ("elderly person alone").
const ANSWERS: [(&str, Answer); 19] = [
    ("for", Answer::Press("q-for-self")),
    ("occupied", Answer::Press("q-occupied-no")),
    ("safety", Answer::Press("q-safety-safe")),
    ("region", Answer::Press("q-region-kharkiv")),
    ("place", Answer::Type(PLACE)),
    ("people", Answer::PressLabel("1")),
    ("with_you", Answer::Press("q-with_you-none")),
    ("with_you", Answer::Press("button-done")),
    ("vulnerable", Answer::Press("q-vulnerable-elderly")),
    ("vulnerable", Answer::Press("button-done")),
    ("needs", Answer::Press("q-needs-medicine")),
    ("needs", Answer::Press("q-needs-food")),
    ("needs", Answer::Press("button-done")),
    ("medicine", Answer::Press("q-medicine-regular")),
    ("medicine_details", Answer::Type(MEDICINE)),
    ("destination", Answer::Press("q-destination-abroad")),
    ("contact", Answer::Press("q-contact-phone")),
    ("phone", Answer::Type(PHONE_TYPED)),
    ("signal", Answer::Press("q-signal-mostly")),
];

fn pairs<'a>(env: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    env.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// The bot process, the emulator, the database the bot writes, and the texts people read.
struct Journey {
    emu: Emulator,
    /// Extra settings of the bot process (webhook mode), the same after every restart.
    env: Vec<(&'static str, String)>,
    dir: tempfile::TempDir,
    bot: BotProcess,
    db: DbView,
    survey: Survey,
    locales: Locales,
    restarts: usize,
}

/// How the bot receives updates.
#[derive(Clone, Copy)]
enum Mode {
    Polling,
    /// `WEBHOOK_URL` on a free port; the emulator delivers as Telegram does.
    Webhook,
}

impl Journey {
    async fn start() -> Journey {
        Self::start_in(Mode::Polling).await
    }

    async fn start_in(mode: Mode) -> Journey {
        let emu = Emulator::start().await.unwrap();
        emu.group(GROUP).title("Volunteers").add_member(VOLUNTEER);
        let dir = tempfile::tempdir().unwrap();
        let db_path = dir.path().join("bot.db");
        let env = match mode {
            Mode::Polling => Vec::new(),
            Mode::Webhook => e2e_common::webhook_settings("journey_secret"),
        };
        let bot = spawn_binary_with(
            &emu,
            &db_path,
            &staff(),
            "info",
            &dir.path().join("bot.log"),
            &pairs(&env),
        );
        let db = DbView::open_when_ready(&db_path).await;
        let (survey, locales) = survey_and_locales();
        Journey {
            emu,
            env,
            dir,
            bot,
            db,
            survey,
            locales,
            restarts: 0,
        }
    }

    fn db_path(&self) -> PathBuf {
        self.dir.path().join("bot.db")
    }

    fn log_path(&self) -> PathBuf {
        self.dir.path().join("bot.log")
    }

    /// kill -9, then the same binary again over the same database.
    fn kill_and_restart(&mut self) {
        self.bot.kill();
        self.restarts += 1;
        self.bot = spawn_binary_with(
            &self.emu,
            &self.db_path(),
            &staff(),
            "info",
            &self.log_path(),
            &pairs(&self.env),
        );
    }

    fn t(&self, lang: Lang, id: &str) -> String {
        self.locales.text(lang, id)
    }

    /// A text with the case number.
    fn tc(&self, lang: Lang, id: &str, case: i64) -> String {
        self.locales.text_with(lang, id, &[("case", case.into())])
    }

    fn t_with(&self, lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
        self.locales.text_with(lang, id, args)
    }

    /// Fails with what every chat shows and the bot's log.
    fn fail(&self, message: &str) -> ! {
        let mut dump = String::new();
        for (who, chat) in [
            ("requester", REQUESTER),
            ("volunteer", VOLUNTEER),
            ("supervisor", SUPERVISOR),
            ("volunteer group", GROUP),
        ] {
            dump.push_str(&format!("--- {who} ({chat}) ---\n"));
            for m in self.emu.sent(chat) {
                dump.push_str(&format!(
                    "[{}{}{}] {:?} {:?}\n",
                    m.message_id,
                    if m.deleted { " deleted" } else { "" },
                    if m.kind == "copy" { " copy" } else { "" },
                    m.text_or_empty(),
                    m.buttons()
                ));
            }
        }
        panic!(
            "{message}\n{dump}--- bot log (tail) ---\n{}",
            tail(&self.log_path(), 30)
        );
    }

    /// Waits (at most [`WAIT`]) for something people will see; fails if it never comes.
    async fn expect(&self, what: &str, condition: impl FnMut(&Emulator) -> bool) {
        if !self.emu.wait_until(WAIT, condition).await {
            self.fail(&format!("never happened: {what}"));
        }
    }

    /// Waits until the outbox has nothing left to send (a database fact, polled).
    async fn wait_until_outbox_is_idle(&self) {
        if !self.db.wait_outbox_idle(WAIT).await {
            self.fail("the outbox never got everything out");
        }
    }

    /// Waits until every pushed update is handled.
    async fn settle(&self, context: &str) {
        must_settle(&self.emu, context).await;
    }

    /// The texts of the bot's messages in a chat from position `from` on.
    fn texts_since(&self, chat: i64, from: usize) -> Vec<String> {
        self.emu
            .sent(chat)
            .iter()
            .skip(from)
            .map(|m| m.text_or_empty().to_owned())
            .collect()
    }

    /// Sends a command and waits for the bot's exact answer (`expected`) in that chat.
    async fn command_answers(&self, user: &UserHandle, command: &str, expected: &str) {
        let before = self.emu.sent_count_in(user.id());
        user.send_command(command);
        self.settle(command).await;
        let chat = user.id();
        self.expect(&format!("{command} answered {expected:?}"), |e| {
            e.sent(chat)
                .iter()
                .skip(before)
                .any(|m| m.text_or_empty() == expected)
        })
        .await;
    }

    /// Presses the button labelled `label` on the latest message with buttons in a chat.
    fn press_label(&self, user: &UserHandle, label: &str) -> String {
        let message = self
            .emu
            .sent(user.chat_id())
            .into_iter()
            .rev()
            .find(|m| !m.deleted && !m.buttons().is_empty())
            .unwrap_or_else(|| self.fail(&format!("no buttons to press {label:?} on")));
        match message.buttons().into_iter().find(|(l, _)| l == label) {
            Some((_, data)) => user.press(message.message_id, &data),
            None => self.fail(&format!(
                "no button {label:?} on {:?}: {:?}",
                message.text_or_empty(),
                message.buttons()
            )),
        }
    }

    /// The requester's chat must show nothing of who the volunteer is: no forward (it would
    /// name the sender), and no name, username or id in any message the person's client gets.
    fn assert_volunteer_stays_anonymous(&self) {
        let secrets = [
            VOLUNTEER_FIRST.to_owned(),
            VOLUNTEER_LAST.to_owned(),
            VOLUNTEER_USERNAME.to_owned(),
            VOLUNTEER.to_string(),
        ];
        for m in self.emu.sent(REQUESTER) {
            if m.kind == "forward" {
                self.fail(&format!("a message was forwarded to the requester: {m:?}"));
            }
            let seen = format!("{} {}", m.text_or_empty(), m.message);
            for secret in &secrets {
                if seen.contains(secret.as_str()) {
                    self.fail(&format!(
                        "the requester's chat shows the volunteer ({secret}): {seen}"
                    ));
                }
            }
        }
    }
}

/// Staff chats never show the requester's Telegram name or username: the bot does not store
/// them, and their messages reach the volunteer as copies, which carry no sender.
fn assert_requester_name_stays_out_of_staff_chats(j: &Journey) {
    for chat in [VOLUNTEER, SUPERVISOR, GROUP] {
        for m in j.emu.sent(chat) {
            let seen = format!("{} {}", m.text_or_empty(), m.message);
            if m.kind == "forward"
                || seen.contains(REQUESTER_FIRST)
                || seen.contains(REQUESTER_USERNAME)
            {
                j.fail(&format!("chat {chat} shows who the requester is: {seen}"));
            }
        }
    }
}

/// The latest message in a chat that is a copy of message `id` of chat `from`.
fn copy_of(emu: &Emulator, chat: i64, from: i64, id: i32) -> Option<SentMessage> {
    emu.sent(chat)
        .into_iter()
        .rev()
        .find(|m| m.kind == "copy" && m.copy_of == Some((from, id)))
}

/// Every way the requester's id or what they (and staff, about them) typed could sit in the
/// files, with a name for the message.
fn needles() -> Vec<(String, Vec<u8>)> {
    let mut out = leftovers::id_needles(REQUESTER);
    out.extend(leftovers::text_needles(&[
        "Zxqvillage",
        "Lisova",
        PHONE,
        "380991234567",
        "99 123 45 67",
        "Qwertymed",
        "Basementqq",
        "Bridgezzq",
        "Msgzzq",
        "Callbackzz",
        REQUESTER_FIRST,
        REQUESTER_USERNAME,
    ]));
    out
}

/// Which needles are in the database file or its WAL: (needle, file).
fn leftovers(db: &Path, needles: &[(String, Vec<u8>)]) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for name in ["bot.db", "bot.db-wal"] {
        let Ok(bytes) = std::fs::read(db.with_file_name(name)) else {
            continue;
        };
        for (what, needle) in needles {
            if leftovers::find(&bytes, needle).is_some() {
                found.push((what.clone(), name.to_owned()));
            }
        }
    }
    found
}

/// Rows that name the requester, per table and column.
async fn rows_naming_requester(db: &DbView) -> Vec<(String, i64)> {
    let mut out = Vec::new();
    for (table, column) in [
        ("users", "telegram_id"),
        ("survey_state", "telegram_id"),
        ("cases", "requester_id"),
        ("case_messages", "chat_id"),
        ("relay_map", "chat_id"),
        ("case_cards", "chat_id"),
        ("outbox", "chat_id"),
        ("flood", "telegram_id"),
        ("volunteers", "telegram_id"),
        ("bans", "telegram_id"),
        ("audit_log", "actor_id"),
        ("audit_log", "subject_id"),
    ] {
        let n = db
            .count(&format!(
                "SELECT COUNT(*) FROM {table} WHERE {column} = {REQUESTER}"
            ))
            .await;
        if n > 0 {
            out.push((format!("{table}.{column}"), n));
        }
    }
    out
}

/// The people of the journey, as Telegram knows them.
struct People {
    supervisor: UserHandle,
    volunteer: UserHandle,
    requester: UserHandle,
    /// The volunteer, in the volunteer group.
    group_volunteer: UserHandle,
}

impl People {
    fn new(emu: &Emulator) -> People {
        People {
            supervisor: emu.user(SUPERVISOR).language("en"),
            volunteer: emu
                .user(VOLUNTEER)
                .language("en")
                .first_name(VOLUNTEER_FIRST)
                .last_name(VOLUNTEER_LAST)
                .username(VOLUNTEER_USERNAME),
            requester: emu
                .user(REQUESTER)
                .language("uk")
                .first_name(REQUESTER_FIRST)
                .username(REQUESTER_USERNAME),
            group_volunteer: emu.group(GROUP).from(VOLUNTEER),
        }
    }
}

/// The supervisor adds the volunteer with /addvolunteer; the volunteer presses Start and goes
/// on shift. Each sees the bot's answers in their language.
async fn put_the_volunteer_on_shift(j: &Journey, p: &People) {
    let (uk, en) = (Lang::Uk, Lang::En);
    let (supervisor, volunteer) = (&p.supervisor, &p.volunteer);
    j.command_answers(supervisor, "/start", &j.t(en, "staff-welcome"))
        .await;
    volunteer.send_command("/start"); // a stranger so far: the consent screen
    j.settle("the volunteer's first /start").await;
    let added = j.t_with(en, "volunteer-added", &[("user", VOLUNTEER.into())]);
    j.command_answers(
        supervisor,
        &format!("/addvolunteer {VOLUNTEER} uk,en kharkiv"),
        &added,
    )
    .await;
    // The bot stored nothing about the volunteer before this, but their Telegram app said
    // English when they pressed Start: the welcome is in English, not the default Ukrainian.
    let welcome = j.t(en, "volunteer-welcome");
    assert_ne!(welcome, j.t(uk, "volunteer-welcome"));
    j.expect("the volunteer is told they were added", |e| {
        e.sent(VOLUNTEER)
            .iter()
            .any(|m| m.text_or_empty() == welcome)
    })
    .await;
    j.command_answers(volunteer, "/start", &j.t(en, "volunteer-help"))
        .await;
    // A trainee cannot go on shift until a supervisor records their training.
    j.command_answers(volunteer, "/online", &j.t(en, "training-required"))
        .await;
    supervisor.send_command(&format!("/trained {VOLUNTEER}"));
    j.settle("/trained").await;
    j.command_answers(volunteer, "/online", &j.t(en, "shift-on"))
        .await;
}

/// The requester fills in the survey in Ukrainian and submits it; with `kill_midway`, the bot
/// is killed with SIGKILL and started again after the typed place. Returns the case number.
async fn fill_in_the_survey(j: &mut Journey, p: &People, kill_midway: bool) -> i64 {
    let uk = Lang::Uk;
    let requester = &p.requester;
    requester.send_command("/start");
    j.settle("the requester's /start").await;
    match current_screen(&j.emu, REQUESTER, &j.survey) {
        Screen::Consent { .. } => {}
        other => j.fail(&format!("expected the consent screen, got {other:?}")),
    }
    let consent = j.emu.last_sent(REQUESTER).unwrap();
    assert_eq!(
        consent.text_or_empty(),
        j.t_with(
            uk,
            "consent-text",
            &[
                ("days", 30i64.into()),
                ("network", Arg::Str(DEFAULT_NETWORK_NAME.to_owned())),
            ]
        ),
        "the consent screen is in Ukrainian"
    );
    j.press_label(requester, &j.t(uk, "button-agree"));
    j.settle("consent").await;
    for (question, answer) in &ANSWERS {
        let screen = current_screen(&j.emu, REQUESTER, &j.survey);
        if screen.question() != Some(*question) {
            j.fail(&format!(
                "expected question {question}, the person sees {screen:?}"
            ));
        }
        match answer {
            Answer::Press(id) => {
                j.press_label(requester, &j.t(uk, id));
            }
            Answer::PressLabel(label) => {
                j.press_label(requester, label);
            }
            Answer::Type(text) => {
                requester.send_text(text);
            }
        }
        j.settle(question).await;
        if *question == "place" && kill_midway {
            // Stored before the next question was shown: a kill now loses nothing.
            let stored = j.db.survey_state(REQUESTER).await.map(|(s, _)| s.position);
            assert_eq!(stored, Some(Position::Question("people".into())));
            j.kill_and_restart();
            // The person goes on pressing the buttons in front of them.
        }
    }
    let summary = current_screen(&j.emu, REQUESTER, &j.survey);
    let Screen::Summary { message_id, .. } = summary else {
        j.fail(&format!("expected the summary, got {summary:?}"));
    };
    let summary_text = j
        .emu
        .sent_message(REQUESTER, message_id)
        .unwrap()
        .text
        .unwrap_or_default();
    assert!(
        summary_text.starts_with(&j.t(uk, "summary-title"))
            && summary_text.contains(PLACE)
            && summary_text.contains(PHONE),
        "the person checks their own answers, in Ukrainian: {summary_text}"
    );
    j.press_label(requester, &j.t(uk, "button-submit"));
    j.settle("submit").await;

    let cases = j.db.cases_of(REQUESTER).await;
    let [case] = cases.as_slice() else {
        j.fail(&format!("one case expected, stored {cases:?}"));
    };
    let n = case.id;
    assert!(case.submitted && case.status == "open", "{case:?}");
    assert_eq!(case.priority, "high", "an elderly person alone");
    assert_eq!(case.language, "uk");
    let submitted = j.tc(uk, "submitted", n);
    j.expect("the person is told their request number", |e| {
        e.sent(REQUESTER)
            .iter()
            .any(|m| m.text_or_empty() == submitted)
    })
    .await;

    n
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_is_helped_end_to_end_and_then_forgotten_through_two_kill_9_restarts() {
    the_whole_journey(Mode::Polling).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_journey_in_webhook_mode() {
    the_whole_journey(Mode::Webhook).await;
}

async fn the_whole_journey(mode: Mode) {
    let started = std::time::Instant::now();
    let mut j = Journey::start_in(mode).await;
    let (uk, en) = (Lang::Uk, Lang::En);
    let p = People::new(&j.emu);
    let People {
        supervisor,
        volunteer,
        requester,
        group_volunteer,
    } = &p;

    // --- The roster: the supervisor adds the volunteer, who goes on shift. ---------------------
    put_the_volunteer_on_shift(&j, &p).await;

    // --- The survey, in Ukrainian, with a kill -9 in the middle. -------------------------------
    let n = fill_in_the_survey(&mut j, &p, true).await;

    // --- The card in the volunteer group (Ukrainian, the default) and the private offer. ------
    let claim_data = format!("cl:{n}");
    let card_with_claim = |e: &Emulator, chat: i64| {
        e.sent(chat).into_iter().find(|m| {
            case_number(m.text_or_empty()) == Some(n)
                && m.buttons().iter().any(|(_, d)| *d == claim_data)
        })
    };
    j.expect("a card with a Claim button in the volunteer group", |e| {
        card_with_claim(e, GROUP).is_some()
    })
    .await;
    j.expect("a private offer to the volunteer on shift", |e| {
        card_with_claim(e, VOLUNTEER).is_some()
    })
    .await;
    let group_card = card_with_claim(&j.emu, GROUP).unwrap();
    let offer = card_with_claim(&j.emu, VOLUNTEER).unwrap();
    for (card, lang) in [(&group_card, uk), (&offer, en)] {
        let text = card.text_or_empty();
        for wanted in [
            j.t(lang, "q-region-kharkiv"),
            j.t(lang, "reason-alone_elderly"),
            j.t(lang, "priority-high"),
        ] {
            assert!(text.contains(&wanted), "the card shows {wanted:?}: {text}");
        }
        for secret in ["Zxqvillage", "Qwertymed", "99 123", "991234567"] {
            assert!(
                !text.contains(secret),
                "no place or phone on a card: {text}"
            );
        }
        assert_eq!(
            card.buttons(),
            [(j.tc(lang, "button-claim", n), claim_data.clone())]
        );
    }

    // --- Before a claim the person's message is kept for whoever takes the case. --------------
    let before = j.emu.sent_count_in(REQUESTER);
    let kept_id = requester.send_text(BEFORE_CLAIM);
    j.settle("a message before the claim").await;
    assert_eq!(
        j.texts_since(REQUESTER, before),
        [j.tc(uk, "message-kept", n)]
    );

    // --- The volunteer claims the case on the group card. -------------------------------------
    let query = group_volunteer.press(group_card.message_id, &claim_data);
    j.settle("the claim").await;
    let claimed = j.tc(en, "claimed", n);
    j.expect("the volunteer is told the case is theirs", |e| {
        e.callback_answers()
            .iter()
            .any(|a| a.callback_query_id == query && a.text.as_deref() == Some(claimed.as_str()))
    })
    .await;
    let connected = j.tc(uk, "volunteer-connected", n);
    j.expect("the person is told a volunteer took the request", |e| {
        e.sent(REQUESTER)
            .iter()
            .any(|m| m.text_or_empty() == connected)
    })
    .await;
    j.expect("the volunteer gets the full details", |e| {
        e.sent(VOLUNTEER)
            .iter()
            .any(|m| m.text_or_empty().contains(PLACE))
    })
    .await;
    let details = j
        .emu
        .sent(VOLUNTEER)
        .into_iter()
        .find(|m| m.text_or_empty().contains(PLACE))
        .unwrap();
    for wanted in [
        format!("{}: {PLACE}", j.t(en, "q-place-short")),
        format!("{}: {PHONE}", j.t(en, "q-phone-short")),
        format!("{}: {MEDICINE}", j.t(en, "q-medicine_details-short")),
    ] {
        assert!(
            details.text_or_empty().contains(&wanted),
            "the details show {wanted:?}: {:?}",
            details.text
        );
    }
    j.expect(
        "the kept message is copied to the volunteer, tagged #N",
        |e| copy_of(e, VOLUNTEER, REQUESTER, kept_id).is_some(),
    )
    .await;
    let kept_copy = copy_of(&j.emu, VOLUNTEER, REQUESTER, kept_id).unwrap();
    assert_eq!(kept_copy.text_or_empty(), BEFORE_CLAIM);
    assert_eq!(
        kept_copy.buttons(),
        [(j.tc(en, "relay-tag", n), format!("cs:{n}"))]
    );
    let taken = j.tc(uk, "card-taken", n);
    j.expect(
        "the group card is marked taken, without its Claim button",
        |e| {
            e.sent_message(GROUP, group_card.message_id)
                .is_some_and(|m| m.text_or_empty().contains(&taken) && m.buttons().is_empty())
        },
    )
    .await;
    let stored = j.db.cases_of(REQUESTER).await;
    assert_eq!(stored[0].status, "claimed");

    let taken_en = j.tc(en, "card-taken", n);
    j.expect("the private offer is marked taken too", |e| {
        e.sent_message(VOLUNTEER, offer.message_id)
            .is_some_and(|m| m.text_or_empty().contains(&taken_en) && m.buttons().is_empty())
    })
    .await;

    // --- kill -9 between the claim and the relay: nothing may be lost. ------------------------
    // A kill while a notification is being sent: see the test after this one.
    j.kill_and_restart();

    // Requester → volunteer: a copy (anonymous both ways), tagged #N.
    let after_id = requester.send_text(AFTER_CLAIM);
    j.settle("a message after the claim and the restart").await;
    j.expect("the person's message reaches the volunteer", |e| {
        copy_of(e, VOLUNTEER, REQUESTER, after_id).is_some()
    })
    .await;
    let relayed = copy_of(&j.emu, VOLUNTEER, REQUESTER, after_id).unwrap();
    assert_eq!(relayed.text_or_empty(), AFTER_CLAIM);
    assert_eq!(
        relayed.buttons(),
        [(j.tc(en, "relay-tag", n), format!("cs:{n}"))]
    );

    // Volunteer → requester: a reply to the relayed message is copied, never forwarded; so is
    // a reply to the message relayed before the restart.
    for (original, text) in [
        (relayed.message_id, REPLY_NEW),
        (kept_copy.message_id, REPLY_OLD),
    ] {
        // A person reads a copy before replying to it; by then the bot has written down which
        // case the copy belongs to (Telegram answers the send before the volunteer's phone
        // shows it). Without this wait a loaded machine can deliver the reply first.
        j.wait_until_outbox_is_idle().await;
        let reply_id = volunteer.reply_text(original, text);
        j.settle("the volunteer's reply").await;
        j.expect(
            &format!("the volunteer's reply {text:?} reaches the person"),
            |e| {
                copy_of(e, REQUESTER, VOLUNTEER, reply_id)
                    .is_some_and(|m| m.text_or_empty() == text)
            },
        )
        .await;
    }
    // /msg N text: the bot writes it in its own name.
    let before = j.emu.sent_count_in(REQUESTER);
    j.command_answers(
        volunteer,
        &format!("/msg {n} {MSG}"),
        &j.tc(en, "msg-sent", n),
    )
    .await;
    j.expect("the /msg text reaches the person", |e| {
        e.sent(REQUESTER)
            .iter()
            .skip(before)
            .any(|m| m.text_or_empty() == MSG && m.kind != "copy")
    })
    .await;
    j.command_answers(requester, "/status", &j.tc(uk, "status-claimed", n))
        .await;
    j.assert_volunteer_stays_anonymous();
    assert_requester_name_stays_out_of_staff_chats(&j);

    // --- The supervisor verifies; the cards show it. -----------------------------------------
    j.command_answers(
        supervisor,
        &format!("/verify {n} {VERIFY_NOTE}"),
        &j.tc(en, "verified", n),
    )
    .await;
    let verified_mark = j.t(uk, "card-verified");
    j.expect("the group card shows the case is verified", |e| {
        e.sent_message(GROUP, group_card.message_id)
            .is_some_and(|m| m.text_or_empty().contains(&verified_mark))
    })
    .await;

    // --- The volunteer closes the case, choosing the outcome on a button. ---------------------
    j.command_answers(
        volunteer,
        &format!("/done {n}"),
        &j.tc(en, "done-choose", n),
    )
    .await;
    let before = j.emu.sent_count_in(REQUESTER);
    j.press_label(volunteer, &j.t(en, "outcome-evacuated"));
    j.settle("the outcome button").await;
    let done = j.t_with(
        en,
        "case-done",
        &[
            ("case", n.into()),
            ("outcome", j.t(en, "outcome-evacuated").into()),
        ],
    );
    j.expect("the volunteer is told the case is closed", |e| {
        e.sent(VOLUNTEER).iter().any(|m| m.text_or_empty() == done)
    })
    .await;
    let closed = j.tc(uk, "requester-case-closed", n);
    j.expect("the person is told, in Ukrainian", |e| {
        e.sent(REQUESTER)
            .iter()
            .skip(before)
            .any(|m| m.text_or_empty() == closed)
    })
    .await;
    let outcome: (String, Option<String>) =
        sqlx::query_as("SELECT status, outcome FROM cases WHERE id = ?")
            .bind(n)
            .fetch_one(&j.db.pool)
            .await
            .unwrap();
    assert_eq!(outcome, ("closed".into(), Some("evacuated".into())));
    j.assert_volunteer_stays_anonymous();

    // Before the erasure, the volunteer's /case shows the details and the files hold them: the
    // checks below would find them if they were left.
    let before = j.emu.sent_count_in(VOLUNTEER);
    volunteer.send_command(&format!("/case {n}"));
    j.settle("/case before /forget").await;
    j.expect("/case shows the details before /forget", |e| {
        e.sent(VOLUNTEER)
            .iter()
            .skip(before)
            .any(|m| m.text_or_empty().contains(PLACE))
    })
    .await;
    let found = leftovers(&j.db_path(), &needles());
    for wanted in ["\"Zxqvillage\"", "\"Qwertymed\"", "the id as a varint"] {
        assert!(
            found.iter().any(|(what, _)| what == wanted),
            "the byte search finds {wanted} while it is stored: {found:?}"
        );
    }

    // --- The person erases everything. ---------------------------------------------------------
    j.command_answers(requester, "/forget", &j.t(uk, "forget-confirm"))
        .await;
    let question = j.emu.last_sent(REQUESTER).unwrap();
    assert_eq!(
        question
            .buttons()
            .into_iter()
            .map(|(l, _)| l)
            .collect::<Vec<_>>(),
        [
            j.t(uk, "button-forget-erase"),
            j.t(uk, "button-forget-keep")
        ]
    );
    let before = j.emu.sent_count_in(REQUESTER);
    j.press_label(requester, &j.t(uk, "button-forget-erase"));
    j.settle("the erase button").await;
    assert_eq!(j.texts_since(REQUESTER, before), [j.t(uk, "forget-done")]);

    let naming = rows_naming_requester(&j.db).await;
    assert!(naming.is_empty(), "rows still name the person: {naming:?}");
    let row: (Option<i64>, String, String, String, Option<String>) = sqlx::query_as(
        "SELECT requester_id, answers, reasons, language, verify_note FROM cases WHERE id = ?",
    )
    .bind(n)
    .fetch_one(&j.db.pool)
    .await
    .unwrap();
    assert_eq!(
        row,
        (None, "{}".into(), "[]".into(), String::new(), None),
        "the case stays, anonymous"
    );
    for table in [
        "case_notes",
        "case_messages",
        "relay_map",
        "case_cards",
        "outbox",
    ] {
        let left =
            j.db.count(&format!("SELECT COUNT(*) FROM {table} WHERE case_id = {n}"))
                .await;
        assert_eq!(left, 0, "{table} rows of #{n} are gone");
    }
    let found = leftovers(&j.db_path(), &needles());
    assert!(
        found.is_empty(),
        "left in the files after /forget: {found:?}"
    );

    // What the bot sent about the person to the volunteer (the offer, the details on the claim
    // and from /case, the copies of their messages) is deleted from the volunteer's chat, and
    // so is the card in the group.
    let personal = |m: &SentMessage| {
        m.copy_of.is_some_and(|(from, _)| from == REQUESTER)
            || m.text_or_empty().contains(PLACE)
            || m.message_id == offer.message_id
    };
    j.expect(
        "the volunteer's copies of the person's data are deleted",
        |e| {
            let sent = e.sent(VOLUNTEER);
            let about: Vec<&SentMessage> = sent.iter().filter(|m| personal(m)).collect();
            about.len() == 5 && about.iter().all(|m| m.deleted)
        },
    )
    .await;

    j.expect("the card in the volunteer group is deleted", |e| {
        e.sent_message(GROUP, group_card.message_id)
            .is_some_and(|m| m.deleted)
    })
    .await;

    // --- Later, nothing shows the person's data. ----------------------------------------------
    j.command_answers(volunteer, "/queue", &j.t(en, "queue-empty"))
        .await;
    j.command_answers(volunteer, "/mycases", &j.t(en, "mycases-empty"))
        .await;
    let before = j.emu.sent_count_in(VOLUNTEER);
    volunteer.send_command(&format!("/case {n}"));
    j.settle("/case after /forget").await;
    j.expect("/case answers after /forget", |e| {
        e.sent_count_in(VOLUNTEER) > before
    })
    .await;
    for text in j.texts_since(VOLUNTEER, before) {
        for secret in [
            "Zxqvillage",
            "Lisova",
            "Qwertymed",
            "991234567",
            "Callbackzz",
        ] {
            assert!(
                !text.contains(secret),
                "/case {n} after /forget shows {secret}: {text}"
            );
        }
    }
    // The person is a stranger again, and asking about it stores nothing.
    j.command_answers(requester, "/status", &j.t(uk, "status-none"))
        .await;
    requester.send_command("/start");
    j.settle("/start after /forget").await;
    match current_screen(&j.emu, REQUESTER, &j.survey) {
        Screen::Consent { .. } => {}
        other => j.fail(&format!("expected the consent screen again, got {other:?}")),
    }
    let naming = rows_naming_requester(&j.db).await;
    assert!(naming.is_empty(), "rows name the person again: {naming:?}");
    let found = leftovers(&j.db_path(), &needles());
    assert!(found.is_empty(), "in the files at the end: {found:?}");
    j.assert_volunteer_stays_anonymous();
    assert_requester_name_stays_out_of_staff_chats(&j);
    let problems = invariants(&j.db, &j.survey, true).await;
    assert!(problems.is_empty(), "invariants: {problems:#?}");

    // --- The log never held what the person typed, nor anyone's name. -------------------------
    j.bot.kill();
    let log = strip_ansi(&std::fs::read_to_string(j.log_path()).unwrap());
    assert!(
        log.lines().any(|l| l.contains("update_id=")),
        "the bot logged its updates:\n{log}"
    );
    for secret in [
        "Zxqvillage",
        "Lisova",
        "Qwertymed",
        "991234567",
        "99 123 45 67",
        "Basementqq",
        "Bridgezzq",
        "Replyqqz",
        "Replyold",
        "Msgzzq",
        "Callbackzz",
        REQUESTER_FIRST,
        REQUESTER_USERNAME,
        VOLUNTEER_FIRST,
        VOLUNTEER_USERNAME,
    ] {
        let leaks: Vec<&str> = log.lines().filter(|l| l.contains(secret)).collect();
        assert!(leaks.is_empty(), "the log contains {secret:?}: {leaks:#?}");
    }
    assert_eq!(j.restarts, 2);
    j.db.close().await;
    println!(
        "journey: case #{n}, {} restarts, {:?}",
        j.restarts,
        started.elapsed()
    );
}

/// A kill -9 while a relayed message is on its way to the volunteer (Telegram is slow to
/// answer): after the restart, the person's next message must reach the volunteer at once.
///
/// The outbox row the killed process was sending stays `sending`, and only the oldest
/// unfinished row of a chat may be sent; its lease (`outbox::LEASE_SECS`, 120 s) would hold
/// that volunteer's messages back for two minutes. A new process holds no lease, so it takes
/// back every `sending` row when it starts (at-least-once delivery stays).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kill_during_a_relay_does_not_hold_back_the_next_message_to_the_volunteer() {
    let mut j = Journey::start().await;
    let p = People::new(&j.emu);
    put_the_volunteer_on_shift(&j, &p).await;
    let n = fill_in_the_survey(&mut j, &p, false).await;
    j.command_answers(
        &p.volunteer,
        &format!("/claim {n}"),
        &j.tc(Lang::En, "claimed", n),
    )
    .await;
    j.wait_until_outbox_is_idle().await;

    // Telegram holds the copy; the bot is killed while it waits for the answer.
    j.emu
        .fail_next("copyMessage", 1, FaultKind::Slow(Duration::from_secs(60)));
    p.requester.send_text("Firstzz: are you coming?");
    let deadline = tokio::time::Instant::now() + WAIT;
    while j
        .db
        .count("SELECT COUNT(*) FROM outbox WHERE status = 'sending'")
        .await
        == 0
    {
        assert!(tokio::time::Instant::now() < deadline, "never sent");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await; // the request is with Telegram
    j.kill_and_restart();

    let second = p.requester.send_text("Secondzz: we are waiting");
    j.settle("the next message after the restart").await;
    j.expect("the next message reaches the volunteer", |e| {
        copy_of(e, VOLUNTEER, REQUESTER, second).is_some()
    })
    .await;
}
