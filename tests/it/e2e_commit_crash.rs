//! The process dies at the worst moment of every change that tells someone: right after the
//! change is committed, before anything it queued is sent (`EVAC_FAILPOINT=<commit>` makes the
//! real binary abort there). After the restart every notification of that change arrives, and
//! exactly once: the change and its notifications were one commit, and Telegram's re-delivery
//! of the unconfirmed update queues nothing twice.
//!
//! One bot and one database through the whole test; each step starts the binary with the next
//! failpoint, does what a person would, waits for the process to abort, starts it again
//! without the failpoint and checks what every chat shows.

use crate::e2e_common;

use std::{path::PathBuf, time::Duration};

use botapi_emulator::{Emulator, SentMessage, UserHandle};
use e2e_common::{
    BotProcess, DbView, Staff, current_screen, must_settle, spawn_binary_with, survey_and_locales,
    tail,
};
use evac_intake::{
    i18n::{Lang, Locales},
    survey::Survey,
};

const SUPERVISOR: i64 = 7_100_300_401;
const VOLUNTEER: i64 = 5_550_002_345;
/// Answers "in danger": the safety gate's case #1.
const DANGER: i64 = 987_654_000_111;
/// Fills in a calm survey: case #2.
const CALM: i64 = 987_654_000_222;
const GROUP: i64 = -1_009_002;

const WAIT: Duration = Duration::from_secs(30);

fn staff() -> Staff {
    Staff {
        supervisors: vec![SUPERVISOR],
        volunteer_chat: Some(GROUP),
    }
}

/// (the question, the text id of the button to press, or a text to type).
const CALM_ANSWERS: [(&str, &str); 19] = [
    ("for", "q-for-self"),
    ("occupied", "q-occupied-no"),
    ("safety", "q-safety-safe"),
    ("region", "q-region-kharkiv"),
    ("place", "type:Izium"),
    ("people", "label:1"),
    ("with_you", "q-with_you-none"),
    ("with_you", "button-done"),
    ("vulnerable", "q-vulnerable-elderly"),
    ("vulnerable", "button-done"),
    ("needs", "q-needs-medicine"),
    ("needs", "q-needs-food"),
    ("needs", "button-done"),
    ("medicine", "q-medicine-regular"),
    ("medicine_details", "type:insulin"),
    ("destination", "q-destination-abroad"),
    ("contact", "q-contact-phone"),
    ("phone", "type:+380 99 123 45 67"),
    ("signal", "q-signal-mostly"),
];

struct Bench {
    emu: Emulator,
    dir: tempfile::TempDir,
    bot: BotProcess,
    db: DbView,
    survey: Survey,
    locales: Locales,
}

impl Bench {
    async fn start() -> Bench {
        let emu = Emulator::start().await.unwrap();
        emu.group(GROUP).title("Volunteers").add_member(VOLUNTEER);
        let dir = tempfile::tempdir().unwrap();
        let db_path = dir.path().join("bot.db");
        let log = dir.path().join("bot.log");
        let bot = spawn_binary_with(&emu, &db_path, &staff(), "info", &log, &[]);
        let db = DbView::open_when_ready(&db_path).await;
        let (survey, locales) = survey_and_locales();
        Bench {
            emu,
            dir,
            bot,
            db,
            survey,
            locales,
        }
    }

    fn db_path(&self) -> PathBuf {
        self.dir.path().join("bot.db")
    }

    fn log_path(&self) -> PathBuf {
        self.dir.path().join("bot.log")
    }

    fn spawn(&mut self, env: &[(&str, &str)]) {
        self.bot.kill();
        self.bot = spawn_binary_with(
            &self.emu,
            &self.db_path(),
            &staff(),
            "info",
            &self.log_path(),
            env,
        );
    }

    fn t(&self, id: &str) -> String {
        self.locales.text(Lang::En, id)
    }

    fn tc(&self, id: &str, case: i64) -> String {
        self.locales
            .text_with(Lang::En, id, &[("case", case.into())])
    }

