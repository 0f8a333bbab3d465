//! The survey definition: `dialogues/intake.toml` read raw, then validated into a [`Survey`].
//!
//! The file is rows of questions in the spirit of XLSForm: an id, a kind, choices, a `show_if`
//! for skip logic, limits; then triage rules. Texts are not in the file: every question, choice
//! and reason has a Fluent id derived from its id (see [`Survey::text_ids`]), so the survey is
//! translated in `locales/` like everything else.

use std::{
    collections::{BTreeMap, HashSet},
    path::Path,
};

use serde::Deserialize;

use crate::{
    check::Problem, i18n::Lang, i18n::Locales, limits::Limits, routing::RoutingRules,
    triage::Priority,
};

/// The longest id: callback data is at most 64 bytes and carries `x:<question>:<choice>`.
pub const MAX_ID_LEN: usize = 32;
/// Hard cap for any typed answer, whatever the file says.
pub const MAX_TEXT_LEN: usize = 1000;
/// Default limit for typed answers.
pub const DEFAULT_TEXT_LEN: usize = 300;
/// More buttons than this do not fit a phone screen.
pub(super) const MAX_CHOICES: usize = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The first screen: agree or decline; nothing is stored before agreeing.
    Consent,
    Single,
    Multi,
    YesNo,
    Number,
    Text,
    Location,
    Phone,
}

/// One condition on an earlier answer; exactly one operator is set.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub question: String,
    #[serde(default)]
    pub equals: Option<String>,
    #[serde(default)]
    pub not_equals: Option<String>,
    #[serde(default)]
    pub any_of: Option<Vec<String>>,
    #[serde(default)]
    pub includes: Option<String>,
    /// Multi: the choice was not made (also holds when the question was not answered).
    #[serde(default)]
    pub excludes: Option<String>,
    #[serde(default)]
    pub at_least: Option<i64>,
    #[serde(default)]
    pub at_most: Option<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    survey: RawMeta,
    #[serde(default)]
    questions: Vec<RawQuestion>,
    #[serde(default)]
    triage: RawTriage,
    #[serde(default)]
    routing: RoutingRules,
    #[serde(default)]
    limits: Limits,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    version: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: String,
    kind: Kind,
    #[serde(default)]
    choices: Vec<String>,
    #[serde(default)]
    exclusive: Vec<String>,
    #[serde(default)]
    emergency: Vec<String>,
    #[serde(default)]
    silences: Vec<String>,
    #[serde(default)]
    min: Option<i64>,
    #[serde(default)]
    max: Option<i64>,
    #[serde(default)]
    quick: Vec<i64>,
    #[serde(default)]
    max_len: Option<usize>,
    #[serde(default)]
    optional: bool,
    #[serde(default)]
    show_if: Vec<Condition>,
    #[serde(default)]
    show_if_any: Vec<Condition>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTriage {
    #[serde(default)]
    default: Option<String>,
    #[serde(default)]
    rules: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: String,
    priority: String,
    when: Vec<Condition>,
}

/// A validated question.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub kind: Kind,
    /// Choice ids for single and multi; `yes`, `no` for yes/no; `agree`, `decline` for consent.
    pub choices: Vec<String>,
    /// Multi: choices that clear the others (like "none").
    pub exclusive: Vec<String>,
    /// Choices that trigger the safety gate.
    pub emergency: Vec<String>,
    /// Single/yes_no: choices that turn silent mode on (any other choice turns it off).
    pub silences: Vec<String>,
    pub min: i64,
    pub max: i64,
    /// Number: values offered as buttons.
    pub quick: Vec<i64>,
    pub max_len: usize,
    pub optional: bool,
    /// Shown only when every one of these holds...
    pub show_if: Vec<Condition>,
    /// ...and, if this is not empty, at least one of these.
    pub show_if_any: Vec<Condition>,
}

impl Question {
    pub fn choice_index(&self, choice: &str) -> Option<usize> {
        self.choices.iter().position(|c| c == choice)
    }
}

/// A validated triage rule: when every condition holds, the case gets at least `priority`.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub id: String,
    pub priority: Priority,
    pub when: Vec<Condition>,
}

/// The whole validated survey.
#[derive(Debug, Clone, PartialEq)]
pub struct Survey {
    pub id: String,
    pub version: u32,
    pub questions: Vec<Question>,
    pub default_priority: Priority,
    pub rules: Vec<Rule>,
    /// Escalation deadlines, check-ins, how many volunteers are offered a case, the region.
    pub routing: RoutingRules,
    /// Policy numbers: volunteer cap, flood control, note length, queue page.
    pub limits: Limits,
}

