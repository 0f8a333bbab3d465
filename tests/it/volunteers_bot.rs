//! Volunteers through the Telegram layer: roster, routing, claim, the anonymous relay both
//! ways, release and done; and every staff command refused to those who may not use it.

use crate::common;

use botapi_emulator::SentMessage;
use common::{Env, Person, Responses, USER, all_text, count, texts_to, toast};

const SUPERVISOR: i64 = 9001;
const VOLUNTEER: i64 = 9002;
const OTHER_VOLUNTEER: i64 = 9003;
const GROUP: i64 = -100_777;

fn last_to(r: &Responses, chat: i64) -> Option<SentMessage> {
    r.last_to(chat).cloned()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_case_goes_from_submit_to_claim_to_relay_both_ways_to_done() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;

    let r = common::submit_calm_case(&mut p).await;
    assert!(all_text(&r, USER).contains("Your request #1 is registered"));
    let group_card = last_to(&r, GROUP).expect("a card in the volunteer group");
    let card_text = group_card.text_or_empty();
    assert!(card_text.contains("#1"), "{card_text}");
    assert!(
        card_text.contains("Харківська область"),
        "the group reads the default language: {card_text}"
    );
    assert!(
        !card_text.contains("Izium") && !card_text.contains("765"),
        "no place or phone on a card: {card_text}"
    );
    let offer = last_to(&r, VOLUNTEER).expect("a private offer to the matching online volunteer");
    assert!(offer.text_or_empty().contains("Region: Kharkiv region"));
    assert!(
        !offer.text_or_empty().contains("insulin"),
        "typed text stays off the card"
    );

    // The requester writes before anyone claims: kept on the case.
    p.switch_to(USER, Some("en"));
    let r = p.say("we are in the basement").await;
    assert!(all_text(&r, USER).contains("added to your request #1"));

    // The volunteer claims from the private offer.
    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.press_on("cl:1", &offer).await;
    assert!(
        toast(&r).unwrap().contains("#1 is yours"),
        "{:?}",
        toast(&r)
    );
    let details = all_text(&r, VOLUNTEER);
    assert!(
        details.contains("Place: Izium, Sadova 5"),
        "full details after the claim: {details}"
    );
    assert!(details.contains("+380677654321"));
    assert!(all_text(&r, USER).contains("A volunteer has taken your request #1"));
    assert!(
        r.copies().iter().any(|c| c.chat_id == VOLUNTEER),
        "the message kept before the claim is copied to the volunteer"
    );
    let edits = r.edited_texts();
    assert!(
        edits.iter().any(|t| t.contains("#1 is taken")),
        "cards are marked taken: {edits:?}"
    );
    assert_eq!(
        app.db.case(1).await.unwrap().unwrap().volunteer_id,
        Some(VOLUNTEER)
    );

    // Requester → volunteer: a copy tagged #1.
    p.switch_to(USER, Some("en"));
    let r = p.say("the bridge is out").await;
    let relayed = r.last_copy().cloned().expect("relayed");
    assert_eq!(relayed.chat_id, VOLUNTEER);
    assert!(
        format!("{:?}", relayed.reply_markup).contains("#1"),
        "tagged with #1"
    );

    // Volunteer → requester: a reply to the relayed copy is copied, never forwarded.
    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.reply(&relayed, "We come at 6, be ready").await;
    let back = r.last_copy().expect("copied to the requester");
    assert_eq!(back.chat_id, USER);
    assert!(
        r.forwards().is_empty(),
        "never a forward: it would show the volunteer"
    );

    // Internal note: never shown to the requester.
    let r = p.say("/note 1 family of two, grandmother").await;
    assert!(all_text(&r, VOLUNTEER).contains("Note added to #1"));
    assert!(texts_to(&r, USER).is_empty());

    let r = p.say("/msg #1 Are you ready?").await;
    assert!(all_text(&r, USER).contains("Are you ready?"));

    let r = p.say("/done 1 evacuated").await;
    assert!(
        all_text(&r, VOLUNTEER).contains("#1 is closed: evacuated"),
        "{:?}",
        texts_to(&r, VOLUNTEER)
    );
    assert!(all_text(&r, USER).contains("Your request #1 is closed"));
    let case = app.db.case(1).await.unwrap().unwrap();
    assert_eq!(case.outcome.as_deref(), Some("evacuated"));
    assert_eq!(case.status.as_str(), "closed");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_second_claimer_is_told_the_case_was_taken() {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;
    p.switch_to(OTHER_VOLUNTEER, Some("en"));
    p.say("/start").await;
    p.switch_to(SUPERVISOR, Some("en"));
    p.say(&format!("/addvolunteer {OTHER_VOLUNTEER}")).await;
    common::train(&mut p, SUPERVISOR, OTHER_VOLUNTEER).await;
    common::submit_calm_case(&mut p).await;
    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.say("/claim #1").await;
    assert!(all_text(&r, VOLUNTEER).contains("#1 is yours"));
    p.switch_to(OTHER_VOLUNTEER, Some("en"));
    let r = p.say("/claim 1").await;
    assert!(all_text(&r, OTHER_VOLUNTEER).contains("#1 was already taken"));
    let r = p.say("/case 1").await;
    assert!(
        all_text(&r, OTHER_VOLUNTEER).contains("not assigned to you"),
        "details only for the owner"
    );
    assert!(!all_text(&r, OTHER_VOLUNTEER).contains("Izium"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_requester_and_a_removed_volunteer_cannot_use_any_staff_command_or_button() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;
    let r = common::submit_calm_case(&mut p).await;
    let card = last_to(&r, GROUP).unwrap();

    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.say(&format!("/removevolunteer {VOLUNTEER}")).await;
    assert!(all_text(&r, SUPERVISOR).contains(&format!("Volunteer {VOLUNTEER} is removed")));

    let commands = [
        "/online",
        "/offline",
        "/queue",
        "/claim 1",
        "/case 1",
        "/mycases",
        "/note 1 x",
        "/release 1",
        "/done 1 evacuated",
        "/msg 1 hi",
        "/addvolunteer 5",
        "/removevolunteer 5",
        "/volunteers",
    ];
    for who in [USER, VOLUNTEER] {
        p.switch_to(who, Some("en"));
        for cmd in commands {
            let r = p.say(cmd).await;
            let text = all_text(&r, who);
            assert!(
                text.contains("I don't know this command"),
                "{who} {cmd}: {text}"
            );
        }
        // The Claim button on the group card, pressed by them in the group.
        let r = p.press_on("cl:1", &card).await;
        assert_eq!(
            toast(&r).as_deref(),
            Some("This is for volunteers."),
            "{who}"
        );
    }
    let case = app.db.case(1).await.unwrap().unwrap();
    assert_eq!(case.status.as_str(), "open", "nothing changed");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM case_notes").await, 0);

    // A volunteer may not manage the roster.
    p.switch_to(OTHER_VOLUNTEER, Some("en"));
    p.say("/start").await;
    p.switch_to(SUPERVISOR, Some("en"));
    p.say(&format!("/addvolunteer {OTHER_VOLUNTEER}")).await;
    p.switch_to(OTHER_VOLUNTEER, Some("en"));
    let r = p.say("/addvolunteer 777").await;
    assert!(all_text(&r, OTHER_VOLUNTEER).contains("Only supervisors"));
    assert!(!app.db.is_volunteer(777).await.unwrap());
}

#[tokio::test(flavor = "multi_thread")]
async fn every_kind_of_requester_message_reaches_the_volunteer() {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;
    common::submit_calm_case(&mut p).await;
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/claim 1").await;
    p.switch_to(USER, Some("en"));
    let kinds = [
        p.send(|u| u.send_photo()).await,
        p.send(|u| u.send_voice()).await,
        p.send(|u| u.send_video()).await,
        p.send(|u| u.send_document("map.pdf")).await,
        p.send(|u| u.send_location(49.2, 37.3)).await,
        p.send(|u| u.send_contact("+380501234567", None)).await,
        p.say("text too").await,
    ];
    for (i, r) in kinds.iter().enumerate() {
        let copy = r
            .last_copy()
            .unwrap_or_else(|| panic!("kind {i} was not relayed"));
        assert_eq!(copy.chat_id, VOLUNTEER, "kind {i}");
        assert_eq!(copy.copy_of.map(|(chat, _)| chat), Some(USER));
    }
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM relay_map").await,
        7,
        "every copy is mapped for replies"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn release_puts_the_case_back_and_keeps_notes_and_queue_shows_it() {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;
    common::submit_calm_case(&mut p).await;
    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.say("/queue").await;
    let text = all_text(&r, VOLUNTEER);
    assert!(text.contains("1 case is waiting"), "{text}");
    assert!(text.contains("#1"));
    p.say("/claim 1").await;
    let r = p.say("/queue").await;
    assert!(all_text(&r, VOLUNTEER).contains("No case is waiting"));
    let r = p.say("/mycases").await;
    assert!(all_text(&r, VOLUNTEER).contains("#1"));
    p.say("/note 1 called twice").await;
    let r = p.say("/release 1 cannot reach Izium").await;
    assert!(all_text(&r, VOLUNTEER).contains("#1 is back in the queue"));
    assert!(all_text(&r, USER).contains("passed to another volunteer"));
    let case = app.db.case(1).await.unwrap().unwrap();
    assert_eq!(case.status.as_str(), "open");
    assert_eq!(case.volunteer_id, None);
    let notes = app.db.notes(1).await.unwrap();
    assert_eq!(notes.len(), 2, "notes are kept, and the reason is one");
    assert!(notes[1].text.contains("cannot reach Izium"));
}

#[tokio::test(flavor = "multi_thread")]
async fn going_offline_with_open_cases_asks_to_keep_or_hand_back() {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;
    common::submit_calm_case(&mut p).await;
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/claim 1").await;
    let r = p.say("/offline").await;
    assert!(all_text(&r, VOLUNTEER).contains("1 open case"));
    let r = p.press("Hand them back").await;
    assert!(all_text(&r, VOLUNTEER).contains("back in the queue"));
    assert_eq!(
        app.db.case(1).await.unwrap().unwrap().status.as_str(),
        "open"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn done_without_an_outcome_asks_with_buttons() {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;
    common::submit_calm_case(&mut p).await;
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/claim 1").await;
    let r = p.say("/done 1").await;
    assert!(all_text(&r, VOLUNTEER).contains("How did #1 end?"));
    let r = p.press("unreachable").await;
    assert!(all_text(&r, VOLUNTEER).contains("#1 is closed: unreachable"));
    assert_eq!(
        app.db.case(1).await.unwrap().unwrap().outcome.as_deref(),
        Some("unreachable")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_volunteer_menu_is_set_for_their_chat_only() {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/start").await;
    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.say(&format!("/addvolunteer {VOLUNTEER} uk")).await;
    let menu = r.menus.last().expect("a menu is set");
    let scope = format!("{:?}", menu.scope);
    assert!(
        scope.contains(&VOLUNTEER.to_string()),
        "chat scope: {scope}"
    );
    assert!(menu.commands.iter().any(|c| c.command == "claim"));
    assert!(!menu.commands.iter().any(|c| c.command == "addvolunteer"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reply_to_a_relayed_message_still_reaches_the_requester_after_a_restart() {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;
    common::submit_calm_case(&mut p).await;
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/claim 1").await;
    p.switch_to(USER, Some("en"));
    let r = p.say("are you coming?").await;
    let relayed = r.last_copy().cloned().expect("relayed");
    drop(app);

    let app = env.app().await; // a new process over the same database
    p.restart(&app);
    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.reply(&relayed, "yes, in an hour").await;
    let back = r.last_copy().expect("copied to the requester");
    assert_eq!(back.chat_id, USER);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_volunteer_replying_to_someone_elses_case_is_refused() {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;
    common::submit_calm_case(&mut p).await;
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/claim 1").await;
    p.switch_to(USER, Some("en"));
    let r = p.say("hello").await;
    let relayed = r.last_copy().cloned().unwrap();
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/release 1").await;
    let r = p.reply(&relayed, "still me").await;
    assert!(r.copies().is_empty(), "a released case is no longer theirs");
    assert!(all_text(&r, VOLUNTEER).contains("#1 is not assigned to you"));
    let r = p.say("just typing").await;
    assert!(
        all_text(&r, VOLUNTEER).contains("reply to their message"),
        "staff get a hint, not the survey"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn cases_are_offered_only_to_volunteers_who_match_language_and_region() {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await; // uk,en · kharkiv
    p.switch_to(OTHER_VOLUNTEER, Some("en"));
    p.say("/start").await;
    p.switch_to(SUPERVISOR, Some("en"));
    p.say(&format!("/addvolunteer {OTHER_VOLUNTEER} ru sumy"))
        .await;
    common::train(&mut p, SUPERVISOR, OTHER_VOLUNTEER).await;
    p.switch_to(OTHER_VOLUNTEER, Some("en"));
    p.say("/online").await;
    let r = common::submit_calm_case(&mut p).await; // English, Kharkiv
    assert!(
        last_to(&r, VOLUNTEER).is_some(),
        "the matching volunteer is offered the case"
    );
    assert!(
        last_to(&r, OTHER_VOLUNTEER).is_none(),
        "the other speaks Russian and covers Sumy"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_check_in_answer_re_ranks_an_unclaimed_case_and_reaches_a_volunteer_of_a_claimed_one() {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;
    let r = common::submit_calm_case(&mut p).await;
    let submitted = last_to(&r, USER).unwrap();
    assert_eq!(
        app.db.case(1).await.unwrap().unwrap().priority.as_str(),
        "normal"
    );
    let r = p.press_on("ck:1:h", &submitted).await;
    assert!(all_text(&r, USER).contains("Thank you"));
    assert_eq!(
        app.db.case(1).await.unwrap().unwrap().priority.as_str(),
        "high",
        "still needs help: raised"
    );

    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/claim 1").await;
    p.switch_to(USER, Some("en"));
    let r = p.press_on("ck:1:s", &submitted).await;
    assert!(
        all_text(&r, VOLUNTEER)
            .contains("#1: the requester answered the check-in: they got out or are safe")
    );

    // Someone else's check-in button is refused.
    p.switch_to(OTHER_VOLUNTEER, Some("en"));
    let r = p
        .press_on_moved("ck:1:h", &submitted, OTHER_VOLUNTEER)
        .await;
    assert_eq!(
        toast(&r).as_deref(),
        Some("This button is out of date. Please use the latest message.")
    );
}

// --- Typed notes, re-delivered relays, the welcome's language --------------------------------

#[tokio::test(flavor = "multi_thread")]
async fn a_note_made_only_of_a_zero_width_space_gets_the_usage_and_adds_no_note() {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;
    common::submit_calm_case(&mut p).await;
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/claim 1").await;
    let r = p.say("/note 1 \u{200B}").await;
    let text = all_text(&r, VOLUNTEER);
    assert!(
        text.contains("Write the case number and the note"),
        "the usage: {text}"
    );
    assert!(!text.contains("Note added"), "{text}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM case_notes").await, 0);
    let notes = "SELECT COUNT(*) FROM audit_log WHERE action = 'note'";
    assert_eq!(count(&app, notes).await, 0, "no note in the audit either");
}

/// Copies (copyMessage) the emulator has recorded in `chat`, from the start.
fn copies_in(p: &Person, chat: i64) -> usize {
    p.emu.sent(chat).iter().filter(|m| m.kind == "copy").count()
}

async fn outbox_rows_for(app: &evac_intake::bot::App, chat: i64) -> i64 {
    count(
        app,
        &format!("SELECT COUNT(*) FROM outbox WHERE chat_id = {chat}"),
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_requester_message_delivered_twice_reaches_the_volunteer_once() {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;
    common::submit_calm_case(&mut p).await;
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/claim 1").await;
    let (copies_before, rows_before) = (
        copies_in(&p, VOLUNTEER),
        outbox_rows_for(&app, VOLUNTEER).await,
    );

    p.switch_to(USER, Some("en"));
    let r = p.say("the bridge is out").await;
    assert_eq!(r.copies().len(), 1, "relayed once");
    assert_eq!(r.copies()[0].chat_id, VOLUNTEER);
    // Telegram delivers the same update again (a crash before it was confirmed).
    let again = p.dispatch().await;
    assert!(
        again.copies().is_empty(),
        "no second copy: {:?}",
        again.copies()
    );
    assert_eq!(copies_in(&p, VOLUNTEER), copies_before + 1);
    assert_eq!(
        outbox_rows_for(&app, VOLUNTEER).await,
        rows_before + 1,
        "one outbox row for the copy"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_volunteer_reply_delivered_twice_reaches_the_requester_once() {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;
    common::submit_calm_case(&mut p).await;
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/claim 1").await;
    p.switch_to(USER, Some("en"));
    let r = p.say("are you coming?").await;
    let relayed = r.last_copy().cloned().expect("relayed");
    let (copies_before, rows_before) = (copies_in(&p, USER), outbox_rows_for(&app, USER).await);

    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.reply(&relayed, "yes, in an hour").await;
    assert_eq!(r.copies().len(), 1, "relayed once");
    assert_eq!(r.copies()[0].chat_id, USER);
    let again = p.dispatch().await;
    assert!(
        again.copies().is_empty(),
        "no second copy: {:?}",
        again.copies()
    );
    assert_eq!(copies_in(&p, USER), copies_before + 1);
    assert_eq!(
        outbox_rows_for(&app, USER).await,
        rows_before + 1,
        "one outbox row for the copy"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_msg_command_delivered_twice_reaches_the_requester_once() {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;
    common::submit_calm_case(&mut p).await;
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/claim 1").await;
    let rows_before = outbox_rows_for(&app, USER).await;

    let r = p.say("/msg 1 We come at 6").await;
    assert_eq!(r.texts_to(USER).len(), 1, "{:?}", r.texts_to(USER));
    let again = p.dispatch().await;
    assert!(
        again.texts_to(USER).is_empty(),
        "the requester gets it a second time: {:?}",
        again.texts_to(USER)
    );
    let seen = p
        .emu
        .sent(USER)
        .iter()
        .filter(|m| m.text_or_empty().contains("We come at 6"))
        .count();
    assert_eq!(seen, 1);
    assert_eq!(outbox_rows_for(&app, USER).await, rows_before + 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_addvolunteer_welcome_is_in_the_telegram_language_seen_at_start() {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    for (who, code) in [(VOLUNTEER, "en"), (OTHER_VOLUNTEER, "ru")] {
        p.switch_to(who, Some(code));
        p.say("/start").await;
    }
    let stored =
        format!("SELECT COUNT(*) FROM users WHERE telegram_id IN ({VOLUNTEER}, {OTHER_VOLUNTEER})");
    assert_eq!(
        count(&app, &stored).await,
        0,
        "nothing stored before consent"
    );

    p.switch_to(SUPERVISOR, Some("en"));
    let r = p
        .say(&format!("/addvolunteer {VOLUNTEER} en kharkiv"))
        .await;
    assert!(all_text(&r, SUPERVISOR).contains(&format!("Volunteer {VOLUNTEER} is added")));
    let welcome = all_text(&r, VOLUNTEER);
    assert!(
        welcome.contains("A supervisor is adding you as a volunteer of this bot."),
        "English: {welcome}"
    );
    assert!(!welcome.contains("Супервізор"), "not Ukrainian: {welcome}");

    let r = p.say(&format!("/addvolunteer {OTHER_VOLUNTEER} ru")).await;
    let welcome = all_text(&r, OTHER_VOLUNTEER);
    assert!(
        welcome.contains("Супервайзер добавляет вас как волонтёра"),
        "Russian: {welcome}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_check_in_answer_delivered_twice_reaches_the_volunteer_once() {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;
    let r = common::submit_calm_case(&mut p).await;
    let submitted = last_to(&r, USER).unwrap();
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/claim 1").await;
    let rows_before = outbox_rows_for(&app, VOLUNTEER).await;

    p.switch_to(USER, Some("en"));
    let r = p.press_on("ck:1:s", &submitted).await;
    assert_eq!(
        r.texts_to(VOLUNTEER).len(),
        1,
        "{:?}",
        r.texts_to(VOLUNTEER)
    );
    let again = p.dispatch().await;
    assert!(
        again.texts_to(VOLUNTEER).is_empty(),
        "{:?}",
        again.texts_to(VOLUNTEER)
    );
    let answered = p
        .emu
        .sent(VOLUNTEER)
        .iter()
        .filter(|m| m.text_or_empty().contains("answered the check-in"))
        .count();
    assert_eq!(answered, 1);
    assert_eq!(outbox_rows_for(&app, VOLUNTEER).await, rows_before + 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_note_delivered_twice_is_added_once() {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;
    common::submit_calm_case(&mut p).await;
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/claim 1").await;
    let r = p.say("/note 1 called twice, no answer").await;
    assert!(all_text(&r, VOLUNTEER).contains("Note added to #1"));
    p.dispatch().await;
    assert_eq!(count(&app, "SELECT COUNT(*) FROM case_notes").await, 1);
    let notes = "SELECT COUNT(*) FROM audit_log WHERE action = 'note'";
    assert_eq!(count(&app, notes).await, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_edit_of_a_relayed_text_is_applied_to_its_copy_both_ways() {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;
    common::submit_calm_case(&mut p).await;
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/claim 1").await;

    p.switch_to(USER, Some("en"));
    let user = p.user();
    let mut original = 0;
    let r = p
        .send(|u| original = u.send_text("We are at the school"))
        .await;
    let copy = r.last_copy().cloned().expect("relayed");
    let r = p
        .send(|_| user.edit_text(original, "We are at the hospital now"))
        .await;
    let edited = r
        .edited
        .iter()
        .find(|m| m.chat_id == VOLUNTEER)
        .expect("the copy is edited");
    assert_eq!(edited.message_id, copy.message_id);
    assert_eq!(edited.text_or_empty(), "We are at the hospital now");
    assert_eq!(
        common::buttons(Some(edited)),
        common::buttons(Some(&copy)),
        "the #1 tag stays"
    );

    // The volunteer corrects their reply: the person's copy changes.
    p.switch_to(VOLUNTEER, Some("en"));
    let volunteer = p.user();
    let mut reply = 0;
    let r = p
        .send(|u| reply = u.reply_text(copy.message_id, "We come at 6"))
        .await;
    let theirs = r.last_copy().cloned().expect("copied to the person");
    let r = p
        .send(|_| volunteer.edit_text(reply, "We come at 7, not 6"))
        .await;
    let edited = r
        .edited
        .iter()
        .find(|m| m.chat_id == USER)
        .expect("the person's copy is edited");
    assert_eq!(edited.message_id, theirs.message_id);
    assert_eq!(edited.text_or_empty(), "We come at 7, not 6");
    assert!(!edited.text_or_empty().contains(&VOLUNTEER.to_string()));
}
