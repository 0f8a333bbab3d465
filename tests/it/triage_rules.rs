//! Triage on the real survey: one test per rule in `dialogues/intake.toml`, and the way rules
//! combine (the highest priority wins; every matching rule is a reason).

use evac_intake::{
    survey::{Answer, AnswerMap, Survey},
    triage::{Priority, assess},
};

fn survey() -> Survey {
    Survey::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/dialogues/intake.toml"
    )))
    .unwrap()
}

/// A plain case: two adults, sheltering nowhere special, nothing needed — "normal".
fn plain() -> AnswerMap {
    let mut a = AnswerMap::new();
    a.insert("for".into(), Answer::Choice("self".into()));
    a.insert("occupied".into(), Answer::Choice("no".into()));
    a.insert("safety".into(), Answer::Choice("safe".into()));
    a.insert("people".into(), Answer::Number(2));
    a.insert("with_you".into(), Answer::Choices(vec!["none".into()]));
    a.insert("vulnerable".into(), Answer::Choices(vec!["none".into()]));
    a.insert(
        "needs".into(),
        Answer::Choices(vec!["medicine".into(), "food".into()]),
    );
    a.insert("medicine".into(), Answer::Choice("regular".into()));
    a
}

fn with(mut a: AnswerMap, question: &str, answer: Answer) -> AnswerMap {
    a.insert(question.into(), answer);
    a
}

fn choice(s: &str) -> Answer {
    Answer::Choice(s.into())
}

fn choices(list: &[&str]) -> Answer {
    Answer::Choices(list.iter().map(|s| s.to_string()).collect())
}

#[test]
fn nothing_special_is_normal_with_no_reasons() {
    let t = assess(&survey(), &plain());
    assert_eq!(t.priority, Priority::Normal);
    assert!(t.reasons.is_empty());
}

#[test]
fn danger_now_is_critical() {
    let t = assess(&survey(), &with(plain(), "safety", choice("danger")));
    assert_eq!(t.priority, Priority::Critical);
    assert_eq!(t.reasons, ["danger_now"]);
}

#[test]
fn danger_alone_without_other_answers_is_critical() {
    // The safety gate triages after the first question: only that answer exists.
    let mut a = AnswerMap::new();
    a.insert("safety".into(), choice("danger"));
    assert_eq!(assess(&survey(), &a).priority, Priority::Critical);
}

#[test]
fn sheltering_from_shelling_is_high() {
    let t = assess(&survey(), &with(plain(), "safety", choice("shelter")));
    assert_eq!(t.priority, Priority::High);
    assert_eq!(t.reasons, ["under_shelling"]);
}

#[test]
fn urgent_medical_need_is_high() {
    let t = assess(&survey(), &with(plain(), "medicine", choice("urgent")));
    assert_eq!(t.priority, Priority::High);
    assert_eq!(t.reasons, ["urgent_medical"]);
}

#[test]
fn a_bedridden_person_is_high() {
    let t = assess(
        &survey(),
        &with(plain(), "vulnerable", choices(&["bedridden"])),
    );
    assert_eq!(t.priority, Priority::High);
    assert_eq!(t.reasons, ["bedridden"]);
}

#[test]
fn infants_are_high() {
    let a = with(
        with(plain(), "with_you", choices(&["children"])),
        "children_ages",
        choices(&["age_0_2", "age_7_17"]),
    );
    let t = assess(&survey(), &a);
    assert_eq!(t.priority, Priority::High);
    assert_eq!(t.reasons, ["infants"]);
    let older = with(
        with(plain(), "with_you", choices(&["children"])),
        "children_ages",
        choices(&["age_7_17"]),
    );
    assert_eq!(assess(&survey(), &older).priority, Priority::Normal);
}

#[test]
fn an_elderly_person_alone_is_high_but_not_with_company() {
    let alone = with(
        with(plain(), "people", Answer::Number(1)),
        "vulnerable",
        choices(&["elderly"]),
    );
    let t = assess(&survey(), &alone);
    assert_eq!(t.priority, Priority::High);
    assert_eq!(t.reasons, ["alone_elderly", "elderly"]);
    let together = with(plain(), "vulnerable", choices(&["elderly"]));
    let t = assess(&survey(), &together);
    assert_eq!(t.priority, Priority::Normal);
    assert_eq!(t.reasons, ["elderly"], "60+ is still a reason with company");
}

