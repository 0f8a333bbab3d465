//! Crash tests: the real `evac-intake` binary against the Bot API emulator, killed with SIGKILL
//! at random points while 50 people fill in the survey, and restarted each time.
//!
//! Each person is modelled with the library's survey engine: after every round the database
//! must hold exactly the state the engine gives for what the person did (or, when the bot was
//! killed during the round, either the state before or after the action in flight). After each
//! restart every unfinished survey must resume, on /start, at the question stored. At the end
//! every person has exactly one submitted case, with the number they were told.

use crate::e2e_common;

use std::{collections::BTreeMap, time::Duration};

use botapi_emulator::{Emulator, FaultKind, UserHandle};
use e2e_common::{
    BotProcess, DbView, Rng, Screen, Staff, case_number, current_screen, invariants, must_settle,
    seed, spawn_binary, survey_and_locales, tail,
};
use evac_intake::{
    i18n::{Lang, Locales},
    survey::{Input, Kind, Position, Survey, SurveyState},
};

const PEOPLE: i64 = 50;
const FIRST_PERSON: i64 = 10_001;
const SUPERVISOR: i64 = 9_001;
const VOLUNTEERS: i64 = -1_009_001;
const LANGS: [&str; 3] = ["uk", "ru", "en"];

fn staff() -> Staff {
    Staff {
        supervisors: vec![SUPERVISOR],
        volunteer_chat: Some(VOLUNTEERS),
    }
}

/// What a person did in a round.
#[derive(Debug, Clone)]
enum Action {
    /// Pressed "I agree" on the consent screen.
    Consent,
    /// Answered (a button or a typed text) the question `question`.
    Answer { question: String, input: Input },
    /// Pressed Submit on the summary.
    Submit,
    /// Something that changes nothing: a sticker, /status, /help, /start.
    Nothing,
}

struct Person {
    id: i64,
    lang: Lang,
    handle: UserHandle,
    /// The survey state the bot confirmed; `None` before consent.
    model: Option<SurveyState>,
    /// The case the safety gate opened for them, if it did.
    gate_case: Option<i64>,
    /// The case number the person was told when their request was registered.
    told: Option<i64>,
    /// The action pushed this round, and how many messages the chat had before it.
    in_flight: Option<(Action, usize)>,
}

impl Person {
    fn done(&self) -> bool {
        self.told.is_some()
    }
}

struct Harness {
    emu: Emulator,
    dir: tempfile::TempDir,
    child: BotProcess,
    survey: Survey,
    locales: Locales,
    rng: Rng,
    kills: usize,
    /// Cases the safety gate opened, and whether the bot was killed in that round.
    gate_cases: Vec<(i64, bool)>,
}

impl Harness {
    fn db_path(&self) -> std::path::PathBuf {
        self.dir.path().join("bot.db")
    }

    fn log_path(&self) -> std::path::PathBuf {
        self.dir.path().join("bot.log")
    }

    fn restart(&mut self) {
        self.child = spawn_binary(
            &self.emu,
            &self.db_path(),
            &staff(),
            "warn",
            &self.log_path(),
        );
    }

    fn kill(&mut self) {
        self.child.kill(); // SIGKILL
        self.kills += 1;
    }

    /// Fails with the bot's log attached.
    fn fail(&self, message: String) -> ! {
        panic!(
            "{message}\n--- bot log (tail) ---\n{}",
            tail(&self.log_path(), 40)
        );
    }
}

/// The model's state after the person's action, as the bot computes it (None: refused).
fn expected_after(
    survey: &Survey,
    model: &SurveyState,
    question: &str,
    input: Input,
) -> Option<SurveyState> {
    let mut state = model.clone();
    survey.repair(&mut state);
    survey
        .answer(&mut state, question, input)
        .ok()
        .map(|_| state)
}

