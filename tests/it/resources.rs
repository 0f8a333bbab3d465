//! Verified resources, as supervisors, volunteers and requesters see them, on a clock the test
//! moves: a supervisor adds a shelter through the guided dialogue (a blocklisted phone is
//! refused); volunteers see it only while its check holds and it is active; "Send to #N"
//! reaches only that case's requester, anonymously, and is recorded; "Wrong or outdated"
//! hides it at once and tells supervisors; the hourly digest is one message.

use crate::common;

use std::sync::Arc;

use common::{Env, Person, Responses, USER, all_text, count, submit_calm_case, texts_to, toast};
use evac_intake::{
    bot::{App, scheduler},
    clock::ManualClock,
};

const SUPERVISOR: i64 = 7001;
const SUPERVISOR_2: i64 = 7003;
const VOLUNTEER: i64 = 7002;
const OTHER_VOLUNTEER: i64 = 7004;
const GROUP: i64 = -100_555;
/// 2026-12-02 10:00 UTC: 12:00 in Kyiv (winter time).
const T0: i64 = 1_796_205_600;
const HOUR: i64 = 3600;

const TITLE: &str = "School No. 5 basement shelter";
const DETAILS: &str = "Sadova 12, entrance from the yard; open all night; bring water";
const FAKE_PHONE: &str = "+380 50 111 22 33";

async fn app_with_clock(env: &Env) -> (App, ManualClock) {
    let clock = ManualClock::at(T0);
    let app = env.app().await.with_clock(Arc::new(clock.clone()));
    (app, clock)
}

/// The supervisor adds the shelter in Kharkiv region with a phone and room for 40; returns the
/// answer to Save.
async fn add_shelter(p: &mut Person) -> Responses {
    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.say("/addresource").await;
    assert!(all_text(&r, SUPERVISOR).contains("What kind is it?"));
    let r = p.press("Shelter").await;
    assert!(all_text(&r, SUPERVISOR).contains("Which region"));
    let r = p.press("Kharkiv region").await;
    assert!(all_text(&r, SUPERVISOR).contains("short title"));
    p.say(TITLE).await;
    let r = p.say(DETAILS).await;
    assert!(all_text(&r, SUPERVISOR).contains("phone number, or press Skip"));
    p.say("+380 67 111 22 33").await;
    p.say("40").await;
    p.press("Save").await
}

/// The shelter added, case #1 claimed, and the volunteer sends the shelter to it: the
/// message the person received.
async fn shelter_sent_to_case_1(p: &mut Person) -> botapi_emulator::SentMessage {
    add_shelter(p).await;
    claimed_case(p).await;
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/resources kharkiv").await;
    p.press("Send to #1").await;
    p.emu.sent(USER).into_iter().last().unwrap()
}

/// A case (#1, Kharkiv) claimed by VOLUNTEER, who is on shift.
async fn claimed_case(p: &mut Person) {
    common::volunteer_on_shift(p, SUPERVISOR, VOLUNTEER).await;
    submit_calm_case(p).await;
    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.say("/claim 1").await;
    assert!(
        all_text(&r, VOLUNTEER).contains("#1"),
        "{:?}",
        texts_to(&r, VOLUNTEER)
    );
}

