//! The survey engine on the real `dialogues/intake.toml`: order, skip logic, Back, Edit,
//! the kinds of input and what each refuses. No Telegram, no database.

use evac_intake::survey::{Answer, Input, InputError, Position, Survey, SurveyState};

fn survey() -> Survey {
    Survey::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/dialogues/intake.toml"
    )))
    .expect("the shipped survey is valid")
}

fn at(state: &SurveyState) -> String {
    match &state.position {
        Position::Question(q) => q.clone(),
        Position::Summary => "summary".into(),
    }
}

fn choose(s: &Survey, state: &mut SurveyState, question: &str, choice: &str) {
    let index = s.question(question).unwrap().choice_index(choice).unwrap();
    s.answer(state, question, Input::Choice(index)).unwrap();
}

fn toggle(s: &Survey, state: &mut SurveyState, question: &str, choice: &str) {
    let index = s.question(question).unwrap().choice_index(choice).unwrap();
    s.answer(state, question, Input::Toggle(index)).unwrap();
}

fn typed(
    s: &Survey,
    state: &mut SurveyState,
    question: &str,
    text: &str,
) -> Result<(), InputError> {
    s.answer(state, question, Input::Text(text.into()))
        .map(|_| ())
}

/// Who needs help (for themselves), not in occupied territory: where every path starts.
fn begun(s: &Survey) -> SurveyState {
    let mut st = s.begin();
    choose(s, &mut st, "for", "self");
    choose(s, &mut st, "occupied", "no");
    st
}

/// Answers up to "children or pets?": safe, Kharkiv, a typed place, `people` people.
fn until_children(s: &Survey, people: &str) -> SurveyState {
    let mut st = begun(s);
    choose(s, &mut st, "safety", "safe");
    choose(s, &mut st, "region", "kharkiv");
    typed(s, &mut st, "place", "Izium").unwrap();
    typed(s, &mut st, "people", people).unwrap();
    assert_eq!(at(&st), "with_you");
    st
}

/// A multi-choice question answered with these choices.
fn pick(s: &Survey, st: &mut SurveyState, question: &str, choices: &[&str]) {
    for c in choices {
        toggle(s, st, question, c);
    }
    s.answer(st, question, Input::Done).unwrap();
}

/// "Children or pets?": only adults.
fn no_children(s: &Survey, st: &mut SurveyState) {
    pick(s, st, "with_you", &["none"]);
}

/// From "special help" to the summary with the plainest answers.
fn finish_from_pets(s: &Survey, st: &mut SurveyState) {
    pick(s, st, "vulnerable", &["none"]);
    pick(s, st, "needs", &["none"]);
    choose(s, st, "destination", "domestic");
    choose(s, st, "contact", "bot_only");
    choose(s, st, "signal", "mostly");
    assert_eq!(at(st), "summary");
}

#[test]
fn the_survey_starts_after_consent_at_the_safety_question() {
    let s = survey();
    let st = s.begin();
    assert_eq!(at(&st), "for", "who needs help comes first");
    assert_eq!(
        st.answers.get("consent"),
        Some(&Answer::Choice("agree".into()))
    );
    assert!(
        !s.can_go_back(&st),
        "Back never leads to the consent screen"
    );
    assert_eq!(s.progress(&st).0, 1);
}

#[test]
fn children_questions_are_shown_only_when_there_are_children() {
    let s = survey();
    let mut with = until_children(&s, "3");
    pick(&s, &mut with, "with_you", &["children"]);
    assert_eq!(at(&with), "children_count");
    typed(&s, &mut with, "children_count", "2").unwrap();
    assert_eq!(at(&with), "children_ages");

    let mut without = until_children(&s, "3");
    no_children(&s, &mut without);
    assert_eq!(
        at(&without),
        "vulnerable",
        "no children, no pets: straight on"
    );
    assert!(
        s.progress(&without).1 < s.progress(&with).1,
        "fewer questions are counted"
    );
}