/// Chooses and pushes the person's next action from the screen they have in front of them.
fn act(h: &mut Harness, p: &mut Person) -> Action {
    let screen = current_screen(&h.emu, p.id, &h.survey);
    let rng = &mut h.rng;
    if rng.chance(0.04) {
        match rng.below(3) {
            0 => p.handle.send_sticker(),
            1 => p.handle.send_command("/status"),
            _ => p.handle.send_command("/help"),
        };
        return Action::Nothing;
    }
    let at = p.model.as_ref().map(|m| m.position.clone());
    match (&screen, at) {
        (
            Screen::Consent {
                message_id,
                buttons,
            },
            None,
        ) => {
            let agree = buttons
                .iter()
                .find(|(_, d)| d.starts_with("c:y"))
                .expect("an agree button");
            p.handle.press(*message_id, &agree.1);
            Action::Consent
        }
        (Screen::Summary { message_id, .. }, Some(Position::Summary)) => {
            p.handle.press(*message_id, "sub");
            Action::Submit
        }
        (
            Screen::Question {
                message_id,
                id,
                reply,
                ..
            },
            Some(Position::Question(q)),
        ) if *id == q => {
            let question = h
                .survey
                .question(&q)
                .expect("a question of the survey")
                .clone();
            let model = p.model.as_ref().unwrap();
            let press = |p: &Person, data: String| {
                p.handle.press(*message_id, &data);
            };
            let input = match question.kind {
                Kind::Single | Kind::YesNo => {
                    let (urgent, calm): (Vec<usize>, Vec<usize>) = (0..question.choices.len())
                        .partition(|&i| question.emergency.contains(&question.choices[i]));
                    let i = if !urgent.is_empty() && rng.chance(0.15) {
                        *rng.pick(&urgent)
                    } else {
                        *rng.pick(&calm)
                    };
                    press(p, format!("a:{q}:{i}"));
                    Input::Choice(i)
                }
                Kind::Multi => {
                    let chosen = matches!(
                        model.answers.get(&q),
                        Some(evac_intake::survey::Answer::Choices(c)) if !c.is_empty()
                    );
                    if chosen && rng.chance(0.6) {
                        press(p, format!("d:{q}"));
                        Input::Done
                    } else {
                        let i = rng.below(question.choices.len());
                        press(p, format!("t:{q}:{i}"));
                        Input::Toggle(i)
                    }
                }
                Kind::Number => {
                    if !question.quick.is_empty() && rng.chance(0.7) {
                        let i = rng.below(question.quick.len());
                        press(p, format!("a:{q}:{i}"));
                        Input::Choice(i)
                    } else {
                        let n = rng.range(question.min, question.max);
                        let text = format!(" {n} ");
                        p.handle.send_text(&text);
                        Input::Text(text)
                    }
                }
                Kind::Text => {
                    let text = format!("ліки №{} для мами, 2 рази на день", rng.below(1000));
                    p.handle.send_text(&text);
                    Input::Text(text)
                }
                Kind::Location => {
                    if rng.chance(0.5) {
                        let text = format!("Ізюм, вул. Миру {}", rng.range(1, 200));
                        p.handle.send_text(&text);
                        Input::Text(text)
                    } else {
                        let (lat, lon) = (49.0 + rng.below(1000) as f64 / 1000.0, 36.25);
                        p.handle.send_location(lat, lon);
                        Input::Coords { lat, lon }
                    }
                }
                Kind::Phone => match rng.below(5) {
                    0 | 1 => {
                        let phone = format!("+38067{:07}", rng.below(10_000_000));
                        p.handle.send_contact(&phone, Some(p.id));
                        Input::Contact(phone)
                    }
                    2 => {
                        let phone = format!(
                            "067 {:03} {:02} {:02}",
                            rng.below(1000),
                            rng.below(100),
                            rng.below(100)
                        );
                        p.handle.send_text(&phone);
                        Input::Text(phone)
                    }
                    3 => {
                        p.handle.send_text("12ab"); // refused: not a phone number
                        Input::Text("12ab".into())
                    }
                    _ => {
                        let skip = h.locales.text(p.lang, "button-skip");
                        assert!(
                            reply.iter().any(|b| b.text == skip),
                            "the phone question offers Skip: {reply:?}"
                        );
                        p.handle.send_text(&skip);
                        Input::Skip
                    }
                },
                Kind::Consent => unreachable!("consent is never a current question"),
            };
            Action::Answer { question: q, input }
        }
        _ => {
            // The screen does not match what the bot stored (only after a kill, and the
            // resume below fixes it): press /start like a person would.
            p.handle.send_command("/start");
            Action::Nothing
        }
    }
}