impl Survey {
    /// Reads and validates a survey file.
    pub fn load(path: &Path) -> Result<Survey, Vec<Problem>> {
        let file = path.display().to_string();
        let source = std::fs::read_to_string(path)
            .map_err(|e| vec![Problem::new(&file, "", format!("cannot read: {e}"))])?;
        Survey::parse(&source, &file)
    }

    /// Parses and validates survey source text; `file` names it in problems.
    pub fn parse(source: &str, file: &str) -> Result<Survey, Vec<Problem>> {
        let raw: RawFile = toml::from_str(source).map_err(|e| {
            let key = match e.span() {
                Some(span) => format!("line {}", source[..span.start].matches('\n').count() + 1),
                None => String::new(),
            };
            vec![Problem::new(file, key, e.message().to_owned())]
        })?;
        validate(raw, file)
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The region answer (the choice id of `[routing] region_question`), which routing uses.
    pub fn region_of(&self, answers: &AnswerMap) -> Option<String> {
        match answers.get(&self.routing.region_question) {
            Some(super::Answer::Choice(c)) => Some(c.clone()),
            _ => None,
        }
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == id)
    }

    /// Every Fluent id the survey needs: per question `q-<id>` (the question) and `q-<id>-short`
    /// (its name in the summary), per choice `q-<id>-<choice>`, per rule `reason-<id>`.
    pub fn text_ids(&self) -> Vec<String> {
        let mut ids = Vec::new();
        for q in &self.questions {
            ids.push(question_text_id(&q.id));
            ids.push(short_text_id(&q.id));
            if matches!(q.kind, Kind::Single | Kind::Multi) {
                ids.extend(q.choices.iter().map(|c| choice_text_id(&q.id, c)));
            }
        }
        ids.extend(self.rules.iter().map(|r| reason_text_id(&r.id)));
        ids
    }

    /// The survey's texts missing from a language, as problems.
    pub fn missing_texts(&self, locales: &Locales, dir: &Path) -> Vec<Problem> {
        let mut problems = Vec::new();
        for lang in Lang::ALL {
            for id in self.text_ids() {
                if !locales.has(lang, &id) {
                    problems.push(Problem::new(
                        dir.join(lang.code()).display().to_string(),
                        id,
                        "the survey needs this message",
                    ));
                }
            }
        }
        problems
    }
}

impl Survey {
    /// Texts may speak to the person by earlier answers (`{ $for -> [self] … *[other] … }`);
    /// the engine passes answers by question id, so every variable that chooses a variant
    /// in a survey text (and in the safety gate's guidance, `guidance_ids`) must be a
    /// question id. Otherwise the text would always show its default.
    pub fn selector_problems(
        &self,
        locales: &Locales,
        dir: &Path,
        guidance_ids: &[&str],
    ) -> Vec<Problem> {
        let mut problems = Vec::new();
        let ids: Vec<String> = self
            .text_ids()
            .into_iter()
            .chain(guidance_ids.iter().map(|id| (*id).to_owned()))
            .collect();
        for lang in Lang::ALL {
            for id in &ids {
                for variable in locales.selector_variables(lang, id) {
                    if self.question(&variable).is_none() {
                        problems.push(Problem::new(
                            dir.join(lang.code()).display().to_string(),
                            id.clone(),
                            format!(
                                "the selector ${variable} is not a question id: texts may choose by earlier answers only"
                            ),
                        ));
                    }
                }
            }
        }
        problems
    }
}

