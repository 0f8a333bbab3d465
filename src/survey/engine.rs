//! The survey engine: where a person is in the survey and what each input does to it.
//!
//! Pure functions over [`SurveyState`], which is what the database stores (as JSON) between
//! messages, so a restart resumes at the same question. Skip logic: a question is shown only
//! when its `show_if` conditions hold for the answers so far; when an answer changes, answers to
//! questions that are no longer shown are dropped.

use serde::{Deserialize, Serialize};

use super::{Answer, AnswerMap, Kind, Question, Survey, all_hold};
use crate::phone;

/// Where the person is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "at", content = "question", rename_all = "snake_case")]
pub enum Position {
    Question(String),
    /// All questions answered: the summary with Edit buttons and Submit.
    Summary,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyState {
    pub position: Position,
    pub answers: AnswerMap,
    /// Set while changing one answer from the summary: after it, back to the summary.
    #[serde(default)]
    pub editing: bool,
}

/// What a person did.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// A choice button (single, yes/no) or a quick number button, by index.
    Choice(usize),
    /// A multi-choice toggle, by index.
    Toggle(usize),
    /// Multi choice: done choosing.
    Done,
    /// Pass over an optional question.
    Skip,
    /// Typed text.
    Text(String),
    /// A shared location.
    Coords { lat: f64, lon: f64 },
    /// A shared contact's phone number.
    Contact(String),
}

/// Why an input was not accepted; the state is unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// A button for a question that is not the current one.
    Stale,
    /// Typed text where buttons are expected.
    UseButtons,
    /// Something other than text or the requested share.
    NotExpectedHere,
    TooLong {
        max: usize,
    },
    NotANumber {
        min: i64,
        max: i64,
    },
    OutOfRange {
        min: i64,
        max: i64,
    },
    BadPhone,
    /// Typed text with nothing visible in it (spaces, zero-width characters).
    NothingVisible,
    ChooseAtLeastOne,
    CannotSkip,
    UnknownChoice,
}

/// What an accepted answer set off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Effect {
    /// The answer is one of the question's emergency choices: the safety gate opens.
    pub emergency: bool,
    /// The question decides silent mode (`silences`): `Some(true)` turns it on, `Some(false)`
    /// off.
    pub silent: Option<bool>,
}

impl Survey {
    /// The state right after consent: consent recorded, at the first question shown.
    pub fn begin(&self) -> SurveyState {
        let mut state = SurveyState {
            position: Position::Summary,
            answers: AnswerMap::new(),
            editing: false,
        };
        state
            .answers
            .insert(self.questions[0].id.clone(), Answer::Choice("agree".into()));
        state.position = self.next_after(0, &state.answers);
        state
    }

    pub fn is_shown(&self, q: &Question, answers: &AnswerMap) -> bool {
        all_hold(&q.show_if, answers)
            && (q.show_if_any.is_empty() || q.show_if_any.iter().any(|c| c.holds(answers)))
    }

