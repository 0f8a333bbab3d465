//! Silent mode and the occupied-territory guidance, as the person sees them: someone who
//! cannot have their phone make a sound gets every message without one (the bot's, the
//! outbox's and the volunteer's relayed copies); `/silent` switches it later; someone in
//! occupied territory is never told to call 112 or 102; an ambulance comes first with 103.

use crate::common;

use botapi_emulator::SentMessage;
use common::{Env, Person, Responses, USER, all_text, count, texts_to};

const SUPERVISOR: i64 = 9401;
const VOLUNTEER: i64 = 9402;
const GROUP: i64 = -100_944;

/// Whether Telegram was asked to deliver the message without a sound.
fn quiet(m: &SentMessage) -> bool {
    m.raw
        .get("disable_notification")
        .is_some_and(|v| v.as_bool() == Some(true) || v.as_str() == Some("true"))
}

/// Every new message (sent or copied) to the person in `r`, and whether each was quiet.
fn to_person(r: &Responses) -> Vec<(String, bool)> {
    r.to(USER)
        .into_iter()
        .map(|m| (m.text_or_empty().to_owned(), quiet(m)))
        .collect()
}

fn all_quiet(r: &Responses, what: &str) {
    let sent = to_person(r);
    assert!(!sent.is_empty(), "{what}: nothing reached the person");
    assert!(
        sent.iter().all(|(_, q)| *q),
        "{what}: a message with sound: {sent:?}"
    );
}

fn none_quiet(r: &Responses, what: &str) {
    let sent = to_person(r);
    assert!(!sent.is_empty(), "{what}: nothing reached the person");
    assert!(
        sent.iter().all(|(_, q)| !*q),
        "{what}: a silent message: {sent:?}"
    );
}

/// Consent, help for myself, in occupied territory, safe for now, up to the sound question.
async fn occupied_until_sound(p: &mut Person) -> Responses {
    p.switch_to(USER, Some("en"));
    p.say("/start").await;
    p.press_all(&[
        "I agree",
        "Me: I am writing for myself",
        "Yes, it is occupied",
    ])
    .await;
    p.press("Safe for now").await;
    p.press("Kharkiv region").await;
    p.say("Kupiansk").await;
    p.press("2").await;
    common::calm_answers_after_people(p, "Abroad", "Only at certain hours").await
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_safe_sound_every_message_to_the_person_is_silent_the_volunteers_copies_too() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;

    let r = occupied_until_sound(&mut p).await;
    assert!(all_text(&r, USER).contains("Can your phone make a sound safely?"));
    none_quiet(&r, "before the answer");
    let r = p.press("No").await;
    assert!(all_text(&r, USER).contains("Please check your answers"));
    all_quiet(&r, "the summary right after the answer");
    assert_eq!(
        count(
            &app,
            &format!("SELECT silent FROM users WHERE telegram_id = {USER}")
        )
        .await,
        1,
        "stored with the person"
    );

    // Submit: "your request is registered" goes through the outbox.
    let r = p.press("Submit").await;
    assert!(all_text(&r, USER).contains("Your request #1 is registered"));
    all_quiet(&r, "the registration (outbox)");
    let offer = r.last_to(VOLUNTEER).cloned().expect("an offer");

    // A message before the claim: the bot's "kept" reply.
    let r = p.say("we are in the basement").await;
    all_quiet(&r, "a direct reply");

    // The claim: "a volunteer has taken your request" (outbox).
    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.press_on("cl:1", &offer).await;
    assert!(all_text(&r, USER).contains("A volunteer has taken your request #1"));
    all_quiet(&r, "the claim notice");
    let volunteer_side = r.to(VOLUNTEER);
    assert!(
        volunteer_side.iter().all(|m| !quiet(m)),
        "the volunteer's own chat keeps its sound"
    );

    // The volunteer answers by replying to the relayed copy: copied to the person, silently.
    p.switch_to(USER, Some("en"));
    let r = p.say("the bridge is out").await;
    let relayed = r.last_copy().cloned().expect("relayed to the volunteer");
    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.reply(&relayed, "We come at 6").await;
    let back = r.last_copy().expect("copied to the person");
    assert_eq!(back.chat_id, USER);
    assert!(quiet(back), "the volunteer's relayed copy is silent");
    let r = p.say("/msg 1 Are you ready?").await;
    assert!(all_text(&r, USER).contains("Are you ready?"));
    all_quiet(&r, "/msg");

    // Commands the person types later.
    p.switch_to(USER, Some("en"));
    let r = p.say("/status").await;
    all_quiet(&r, "/status");
    let r = p.say("/help").await;
    assert!(all_text(&r, USER).contains("/silent"), "help names /silent");
    all_quiet(&r, "/help");
}