/// New messages in the person's chat since `seen`.
fn new_texts(emu: &Emulator, id: i64, seen: usize) -> Vec<String> {
    emu.sent(id)
        .iter()
        .skip(seen)
        .map(|m| m.text_or_empty().to_owned())
        .collect()
}

/// Alerts about case `case` in a chat.
fn alerts_about(emu: &Emulator, chat: i64, case: i64) -> usize {
    emu.sent(chat)
        .iter()
        .filter(|m| {
            m.text_or_empty().starts_with('🚨') && case_number(m.text_or_empty()) == Some(case)
        })
        .count()
}

/// Checks a person's stored state after a round. `killed`: the bot was killed during the
/// round, so the action in flight may or may not have been applied.
async fn reconcile(h: &mut Harness, db: &DbView, p: &mut Person, killed: bool) {
    let Some((action, seen)) = p.in_flight.take() else {
        return;
    };
    let stored = db.survey_state(p.id).await;
    let cases = db.cases_of(p.id).await;
    if matches!(action, Action::Submit) && !killed && cases.iter().any(|c| c.submitted) {
        // "Request #N is registered" goes through the outbox, after the update is done: wait
        // for it (a wait, not a sleep: it returns as soon as the message is there).
        let id = p.id;
        h.emu
            .wait_until(Duration::from_secs(10), |e| {
                new_texts(e, id, seen)
                    .iter()
                    .any(|t| case_number(t).is_some())
            })
            .await;
    }
    let texts = new_texts(&h.emu, p.id, seen);
    let who = format!("person {} after {action:?} (killed: {killed})", p.id);
    match action {
        Action::Nothing => {
            if stored.as_ref().map(|s| &s.0) != p.model.as_ref() {
                h.fail(format!(
                    "{who}: state changed to {stored:?}, was {:?}",
                    p.model
                ));
            }
        }
        Action::Consent => {
            let begun = h.survey.begin();
            match (&stored, killed) {
                (Some((state, None)), _) if *state == begun => p.model = Some(begun),
                (None, true) => {}
                other => h.fail(format!("{who}: stored {other:?}")),
            }
        }
        Action::Answer { question, input } => {
            let model = p.model.clone().expect("answering without consent");
            let after = expected_after(&h.survey, &model, &question, input);
            let Some((state, case_id)) = stored else {
                h.fail(format!("{who}: the survey is gone"));
            };
            let matches_after = after.as_ref() == Some(&state);
            if matches_after {
                p.model = after;
            } else if !(state == model && (killed || after.is_none())) {
                h.fail(format!(
                    "{who}: stored {state:?}\nexpected {after:?}\nor (killed) {model:?}"
                ));
            }
            // The safety gate: a case opened now, the person guided, staff alerted.
            if let Some(case) = case_id
                && p.gate_case.is_none()
            {
                p.gate_case = Some(case);
                h.gate_cases.push((case, killed));
                if !killed {
                    // Worded for the answers so far (occupied territory, an ambulance).
                    let mut args = evac_intake::survey::text_args(&state.answers);
                    args.push(("case", case.into()));
                    let guidance = h.locales.text_with(p.lang, "emergency-guidance", &args);
                    if !texts.contains(&guidance) {
                        h.fail(format!(
                            "{who}: no emergency guidance for #{case}: {texts:?}"
                        ));
                    }
                    // Alerts go through the outbox, maybe a moment after the handler ends.
                    h.emu
                        .wait_until(Duration::from_secs(10), |e| {
                            alerts_about(e, SUPERVISOR, case) >= 1
                                && alerts_about(e, VOLUNTEERS, case) >= 1
                        })
                        .await;
                    for chat in [SUPERVISOR, VOLUNTEERS] {
                        if alerts_about(&h.emu, chat, case) != 1 {
                            h.fail(format!(
                                "{who}: chat {chat} was not alerted once about #{case}"
                            ));
                        }
                    }
                }
            }
        }
        Action::Submit => {
            let submitted: Vec<_> = cases.iter().filter(|c| c.submitted).collect();
            match (&stored, submitted.as_slice()) {
                (None, [case]) => {
                    if let Some(gate) = p.gate_case
                        && gate != case.id
                    {
                        h.fail(format!(
                            "{who}: the gate opened #{gate} but #{} was submitted",
                            case.id
                        ));
                    }
                    let said = texts.iter().find_map(|t| {
                        let n = case_number(t)?;
                        let registered =
                            h.locales
                                .text_with(p.lang, "submitted", &[("case", n.into())]);
                        let again = h.locales.text_with(
                            p.lang,
                            "already-registered",
                            &[("case", n.into())],
                        );
                        (*t == registered || *t == again).then_some(n)
                    });
                    match (said, killed) {
                        (Some(n), _) if n == case.id => {
                            p.told = Some(n);
                            p.model = None;
                        }
                        (None, true) => p.model = None, // told on /start below
                        other => h.fail(format!(
                            "{who}: case #{} but told {other:?}: {texts:?}",
                            case.id
                        )),
                    }
                }
                (Some((state, _)), []) if killed && Some(state) == p.model.as_ref() => {}
                other => h.fail(format!(
                    "{who}: after Submit: survey {:?}, submitted cases {:?}",
                    other.0, other.1
                )),
            }
        }
    }
}

