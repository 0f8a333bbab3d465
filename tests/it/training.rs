//! Training before claiming: `/addvolunteer` adds a trainee, who can neither go on shift nor
//! be offered nor claim a case (by command or button) until a supervisor records the
//! training with `/trained`; it runs out after `TRAINING_VALID_DAYS`, with a notice 14 days
//! before.

use crate::common;

use std::sync::Arc;

use common::{Env, Person, all_text, submit_calm_case, texts_to, toast};
use evac_intake::{bot::scheduler, clock::ManualClock};

const SUPERVISOR: i64 = 4001;
const VOLUNTEER: i64 = 4002;
const GROUP: i64 = -100_400;
const T0: i64 = 1_800_000_000;
const DAY: i64 = 86_400;

#[tokio::test]
async fn a_trainee_cannot_go_on_shift_or_claim_until_the_training_is_recorded() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let app = env.app().await;
    let mut p = Person::with_id(&app, VOLUNTEER, Some("en")).await;
    p.say("/start").await;
    p.switch_to(SUPERVISOR, Some("en"));
    let r = p
        .say(&format!("/addvolunteer {VOLUNTEER} en kharkiv"))
        .await;
    assert!(all_text(&r, SUPERVISOR).contains("as a trainee"));
    let r = p.say("/volunteers").await;
    assert!(all_text(&r, SUPERVISOR).contains(&format!("{VOLUNTEER} · off shift · trainee")));

    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.say("/online").await;
    assert!(
        all_text(&r, VOLUNTEER).contains("You are a trainee"),
        "{:?}",
        texts_to(&r, VOLUNTEER)
    );
    // A case comes in: the trainee is not offered it, and can claim it neither way.
    let r = submit_calm_case(&mut p).await;
    assert!(r.to(VOLUNTEER).is_empty(), "no offer to a trainee");
    let card = r.last_to(GROUP).cloned().expect("the group card");
    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.say("/claim 1").await;
    assert!(all_text(&r, VOLUNTEER).contains("You are a trainee"));
    let r = p.press_on("cl:1", &card).await;
    assert!(
        toast(&r).unwrap_or_default().contains("You are a trainee"),
        "{:?}",
        toast(&r)
    );
    let stored = app.db.case(1).await.unwrap().unwrap();
    assert_eq!(stored.volunteer_id, None);

    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.say(&format!("/trained {VOLUNTEER}")).await;
    assert!(all_text(&r, SUPERVISOR).contains("is trained"));
    assert!(all_text(&r, VOLUNTEER).contains("Your training is recorded"));
    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.say("/online").await;
    assert!(all_text(&r, VOLUNTEER).contains("You are on shift"));
    let r = p.say("/claim 1").await;
    assert!(
        all_text(&r, VOLUNTEER).contains("#1 is yours"),
        "{:?}",
        texts_to(&r, VOLUNTEER)
    );
}

#[tokio::test]
async fn a_training_runs_out_with_a_notice_fourteen_days_before() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let clock = ManualClock::at(T0);
    let app = env
        .app_with(&[("TRAINING_VALID_DAYS", "30")])
        .await
        .with_clock(Arc::new(clock.clone()));
    let mut p = Person::with_id(&app, SUPERVISOR, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;
    let ticking = app.clone().with_bot(p.bot.clone());

    clock.advance(15 * DAY);
    let before = p.emu.sent(VOLUNTEER).len();
    scheduler::tick(&ticking).await.unwrap();
    assert_eq!(p.emu.sent(VOLUNTEER).len(), before, "not yet");
    clock.advance(DAY + 1);
    scheduler::tick(&ticking).await.unwrap();
    let told: Vec<String> = p
        .emu
        .sent(VOLUNTEER)
        .iter()
        .skip(before)
        .map(|m| m.text_or_empty().to_owned())
        .collect();
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(told[0].contains("training runs out on"), "{told:?}");
    assert!(
        p.emu
            .sent(SUPERVISOR)
            .iter()
            .any(|m| m.text_or_empty().contains(&format!("/trained {VOLUNTEER}"))),
        "the supervisor is told"
    );
    scheduler::tick(&ticking).await.unwrap();
    assert_eq!(p.emu.sent(VOLUNTEER).len(), before + 1, "once");

    clock.advance(14 * DAY);
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/offline").await;
    let r = p.say("/online").await;
    assert!(all_text(&r, VOLUNTEER).contains("Your training has run out"));
    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.say("/volunteers").await;
    assert!(
        all_text(&r, SUPERVISOR).contains("training ran out"),
        "{:?}",
        texts_to(&r, SUPERVISOR)
    );
    p.say(&format!("/trained {VOLUNTEER}")).await;
    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.say("/online").await;
    assert!(all_text(&r, VOLUNTEER).contains("You are on shift"));
}