#[test]
fn a_phone_is_asked_only_of_those_who_want_a_call() {
    let s = survey();
    let mut st = until_children(&s, "1");
    no_children(&s, &mut st);
    finish_from_pets(&s, &mut st);
    assert!(!st.answers.contains_key("phone"));

    s.edit(&mut st, "contact").unwrap();
    choose(&s, &mut st, "contact", "phone");
    assert_eq!(
        at(&st),
        "phone",
        "the newly shown question is asked before the summary"
    );
    assert_eq!(
        typed(&s, &mut st, "phone", "call me maybe"),
        Err(InputError::BadPhone)
    );
    typed(&s, &mut st, "phone", "067 123 45 67").unwrap();
    assert_eq!(
        st.answers.get("phone"),
        Some(&Answer::Phone("+380671234567".into()))
    );
    assert_eq!(at(&st), "summary");
}

#[test]
fn back_returns_to_the_previous_shown_question_and_keeps_answers() {
    let s = survey();
    let mut st = until_children(&s, "2");
    no_children(&s, &mut st);
    assert_eq!(at(&st), "vulnerable");
    s.back(&mut st, Some("vulnerable")).unwrap();
    assert_eq!(at(&st), "with_you");
    s.back(&mut st, Some("with_you")).unwrap();
    assert_eq!(at(&st), "people");
    assert_eq!(
        st.answers.get("people"),
        Some(&Answer::Number(2)),
        "answers are kept"
    );
    assert_eq!(
        s.back(&mut st, Some("vulnerable")),
        Err(InputError::Stale),
        "an old Back button"
    );
    assert_eq!(at(&st), "people");
}

#[test]
fn editing_an_answer_that_hides_questions_drops_their_answers() {
    let s = survey();
    let mut st = until_children(&s, "3");
    pick(&s, &mut st, "with_you", &["children"]);
    typed(&s, &mut st, "children_count", "2").unwrap();
    toggle(&s, &mut st, "children_ages", "age_0_2");
    s.answer(&mut st, "children_ages", Input::Done).unwrap();
    finish_from_pets(&s, &mut st);

    s.edit(&mut st, "with_you").unwrap();
    assert!(st.editing);
    toggle(&s, &mut st, "with_you", "none");
    s.answer(&mut st, "with_you", Input::Done).unwrap();
    assert_eq!(at(&st), "summary", "after an edit, back to the summary");
    assert!(!st.editing);
    assert!(!st.answers.contains_key("children_count"));
    assert!(!st.answers.contains_key("children_ages"));
}

#[test]
fn editing_and_pressing_back_returns_to_the_summary_unchanged() {
    let s = survey();
    let mut st = until_children(&s, "1");
    no_children(&s, &mut st);
    finish_from_pets(&s, &mut st);
    let before = st.answers.clone();
    s.edit(&mut st, "region").unwrap();
    assert_eq!(at(&st), "region");
    s.back(&mut st, Some("region")).unwrap();
    assert_eq!(at(&st), "summary");
    assert_eq!(st.answers, before);
}

#[test]
fn the_summary_lists_shown_answers_without_consent() {
    let s = survey();
    let mut st = until_children(&s, "1");
    no_children(&s, &mut st);
    finish_from_pets(&s, &mut st);
    let ids: Vec<&str> = s.summary(&st).iter().map(|(q, _)| q.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "for",
            "occupied",
            "safety",
            "region",
            "place",
            "people",
            "with_you",
            "vulnerable",
            "needs",
            "destination",
            "contact",
            "signal"
        ]
    );
    assert_eq!(s.edit(&mut st, "consent"), Err(InputError::Stale));
    assert_eq!(
        s.edit(&mut st, "phone"),
        Err(InputError::Stale),
        "not shown, not editable"
    );
}