#[tokio::test]
async fn a_supervisor_adds_a_resource_step_by_step_and_a_blocklisted_phone_is_refused() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let (app, _clock) = app_with_clock(&env).await;
    let mut p = Person::with_id(&app, SUPERVISOR, Some("en")).await;
    p.say(&format!("/blockphone {FAKE_PHONE}")).await;

    p.say("/addresource").await;
    p.press("Shelter").await;
    p.press("Kharkiv region").await;
    let r = p.say(&"x".repeat(101)).await;
    assert!(
        all_text(&r, SUPERVISOR).contains("at most 100 characters"),
        "{:?}",
        texts_to(&r, SUPERVISOR)
    );
    p.say(TITLE).await;
    p.say(DETAILS).await;
    // The same fake number, written another way.
    let r = p.say("050-111-22-33").await;
    assert!(
        all_text(&r, SUPERVISOR).contains("on the fake-data blocklist"),
        "{:?}",
        texts_to(&r, SUPERVISOR)
    );
    assert!(all_text(&r, SUPERVISOR).contains("phone number, or press Skip"));
    let r = p.say("not a number at all").await;
    assert!(all_text(&r, SUPERVISOR).contains("This is not a phone number"));
    let r = p.press("Skip").await;
    assert!(all_text(&r, SUPERVISOR).contains("How many people"));
    let r = p.say("40").await;
    let preview = all_text(&r, SUPERVISOR);
    assert!(preview.contains("Check it before it is saved"), "{preview}");
    assert!(
        preview.contains(TITLE) && preview.contains(DETAILS),
        "{preview}"
    );
    assert!(preview.contains("takes up to 40 people"), "{preview}");
    assert!(!preview.contains("phone:"), "the skipped phone: {preview}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM resources").await, 0);

    let r = p.press("Save").await;
    // A check of a shelter holds 24 hours: until 12:00 tomorrow, Kyiv time.
    assert!(
        all_text(&r, SUPERVISOR).contains("R1 is saved as checked by you now")
            && all_text(&r, SUPERVISOR).contains("until 12:00"),
        "{:?}",
        texts_to(&r, SUPERVISOR)
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM resources WHERE kind = 'shelter' AND region = 'kharkiv'
             AND phone IS NULL AND capacity = 40 AND status = 'active'"
        )
        .await,
        1
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM resource_drafts").await,
        0,
        "the draft is gone"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'add_resource' AND detail = 'R1 shelter'"
        )
        .await,
        1
    );
    // Once saved, a text from the supervisor is no longer taken for the dialogue.
    let r = p.say("Sadova 14").await;
    assert!(!all_text(&r, SUPERVISOR).contains("phone number"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM resources").await, 1);
}

#[tokio::test]
async fn discard_and_cancel_stop_the_dialogue_and_an_old_button_changes_nothing() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let (app, _clock) = app_with_clock(&env).await;
    let mut p = Person::with_id(&app, SUPERVISOR, Some("en")).await;
    p.say("/addresource").await;
    let kinds = p.keyboard.clone().unwrap();
    p.press("Route").await;
    // The kind question's message again: its buttons are out of date now.
    let r = p.press_on("rk:0", &kinds).await;
    assert_eq!(
        toast(&r).as_deref(),
        Some("This step is out of date. Start again with /addresource.")
    );
    let r = p.press("Discard").await;
    assert!(all_text(&r, SUPERVISOR).contains("discarded; nothing was saved"));
    let r = p.say("/cancel").await;
    assert!(all_text(&r, SUPERVISOR).contains("no resource being added"));

    p.say("/addresource").await;
    let r = p.say("/cancel").await;
    assert!(all_text(&r, SUPERVISOR).contains("discarded"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM resources").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM resource_drafts").await, 0);
}

#[tokio::test]
async fn a_resource_leaves_volunteers_lists_at_its_expiry_and_comes_back_on_checked() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let (app, clock) = app_with_clock(&env).await;
    let mut p = Person::with_id(&app, SUPERVISOR, Some("en")).await;
    add_shelter(&mut p).await;
    claimed_case(&mut p).await;

    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.say("/resources kharkiv shelter").await;
    let listed = all_text(&r, VOLUNTEER);
    assert!(listed.contains(TITLE), "{listed}");
    assert!(listed.contains("checked 0 minutes ago"), "{listed}");
    assert_eq!(
        common::buttons(r.last_to(VOLUNTEER)),
        [("Send to #1".to_owned(), "rs:1:1".to_owned())]
    );

    // One second before the 24 hours run out it is still there; at 24 hours it is gone.
    clock.advance(24 * HOUR - 1);
    let r = p.say("/resources kharkiv").await;
    assert!(all_text(&r, VOLUNTEER).contains(TITLE));
    assert!(all_text(&r, VOLUNTEER).contains("checked 23 hours ago"));
    clock.advance(1);
    let r = p.say("/resources kharkiv").await;
    assert!(!all_text(&r, VOLUNTEER).contains(TITLE));
    assert!(all_text(&r, VOLUNTEER).contains("No checked, up-to-date resources"));
    // Nor can an old "Send to #1" button send it.
    let r = p.press_data("rs:1:1").await;
    assert!(
        toast(&r).unwrap_or_default().contains("R1 is not sent"),
        "{:?}",
        toast(&r)
    );
    assert!(r.to(USER).is_empty(), "nothing reaches the requester");

    // Supervisors still see it, marked.
    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.say("/resources").await;
    let all = all_text(&r, SUPERVISOR);
    assert!(
        all.contains(TITLE) && all.contains("⚠ check ran out: confirm with /checked 1"),
        "{all}"
    );
    assert!(
        all.contains("checked 1 day ago") || all.contains("checked 24 hours ago"),
        "{all}"
    );

    let r = p.say("/checked R1").await;
    assert!(all_text(&r, SUPERVISOR).contains("R1 is confirmed by you now"));
    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.say("/resources kharkiv").await;
    assert!(all_text(&r, VOLUNTEER).contains(TITLE));
    assert!(all_text(&r, VOLUNTEER).contains("checked 0 minutes ago"));

    // A closed resource is never offered, however fresh its check.
    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.say("/resstatus 1 closed flooded").await;
    assert!(all_text(&r, SUPERVISOR).contains("R1 is now closed"));
    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.say("/resources kharkiv").await;
    assert!(!all_text(&r, VOLUNTEER).contains(TITLE));
}