/// After a restart: every person who has not finished presses /start and must land where the
/// database says they are.
async fn resume_everyone(h: &mut Harness, db: &DbView, people: &mut [Person]) {
    let mut seen = BTreeMap::new();
    for p in people.iter().filter(|p| !p.done()) {
        seen.insert(p.id, h.emu.sent_count_in(p.id));
        p.handle.send_command("/start");
    }
    must_settle(&h.emu, "resume after a restart").await;
    for p in people.iter_mut().filter(|p| !p.done()) {
        let texts = new_texts(&h.emu, p.id, seen[&p.id]);
        let stored = db.survey_state(p.id).await;
        let cases = db.cases_of(p.id).await;
        let who = format!("person {} resuming after kill #{}", p.id, h.kills);
        match stored {
            Some((state, _)) => {
                let resume = h.locales.text(p.lang, "resume");
                // A busy bot confirms an answer before its next question is out; after a
                // kill in between it shows that question again at the start (unshown.rs).
                let texts = match texts.as_slice() {
                    [again, rest @ ..]
                        if rest.len() == 2 && rest[0] == resume && *again == rest[1] =>
                    {
                        rest.to_vec()
                    }
                    _ => texts,
                };
                if texts.len() != 2 || texts[0] != resume {
                    h.fail(format!(
                        "{who}: expected the resume text and a screen, got {texts:?}"
                    ));
                }
                let screen = current_screen(&h.emu, p.id, &h.survey);
                let mut repaired = state.clone();
                h.survey.repair(&mut repaired);
                let ok = match (&repaired.position, &screen) {
                    (Position::Question(q), Screen::Question { id, .. }) => q == id,
                    (Position::Summary, Screen::Summary { .. }) => true,
                    _ => false,
                };
                if !ok {
                    h.fail(format!(
                        "{who}: stored at {:?} but shown {screen:?}",
                        repaired.position
                    ));
                }
                p.model = Some(state);
            }
            None => match cases.as_slice() {
                [case] if case.submitted => {
                    let reminder = h.locales.text_with(
                        p.lang,
                        "case-open-reminder",
                        &[("case", case.id.into())],
                    );
                    // "Registered" may come now too: queued with the case, it is sent after
                    // the restart if the kill came before it was.
                    let registered =
                        h.locales
                            .text_with(p.lang, "submitted", &[("case", case.id.into())]);
                    let shown: Vec<&String> = texts.iter().filter(|t| **t != registered).collect();
                    if shown != [&reminder] {
                        h.fail(format!("{who}: case #{} but shown {texts:?}", case.id));
                    }
                    p.told = Some(case.id);
                    p.model = None;
                }
                [] => {
                    if !matches!(
                        current_screen(&h.emu, p.id, &h.survey),
                        Screen::Consent { .. }
                    ) || texts.len() != 1
                    {
                        h.fail(format!("{who}: expected the consent screen, got {texts:?}"));
                    }
                    p.model = None;
                }
                other => h.fail(format!("{who}: no survey but cases {other:?}")),
            },
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_surveys_survive_random_kill_9_and_restarts() {
    let seed = seed("crash", 0x5EED_C0DE_2024);
    let emu = Emulator::start().await.unwrap();
    emu.register_chat(SUPERVISOR, botapi_emulator::ChatKind::Private);
    emu.group(VOLUNTEERS).title("Volunteers");
    let dir = tempfile::tempdir().unwrap();
    let (survey, locales) = survey_and_locales();
    let child = spawn_binary(
        &emu,
        &dir.path().join("bot.db"),
        &staff(),
        "warn",
        &dir.path().join("bot.log"),
    );
    let mut h = Harness {
        emu: emu.clone(),
        dir,
        child,
        survey,
        locales,
        rng: Rng::new(seed),
        kills: 0,
        gate_cases: Vec::new(),
    };
    let db = DbView::open_when_ready(&h.db_path()).await;
    let mut people: Vec<Person> = (0..PEOPLE)
        .map(|i| {
            let code = LANGS[i as usize % LANGS.len()];
            Person {
                id: FIRST_PERSON + i,
                lang: Lang::from_code(code).unwrap(),
                handle: emu.user(FIRST_PERSON + i).language(code),
                model: None,
                gate_case: None,
                told: None,
                in_flight: None,
            }
        })
        .collect();
    for p in &people {
        p.handle.send_command("/start");
    }
    must_settle(&emu, "first /start").await;

    let mut rounds = 0;
    let started = std::time::Instant::now();
    while people.iter().any(|p| !p.done()) {
        rounds += 1;
        assert!(rounds < 5_000, "no progress after {rounds} rounds");
        // A few people act at once.
        let active: Vec<usize> = (0..people.len()).filter(|&i| !people[i].done()).collect();
        let k = 1 + h.rng.below(6.min(active.len()));
        let mut chosen: Vec<usize> = Vec::new();
        while chosen.len() < k {
            let i = *h.rng.pick(&active);
            if !chosen.contains(&i) {
                chosen.push(i);
            }
        }
        let sent_before = emu.sent_count();
        for &i in &chosen {
            let seen = emu.sent_count_in(people[i].id);
            let mut p = std::mem::replace(&mut people[i], placeholder(&emu));
            let action = act(&mut h, &mut p);
            p.in_flight = Some((action, seen));
            people[i] = p;
        }
        if rounds % 25 == 0 {
            eprintln!(
                "crash: round {rounds}, {} kills, {} of {PEOPLE} done, {:?}",
                h.kills,
                people.iter().filter(|p| p.done()).count(),
                started.elapsed()
            );
        }
        let killed = h.rng.chance(1.0 / 12.0);
        if killed {
            // Somewhere while the bot handles the round: after 0..2k of its messages.
            let after = h.rng.below(2 * k + 1);
            emu.wait_until(Duration::from_millis(300), |e| {
                e.sent_count() >= sent_before + after
            })
            .await;
            h.kill();
            h.restart();
        }
        must_settle(&emu, &format!("round {rounds}")).await;
        for &i in &chosen {
            let mut p = std::mem::replace(&mut people[i], placeholder(&emu));
            reconcile(&mut h, &db, &mut p, killed).await;
            people[i] = p;
        }
        if killed {
            resume_everyone(&mut h, &db, &mut people).await;
        } else {
            // Without a kill, each person sees the screen of the state stored.
            for &i in &chosen {
                let p = &people[i];
                if p.done() {
                    continue;
                }
                let screen = current_screen(&emu, p.id, &h.survey);
                let ok = match (p.model.as_ref().map(|m| &m.position), &screen) {
                    (None, Screen::Consent { .. }) => true,
                    (Some(Position::Question(q)), Screen::Question { id, .. }) => q == id,
                    (Some(Position::Summary), Screen::Summary { .. }) => true,
                    _ => false,
                };
                if !ok {
                    h.fail(format!(
                        "person {} is at {:?} but sees {screen:?}",
                        p.id,
                        p.model.as_ref().map(|m| &m.position)
                    ));
                }
            }
        }
    }
    h.kill();
    h.kills -= 1; // the final stop is not one of the random kills

    // Nothing lost, nothing doubled.
    let cases = db.cases().await;
    assert_eq!(
        cases.len(),
        PEOPLE as usize,
        "one case per person: {cases:?}"
    );
    for p in &people {
        let mine: Vec<_> = cases
            .iter()
            .filter(|c| c.requester_id == Some(p.id))
            .collect();
        assert_eq!(mine.len(), 1, "person {} has cases {mine:?}", p.id);
        assert!(mine[0].submitted, "person {}'s case is submitted", p.id);
        assert_eq!(
            Some(mine[0].id),
            p.told,
            "person {} was told their number",
            p.id
        );
        // Every message that names a case names theirs.
        for m in emu.sent(p.id) {
            if let Some(n) = case_number(m.text_or_empty()) {
                assert_eq!(n, mine[0].id, "person {} was shown {:?}", p.id, m.text);
            }
        }
    }
    assert_eq!(db.count("SELECT COUNT(*) FROM survey_state").await, 0);
    // Every safety-gate case reached the supervisor: exactly once when no kill hit its round.
    // A kill in the middle of sending may delay an alert (the outbox re-sends a row whose
    // sender died only when its lease expires) or send it twice (at-least-once delivery).
    let mut after_kill = Vec::new();
    for &(case, killed) in &h.gate_cases {
        let alerts = alerts_about(&emu, SUPERVISOR, case);
        if killed {
            after_kill.push((case, alerts));
        } else {
            assert_eq!(alerts, 1, "case #{case} alerted {alerts} times");
        }
    }
    let problems = invariants(&db, &h.survey, true).await;
    assert!(problems.is_empty(), "invariants: {problems:#?}");
    println!(
        "crash: {} people, {rounds} rounds, {} kills, {} updates; gate cases {}, of them \
         opened in a round with a kill (case, supervisor alerts): {after_kill:?}",
        PEOPLE,
        h.kills,
        db.count("SELECT COUNT(*) FROM processed_updates").await,
        h.gate_cases.len(),
    );
    assert!(
        h.kills >= 5,
        "the test killed the bot only {} times",
        h.kills
    );
    db.close().await;
}

fn placeholder(emu: &Emulator) -> Person {
    Person {
        id: 0,
        lang: Lang::En,
        handle: emu.user(1),
        model: None,
        gate_case: None,
        told: None,
        in_flight: None,
    }
}

/// A bot for one person, for the deterministic crash tests below.
async fn start_single() -> (Emulator, tempfile::TempDir, BotProcess, DbView) {
    let emu = Emulator::start().await.unwrap();
    emu.register_chat(SUPERVISOR, botapi_emulator::ChatKind::Private);
    emu.group(VOLUNTEERS);
    let dir = tempfile::tempdir().unwrap();
    let child = spawn_binary(
        &emu,
        &dir.path().join("bot.db"),
        &staff(),
        "warn",
        &dir.path().join("bot.log"),
    );
    let db = DbView::open_when_ready(&dir.path().join("bot.db")).await;
    (emu, dir, child, db)
}

fn restart_single(emu: &Emulator, dir: &tempfile::TempDir) -> BotProcess {
    spawn_binary(
        emu,
        &dir.path().join("bot.db"),
        &staff(),
        "warn",
        &dir.path().join("bot.log"),
    )
}

/// Waits for the `n`th message in a chat.
async fn nth(emu: &Emulator, chat: i64, n: usize) -> botapi_emulator::SentMessage {
    let sent = emu.wait_for_sent(chat, n, Duration::from_secs(20)).await;
    assert!(
        sent.len() >= n,
        "expected {n} messages in {chat}, got {sent:?}"
    );
    sent[n - 1].clone()
}

/// Presses "I agree", answers who needs help (me) and occupied territory (no), and waits for
/// the safety question.
async fn consent_and_first_question(
    emu: &Emulator,
    user: &UserHandle,
) -> botapi_emulator::SentMessage {
    user.send_command("/start");
    let consent = nth(emu, user.id(), 1).await;
    user.press_button(consent.message_id, "✅ I agree, continue")
        .unwrap();
    let who = nth(emu, user.id(), 2).await;
    user.press_button(who.message_id, "Me: I am writing for myself")
        .unwrap();
    let occupied = nth(emu, user.id(), 3).await;
    user.press_button(occupied.message_id, "No, Ukraine controls it")
        .unwrap();
    let safety = nth(emu, user.id(), 4).await;
    // The answered question's edit runs beside the next question: let it finish, so the call
    // the test holds next is the one of the answer under test.
    must_settle(emu, "the first questions").await;
    safety
}

/// Holds the bot's next `method` call, waits until `committed` is true in the database, then
/// kills the bot: the update's change is stored but its replies were never sent.
async fn hold_and_kill(
    emu: &Emulator,
    child: &mut BotProcess,
    db: &DbView,
    method: &str,
    committed: &str,
) {
    emu.fail_next(method, 1, FaultKind::Slow(Duration::from_secs(60)));
    for _ in 0..400 {
        if db.count(committed).await > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(
        db.count(committed).await > 0,
        "never committed: {committed}"
    );
    // The bot is now waiting on the held call (or about to make it).
    tokio::time::sleep(Duration::from_millis(200)).await;
    child.kill();
}

/// A crash right after the safety gate's case is committed (the bot is held on its next call,
/// the edit of the answered question, and killed): after the restart Telegram replays the
/// update, and the person must still get the guidance, every supervisor and the volunteer chat
/// the alert. (At commit 2cc8534 the replay sent nothing: the alert was lost for good.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kill_between_the_safety_gate_commit_and_the_alert_still_alerts_everyone() {
    let (emu, dir, mut child, db) = start_single().await;
    let user = emu.user(501).language("en");
    let safety = consent_and_first_question(&emu, &user).await;
    assert!(safety.text_or_empty().contains("Are you safe right now?"));
    user.press_button(safety.message_id, "🚨 In danger right now")
        .unwrap();
    hold_and_kill(
        &emu,
        &mut child,
        &db,
        "editMessageText",
        "SELECT COUNT(*) FROM cases",
    )
    .await;

    let mut child = restart_single(&emu, &dir);
    must_settle(&emu, "after the restart").await;
    let guided = |e: &Emulator| {
        e.sent(501).iter().any(|m| {
            m.text_or_empty()
                .contains("We are alerting coordinators (#1)")
        })
    };
    emu.wait_until(Duration::from_secs(10), |e| {
        guided(e) && alerts_about(e, SUPERVISOR, 1) >= 1 && alerts_about(e, VOLUNTEERS, 1) >= 1
    })
    .await;
    child.kill();
    assert!(
        guided(&emu),
        "the person got the emergency guidance: {:?}",
        emu.sent(501)
    );
    assert_eq!(
        alerts_about(&emu, SUPERVISOR, 1),
        1,
        "the supervisor is alerted about critical case #1, once: {:?}",
        emu.sent(SUPERVISOR)
    );
    assert_eq!(
        alerts_about(&emu, VOLUNTEERS, 1),
        1,
        "the volunteer chat is alerted about critical case #1, once: {:?}",
        emu.sent(VOLUNTEERS)
    );
    assert_eq!(db.count("SELECT COUNT(*) FROM cases").await, 1);
}

/// A crash right after an answer is committed, before the next question is sent: the replayed
/// update must still show the person where they are. (At commit 2cc8534 the replay sent
/// nothing, and the person saw no next question until they guessed to press /start.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kill_between_an_answer_commit_and_the_next_question_still_shows_it() {
    let (emu, dir, mut child, db) = start_single().await;
    let user = emu.user(502).language("en");
    let safety = consent_and_first_question(&emu, &user).await;
    user.press_button(safety.message_id, "Safe for now")
        .unwrap();
    hold_and_kill(
        &emu,
        &mut child,
        &db,
        "editMessageText",
        "SELECT COUNT(*) FROM survey_state WHERE state LIKE '%\"region\"%'",
    )
    .await;

    let mut child = restart_single(&emu, &dir);
    must_settle(&emu, "after the restart").await;
    let shown = emu
        .wait_until(Duration::from_secs(10), |e| {
            e.sent(502)
                .iter()
                .any(|m| m.text_or_empty().contains("Which region are you in?"))
        })
        .await;
    child.kill();
    assert!(
        shown,
        "the next question was never sent: {:?}",
        emu.sent(502)
    );
}

/// A busy bot confirms a committed answer to Telegram before its next question is out (so the
/// update does not hold one of Telegram's 100 places for the round trips of its replies). A
/// kill in between must still show every one of those people their next question: Telegram
/// will not send those updates again, so the bot does it from its own mark at the start.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_busy_bot_that_confirmed_answers_before_their_questions_shows_them_after_a_kill() {
    let (emu, dir, child, db) = start_single().await;
    let mut safety = Vec::new();
    for id in 600..600 + BUSY {
        let user = emu.user(id).language("en");
        let question = consent_and_first_question(&emu, &user).await;
        safety.push((user, question));
    }
    all_press_then_kill(
        &emu,
        &dir,
        child,
        &db,
        &safety,
        "Safe for now",
        "SELECT COUNT(*) FROM survey_state WHERE state LIKE '%\"safety\":{%'",
        "Which region are you in?",
    )
    .await;
}

/// The same for a consent: the survey is stored with the mark that its first question is
/// still to be shown.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_busy_bot_that_confirmed_consents_before_the_first_question_shows_it_after_a_kill() {
    let (emu, dir, child, db) = start_single().await;
    let mut consents = Vec::new();
    for id in 700..700 + BUSY {
        let user = emu.user(id).language("en");
        user.send_command("/start");
        let consent = nth(&emu, id, 1).await;
        consents.push((user, consent));
    }
    all_press_then_kill(
        &emu,
        &dir,
        child,
        &db,
        &consents,
        "✅ I agree, continue",
        "SELECT COUNT(*) FROM survey_state",
        "Who needs help?",
    )
    .await;
}