pub fn question_text_id(question: &str) -> String {
    format!("q-{question}")
}
pub fn short_text_id(question: &str) -> String {
    format!("q-{question}-short")
}
pub fn choice_text_id(question: &str, choice: &str) -> String {
    format!("q-{question}-{choice}")
}
pub fn reason_text_id(rule: &str) -> String {
    format!("reason-{rule}")
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn validate(raw: RawFile, file: &str) -> Result<Survey, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut problem =
        |key: String, message: String| problems.push(Problem::new(file, key, message));

    if raw.questions.is_empty() {
        problem("questions".into(), "the survey has no questions".into());
    }
    let mut seen = HashSet::new();
    let mut questions: Vec<Question> = Vec::new();
    for (index, rq) in raw.questions.into_iter().enumerate() {
        let key = format!("questions[{index}] ({})", rq.id);
        if !valid_id(&rq.id) {
            problem(
                key.clone(),
                format!(
                    "id must be 1-{MAX_ID_LEN} characters of a-z, 0-9 and _, starting with a letter"
                ),
            );
        }
        if !seen.insert(rq.id.clone()) {
            problem(key.clone(), "this id is used by an earlier question".into());
        }
        if rq.kind == Kind::Consent && index != 0 {
            problem(key.clone(), "consent must be the first question".into());
        }
        if index == 0 && rq.kind != Kind::Consent {
            problem(
                key.clone(),
                "the first question must be of kind consent".into(),
            );
        }

        let choices = match rq.kind {
            Kind::Single | Kind::Multi => {
                if rq.choices.len() < 2 {
                    problem(key.clone(), "needs at least 2 choices".into());
                }
                if rq.choices.len() > MAX_CHOICES {
                    problem(key.clone(), format!("has more than {MAX_CHOICES} choices"));
                }
                let mut seen_choices = HashSet::new();
                for c in &rq.choices {
                    if !valid_id(c) {
                        problem(key.clone(), format!("choice '{c}' is not a valid id"));
                    }
                    if !seen_choices.insert(c) {
                        problem(key.clone(), format!("choice '{c}' is listed twice"));
                    }
                }
                rq.choices.clone()
            }
            Kind::YesNo => vec!["no".into(), "yes".into()],
            Kind::Consent => vec!["decline".into(), "agree".into()],
            _ => {
                if !rq.choices.is_empty() {
                    problem(key.clone(), "choices are only for single, multi".into());
                }
                Vec::new()
            }
        };
        for c in &rq.exclusive {
            if rq.kind != Kind::Multi {
                problem(key.clone(), "exclusive is only for multi".into());
            } else if !choices.contains(c) {
                problem(
                    key.clone(),
                    format!("exclusive names '{c}', which is not a choice"),
                );
            }
        }
        for c in &rq.emergency {
            if !matches!(rq.kind, Kind::Single | Kind::YesNo) {
                problem(key.clone(), "emergency is only for single, yes_no".into());
            } else if !choices.contains(c) {
                problem(
                    key.clone(),
                    format!("emergency names '{c}', which is not a choice"),
                );
            }
        }
        for c in &rq.silences {
            if !matches!(rq.kind, Kind::Single | Kind::YesNo) {
                problem(key.clone(), "silences is only for single, yes_no".into());
            } else if !choices.contains(c) {
                problem(
                    key.clone(),
                    format!("silences names '{c}', which is not a choice"),
                );
            }
        }
        let (min, max) = (rq.min.unwrap_or(0), rq.max.unwrap_or(100));
        if rq.kind == Kind::Number {
            if min > max {
                problem(key.clone(), format!("min {min} is greater than max {max}"));
            }
            for v in &rq.quick {
                if *v < min || *v > max {
                    problem(
                        key.clone(),
                        format!("quick value {v} is outside {min}..{max}"),
                    );
                }
            }
            if rq.quick.len() > 8 {
                problem(key.clone(), "at most 8 quick values".into());
            }
        } else if rq.min.is_some() || rq.max.is_some() || !rq.quick.is_empty() {
            problem(key.clone(), "min, max and quick are only for number".into());
        }
        let max_len = rq.max_len.unwrap_or(DEFAULT_TEXT_LEN);
        if rq.max_len.is_some() && !matches!(rq.kind, Kind::Text | Kind::Location) {
            problem(key.clone(), "max_len is only for text, location".into());
        }
        if max_len == 0 || max_len > MAX_TEXT_LEN {
            problem(key.clone(), format!("max_len must be 1..{MAX_TEXT_LEN}"));
        }
        if rq.kind == Kind::Consent && rq.optional {
            problem(key.clone(), "consent cannot be optional".into());
        }
        for cond in rq.show_if.iter().chain(&rq.show_if_any) {
            check_condition(cond, &questions, &key, &mut problem);
        }
        questions.push(Question {
            optional: rq.optional || rq.kind == Kind::Phone,
            id: rq.id,
            kind: rq.kind,
            choices,
            exclusive: rq.exclusive,
            emergency: rq.emergency,
            silences: rq.silences,
            min,
            max,
            quick: rq.quick,
            max_len,
            show_if: rq.show_if,
            show_if_any: rq.show_if_any,
        });
    }

    let default_priority = match raw.triage.default.as_deref() {
        None => Priority::Normal,
        Some(p) => Priority::parse(p).unwrap_or_else(|| {
            problem("triage.default".into(), format!("unknown priority '{p}'"));
            Priority::Normal
        }),
    };
    let mut rules = Vec::new();
    let mut rule_ids = HashSet::new();
    for (index, rr) in raw.triage.rules.into_iter().enumerate() {
        let key = format!("triage.rules[{index}] ({})", rr.id);
        if !valid_id(&rr.id) {
            problem(key.clone(), "rule id is not a valid id".into());
        }
        if !rule_ids.insert(rr.id.clone()) {
            problem(key.clone(), "this rule id is used twice".into());
        }
        let priority = Priority::parse(&rr.priority).unwrap_or_else(|| {
            problem(
                key.clone(),
                format!(
                    "unknown priority '{}' (critical, high, normal, low)",
                    rr.priority
                ),
            );
            Priority::Normal
        });
        if rr.when.is_empty() {
            problem(
                key.clone(),
                "a rule needs at least one condition in `when`".into(),
            );
        }
        for cond in &rr.when {
            check_condition(cond, &questions, &key, &mut problem);
        }
        rules.push(Rule {
            id: rr.id,
            priority,
            when: rr.when,
        });
    }

    let routing = raw.routing;
    for (key, value) in [
        ("routing.critical_minutes", routing.critical_minutes),
        ("routing.high_minutes", routing.high_minutes),
        ("routing.normal_minutes", routing.normal_minutes),
        ("routing.low_minutes", routing.low_minutes),
        ("routing.silent_claim_hours", routing.silent_claim_hours),
        ("routing.checkin_hours", routing.checkin_hours),
    ] {
        if value < 1 {
            problem(key.into(), format!("must be at least 1, not {value}"));
        }
    }
    if !(1..=50).contains(&routing.offer_to) {
        problem("routing.offer_to".into(), "must be 1..50".into());
    }
    match questions.iter().find(|q| q.id == routing.region_question) {
        Some(q) if q.kind == Kind::Single => {}
        Some(q) => problem(
            "routing.region_question".into(),
            format!(
                "'{}' must be a single-choice question (it is {:?})",
                q.id, q.kind
            ),
        ),
        None => problem(
            "routing.region_question".into(),
            format!(
                "no question '{}': routing needs the question that asks for the region",
                routing.region_question
            ),
        ),
    }
    let limits = raw.limits;
    for (key, value, min, max) in limits.ranges() {
        if !(min..=max).contains(&value) {
            problem(key.into(), format!("must be {min}..{max}, not {value}"));
        }
    }

    if problems.is_empty() {
        Ok(Survey {
            routing,
            limits,
            id: raw.survey.id.unwrap_or_else(|| "intake".into()),
            version: raw.survey.version.unwrap_or(1),
            questions,
            default_priority,
            rules,
        })
    } else {
        Err(problems)
    }
}

