//! Button data: what a button press means, in at most 64 bytes of ids and indexes.
//!
//! Callback data is visible to anyone with a modified client and can be forged, so it carries
//! only ids (question ids, choice indexes, language codes), never a name, a place or an answer,
//! and everything parsed here is checked again against the person's state on the server.

use crate::i18n::Lang;

/// Telegram's limit for callback data.
pub const MAX_CALLBACK_BYTES: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Button {
    /// Consent screen: agree (`true`) or decline, in the language the screen was shown in.
    Consent { agree: bool, lang: Lang },
    /// Show the language picker.
    LanguageMenu,
    /// Pick a language.
    Language(Lang),
    /// A choice (single, yes/no) or a quick number, by index.
    Answer { question: String, index: usize },
    /// A multi-choice toggle.
    Toggle { question: String, index: usize },
    /// Multi choice: done.
    Done { question: String },
    /// Pass over an optional question.
    Skip { question: String },
    /// Back from a question.
    Back { question: String },
    /// Back from the summary.
    BackFromSummary,
    /// Summary: change one answer.
    Edit { question: String },
    /// Summary: send the request.
    Submit,
    /// `/cancel` confirmation: delete the unsent survey (`true`) or keep going.
    Cancel { confirm: bool },
    /// Staff: claim a case (on its card).
    Claim { case: i64 },
    /// Staff: show a case's details (the `#N` tag on relayed messages).
    ShowCase { case: i64 },
    /// Staff: a page of `/queue`.
    QueuePage { page: i64 },
    /// Staff going offline with open cases: hand them back (`true`) or keep them.
    Offline { release: bool },
    /// Staff: close a case with an outcome (index into [`OUTCOMES`]).
    Close { case: i64, outcome: usize },
    /// Requester's answer to a check-in: still need help (`false`) or got out safely.
    Checkin { case: i64, safe: bool },
    /// `/forget` confirmation: erase (`true`) or keep.
    Forget { erase: bool },
}

/// How a case can end, as `/done N <outcome>` takes it.
pub const OUTCOMES: [&str; 5] = [
    "evacuated",
    "staying_safe",
    "unreachable",
    "referred",
    "declined",
];

impl Button {
    pub fn encode(&self) -> String {
        let data = match self {
            Button::Consent { agree, lang } => {
                format!("c:{}:{}", if *agree { "y" } else { "n" }, lang.code())
            }
            Button::LanguageMenu => "lm".to_owned(),
            Button::Language(lang) => format!("l:{}", lang.code()),
            Button::Answer { question, index } => format!("a:{question}:{index}"),
            Button::Toggle { question, index } => format!("t:{question}:{index}"),
            Button::Done { question } => format!("d:{question}"),
            Button::Skip { question } => format!("s:{question}"),
            Button::Back { question } => format!("b:{question}"),
            Button::BackFromSummary => "bs".to_owned(),
            Button::Edit { question } => format!("e:{question}"),
            Button::Submit => "sub".to_owned(),
            Button::Cancel { confirm } => format!("x:{}", if *confirm { "y" } else { "n" }),
            Button::Claim { case } => format!("cl:{case}"),
            Button::ShowCase { case } => format!("cs:{case}"),
            Button::QueuePage { page } => format!("qp:{}", page + 1),
            Button::Offline { release } => format!("of:{}", if *release { "r" } else { "k" }),
            Button::Close { case, outcome } => format!("dn:{case}:{outcome}"),
            Button::Forget { erase } => format!("fg:{}", if *erase { "y" } else { "n" }),
            Button::Checkin { case, safe } => {
                format!("ck:{case}:{}", if *safe { "s" } else { "h" })
            }
        };
        debug_assert!(data.len() <= MAX_CALLBACK_BYTES);
        data
    }

