//! Escalation, silent volunteers and check-ins, driven by an injected clock (no sleeping):
//! the scheduler pass is called directly, the Bot API is the emulator.

use crate::common;

use std::sync::Arc;

use botapi_emulator::{ChatKind, Emulator};
use evac_intake::{
    bot::{App, scheduler},
    clock::ManualClock,
    config::Config,
    db::SubmitOutcome,
    i18n::Lang,
    outbox::Outbox,
    survey::{Answer, AnswerMap, Position, SurveyState},
    triage::{Priority, Triage},
};

const T0: i64 = 1_800_000_000;
const SUPERVISOR: i64 = 111;
const REQUESTER: i64 = 555;

struct World {
    emu: Emulator,
    bot: teloxide::Bot,
    app: App,
    clock: ManualClock,
    env: common::Env,
}

async fn world() -> World {
    let env = common::Env::new(&[SUPERVISOR], None);
    let clock = ManualClock::at(T0);
    let app = env.app().await.with_clock(Arc::new(clock.clone()));
    let emu = Emulator::start().await.unwrap();
    for chat in [SUPERVISOR, REQUESTER] {
        emu.register_chat(chat, ChatKind::Private);
    }
    let bot = teloxide::Bot::new("123456789:TESTtokenTESTtokenTEST")
        .set_api_url(emu.api_url().parse().unwrap());
    let app = app.with_bot(bot.clone());
    World {
        emu,
        bot,
        app,
        clock,
        env,
    }
}

/// A submitted case of the given priority, registered at the clock's now.
async fn case(w: &World, priority: Priority) -> i64 {
    let mut answers = AnswerMap::new();
    answers.insert("region".into(), Answer::Choice("sumy".into()));
    let state = SurveyState {
        position: Position::Summary,
        answers: answers.clone(),
        editing: false,
    };
    let now = w.clock_now();
    w.app
        .db
        .begin_survey(REQUESTER, Lang::En, 1, &state, now, false)
        .await
        .unwrap();
    let triage = Triage {
        priority,
        reasons: vec![],
    };
    match w
        .app
        .db
        .submit_case(
            REQUESTER,
            2,
            &answers,
            &triage,
            Lang::En,
            w.app.survey.region_of(&answers).as_deref(),
            now,
        )
        .await
        .unwrap()
    {
        SubmitOutcome::Registered(id) => id,
        other => panic!("{other:?}"),
    }
}