/// A condition may only look at an earlier question, with an operator that fits its kind.
fn check_condition(
    cond: &Condition,
    earlier: &[Question],
    key: &str,
    problem: &mut impl FnMut(String, String),
) {
    let ops = [
        cond.equals.is_some(),
        cond.not_equals.is_some(),
        cond.any_of.is_some(),
        cond.includes.is_some(),
        cond.excludes.is_some(),
        cond.at_least.is_some(),
        cond.at_most.is_some(),
    ]
    .iter()
    .filter(|set| **set)
    .count();
    if ops != 1 {
        problem(
            key.to_owned(),
            format!(
                "condition on '{}' needs exactly one of equals, not_equals, any_of, includes, excludes, at_least, at_most",
                cond.question
            ),
        );
        return;
    }
    let Some(q) = earlier.iter().find(|q| q.id == cond.question) else {
        problem(
            key.to_owned(),
            format!(
                "condition refers to '{}', which is not an earlier question",
                cond.question
            ),
        );
        return;
    };
    let named: Vec<&String> = cond
        .equals
        .iter()
        .chain(cond.not_equals.iter())
        .chain(cond.includes.iter())
        .chain(cond.excludes.iter())
        .chain(cond.any_of.iter().flatten())
        .collect();
    let fits = match q.kind {
        Kind::Single | Kind::YesNo | Kind::Consent => {
            cond.includes.is_none()
                && cond.excludes.is_none()
                && cond.at_least.is_none()
                && cond.at_most.is_none()
        }
        Kind::Multi => cond.includes.is_some() || cond.excludes.is_some(),
        Kind::Number => cond.at_least.is_some() || cond.at_most.is_some(),
        Kind::Text | Kind::Location | Kind::Phone => false,
    };
    if !fits {
        problem(
            key.to_owned(),
            format!(
                "this operator does not fit '{}', a {:?} question",
                q.id, q.kind
            ),
        );
        return;
    }
    for choice in named {
        if !q.choices.contains(choice) {
            problem(
                key.to_owned(),
                format!("'{choice}' is not a choice of '{}'", q.id),
            );
        }
    }
}

/// Answers keyed by question id, for code that reads them generically.
pub type AnswerMap = BTreeMap<String, super::Answer>;
