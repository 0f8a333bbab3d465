//! The intake survey: its definition (loaded from `dialogues/`) and the engine that walks it.
//! Nothing here knows about Telegram: the engine takes inputs and returns where the person is.

mod definition;
mod engine;

pub use definition::{
    AnswerMap, Condition, DEFAULT_TEXT_LEN, Kind, MAX_ID_LEN, MAX_TEXT_LEN, Question, Rule, Survey,
    choice_text_id, question_text_id, reason_text_id, short_text_id,
};
pub use engine::{Effect, Input, InputError, Position, SurveyState};

use serde::{Deserialize, Serialize};

/// One answer, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t", content = "v", rename_all = "snake_case")]
pub enum Answer {
    /// Single choice, yes/no (`yes`, `no`) and consent (`agree`): the choice id.
    Choice(String),
    /// Multi choice: the chosen ids, in the order of the definition.
    Choices(Vec<String>),
    Number(i64),
    Text(String),
    /// A typed place.
    Place(String),
    /// A shared location.
    Coords {
        lat: f64,
        lon: f64,
    },
    /// A phone number in E.164.
    Phone(String),
    /// An optional question passed over.
    Skipped,
}

impl Condition {
    /// Whether the condition holds for these answers. A question not answered (or skipped)
    /// satisfies only `not_equals` and `excludes`.
    pub fn holds(&self, answers: &AnswerMap) -> bool {
        let answer = answers.get(&self.question);
        if let Some(expected) = &self.not_equals {
            return !matches!(answer, Some(Answer::Choice(c)) if c == expected);
        }
        if let Some(absent) = &self.excludes {
            return !matches!(answer, Some(Answer::Choices(cs)) if cs.contains(absent));
        }
        match answer {
            Some(Answer::Choice(c)) => {
                self.equals.as_ref().is_some_and(|e| e == c)
                    || self.any_of.as_ref().is_some_and(|list| list.contains(c))
            }
            Some(Answer::Choices(cs)) => self.includes.as_ref().is_some_and(|i| cs.contains(i)),
            Some(Answer::Number(n)) => {
                self.at_least.is_some_and(|min| *n >= min)
                    || self.at_most.is_some_and(|max| *n <= max)
            }
            _ => false,
        }
    }
}

/// All conditions hold (an empty list always holds).
pub fn all_hold(conditions: &[Condition], answers: &AnswerMap) -> bool {
    conditions.iter().all(|c| c.holds(answers))
}

/// The answers a text may depend on, as Fluent arguments named by question id: a choice
/// (single, yes/no) as its id, a number as a number (so plurals agree). Typed text, places
/// and phones are never passed: a text must not repeat them.
pub fn text_args(answers: &AnswerMap) -> Vec<(&str, crate::i18n::Arg)> {
    answers
        .iter()
        .filter_map(|(id, answer)| match answer {
            Answer::Choice(c) => Some((id.as_str(), crate::i18n::Arg::Str(c.clone()))),
            Answer::Number(n) => Some((id.as_str(), crate::i18n::Arg::Num(*n))),
            _ => None,
        })
        .collect()
}
