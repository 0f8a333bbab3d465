//! The survey definition validator: each problem it reports, with the file and the key, so an
//! organizer who breaks `dialogues/intake.toml` is told exactly where.

use evac_intake::{check::Problem, survey::Survey};

const BASE: &str = r#"
[[questions]]
id = "consent"
kind = "consent"

[[questions]]
id = "safety"
kind = "single"
choices = ["danger", "safe"]
emergency = ["danger"]

[[questions]]
id = "region"
kind = "single"
choices = ["kharkiv", "sumy"]

[[questions]]
id = "people"
kind = "number"
min = 1
max = 10
"#;

fn problems(source: &str) -> Vec<Problem> {
    Survey::parse(source, "intake.toml").expect_err("should be refused")
}

/// Asserts exactly one problem, at `key`, whose message contains `needle`.
fn refused(extra: &str, key: &str, needle: &str) {
    let found = problems(&format!("{BASE}{extra}"));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].file, "intake.toml");
    assert!(
        found[0].key.contains(key),
        "key {:?} should name {key:?}",
        found[0].key
    );
    assert!(
        found[0].message.contains(needle),
        "{:?} should say {needle:?}",
        found[0].message
    );
}

#[test]
fn the_base_survey_is_valid() {
    let s = Survey::parse(BASE, "intake.toml").unwrap();
    assert_eq!(s.questions.len(), 4);
    assert!(s.question("people").unwrap().quick.is_empty());
}

#[test]
fn toml_syntax_errors_name_the_line() {
    let found = problems("[[questions]]\nid = \"consent\"\nkind = consent\n");
    assert_eq!(found[0].key, "line 3");
}

#[test]
fn an_unknown_kind_is_refused() {
    let found = problems(&format!(
        "{BASE}\n[[questions]]\nid = \"x\"\nkind = \"essay\"\n"
    ));
    assert!(
        found[0].message.contains("unknown variant `essay`"),
        "{found:?}"
    );
    assert!(found[0].key.starts_with("line "));
}

#[test]
fn a_misspelled_field_is_refused() {
    let found = problems(&format!(
        "{BASE}\n[[questions]]\nid = \"x\"\nkind = \"text\"\nmaxlen = 3\n"
    ));
    assert!(
        found[0].message.contains("unknown field `maxlen`"),
        "{found:?}"
    );
}

#[test]
fn the_first_question_must_be_consent() {
    let found = problems("[[questions]]\nid = \"a\"\nkind = \"yes_no\"\n");
    assert!(
        found[0]
            .message
            .contains("first question must be of kind consent")
    );
    assert!(found[0].key.contains("questions[0] (a)"));
}

#[test]
fn consent_only_comes_first() {
    refused(
        "\n[[questions]]\nid = \"again\"\nkind = \"consent\"\n",
        "questions[4] (again)",
        "consent must be the first",
    );
}

#[test]
fn duplicate_question_ids_are_refused() {
    refused(
        "\n[[questions]]\nid = \"people\"\nkind = \"yes_no\"\n",
        "questions[4] (people)",
        "used by an earlier question",
    );
}

#[test]
fn bad_ids_are_refused() {
    refused(
        "\n[[questions]]\nid = \"Where-Now\"\nkind = \"yes_no\"\n",
        "Where-Now",
        "id must be",
    );
    refused(
        &format!(
            "\n[[questions]]\nid = \"{}\"\nkind = \"yes_no\"\n",
            "a".repeat(33)
        ),
        "questions[4]",
        "id must be",
    );
}

#[test]
fn choice_questions_need_two_distinct_valid_choices() {
    refused(
        "\n[[questions]]\nid = \"x\"\nkind = \"single\"\nchoices = [\"a\"]\n",
        "(x)",
        "at least 2 choices",
    );
    refused(
        "\n[[questions]]\nid = \"x\"\nkind = \"multi\"\nchoices = [\"a\", \"a\"]\n",
        "(x)",
        "listed twice",
    );
    refused(
        "\n[[questions]]\nid = \"x\"\nkind = \"single\"\nchoices = [\"a\", \"B b\"]\n",
        "(x)",
        "not a valid id",
    );
    let many: Vec<String> = (0..17).map(|i| format!("\"c{i}\"")).collect();
    refused(
        &format!(
            "\n[[questions]]\nid = \"x\"\nkind = \"single\"\nchoices = [{}]\n",
            many.join(",")
        ),
        "(x)",
        "more than 16",
    );
    refused(
        "\n[[questions]]\nid = \"x\"\nkind = \"text\"\nchoices = [\"a\", \"b\"]\n",
        "(x)",
        "only for single, multi",
    );
}

