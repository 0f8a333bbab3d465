//! `/forget` and retention: after an erasure the person's id, answers and messages are in no
//! table and in no byte of the database files; retention purges what is due and nothing else.

use crate::common;
use crate::leftovers;

use std::sync::Arc;

use botapi_emulator::{ChatKind, Emulator};
use common::{Env, Person, Responses, all_text, count, texts_to, toast};
use evac_intake::{
    bot::{App, scheduler},
    clock::{Clock, ManualClock},
    db::{AuditAction, SubmitOutcome},
    i18n::Lang,
    outbox::Envelope,
    survey::{Answer, AnswerMap, Position, SurveyState},
    triage::{Priority, Triage},
};

const SUPERVISOR: i64 = 9001;
const VOLUNTEER: i64 = 9002;
const GROUP: i64 = -100_777;
/// A Telegram id no other number in the database could contain by chance.
const PERSON: i64 = 987_654_321_123;
const T0: i64 = 1_800_000_000;
const DAY: i64 = 86_400;

/// What the person types: none of it may survive `/forget`.
const PLACE: &str = "Zxqvillage, Lisova 7";
const PHONE_TYPED: &str = "+380 99 123 45 67";
const PHONE: &str = "+380991234567";
const MEDICINE: &str = "Qwertymed 10 mg";
const BEFORE_CLAIM: &str = "Basementqq under the school";
const AFTER_CLAIM: &str = "Bridgezzq is out";
const NOTE: &str = "Notezzyx grandmother walks slowly";

/// An app on its own database with a clock the test moves (the flood limit counts messages
/// per minute of this clock).
async fn app_with_clock(env: &Env) -> (App, ManualClock) {
    let clock = ManualClock::at(T0);
    let app = env.app().await.with_clock(Arc::new(clock.clone()));
    (app, clock)
}

/// PERSON fills in the survey with the distinctive answers and submits it; then two minutes
/// pass (about 20 updates a minute is the flood limit).
async fn submit_distinctive_case(p: &mut Person, clock: &ManualClock) -> Responses {
    p.switch_to(PERSON, Some("en"));
    p.say("/start").await;
    p.agree().await;
    p.press("Safe for now").await;
    p.press("Kharkiv region").await;
    p.say(PLACE).await;
    p.press("2").await;
    p.press_all(&["No, only adults", "Done"]).await;
    p.press_all(&["Someone aged 60", "Done"]).await;
    p.press_all(&["Medicine", "Food", "Done"]).await;
    p.press("Regular medicine").await;
    p.say(MEDICINE).await;
    p.press("Abroad").await;
    p.press("By phone too").await;
    p.say(PHONE_TYPED).await;
    p.press("Most of the time").await;
    let r = p.press("Submit").await;
    clock.advance(120);
    r
}

/// Every row of every table, as text: equal snapshots mean nothing changed.
pub(crate) async fn snapshot(app: &App) -> Vec<String> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         ORDER BY name",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    let mut rows = Vec::new();
    for table in tables {
        let columns: Vec<String> =
            sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{table}')"))
                .fetch_all(app.db.pool())
                .await
                .unwrap();
        let quoted = columns
            .iter()
            .map(|c| format!("quote({c})"))
            .collect::<Vec<_>>()
            .join(" || '|' || ");
        let lines: Vec<String> = sqlx::query_scalar(&format!(
            "SELECT '{table}: ' || {quoted} FROM {table} ORDER BY rowid"
        ))
        .fetch_all(app.db.pool())
        .await
        .unwrap();
        rows.extend(lines);
    }
    rows
}

/// Every way the id or a typed value could sit in the files, with a name for the message.
fn needles() -> Vec<(String, Vec<u8>)> {
    let mut out = leftovers::id_needles(PERSON);
    out.extend(leftovers::text_needles(&[
        "Zxqvillage",
        "Lisova",
        PHONE,
        "380991234567",
        "99 123 45 67",
        "Qwertymed",
        "Basementqq",
        "Bridgezzq",
        "Notezzyx",
    ]));
    out
}

/// The raw bytes of the database file and of its WAL (if there is one).
fn database_files(env: &Env) -> Vec<(String, Vec<u8>)> {
    let db = env.db_path();
    let wal = db.with_file_name("test.db-wal");
    let mut files = vec![("test.db".to_owned(), std::fs::read(&db).unwrap())];
    if let Ok(bytes) = std::fs::read(&wal) {
        files.push(("test.db-wal".to_owned(), bytes));
    }
    files
}