#[tokio::test(flavor = "multi_thread")]
async fn silent_switches_silent_mode_off_and_on_and_is_in_the_menu() {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    let r = p.say("/silent").await;
    assert!(
        all_text(&r, USER).contains("Nothing is stored about you yet"),
        "{:?}",
        texts_to(&r, USER)
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM users").await,
        0,
        "/silent before consent stores nothing"
    );

    occupied_until_sound(&mut p).await;
    let r = p.press("Yes").await;
    none_quiet(&r, "sound is safe");

    let r = p.say("/silent").await;
    assert!(all_text(&r, USER).contains("Silent mode is on"));
    all_quiet(&r, "the confirmation itself");
    let r = p.press("Submit").await;
    all_quiet(&r, "after /silent");

    let r = p.say("/silent").await;
    assert!(all_text(&r, USER).contains("Silent mode is off"));
    none_quiet(&r, "switched off");
    let r = p.say("/status").await;
    none_quiet(&r, "sound again");

    // The command menu (set per chat when the language is chosen) offers /silent.
    p.say("/lang").await;
    let r = p.press("English").await;
    assert!(!r.menus.is_empty(), "the menu is set");
    for menu in &r.menus {
        assert!(
            menu.commands.iter().any(|c| c.command == "silent"),
            "{menu:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn someone_safe_in_ukraine_controlled_territory_is_not_asked_about_sound() {
    let env = Env::new(&[], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    p.say("/start").await;
    p.agree().await;
    p.press("Safe for now").await;
    p.press("Kharkiv region").await;
    p.say("Izium").await;
    p.press("2").await;
    let r = common::calm_answers_after_people(&mut p, "Abroad", "Most of the time").await;
    let summary = all_text(&r, USER);
    assert!(summary.contains("Please check your answers"), "{summary}");
    assert!(!summary.contains("Sound"), "{summary}");
    none_quiet(&r, "the summary");
}

/// The guidance the person got when the gate opened, in `lang`, after `labels`.
async fn guidance_after(lang: &str, labels: &[&str]) -> String {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some(lang)).await;
    p.say("/start").await;
    let r = p.press_all(labels).await;
    let texts = texts_to(&r, USER);
    texts
        .into_iter()
        .find(|t| t.contains("#1"))
        .unwrap_or_else(|| panic!("no guidance after {labels:?}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn in_occupied_territory_the_guidance_names_neither_112_nor_102() {
    let cases: [(&str, [&str; 4]); 6] = [
        (
            "en",
            [
                "I agree",
                "Me: I am",
                "Yes, it is occupied",
                "In danger right now",
            ],
        ),
        (
            "en",
            ["I agree", "Someone else", "Not sure", "In danger right now"],
        ),
        (
            "uk",
            ["Погоджуюся", "Мені", "Так, окупований", "Зараз у небезпеці"],
        ),
        (
            "ru",
            ["Соглашаюсь", "Мне", "Да, оккупирован", "Сейчас в опасности"],
        ),
        (
            "uk",
            ["Погоджуюся", "Мені", "Так, окупований", "потрібна швидка"],
        ),
        ("ru", ["Соглашаюсь", "Мне", "Не знаю точно", "нужна скорая"]),
    ];
    for (lang, labels) in cases {
        let guidance = guidance_after(lang, &labels).await;
        for number in ["112", "102"] {
            assert!(
                !guidance.contains(number),
                "{lang} {labels:?}: {number} in {guidance}"
            );
        }
        assert!(guidance.contains("#1"), "{guidance}");
    }
    let ambulance = guidance_after(
        "en",
        &[
            "I agree",
            "Me: I am",
            "Yes, it is occupied",
            "an ambulance now",
        ],
    )
    .await;
    assert!(ambulance.contains("103"), "{ambulance}");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_ambulance_needed_now_opens_the_safety_gate_with_103_first() {
    for (lang, labels) in [
        (
            "en",
            [
                "I agree",
                "Me: I am",
                "No, Ukraine controls it",
                "an ambulance now",
            ],
        ),
        (
            "uk",
            [
                "Погоджуюся",
                "Мені",
                "Ні, під контролем України",
                "потрібна швидка",
            ],
        ),
        (
            "ru",
            [
                "Соглашаюсь",
                "Мне",
                "Нет, под контролем Украины",
                "нужна скорая",
            ],
        ),
    ] {
        let env = Env::new(&[SUPERVISOR], None);
        let app = env.app().await;
        let mut p = Person::new(&app, Some(lang)).await;
        p.say("/start").await;
        let r = p.press_all(&labels).await;
        let guidance = texts_to(&r, USER)
            .into_iter()
            .find(|t| t.contains("#1"))
            .unwrap_or_else(|| panic!("{lang}: no guidance"));
        let first = guidance.lines().next().unwrap_or_default();
        assert!(first.contains("103"), "{lang}: {first}");
        assert!(
            first.find("103") < first.find("112"),
            "{lang}: 103 comes first: {first}"
        );
        let case = app
            .db
            .case(1)
            .await
            .unwrap()
            .expect("the gate opened a case");
        assert_eq!(case.priority.as_str(), "critical");
        assert_eq!(case.reasons, ["ambulance_now"]);
        assert!(
            all_text(&r, SUPERVISOR).contains("#1"),
            "{lang}: the supervisor is alerted"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_questions_speak_to_the_person_filling_in_or_about_the_one_who_needs_help() {
    for (who, safety, region) in [
        (
            "Me: I am",
            "Are you safe right now?",
            "Which region are you in?",
        ),
        (
            "Someone else",
            "Is the person safe right now?",
            "Which region is the person in?",
        ),
    ] {
        let env = Env::new(&[], None);
        let app = env.app().await;
        let mut p = Person::new(&app, Some("en")).await;
        p.say("/start").await;
        p.press_all(&["I agree", who]).await;
        let r = p.press("No, Ukraine controls it").await;
        assert!(
            all_text(&r, USER).contains(safety),
            "{who}: {:?}",
            texts_to(&r, USER)
        );
        let r = p.press("Safe for now").await;
        assert!(all_text(&r, USER).contains(region), "{who}");
    }
    for (lang, who, text) in [
        ("uk", "Іншій людині", "Ця людина зараз у безпеці?"),
        (
            "ru",
            "Другому человеку",
            "Этот человек сейчас в безопасности?",
        ),
        ("uk", "Мені", "Ви зараз у безпеці?"),
        ("ru", "Мне", "Вы сейчас в безопасности?"),
    ] {
        let env = Env::new(&[], None);
        let app = env.app().await;
        let mut p = Person::new(&app, Some(lang)).await;
        p.say("/start").await;
        let agree = if lang == "uk" {
            "Погоджуюся"
        } else {
            "Соглашаюсь"
        };
        let not_occupied = if lang == "uk" {
            "Ні, під контролем України"
        } else {
            "Нет, под контролем Украины"
        };
        let r = p.press_all(&[agree, who, not_occupied]).await;
        assert!(
            all_text(&r, USER).contains(text),
            "{lang} {who}: {:?}",
            texts_to(&r, USER)
        );
    }
}