#[test]
fn exclusive_and_emergency_must_name_choices_of_the_right_kind() {
    refused(
        "\n[[questions]]\nid = \"x\"\nkind = \"multi\"\nchoices = [\"a\", \"b\"]\nexclusive = [\"none\"]\n",
        "(x)",
        "exclusive names 'none'",
    );
    refused(
        "\n[[questions]]\nid = \"x\"\nkind = \"single\"\nchoices = [\"a\", \"b\"]\nexclusive = [\"a\"]\n",
        "(x)",
        "exclusive is only for multi",
    );
    refused(
        "\n[[questions]]\nid = \"x\"\nkind = \"single\"\nchoices = [\"a\", \"b\"]\nemergency = [\"c\"]\n",
        "(x)",
        "emergency names 'c'",
    );
    refused(
        "\n[[questions]]\nid = \"x\"\nkind = \"text\"\nemergency = [\"a\"]\n",
        "(x)",
        "emergency is only for",
    );
}

#[test]
fn number_ranges_and_quick_values_must_agree() {
    refused(
        "\n[[questions]]\nid = \"x\"\nkind = \"number\"\nmin = 5\nmax = 1\n",
        "(x)",
        "min 5 is greater than max 1",
    );
    refused(
        "\n[[questions]]\nid = \"x\"\nkind = \"number\"\nmin = 1\nmax = 3\nquick = [1, 9]\n",
        "(x)",
        "quick value 9 is outside 1..3",
    );
    refused(
        "\n[[questions]]\nid = \"x\"\nkind = \"text\"\nmin = 1\n",
        "(x)",
        "only for number",
    );
}

#[test]
fn text_limits_are_bounded() {
    refused(
        "\n[[questions]]\nid = \"x\"\nkind = \"text\"\nmax_len = 0\n",
        "(x)",
        "max_len must be 1..1000",
    );
    refused(
        "\n[[questions]]\nid = \"x\"\nkind = \"text\"\nmax_len = 5000\n",
        "(x)",
        "max_len must be 1..1000",
    );
    refused(
        "\n[[questions]]\nid = \"x\"\nkind = \"yes_no\"\nmax_len = 10\n",
        "(x)",
        "only for text, location",
    );
}

#[test]
fn skip_logic_may_only_look_back() {
    refused(
        "\n[[questions]]\nid = \"x\"\nkind = \"yes_no\"\nshow_if = [{ question = \"later\", equals = \"yes\" }]\n[[questions]]\nid = \"later\"\nkind = \"yes_no\"\n",
        "(x)",
        "'later', which is not an earlier question",
    );
    refused(
        "\n[[questions]]\nid = \"x\"\nkind = \"yes_no\"\nshow_if = [{ question = \"x\", equals = \"yes\" }]\n",
        "(x)",
        "not an earlier question",
    );
}

#[test]
fn conditions_need_exactly_one_fitting_operator_and_real_choices() {
    refused(
        "\n[[questions]]\nid = \"x\"\nkind = \"yes_no\"\nshow_if = [{ question = \"safety\" }]\n",
        "(x)",
        "needs exactly one of",
    );
    refused(
        "\n[[questions]]\nid = \"x\"\nkind = \"yes_no\"\nshow_if = [{ question = \"safety\", equals = \"danger\", any_of = [\"safe\"] }]\n",
        "(x)",
        "needs exactly one of",
    );
    refused(
        "\n[[questions]]\nid = \"x\"\nkind = \"yes_no\"\nshow_if = [{ question = \"safety\", equals = \"fine\" }]\n",
        "(x)",
        "'fine' is not a choice of 'safety'",
    );
    refused(
        "\n[[questions]]\nid = \"x\"\nkind = \"yes_no\"\nshow_if = [{ question = \"people\", equals = \"3\" }]\n",
        "(x)",
        "does not fit 'people'",
    );
    refused(
        "\n[[questions]]\nid = \"x\"\nkind = \"yes_no\"\nshow_if = [{ question = \"safety\", at_least = 2 }]\n",
        "(x)",
        "does not fit 'safety'",
    );
}

#[test]
fn triage_rules_are_checked() {
    refused(
        "\n[triage]\ndefault = \"urgent\"\n",
        "triage.default",
        "unknown priority 'urgent'",
    );
    refused(
        "\n[[triage.rules]]\nid = \"r\"\npriority = \"highest\"\nwhen = [{ question = \"safety\", equals = \"danger\" }]\n",
        "triage.rules[0] (r)",
        "unknown priority 'highest'",
    );
    refused(
        "\n[[triage.rules]]\nid = \"r\"\npriority = \"high\"\nwhen = []\n",
        "triage.rules[0] (r)",
        "at least one condition",
    );
    refused(
        "\n[[triage.rules]]\nid = \"r\"\npriority = \"high\"\nwhen = [{ question = \"ghost\", equals = \"x\" }]\n",
        "triage.rules[0] (r)",
        "'ghost'",
    );
    refused(
        "\n[[triage.rules]]\nid = \"r\"\npriority = \"high\"\nwhen = [{ question = \"people\", at_least = 3 }]\n[[triage.rules]]\nid = \"r\"\npriority = \"low\"\nwhen = [{ question = \"people\", at_most = 1 }]\n",
        "triage.rules[1] (r)",
        "used twice",
    );
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let found = problems(&format!(
        "{BASE}\n[[questions]]\nid = \"a\"\nkind = \"single\"\nchoices = [\"x\"]\n[[questions]]\nid = \"b\"\nkind = \"number\"\nmin = 9\nmax = 1\n"
    ));
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        found[0].to_string(),
        "intake.toml: questions[4] (a): needs at least 2 choices"
    );
}

