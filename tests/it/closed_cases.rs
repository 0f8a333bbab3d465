//! A closed case is not a dead end: writing after `/done` offers a new request, or (within a
//! week, while that volunteer is still on the roster) passing the message to the volunteer
//! who helped, which opens the case again for them.

use crate::common;

use std::sync::Arc;

use common::{Env, Person, USER, all_text, count, submit_calm_case, texts_to};
use evac_intake::{bot::App, clock::ManualClock};

const SUPERVISOR: i64 = 6001;
const VOLUNTEER: i64 = 6002;
const GROUP: i64 = -100_606;
const T0: i64 = 1_800_000_000;
const DAY: i64 = 86_400;

async fn closed_case(env: &Env) -> (App, ManualClock, Person) {
    let clock = ManualClock::at(T0);
    let app = env.app().await.with_clock(Arc::new(clock.clone()));
    let mut p = Person::with_id(&app, SUPERVISOR, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;
    submit_calm_case(&mut p).await;
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/claim 1").await;
    let r = p.say("/done 1 staying_safe").await;
    assert!(
        all_text(&r, VOLUNTEER).contains("#1 is closed"),
        "{:?}",
        texts_to(&r, VOLUNTEER)
    );
    clock.advance(120);
    (app, clock, p)
}

#[tokio::test]
async fn writing_after_done_can_reach_the_last_volunteer_and_opens_the_case_again() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let (app, clock, mut p) = closed_case(&env).await;
    clock.advance(3 * DAY);
    p.switch_to(USER, Some("en"));
    let r = p
        .say("Qqagain: the shelling started again, we need to leave")
        .await;
    let menu = all_text(&r, USER);
    assert!(menu.contains("Your request #1 is closed"), "{menu}");
    assert_eq!(
        p.labels(),
        ["📝 Start a new request", "✉ Write to the last volunteer"]
    );
    assert!(
        r.to(VOLUNTEER).is_empty(),
        "nothing reaches anyone before the person chooses"
    );

    let r = p.press("Write to the last volunteer").await;
    assert!(all_text(&r, USER).contains("Request #1 is open again"));
    assert!(all_text(&r, VOLUNTEER).contains("#1 is open again"));
    let copy = r.last_copy().expect("the message, copied");
    assert_eq!(copy.chat_id, VOLUNTEER);
    assert!(r.forwards().is_empty(), "copied, never forwarded");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM cases WHERE id = 1 AND status = 'claimed' AND outcome IS NULL"
        )
        .await,
        1
    );
    // The volunteer answers by replying to the copy, as always.
    let copy = copy.clone();
    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.reply(&copy, "Qqanswer: we come tomorrow").await;
    assert_eq!(r.last_copy().map(|c| c.chat_id), Some(USER));
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'reopen' AND case_id = 1"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn after_a_week_or_without_the_volunteer_only_a_new_request_is_offered() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let (_app, clock, mut p) = closed_case(&env).await;
    clock.advance(8 * DAY);
    p.switch_to(USER, Some("en"));
    p.say("Hello again").await;
    assert_eq!(p.labels(), ["📝 Start a new request"]);
    // An old button pressed now (forged or kept): refused, nothing reopened.
    let r = p.press_data("wv:1:1").await;
    assert!(all_text(&r, USER).contains("can no longer be reached"));
    assert!(r.to(VOLUNTEER).is_empty());

    p.press_data("nr").await;
    assert!(
        p.labels().iter().any(|l| l.contains("I agree")),
        "{:?}",
        p.labels()
    );
}

#[tokio::test]
async fn a_volunteer_removed_from_the_roster_cannot_be_written_to_again() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let (_app, _clock, mut p) = closed_case(&env).await;
    p.switch_to(SUPERVISOR, Some("en"));
    p.say(&format!("/removevolunteer {VOLUNTEER}")).await;
    p.switch_to(USER, Some("en"));
    p.say("Hello again").await;
    assert_eq!(p.labels(), ["📝 Start a new request"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_album_after_done_gets_one_menu_and_reaches_the_volunteer_whole() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let (app, clock, mut p) = closed_case(&env).await;
    clock.advance(DAY);
    p.switch_to(USER, Some("en"));
    let mut album = Vec::new();
    let r = p
        .send(|u| album = u.send_album(3, Some("Qqalbum: the documents")))
        .await;
    let menus = texts_to(&r, USER)
        .iter()
        .filter(|t| t.contains("Your request #1 is closed"))
        .count();
    assert_eq!(
        menus,
        1,
        "one menu for three photos: {:?}",
        texts_to(&r, USER)
    );

    let before = p.emu.sent(VOLUNTEER).len();
    let r = p.press("Write to the last volunteer").await;
    assert!(all_text(&r, VOLUNTEER).contains("#1 is open again"));
    clock.advance(3);
    app.clone()
        .with_bot(p.bot.clone())
        .outbox
        .deliver_due()
        .await;
    let copies: Vec<_> = p
        .emu
        .sent(VOLUNTEER)
        .split_off(before)
        .into_iter()
        .filter(|m| m.copy_of.is_some())
        .collect();
    let originals: Vec<i32> = copies
        .iter()
        .filter_map(|c| c.copy_of.map(|(_, m)| m))
        .collect();
    assert_eq!(originals, album, "the whole album, in order: {copies:?}");
    assert!(
        copies.iter().all(|c| c.method == "copyMessages"),
        "one album, not three messages: {copies:?}"
    );
}
