//! Escalation, silent volunteers and check-ins, driven by an injected clock (no sleeping):
//! the scheduler pass is called directly, the Bot API is the emulator.

use crate::common;

use std::sync::Arc;

use botapi_emulator::{ChatKind, Emulator};
use evac_intake::{
    bot::{App, scheduler},
    clock::ManualClock,
    db::SubmitOutcome,
    i18n::Lang,
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
    _env: common::Env,
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
    World {
        emu,
        bot,
        app,
        clock,
        _env: env,
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
        .begin_survey(REQUESTER, Lang::En, 1, &state, now)
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
        scheduler::tick(&self.bot, &self.app).await.unwrap()
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