    /// The current question, or `None` at the summary (or if the definition changed under a
    /// stored state and the question is gone).
    pub fn current<'a>(&'a self, state: &SurveyState) -> Option<&'a Question> {
        match &state.position {
            Position::Question(id) => self.question(id),
            Position::Summary => None,
        }
    }

    /// 1-based number of the current question among those shown, and how many are shown.
    pub fn progress(&self, state: &SurveyState) -> (usize, usize) {
        let shown: Vec<&Question> = self
            .questions
            .iter()
            .skip(1)
            .filter(|q| self.is_shown(q, &state.answers))
            .collect();
        let at = match &state.position {
            Position::Question(id) => shown.iter().position(|q| &q.id == id).map_or(0, |i| i + 1),
            Position::Summary => shown.len(),
        };
        (at, shown.len())
    }

    /// Whether Back leads anywhere from here (never back to consent).
    pub fn can_go_back(&self, state: &SurveyState) -> bool {
        state.editing || self.previous(state).is_some()
    }

    /// Questions shown and answered, in order, without consent: what the summary lists.
    pub fn summary<'a>(&'a self, state: &'a SurveyState) -> Vec<(&'a Question, &'a Answer)> {
        self.questions
            .iter()
            .skip(1)
            .filter(|q| self.is_shown(q, &state.answers))
            .filter_map(|q| state.answers.get(&q.id).map(|a| (q, a)))
            .collect()
    }

    /// Applies an input meant for question `question_id`.
    pub fn answer(
        &self,
        state: &mut SurveyState,
        question_id: &str,
        input: Input,
    ) -> Result<Effect, InputError> {
        let q = match self.current(state) {
            Some(q) if q.id == question_id => q,
            _ => return Err(InputError::Stale),
        };
        let mut effect = Effect::default();
        let answer = match (q.kind, input) {
            (Kind::Multi, Input::Toggle(i)) => {
                let choice = q.choices.get(i).ok_or(InputError::UnknownChoice)?.clone();
                let mut chosen = match state.answers.get(&q.id) {
                    Some(Answer::Choices(c)) => c.clone(),
                    _ => Vec::new(),
                };
                if let Some(at) = chosen.iter().position(|c| *c == choice) {
                    chosen.remove(at);
                } else if q.exclusive.contains(&choice) {
                    chosen = vec![choice];
                } else {
                    chosen.retain(|c| !q.exclusive.contains(c));
                    chosen.push(choice);
                }
                chosen.sort_by_key(|c| q.choice_index(c));
                // A toggle changes the draft only; Done moves on.
                state.answers.insert(q.id.clone(), Answer::Choices(chosen));
                return Ok(effect);
            }
            (Kind::Multi, Input::Done) => match state.answers.get(&q.id) {
                Some(Answer::Choices(c)) if !c.is_empty() => Answer::Choices(c.clone()),
                _ if q.optional => Answer::Skipped,
                _ => return Err(InputError::ChooseAtLeastOne),
            },
            (_, Input::Skip) => {
                if !q.optional {
                    return Err(InputError::CannotSkip);
                }
                Answer::Skipped
            }
            (Kind::Single | Kind::YesNo, Input::Choice(i)) => {
                let choice = q.choices.get(i).ok_or(InputError::UnknownChoice)?;
                effect.emergency = q.emergency.contains(choice);
                if !q.silences.is_empty() {
                    effect.silent = Some(q.silences.contains(choice));
                }
                Answer::Choice(choice.clone())
            }
            (Kind::Number, Input::Choice(i)) => {
                Answer::Number(*q.quick.get(i).ok_or(InputError::UnknownChoice)?)
            }
            (Kind::Number, Input::Text(text)) => {
                let cleaned: String = text.chars().filter(|c| !c.is_whitespace()).collect();
                let n = cleaned.parse::<i64>().map_err(|_| InputError::NotANumber {
                    min: q.min,
                    max: q.max,
                })?;
                if n < q.min || n > q.max {
                    return Err(InputError::OutOfRange {
                        min: q.min,
                        max: q.max,
                    });
                }
                Answer::Number(n)
            }
            (Kind::Text | Kind::Location, Input::Text(text)) => {
                let Some(text) = crate::typed::clean(&text) else {
                    return Err(InputError::NothingVisible);
                };
                if text.chars().count() > q.max_len {
                    return Err(InputError::TooLong { max: q.max_len });
                }
                if q.kind == Kind::Text {
                    Answer::Text(text)
                } else {
                    Answer::Place(text)
                }
            }
            (Kind::Location, Input::Coords { lat, lon }) => {
                if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                    return Err(InputError::NotExpectedHere);
                }
                Answer::Coords { lat, lon }
            }
            (Kind::Phone, Input::Text(raw) | Input::Contact(raw)) => {
                Answer::Phone(phone::normalize(&raw).ok_or(InputError::BadPhone)?)
            }
            (Kind::Single | Kind::YesNo | Kind::Multi | Kind::Consent, Input::Text(_)) => {
                return Err(InputError::UseButtons);
            }
            (_, Input::Choice(_) | Input::Toggle(_) | Input::Done) => {
                return Err(InputError::Stale);
            }
            _ => return Err(InputError::NotExpectedHere),
        };
        let index = self.index_of(&q.id).unwrap_or(0);
        state.answers.insert(q.id.clone(), answer);
        self.prune(&mut state.answers);
        state.position = if state.editing {
            self.first_unanswered(&state.answers)
        } else {
            self.next_after(index, &state.answers)
        };
        if state.position == Position::Summary {
            state.editing = false;
        }
        Ok(effect)
    }

    /// Back one question. While editing from the summary, Back returns to the summary.
    /// `question_id` is the question the Back button belonged to (stale buttons are refused).
    pub fn back(
        &self,
        state: &mut SurveyState,
        question_id: Option<&str>,
    ) -> Result<(), InputError> {
        let here = match &state.position {
            Position::Question(id) => Some(id.as_str()),
            Position::Summary => None,
        };
        if here != question_id {
            return Err(InputError::Stale);
        }
        if state.editing {
            state.editing = false;
            state.position = self.first_unanswered(&state.answers);
            return Ok(());
        }
        let previous = self.previous(state).ok_or(InputError::Stale)?;
        state.position = Position::Question(previous);
        Ok(())
    }

    /// From the summary, change the answer to `question_id`.
    pub fn edit(&self, state: &mut SurveyState, question_id: &str) -> Result<(), InputError> {
        if state.position != Position::Summary {
            return Err(InputError::Stale);
        }
        match self.index_of(question_id) {
            Some(i) if i > 0 && self.is_shown(&self.questions[i], &state.answers) => {
                state.position = Position::Question(question_id.to_owned());
                state.editing = true;
                Ok(())
            }
            _ => Err(InputError::Stale),
        }
    }

    /// Puts a state whose question vanished (the survey file changed) back on its feet.
    pub fn repair(&self, state: &mut SurveyState) {
        let ok = match &state.position {
            Position::Question(id) => self
                .question(id)
                .is_some_and(|q| self.is_shown(q, &state.answers)),
            Position::Summary => true,
        };
        self.prune(&mut state.answers);
        if !ok || (state.position == Position::Summary && !state.editing) {
            state.position = self.first_unanswered(&state.answers);
        }
    }

    fn next_after(&self, index: usize, answers: &AnswerMap) -> Position {
        self.questions
            .iter()
            .skip(index + 1)
            .find(|q| self.is_shown(q, answers))
            .map_or(Position::Summary, |q| Position::Question(q.id.clone()))
    }

    fn first_unanswered(&self, answers: &AnswerMap) -> Position {
        self.questions
            .iter()
            .skip(1)
            .find(|q| self.is_shown(q, answers) && !answers.contains_key(&q.id))
            .map_or(Position::Summary, |q| Position::Question(q.id.clone()))
    }

    fn previous(&self, state: &SurveyState) -> Option<String> {
        let end = match &state.position {
            Position::Question(id) => self.index_of(id)?,
            Position::Summary => self.questions.len(),
        };
        self.questions[1..end]
            .iter()
            .rev()
            .find(|q| self.is_shown(q, &state.answers))
            .map(|q| q.id.clone())
    }

    /// Drops answers to questions that are no longer shown. Conditions only look at earlier
    /// questions, so one pass in order settles it.
    fn prune(&self, answers: &mut AnswerMap) {
        for q in &self.questions {
            if !self.is_shown(q, answers) {
                answers.remove(&q.id);
            }
        }
    }
}
