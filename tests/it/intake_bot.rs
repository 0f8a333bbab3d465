//! The intake conversation through the Telegram layer, against the Bot API emulator: what a
//! requester sees, and what is (and is not) stored.

use crate::common;

use botapi_emulator::ChatKind;
use common::{Env, Person, USER, all_text, count, reply_keyboard_sent, texts_to, toast};

/// Consent, then answers up to the summary in English for a calm, simple case.
async fn english_until_summary(p: &mut Person) {
    let me = p.id();
    let r = p.say("/start").await;
    assert!(
        all_text(&r, me).contains("Do you agree?"),
        "{:?}",
        texts_to(&r, me)
    );
    let r = p.press("I agree").await;
    assert!(
        all_text(&r, me).contains("Who needs help?"),
        "who comes first"
    );
    p.press("Me: I am writing for myself").await;
    let r = p.press("No, Ukraine controls it").await;
    assert!(all_text(&r, me).contains("Are you safe right now?"));
    p.press("Safe for now").await;
    p.press("Kharkiv region").await;
    let r = p.say("Izium, Shevchenka 1").await;
    assert!(all_text(&r, me).contains("How many people"));
    p.press("2").await;
    let r = p.press_all(&["No, only adults", "Done"]).await;
    assert!(
        all_text(&r, me).contains("need special help"),
        "no children, no pets: their questions are skipped"
    );
    p.press_all(&["Wheelchair", "Done"]).await;
    let r = p.press_all(&["Medicine", "Food", "Water", "Done"]).await;
    assert!(all_text(&r, me).contains("How urgently is the medicine needed?"));
    let r = p.press("Regular medicine").await;
    assert!(
        all_text(&r, me).contains("No diagnoses or surnames, just what is needed"),
        "{:?}",
        texts_to(&r, me)
    );
    p.say("insulin").await;
    p.press("Abroad").await;
    let r = p.press("Only by writing here").await;
    assert!(all_text(&r, me).contains("mobile signal and power"));
    let r = p.press("Only at certain hours").await;
    assert!(
        all_text(&r, me).contains("Please check your answers"),
        "no sound question for someone safe in Ukraine-controlled territory"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_requester_completes_the_survey_in_english_and_gets_a_case_number() {
    let env = Env::new(&[], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    english_until_summary(&mut p).await;
    let summary = p.keyboard.clone().unwrap();
    let text = summary.text_or_empty();
    for line in [
        "Who needs help: Me: I am writing for myself",
        "Occupied territory: No, Ukraine controls it",
        "Safety: Safe for now",
        "Region: Kharkiv region",
        "Place: Izium, Shevchenka 1",
        "People: 2 people",
        "Children, pets: No, only adults",
        "Medicine needed: insulin",
        "Special help: Wheelchair",
        "Needs: Medicine, Food, Water",
        "Contact: Only by writing here: calls are not safe",
        "When there is signal: Only at certain hours",
    ] {
        assert!(text.contains(line), "summary lacks {line:?}:\n{text}");
    }
    let r = p.press("Submit").await;
    assert!(
        all_text(&r, USER).contains("Your request #1 is registered"),
        "{:?}",
        texts_to(&r, USER)
    );
    let case = app.db.case(1).await.unwrap().expect("case #1 stored");
    assert_eq!(case.requester_id, Some(USER));
    assert!(case.submitted);
    assert_eq!(case.priority.as_str(), "normal");
    assert_eq!(case.reasons, ["wheelchair"]);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM survey_state").await,
        0,
        "the draft is gone"
    );

    let r = p.say("/status").await;
    assert!(all_text(&r, USER).contains("#1: waiting for a volunteer"));
    let r = p.say("/start").await;
    assert!(
        all_text(&r, USER).contains("#1 is registered"),
        "a person with an open case is not asked again"
    );
}

/// The spinner of a survey press stops as the bot's reply starts going out, not after the
/// reply is done: with 150 ms to Telegram, the press's answer reaches it while the next
/// question is still on its way (before, it was sent only after that).
#[tokio::test(flavor = "multi_thread")]
async fn a_survey_press_is_answered_before_its_reply_is_done() {
    let env = Env::new(&[], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    p.say("/start").await;
    let since = p.emu.calls().len();
    p.emu.set_round_trip(std::time::Duration::from_millis(150));
    let r = p.press("I agree").await;
    assert!(all_text(&r, USER).contains("Who needs help?"));
    // The answer is on its own way: wait until Telegram has it.
    let mut answered = None;
    for _ in 0..50 {
        let calls = p.emu.calls().split_off(since);
        let answer = calls
            .iter()
            .find(|c| c.method == "answerCallbackQuery")
            .cloned();
        let question = calls
            .iter()
            .find(|c| c.method == "sendMessage" && c.chat_id == Some(USER))
            .cloned();
        if let (Some(a), Some(q)) = (answer, question) {
            answered = Some((a, q));
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let (answer, question) = answered.expect("the press is answered and the question sent");
    assert!(answer.ok());
    assert!(
        answer.at < question.at + question.took,
        "the press was answered after the reply was done: answer at {:?}, question at {:?} for {:?}",
        answer.at,
        question.at,
        question.took
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn every_answer_button_edits_its_question_to_show_the_choice() {
    let env = Env::new(&[], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    p.say("/start").await;
    p.agree().await;
    let r = p.press("Safe for now").await;
    let edit = r.edited.last().expect("the question is edited");
    assert!(
        edit.text_or_empty().ends_with("✓ Safe for now"),
        "{}",
        edit.text_or_empty()
    );
    assert!(edit.reply_markup.is_none(), "its buttons are removed");
    assert_eq!(toast(&r), None);
}

#[tokio::test(flavor = "multi_thread")]
async fn declining_consent_stores_nothing_and_shows_public_help() {
    let env = Env::new(&[], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    p.say("/start").await;
    let r = p.press("No, thanks").await;
    let text = all_text(&r, USER);
    assert!(text.contains("nothing about you has been stored"));
    assert!(text.contains("112"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM survey_state").await, 0);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM processed_updates").await,
        0
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn children_questions_follow_a_yes() {
    let env = Env::new(&[], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    p.say("/start").await;
    p.agree().await;
    p.press("Safe for now").await;
    p.press("Sumy region").await;
    p.say("Sumy").await;
    p.press("3").await;
    p.press("Children (under 18)").await;
    let r = p.press("Done").await;
    assert!(all_text(&r, USER).contains("How many children?"));
    p.press("2").await;
    let r = p.press("0–2 years").await;
    assert!(r.sent.is_empty(), "a toggle edits in place");
    let edit = r.edited.last().unwrap();
    let marks = format!("{:?}", edit.reply_markup);
    assert!(marks.contains("✅ 0–2 years"), "{marks}");
    let r = p.press("Done").await;
    assert!(
        all_text(&r, USER).contains("need special help"),
        "no pets: the pet questions are skipped"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn back_and_edit_change_answers_without_losing_others() {
    let env = Env::new(&[], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    p.say("/start").await;
    p.agree().await;
    p.press("Safe for now").await;
    let r = p.press("Back").await;
    assert!(all_text(&r, USER).contains("Are you safe right now?"));
    assert!(
        p.labels().iter().any(|l| l == "✅ Safe for now"),
        "the earlier answer is marked: {:?}",
        p.labels()
    );
    p.press("Sheltering").await;
    p.press("Kherson region").await;
    p.say("Kherson").await;
    p.press("1").await;
    common::calm_answers_after_people(&mut p, "Safer place in Ukraine", "Most of the time").await;

    let r = p.press("Region").await; // ✏ Region
    assert!(all_text(&r, USER).contains("Which region are you in?"));
    let r = p.press("Mykolaiv region").await;
    let text = all_text(&r, USER);
    assert!(
        text.contains("Please check your answers"),
        "an edit returns to the summary"
    );
    assert!(text.contains("Region: Mykolaiv region"));
    assert!(text.contains("Place: Kherson"), "other answers are kept");
    let stored = app.db.load_survey(USER).await.unwrap().unwrap();
    assert_eq!(
        stored.state.answers.get("region"),
        Some(&evac_intake::survey::Answer::Choice("mykolaiv".into()))
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn in_danger_now_alerts_every_supervisor_and_the_volunteer_chat_at_once() {
    let env = Env::new(&[111, 222], Some(-100_500));
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    p.say("/start").await;
    p.agree().await;
    let r = p.press("In danger right now").await;
    let text = all_text(&r, USER);
    assert!(text.contains("We are alerting coordinators (#1)"), "{text}");
    assert!(text.contains("112"));
    assert!(
        text.contains("Which region"),
        "the survey goes on after the guidance"
    );
    // Supervisors who never chose a language, and the group, get the default (Ukrainian).
    for chat in [111, 222] {
        let alert = all_text(&r, chat);
        assert!(alert.contains("🚨 КРИТИЧНО #1"), "chat {chat}: {alert:?}");
        assert!(
            alert.contains("зараз у небезпеці"),
            "the reason is named: {alert:?}"
        );
    }
    let card = all_text(&r, -100_500);
    assert!(
        card.contains("🚨 #1 · КРИТИЧНО · зараз у небезпеці"),
        "the group gets a card: {card:?}"
    );
    let posted = r.first_to(-100_500).unwrap();
    assert_eq!(
        common::buttons(Some(posted))[0].1,
        "cl:1",
        "with a Claim button"
    );
    let case = app.db.case(1).await.unwrap().unwrap();
    assert_eq!(case.priority.as_str(), "critical");
    assert!(!case.submitted, "still filling in the form");

    // The person stops here: the case stays.
    let r = p.say("/status").await;
    assert!(all_text(&r, USER).contains("#1: waiting for a volunteer"));

    // Going back and answering "danger" again does not alert twice.
    p.press("Back").await;
    let r = p.press("In danger right now").await;
    assert!(all_text(&r, 111).is_empty(), "no second alert");
    assert_eq!(app.db.count_cases().await.unwrap(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_person_in_danger_who_finishes_the_survey_completes_the_same_case() {
    let env = Env::new(&[111], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    p.say("/start").await;
    p.agree().await;
    p.press("In danger right now").await;
    p.press("Donetsk region").await;
    p.say("Pokrovsk").await;
    // The short path in danger: after the place and the number of people, only how to reach
    // them; the rest volunteers ask later.
    let r = p.press("1").await;
    assert!(
        all_text(&r, USER).contains("How can a volunteer reach you?"),
        "{:?}",
        texts_to(&r, USER)
    );
    let r = p.press("By phone too").await;
    assert!(reply_keyboard_sent(&r), "a share-contact button is offered");
    let me = p.id();
    let r = p.send(|u| u.send_contact("+380501112233", Some(me))).await;
    assert!(all_text(&r, USER).contains("Can your phone make a sound safely?"));
    let r = p.press("Yes").await;
    let summary = all_text(&r, USER);
    assert!(summary.contains("Phone: +380501112233"));
    for skipped in [
        "Children",
        "Special help",
        "Needs",
        "Destination",
        "When there is signal",
    ] {
        assert!(!summary.contains(skipped), "{skipped} in {summary}");
    }
    let r = p.press("Submit").await;
    assert!(all_text(&r, USER).contains("#1 is registered"));
    assert!(all_text(&r, 111).is_empty(), "already alerted at the gate");
    assert_eq!(
        app.db.count_cases().await.unwrap(),
        1,
        "the gate's case is completed, not doubled"
    );
    let case = app.db.case(1).await.unwrap().unwrap();
    assert!(case.submitted);
    assert_eq!(case.priority.as_str(), "critical");
    assert_eq!(case.reasons, ["danger_now"]);
    assert_eq!(
        case.answers.len(),
        10,
        "consent, who, occupied, safety, region, place, people, contact, phone, sound: {:?}",
        case.answers.keys()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_shared_location_answers_where_you_are() {
    let env = Env::new(&[], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    p.say("/start").await;
    p.agree().await;
    p.press("Safe for now").await;
    let r = p.press("Kharkiv region").await;
    assert!(
        reply_keyboard_sent(&r),
        "a share-location button is offered"
    );
    let r = p.send(|u| u.send_location(49.99, 36.23)).await;
    let text = all_text(&r, USER);
    assert!(text.contains("Saved"));
    assert!(text.contains("How many people"));

    // The summary and the cards say a location was shared, never where.
    p.press("2").await;
    let r = common::calm_answers_after_people(&mut p, "Abroad", "Most of the time").await;
    let summary = all_text(&r, USER);
    assert!(summary.contains("Place: location shared"), "{summary}");
    for coordinate in ["49.99", "36.23"] {
        assert!(!summary.contains(coordinate), "{summary}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn stickers_photos_voice_and_files_get_a_clear_reply_and_change_nothing() {
    let env = Env::new(&[], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    p.say("/start").await;
    p.agree().await;
    let before = app.db.load_survey(USER).await.unwrap().unwrap();
    let replies = [
        p.send(|u| u.send_sticker()).await,
        p.send(|u| u.send_photo()).await,
        p.send(|u| u.send_voice()).await,
        p.send(|u| u.send_document("passport.pdf")).await,
    ];
    for r in replies {
        let text = all_text(&r, USER);
        assert!(
            text.contains("I can only read text, buttons, a location or a contact"),
            "{text}"
        );
        assert!(
            text.contains("Are you safe right now?"),
            "the question is shown again"
        );
    }
    assert_eq!(app.db.load_survey(USER).await.unwrap().unwrap(), before);
}

#[tokio::test(flavor = "multi_thread")]
async fn typing_where_buttons_are_expected_repeats_the_question() {
    let env = Env::new(&[], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    p.say("/start").await;
    p.agree().await;
    let before = app.db.load_survey(USER).await.unwrap().unwrap();
    let r = p.say("please help us").await;
    let text = all_text(&r, USER);
    assert!(text.contains("Please answer with the buttons"));
    assert!(text.contains("Are you safe right now?"));
    assert_eq!(app.db.load_survey(USER).await.unwrap().unwrap(), before);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_huge_text_is_refused_with_the_limit() {
    let env = Env::new(&[], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    p.say("/start").await;
    p.agree().await;
    p.press("Safe for now").await;
    p.press("Kharkiv region").await;
    let before = app.db.load_survey(USER).await.unwrap().unwrap();
    let r = p.say(&"a".repeat(4000)).await;
    assert!(all_text(&r, USER).contains("at most 200 characters"));
    assert_eq!(app.db.load_survey(USER).await.unwrap().unwrap(), before);
    let r = p.say("abc").await;
    assert!(all_text(&r, USER).contains("How many people"));
    let r = p.say("a hundred").await;
    assert!(all_text(&r, USER).contains("Please type a number from 1 to 50"));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unknown_command_gets_the_list_of_commands() {
    let env = Env::new(&[], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    let r = p.say("/claim 5").await;
    assert!(all_text(&r, USER).contains("I don't know this command"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users").await, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn forged_and_stale_buttons_are_refused_with_a_toast_and_change_nothing() {
    let env = Env::new(&[], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    p.say("/start").await;
    p.agree().await;
    let safety_question = p.keyboard.clone().unwrap();
    p.press("Safe for now").await;
    let before = app.db.load_survey(USER).await.unwrap().unwrap();

    for forged in [
        "a:safety:99",
        "drop table",
        "a:region:77",
        "e:consent",
        "sub",
        "c:y:de",
        &"x".repeat(80),
    ] {
        let r = p.press_on(forged, &safety_question).await;
        assert!(toast(&r).is_some(), "{forged:?} gets a toast");
        assert!(texts_to(&r, USER).is_empty(), "{forged:?} sends nothing");
    }
    let r = p.press_on("a:safety:0", &safety_question).await; // "danger" on an answered question
    assert_eq!(
        toast(&r).as_deref(),
        Some("This button is out of date. Please use the latest message.")
    );
    assert_eq!(
        app.db.count_cases().await.unwrap(),
        0,
        "a stale danger button opens no case"
    );
    assert_eq!(app.db.load_survey(USER).await.unwrap().unwrap(), before);
}

#[tokio::test(flavor = "multi_thread")]
async fn buttons_in_someone_elses_chat_are_refused() {
    let env = Env::new(&[], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    p.say("/start").await;
    let consent = p.keyboard.clone().unwrap();
    let r = p.press_on_moved("c:y:en", &consent, 999).await;
    assert_eq!(toast(&r).as_deref(), Some("This button is not valid."));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users").await, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn group_messages_are_never_intake() {
    let env = Env::new(&[], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    let group = -4242;
    p.emu.register_chat(group, ChatKind::Group);
    let r = p.say_in(group, "/start").await;
    assert!(r.sent.is_empty());
    let r = p.say_in(group, "help, Izium").await;
    assert!(r.sent.is_empty());
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users").await, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_restarted_bot_resumes_at_the_same_question() {
    let env = Env::new(&[], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    p.say("/start").await;
    p.agree().await;
    p.press("Safe for now").await;
    p.press("Kharkiv region").await;
    drop(app);

    // A new process: a new pool over the same file.
    let app = env.app().await;
    p.restart(&app);
    let r = p.say("/start").await;
    let text = all_text(&r, USER);
    assert!(text.contains("Welcome back"), "{text}");
    assert!(text.contains("Where exactly are you?"), "{text}");
    let r = p.say("Chuhuiv").await;
    assert!(all_text(&r, USER).contains("How many people"));
}

#[tokio::test(flavor = "multi_thread")]
async fn submit_pressed_twice_makes_one_case() {
    let env = Env::new(&[], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    english_until_summary(&mut p).await;
    let summary = p.keyboard.clone().unwrap();
    p.press("Submit").await;
    let r = p.press_on("sub", &summary).await;
    assert!(all_text(&r, USER).contains("#1 is already registered"));
    assert_eq!(app.db.count_cases().await.unwrap(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_replayed_update_changes_nothing_twice() {
    let env = Env::new(&[], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    p.say("/start").await;
    p.agree().await;
    p.press("Safe for now").await;
    p.press("Kharkiv region").await;
    p.say("Izium").await; // place
    p.say("3").await; // people: the update Telegram will send again
    let after = app.db.load_survey(USER).await.unwrap().unwrap();
    assert_eq!(
        after.state.position,
        evac_intake::survey::Position::Question("with_you".into())
    );
    // The same update (same update_id) again, as after a crash before it was confirmed.
    p.dispatch().await;
    assert_eq!(app.db.load_survey(USER).await.unwrap().unwrap(), after);

    // Submit replayed: still one case.
    p.switch_to(777, Some("en"));
    english_until_summary(&mut p).await;
    p.press("Submit").await;
    p.dispatch().await;
    assert_eq!(app.db.count_cases().await.unwrap(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn cancel_deletes_the_unsent_survey_after_confirmation() {
    let env = Env::new(&[], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    let r = p.say("/cancel").await;
    assert!(all_text(&r, USER).contains("nothing to cancel"));
    p.say("/start").await;
    p.agree().await;
    p.press("Safe for now").await;
    p.say("/cancel").await;
    let r = p.press("No, continue").await;
    assert!(all_text(&r, USER).contains("Which region"));
    p.say("/cancel").await;
    let r = p.press("Yes, delete them").await;
    assert!(all_text(&r, USER).contains("Your answers are deleted"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM survey_state").await, 0);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM users").await,
        0,
        "nothing kept"
    );
    assert_eq!(app.db.count_cases().await.unwrap(), 0);
    let r = p.say("/status").await;
    assert!(all_text(&r, USER).contains("You have no request"));
}

#[tokio::test(flavor = "multi_thread")]
async fn help_and_status_before_anything() {
    let env = Env::new(&[], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    let r = p.say("/help").await;
    assert!(all_text(&r, USER).contains("/status"));
    let r = p.say("/status").await;
    assert!(all_text(&r, USER).contains("You have no request"));
    let r = p.say("hello?").await;
    assert!(
        all_text(&r, USER).contains("Do you agree?"),
        "any message starts the conversation"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_supervisor_gets_a_staff_greeting_not_the_survey() {
    let env = Env::new(&[4242], None);
    let app = env.app().await;
    let mut s = Person::with_id(&app, 4242, Some("en")).await;
    let r = s.say("/start").await;
    assert!(all_text(&r, 4242).contains("You are a supervisor"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM survey_state").await, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_requester_completes_the_survey_in_ukrainian() {
    let env = Env::new(&[], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("uk")).await;
    let r = p.say("/start").await;
    assert!(
        all_text(&r, USER).contains("Цей бот приймає заявки"),
        "{:?}",
        texts_to(&r, USER)
    );
    assert!(
        all_text(&r, USER).contains("30 днів"),
        "retention in days, with the plural"
    );
    p.press("Погоджуюся").await;
    // Written by a relative: the questions speak about the person.
    p.press("Іншій людині").await;
    p.press("Не знаю напевно").await;
    let r = p.press("В укритті від обстрілів").await;
    assert!(all_text(&r, USER).contains("У якій області ця людина?"));
    p.press("Запорізька область").await;
    p.say("Оріхів").await;
    p.press("5").await;
    p.press_all(&["Діти (до 18 років)", "Домашні тварини", "Готово"])
        .await;
    p.say("3").await;
    p.press_all(&["0–2 роки", "3–6 років", "Готово"]).await;
    p.press_all(&["Кіт", "Готово"]).await;
    p.press("2").await;
    p.press_all(&["Людина віком 60+", "Готово"]).await;
    p.press_all(&["Вода", "Готово"]).await;
    p.press("в Україні").await;
    p.press("Лише писати сюди").await;
    let r = p.press("Рідко").await;
    assert!(
        all_text(&r, USER).contains("Чи безпечно, щоб ваш телефон подавав звук?"),
        "not sure who controls the place: the sound question is asked"
    );
    let r = p.press("Так").await;
    let summary = all_text(&r, USER);
    for line in [
        "Перевірте, будь ласка, ваші відповіді",
        "Кому допомога: Іншій людині: родичу чи сусіду",
        "Окупована територія: Не знаю напевно",
        "Люди: 5 людей",
        "Кількість дітей: 3 дитини",
        "Вік дітей: 0–2 роки, 3–6 років",
        "Кількість тварин: 2 тварини",
    ] {
        assert!(summary.contains(line), "summary lacks {line:?}:\n{summary}");
    }
    let r = p.press("Надіслати заявку").await;
    assert!(
        all_text(&r, USER).contains("Вашу заявку #1 зареєстровано"),
        "{:?}",
        texts_to(&r, USER)
    );
    let case = app.db.case(1).await.unwrap().unwrap();
    assert_eq!(case.language, evac_intake::i18n::Lang::Uk);
    assert_eq!(case.priority.as_str(), "high");
    assert_eq!(case.reasons, ["infants", "under_shelling", "elderly"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_telegram_languages_get_ukrainian_and_lang_switches_to_russian() {
    let env = Env::new(&[], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("de")).await;
    let r = p.say("/start").await;
    assert!(all_text(&r, USER).contains("Цей бот приймає заявки"));
    p.press("Language").await;
    let r = p.press("Русский").await;
    let text = all_text(&r, USER);
    assert!(text.contains("по-русски"), "{text}");
    assert!(
        text.contains("Этот бот"),
        "the consent screen again, in Russian: {text}"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM users").await,
        0,
        "still nothing stored"
    );
    p.press("Соглашаюсь").await;
    p.press("Мне: пишу за себя").await;
    p.press("Нет, под контролем Украины").await;
    assert_eq!(
        app.db.language_of(USER).await.unwrap(),
        Some(evac_intake::i18n::Lang::Ru)
    );
    let r = p.say("/lang").await;
    assert!(!texts_to(&r, USER).is_empty());
    let r = p.press("English").await;
    let text = all_text(&r, USER);
    assert!(text.contains("I will write to you in English"));
    assert!(
        text.contains("Are you safe right now?"),
        "the current question, in English: {text}"
    );
    assert_eq!(
        app.db.language_of(USER).await.unwrap(),
        Some(evac_intake::i18n::Lang::En)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_supervisor_who_started_the_bot_gets_alerts_in_their_language() {
    let env = Env::new(&[111], None);
    let app = env.app().await;
    let mut p = Person::with_id(&app, 111, Some("en")).await;
    p.say("/start").await;
    p.switch_to(USER, Some("ru"));
    p.say("/start").await;
    p.press_all(&[
        "Соглашаюсь",
        "Мне: пишу за себя",
        "Нет, под контролем Украины",
    ])
    .await;
    let r = p.press("Сейчас в опасности").await;
    assert!(
        all_text(&r, 111).contains("🚨 CRITICAL #1: in danger right now"),
        "{:?}",
        texts_to(&r, 111)
    );
    assert!(all_text(&r, USER).contains("#1"));
}

// --- Typed answers: nothing visible is refused, reordering characters are removed ------------

#[tokio::test(flavor = "multi_thread")]
async fn a_place_made_only_of_invisible_characters_is_refused_and_the_question_stays() {
    let env = Env::new(&[], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    p.say("/start").await;
    p.agree().await;
    p.press("Safe for now").await;
    p.press("Kharkiv region").await;
    let before = app.db.load_survey(USER).await.unwrap().unwrap();
    assert_eq!(
        before.state.position,
        evac_intake::survey::Position::Question("place".into())
    );

    let r = p.say("\u{200B}\u{200F} ").await;
    let text = all_text(&r, USER);
    assert!(
        text.contains("There is nothing to read in this message"),
        "{text}"
    );
    assert!(
        !text.contains("How many people"),
        "no next question: {text}"
    );
    let after = app.db.load_survey(USER).await.unwrap().unwrap();
    assert_eq!(after, before, "nothing stored, the same question");
    assert!(!after.state.answers.contains_key("place"));

    // A visible answer is taken as usual.
    let r = p.say("Izium").await;
    assert!(all_text(&r, USER).contains("How many people"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_place_typed_with_a_bidi_override_is_stored_and_summarised_without_it() {
    let env = Env::new(&[], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    p.say("/start").await;
    p.agree().await;
    p.press("Safe for now").await;
    p.press("Kharkiv region").await;
    let r = p.say("Izium\u{202E}5 avodaS").await;
    assert!(
        all_text(&r, USER).contains("How many people"),
        "accepted: {:?}",
        texts_to(&r, USER)
    );
    let stored = app.db.load_survey(USER).await.unwrap().unwrap();
    assert_eq!(
        stored.state.answers.get("place"),
        Some(&evac_intake::survey::Answer::Place("Izium5 avodaS".into()))
    );
    let raw = count(
        &app,
        "SELECT COUNT(*) FROM survey_state
          WHERE instr(state, char(8238)) > 0 OR instr(lower(state), '\\u202e') > 0",
    )
    .await;
    assert_eq!(raw, 0, "no U+202E in the stored state");

    p.press("2").await;
    let r = common::calm_answers_after_people(&mut p, "Abroad", "Most of the time").await;
    let summary = all_text(&r, USER);
    assert!(summary.contains("Please check your answers"), "{summary}");
    assert!(summary.contains("Place: Izium5 avodaS"), "{summary}");
    assert!(!summary.contains('\u{202E}'), "{summary:?}");

    p.press("Submit").await;
    let case = app.db.case(1).await.unwrap().expect("case #1");
    assert_eq!(
        case.answers.get("place"),
        Some(&evac_intake::survey::Answer::Place("Izium5 avodaS".into()))
    );
    let raw = count(
        &app,
        "SELECT COUNT(*) FROM cases WHERE instr(answers, char(8238)) > 0",
    )
    .await;
    assert_eq!(raw, 0, "no U+202E in the case");
}
