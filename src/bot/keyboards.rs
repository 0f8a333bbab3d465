//! What each screen shows: its text and its buttons, in the person's language.
//!
//! Plain text only (no parse mode), so nothing a person typed can change the formatting.

use teloxide::types::{
    ButtonRequest, InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, KeyboardMarkup,
    ReplyMarkup,
};

use super::buttons::SurveyButton as Button;
use crate::{
    config::Config,
    i18n::{Arg, Lang, Locales},
    survey::{
        Answer, Kind, Position, Question, Survey, SurveyState, choice_text_id, question_text_id,
        short_text_id, text_args,
    },
};

pub use crate::i18n::{MAX_MESSAGE_CHARS, fit};

/// A message to send: text and optional buttons.
#[derive(Debug, Clone)]
pub struct Screen {
    pub text: String,
    pub markup: Option<ReplyMarkup>,
}

fn button(text: String, b: Button) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(text, b.encode())
}

fn inline(rows: Vec<Vec<InlineKeyboardButton>>) -> Option<ReplyMarkup> {
    Some(ReplyMarkup::InlineKeyboard(InlineKeyboardMarkup::new(rows)))
}

/// The consent screen, in `lang`; its buttons carry the language so nothing is stored first.
/// The text names the network (`NETWORK_NAME`) and the retention (`RETENTION_DAYS`).
/// The consent screen; `from_chat`: the person came through the bridge's link (the case will
/// record it, nothing else).
pub fn consent(locales: &Locales, lang: Lang, config: &Config, from_chat: bool) -> Screen {
    Screen {
        text: fit(locales.text_with(
            lang,
            "consent-text",
            &[
                ("days", i64::from(config.retention_days).into()),
                ("network", Arg::Str(config.network_name.clone())),
            ],
        )),
        markup: inline(vec![
            vec![button(
                locales.text(lang, "button-agree"),
                Button::Consent {
                    agree: true,
                    lang,
                    from_chat,
                },
            )],
            vec![button(
                locales.text(lang, "button-decline"),
                Button::Consent {
                    agree: false,
                    lang,
                    from_chat,
                },
            )],
            vec![button(
                locales.text(lang, "button-language"),
                Button::LanguageMenu,
            )],
        ]),
    }
}

/// The language picker.
pub fn language_menu(locales: &Locales, lang: Lang) -> Screen {
    Screen {
        text: locales.text(lang, "language-pick"),
        markup: inline(vec![
            Lang::ALL
                .into_iter()
                .map(|l| {
                    button(
                        locales.text(l, &format!("language-{}", l.code())),
                        Button::Language(l),
                    )
                })
                .collect(),
        ]),
    }
}

/// The current step: a question or the summary.
pub fn step(survey: &Survey, locales: &Locales, lang: Lang, state: &SurveyState) -> Screen {
    match survey.current(state) {
        Some(q) => question(survey, locales, lang, state, q),
        None => summary(survey, locales, lang, state),
    }
}

