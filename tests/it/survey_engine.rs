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

/// Answers up to the children question: safe, Kharkiv, a typed place, `people` people.
fn until_children(s: &Survey, people: &str) -> SurveyState {
    let mut st = s.begin();
    choose(s, &mut st, "safety", "safe");
    choose(s, &mut st, "region", "kharkiv");
    typed(s, &mut st, "place", "Izium").unwrap();
    typed(s, &mut st, "people", people).unwrap();
    assert_eq!(at(&st), "children");
    st
}

/// From pets to the summary with the plainest answers.
fn finish_from_pets(s: &Survey, st: &mut SurveyState) {
    choose(s, st, "pets", "no");
    choose(s, st, "medicine", "none");
    toggle(s, st, "mobility", "none");
    s.answer(st, "mobility", Input::Done).unwrap();
    toggle(s, st, "needs", "none");
    s.answer(st, "needs", Input::Done).unwrap();
    choose(s, st, "documents", "all");
    choose(s, st, "destination", "domestic");
    choose(s, st, "contact", "bot_only");
    assert_eq!(at(st), "summary");
}

#[test]
fn the_survey_starts_after_consent_at_the_safety_question() {
    let s = survey();
    let st = s.begin();
    assert_eq!(at(&st), "safety");
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
    choose(&s, &mut with, "children", "yes");
    assert_eq!(at(&with), "children_count");
    typed(&s, &mut with, "children_count", "2").unwrap();
    assert_eq!(at(&with), "children_ages");

    let mut without = until_children(&s, "3");
    choose(&s, &mut without, "children", "no");
    assert_eq!(at(&without), "pets", "no children: straight to pets");
    assert!(
        s.progress(&without).1 < s.progress(&with).1,
        "fewer questions are counted"
    );
}

#[test]
fn a_phone_is_asked_only_of_those_who_want_a_call() {
    let s = survey();
    let mut st = until_children(&s, "1");
    choose(&s, &mut st, "children", "no");
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
    choose(&s, &mut st, "children", "no");
    assert_eq!(at(&st), "pets");
    s.back(&mut st, Some("pets")).unwrap();
    assert_eq!(at(&st), "children");
    s.back(&mut st, Some("children")).unwrap();
    assert_eq!(at(&st), "people");
    assert_eq!(
        st.answers.get("people"),
        Some(&Answer::Number(2)),
        "answers are kept"
    );
    assert_eq!(
        s.back(&mut st, Some("pets")),
        Err(InputError::Stale),
        "an old Back button"
    );
    assert_eq!(at(&st), "people");
}

#[test]
fn editing_an_answer_that_hides_questions_drops_their_answers() {
    let s = survey();
    let mut st = until_children(&s, "3");
    choose(&s, &mut st, "children", "yes");
    typed(&s, &mut st, "children_count", "2").unwrap();
    toggle(&s, &mut st, "children_ages", "age_0_2");
    s.answer(&mut st, "children_ages", Input::Done).unwrap();
    finish_from_pets(&s, &mut st);

    s.edit(&mut st, "children").unwrap();
    assert!(st.editing);
    choose(&s, &mut st, "children", "no");
    assert_eq!(at(&st), "summary", "after an edit, back to the summary");
    assert!(!st.editing);
    assert!(!st.answers.contains_key("children_count"));
    assert!(!st.answers.contains_key("children_ages"));
}

#[test]
fn editing_and_pressing_back_returns_to_the_summary_unchanged() {
    let s = survey();
    let mut st = until_children(&s, "1");
    choose(&s, &mut st, "children", "no");
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
    choose(&s, &mut st, "children", "no");
    finish_from_pets(&s, &mut st);
    let ids: Vec<&str> = s.summary(&st).iter().map(|(q, _)| q.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "safety",
            "region",
            "place",
            "people",
            "children",
            "pets",
            "medicine",
            "mobility",
            "needs",
            "documents",
            "destination",
            "contact"
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
    choose(&s, &mut st, "children", "no");
    choose(&s, &mut st, "pets", "no");
    choose(&s, &mut st, "medicine", "none");
    assert_eq!(at(&st), "mobility");
    assert_eq!(
        s.answer(&mut st, "mobility", Input::Done),
        Err(InputError::ChooseAtLeastOne)
    );
    toggle(&s, &mut st, "mobility", "elderly");
    toggle(&s, &mut st, "mobility", "wheelchair");
    assert_eq!(
        st.answers.get("mobility"),
        Some(&Answer::Choices(vec![
            "wheelchair".into(),
            "elderly".into()
        ])),
        "kept in the order of the definition"
    );
    assert_eq!(at(&st), "mobility", "a toggle does not move on");
    toggle(&s, &mut st, "mobility", "none");
    assert_eq!(
        st.answers.get("mobility"),
        Some(&Answer::Choices(vec!["none".into()]))
    );
    toggle(&s, &mut st, "mobility", "bedridden");
    assert_eq!(
        st.answers.get("mobility"),
        Some(&Answer::Choices(vec!["bedridden".into()]))
    );
    toggle(&s, &mut st, "mobility", "bedridden");
    assert_eq!(st.answers.get("mobility"), Some(&Answer::Choices(vec![])));
    toggle(&s, &mut st, "mobility", "wheelchair");
    s.answer(&mut st, "mobility", Input::Done).unwrap();
    assert_eq!(at(&st), "needs");
}

#[test]
fn numbers_are_checked_against_their_range() {
    let s = survey();
    let mut st = s.begin();
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
        s.answer(&mut st, "children", Input::Choice(7)),
        Err(InputError::UnknownChoice)
    );
}

#[test]
fn typed_text_over_the_limit_is_refused_and_changes_nothing() {
    let s = survey();
    let mut st = s.begin();
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
    let mut st = s.begin();
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
    let mut st = s.begin();
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
    let mut st = s.begin();
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
    let mut st = s.begin();
    let danger = s
        .question("safety")
        .unwrap()
        .choice_index("danger")
        .unwrap();
    let effect = s.answer(&mut st, "safety", Input::Choice(danger)).unwrap();
    assert!(effect.emergency);
    assert_eq!(at(&st), "region", "the survey goes on after the gate");
    let mut calm = s.begin();
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
    choose(&s, &mut st, "children", "no");
    choose(&s, &mut st, "pets", "no");
    choose(&s, &mut st, "medicine", "none");
    toggle(&s, &mut st, "mobility", "none");
    s.answer(&mut st, "mobility", Input::Done).unwrap();
    toggle(&s, &mut st, "needs", "food");
    s.answer(&mut st, "needs", Input::Done).unwrap();
    choose(&s, &mut st, "documents", "none");
    choose(&s, &mut st, "destination", "abroad");
    choose(&s, &mut st, "contact", "phone");
    s.answer(&mut st, "phone", Input::Skip).unwrap();
    assert_eq!(st.answers.get("phone"), Some(&Answer::Skipped));
    assert_eq!(at(&st), "summary");
}

#[test]
fn the_state_survives_a_round_trip_through_json() {
    let s = survey();
    let mut st = until_children(&s, "2");
    choose(&s, &mut st, "children", "yes");
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
    assert_eq!(at(&st), "safety");
}