/// How many people press at once in the busy-bot tests.
const BUSY: i64 = 30;

/// Everyone presses `label` on their screen at once (Telegram holds the presses back and then
/// delivers them in one batch), with every reply held; once `committed` counts them all and the
/// busy bot confirmed some of them early, it is killed. After the restart each must see `next`.
#[allow(clippy::too_many_arguments)]
async fn all_press_then_kill(
    emu: &Emulator,
    dir: &tempfile::TempDir,
    mut child: BotProcess,
    db: &DbView,
    screens: &[(UserHandle, botapi_emulator::SentMessage)],
    label: &str,
    committed: &str,
    next: &str,
) {
    let people = screens.len();
    must_settle(emu, "the screens before the presses").await;
    for method in ["sendMessage", "editMessageText"] {
        emu.fail_next(method, 200, FaultKind::Slow(Duration::from_secs(60)));
    }
    emu.hold_updates();
    for (user, screen) in screens {
        user.press_button(screen.message_id, label).unwrap();
    }
    emu.release_updates();
    let confirmed_early = emu
        .wait_until(Duration::from_secs(20), |e| e.pending_updates() < people)
        .await;
    // A wait, not a sleep: it ends as soon as every press is stored (a loaded machine may
    // take seconds).
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while db.count(committed).await < people as i64 && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(
        db.count(committed).await,
        people as i64,
        "every press is stored"
    );
    let pending = emu.pending_updates();
    assert!(
        confirmed_early && pending < people,
        "the busy bot confirmed nothing before its reply ({pending} of {people} unconfirmed)"
    );
    child.kill();
    let ids: Vec<i64> = screens.iter().map(|(u, _)| u.id()).collect();
    let shown = |e: &Emulator, id: i64| e.sent(id).iter().any(|m| m.text_or_empty().contains(next));
    assert!(
        ids.iter().all(|id| !shown(emu, *id)),
        "the held replies were sent before the kill"
    );

    emu.clear_faults();
    let mut child = restart_single(emu, dir);
    let everyone = emu
        .wait_until(Duration::from_secs(30), |e| {
            ids.iter().all(|id| shown(e, *id))
        })
        .await;
    child.kill();
    let missing: Vec<i64> = ids.iter().copied().filter(|id| !shown(emu, *id)).collect();
    assert!(
        everyone,
        "{} of {people} people never got {next:?} after the restart: {missing:?} ({pending} updates were unconfirmed at the kill)",
        missing.len()
    );
}