#[test]
fn a_wheelchair_is_a_reason_without_raising_the_priority() {
    let t = assess(
        &survey(),
        &with(plain(), "vulnerable", choices(&["wheelchair"])),
    );
    assert_eq!(t.priority, Priority::Normal);
    assert_eq!(t.reasons, ["wheelchair"]);
}

#[test]
fn safe_with_no_needs_is_low() {
    let mut a = with(plain(), "needs", choices(&["none"]));
    a.remove("medicine");
    let t = assess(&survey(), &a);
    assert_eq!(t.priority, Priority::Low);
    assert_eq!(t.reasons, ["safe_no_needs"]);
    let with_children = with(a.clone(), "with_you", choices(&["children"]));
    assert_eq!(
        assess(&survey(), &with_children).priority,
        Priority::Normal,
        "children are never low"
    );
    let with_pets = with(a.clone(), "with_you", choices(&["pets"]));
    assert_eq!(assess(&survey(), &with_pets).priority, Priority::Low);
    for occupied in ["yes", "unsure"] {
        let there = with(a.clone(), "occupied", choice(occupied));
        assert_eq!(
            assess(&survey(), &there).priority,
            Priority::Normal,
            "occupied territory ({occupied}) is never low"
        );
    }
}

#[test]
fn the_highest_rule_wins_and_every_reason_is_kept_highest_first() {
    let a = with(
        with(
            with(plain(), "safety", choice("danger")),
            "medicine",
            choice("urgent"),
        ),
        "vulnerable",
        choices(&["wheelchair", "bedridden"]),
    );
    let t = assess(&survey(), &a);
    assert_eq!(t.priority, Priority::Critical);
    assert_eq!(t.reasons[0], "danger_now");
    for r in ["urgent_medical", "bedridden", "wheelchair"] {
        assert!(
            t.reasons.contains(&r.to_string()),
            "{r} missing from {:?}",
            t.reasons
        );
    }
    assert_eq!(t.reasons.last().map(String::as_str), Some("wheelchair"));
}

#[test]
fn someone_needing_an_ambulance_now_is_critical() {
    let t = assess(&survey(), &with(plain(), "safety", choice("ambulance")));
    assert_eq!(t.priority, Priority::Critical);
    assert_eq!(t.reasons, ["ambulance_now"]);
}

#[test]
fn children_without_a_parent_or_guardian_are_high() {
    let t = assess(
        &survey(),
        &with(plain(), "vulnerable", choices(&["unaccompanied"])),
    );
    assert_eq!(t.priority, Priority::High);
    assert_eq!(t.reasons, ["unaccompanied_children"]);
}

#[test]
fn a_pregnant_woman_is_high() {
    let t = assess(
        &survey(),
        &with(plain(), "vulnerable", choices(&["pregnant"])),
    );
    assert_eq!(t.priority, Priority::High);
    assert_eq!(t.reasons, ["pregnant"]);
}

#[test]
fn someone_who_needs_a_carer_is_high() {
    let t = assess(&survey(), &with(plain(), "vulnerable", choices(&["carer"])));
    assert_eq!(t.priority, Priority::High);
    assert_eq!(t.reasons, ["needs_carer"]);
}

#[test]
fn someone_aged_60_or_over_is_a_reason_without_raising_the_priority() {
    let t = assess(
        &survey(),
        &with(plain(), "vulnerable", choices(&["elderly"])),
    );
    assert_eq!(t.priority, Priority::Normal);
    assert_eq!(t.reasons, ["elderly"]);
}

#[test]
fn a_disability_is_a_reason_without_raising_the_priority() {
    let t = assess(
        &survey(),
        &with(plain(), "vulnerable", choices(&["disability"])),
    );
    assert_eq!(t.priority, Priority::Normal);
    assert_eq!(t.reasons, ["disability"]);
}

#[test]
fn someone_who_cannot_manage_stairs_is_a_reason_without_raising_the_priority() {
    let t = assess(
        &survey(),
        &with(plain(), "vulnerable", choices(&["stairs"])),
    );
    assert_eq!(t.priority, Priority::Normal);
    assert_eq!(t.reasons, ["no_stairs"]);
}