#[test]
fn multi_choice_toggles_and_exclusive_none() {
    let s = survey();
    let mut st = until_children(&s, "1");
    no_children(&s, &mut st);
    assert_eq!(at(&st), "vulnerable");
    assert_eq!(
        s.answer(&mut st, "vulnerable", Input::Done),
        Err(InputError::ChooseAtLeastOne)
    );
    toggle(&s, &mut st, "vulnerable", "elderly");
    toggle(&s, &mut st, "vulnerable", "wheelchair");
    assert_eq!(
        st.answers.get("vulnerable"),
        Some(&Answer::Choices(vec![
            "elderly".into(),
            "wheelchair".into()
        ])),
        "kept in the order of the definition"
    );
    assert_eq!(at(&st), "vulnerable", "a toggle does not move on");
    toggle(&s, &mut st, "vulnerable", "none");
    assert_eq!(
        st.answers.get("vulnerable"),
        Some(&Answer::Choices(vec!["none".into()]))
    );
    toggle(&s, &mut st, "vulnerable", "bedridden");
    assert_eq!(
        st.answers.get("vulnerable"),
        Some(&Answer::Choices(vec!["bedridden".into()]))
    );
    toggle(&s, &mut st, "vulnerable", "bedridden");
    assert_eq!(st.answers.get("vulnerable"), Some(&Answer::Choices(vec![])));
    toggle(&s, &mut st, "vulnerable", "wheelchair");
    s.answer(&mut st, "vulnerable", Input::Done).unwrap();
    assert_eq!(at(&st), "needs");
}

#[test]
fn numbers_are_checked_against_their_range() {
    let s = survey();
    let mut st = begun(&s);
    choose(&s, &mut st, "safety", "safe");
    choose(&s, &mut st, "region", "sumy");
    typed(&s, &mut st, "place", "Okhtyrka").unwrap();
    assert_eq!(
        typed(&s, &mut st, "people", "many"),
        Err(InputError::NotANumber { min: 1, max: 50 })
    );
    assert_eq!(
        typed(&s, &mut st, "people", "0"),
        Err(InputError::OutOfRange { min: 1, max: 50 })
    );
    assert_eq!(
        typed(&s, &mut st, "people", "51"),
        Err(InputError::OutOfRange { min: 1, max: 50 })
    );
    assert_eq!(at(&st), "people");
    s.answer(&mut st, "people", Input::Choice(3)).unwrap();
    assert_eq!(
        st.answers.get("people"),
        Some(&Answer::Number(4)),
        "quick button 4"
    );
    assert_eq!(
        s.answer(&mut st, "with_you", Input::Toggle(7)),
        Err(InputError::UnknownChoice)
    );
}

#[test]
fn typed_text_over_the_limit_is_refused_and_changes_nothing() {
    let s = survey();
    let mut st = begun(&s);
    choose(&s, &mut st, "safety", "safe");
    choose(&s, &mut st, "region", "other");
    let before = st.clone();
    assert_eq!(
        typed(&s, &mut st, "place", &"x".repeat(201)),
        Err(InputError::TooLong { max: 200 })
    );
    assert_eq!(st, before);
    typed(&s, &mut st, "place", &"я".repeat(200)).unwrap();
    assert_eq!(
        at(&st),
        "people",
        "200 Cyrillic characters fit: the limit counts characters"
    );
}

#[test]
fn a_shared_location_answers_the_place_question() {
    let s = survey();
    let mut st = begun(&s);
    choose(&s, &mut st, "safety", "shelter");
    choose(&s, &mut st, "region", "kherson");
    assert_eq!(
        s.answer(
            &mut st,
            "place",
            Input::Coords {
                lat: 200.0,
                lon: 0.0
            }
        ),
        Err(InputError::NotExpectedHere)
    );
    s.answer(
        &mut st,
        "place",
        Input::Coords {
            lat: 46.63,
            lon: 32.61,
        },
    )
    .unwrap();
    assert_eq!(
        st.answers.get("place"),
        Some(&Answer::Coords {
            lat: 46.63,
            lon: 32.61
        })
    );
}

#[test]
fn buttons_are_required_where_there_are_choices() {
    let s = survey();
    let mut st = begun(&s);
    assert_eq!(
        typed(&s, &mut st, "safety", "help"),
        Err(InputError::UseButtons)
    );
    assert_eq!(
        s.answer(&mut st, "safety", Input::Contact("+380671234567".into())),
        Err(InputError::NotExpectedHere)
    );
    assert_eq!(
        s.answer(&mut st, "safety", Input::Skip),
        Err(InputError::CannotSkip)
    );
    assert_eq!(at(&st), "safety");
}