/// A question with its buttons and a hint on how to answer it.
pub fn question(
    survey: &Survey,
    locales: &Locales,
    lang: Lang,
    state: &SurveyState,
    q: &Question,
) -> Screen {
    let (at, total) = survey.progress(state);
    let t = |id: &str| locales.text(lang, id);
    // The question speaks to the right person: its text may choose by earlier answers.
    let args = text_args(&state.answers);
    let mut text = format!(
        "{}\n\n{}",
        locales.text_with(
            lang,
            "progress",
            &[("at", at.into()), ("total", total.into())]
        ),
        locales.text_with(lang, &question_text_id(&q.id), &args)
    );
    let hint = match q.kind {
        Kind::Multi => Some(t("hint-multi")),
        Kind::Number if q.quick.is_empty() => Some(locales.text_with(
            lang,
            "hint-number-typed",
            &[("min", q.min.into()), ("max", q.max.into())],
        )),
        Kind::Number => Some(locales.text_with(
            lang,
            "hint-number",
            &[("min", q.min.into()), ("max", q.max.into())],
        )),
        Kind::Text => Some(locales.text_with(lang, "hint-text", &[("max", q.max_len.into())])),
        Kind::Location => {
            Some(locales.text_with(lang, "hint-location", &[("max", q.max_len.into())]))
        }
        Kind::Phone => Some(t("hint-phone")),
        Kind::Single | Kind::YesNo | Kind::Consent => None,
    };
    if let Some(hint) = hint {
        text.push_str("\n\n");
        text.push_str(&hint);
    }

    let previous = state.answers.get(&q.id);
    let mark = |selected: bool, label: String| {
        if selected {
            format!("✅ {label}")
        } else {
            label
        }
    };
    let qid = || q.id.clone();
    let back_row = || {
        survey
            .can_go_back(state)
            .then(|| vec![button(t("button-back"), Button::Back { question: qid() })])
    };
    let skip_row = || {
        q.optional
            .then(|| vec![button(t("button-skip"), Button::Skip { question: qid() })])
    };

    let markup = match q.kind {
        Kind::Single => {
            let mut rows: Vec<Vec<InlineKeyboardButton>> = q
                .choices
                .iter()
                .enumerate()
                .map(|(index, c)| {
                    let chosen = matches!(previous, Some(Answer::Choice(p)) if p == c);
                    vec![button(
                        mark(chosen, t(&choice_text_id(&q.id, c))),
                        Button::Answer {
                            question: qid(),
                            index,
                        },
                    )]
                })
                .collect();
            rows.extend(skip_row());
            rows.extend(back_row());
            inline(rows)
        }
        Kind::YesNo => {
            let chosen = |c: &str| matches!(previous, Some(Answer::Choice(p)) if p == c);
            let mut rows = vec![vec![
                button(
                    mark(chosen("yes"), t("button-yes")),
                    Button::Answer {
                        question: qid(),
                        index: 1,
                    },
                ),
                button(
                    mark(chosen("no"), t("button-no")),
                    Button::Answer {
                        question: qid(),
                        index: 0,
                    },
                ),
            ]];
            rows.extend(skip_row());
            rows.extend(back_row());
            inline(rows)
        }
        Kind::Multi => {
            let selected: &[String] = match previous {
                Some(Answer::Choices(c)) => c,
                _ => &[],
            };
            let mut rows: Vec<Vec<InlineKeyboardButton>> = q
                .choices
                .iter()
                .enumerate()
                .map(|(index, c)| {
                    vec![button(
                        mark(selected.contains(c), t(&choice_text_id(&q.id, c))),
                        Button::Toggle {
                            question: qid(),
                            index,
                        },
                    )]
                })
                .collect();
            rows.push(vec![button(
                t("button-done"),
                Button::Done { question: qid() },
            )]);
            rows.extend(back_row());
            inline(rows)
        }
        Kind::Number => {
            let mut rows = Vec::new();
            if !q.quick.is_empty() {
                rows.push(
                    q.quick
                        .iter()
                        .enumerate()
                        .map(|(index, v)| {
                            let chosen = matches!(previous, Some(Answer::Number(p)) if p == v);
                            button(
                                mark(chosen, v.to_string()),
                                Button::Answer {
                                    question: qid(),
                                    index,
                                },
                            )
                        })
                        .collect(),
                );
            }
            rows.extend(skip_row());
            rows.extend(back_row());
            inline(rows)
        }
        Kind::Text => {
            let mut rows = Vec::new();
            rows.extend(skip_row());
            rows.extend(back_row());
            (!rows.is_empty()).then(|| ReplyMarkup::InlineKeyboard(InlineKeyboardMarkup::new(rows)))
        }
        Kind::Location | Kind::Phone => {
            // Sharing a location or a contact needs a reply keyboard; Back and Skip go there
            // as text buttons (recognised by their label in `reply_button`).
            let share = if q.kind == Kind::Location {
                KeyboardButton::new(t("button-send-location")).request(ButtonRequest::Location)
            } else {
                KeyboardButton::new(t("button-share-phone")).request(ButtonRequest::Contact)
            };
            let mut rows = vec![vec![share]];
            let mut extra = Vec::new();
            if q.optional {
                extra.push(KeyboardButton::new(t("button-skip")));
            }
            if survey.can_go_back(state) {
                extra.push(KeyboardButton::new(t("button-back")));
            }
            if !extra.is_empty() {
                rows.push(extra);
            }
            Some(ReplyMarkup::Keyboard(
                KeyboardMarkup::new(rows)
                    .resize_keyboard()
                    .one_time_keyboard(),
            ))
        }
        Kind::Consent => None,
    };
    Screen {
        text: fit(text),
        markup,
    }
}