#[tokio::test]
async fn send_to_a_case_reaches_only_its_requester_anonymously_and_is_recorded() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let (app, clock) = app_with_clock(&env).await;
    let mut p = Person::with_id(&app, SUPERVISOR, Some("en")).await;
    add_shelter(&mut p).await;
    claimed_case(&mut p).await;
    clock.advance(2 * HOUR);

    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/resources kharkiv").await;
    let r = p.press("Send to #1").await;
    assert_eq!(
        toast(&r).as_deref(),
        Some("R1 is sent to the person of #1.")
    );
    let to_requester = r.to(USER);
    assert_eq!(to_requester.len(), 1, "one message, to the requester only");
    let m = to_requester[0];
    let shown = m.text_or_empty();
    // Checked at 12:00 Kyiv time, two hours before it was sent.
    assert!(
        shown.contains("checked by the volunteers at 12:00"),
        "{shown}"
    );
    assert!(shown.contains(TITLE) && shown.contains(DETAILS), "{shown}");
    assert!(shown.contains("Phone: +380671112233"), "{shown}");
    assert!(
        !shown.contains(&VOLUNTEER.to_string()),
        "the volunteer stays anonymous"
    );
    assert!(r.forwards().is_empty());
    let labels: Vec<String> = common::buttons(Some(m))
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    assert_eq!(labels, ["👍 It helped", "⚠ Wrong or outdated"]);
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT COUNT(*) FROM case_resources WHERE case_id = 1 AND resource_id = 1
                 AND sent_by = {VOLUNTEER}"
            )
        )
        .await,
        1
    );
    // /case shows what it was given.
    let r = p.say("/case 1").await;
    assert!(
        all_text(&r, VOLUNTEER).contains(&format!("Resources sent: R1 ({TITLE})")),
        "{:?}",
        texts_to(&r, VOLUNTEER)
    );

    // Again: already sent, nothing more reaches the person.
    let r = p.press_data("rs:1:1").await;
    assert!(toast(&r).unwrap_or_default().contains("already sent"));
    assert!(r.to(USER).is_empty());

    // Another volunteer, not holding #1, forges the button: refused, nothing sent.
    p.switch_to(OTHER_VOLUNTEER, Some("en"));
    p.say("/start").await;
    p.switch_to(SUPERVISOR, Some("en"));
    p.say(&format!("/addvolunteer {OTHER_VOLUNTEER} en kharkiv"))
        .await;
    p.switch_to(OTHER_VOLUNTEER, Some("en"));
    let before = count(&app, "SELECT COUNT(*) FROM case_resources").await;
    let r = p.say("/resources kharkiv").await;
    assert!(all_text(&r, OTHER_VOLUNTEER).contains("no claimed cases"));
    let listed = r.last_to(OTHER_VOLUNTEER).cloned().unwrap();
    let r = p.press_on("rs:1:1", &listed).await;
    assert!(
        toast(&r)
            .unwrap_or_default()
            .contains("not a case you hold")
    );
    assert!(r.to(USER).is_empty());
    // The requester pressing a staff button is told it is for staff.
    p.switch_to(USER, Some("en"));
    let r = p.press_on_moved("rs:1:1", &listed, USER).await;
    assert!(
        r.to(USER)
            .iter()
            .all(|m| !m.text_or_empty().contains(TITLE))
    );
    assert!(toast(&r).is_some());
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM case_resources").await,
        before
    );
}

