//! The texts: every message in every language, every survey label, real plurals, and precise
//! reports when a translation is missing or broken.

use std::path::{Path, PathBuf};

use evac_intake::{
    check,
    i18n::{Lang, Locales},
    survey::Survey,
};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn locales() -> Locales {
    Locales::load(&root().join("locales")).expect("shipped locales are complete")
}

#[test]
fn every_message_and_every_survey_label_exists_in_every_language() {
    let (survey, locales) = check::load_all(
        &root().join("dialogues/intake.toml"),
        &root().join("locales"),
    )
    .unwrap();
    for lang in Lang::ALL {
        for id in survey.text_ids() {
            assert!(locales.has(lang, &id), "{lang}: {id}");
        }
    }
}

#[test]
fn ukrainian_plurals_choose_one_few_many() {
    let l = locales();
    let children = |n: i64| l.text_with(Lang::Uk, "q-children_count-value", &[("count", n.into())]);
    assert_eq!(children(1), "1 дитина");
    assert_eq!(children(2), "2 дитини");
    assert_eq!(children(5), "5 дітей");
    assert_eq!(children(11), "11 дітей");
    assert_eq!(children(21), "21 дитина");
    assert_eq!(children(22), "22 дитини");
    let people = |n: i64| l.text_with(Lang::Uk, "q-people-value", &[("count", n.into())]);
    assert_eq!(people(1), "1 людина");
    assert_eq!(people(3), "3 людини");
    assert_eq!(people(7), "7 людей");
    let too_long = l.text_with(Lang::Uk, "error-too-long", &[("max", 300i64.into())]);
    assert!(too_long.contains("300 символів"), "{too_long}");
    let consent = l.text_with(Lang::Uk, "consent-text", &[("days", 1i64.into())]);
    assert!(consent.contains("1 день"), "{consent}");
}

#[test]
fn russian_plurals_choose_one_few_many() {
    let l = locales();
    let children = |n: i64| l.text_with(Lang::Ru, "q-children_count-value", &[("count", n.into())]);
    assert_eq!(children(1), "1 ребёнок");
    assert_eq!(children(3), "3 ребёнка");
    assert_eq!(children(5), "5 детей");
    assert_eq!(children(21), "21 ребёнок");
    let days = l.text_with(Lang::Ru, "consent-text", &[("days", 30i64.into())]);
    assert!(days.contains("30 дней"), "{days}");
    let chars = l.text_with(Lang::Ru, "error-too-long", &[("max", 2i64.into())]);
    assert!(chars.contains("2 символа"), "{chars}");
}

#[test]
fn english_plurals_choose_one_other() {
    let l = locales();
    assert_eq!(
        l.text_with(
            Lang::En,
            "q-children_count-value",
            &[("count", 1i64.into())]
        ),
        "1 child"
    );
    assert_eq!(
        l.text_with(
            Lang::En,
            "q-children_count-value",
            &[("count", 4i64.into())]
        ),
        "4 children"
    );
}

#[test]
fn texts_carry_no_unicode_isolation_marks() {
    let l = locales();
    let text = l.text_with(Lang::En, "submitted", &[("case", 12i64.into())]);
    assert!(text.contains("#12"), "{text}");
    assert!(!text.contains('\u{2068}') && !text.contains('\u{2069}'));
}

/// Copies the shipped locales to a temporary folder for breaking.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for lang in Lang::ALL {
        let to = dir.path().join(lang.code());
        std::fs::create_dir_all(&to).unwrap();
        for file in ["main.ftl", "survey.ftl"] {
            std::fs::copy(
                root().join("locales").join(lang.code()).join(file),
                to.join(file),
            )
            .unwrap();
        }
    }
    dir
}

fn remove_message(file: &Path, id: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with(&format!("{id} =")))
        .collect();
    std::fs::write(file, kept.join("\n")).unwrap();
}

#[test]
fn a_message_missing_in_one_language_is_reported_with_its_folder_and_id() {
    let dir = scratch();
    remove_message(&dir.path().join("ru/main.ftl"), "cancel-kept");
    let problems = Locales::load(dir.path()).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].file.ends_with("ru"));
    assert_eq!(problems[0].key, "cancel-kept");
    assert_eq!(problems[0].message, "message is missing in this language");
}

#[test]
fn a_survey_label_missing_everywhere_is_reported_for_each_language() {
    let dir = scratch();
    for lang in Lang::ALL {
        remove_message(
            &dir.path().join(lang.code()).join("survey.ftl"),
            "q-pets-short",
        );
    }
    let survey = Survey::load(&root().join("dialogues/intake.toml")).unwrap();
    let locales = Locales::load(dir.path()).unwrap();
    let problems = survey.missing_texts(&locales, dir.path());
    assert_eq!(problems.len(), 3);
    assert!(problems.iter().all(|p| p.key == "q-pets-short"));
}

#[test]
fn a_syntax_error_is_reported_with_file_and_line() {
    let dir = scratch();
    let file = dir.path().join("en/main.ftl");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("\nbroken = { $count ->\n");
    std::fs::write(&file, text).unwrap();
    let problems = Locales::load(dir.path()).unwrap_err();
    let syntax = problems
        .iter()
        .find(|p| p.message.starts_with("syntax error"))
        .expect("a syntax error");
    assert!(syntax.file.ends_with("en/main.ftl"));
    assert!(syntax.key.starts_with("line "), "{syntax:?}");
}