#[test]
fn a_button_for_another_question_is_stale() {
    let s = survey();
    let mut st = begun(&s);
    assert_eq!(
        s.answer(&mut st, "region", Input::Choice(0)),
        Err(InputError::Stale)
    );
    choose(&s, &mut st, "safety", "safe");
    assert_eq!(
        s.answer(&mut st, "safety", Input::Choice(0)),
        Err(InputError::Stale),
        "answered already"
    );
}

#[test]
fn in_danger_now_opens_the_safety_gate() {
    let s = survey();
    let mut st = begun(&s);
    let danger = s
        .question("safety")
        .unwrap()
        .choice_index("danger")
        .unwrap();
    let effect = s.answer(&mut st, "safety", Input::Choice(danger)).unwrap();
    assert!(effect.emergency);
    assert_eq!(at(&st), "region", "the survey goes on after the gate");
    let mut calm = begun(&s);
    let safe = s.question("safety").unwrap().choice_index("safe").unwrap();
    assert!(
        !s.answer(&mut calm, "safety", Input::Choice(safe))
            .unwrap()
            .emergency
    );
}

#[test]
fn the_phone_question_can_be_skipped() {
    let s = survey();
    let mut st = until_children(&s, "1");
    no_children(&s, &mut st);
    pick(&s, &mut st, "vulnerable", &["none"]);
    pick(&s, &mut st, "needs", &["food"]);
    choose(&s, &mut st, "destination", "abroad");
    choose(&s, &mut st, "contact", "phone");
    s.answer(&mut st, "phone", Input::Skip).unwrap();
    assert_eq!(st.answers.get("phone"), Some(&Answer::Skipped));
    assert_eq!(at(&st), "signal");
}

#[test]
fn the_state_survives_a_round_trip_through_json() {
    let s = survey();
    let mut st = until_children(&s, "2");
    pick(&s, &mut st, "with_you", &["children"]);
    let json = serde_json::to_string(&st).unwrap();
    let back: SurveyState = serde_json::from_str(&json).unwrap();
    assert_eq!(back, st);
}

#[test]
fn a_state_whose_question_was_removed_from_the_file_is_repaired() {
    let s = survey();
    let mut st = s.begin();
    st.position = Position::Question("no_longer_exists".into());
    s.repair(&mut st);
    assert_eq!(at(&st), "for");
}

/// The questions a path shows, in order (consent left out), answering each as `answer` says.
fn walk(s: &Survey, answer: impl Fn(&str) -> Input) -> Vec<String> {
    let mut st = s.begin();
    let mut asked = Vec::new();
    while let Position::Question(q) = st.position.clone() {
        asked.push(q.clone());
        let input = answer(&q);
        if matches!(input, Input::Toggle(_)) {
            s.answer(&mut st, &q, input).unwrap();
            s.answer(&mut st, &q, Input::Done).unwrap();
        } else {
            s.answer(&mut st, &q, input).unwrap();
        }
        assert!(asked.len() < 40, "the survey ends");
    }
    asked
}

fn index(s: &Survey, question: &str, choice: &str) -> usize {
    s.question(question).unwrap().choice_index(choice).unwrap()
}

/// The plainest answer to every question, with `safety` and `occupied` as given.
fn plain(s: &Survey, safety: &'static str, occupied: &'static str) -> impl Fn(&str) -> Input {
    move |q: &str| match q {
        "for" => Input::Choice(index(s, "for", "self")),
        "occupied" => Input::Choice(index(s, "occupied", occupied)),
        "safety" => Input::Choice(index(s, "safety", safety)),
        "region" => Input::Choice(0),
        "place" => Input::Text("Izium".into()),
        "people" => Input::Text("2".into()),
        "with_you" | "vulnerable" | "needs" => Input::Toggle(index(s, q, "none")),
        "contact" => Input::Choice(index(s, "contact", "bot_only")),
        "sound" => Input::Choice(0),
        other => Input::Choice(if other == "signal" { 0 } else { 1 }),
    }
}