#[tokio::test(flavor = "multi_thread")]
async fn forget_leaves_no_trace_of_the_person_in_any_table_or_any_byte_of_the_database_files() {
    let env = Env::new(&[SUPERVISOR], Some(GROUP));
    let (app, clock) = app_with_clock(&env).await;
    let mut p = Person::with_id(&app, PERSON, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;
    let r = submit_distinctive_case(&mut p, &clock).await;
    assert!(all_text(&r, PERSON).contains("Your request #1 is registered"));

    // Before the claim: kept on the case (case_messages).
    let r = p.say(BEFORE_CLAIM).await;
    assert!(all_text(&r, PERSON).contains("added to your request #1"));

    // The claim: details and the kept message go to the volunteer (outbox, relay_map).
    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.say("/claim 1").await;
    assert!(all_text(&r, VOLUNTEER).contains("#1 is yours"));
    assert!(
        all_text(&r, VOLUNTEER).contains(PHONE),
        "details reached the volunteer"
    );

    // After the claim: relayed both ways; an internal note.
    p.switch_to(PERSON, Some("en"));
    let r = p.say(AFTER_CLAIM).await;
    let relayed = r.last_copy().cloned().expect("relayed to the volunteer");
    assert_eq!(relayed.chat_id, VOLUNTEER);
    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.reply(&relayed, "We come at 6").await;
    assert!(!r.copies().is_empty(), "the reply reached the person");
    let r = p.say(&format!("/note 1 {NOTE}")).await;
    assert!(all_text(&r, VOLUNTEER).contains("Note added to #1"));

    // Rows elsewhere that name the person: audit (as subject and as actor), a flood strike,
    // a notification to a supervisor that mentions their id.
    let now = clock.now();
    app.db
        .audit(
            SUPERVISOR,
            AuditAction::Flag,
            Some(1),
            Some(PERSON),
            None,
            now,
        )
        .await
        .unwrap();
    app.db
        .audit(PERSON, AuditAction::Note, Some(1), None, None, now)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO flood (telegram_id, muted_until, strikes, last_strike) VALUES (?, 0, 1, ?)",
    )
    .bind(PERSON)
    .bind(now)
    .execute(app.db.pool())
    .await
    .unwrap();
    app.db
        .enqueue(
            &[Envelope::text(
                SUPERVISOR,
                format!("{PERSON} was muted for flooding"),
            )],
            now,
        )
        .await
        .unwrap();
    for (table, column) in [
        ("users", "telegram_id"),
        ("cases", "requester_id"),
        ("case_messages", "chat_id"),
        ("audit_log", "subject_id"),
        ("audit_log", "actor_id"),
        ("flood", "telegram_id"),
    ] {
        let sql = format!("SELECT COUNT(*) FROM {table} WHERE {column} = {PERSON}");
        assert!(count(&app, &sql).await > 0, "set up: {table}.{column}");
    }
    for table in ["relay_map", "case_notes", "case_cards", "outbox"] {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        assert!(count(&app, &sql).await > 0, "set up: {table}");
    }
    let created_at: i64 = count(&app, "SELECT created_at FROM cases WHERE id = 1").await;
    let priority_before = case_view(&app, 1).await.priority;
    clock.advance(120);

    // /forget, then the confirmation.
    p.switch_to(PERSON, Some("en"));
    let r = p.say("/forget").await;
    assert!(
        all_text(&r, PERSON).contains("request #1 will be withdrawn"),
        "{:?}",
        texts_to(&r, PERSON)
    );
    assert_eq!(p.labels(), ["🗑 Yes, erase everything", "No, keep it"]);
    let r = p.press("Yes, erase everything").await;
    let to_person = all_text(&r, PERSON);
    assert!(
        to_person.contains("Erased from the bot: your answers"),
        "{to_person}"
    );
    assert!(to_person.contains("request #1 is withdrawn"), "{to_person}");
    let to_volunteer = all_text(&r, VOLUNTEER);
    assert!(
        to_volunteer.contains("#1 was withdrawn by the requester"),
        "the volunteer is told: {:?}",
        texts_to(&r, VOLUNTEER)
    );
    assert!(
        r.deleted.iter().any(|(chat, _)| *chat == VOLUNTEER),
        "the relayed copies and details in the volunteer's chat are deleted"
    );

    // No table names the person or holds what they wrote.
    for (table, column) in [
        ("users", "telegram_id"),
        ("survey_state", "telegram_id"),
        ("cases", "requester_id"),
        ("case_messages", "chat_id"),
        ("relay_map", "chat_id"),
        ("outbox", "chat_id"),
        ("flood", "telegram_id"),
        ("volunteers", "telegram_id"),
        ("bans", "telegram_id"),
        ("audit_log", "actor_id"),
        ("audit_log", "subject_id"),
    ] {
        let sql = format!("SELECT COUNT(*) FROM {table} WHERE {column} = {PERSON}");
        assert_eq!(count(&app, &sql).await, 0, "{table}.{column}");
    }
    for table in ["case_notes", "case_messages", "relay_map", "case_cards"] {
        let sql = format!("SELECT COUNT(*) FROM {table} WHERE case_id = 1");
        assert_eq!(count(&app, &sql).await, 0, "{table} of the case");
    }
    // What stays is the notice to the volunteer (and the volunteer's own "training recorded").
    let outbox: Vec<(i64, String)> = sqlx::query_as(
        "SELECT chat_id, payload FROM outbox WHERE payload NOT LIKE '%/online%' ORDER BY id",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(
        outbox.len(),
        1,
        "only the notice to the volunteer: {outbox:?}"
    );
    assert_eq!(outbox[0].0, VOLUNTEER);

    // The case stays, anonymous: number, priority, status, times.
    let case = case_view(&app, 1).await;
    assert_eq!(case.status, "closed");
    assert_eq!(case.outcome.as_deref(), Some("withdrawn"));
    assert_eq!(case.requester_id, None);
    assert_eq!(case.answers, "{}");
    assert_eq!(case.reasons, "[]");
    assert_eq!(case.language, "");
    assert_eq!(case.region, None);
    assert_eq!(case.priority, priority_before);
    assert_eq!(case.created_at, created_at);
    assert_eq!(case.closed_at, Some(clock.now()));

    // The audit keeps what happened, with 0 in place of the person, and says it was forgotten.
    let audit = app.db.audit_of_case(1).await.unwrap();
    let forget = audit
        .iter()
        .find(|e| e.action == "forget")
        .expect("a forget row");
    assert_eq!(forget.actor_id, 0);
    assert_eq!(forget.subject_id, None);
    let flag = audit.iter().find(|e| e.action == "flag").unwrap();
    assert_eq!((flag.actor_id, flag.subject_id), (SUPERVISOR, Some(0)));
    assert!(
        audit.iter().any(|e| e.action == "note" && e.actor_id == 0),
        "{audit:?}"
    );

    // And not one byte of it in the files.
    for (file, bytes) in database_files(&env) {
        for (what, needle) in needles() {
            assert_eq!(
                leftovers::find(&bytes, &needle),
                None,
                "{what} is still in {file} ({} bytes)",
                bytes.len()
            );
        }
    }

    // The person is a stranger now.
    let r = p.say("/forget").await;
    assert!(all_text(&r, PERSON).contains("We store nothing about you"));
    let r = p.say("/status").await;
    assert!(!all_text(&r, PERSON).contains("#1"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_check_for_leftover_bytes_finds_the_person_before_the_erasure() {
    // The negative control: the same search does find the id and the answers while they
    // are stored, so the test above cannot pass by looking in the wrong place.
    let env = Env::new(&[SUPERVISOR], None);
    let (app, clock) = app_with_clock(&env).await;
    let mut p = Person::with_id(&app, PERSON, Some("en")).await;
    submit_distinctive_case(&mut p, &clock).await;
    app.db.checkpoint_truncate().await.unwrap();
    let files = database_files(&env);
    let found = |needle: &[u8]| {
        files
            .iter()
            .any(|(_, bytes)| leftovers::find(bytes, needle).is_some())
    };
    assert!(found(b"Zxqvillage"));
    assert!(found(PHONE.as_bytes()));
    assert!(found(b"Qwertymed"));
    assert!(found(&leftovers::varint(PERSON)), "the users rowid");
    assert!(found(&PERSON.to_be_bytes()[2..]), "cases.requester_id");
}

#[tokio::test(flavor = "multi_thread")]
async fn pressing_keep_changes_nothing() {
    let env = Env::new(&[SUPERVISOR], None);
    let (app, clock) = app_with_clock(&env).await;
    let mut p = Person::with_id(&app, PERSON, Some("en")).await;
    submit_distinctive_case(&mut p, &clock).await;
    let before = snapshot(&app).await;
    let r = p.say("/forget").await;
    assert!(all_text(&r, PERSON).contains("Erase everything we store about you?"));
    let r = p.press("No, keep it").await;
    assert!(all_text(&r, PERSON).contains("Nothing was erased"));
    assert_eq!(snapshot(&app).await, before);
    let r = p.say("/status").await;
    assert!(
        all_text(&r, PERSON).contains("#1"),
        "the request is still there"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn forget_with_nothing_stored_says_so_and_stores_nothing() {
    let env = Env::new(&[SUPERVISOR], None);
    let (app, _clock) = app_with_clock(&env).await;
    let mut p = Person::with_id(&app, PERSON, Some("uk")).await;
    let before = snapshot(&app).await;
    let r = p.say("/forget").await;
    let text = all_text(&r, PERSON);
    assert!(text.contains("Ми нічого про вас не зберігаємо"), "{text}");
    assert!(p.keyboard.is_none(), "no buttons: nothing to confirm");
    // A forged or stale erase button finds nothing either.
    let message = r.sent.last().unwrap().clone();
    let r = p.press_on("fg:y", &message).await;
    assert!(
        toast(&r).is_some_and(|t| t.contains("застаріла")),
        "{:?}",
        toast(&r)
    );
    let r = p.press_on("fg:n", &message).await;
    assert!(toast(&r).is_some_and(|t| t.contains("застаріла")));
    assert_eq!(snapshot(&app).await, before);
}

#[tokio::test(flavor = "multi_thread")]
async fn pressing_erase_twice_erases_once_and_the_second_press_is_out_of_date() {
    let env = Env::new(&[SUPERVISOR], None);
    let (app, clock) = app_with_clock(&env).await;
    let mut p = Person::with_id(&app, PERSON, Some("en")).await;
    submit_distinctive_case(&mut p, &clock).await;
    p.say("/forget").await;
    let question = p.keyboard.clone().unwrap();
    p.press_on("fg:y", &question).await;
    let forgets = "SELECT COUNT(*) FROM audit_log WHERE action = 'forget'";
    assert_eq!(count(&app, forgets).await, 1);
    let r = p.press_on("fg:y", &question).await;
    assert_eq!(
        toast(&r).as_deref(),
        Some("This button is out of date. Please use the latest message.")
    );
    assert_eq!(count(&app, forgets).await, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn forget_in_the_middle_of_the_survey_erases_the_unsent_answers() {
    let env = Env::new(&[SUPERVISOR], None);
    let (app, _clock) = app_with_clock(&env).await;
    let mut p = Person::with_id(&app, PERSON, Some("ru")).await;
    p.say("/start").await;
    p.press("Соглашаюсь").await;
    let q = count(&app, "SELECT COUNT(*) FROM survey_state").await;
    assert_eq!(q, 1);
    let r = p.say("/forget").await;
    assert!(all_text(&r, PERSON).contains("Удалить всё, что мы о вас храним?"));
    let r = p.press("Да, удалить всё").await;
    assert!(all_text(&r, PERSON).contains("Из бота удалены ваши ответы"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM survey_state").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM cases").await, 0);
    let r = p.say("/start").await;
    assert!(
        p.labels().iter().any(|l| l.contains("Соглашаюсь")),
        "back to the consent screen: {:?}",
        texts_to(&r, PERSON)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_withdrawn_case_reads_as_withdrawn_for_a_supervisor() {
    let env = Env::new(&[SUPERVISOR], None);
    let (app, clock) = app_with_clock(&env).await;
    let mut p = Person::with_id(&app, PERSON, Some("en")).await;
    submit_distinctive_case(&mut p, &clock).await;
    p.say("/forget").await;
    p.press("Yes, erase everything").await;
    p.switch_to(SUPERVISOR, Some("en"));
    let r = p.say("/case 1").await;
    let text = all_text(&r, SUPERVISOR);
    assert!(text.contains("withdrawn by the requester"), "{text}");
    assert!(!text.contains("outcome-"), "no bare message id: {text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_volunteer_on_the_roster_is_asked_to_leave_it_before_forgetting() {
    let env = Env::new(&[SUPERVISOR], None);
    let (app, _clock) = app_with_clock(&env).await;
    let mut p = Person::with_id(&app, PERSON, Some("en")).await;
    common::volunteer_on_shift(&mut p, SUPERVISOR, VOLUNTEER).await;
    let before = snapshot(&app).await;
    p.switch_to(VOLUNTEER, Some("en"));
    let r = p.say("/forget").await;
    assert!(all_text(&r, VOLUNTEER).contains("Ask a coordinator to take you off the list"));
    assert!(p.keyboard.is_none());
    assert_eq!(snapshot(&app).await, before);
}

#[tokio::test(flavor = "multi_thread")]
async fn erasure_keeps_a_ban_so_a_troll_cannot_escape_it() {
    let env = Env::new(&[SUPERVISOR], None);
    let (app, clock) = app_with_clock(&env).await;
    let troll = 424_242;
    register_case(&app, troll, clock.now(), 1).await;
    sqlx::query(
        "INSERT INTO bans (telegram_id, reason, banned_by, banned_at) VALUES (?, 'spam', ?, ?)",
    )
    .bind(troll)
    .bind(SUPERVISOR)
    .bind(clock.now())
    .execute(app.db.pool())
    .await
    .unwrap();
    let erased = app.db.erase_person(troll, clock.now()).await.unwrap();
    assert!(erased.is_some());
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM bans WHERE telegram_id = {troll}")
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM users WHERE telegram_id = {troll}")
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM cases WHERE requester_id = {troll}")
        )
        .await,
        0
    );
    assert!(
        app.db
            .erase_person(troll, clock.now())
            .await
            .unwrap()
            .is_none(),
        "the ban alone is not something to erase"
    );
}

// --- Retention ------------------------------------------------------------------------------

/// A submitted case of `requester` with a region and a typed place, registered at `now`.
/// `update` must be unique per call (two update ids are used).
async fn register_case(app: &App, requester: i64, now: i64, update: i64) -> i64 {
    let mut answers = AnswerMap::new();
    answers.insert("region".into(), Answer::Choice("sumy".into()));
    answers.insert(
        "place".into(),
        Answer::Place(format!("Street of {requester}")),
    );
    let state = SurveyState {
        position: Position::Summary,
        answers: answers.clone(),
        editing: false,
    };
    app.db
        .begin_survey(requester, Lang::En, update * 2, &state, now, false)
        .await
        .unwrap();
    let triage = Triage {
        priority: Priority::High,
        reasons: vec!["infants".into()],
    };
    match app
        .db
        .submit_case(
            requester,
            update * 2 + 1,
            &answers,
            &triage,
            Lang::En,
            app.survey.region_of(&answers).as_deref(),
            now,
        )
        .await
        .unwrap()
    {
        SubmitOutcome::Registered(id) => id,
        other => panic!("{other:?}"),
    }
}

/// Someone who agreed and answered nothing more, at `now`.
async fn begin_survey(app: &App, person: i64, now: i64, update: i64) {
    let state = SurveyState {
        position: Position::Summary,
        answers: AnswerMap::new(),
        editing: false,
    };
    app.db
        .begin_survey(person, Lang::Uk, update * 2, &state, now, false)
        .await
        .unwrap();
}

struct Retention {
    _emu: Emulator,
    /// Sends through the emulator (the scheduler's notifications).
    app: App,
    clock: ManualClock,
    _env: Env,
}

async fn retention_world(chats: &[i64]) -> Retention {
    let env = Env::new(&[SUPERVISOR], None);
    let (app, clock) = app_with_clock(&env).await;
    let emu = Emulator::start().await.unwrap();
    emu.register_chat(SUPERVISOR, ChatKind::Private);
    for &chat in chats {
        emu.register_chat(chat, ChatKind::Private);
    }
    let bot = teloxide::Bot::new("123456789:TESTtokenTESTtokenTEST")
        .set_api_url(emu.api_url().parse().unwrap());
    Retention {
        _emu: emu,
        app: app.with_bot(bot),
        clock,
        _env: env,
    }
}

/// A case row as stored (personal and statistical columns).
#[derive(Debug, PartialEq, sqlx::FromRow)]
struct CaseView {
    requester_id: Option<i64>,
    answers: String,
    reasons: String,
    language: String,
    region: Option<String>,
    status: String,
    outcome: Option<String>,
    priority: String,
    created_at: i64,
    closed_at: Option<i64>,
    purged_at: Option<i64>,
}

async fn case_view(app: &App, id: i64) -> CaseView {
    sqlx::query_as(
        "SELECT requester_id, answers, reasons, language, region, status, outcome, priority,
                created_at, closed_at, purged_at FROM cases WHERE id = ?",
    )
    .bind(id)
    .fetch_one(app.db.pool())
    .await
    .unwrap()
}

async fn attach_case_data(app: &App, case: i64, requester: i64, now: i64) {
    app.db
        .add_note(case, VOLUNTEER, "called twice", now)
        .await
        .unwrap();
    app.db
        .keep_case_message(case, requester, 5, None, now)
        .await
        .unwrap();
    app.db
        .enqueue(
            &[Envelope::text(VOLUNTEER, format!("about #{case}")).for_case(case)],
            now,
        )
        .await
        .unwrap();
}

async fn rows_of_case(app: &App, case: i64) -> i64 {
    let mut n = 0;
    for table in ["case_notes", "case_messages", "outbox"] {
        n += count(
            app,
            &format!("SELECT COUNT(*) FROM {table} WHERE case_id = {case}"),
        )
        .await;
    }
    n
}

#[tokio::test(flavor = "multi_thread")]
async fn a_case_closed_31_days_ago_is_purged_and_one_closed_29_days_ago_is_not() {
    let (old_requester, recent_requester) = (601, 602);
    let w = retention_world(&[old_requester, recent_requester]).await;
    let old = register_case(&w.app, old_requester, T0, 1).await;
    let recent = register_case(&w.app, recent_requester, T0, 2).await;
    attach_case_data(&w.app, old, old_requester, T0).await;
    attach_case_data(&w.app, recent, recent_requester, T0).await;
    w.app.db.close_case(old, "evacuated", T0).await.unwrap();
    w.app
        .db
        .close_case(recent, "evacuated", T0 + 2 * DAY)
        .await
        .unwrap();
    let old_before = case_view(&w.app, old).await;
    let recent_before = case_view(&w.app, recent).await;

    w.clock.advance(31 * DAY);
    scheduler::tick(&w.app).await.unwrap();

    let purged = case_view(&w.app, old).await;
    assert_eq!(purged.requester_id, None);
    assert_eq!(purged.answers, "{}");
    assert_eq!(purged.reasons, "[]");
    assert_eq!(purged.purged_at, Some(T0 + 31 * DAY));
    assert_eq!(
        (
            &purged.status,
            &purged.priority,
            purged.created_at,
            purged.closed_at
        ),
        (
            &old_before.status,
            &old_before.priority,
            old_before.created_at,
            old_before.closed_at
        ),
        "what /stats counts stays"
    );
    assert_eq!(
        purged.region.as_deref(),
        Some("sumy"),
        "the region is kept for /stats"
    );
    assert_eq!(
        rows_of_case(&w.app, old).await,
        0,
        "notes, messages, notifications gone"
    );
    assert_eq!(
        count(
            &w.app,
            &format!("SELECT COUNT(*) FROM users WHERE telegram_id = {old_requester}")
        )
        .await,
        0,
        "a requester with nothing left and idle for the retention period is forgotten"
    );

    assert_eq!(
        case_view(&w.app, recent).await,
        recent_before,
        "29 days: untouched"
    );
    assert_eq!(rows_of_case(&w.app, recent).await, 3);
    assert_eq!(
        count(
            &w.app,
            &format!("SELECT COUNT(*) FROM users WHERE telegram_id = {recent_requester}")
        )
        .await,
        1
    );

    // The next pass has nothing to do and changes nothing.
    let after_first = snapshot(&w.app).await;
    scheduler::tick(&w.app).await.unwrap();
    assert_eq!(snapshot(&w.app).await, after_first);

    // Two days later the other one is due.
    w.clock.advance(2 * DAY);
    scheduler::tick(&w.app).await.unwrap();
    let purged = case_view(&w.app, recent).await;
    assert_eq!(purged.requester_id, None);
    assert_eq!(purged.answers, "{}");
    assert_eq!(purged.closed_at, recent_before.closed_at);
    assert_eq!(rows_of_case(&w.app, recent).await, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_open_case_is_never_purged() {
    let requester = 603;
    let w = retention_world(&[requester]).await;
    let open = register_case(&w.app, requester, T0, 1).await;
    let before = case_view(&w.app, open).await;
    w.clock.advance(400 * DAY);
    scheduler::tick(&w.app).await.unwrap();
    let after = case_view(&w.app, open).await;
    assert_eq!(after.requester_id, Some(requester));
    assert_eq!(after.answers, before.answers);
    assert_eq!(after.purged_at, None);
    assert_eq!(
        count(
            &w.app,
            &format!("SELECT COUNT(*) FROM users WHERE telegram_id = {requester}")
        )
        .await,
        1,
        "someone waiting for help is never forgotten by retention"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn abandoned_surveys_are_deleted_after_the_retention_period_and_fresh_ones_are_not() {
    let (abandoned, fresh) = (604, 605);
    let w = retention_world(&[]).await;
    begin_survey(&w.app, abandoned, T0, 1).await;
    begin_survey(&w.app, fresh, T0 + 2 * DAY, 2).await;
    w.clock.advance(31 * DAY);
    scheduler::tick(&w.app).await.unwrap();
    assert!(w.app.db.load_survey(abandoned).await.unwrap().is_none());
    assert_eq!(
        count(
            &w.app,
            &format!("SELECT COUNT(*) FROM users WHERE telegram_id = {abandoned}")
        )
        .await,
        0
    );
    assert!(w.app.db.load_survey(fresh).await.unwrap().is_some());
    assert_eq!(
        count(
            &w.app,
            &format!("SELECT COUNT(*) FROM users WHERE telegram_id = {fresh}")
        )
        .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_rows_are_not_touched_by_retention() {
    let w = retention_world(&[]).await;
    w.app
        .db
        .upsert_staff(SUPERVISOR, "supervisor", Lang::En, T0)
        .await
        .unwrap();
    w.clock.advance(400 * DAY);
    scheduler::tick(&w.app).await.unwrap();
    assert_eq!(
        count(
            &w.app,
            &format!("SELECT COUNT(*) FROM users WHERE telegram_id = {SUPERVISOR}")
        )
        .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_erased_id_left_as_a_divider_key_in_an_interior_page_is_removed_by_the_rebuild() {
    // With many people, the users table has interior pages whose divider keys are the ids
    // (rowids) of some people. Deleting such a person's row leaves the divider in place:
    // secure_delete does not touch it. Only rebuilding the file does.
    let env = Env::new(&[SUPERVISOR], None);
    let (app, _clock) = app_with_clock(&env).await;
    let ids: Vec<i64> = (0..3000).map(|i| PERSON + i * 7919).collect();
    let mut tx = app.db.pool().begin().await.unwrap();
    for &id in &ids {
        sqlx::query("INSERT INTO users (telegram_id, language, created_at, updated_at) VALUES (?, 'en', ?, ?)")
            .bind(id)
            .bind(T0)
            .bind(T0)
            .execute(&mut *tx)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    app.db.scrub_files(false).await.unwrap();
    let file = std::fs::read(env.db_path()).unwrap();
    let occurrences = |bytes: &[u8], id: i64| {
        let needle = leftovers::varint(id);
        bytes.windows(needle.len()).filter(|w| *w == needle).count()
    };
    let divider = *ids
        .iter()
        .find(|&&id| occurrences(&file, id) >= 2)
        .expect("some id is a divider key");

    app.db.erase_person(divider, T0).await.unwrap().unwrap();
    app.db.scrub_files(false).await.unwrap();
    let file = std::fs::read(env.db_path()).unwrap();
    assert_eq!(
        occurrences(&file, divider),
        1,
        "the divider survives a delete and a checkpoint"
    );

    app.db.scrub_files(true).await.unwrap();
    for (name, bytes) in database_files(&env) {
        assert_eq!(occurrences(&bytes, divider), 0, "{name}");
    }
}

// --- The /forget question is answered only on the message that asked, once, in time --------

const OUT_OF_DATE: &str = "This button is out of date. Please use the latest message.";

/// What must still be there after a press that may not erase: the person, their case with its
/// answers, and the request they see in /status.
async fn assert_nothing_erased(app: &App, p: &mut Person) {
    let user = format!("SELECT COUNT(*) FROM users WHERE telegram_id = {PERSON}");
    assert_eq!(count(app, &user).await, 1, "the person is still stored");
    let case = case_view(app, 1).await;
    assert_eq!(case.requester_id, Some(PERSON), "the case is still theirs");
    assert_ne!(case.status, "closed", "the case is not withdrawn");
    assert!(
        case.answers.contains("Zxqvillage"),
        "the answers are still there: {}",
        case.answers
    );
    let forgets = "SELECT COUNT(*) FROM audit_log WHERE action = 'forget'";
    assert_eq!(count(app, forgets).await, 0, "no erasure was recorded");
    p.switch_to(PERSON, Some("en"));
    let r = p.say("/status").await;
    assert!(
        all_text(&r, PERSON).contains("#1"),
        "the request is still there: {:?}",
        texts_to(&r, PERSON)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn erase_pressed_after_keep_on_the_same_question_is_out_of_date_and_erases_nothing() {
    let env = Env::new(&[SUPERVISOR], None);
    let (app, clock) = app_with_clock(&env).await;
    let mut p = Person::with_id(&app, PERSON, Some("en")).await;
    submit_distinctive_case(&mut p, &clock).await;
    let before = snapshot(&app).await;
    p.say("/forget").await;
    let question = p.keyboard.clone().expect("the question has buttons");
    let keep = p.button_data("No, keep it").unwrap();
    let erase = p.button_data("Yes, erase everything").unwrap();

    let r = p.press_on(&keep, &question).await;
    assert!(all_text(&r, PERSON).contains("Nothing was erased"));
    let r = p.press_on(&erase, &question).await;
    assert_eq!(toast(&r).as_deref(), Some(OUT_OF_DATE));
    assert!(
        !all_text(&r, PERSON).contains("erased"),
        "no erasure message: {:?}",
        texts_to(&r, PERSON)
    );
    assert_eq!(snapshot(&app).await, before, "no row changed");
    assert_nothing_erased(&app, &mut p).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_erase_button_data_pressed_on_another_message_erases_nothing() {
    let env = Env::new(&[SUPERVISOR], None);
    let (app, clock) = app_with_clock(&env).await;
    let mut p = Person::with_id(&app, PERSON, Some("en")).await;
    let r = submit_distinctive_case(&mut p, &clock).await;
    let registered = r
        .sent
        .iter()
        .find(|m| {
            m.chat_id == PERSON && m.text_or_empty().contains("Your request #1 is registered")
        })
        .expect("the registration message")
        .clone();
    p.say("/forget").await;
    let question = p.keyboard.clone().expect("the question has buttons");
    assert_ne!(question.message_id, registered.message_id);
    let erase = p.button_data("Yes, erase everything").unwrap();
    assert_eq!(erase, "fg:y");

    let r = p.press_on(&erase, &registered).await;
    assert_eq!(toast(&r).as_deref(), Some(OUT_OF_DATE));
    assert!(
        texts_to(&r, PERSON).is_empty(),
        "{:?}",
        texts_to(&r, PERSON)
    );
    assert_nothing_erased(&app, &mut p).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn erase_pressed_eleven_minutes_after_the_question_is_out_of_date_and_erases_nothing() {
    let env = Env::new(&[SUPERVISOR], None);
    let (app, clock) = app_with_clock(&env).await;
    let mut p = Person::with_id(&app, PERSON, Some("en")).await;
    submit_distinctive_case(&mut p, &clock).await;
    p.say("/forget").await;
    let question = p.keyboard.clone().expect("the question has buttons");
    clock.advance(11 * 60);

    let r = p.press_on("fg:y", &question).await;
    assert_eq!(toast(&r).as_deref(), Some(OUT_OF_DATE));
    assert!(
        texts_to(&r, PERSON).is_empty(),
        "{:?}",
        texts_to(&r, PERSON)
    );
    assert_nothing_erased(&app, &mut p).await;

    // A new question, answered at once, still erases: it was the time, not the button.
    p.say("/forget").await;
    let r = p.press("Yes, erase everything").await;
    assert!(
        all_text(&r, PERSON).contains("Erased from the bot: your answers"),
        "{:?}",
        texts_to(&r, PERSON)
    );
    let user = format!("SELECT COUNT(*) FROM users WHERE telegram_id = {PERSON}");
    assert_eq!(count(&app, &user).await, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn erase_pressed_nine_minutes_after_the_question_still_erases() {
    let env = Env::new(&[SUPERVISOR], None);
    let (app, clock) = app_with_clock(&env).await;
    let mut p = Person::with_id(&app, PERSON, Some("en")).await;
    submit_distinctive_case(&mut p, &clock).await;
    p.say("/forget").await;
    clock.advance(9 * 60);
    let r = p.press("Yes, erase everything").await;
    assert!(
        all_text(&r, PERSON).contains("Erased from the bot: your answers"),
        "{:?}",
        texts_to(&r, PERSON)
    );
    assert_eq!(case_view(&app, 1).await.requester_id, None);
}

#[tokio::test(flavor = "multi_thread")]
async fn forget_erases_silent_mode_with_everything_else() {
    let env = Env::new(&[SUPERVISOR], None);
    let app = env.app().await;
    let mut p = Person::with_id(&app, PERSON, Some("en")).await;
    p.say("/start").await;
    p.agree().await;
    let r = p.say("/silent").await;
    assert!(all_text(&r, PERSON).contains("Silent mode is on"));
    let silent = format!("SELECT COUNT(*) FROM users WHERE telegram_id = {PERSON} AND silent = 1");
    assert_eq!(count(&app, &silent).await, 1, "set up: silent mode stored");

    p.say("/forget").await;
    let r = p.press("Yes, erase everything").await;
    // The last word still comes without a sound: the mode was read before it was erased.
    let last = r.last_to(PERSON).expect("told what was erased");
    assert_eq!(
        last.raw
            .get("disable_notification")
            .and_then(|v| v.as_bool()),
        Some(true),
        "{:?}",
        last.raw
    );
    assert_eq!(count(&app, &silent).await, 0, "silent mode is erased");
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM users WHERE telegram_id = {PERSON}")
        )
        .await,
        0,
        "nothing of the person is kept"
    );
    // After the erasure the bot knows nothing of them: /silent has nothing to switch.
    let r = p.say("/silent").await;
    assert!(all_text(&r, PERSON).contains("Nothing is stored about you yet"));
}