    /// `None` for anything that is not exactly what [`Button::encode`] makes.
    pub fn parse(data: &str) -> Option<Button> {
        if data.len() > MAX_CALLBACK_BYTES {
            return None;
        }
        let parts: Vec<&str> = data.split(':').collect();
        let question = |s: &str| valid_id(s).then(|| s.to_owned());
        let index = |s: &str| {
            (s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        // Case numbers and pages: 1 and up, digits only.
        let number = |s: &str| {
            (!s.is_empty() && s.len() <= 12 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<i64>().ok())
                .flatten()
                .filter(|n| *n > 0)
        };
        let button = match parts.as_slice() {
            ["c", yn, lang] => Button::Consent {
                agree: match *yn {
                    "y" => true,
                    "n" => false,
                    _ => return None,
                },
                lang: exact_lang(lang)?,
            },
            ["lm"] => Button::LanguageMenu,
            ["l", lang] => Button::Language(exact_lang(lang)?),
            ["a", q, i] => Button::Answer {
                question: question(q)?,
                index: index(i)?,
            },
            ["t", q, i] => Button::Toggle {
                question: question(q)?,
                index: index(i)?,
            },
            ["d", q] => Button::Done {
                question: question(q)?,
            },
            ["s", q] => Button::Skip {
                question: question(q)?,
            },
            ["b", q] => Button::Back {
                question: question(q)?,
            },
            ["bs"] => Button::BackFromSummary,
            ["e", q] => Button::Edit {
                question: question(q)?,
            },
            ["sub"] => Button::Submit,
            ["x", "y"] => Button::Cancel { confirm: true },
            ["x", "n"] => Button::Cancel { confirm: false },
            ["cl", n] => Button::Claim { case: number(n)? },
            ["cs", n] => Button::ShowCase { case: number(n)? },
            ["qp", n] => Button::QueuePage {
                page: number(n)? - 1,
            },
            ["of", "r"] => Button::Offline { release: true },
            ["of", "k"] => Button::Offline { release: false },
            ["dn", n, o] => Button::Close {
                case: number(n)?,
                outcome: index(o).filter(|i| *i < OUTCOMES.len())?,
            },
            ["fg", "y"] => Button::Forget { erase: true },
            ["fg", "n"] => Button::Forget { erase: false },
            ["ck", n, "s"] => Button::Checkin {
                case: number(n)?,
                safe: true,
            },
            ["ck", n, "h"] => Button::Checkin {
                case: number(n)?,
                safe: false,
            },
            _ => return None,
        };
        Some(button)
    }
}

fn exact_lang(code: &str) -> Option<Lang> {
    Lang::ALL.into_iter().find(|l| l.code() == code)
}

fn valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= crate::survey::MAX_ID_LEN
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_button_survives_a_round_trip() {
        let q = "a".repeat(crate::survey::MAX_ID_LEN);
        let buttons = [
            Button::Consent {
                agree: true,
                lang: Lang::Ru,
            },
            Button::Consent {
                agree: false,
                lang: Lang::Uk,
            },
            Button::LanguageMenu,
            Button::Language(Lang::En),
            Button::Answer {
                question: q.clone(),
                index: 15,
            },
            Button::Toggle {
                question: q.clone(),
                index: 0,
            },
            Button::Done {
                question: q.clone(),
            },
            Button::Skip {
                question: q.clone(),
            },
            Button::Back {
                question: q.clone(),
            },
            Button::BackFromSummary,
            Button::Edit { question: q },
            Button::Submit,
            Button::Cancel { confirm: true },
            Button::Cancel { confirm: false },
            Button::Claim { case: 123_456_789 },
            Button::ShowCase { case: 1 },
            Button::QueuePage { page: 0 },
            Button::QueuePage { page: 41 },
            Button::Offline { release: true },
            Button::Offline { release: false },
            Button::Close {
                case: 7,
                outcome: 4,
            },
            Button::Checkin {
                case: 7,
                safe: true,
            },
            Button::Checkin {
                case: 7,
                safe: false,
            },
        ];
        for b in buttons {
            let data = b.encode();
            assert!(data.len() <= MAX_CALLBACK_BYTES, "{data} is too long");
            assert_eq!(Button::parse(&data), Some(b));
        }
    }

    #[test]
    fn forged_data_is_refused() {
        for data in [
            "",
            "sub:1",
            "a:safety",
            "a:safety:x",
            "a:Safety:1",
            "a:safety:123",
            "c:y:de",
            "l:UK",
            "x:maybe",
            "a:../../:1",
            &"a".repeat(65),
            "e:",
            "a:safety:-1",
        ] {
            assert_eq!(Button::parse(data), None, "{data:?} should not parse");
        }
    }
}