#[tokio::test]
async fn wrong_or_outdated_hides_the_resource_at_once_and_tells_supervisors() {
    let env = Env::new(&[SUPERVISOR, SUPERVISOR_2], Some(GROUP));
    let (app, _clock) = app_with_clock(&env).await;
    let mut p = Person::with_id(&app, SUPERVISOR_2, Some("en")).await;
    p.say("/start").await; // the second supervisor reads the bot in English too
    add_shelter(&mut p).await;
    claimed_case(&mut p).await;
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/resources kharkiv").await;
    let r = p.press("Send to #1").await;
    let sent = r.to(USER)[0].clone();

    p.switch_to(USER, Some("en"));
    p.keyboard = Some(sent.clone());
    let r = p.press("Wrong or outdated").await;
    assert!(
        toast(&r)
            .unwrap_or_default()
            .contains("Volunteers stop giving it out"),
        "{:?}",
        toast(&r)
    );
    for supervisor in [SUPERVISOR, SUPERVISOR_2] {
        let alert = all_text(&r, supervisor);
        assert!(
            alert.contains("A requester of #1 says R1") && alert.contains(TITLE),
            "{supervisor}: {alert}"
        );
    }
    assert!(
        r.edited
            .iter()
            .any(|m| m.chat_id == USER && m.inline_rows().is_empty())
    );
    // A second press is not counted again.
    let r = p.press_on(&common::buttons(Some(&sent))[1].1, &sent).await;
    assert!(
        toast(&r)
            .unwrap_or_default()
            .contains("answered about this already")
    );
    assert!(r.to(SUPERVISOR).is_empty());

    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.say("/resources kharkiv").await;
    assert!(!all_text(&r, VOLUNTEER).contains(TITLE), "hidden at once");
    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.say("/resources kharkiv").await;
    assert!(all_text(&r, SUPERVISOR).contains("⚠ a requester reported it wrong or outdated"));
    p.say("/checked 1").await;
    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.say("/resources kharkiv").await;
    assert!(
        all_text(&r, VOLUNTEER).contains(TITLE),
        "back once re-confirmed"
    );
}

#[tokio::test]
async fn the_hourly_digest_is_one_message_with_what_expires_and_what_was_reported() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let (app, clock) = app_with_clock(&env).await;
    let mut p = Person::with_id(&app, SUPERVISOR, Some("en")).await;
    add_shelter(&mut p).await;
    // A route: its check holds 6 hours.
    p.say("/addresource").await;
    p.press("Route").await;
    p.press("Kharkiv region").await;
    p.say("Road via Chuhuiv").await;
    p.say("Open in daylight only").await;
    p.press("Skip").await;
    p.press("Skip").await;
    p.press("Save").await;
    claimed_case(&mut p).await;
    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.say("/resources kharkiv shelter").await;
    assert!(all_text(&r, VOLUNTEER).contains(TITLE));
    p.press("Send to #1").await;
    let sent = p.emu.sent(USER).into_iter().last().unwrap();
    p.switch_to(USER, Some("en"));
    p.keyboard = Some(sent);
    p.press("It helped").await;

    // 5 h 30 min later the route has under an hour left.
    clock.advance(5 * HOUR + 30 * 60);
    let before = p.emu.sent(SUPERVISOR).len();
    scheduler::tick(&app.clone().with_bot(p.bot.clone()))
        .await
        .unwrap();
    let digests: Vec<String> = p
        .emu
        .sent(SUPERVISOR)
        .iter()
        .skip(before)
        .map(|m| m.text_or_empty().to_owned())
        .collect();
    assert_eq!(digests.len(), 1, "one message: {digests:?}");
    let digest = &digests[0];
    assert!(
        digest.contains("Checks that run out within the hour"),
        "{digest}"
    );
    assert!(
        digest.contains("R2 · Road via Chuhuiv · until 18:00"),
        "{digest}"
    );
    assert!(
        !digest.contains(&format!("R1 · {TITLE} · until")),
        "{digest}"
    );
    assert!(
        digest.contains(&format!("R1 · {TITLE} · helped: 1, wrong or outdated: 0")),
        "{digest}"
    );

    // The same hour, and the next: nothing new to say, no message.
    scheduler::tick(&app.clone().with_bot(p.bot.clone()))
        .await
        .unwrap();
    clock.advance(HOUR);
    scheduler::tick(&app.clone().with_bot(p.bot.clone()))
        .await
        .unwrap();
    assert_eq!(p.emu.sent(SUPERVISOR).len(), before + 1);
}

#[tokio::test]
async fn volunteers_and_requesters_cannot_add_or_change_resources() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let (app, _clock) = app_with_clock(&env).await;
    let mut p = Person::with_id(&app, SUPERVISOR, Some("en")).await;
    add_shelter(&mut p).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;
    p.switch_to(SUPERVISOR, Some("en"));
    p.say("/addresource").await;
    let kinds = p.keyboard.clone().unwrap();

    p.switch_to(VOLUNTEER, Some("en"));
    for command in ["/addresource", "/checked 1", "/resstatus 1 closed"] {
        let r = p.say(command).await;
        assert!(
            all_text(&r, VOLUNTEER).contains("Only supervisors"),
            "{command}: {:?}",
            texts_to(&r, VOLUNTEER)
        );
    }
    // The supervisor's dialogue buttons, forged by the volunteer.
    let r = p.press_on_moved("rk:0", &kinds, VOLUNTEER).await;
    assert!(toast(&r).is_some());
    assert!(r.to(VOLUNTEER).is_empty());
    // A requester does not even learn the commands exist.
    p.switch_to(USER, Some("en"));
    p.say("/start").await;
    for command in ["/resources kharkiv", "/addresource", "/checked 1"] {
        let r = p.say(command).await;
        let shown = all_text(&r, USER);
        assert!(
            !shown.contains(TITLE) && !shown.contains("resource"),
            "{command}: {shown}"
        );
    }
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM resources WHERE status = 'active' AND verified_by = 7001"
        )
        .await,
        1
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM resource_drafts").await, 1);
}

