//! Supervisors through the Telegram layer: the role matrix for every staff command and button,
//! bans (mid-survey too), the fake-data blocklist, flood control, supervisors added in the bot,
//! and one audit row per role action.

use crate::common;

use std::sync::Arc;

use common::{Env, Person, Responses, USER, all_text, count, texts_to, toast};
use evac_intake::clock::ManualClock;

const SUPERVISOR: i64 = 9101;
const VOLUNTEER: i64 = 9102;
const STRANGER: i64 = 9103;
const TROLL: i64 = 9104;
const GROUP: i64 = -100_888;

/// Consent and the first answers, as `who`.
async fn start_survey(p: &mut Person, who: i64) {
    p.switch_to(who, Some("en"));
    p.say("/start").await;
    p.agree().await;
    p.press("Safe for now").await;
    p.press("Kharkiv region").await;
}

/// The whole survey, as USER, with a phone; returns the Submit response.
async fn submit_with_phone(p: &mut Person, phone: &str) -> Responses {
    start_survey(p, USER).await;
    p.say("Izium").await;
    p.press("1").await;
    p.press_all(&["No, only adults", "Done"]).await;
    p.press_all(&["No one", "Done"]).await;
    p.press_all(&["Nothing", "Done"]).await;
    p.press("Abroad").await;
    p.press("By phone too").await;
    p.say(phone).await;
    p.press("Most of the time").await;
    p.press("Submit").await
}

async fn add_volunteer(p: &mut Person) {
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/start").await;
    p.switch_to(SUPERVISOR, Some("en"));
    p.say(&format!("/addvolunteer {VOLUNTEER}")).await;
    common::train(p, SUPERVISOR, VOLUNTEER).await;
}

const UNKNOWN: &str = "I don't know this command";
const SUPERVISORS_ONLY: &str = "Only supervisors can do this.";

