//! What a frightened person reads, in every language, through the bot and the shipped locale
//! files: emergency numbers come first and say they are for Ukraine-controlled territory, no
//! state app is named, the first screen names the network and warns about fraud, nothing
//! promises what the bot cannot keep (an alert received, a time, a complete erasure), and the
//! commands people need (`/forget`) are named where they look.

use crate::common;

use std::{path::PathBuf, sync::Arc};

use common::{Env, Person, Responses, USER, texts_to};
use evac_intake::{
    bot::App,
    clock::ManualClock,
    config::{Config, DEFAULT_NETWORK_NAME},
    i18n::Lang,
};

const SUPERVISOR: i64 = 9301;

/// What each language must say (phrases of the shipped texts).
struct Words {
    lang: Lang,
    code: &'static str,
    /// In every text that gives an emergency number.
    controlled: &'static str,
    /// In the full note: what 112 and 102 reach in occupied areas.
    occupied: &'static str,
    /// The shelter advice is for shelling only.
    not_fire: &'static str,
    /// The guidance's last paragraph: the alert is being sent, not received.
    alerting: &'static str,
    /// Old wording that claimed the alert was received or the case was registered.
    overclaims: [&'static str; 2],
    admin: &'static str,
    fraud: &'static str,
    stored: &'static str,
    sound_off: &'static str,
    delete_chat: &'static str,
    /// Old wording of `submitted`.
    old_submitted: [&'static str; 2],
    volunteer_asked: &'static str,
    /// Old wording of `forget-done`.
    old_forget: &'static str,
    voice: &'static str,
    too_long: &'static str,
    people_counted: &'static str,
}

const EN: Words = Words {
    lang: Lang::En,
    code: "en",
    controlled: "Ukraine-controlled territory",
    occupied: "occupied areas a call to 112 or 102 reaches the occupation services",
    not_fire: "not in a fire, gas leak or collapse",
    alerting: "We are alerting coordinators (#1)",
    overclaims: ["registered", "have been alerted"],
    admin: "official channels of your regional military administration",
    fraud: "never ask for money, card details or codes from SMS",
    stored: "your Telegram id and the messages in this chat",
    sound_off: "turn off the sound",
    delete_chat: "delete this chat after reading",
    old_submitted: ["notifications on", "few hours"],
    volunteer_asked: "we asked them to delete their copies",
    old_forget: "everything we stored about you is erased",
    voice: "I cannot understand voice messages",
    too_long: "The text is too long: at most 200 characters.",
    people_counted: "counting yourself and the children",
};

const UK: Words = Words {
    lang: Lang::Uk,
    code: "uk",
    controlled: "підконтрольн",
    occupied: "на окупованій дзвінок на 112 чи 102 потрапить до окупаційних служб",
    not_fire: "не під час пожежі, витоку газу чи обвалу",
    alerting: "Ми сповіщаємо координаторів (#1)",
    overclaims: ["зареєстровано", "отримали сповіщення"],
    admin: "офіційні канали вашої обласної військової адміністрації",
    fraud: "ніколи не просять грошей, даних картки чи кодів із SMS",
    stored: "ваш Telegram id і повідомлення в цьому чаті",
    sound_off: "вимкніть звук",
    delete_chat: "видаляйте цей чат після прочитання",
    old_submitted: ["Не вимикайте сповіщення", "кількох годин"],
    volunteer_asked: "ми попросили його видалити свої копії",
    old_forget: "усе, що ми про вас зберігали, видалено",
    voice: "голосових повідомлень я не розумію",
    too_long: "Текст задовгий: щонайбільше 200 символів.",
    people_counted: "включно з вами та дітьми",
};

const RU: Words = Words {
    lang: Lang::Ru,
    code: "ru",
    controlled: "подконтрольн",
    occupied: "на оккупированной звонок на 112 или 102 попадёт в оккупационные службы",
    not_fire: "не при пожаре, утечке газа или обрушении",
    alerting: "Мы оповещаем координаторов (#1)",
    overclaims: ["зарегистрирована", "получили оповещение"],
    admin: "официальные каналы вашей областной военной администрации",
    fraud: "никогда не просят денег, данных карты или кодов из SMS",
    stored: "ваш Telegram id и сообщения в этом чате",
    sound_off: "выключите звук",
    delete_chat: "удаляйте этот чат после прочтения",
    old_submitted: ["Не выключайте уведомления", "нескольких часов"],
    volunteer_asked: "мы попросили его удалить свои копии",
    old_forget: "всё, что мы о вас хранили, удалено",
    voice: "голосовых сообщений я не понимаю",
    too_long: "Текст слишком длинный: максимум 200 символов.",
    people_counted: "включая вас и детей",
};

const ALL: [&Words; 3] = [&EN, &UK, &RU];

fn t(app: &App, lang: Lang, id: &str) -> String {
    app.locales.text(lang, id)
}

/// The one message to the requester that is exactly `expected`.
fn the_message(r: &Responses, expected: &str) -> String {
    let texts = texts_to(r, USER);
    assert!(
        texts.iter().any(|m| m == expected),
        "expected {expected:?} among {texts:?}"
    );
    expected.to_owned()
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

/// An app whose configuration names the network.
async fn app_with_network(env: &Env, network: &str) -> App {
    let url = env.url.clone();
    let network = network.to_owned();
    let config = Config::from_lookup(move |k| match k {
        "DATABASE_URL" => Some(url.clone()),
        "SUPERVISOR_IDS" => Some(SUPERVISOR.to_string()),
        "NETWORK_NAME" => Some(network.clone()),
        _ => None,
    })
    .unwrap();
    crate::e2e_common::new_app(config).await
}

/// /start and consent, as USER in `w`'s language.
async fn consent(p: &mut Person, app: &App, w: &Words) {
    p.switch_to(USER, Some(w.code));
    p.say("/start").await;
    p.press(&t(app, w.lang, "button-agree")).await;
    p.press(&t(app, w.lang, "q-for-self")).await;
    p.press(&t(app, w.lang, "q-occupied-no")).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn emergency_guidance_starts_with_112_and_only_says_the_alert_is_being_sent() {
    for w in ALL {
        let env = Env::new(&[SUPERVISOR], None);
        let app = env.app().await;
        let mut p = Person::new(&app, Some(w.code)).await;
        consent(&mut p, &app, w).await;
        let r = p.press(&t(&app, w.lang, "q-safety-danger")).await;
        let guidance = the_message(
            &r,
            &app.locales
                .text_with(w.lang, "emergency-guidance", &[("case", 1i64.into())]),
        );
        let first = first_line(&guidance);
        assert!(first.contains("112"), "{}: {first}", w.code);
        for number in ["101", "103", "102"] {
            assert!(first.contains(number), "{}: {first}", w.code);
        }
        assert!(guidance.contains(w.controlled), "{}: {guidance}", w.code);
        assert!(guidance.contains(w.occupied), "{}: {guidance}", w.code);
        assert!(guidance.contains(w.not_fire), "{}: {guidance}", w.code);
        assert!(guidance.contains(w.alerting), "{}: {guidance}", w.code);
        for claim in w.overclaims {
            assert!(
                !guidance.contains(claim),
                "{}: {claim} in {guidance}",
                w.code
            );
        }
        assert!(
            guidance.find("112") < guidance.find(w.not_fire),
            "{}: the numbers before the shelter advice",
            w.code
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn no_locale_file_names_a_state_app_and_declining_points_to_official_channels() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("locales");
    let mut files = 0;
    for w in ALL {
        for entry in std::fs::read_dir(root.join(w.code)).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap().to_lowercase();
            for app_name in ["diia", "дія", "дия"] {
                assert!(!text.contains(app_name), "{app_name} in {}", path.display());
            }
            files += 1;
        }
    }
    assert!(files >= 18, "{files} files read");

    for w in ALL {
        let env = Env::new(&[SUPERVISOR], None);
        let app = env.app().await;
        let mut p = Person::new(&app, Some(w.code)).await;
        p.say("/start").await;
        let r = p.press(&t(&app, w.lang, "button-decline")).await;
        let declined = the_message(&r, &t(&app, w.lang, "consent-declined"));
        assert!(declined.contains("112"), "{}: {declined}", w.code);
        assert!(declined.contains(w.occupied), "{}: {declined}", w.code);
        assert!(declined.contains(w.admin), "{}: {declined}", w.code);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_first_screen_has_the_emergency_line_the_network_the_fraud_warning_and_forget() {
    for w in ALL {
        let env = Env::new(&[SUPERVISOR], None);
        let app = app_with_network(&env, "Kharkiv Neighbours").await;
        let mut p = Person::new(&app, Some(w.code)).await;
        let r = p.say("/start").await;
        let screen = texts_to(&r, USER).join("\n");
        let first = first_line(&screen);
        assert!(
            first.contains("112") && first.contains(w.controlled),
            "{}: {first}",
            w.code
        );
        assert!(
            screen.contains("«Kharkiv Neighbours»") || screen.contains("“Kharkiv Neighbours”"),
            "{}: {screen}",
            w.code
        );
        assert!(screen.contains(w.fraud), "{}: {screen}", w.code);
        assert!(screen.contains(w.stored), "{}: {screen}", w.code);
        assert!(screen.contains("/forget"), "{}: {screen}", w.code);
        assert!(
            !screen.contains("{"),
            "{}: an argument is missing: {screen}",
            w.code
        );
        assert!(screen.chars().count() < 1500, "{}: short: {screen}", w.code);
    }

    // Without NETWORK_NAME, the default name.
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::new(&app, Some("en")).await;
    let r = p.say("/start").await;
    assert!(
        common::all_text(&r, USER).contains(&format!("“{DEFAULT_NETWORK_NAME}”")),
        "{:?}",
        texts_to(&r, USER)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn help_and_unknown_command_name_forget_and_help_starts_with_112() {
    for w in ALL {
        let env = Env::new(&[SUPERVISOR], None);
        let app = env.app().await;
        let mut p = Person::new(&app, Some(w.code)).await;
        let r = p.say("/help").await;
        let help = the_message(&r, &t(&app, w.lang, "help"));
        assert!(help.contains("/forget"), "{}: {help}", w.code);
        let first = first_line(&help);
        assert!(
            first.contains("112") && first.contains(w.controlled),
            "{}: {first}",
            w.code
        );
        let r = p.say("/whatever").await;
        let unknown = the_message(&r, &t(&app, w.lang, "unknown-command"));
        assert!(unknown.contains("/forget"), "{}: {unknown}", w.code);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn banned_and_muted_people_are_given_112_for_ukraine_controlled_territory() {
    const TROLL: i64 = 9304;
    for w in ALL {
        // Banned.
        let env = Env::new(&[SUPERVISOR], None);
        let app = env.app().await;
        let mut p = Person::new(&app, Some(w.code)).await;
        p.switch_to(TROLL, Some(w.code));
        p.say("/start").await;
        p.press(&t(&app, w.lang, "button-agree")).await;
        p.switch_to(SUPERVISOR, Some("en"));
        let r = p.say(&format!("/ban {TROLL} fake addresses")).await;
        let banned = t(&app, w.lang, "you-are-banned");
        assert_eq!(
            texts_to(&r, TROLL),
            std::slice::from_ref(&banned),
            "{}",
            w.code
        );
        assert!(
            banned.contains("112") && banned.contains(w.controlled),
            "{}: {banned}",
            w.code
        );

        // Muted for flooding.
        let env = Env::new(&[SUPERVISOR], None);
        let clock = ManualClock::at(1_900_000_000);
        let app = env.app().await.with_clock(Arc::new(clock));
        let mut p = Person::new(&app, Some(w.code)).await;
        p.switch_to(TROLL, Some(w.code));
        let minutes = app.survey.limits.mute_minutes;
        let muted = app
            .locales
            .text_with(w.lang, "muted", &[("minutes", minutes.into())]);
        let mut told = 0;
        for i in 0..(app.survey.limits.flood_per_minute + 5) {
            let r = p.say(&format!("spam {i}")).await;
            told += texts_to(&r, TROLL).iter().filter(|m| **m == muted).count();
        }
        assert_eq!(told, 1, "{}: told once: {muted}", w.code);
        let first_sentence = muted.split(". ").next().unwrap();
        assert!(
            first_sentence.contains("112") && first_sentence.contains(w.controlled),
            "{}: {muted}",
            w.code
        );
    }
}

/// The calm survey in `w`'s language by its labels (no phone): submits case #1.
async fn submit_calm(p: &mut Person, app: &App, w: &Words) -> Responses {
    let l = |id: &str| t(app, w.lang, id);
    consent(p, app, w).await;
    p.press(&l("q-safety-safe")).await;
    p.press(&l("q-region-kharkiv")).await;
    p.say("Izium").await;
    let r = p.press("2").await;
    assert!(
        common::all_text(&r, USER).contains(&l("q-with_you")),
        "{}",
        w.code
    );
    p.press(&l("q-with_you-none")).await;
    p.press(&l("button-done")).await;
    p.press(&l("q-vulnerable-none")).await;
    p.press(&l("button-done")).await;
    p.press(&l("q-needs-none")).await;
    p.press(&l("button-done")).await;
    p.press(&l("q-destination-abroad")).await;
    p.press(&l("q-contact-bot_only")).await;
    p.press(&l("q-signal-mostly")).await;
    p.press(&l("button-submit")).await
}

#[tokio::test(flavor = "multi_thread")]
async fn submitted_asks_to_turn_the_sound_off_and_promises_no_time() {
    for w in ALL {
        let env = Env::new(&[SUPERVISOR], None);
        let app = env.app().await;
        let mut p = Person::new(&app, Some(w.code)).await;
        let r = submit_calm(&mut p, &app, w).await;
        let submitted = the_message(
            &r,
            &app.locales
                .text_with(w.lang, "submitted", &[("case", 1i64.into())]),
        );
        assert!(submitted.contains("#1"), "{}: {submitted}", w.code);
        assert!(submitted.contains(w.sound_off), "{}: {submitted}", w.code);
        assert!(submitted.contains(w.delete_chat), "{}: {submitted}", w.code);
        for old in w.old_submitted {
            assert!(!submitted.contains(old), "{}: {old} in {submitted}", w.code);
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn forget_says_what_was_erased_and_what_the_bot_cannot_delete() {
    for w in ALL {
        // With an open case (opened at the safety gate).
        let env = Env::new(&[SUPERVISOR], None);
        let app = env.app().await;
        let mut p = Person::new(&app, Some(w.code)).await;
        consent(&mut p, &app, w).await;
        p.press(&t(&app, w.lang, "q-safety-danger")).await;
        p.say("/forget").await;
        let r = p.press(&t(&app, w.lang, "button-forget-erase")).await;
        let done = the_message(
            &r,
            &app.locales
                .text_with(w.lang, "forget-done-case", &[("case", 1i64.into())]),
        );
        assert!(done.contains("#1"), "{}: {done}", w.code);
        assert!(done.contains("Telegram id"), "{}: {done}", w.code);
        assert!(done.contains("48"), "{}: {done}", w.code);
        assert!(done.contains(w.volunteer_asked), "{}: {done}", w.code);
        assert!(done.contains(w.controlled), "{}: {done}", w.code);
        assert!(!done.contains(w.old_forget), "{}: {done}", w.code);

        // Without a case (in the middle of the survey).
        let env = Env::new(&[SUPERVISOR], None);
        let app = env.app().await;
        let mut p = Person::new(&app, Some(w.code)).await;
        consent(&mut p, &app, w).await;
        p.say("/forget").await;
        let r = p.press(&t(&app, w.lang, "button-forget-erase")).await;
        let done = the_message(&r, &t(&app, w.lang, "forget-done"));
        assert!(done.contains("Telegram id"), "{}: {done}", w.code);
        assert!(done.contains("48"), "{}: {done}", w.code);
        assert!(!done.contains(w.old_forget), "{}: {done}", w.code);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn voice_notes_too_long_answers_and_the_people_count_are_explained() {
    for w in ALL {
        let env = Env::new(&[SUPERVISOR], None);
        let app = env.app().await;
        let mut p = Person::new(&app, Some(w.code)).await;
        consent(&mut p, &app, w).await;
        let r = p.send(|u| u.send_voice()).await;
        let media = the_message(&r, &t(&app, w.lang, "error-media"));
        assert!(media.contains(w.voice), "{}: {media}", w.code);

        p.press(&t(&app, w.lang, "q-safety-safe")).await;
        p.press(&t(&app, w.lang, "q-region-kharkiv")).await;
        let r = p.say(&"x".repeat(201)).await;
        let too_long = texts_to(&r, USER).join("\n");
        assert!(too_long.starts_with(w.too_long), "{}: {too_long}", w.code);

        let r = p.say("Izium").await;
        let people = common::all_text(&r, USER);
        assert!(people.contains(w.people_counted), "{}: {people}", w.code);
    }
}

#[test]
fn ukrainian_and_russian_wording() {
    let l = evac_intake::i18n::Locales::load(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("locales"),
    )
    .unwrap();
    let uk = |id: &str| l.text(Lang::Uk, id);
    let ru = |id: &str| l.text(Lang::Ru, id);
    assert_eq!(
        uk("q-place"),
        "Де саме ви зараз? Напишіть місто чи село (вулицю — за бажанням)."
    );
    assert_eq!(uk("q-vulnerable-wheelchair"), "Крісло колісне");
    assert_eq!(ru("q-vulnerable-wheelchair"), "Кресло-коляска");
    assert_eq!(uk("report-action-flag"), "притримано");
    assert_eq!(ru("report-action-flag"), "придержана");
    let consent = l.text_with(
        Lang::Uk,
        "consent-text",
        &[("days", 30i64.into()), ("network", "x".into())],
    );
    assert!(consent.contains("заявки на евакуацію"), "{consent}");
    assert!(!consent.contains("допомогу з евакуацією"), "{consent}");
    let guidance = l.text_with(Lang::Uk, "emergency-guidance", &[("case", 1i64.into())]);
    assert!(guidance.contains("Якщо зараз безпечно"), "{guidance}");
    let guidance = l.text_with(Lang::Ru, "emergency-guidance", &[("case", 1i64.into())]);
    assert!(guidance.contains("Если сейчас безопасно"), "{guidance}");

    // One Russian word for supervisor in every Russian file.
    let ru_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("locales/ru");
    for entry in std::fs::read_dir(ru_dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap().to_lowercase();
        assert!(!text.contains("супервизор"), "{}", path.display());
    }
}