#[tokio::test]
async fn export_has_a_resources_file_and_stats_count_resources_per_region() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let (app, clock) = app_with_clock(&env).await;
    let mut p = Person::with_id(&app, SUPERVISOR, Some("en")).await;
    let sent = shelter_sent_to_case_1(&mut p).await;
    p.switch_to(USER, Some("en"));
    p.keyboard = Some(sent);
    p.press("It helped").await;

    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.say("/export").await;
    let docs = r.documents();
    assert_eq!(docs.len(), 2, "the cases, then the resources");
    let file = docs[1].file.clone().expect("a file");
    assert_eq!(file.file_name.as_deref(), Some("resources-20261202.csv"));
    let csv = String::from_utf8(file.data.expect("uploaded")).unwrap();
    let mut lines = csv.split("\r\n");
    assert_eq!(
        lines.next().unwrap(),
        "id,kind,region,title,details,phone,capacity,status,status_note,reported_wrong,\
         verified_by,verified_at,expires_at,times_sent,helped,wrong"
    );
    let row = lines.next().unwrap();
    assert!(
        row.starts_with(&format!("1,shelter,kharkiv,{TITLE},")),
        "{row}"
    );
    assert!(
        row.contains(",'+380671112233,40,active,,false,7001,"),
        "{row}"
    );
    assert!(row.ends_with(",1,1,0"), "sent once, helped once: {row}");
    assert!(!csv.contains(&USER.to_string()), "no requester in it");

    // One day later the check ran out: stale, not sendable.
    clock.advance(25 * HOUR);
    let r = p.say("/stats").await;
    let stats = all_text(&r, SUPERVISOR);
    assert!(
        stats.contains("Resources (region: can be sent / stale / reported wrong):")
            && stats.contains("Kharkiv region: 0 / 1 / 0"),
        "{stats}"
    );
}

#[tokio::test]
async fn after_evacuation_the_person_may_tell_how_the_journey_went_and_supervisors_see_it_with_the_resources()
 {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let (app, _clock) = app_with_clock(&env).await;
    let mut p = Person::with_id(&app, SUPERVISOR, Some("en")).await;
    add_shelter(&mut p).await;
    claimed_case(&mut p).await;
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/resources kharkiv").await;
    p.press("Send to #1").await;
    let r = p.say("/done 1 evacuated").await;
    let ask = r
        .to(USER)
        .into_iter()
        .find(|m| m.text_or_empty().contains("how the journey went"))
        .cloned()
        .expect("the optional question");
    assert!(ask.text_or_empty().contains("You do not have to"));

    p.switch_to(USER, Some("en"));
    // Writing without pressing the button is not taken for an answer.
    let r = p.say("Journeyqq: we are in Lviv now").await;
    assert!(
        !all_text(&r, SUPERVISOR).contains("Journeyqq"),
        "{:?}",
        texts_to(&r, SUPERVISOR)
    );
    p.keyboard = Some(ask);
    let r = p.press("Tell how it went").await;
    let prompt = r.last_to(USER).cloned().expect("the question");
    assert!(prompt.text_or_empty().contains("as a reply to this one"));
    assert!(
        format!("{:?}", prompt.reply_markup).contains("force_reply"),
        "{:?}",
        prompt.reply_markup
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM journey_questions").await,
        1
    );

    let r = p
        .reply(
            &prompt,
            "Journeyzz: the shelter was full, the road via Chuhuiv was fine",
        )
        .await;
    let report = all_text(&r, SUPERVISOR);
    assert!(
        report.contains("How the journey went, after #1")
            && report.contains(&format!("R1 ({TITLE})"))
            && report.contains("Journeyzz: the shelter was full"),
        "{report}"
    );
    assert!(all_text(&r, USER).contains("Thank you. The volunteers will read it"));
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM journey_questions").await,
        0
    );
    // Once answered, a second reply is not taken again.
    let r = p.reply(&prompt, "Journeyxx again").await;
    assert!(!all_text(&r, SUPERVISOR).contains("Journeyxx"));
}