impl World {
    fn clock_now(&self) -> i64 {
        use evac_intake::clock::Clock;
        self.clock.now()
    }
    async fn tick(&self) -> usize {
        scheduler::tick(&self.app).await.unwrap()
    }
    fn texts(&self, chat: i64) -> Vec<String> {
        self.emu
            .sent(chat)
            .iter()
            .map(|m| m.text_or_empty().to_owned())
            .collect()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unclaimed_critical_case_is_escalated_at_5_minutes_then_at_10_then_never() {
    let w = world().await;
    let id = case(&w, Priority::Critical).await;
    w.clock.advance(299);
    w.tick().await;
    assert!(w.texts(SUPERVISOR).is_empty(), "not before the deadline");
    w.clock.advance(1);
    w.tick().await;
    let texts = w.texts(SUPERVISOR);
    assert_eq!(texts.len(), 1, "{texts:?}");
    assert!(texts[0].contains(&format!("#{id}")), "{texts:?}");
    w.tick().await;
    assert_eq!(w.texts(SUPERVISOR).len(), 1, "once per deadline");
    w.clock.advance(300);
    w.tick().await;
    assert_eq!(w.texts(SUPERVISOR).len(), 2, "again at twice the deadline");
    w.clock.advance(10 * 3600);
    w.tick().await;
    assert_eq!(w.texts(SUPERVISOR).len(), 2, "and not a third time");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_low_case_waits_8_hours_before_escalation() {
    let w = world().await;
    case(&w, Priority::Low).await;
    w.clock.advance(8 * 3600 - 1);
    w.tick().await;
    assert!(w.texts(SUPERVISOR).iter().all(|t| !t.contains("⏰")));
    w.clock.advance(1);
    w.tick().await;
    assert!(w.texts(SUPERVISOR).iter().any(|t| t.contains("⏰")));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_claimed_case_with_a_silent_volunteer_is_flagged_once_after_24_hours() {
    let w = world().await;
    let id = case(&w, Priority::Normal).await;
    w.app
        .db
        .claim_case(id, 777, 5, w.clock_now())
        .await
        .unwrap();
    w.clock.advance(24 * 3600 - 1);
    w.tick().await;
    assert!(!w.texts(SUPERVISOR).iter().any(|t| t.contains("777")));
    w.clock.advance(1);
    w.tick().await;
    let flagged: Vec<String> = w
        .texts(SUPERVISOR)
        .into_iter()
        .filter(|t| t.contains("777"))
        .collect();
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    w.clock.advance(3600);
    w.tick().await;
    assert_eq!(
        w.texts(SUPERVISOR)
            .iter()
            .filter(|t| t.contains("777"))
            .count(),
        1,
        "flagged once"
    );
    // Writing to the requester clears the flag; 24 h of silence again flags again.
    w.app
        .db
        .touch_volunteer_message(id, w.clock_now())
        .await
        .unwrap();
    w.clock.advance(24 * 3600);
    w.tick().await;
    assert_eq!(
        w.texts(SUPERVISOR)
            .iter()
            .filter(|t| t.contains("777"))
            .count(),
        2
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_requester_waiting_12_hours_gets_one_check_in_with_buttons() {
    let w = world().await;
    let id = case(&w, Priority::Normal).await;
    w.clock.advance(12 * 3600 - 1);
    w.tick().await;
    assert!(w.texts(REQUESTER).is_empty());
    w.clock.advance(1);
    w.tick().await;
    let sent = w.emu.sent(REQUESTER);
    assert_eq!(sent.len(), 1);
    assert!(sent[0].text_or_empty().contains(&format!("#{id}")));
    let data: Vec<String> = sent[0].buttons().into_iter().map(|(_, d)| d).collect();
    assert_eq!(data, [format!("ck:{id}:h"), format!("ck:{id}:s")]);
    w.tick().await;
    assert_eq!(w.emu.sent(REQUESTER).len(), 1, "one check-in per 12 hours");
    w.clock.advance(12 * 3600);
    w.tick().await;
    assert_eq!(w.emu.sent(REQUESTER).len(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn closed_cases_get_no_escalation_and_no_check_in() {
    let w = world().await;
    let id = case(&w, Priority::Critical).await;
    w.app
        .db
        .close_case(id, "evacuated", w.clock_now())
        .await
        .unwrap();
    w.clock.advance(48 * 3600);
    assert_eq!(w.tick().await, 0);
    assert!(w.texts(SUPERVISOR).is_empty() && w.texts(REQUESTER).is_empty());
}

// --- A mark and its notifications are one commit: a crash between commit and send loses none

const SECOND_SUPERVISOR: i64 = 112;

/// A world with two supervisors whose app stops right after the commit named `point`
/// (`EVAC_FAILPOINT`): in this process a panic, which the caller contains in a task.
async fn world_stopping_at(point: &str) -> World {
    let env = common::Env::new(&[SUPERVISOR, SECOND_SUPERVISOR], None);
    let (url, point) = (env.url.clone(), point.to_owned());
    let config = Config::from_lookup(move |k| match k {
        "DATABASE_URL" => Some(url.clone()),
        "SUPERVISOR_IDS" => Some(format!("{SUPERVISOR},{SECOND_SUPERVISOR}")),
        "EVAC_FAILPOINT" => Some(point.clone()),
        _ => None,
    })
    .unwrap();
    let clock = ManualClock::at(T0);
    let mut app = crate::e2e_common::new_app(config)
        .await
        .with_clock(Arc::new(clock.clone()));
    app.on_failpoint = |p| panic!("failpoint {p}");
    let emu = Emulator::start().await.unwrap();
    for chat in [SUPERVISOR, SECOND_SUPERVISOR, REQUESTER] {
        emu.register_chat(chat, ChatKind::Private);
    }
    let bot = teloxide::Bot::new("123456789:TESTtokenTESTtokenTEST")
        .set_api_url(emu.api_url().parse().unwrap());
    let app = app.with_bot(bot.clone());
    World {
        emu,
        bot,
        app,
        clock,
        env,
    }
}

impl World {
    /// A scheduler pass that stops at the world's failpoint (it must reach it).
    async fn tick_stopping_at(&self, point: &str) {
        let app = self.app.clone();
        let stopped = tokio::spawn(async move { scheduler::tick(&app).await.map(drop) })
            .await
            .expect_err("the pass stops at the failpoint");
        let panic = stopped.into_panic();
        let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
        assert_eq!(message, format!("failpoint {point}"));
    }

    /// The bot started again over the same database, without the failpoint.
    async fn restarted(&self) -> App {
        self.env
            .app()
            .await
            .with_clock(Arc::new(self.clock.clone()))
    }

    /// What the restarted bot's outbox worker sends first: everything due.
    async fn deliver_due(&self, app: &App) -> usize {
        Outbox::new(app.db.clone(), self.bot.clone(), app.clock.clone(), false)
            .deliver_due()
            .await
    }

    fn count_containing(&self, chat: i64, needle: &str) -> usize {
        self.texts(chat)
            .iter()
            .filter(|t| t.contains(needle))
            .count()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_escalation_committed_just_before_a_crash_reaches_each_supervisor_once_after_restart() {
    let w = world_stopping_at("escalation").await;
    let id = case(&w, Priority::Critical).await;
    w.clock.advance(300);
    w.tick_stopping_at("escalation").await;
    for supervisor in [SUPERVISOR, SECOND_SUPERVISOR] {
        assert!(w.texts(supervisor).is_empty(), "committed, not sent");
    }

    let app = w.restarted().await;
    assert_eq!(w.deliver_due(&app).await, 2, "one queued per supervisor");
    let tag = format!("#{id}");
    for supervisor in [SUPERVISOR, SECOND_SUPERVISOR] {
        assert_eq!(
            w.count_containing(supervisor, &tag),
            1,
            "{supervisor}: {:?}",
            w.texts(supervisor)
        );
    }

    // The mark was committed with them: the next passes do not escalate at this level again.
    assert_eq!(
        scheduler::tick(&app.clone().with_bot(w.bot.clone()))
            .await
            .unwrap(),
        0
    );
    w.clock.advance(60);
    assert_eq!(
        scheduler::tick(&app.clone().with_bot(w.bot.clone()))
            .await
            .unwrap(),
        0
    );
    assert_eq!(w.deliver_due(&app).await, 0);
    for supervisor in [SUPERVISOR, SECOND_SUPERVISOR] {
        assert_eq!(w.count_containing(supervisor, &tag), 1, "{supervisor}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_check_in_committed_just_before_a_crash_reaches_the_requester_once_after_restart() {
    let w = world_stopping_at("checkin").await;
    let id = case(&w, Priority::Normal).await;
    // Both escalations of the case happen before the check-in is due (not at the failpoint).
    w.clock.advance(12 * 3600 - 1);
    w.tick().await;
    w.tick().await;
    assert_eq!(w.tick().await, 0, "nothing more before the check-in");
    w.clock.advance(1);
    w.tick_stopping_at("checkin").await;
    assert!(w.emu.sent(REQUESTER).is_empty(), "committed, not sent");

    let app = w.restarted().await;
    w.deliver_due(&app).await;
    let sent = w.emu.sent(REQUESTER);
    assert_eq!(sent.len(), 1, "{:?}", w.texts(REQUESTER));
    assert!(sent[0].text_or_empty().contains(&format!("#{id}")));
    let data: Vec<String> = sent[0].buttons().into_iter().map(|(_, d)| d).collect();
    assert_eq!(data, [format!("ck:{id}:h"), format!("ck:{id}:s")]);

    assert_eq!(
        scheduler::tick(&app.clone().with_bot(w.bot.clone()))
            .await
            .unwrap(),
        0
    );
    w.deliver_due(&app).await;
    assert_eq!(w.emu.sent(REQUESTER).len(), 1, "checked in once");
}

// --- Update ids are kept a day ---------------------------------------------------------------

#[tokio::test(flavor = "multi_thread")]
async fn a_pass_more_than_a_day_later_forgets_the_older_update_ids_and_keeps_the_newer() {
    let env = common::Env::new(&[SUPERVISOR], None);
    let clock = ManualClock::at(T0);
    let app = env.app().await.with_clock(Arc::new(clock.clone()));
    let mut p = common::Person::with_id(&app, REQUESTER, Some("en")).await;
    p.say("/start").await;
    p.agree().await;
    p.press("Safe for now").await;
    let old = format!("SELECT COUNT(*) FROM processed_updates WHERE processed_at = {T0}");
    assert!(
        common::count(&app, &old).await > 0,
        "set up: handled updates"
    );

    clock.advance(scheduler::UPDATE_IDS_KEPT_SECS + 1);
    let r = p.press("Kharkiv region").await;
    assert!(common::all_text(&r, REQUESTER).contains("Where exactly are you"));
    scheduler::tick(&app.clone().with_bot(p.bot.clone()))
        .await
        .unwrap();

    let cutoff = now(&clock) - scheduler::UPDATE_IDS_KEPT_SECS;
    let older = format!("SELECT COUNT(*) FROM processed_updates WHERE processed_at < {cutoff}");
    assert_eq!(
        common::count(&app, &older).await,
        0,
        "none older than a day"
    );
    assert_eq!(
        common::count(&app, "SELECT COUNT(*) FROM processed_updates").await,
        1,
        "the update of just now is kept"
    );
}

fn now(clock: &ManualClock) -> i64 {
    use evac_intake::clock::Clock;
    clock.now()
}