/// A text typed on a reply keyboard that means Back or Skip, in the person's language.
pub fn reply_button(locales: &Locales, lang: Lang, text: &str) -> Option<ReplyWord> {
    let text = text.trim();
    if text == locales.text(lang, "button-back") {
        Some(ReplyWord::Back)
    } else if text == locales.text(lang, "button-skip") {
        Some(ReplyWord::Skip)
    } else {
        None
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyWord {
    Back,
    Skip,
}

/// An answer as the person reads it.
pub fn answer_text(locales: &Locales, lang: Lang, q: &Question, answer: &Answer) -> String {
    match answer {
        Answer::Choice(c) if q.kind == Kind::YesNo => locales.text(lang, &format!("answer-{c}")),
        Answer::Choice(c) => locales.text(lang, &choice_text_id(&q.id, c)),
        Answer::Choices(cs) => cs
            .iter()
            .map(|c| locales.text(lang, &choice_text_id(&q.id, c)))
            .collect::<Vec<_>>()
            .join(", "),
        Answer::Number(n) => {
            let id = format!("q-{}-value", q.id);
            if locales.has(lang, &id) {
                locales.text_with(lang, &id, &[("count", (*n).into())])
            } else {
                n.to_string()
            }
        }
        Answer::Text(s) | Answer::Place(s) | Answer::Phone(s) => s.clone(),
        // Never the coordinates: a summary or card on a checked phone must not give a place away.
        Answer::Coords { .. } => locales.text(lang, "answer-location"),
        Answer::Skipped => locales.text(lang, "answer-skipped"),
    }
}

/// The summary: every answer, an Edit button for each, Submit and Back.
pub fn summary(survey: &Survey, locales: &Locales, lang: Lang, state: &SurveyState) -> Screen {
    let t = |id: &str| locales.text(lang, id);
    let mut text = t("summary-title");
    text.push_str("\n\n");
    let answered = survey.summary(state);
    for (q, a) in &answered {
        text.push_str(&format!(
            "• {}: {}\n",
            t(&short_text_id(&q.id)),
            answer_text(locales, lang, q, a)
        ));
    }
    text.push('\n');
    text.push_str(&t("summary-footer"));

    let mut rows: Vec<Vec<InlineKeyboardButton>> =
        vec![vec![button(t("button-submit"), Button::Submit)]];
    let edits: Vec<InlineKeyboardButton> = answered
        .iter()
        .map(|(q, _)| {
            button(
                locales.text_with(
                    lang,
                    "button-edit",
                    &[("label", t(&short_text_id(&q.id)).into())],
                ),
                Button::Edit {
                    question: q.id.clone(),
                },
            )
        })
        .collect();
    rows.extend(edits.chunks(2).map(<[InlineKeyboardButton]>::to_vec));
    if state.position == Position::Summary && survey.can_go_back(state) {
        rows.push(vec![button(t("button-back"), Button::BackFromSummary)]);
    }
    Screen {
        text: fit(text),
        markup: inline(rows),
    }
}

/// The `/cancel` confirmation.
pub fn cancel_confirm(locales: &Locales, lang: Lang) -> Screen {
    Screen {
        text: locales.text(lang, "cancel-confirm"),
        markup: inline(vec![
            vec![button(
                locales.text(lang, "button-cancel-yes"),
                Button::Cancel { confirm: true },
            )],
            vec![button(
                locales.text(lang, "button-cancel-no"),
                Button::Cancel { confirm: false },
            )],
        ]),
    }
}