#[test]
fn the_common_path_is_no_longer_than_before_the_new_questions() {
    let s = survey();
    let asked = walk(&s, plain(&s, "safe", "no"));
    assert_eq!(
        asked,
        [
            "for",
            "occupied",
            "safety",
            "region",
            "place",
            "people",
            "with_you",
            "vulnerable",
            "needs",
            "destination",
            "contact",
            "signal"
        ]
    );
    // Before issue 11: safety, region, place, people, children, pets, medicine, mobility,
    // needs, documents, destination, contact (12, and consent).
    assert!(asked.len() <= 12, "{} questions", asked.len());
}

#[test]
fn in_danger_only_the_place_the_people_and_how_to_reach_them_are_asked() {
    let s = survey();
    for (safety, occupied) in [("danger", "no"), ("ambulance", "no"), ("danger", "yes")] {
        let asked = walk(&s, plain(&s, safety, occupied));
        assert_eq!(
            asked,
            [
                "for", "occupied", "safety", "region", "place", "people", "contact", "sound"
            ],
            "{safety}, occupied {occupied}"
        );
    }
}

#[test]
fn someone_needs_an_ambulance_now_opens_the_safety_gate() {
    let s = survey();
    let mut st = begun(&s);
    let effect = s
        .answer(
            &mut st,
            "safety",
            Input::Choice(index(&s, "safety", "ambulance")),
        )
        .unwrap();
    assert!(effect.emergency);
}

#[test]
fn the_sound_question_is_asked_in_occupied_territory_or_in_danger_and_decides_silent_mode() {
    let s = survey();
    for occupied in ["yes", "unsure"] {
        let asked = walk(&s, plain(&s, "safe", occupied));
        assert_eq!(
            asked.last().map(String::as_str),
            Some("sound"),
            "{occupied}"
        );
    }
    let mut st = s.begin();
    choose(&s, &mut st, "for", "other");
    choose(&s, &mut st, "occupied", "yes");
    choose(&s, &mut st, "safety", "danger");
    choose(&s, &mut st, "region", "kherson");
    typed(&s, &mut st, "place", "Oleshky").unwrap();
    typed(&s, &mut st, "people", "1").unwrap();
    choose(&s, &mut st, "contact", "bot_only");
    assert_eq!(at(&st), "sound");
    let no = index(&s, "sound", "no");
    let effect = s.answer(&mut st, "sound", Input::Choice(no)).unwrap();
    assert_eq!(effect.silent, Some(true), "no sound: silent mode on");
    s.edit(&mut st, "sound").unwrap();
    let yes = index(&s, "sound", "yes");
    let effect = s.answer(&mut st, "sound", Input::Choice(yes)).unwrap();
    assert_eq!(effect.silent, Some(false), "sound is safe: silent mode off");
    let effect = {
        let mut st = begun(&s);
        s.answer(&mut st, "safety", Input::Choice(0)).unwrap()
    };
    assert_eq!(effect.silent, None, "other questions leave it alone");
}

#[test]
fn texts_get_earlier_choices_and_numbers_as_arguments_but_never_typed_answers() {
    let s = survey();
    let mut st = s.begin();
    choose(&s, &mut st, "for", "other");
    choose(&s, &mut st, "occupied", "no");
    choose(&s, &mut st, "safety", "safe");
    choose(&s, &mut st, "region", "kharkiv");
    typed(&s, &mut st, "place", "Izium, Sadova 5").unwrap();
    typed(&s, &mut st, "people", "3").unwrap();
    let args = evac_intake::survey::text_args(&st.answers);
    let get = |name: &str| {
        args.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| format!("{v:?}"))
    };
    assert_eq!(get("for").as_deref(), Some(r#"Str("other")"#));
    assert_eq!(get("people").as_deref(), Some("Num(3)"));
    assert_eq!(
        get("place"),
        None,
        "a typed place is never passed to a text"
    );
}
