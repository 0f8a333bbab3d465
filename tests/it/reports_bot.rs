//! Supervisor reports through the Telegram layer: `/audit N`, `/stats` (text and a PNG chart)
//! and `/export` (a CSV to the asking supervisor only), each refused to everyone else.

use crate::common;

use std::sync::Arc;

use botapi_emulator::SentMessage;
use common::{Env, Person, Responses, USER, all_text, count, texts_to};
use evac_intake::{
    bot::App,
    clock::ManualClock,
    db::AuditAction,
    survey::{Kind, Survey},
};

const SUPERVISOR: i64 = 9001;
const VOLUNTEER: i64 = 9002;
const UK_SUPERVISOR: i64 = 9004;
/// 2025-05-14 12:00:00 UTC.
const NOON: i64 = 1_747_224_000;

/// An app whose clock stands at NOON until a test moves it.
async fn app_at_noon(env: &Env) -> (App, ManualClock) {
    let clock = ManualClock::at(NOON);
    let app = env.app().await.with_clock(Arc::new(clock.clone()));
    (app, clock)
}

/// The supervisor adds VOLUNTEER, who opened the bot first.
async fn add_volunteer(p: &mut Person) {
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/start").await;
    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.say(&format!("/addvolunteer {VOLUNTEER}")).await;
    assert!(all_text(&r, SUPERVISOR).contains("is added"));
    crate::common::train(p, SUPERVISOR, VOLUNTEER).await;
}

fn nothing_was_sent_as_a_file(r: &Responses) -> bool {
    r.documents().is_empty() && r.photos().is_empty()
}

/// The file a message carries: its name and its bytes, as uploaded.
fn file_of(message: &SentMessage) -> (String, Vec<u8>) {
    let file = message.file.clone().expect("a file");
    (
        file.file_name.unwrap_or_default(),
        file.data.expect("uploaded, not sent by id or URL"),
    )
}

/// An uploaded CSV file's text.
fn csv_of(message: &SentMessage) -> String {
    String::from_utf8(file_of(message).1).expect("the CSV is UTF-8")
}

/// The header an export should have, from the survey definition.
fn expected_header(survey: &Survey, full: bool) -> String {
    let mut columns: Vec<String> = [
        "id",
        "status",
        "priority",
        "reasons",
        "region",
        "language",
        "submitted",
        "created_at",
        "claimed_at",
        "closed_at",
        "outcome",
        "volunteer_id",
        "verified",
        "flagged",
    ]
    .map(str::to_owned)
    .to_vec();
    let name = |id: &str| {
        if id == "region" {
            "answer_region".to_owned()
        } else {
            id.to_owned()
        }
    };
    for q in &survey.questions {
        if matches!(
            q.kind,
            Kind::Single | Kind::Multi | Kind::YesNo | Kind::Number
        ) {
            columns.push(name(&q.id));
        }
    }
    if full {
        for q in &survey.questions {
            if matches!(q.kind, Kind::Text | Kind::Location | Kind::Phone) {
                columns.push(name(&q.id));
            }
        }
        columns.push("requester_id".to_owned());
    }
    columns.join(",")
}

