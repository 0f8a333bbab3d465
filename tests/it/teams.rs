//! A team around one case: helpers get the person's messages and may answer (observers only
//! read); the person learns a helper joined by role, never by name; removal stops both;
//! `/done` tells the team; `/forget` deletes the copies in every member's chat.

use crate::common;

use common::{Env, Person, USER, all_text, submit_calm_case, texts_to};

const SUPERVISOR: i64 = 1201;
const VOLUNTEER: i64 = 1202;
const PSY: i64 = 1203;
const TRAINEE: i64 = 1204;
const GROUP: i64 = -100_120;

#[tokio::test]
async fn a_team_shares_the_relay_an_observer_only_reads_and_removal_stops_both() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let app = env.app().await;
    let mut p = Person::with_id(&app, SUPERVISOR, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, PSY).await;
    p.switch_to(TRAINEE, Some("en"));
    p.say("/start").await;
    p.switch_to(SUPERVISOR, Some("en"));
    p.say(&format!("/addvolunteer {TRAINEE}")).await;
    submit_calm_case(&mut p).await;
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/claim 1").await;

    let r = p.say(&format!("/team 1 add {PSY} psychologist")).await;
    assert!(all_text(&r, VOLUNTEER).contains(&format!("{PSY} is in the team of #1")));
    let told = all_text(&r, USER);
    assert!(
        told.contains("Another helper joined your request #1 (psychologist)"),
        "{told}"
    );
    assert!(!told.contains(&PSY.to_string()));
    assert!(all_text(&r, PSY).contains("You are in the team of #1"));
    let r = p.say(&format!("/team 1 add {TRAINEE} driver")).await;
    assert!(all_text(&r, VOLUNTEER).contains("only as an observer"));
    p.say(&format!("/team 1 add {TRAINEE} observer")).await;
    let r = p.say("/team 1").await;
    assert!(all_text(&r, VOLUNTEER).contains(&format!("{PSY} · psychologist")));

    // The person writes: the volunteer and both helpers get it.
    p.switch_to(USER, Some("en"));
    let r = p.say("Qqteam: grandmother cannot walk far").await;
    let copy_to = |who: i64| r.copies().into_iter().find(|c| c.chat_id == who).cloned();
    let (psy_copy, trainee_copy) = (
        copy_to(PSY).expect("psychologist"),
        copy_to(TRAINEE).expect("observer"),
    );
    assert!(copy_to(VOLUNTEER).is_some());

    // The psychologist answers; the observer cannot.
    p.switch_to(PSY, Some("en"));
    let r = p
        .reply(&psy_copy, "Qqpsy: breathe slowly, we are with you")
        .await;
    assert_eq!(r.last_copy().map(|c| c.chat_id), Some(USER));
    let r = p.say("/note 1 calmed down after the call").await;
    assert!(
        !all_text(&r, PSY).contains("not assigned to you"),
        "{:?}",
        texts_to(&r, PSY)
    );
    p.switch_to(TRAINEE, Some("en"));
    let r = p.reply(&trainee_copy, "Qqtrainee: hello").await;
    assert!(r.to(USER).is_empty(), "an observer only reads");

    // The volunteer sees the shared note; then removes the psychologist.
    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.say("/case 1").await;
    assert!(all_text(&r, VOLUNTEER).contains("calmed down after the call"));
    p.say(&format!("/team 1 remove {PSY}")).await;
    p.switch_to(PSY, Some("en"));
    let r = p.reply(&psy_copy, "Qqpsy: still here").await;
    assert!(r.to(USER).is_empty(), "removed: no more answers");
    p.switch_to(USER, Some("en"));
    let r = p.say("Qqteam: thank you").await;
    assert!(
        r.copies().iter().all(|c| c.chat_id != PSY),
        "removed: no more copies"
    );

    // /done tells the team; /forget deletes the copies in every member's chat.
    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.say("/done 1 evacuated").await;
    // The trainee never chose a language: the default, Ukrainian.
    assert!(
        all_text(&r, TRAINEE).contains("Заявку #1, у команді якої ви є, закрито"),
        "{:?}",
        texts_to(&r, TRAINEE)
    );
    p.switch_to(USER, Some("en"));
    p.say("/forget").await;
    let r = p.press("Yes, erase everything").await;
    assert!(
        r.deleted.contains(&(TRAINEE, trainee_copy.message_id)),
        "the observer's copy is deleted: {:?}",
        r.deleted
    );
}

#[tokio::test]
async fn a_helper_taken_off_the_roster_gets_no_more_of_the_persons_messages() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let app = env.app().await;
    let mut p = Person::with_id(&app, SUPERVISOR, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, PSY).await;
    submit_calm_case(&mut p).await;
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/claim 1").await;
    p.say(&format!("/team 1 add {PSY} psychologist")).await;
    p.switch_to(SUPERVISOR, Some("en"));
    p.say(&format!("/removevolunteer {PSY}")).await;
    p.switch_to(USER, Some("en"));
    let r = p.say("Qqteam: are you there?").await;
    assert!(r.copies().iter().any(|c| c.chat_id == VOLUNTEER));
    assert!(
        r.copies().iter().all(|c| c.chat_id != PSY),
        "removed from the roster: no copies"
    );
    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.say("/team 1").await;
    assert!(all_text(&r, VOLUNTEER).contains("no team besides its volunteer"));
}