    fn fail(&self, message: &str) -> ! {
        let mut dump = String::new();
        for chat in [DANGER, CALM, VOLUNTEER, SUPERVISOR, GROUP] {
            dump.push_str(&format!("--- chat {chat} ---\n"));
            for m in self.emu.sent(chat) {
                dump.push_str(&format!("[{}] {:?}\n", m.message_id, m.text_or_empty()));
            }
        }
        panic!(
            "{message}\n{dump}--- bot log (tail) ---\n{}",
            tail(&self.log_path(), 30)
        );
    }

    async fn settle(&self, context: &str) {
        must_settle(&self.emu, context).await;
    }

    /// Runs `act` with the bot started with `EVAC_FAILPOINT=point`; the bot must abort right
    /// after that commit. Then starts it again without the failpoint and waits until it has
    /// handled the re-delivered update and sent everything it had queued.
    async fn crash_at(&mut self, point: &str, act: impl AsyncFnOnce(&Bench)) {
        self.spawn(&[("EVAC_FAILPOINT", point)]);
        act(self).await;
        let deadline = std::time::Instant::now() + WAIT;
        let status = loop {
            if let Some(status) = self.bot.child().try_wait().unwrap() {
                break status;
            }
            if std::time::Instant::now() > deadline {
                self.fail(&format!("the bot never reached the failpoint {point}"));
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        assert!(!status.success(), "{point}: the bot aborted ({status})");
        assert!(
            tail(&self.log_path(), 40).contains("failpoint reached"),
            "{point}: it stopped at the failpoint"
        );
        self.spawn(&[]);
        self.settle(&format!("after the crash at {point}")).await;
        if !self.db.wait_outbox_idle(WAIT).await {
            self.fail(&format!("{point}: the outbox never got everything out"));
        }
    }

    /// How many of the bot's messages in `chat` read exactly `text`.
    fn count(&self, chat: i64, text: &str) -> usize {
        self.emu
            .sent(chat)
            .iter()
            .filter(|m| m.text_or_empty() == text)
            .count()
    }

    /// The bot's messages in `chat` that carry a Claim button for `case`.
    fn cards(&self, chat: i64, case: i64) -> Vec<SentMessage> {
        let data = format!("cl:{case}");
        self.emu
            .sent(chat)
            .into_iter()
            .filter(|m| m.buttons().iter().any(|(_, d)| *d == data))
            .collect()
    }

    fn exactly_once(&self, chat: i64, text: &str, what: &str) {
        let n = self.count(chat, text);
        if n != 1 {
            self.fail(&format!(
                "{what}: {n} times in chat {chat}, not once: {text:?}"
            ));
        }
    }

    /// Presses the button labelled `label` on the latest message with buttons in a chat.
    fn press(&self, user: &UserHandle, label: &str) {
        let message = self
            .emu
            .sent(user.chat_id())
            .into_iter()
            .rev()
            .find(|m| !m.deleted && !m.buttons().is_empty())
            .unwrap_or_else(|| self.fail(&format!("no buttons to press {label:?} on")));
        match message.buttons().into_iter().find(|(l, _)| l == label) {
            Some((_, data)) => {
                user.press(message.message_id, &data);
            }
            None => self.fail(&format!("no button {label:?}: {:?}", message.buttons())),
        }
    }

    /// Answers the current question as `answer` says (see [`CALM_ANSWERS`]).
    async fn answer(&self, user: &UserHandle, question: &str, answer: &str) {
        let screen = current_screen(&self.emu, user.chat_id(), &self.survey);
        if screen.question() != Some(question) {
            self.fail(&format!("expected question {question}, got {screen:?}"));
        }
        if let Some(text) = answer.strip_prefix("type:") {
            user.send_text(text);
        } else if let Some(label) = answer.strip_prefix("label:") {
            self.press(user, label);
        } else {
            self.press(user, &self.t(answer));
        }
        self.settle(question).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_notification_survives_a_crash_right_after_its_commit_and_arrives_once() {
    let mut b = Bench::start().await;
    let supervisor = b.emu.user(SUPERVISOR).language("en");
    let volunteer = b.emu.user(VOLUNTEER).language("en");
    let danger = b.emu.user(DANGER).language("en");
    let calm = b.emu.user(CALM).language("en");

    // The volunteer on shift (no crash here).
    supervisor.send_command("/start");
    volunteer.send_command("/start");
    b.settle("starts").await;
    supervisor.send_command(&format!("/addvolunteer {VOLUNTEER} uk,en kharkiv"));
    b.settle("/addvolunteer").await;
    supervisor.send_command(&format!("/trained {VOLUNTEER}"));
    b.settle("/trained").await;
    volunteer.send_command("/start");
    volunteer.send_command("/online");
    b.settle("/online").await;
    if b.count(VOLUNTEER, &b.t("shift-on")) != 1 {
        b.fail("the volunteer is not on shift");
    }

    // The safety gate: the case, the person's guidance, the alerts and the cards.
    b.crash_at("gate", async |b| {
        danger.send_command("/start");
        b.settle("/start").await;
        b.press(&danger, &b.t("button-agree"));
        b.settle("consent").await;
        b.answer(&danger, "for", "q-for-self").await;
        b.answer(&danger, "occupied", "q-occupied-no").await;
        b.press(&danger, &b.t("q-safety-danger"));
    })
    .await;
    b.exactly_once(DANGER, &b.tc("emergency-guidance", 1), "the guidance");
    for (chat, who) in [
        (SUPERVISOR, "the supervisor's alert"),
        (GROUP, "the group's card"),
        (VOLUNTEER, "the volunteer's page"),
    ] {
        let n = b.cards(chat, 1).len();
        if n != 1 {
            b.fail(&format!("{who} for #1: {n} messages, not one"));
        }
    }
    assert_eq!(
        current_screen(&b.emu, DANGER, &b.survey).question(),
        Some("region"),
        "the person goes on with the survey"
    );

    // Submit: the case, "request #2 is registered", the group card and the offer.
    calm.send_command("/start");
    b.settle("/start").await;
    b.press(&calm, &b.t("button-agree"));
    b.settle("consent").await;
    for (question, answer) in CALM_ANSWERS {
        b.answer(&calm, question, answer).await;
    }
    b.crash_at("submit", async |b| b.press(&calm, &b.t("button-submit")))
        .await;
    b.exactly_once(CALM, &b.tc("submitted", 2), "the registration");
    for (chat, who) in [(GROUP, "the group's card"), (VOLUNTEER, "the offer")] {
        let n = b.cards(chat, 2).len();
        if n != 1 {
            b.fail(&format!("{who} for #2: {n} messages, not one"));
        }
    }

    // Claim: the requester is told, and the cards show the case taken.
    b.crash_at("claim", async |_| {
        volunteer.send_command("/claim 2");
    })
    .await;
    b.exactly_once(CALM, &b.tc("volunteer-connected", 2), "the claim");
    if !b.cards(GROUP, 2).is_empty() {
        b.fail("the group card of #2 still offers it after the claim");
    }

    // Release: the requester is told, and the card offers the case again.
    b.crash_at("release", async |_| {
        volunteer.send_command("/release 2");
    })
    .await;
    b.exactly_once(CALM, &b.tc("volunteer-handed-over", 2), "the release");
    if b.cards(GROUP, 2).is_empty() {
        b.fail("no group card offers #2 again after the release");
    }
    volunteer.send_command("/claim 2");
    b.settle("the second claim").await;

    // Done: the requester hears the case is closed.
    b.crash_at("done", async |_| {
        volunteer.send_command("/done 2 evacuated");
    })
    .await;
    b.exactly_once(CALM, &b.tc("requester-case-closed", 2), "the closing");

    // Verify: the cards of #1 are edited to show the mark.
    let before: Vec<String> = b
        .cards(GROUP, 1)
        .iter()
        .map(|m| m.text_or_empty().to_owned())
        .collect();
    b.crash_at("verify", async |_| {
        supervisor.send_command("/verify 1 called back");
    })
    .await;
    let after: Vec<String> = b
        .cards(GROUP, 1)
        .iter()
        .map(|m| m.text_or_empty().to_owned())
        .collect();
    if before == after {
        b.fail("the group card of #1 was not edited after /verify");
    }

    // Ban: the person hears it once; their case is closed and its cards say so.
    b.crash_at("ban", async |_| {
        supervisor.send_command(&format!("/ban {DANGER} fake address"));
    })
    .await;
    b.exactly_once(DANGER, &b.t("you-are-banned"), "the ban");
    if !b.cards(GROUP, 1).is_empty() {
        b.fail("the group card of #1 still offers the banned person's case");
    }
    b.db.close().await;
}