#[tokio::test(flavor = "multi_thread")]
async fn requesters_are_not_told_that_report_commands_exist_and_volunteers_are_refused() {
    let env = Env::new(&[SUPERVISOR], None);
    let (app, clock) = app_at_noon(&env).await;
    let mut p = Person::new(&app, Some("en")).await;
    add_volunteer(&mut p).await;
    common::submit_calm_case(&mut p).await;

    for cmd in ["/stats", "/export", "/export full", "/audit 1", "/audit #1"] {
        // A minute apart, so flood control has nothing to say.
        clock.advance(61);
        p.switch_to(USER, Some("en"));
        let r = p.say(cmd).await;
        let text = all_text(&r, USER);
        assert!(
            text.contains("I don't know this command"),
            "requester {cmd}: {text}"
        );
        assert!(nothing_was_sent_as_a_file(&r), "requester {cmd}");

        p.switch_to(VOLUNTEER, Some("en"));
        let r = p.say(cmd).await;
        let text = all_text(&r, VOLUNTEER);
        assert!(
            text.contains("Only supervisors can do this."),
            "volunteer {cmd}: {text}"
        );
        assert!(!text.contains("History of"), "volunteer {cmd}: {text}");
        assert!(nothing_was_sent_as_a_file(&r), "volunteer {cmd}");
    }
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'export'"
        )
        .await,
        0,
        "a refused export is no export"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn stats_sends_the_supervisor_a_summary_and_a_png_chart() {
    let env = Env::new(&[SUPERVISOR], None);
    let (app, clock) = app_at_noon(&env).await;
    let mut p = Person::new(&app, Some("en")).await;
    add_volunteer(&mut p).await;
    common::submit_calm_case(&mut p).await;
    clock.advance(10 * 60);
    p.switch_to(VOLUNTEER, Some("en"));
    p.say("/claim 1").await;
    clock.advance(60 * 60);
    let r = p.say("/done 1 evacuated").await;
    assert!(all_text(&r, VOLUNTEER).contains("#1 is closed"));

    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.say("/stats").await;
    let text = all_text(&r, SUPERVISOR);
    assert!(text.contains("1 case in total"), "{text}");
    assert!(text.contains("waiting / claimed / closed"), "{text}");
    assert!(text.contains("normal: 0 / 0 / 1"), "{text}");
    assert!(text.contains("CRITICAL: 0 / 0 / 0"), "{text}");
    assert!(
        text.contains("Median time to claim: 10 min (over 1 case)"),
        "{text}"
    );
    assert!(
        text.contains("Median time to close: 1 h 10 min (over 1 case)"),
        "{text}"
    );
    assert!(text.contains("last 14 days (UTC)"), "{text}");
    assert!(text.contains("05-14   1 ▇"), "today's intake: {text}");
    assert!(text.contains("05-01   0"), "the first of 14 days: {text}");
    assert!(!text.contains("04-30"), "only 14 days: {text}");

    let photos = r.photos();
    assert_eq!(photos.len(), 1, "one chart");
    let photo = photos[0];
    assert_eq!(photo.chat_id, SUPERVISOR);
    let (file_name, png) = file_of(photo);
    assert_eq!(file_name, "stats.png");
    assert!(
        photo
            .text
            .as_deref()
            .is_some_and(|c| c.contains("New cases per day")),
        "{:?}",
        photo.text
    );
    // What reached the Bot API is a PNG image, not text.
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n"),
        "not a PNG: {:?}",
        &png[..png.len().min(16)]
    );
    assert!(texts_to(&r, USER).is_empty() && texts_to(&r, VOLUNTEER).is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn the_time_to_claim_counts_from_the_first_claim_even_after_a_hand_back() {
    let env = Env::new(&[SUPERVISOR], None);
    let (app, clock) = app_at_noon(&env).await;
    let mut p = Person::new(&app, Some("en")).await;
    add_volunteer(&mut p).await;
    common::submit_calm_case(&mut p).await;
    p.switch_to(VOLUNTEER, Some("en"));
    clock.advance(10 * 60);
    p.say("/claim 1").await;
    clock.advance(5 * 60);
    let r = p.say("/release 1").await;
    assert!(all_text(&r, VOLUNTEER).contains("back in the queue"));
    clock.advance(20 * 60);
    p.say("/claim 1").await;

    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.say("/stats").await;
    let text = all_text(&r, SUPERVISOR);
    assert!(
        text.contains("Median time to claim: 10 min (over 1 case)"),
        "{text}"
    );
    assert!(
        text.contains("Median time to close: no data yet (over 0 cases)"),
        "{text}"
    );
    assert!(text.contains("normal: 0 / 1 / 0"), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn stats_speak_the_supervisors_language_with_its_plurals() {
    let env = Env::new(&[UK_SUPERVISOR], None);
    let (app, _) = app_at_noon(&env).await;
    let mut p = Person::new(&app, Some("en")).await;
    common::submit_calm_case(&mut p).await;
    p.switch_to(UK_SUPERVISOR, Some("uk"));
    let r = p.say("/stats").await;
    let text = all_text(&r, UK_SUPERVISOR);
    assert!(text.contains("Усього 1 заявка"), "{text}");
    assert!(text.contains("останні 14 днів"), "{text}");
    assert!(
        text.contains("Медіанний час до взяття: даних ще немає (за 0 заявками)"),
        "{text}"
    );
    assert_eq!(r.photos().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn export_sends_a_csv_only_to_the_supervisor_and_personal_data_only_when_full() {
    let env = Env::new(&[SUPERVISOR], None);
    let (app, _) = app_at_noon(&env).await;
    let mut p = Person::new(&app, Some("en")).await;
    add_volunteer(&mut p).await;
    common::submit_calm_case(&mut p).await;

    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.say("/export").await;
    assert_eq!(r.documents().len(), 1, "one file");
    let doc = r.documents()[0];
    assert_eq!(doc.chat_id, SUPERVISOR, "to the supervisor only");
    assert_eq!(file_of(doc).0, "cases-20250514.csv");
    assert!(
        doc.text
            .as_deref()
            .is_some_and(|c| c.contains("1 case, without personal data")),
        "{:?}",
        doc.text
    );
    let csv = &csv_of(doc);
    let mut lines = csv.split("\r\n");
    assert_eq!(lines.next().unwrap(), expected_header(&app.survey, false));
    let row = lines.next().unwrap();
    assert!(
        row.starts_with("1,open,normal,"),
        "case #1 is in the file: {row}"
    );
    assert!(
        row.contains(",kharkiv,en,true,2025-05-14 12:00:00,,,,,false,false,"),
        "{row}"
    );
    assert!(row.contains(",2,"), "the number of people: {row}");
    assert_eq!(lines.next(), Some(""), "one case, one row");
    for secret in ["Izium", "Sadova", "insulin", "765", &USER.to_string()] {
        assert!(
            !csv.contains(secret),
            "{secret} leaked into a basic export:\n{csv}"
        );
    }
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND detail = 'basic' AND actor_id = 9001").await,
        1,
        "the export is audited"
    );

    let r = p.say("/export full").await;
    assert_eq!(r.documents().len(), 1);
    let doc = r.documents()[0];
    assert_eq!(doc.chat_id, SUPERVISOR);
    let csv = &csv_of(doc);
    let mut lines = csv.split("\r\n");
    assert_eq!(lines.next().unwrap(), expected_header(&app.survey, true));
    let row = lines.next().unwrap();
    assert!(row.starts_with("1,open,normal,"), "{row}");
    assert!(
        row.contains("\"Izium, Sadova 5\""),
        "a place, quoted: {row}"
    );
    assert!(row.contains(",insulin,"), "{row}");
    assert!(
        row.ends_with(&format!(",+380677654321,{USER}")),
        "phone and requester: {row}"
    );
    assert!(
        doc.text
            .as_deref()
            .is_some_and(|c| c.contains("WITH personal data"))
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'export'"
        )
        .await,
        2,
        "every export is audited"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND detail = 'full'"
        )
        .await,
        1
    );

    let r = p.say("/export everything").await;
    assert!(r.documents().is_empty());
    assert!(all_text(&r, SUPERVISOR).contains("/export full"));
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'export'"
        )
        .await,
        2,
        "a usage message is no export"
    );
    // Nobody else saw a file or a word of it.
    for other in [USER, VOLUNTEER] {
        assert!(texts_to(&r, other).is_empty());
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_export_without_cases_is_a_file_with_the_header_alone() {
    let env = Env::new(&[SUPERVISOR], None);
    let (app, _) = app_at_noon(&env).await;
    let mut p = Person::new(&app, Some("en")).await;
    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.say("/export").await;
    assert_eq!(r.documents().len(), 1);
    let csv = csv_of(r.documents()[0]);
    assert_eq!(csv, format!("{}\r\n", expected_header(&app.survey, false)));
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'export'"
        )
        .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn audit_lists_a_cases_history_with_time_actor_action_and_detail() {
    let env = Env::new(&[SUPERVISOR, UK_SUPERVISOR], None);
    let (app, _) = app_at_noon(&env).await;
    let mut p = Person::new(&app, Some("en")).await;
    add_volunteer(&mut p).await;
    common::submit_calm_case(&mut p).await;

    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.say("/audit 1").await;
    assert!(
        all_text(&r, SUPERVISOR).contains("#1 has no history yet."),
        "{:?}",
        texts_to(&r, SUPERVISOR)
    );

    app.db
        .audit(
            VOLUNTEER,
            AuditAction::Claim,
            Some(1),
            None,
            None,
            NOON + 61,
        )
        .await
        .unwrap();
    app.db
        .audit(
            VOLUNTEER,
            AuditAction::Done,
            Some(1),
            Some(USER),
            Some("evacuated"),
            NOON + 3 * 3600,
        )
        .await
        .unwrap();
    app.db
        .audit(
            SUPERVISOR,
            AuditAction::Export,
            None,
            None,
            Some("basic"),
            NOON,
        )
        .await
        .unwrap();

    let r = p.say("/audit #1").await;
    let text = all_text(&r, SUPERVISOR);
    assert!(text.contains("History of #1, 2 entries"), "{text}");
    assert!(text.contains("2025-05-14 12:01 · 9002 · claimed"), "{text}");
    assert!(
        text.contains(&format!(
            "2025-05-14 15:00 · 9002 · closed · → {USER} · evacuated"
        )),
        "{text}"
    );
    assert!(
        !text.contains("export"),
        "another case's rows stay out: {text}"
    );
    let claimed = text.find("claimed").unwrap();
    let closed = text.find("closed ·").unwrap();
    assert!(claimed < closed, "oldest first: {text}");

    let r = p.say("/audit 99").await;
    assert!(all_text(&r, SUPERVISOR).contains("There is no case #99."));
    let r = p.say("/audit one").await;
    assert!(all_text(&r, SUPERVISOR).contains("/audit 12"));

    p.switch_to(UK_SUPERVISOR, Some("uk"));
    let r = p.say("/audit 1").await;
    let text = all_text(&r, UK_SUPERVISOR);
    assert!(text.contains("Історія #1, 2 записи"), "{text}");
    assert!(text.contains("взято в роботу"), "{text}");
}
