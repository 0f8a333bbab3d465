//! Triage: a case's priority from its answers, by the rules in the dialogue file.
//!
//! Each rule whose conditions all hold is a reason; the priority is the highest among the
//! reasons, or the file's default when no rule holds. A pure function.

use serde::{Deserialize, Serialize};

use crate::survey::{AnswerMap, Survey, all_hold};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    Low,
    Normal,
    High,
    Critical,
}

impl Priority {
    pub fn parse(s: &str) -> Option<Priority> {
        match s {
            "critical" => Some(Priority::Critical),
            "high" => Some(Priority::High),
            "normal" => Some(Priority::Normal),
            "low" => Some(Priority::Low),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Critical => "critical",
            Priority::High => "high",
            Priority::Normal => "normal",
            Priority::Low => "low",
        }
    }
}

/// The outcome of triage: the priority and the ids of the rules that gave it, highest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Triage {
    pub priority: Priority,
    pub reasons: Vec<String>,
}

/// Applies the survey's triage rules to a set of answers.
pub fn assess(survey: &Survey, answers: &AnswerMap) -> Triage {
    let mut matched: Vec<(Priority, &str)> = survey
        .rules
        .iter()
        .filter(|rule| all_hold(&rule.when, answers))
        .map(|rule| (rule.priority, rule.id.as_str()))
        .collect();
    matched.sort_by_key(|m| std::cmp::Reverse(m.0));
    let priority = matched.first().map_or(survey.default_priority, |(p, _)| *p);
    Triage {
        priority,
        reasons: matched.into_iter().map(|(_, id)| id.to_owned()).collect(),
    }
}