#[test]
fn routing_needs_its_region_question() {
    refused(
        "[routing]\nregion_question = \"oblast\"\n",
        "routing.region_question",
        "no question 'oblast'",
    );
    refused(
        "[routing]\nregion_question = \"people\"\n",
        "routing.region_question",
        "must be a single-choice question",
    );
}

#[test]
fn limits_out_of_range_are_refused() {
    refused(
        "[limits]\nvolunteer_max_open = 0\n",
        "limits.volunteer_max_open",
        "must be 1..100",
    );
    refused(
        "[limits]\nnote_max_chars = 5000\n",
        "limits.note_max_chars",
        "must be 100..3500",
    );
}

#[test]
fn the_shipped_limits_are_read() {
    let source = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/dialogues/intake.toml"
    ))
    .unwrap();
    let s = Survey::parse(&source, "intake.toml").unwrap();
    assert_eq!(s.routing.region_question, "region");
    assert_eq!(s.limits.queue_page_size, 5);
    assert_eq!(s.limits.flood_per_minute, 30);
}

/// The shipped locales, copied to a temporary folder for breaking.
fn scratch_locales() -> tempfile::TempDir {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("locales");
    let dir = tempfile::tempdir().unwrap();
    for lang in ["uk", "ru", "en"] {
        std::fs::create_dir_all(dir.path().join(lang)).unwrap();
        for entry in std::fs::read_dir(root.join(lang)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, dir.path().join(lang).join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}

#[test]
fn a_text_may_only_choose_by_a_question_id() {
    let dialogue =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dialogues/intake.toml");
    let dir = scratch_locales();
    evac_intake::check::load_all(&dialogue, dir.path()).expect("the shipped texts pass");

    // A typo in one language: `$fro` is no question, so the text would always show its default.
    let file = dir.path().join("ru/survey.ftl");
    let text = std::fs::read_to_string(&file).unwrap();
    let broken = text.replacen("q-place = { $for ->", "q-place = { $fro ->", 1);
    assert_ne!(broken, text, "q-place chooses by $for");
    std::fs::write(&file, broken).unwrap();
    let problems = evac_intake::check::load_all(&dialogue, dir.path()).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].file.ends_with("ru"), "{problems:?}");
    assert_eq!(problems[0].key, "q-place");
    assert!(
        problems[0]
            .message
            .contains("the selector $fro is not a question id"),
        "{problems:?}"
    );
}

#[test]
fn the_safety_gate_guidance_may_only_choose_by_a_question_id_too() {
    let dialogue =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dialogues/intake.toml");
    let dir = scratch_locales();
    let file = dir.path().join("en/main.ftl");
    let text = std::fs::read_to_string(&file).unwrap();
    // In a message the guidance refers to.
    let broken = text.replacen(
        "emergency-guidance-occupied =\n    { $safety ->",
        "emergency-guidance-occupied =\n    { $danger ->",
        1,
    );
    assert_ne!(broken, text);
    std::fs::write(&file, broken).unwrap();
    let problems = evac_intake::check::load_all(&dialogue, dir.path()).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].key, "emergency-guidance");
    assert!(problems[0].message.contains("$danger"), "{problems:?}");
}

#[test]
fn silences_and_show_if_any_are_checked_like_the_rest() {
    refused(
        r#"
[[questions]]
id = "sound"
kind = "number"
silences = ["no"]
"#,
        "questions[4] (sound)",
        "silences is only for single, yes_no",
    );
    refused(
        r#"
[[questions]]
id = "sound"
kind = "yes_no"
silences = ["maybe"]
"#,
        "questions[4] (sound)",
        "silences names 'maybe', which is not a choice",
    );
    refused(
        r#"
[[questions]]
id = "sound"
kind = "yes_no"
show_if_any = [{ question = "later", equals = "yes" }]
"#,
        "questions[4] (sound)",
        "not an earlier question",
    );
    refused(
        r#"
[[questions]]
id = "sound"
kind = "yes_no"
show_if = [{ question = "region", excludes = "sumy" }]
"#,
        "questions[4] (sound)",
        "this operator does not fit 'region'",
    );
}