#[tokio::test(flavor = "multi_thread")]
async fn every_staff_command_is_allowed_or_refused_by_role() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    add_volunteer(&mut p).await;
    submit_with_phone(&mut p, "+380 50 111 22 33").await; // case #1 from USER
    p.switch_to(TROLL, Some("en"));
    p.say("/start").await;
    p.switch_to(SUPERVISOR, Some("en"));
    p.say(&format!("/ban {TROLL} threats")).await;

    let volunteer_commands = [
        "/online",
        "/queue",
        "/mycases",
        "/claim 1",
        "/case 1",
        "/note 1 called",
        "/msg 1 hello",
        "/release 1",
        "/offline",
    ];
    let supervisor_commands = [
        "/volunteers",
        "/verify 1 ok",
        "/flag 1 odd",
        "/unflag 1",
        "/bans",
        "/blockphone +380 44 000 00 00",
        "/blockplace Nowhere",
        "/addsupervisor 424242",
        "/removesupervisor 424242",
        "/audit 1",
        "/stats",
        "/export",
        "/unban 5",
        "/ban 5 spam",
        "/addvolunteer 5",
        "/removevolunteer 5",
    ];
    for cmd in volunteer_commands.iter().chain(&supervisor_commands) {
        for who in [STRANGER, USER] {
            p.switch_to(who, Some("en"));
            let r = p.say(cmd).await;
            assert!(
                all_text(&r, who).contains(UNKNOWN),
                "{who} {cmd}: {:?}",
                texts_to(&r, who)
            );
        }
        p.switch_to(TROLL, Some("en"));
        let r = p.say(cmd).await;
        assert!(r.sent.is_empty(), "a banned user gets silence for {cmd}");
    }
    p.switch_to(VOLUNTEER, Some("en"));
    for cmd in volunteer_commands {
        let r = p.say(cmd).await;
        let text = all_text(&r, VOLUNTEER);
        assert!(
            !text.contains(UNKNOWN) && !text.contains(SUPERVISORS_ONLY),
            "volunteer {cmd}: {text}"
        );
    }
    for cmd in supervisor_commands {
        let r = p.say(cmd).await;
        assert!(
            all_text(&r, VOLUNTEER).contains(SUPERVISORS_ONLY),
            "volunteer {cmd}: {:?}",
            texts_to(&r, VOLUNTEER)
        );
    }
    p.switch_to(SUPERVISOR, Some("en"));
    for cmd in volunteer_commands.iter().chain(&supervisor_commands) {
        let r = p.say(cmd).await;
        let text = all_text(&r, SUPERVISOR);
        assert!(
            !text.contains(UNKNOWN) && !text.contains(SUPERVISORS_ONLY),
            "supervisor {cmd}: {text}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_claim_button_is_refused_to_strangers_requesters_and_banned_people() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    let r = submit_with_phone(&mut p, "+380 50 111 22 33").await;
    let card = r.first_to(GROUP).unwrap().clone();
    p.switch_to(TROLL, Some("en"));
    p.say("/start").await;
    p.switch_to(SUPERVISOR, Some("en"));
    p.say(&format!("/ban {TROLL} threats")).await;
    for who in [STRANGER, USER] {
        p.switch_to(who, Some("en"));
        let r = p.press_on("cl:1", &card).await;
        assert_eq!(
            toast(&r).as_deref(),
            Some("This is for volunteers."),
            "{who}"
        );
    }
    p.switch_to(TROLL, Some("en"));
    let r = p.press_on("cl:1", &card).await;
    // Silence: nothing is sent and the press is answered without a text (the spinner stops).
    assert!(
        r.sent.is_empty() && r.answers.len() == 1 && r.answers[0].text.is_none(),
        "silence"
    );
    assert_eq!(
        app.db.case(1).await.unwrap().unwrap().status.as_str(),
        "open"
    );
    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.press_on("cl:1", &card).await;
    assert!(
        toast(&r).unwrap().contains("#1 is yours"),
        "supervisors may claim"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_ban_mid_survey_silences_the_person_and_changes_nothing_after_it() {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    start_survey(&mut p, TROLL).await;
    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.say(&format!("/ban {TROLL} fake addresses")).await;
    assert!(all_text(&r, SUPERVISOR).contains(&format!("User {TROLL} is banned")));
    assert!(
        all_text(&r, TROLL).contains("no longer accepts your messages"),
        "one short message"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM survey_state").await,
        0,
        "their draft is gone"
    );

    p.switch_to(TROLL, Some("en"));
    for text in ["Izium", "/start", "/status", "/help", "hello?"] {
        let r = p.say(text).await;
        assert!(r.sent.is_empty(), "silence after the ban: {text}");
    }
    assert_eq!(app.db.count_cases().await.unwrap(), 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM survey_state").await, 0);

    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.say("/bans").await;
    assert!(all_text(&r, SUPERVISOR).contains(&format!("{TROLL} · fake addresses")));
    p.say(&format!("/unban {TROLL}")).await;
    p.switch_to(TROLL, Some("en"));
    let r = p.say("/start").await;
    assert!(!r.sent.is_empty(), "after /unban they are heard again");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_ban_closes_open_cases_and_tells_their_volunteer_and_a_banned_volunteer_loses_the_role() {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    add_volunteer(&mut p).await;
    submit_with_phone(&mut p, "+380 50 111 22 33").await;
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/claim 1").await;
    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.say(&format!("/ban {USER} threats")).await;
    assert!(all_text(&r, VOLUNTEER).contains("#1 is closed: its sender was banned"));
    let case = app.db.case(1).await.unwrap().unwrap();
    assert_eq!(
        (case.status.as_str(), case.outcome.as_deref()),
        ("closed", Some("banned"))
    );

    let r = p.say(&format!("/ban {VOLUNTEER} leaked data")).await;
    assert!(all_text(&r, SUPERVISOR).contains("is banned"));
    assert!(!app.db.is_volunteer(VOLUNTEER).await.unwrap());
    let r = p.say(&format!("/ban {SUPERVISOR} oops")).await;
    assert!(all_text(&r, SUPERVISOR).contains("A supervisor cannot be banned"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_blocked_phone_flags_a_new_case_to_supervisors_before_it_is_routed() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.say("/blockphone 050-111-22-33").await;
    assert!(all_text(&r, SUPERVISOR).contains("only a fingerprint of it is stored"));
    let stored: String = sqlx::query_scalar("SELECT hash FROM blocklist")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert!(
        !stored.contains("501112233"),
        "the number itself is not stored"
    );

    let r = submit_with_phone(&mut p, "+380 50 111 22 33").await;
    assert!(
        all_text(&r, USER).contains("#1 is registered"),
        "the requester is not told"
    );
    assert!(
        all_text(&r, SUPERVISOR).contains("⚠ #1 contains a phone number marked as fake"),
        "{:?}",
        texts_to(&r, SUPERVISOR)
    );
    assert!(texts_to(&r, GROUP).is_empty(), "not routed to volunteers");
    let case = app.db.case(1).await.unwrap().unwrap();
    assert_eq!(case.flag_reason.as_deref(), Some("blocked_phone"));

    // Checked and found genuine: /unflag routes it now.
    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.say("/unflag 1").await;
    assert!(
        all_text(&r, SUPERVISOR).contains("#1"),
        "{:?}",
        texts_to(&r, SUPERVISOR)
    );
    let cards = texts_to(&r, GROUP);
    assert_eq!(cards.len(), 1, "one card in the volunteer group: {cards:?}");
    assert!(
        cards[0].contains("#1") && !cards[0].contains('⚠'),
        "{cards:?}"
    );

    // Held back again and released: its card loses the mark; no second card.
    p.say("/flag 1 checking the address").await;
    let held = p.emu.sent(GROUP);
    // (The group reads Ukrainian: the mark is the ⚠ line.)
    assert!(
        held.last().unwrap().text_or_empty().contains('⚠'),
        "{held:?}"
    );
    p.say("/unflag 1").await;
    let released = p.emu.sent(GROUP);
    assert_eq!(released.len(), held.len(), "no second card: {released:?}");
    assert!(
        !released.last().unwrap().text_or_empty().contains('⚠'),
        "{released:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn blocking_a_place_flags_existing_cases_that_contain_it() {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    submit_with_phone(&mut p, "+380 50 111 22 33").await; // place "Izium"
    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.say("/blockplace  IZIUM ").await;
    assert!(
        all_text(&r, SUPERVISOR).contains("Cases flagged now: 1"),
        "{:?}",
        texts_to(&r, SUPERVISOR)
    );
    let r = p.say("/queue").await;
    assert!(
        all_text(&r, SUPERVISOR).contains("held back"),
        "the card shows the flag"
    );
    p.say("/unflag 1").await;
    p.say("/verify 1 called back").await;
    let r = p.say("/queue").await;
    assert!(all_text(&r, SUPERVISOR).contains("✔ verified"));
}

#[tokio::test(flavor = "multi_thread")]
async fn unverified_critical_cases_are_highlighted_in_the_queue() {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    p.switch_to(USER, Some("en"));
    p.say("/start").await;
    p.agree().await;
    p.press("In danger right now").await;
    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.say("/queue").await;
    assert!(all_text(&r, SUPERVISOR).contains("❗ not verified yet"));
    p.say("/verify 1").await;
    let r = p.say("/queue").await;
    assert!(!all_text(&r, SUPERVISOR).contains("not verified yet"));
}

#[tokio::test(flavor = "multi_thread")]
async fn flooding_mutes_for_a_while_with_one_clear_message_and_repeat_offenders_are_listed() {
    let env = Env::new(&[SUPERVISOR], None);
    let clock = ManualClock::at(1_900_000_000);
    let app = env.app().await.with_clock(Arc::new(clock.clone()));
    let mut p = Person::new(&app, Some("en")).await;
    p.switch_to(TROLL, Some("en"));
    let mut muted_replies = 0;
    for i in 0..35 {
        let r = p.say(&format!("spam {i}")).await;
        if all_text(&r, TROLL).contains("Too many messages") {
            muted_replies += 1;
        }
        if i > 31 {
            assert!(r.sent.is_empty(), "silence while muted");
        }
    }
    assert_eq!(muted_replies, 1, "told once");
    clock.advance(11 * 60);
    let r = p.say("hello again").await;
    assert!(!r.sent.is_empty(), "heard again after the mute");
    for i in 0..32 {
        p.say(&format!("spam again {i}")).await;
    }
    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.say("/bans").await;
    assert!(
        all_text(&r, SUPERVISOR).contains(&format!("{TROLL} · 2×")),
        "{:?}",
        texts_to(&r, SUPERVISOR)
    );
    // Staff are never muted.
    for i in 0..35 {
        p.say(&format!("/help {i}")).await;
    }
    let r = p.say("/bans").await;
    assert!(!r.sent.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn supervisors_added_in_the_bot_can_be_removed_but_not_those_from_the_environment_or_the_last()
 {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.say(&format!("/removesupervisor {SUPERVISOR}")).await;
    assert!(all_text(&r, SUPERVISOR).contains("SUPERVISOR_IDS"));
    p.say("/addsupervisor 5555").await;
    p.switch_to(5555, Some("en"));
    let r = p.say("/volunteers").await;
    assert!(
        all_text(&r, 5555).contains("roster is empty"),
        "the new supervisor has the role"
    );
    let r = p.say("/removesupervisor 5555").await;
    assert!(all_text(&r, 5555).contains("no longer a supervisor"));
    let r = p.say("/volunteers").await;
    assert!(all_text(&r, 5555).contains(UNKNOWN), "and loses it at once");
}

#[tokio::test(flavor = "multi_thread")]
async fn each_role_action_writes_one_audit_row() {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    add_volunteer(&mut p).await;
    submit_with_phone(&mut p, "+380 50 111 22 33").await;
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/claim 1").await;
    p.say("/note 1 called").await;
    p.say("/release 1").await;
    p.say("/claim 1").await;
    p.say("/done 1 evacuated").await;
    p.switch_to(SUPERVISOR, Some("en"));
    for cmd in [
        "/verify 1",
        "/flag 1 odd",
        "/unflag 1",
        "/ban 777 spam",
        "/unban 777",
        "/blockphone +380 44 000 00 00",
        "/blockplace Nowhere",
        "/addsupervisor 888",
        "/removesupervisor 888",
    ] {
        p.say(cmd).await;
    }
    p.say(&format!("/removevolunteer {VOLUNTEER}")).await;
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT action, COUNT(*) FROM audit_log GROUP BY action ORDER BY action")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    let expected = [
        ("add_supervisor", 1),
        ("add_volunteer", 1),
        ("ban", 1),
        ("block_phone", 1),
        ("block_place", 1),
        ("claim", 2),
        ("done", 1),
        ("flag", 1),
        ("note", 1),
        ("release", 1),
        ("remove_supervisor", 1),
        ("remove_volunteer", 1),
        ("trained", 1),
        ("unban", 1),
        ("unflag", 1),
        ("verify", 1),
    ];
    let got: Vec<(&str, i64)> = rows.iter().map(|(a, n)| (a.as_str(), *n)).collect();
    assert_eq!(got, expected);
    let claim: (i64, Option<i64>) =
        sqlx::query_as("SELECT actor_id, case_id FROM audit_log WHERE action = 'claim' LIMIT 1")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(claim, (VOLUNTEER, Some(1)));
    // Append-only.
    assert!(
        sqlx::query("DELETE FROM audit_log")
            .execute(app.db.pool())
            .await
            .is_err()
    );
    assert!(
        sqlx::query("UPDATE audit_log SET action = 'x'")
            .execute(app.db.pool())
            .await
            .is_err()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn replying_to_a_case_card_works_in_place_of_the_case_number_or_user_id() {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    p.switch_to(SUPERVISOR, Some("en"));
    p.say("/start").await;
    p.switch_to(TROLL, Some("en"));
    p.say("/start").await;
    p.agree().await;
    let r = p.press("In danger right now").await;
    let alert = r
        .first_to(SUPERVISOR)
        .expect("the supervisor is alerted")
        .clone();
    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.reply(&alert, "/verify called back").await;
    assert!(
        all_text(&r, SUPERVISOR).contains("#1 is marked verified"),
        "{:?}",
        texts_to(&r, SUPERVISOR)
    );
    let r = p.reply(&alert, "/ban fake danger reports").await;
    assert!(
        all_text(&r, SUPERVISOR).contains(&format!("User {TROLL} is banned")),
        "{:?}",
        texts_to(&r, SUPERVISOR)
    );
    assert!(app.db.is_banned(TROLL).await.unwrap());
}

#[tokio::test(flavor = "multi_thread")]
async fn every_staff_button_is_refused_to_strangers_and_requesters_and_silent_for_the_banned() {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    add_volunteer(&mut p).await;
    let r = submit_with_phone(&mut p, "+380 50 111 22 33").await;
    let any_message = r.first_to(USER).unwrap().clone();
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/claim 1").await;
    p.switch_to(TROLL, Some("en"));
    p.say("/start").await;
    p.switch_to(SUPERVISOR, Some("en"));
    p.say(&format!("/ban {TROLL} spam")).await;
    let before = app.db.case(1).await.unwrap().unwrap();
    for data in ["cl:1", "cs:1", "qp:2", "of:r", "of:k", "dn:1:0"] {
        for who in [STRANGER, USER] {
            p.switch_to(who, Some("en"));
            let r = p.press_on_moved(data, &any_message, who).await;
            assert_eq!(
                toast(&r).as_deref(),
                Some("This is for volunteers."),
                "{who} {data}"
            );
            assert!(
                texts_to(&r, who).is_empty(),
                "{who} {data}: nothing else is sent"
            );
        }
        p.switch_to(TROLL, Some("en"));
        let r = p.press_on_moved(data, &any_message, TROLL).await;
        assert!(
            r.sent.is_empty() && r.answers.len() == 1 && r.answers[0].text.is_none(),
            "banned {data}: silence, the spinner stopped"
        );
    }
    assert_eq!(
        app.db.case(1).await.unwrap().unwrap(),
        before,
        "nothing changed"
    );
    // The volunteer's own buttons work for them.
    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.press_on_moved("cs:1", &any_message, VOLUNTEER).await;
    assert!(
        all_text(&r, VOLUNTEER).contains("Izium"),
        "the details, for the assigned volunteer"
    );
}

// --- Every staff command and every staff button, by role, changing nothing when refused ------

use evac_intake::{
    bot::{StaffCommand, buttons::StaffButton},
    case::Outcome,
};
use teloxide::utils::command::BotCommands;

const REMOVED_VOLUNTEER: i64 = 9105;
const T0: i64 = 1_900_000_000;

/// Every staff command, typed with arguments that would change something if it got through,
/// and whether volunteers may use it. `every_staff_command_is_in_the_matrix` keeps this list
/// complete.
fn staff_commands() -> Vec<(String, bool)> {
    let volunteers = [
        "/online",
        "/offline",
        "/queue",
        "/mycases",
        "/claim 1",
        "/case 1",
        "/note 1 called",
        "/release 1",
        "/done 1 evacuated",
        "/msg 1 hello",
        "/transfer 1 5",
        "/refer 1 medics",
        "/team 1",
        "/resources kharkiv",
    ];
    let supervisors = [
        format!("/addvolunteer {STRANGER} en kharkiv"),
        format!("/removevolunteer {VOLUNTEER}"),
        "/volunteers".to_owned(),
        format!("/trained {VOLUNTEER}"),
        "/verify 1 called back".to_owned(),
        "/flag 1 odd".to_owned(),
        "/unflag 1".to_owned(),
        format!("/ban {USER} spam"),
        format!("/unban {TROLL}"),
        "/bans".to_owned(),
        "/blockphone +380 50 111 22 33".to_owned(),
        "/blockplace Izium".to_owned(),
        "/blocklink free-flats.site".to_owned(),
        "/unblocklink free-flats.site".to_owned(),
        format!("/addsupervisor {STRANGER}"),
        format!("/removesupervisor {SUPERVISOR}"),
        "/audit 1".to_owned(),
        "/stats".to_owned(),
        "/export full".to_owned(),
        "/addresource".to_owned(),
        "/checked 1".to_owned(),
        "/resstatus 1 full".to_owned(),
    ];
    volunteers
        .into_iter()
        .map(|c| (c.to_owned(), true))
        .chain(supervisors.into_iter().map(|c| (c, false)))
        .collect()
}

fn command_name(typed: &str) -> &str {
    typed.split_whitespace().next().unwrap()
}

#[test]
fn every_staff_command_is_in_the_matrix() {
    let mut declared: Vec<String> = StaffCommand::bot_commands()
        .into_iter()
        .map(|c| c.command)
        .collect();
    let mut matrix: Vec<String> = staff_commands()
        .iter()
        .map(|(c, _)| command_name(c).to_owned())
        .collect();
    declared.sort();
    matrix.sort();
    assert_eq!(matrix, declared, "the matrix lists every StaffCommand once");
}

/// Every staff button: a new `StaffButton` variant does not compile here until it is listed.
fn staff_buttons(case: i64) -> Vec<StaffButton> {
    let mut all = vec![
        StaffButton::Claim { case },
        StaffButton::ShowCase { case },
        StaffButton::QueuePage { page: 0 },
        StaffButton::QueuePage { page: 1 },
        StaffButton::Offline { release: true },
        StaffButton::Offline { release: false },
        StaffButton::OfflineTransfer,
    ];
    all.extend((0..Outcome::ALL.len()).map(|outcome| StaffButton::Close { case, outcome }));
    for button in &all {
        match button {
            StaffButton::Claim { .. }
            | StaffButton::ShowCase { .. }
            | StaffButton::QueuePage { .. }
            | StaffButton::Offline { .. }
            | StaffButton::OfflineTransfer
            | StaffButton::Close { .. } => {}
        }
    }
    all
}

/// Case #1 from USER (with a phone), claimed by VOLUNTEER, who is on shift; TROLL banned;
/// STRANGER and REMOVED_VOLUNTEER pressed Start, and REMOVED_VOLUNTEER was a volunteer once.
/// All at `T0` on a clock the test moves.
async fn staffed_world(env: &Env) -> (crate::common::Person, evac_intake::bot::App, ManualClock) {
    let clock = ManualClock::at(T0);
    let app = env.app().await.with_clock(Arc::new(clock.clone()));
    let mut p = Person::new(&app, Some("en")).await;
    add_volunteer(&mut p).await;
    submit_with_phone(&mut p, "+380 50 111 22 33").await;
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/online").await;
    let r = p.say("/claim 1").await;
    assert!(all_text(&r, VOLUNTEER).contains("#1 is yours"));
    for who in [TROLL, STRANGER, REMOVED_VOLUNTEER] {
        p.switch_to(who, Some("en"));
        p.say("/start").await;
    }
    p.switch_to(SUPERVISOR, Some("en"));
    p.say(&format!("/ban {TROLL} threats")).await;
    p.say(&format!("/addvolunteer {REMOVED_VOLUNTEER}")).await;
    let r = p
        .say(&format!("/removevolunteer {REMOVED_VOLUNTEER}"))
        .await;
    assert!(all_text(&r, SUPERVISOR).contains("is removed"));
    assert!(app.db.is_volunteer(VOLUNTEER).await.unwrap());
    (p, app, clock)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_volunteer_typing_any_supervisor_command_is_told_only_supervisors_and_nothing_changes() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let (mut p, app, _clock) = staffed_world(&env).await;
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/mycases").await; // staff are stored as they write: not a change below
    let before = crate::erasure::snapshot(&app).await;
    for (cmd, _) in staff_commands().into_iter().filter(|(_, v)| !v) {
        let r = p.say(&cmd).await;
        assert_eq!(
            texts_to(&r, VOLUNTEER),
            [SUPERVISORS_ONLY],
            "volunteer {cmd}"
        );
        assert!(
            r.sent.iter().all(|m| m.chat_id == VOLUNTEER),
            "{cmd}: nobody else hears of it: {:?}",
            r.sent
        );
        assert!(
            r.menus.is_empty() && r.documents().is_empty(),
            "{cmd}: no menu, no file"
        );
    }
    assert_eq!(
        crate::erasure::snapshot(&app).await,
        before,
        "no row changed"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn requesters_strangers_and_removed_volunteers_typing_any_staff_command_are_not_told_it_exists()
 {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let (mut p, app, clock) = staffed_world(&env).await;
    let before = crate::erasure::snapshot(&app).await;
    for who in [USER, STRANGER, REMOVED_VOLUNTEER] {
        p.switch_to(who, Some("en"));
        for (i, (cmd, _)) in staff_commands().into_iter().enumerate() {
            if i % 10 == 0 {
                clock.advance(61); // under the flood limit
            }
            let r = p.say(&cmd).await;
            assert_eq!(texts_to(&r, who).len(), 1, "{who} {cmd}");
            assert!(
                all_text(&r, who).contains(UNKNOWN),
                "{who} {cmd}: {:?}",
                texts_to(&r, who)
            );
            assert!(
                r.sent.iter().all(|m| m.chat_id == who),
                "{who} {cmd}: nobody else hears of it"
            );
        }
    }
    assert_eq!(
        crate::erasure::snapshot(&app).await,
        before,
        "no row changed"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn every_staff_button_is_refused_to_a_requester_and_a_removed_volunteer_and_changes_nothing()
{
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let (mut p, app, _clock) = staffed_world(&env).await;
    let before = crate::erasure::snapshot(&app).await;
    for who in [USER, REMOVED_VOLUNTEER] {
        p.switch_to(who, Some("en"));
        let r = p.say("/help").await;
        let own = r.last_to(who).expect("a message in their chat").clone();
        for button in staff_buttons(1) {
            let data = button.encode();
            let r = p.press_on(&data, &own).await;
            assert_eq!(
                toast(&r).as_deref(),
                Some("This is for volunteers."),
                "{who} {data}"
            );
            assert!(r.sent.is_empty(), "{who} {data}: nothing sent");
            assert!(r.edited.is_empty(), "{who} {data}: nothing edited");
        }
    }
    assert_eq!(
        crate::erasure::snapshot(&app).await,
        before,
        "no row changed"
    );
}
