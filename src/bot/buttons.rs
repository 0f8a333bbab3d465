//! Button data: what a button press means, in at most 64 bytes of ids and indexes.
//!
//! Callback data is visible to anyone with a modified client and can be forged, so it carries
//! only ids (question ids, choice indexes, language codes), never a name, a place or an answer,
//! and everything parsed here is checked again against the person's state on the server.

use crate::{case::Outcome, i18n::Lang};

/// Telegram's limit for callback data.
pub const MAX_CALLBACK_BYTES: usize = 64;

/// A button press, by family: each family has its own branch (and role filter) in the handler
/// tree. Parsed once, from data made by [`Pressed::encode`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pressed {
    Survey(SurveyButton),
    Requester(RequesterButton),
    Staff(StaffButton),
    /// A supervisor's `/addresource` dialogue.
    Draft(DraftButton),
    /// Staff: send a checked resource to a case's requester.
    SendResource(SendResource),
    /// Supervisors: a review note's buttons (the public chats' guard).
    Review(ReviewButton),
}

/// A review note's buttons. Chat and message ids name a public post; nothing else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewButton {
    /// Ban the author network-wide.
    Ban {
        user: i64,
    },
    Unban {
        user: i64,
    },
    /// Trust the author (Approve a held newcomer): the newcomer rule no longer applies.
    Trust {
        user: i64,
    },
    /// Delete a reported post.
    Delete {
        chat: i64,
        message: i32,
    },
    /// Dismiss a post's reports.
    Dismiss {
        chat: i64,
        message: i32,
    },
}

/// The buttons of a supervisor's `/addresource` dialogue, checked against their stored draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftButton {
    /// A kind, by index into [`Kind::ALL`](crate::resources::Kind::ALL).
    Kind(usize),
    /// A region, by index into the survey's region choices.
    Region(usize),
    /// Pass over the phone or the capacity.
    Skip,
    Save,
    Discard,
}

/// "Send to #N" under a resource in `/resources`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SendResource {
    pub resource: i64,
    pub case: i64,
}

/// The intake dialogue's buttons, pressed in the person's own private chat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SurveyButton {
    /// Consent screen: agree (`true`) or decline, in the language the screen was shown in.
    Consent {
        agree: bool,
        lang: Lang,
        /// The person came through the bridge's link from a public chat (`/start chat`).
        from_chat: bool,
    },
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
}

/// A requester's buttons outside the survey, in their own private chat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequesterButton {
    /// Answer to a check-in: still need help (`false`) or got out safely.
    Checkin { case: i64, safe: bool },
    /// `/forget` confirmation: erase (`true`) or keep.
    Forget { erase: bool },
    /// Under a resource they were sent: it helped (`true`), or it is wrong or outdated. `sent`
    /// is the row that recorded the sending.
    ResourceFeedback { sent: i64, helped: bool },
    /// After `/done evacuated`: tell how the journey went (case `case`).
    Journey { case: i64 },
    /// Writing after a case was closed: start a new request.
    NewRequest,
    /// `/refer`: the person agrees (`true`) to share their request with a partner, or not.
    Referral { referral: i64, agree: bool },
    /// Writing after a case was closed: pass message `message` to the case's last volunteer,
    /// which opens the case again.
    WriteVolunteer { case: i64, message: i32 },
}

/// Staff buttons, on cards (in the volunteer group too) and in staff chats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffButton {
    /// Claim a case (on its card).
    Claim { case: i64 },
    /// Show a case's details (the `#N` tag on relayed messages).
    ShowCase { case: i64 },
    /// A page of `/queue`.
    QueuePage { page: i64 },
    /// Going offline with open cases: hand them back (`true`) or keep them.
    Offline { release: bool },
    /// Going offline with open cases: how to pass them to another volunteer.
    OfflineTransfer,
    /// Close a case with an outcome (index into [`Outcome::ALL`]).
    Close { case: i64, outcome: usize },
}

impl From<SurveyButton> for Pressed {
    fn from(b: SurveyButton) -> Self {
        Pressed::Survey(b)
    }
}
impl From<RequesterButton> for Pressed {
    fn from(b: RequesterButton) -> Self {
        Pressed::Requester(b)
    }
}
impl From<StaffButton> for Pressed {
    fn from(b: StaffButton) -> Self {
        Pressed::Staff(b)
    }
}

impl SurveyButton {
    pub fn encode(&self) -> String {
        Pressed::from(self.clone()).encode()
    }
}
impl RequesterButton {
    pub fn encode(&self) -> String {
        Pressed::from(self.clone()).encode()
    }
}
impl StaffButton {
    pub fn encode(&self) -> String {
        Pressed::from(self.clone()).encode()
    }
}

impl Pressed {
    pub fn encode(&self) -> String {
        use RequesterButton as R;
        use StaffButton as St;
        use SurveyButton as S;
        let yn = |b: bool| if b { "y" } else { "n" };
        let data = match self {
            Pressed::Survey(b) => match b {
                S::Consent {
                    agree,
                    lang,
                    from_chat,
                } => format!(
                    "c:{}:{}{}",
                    yn(*agree),
                    lang.code(),
                    if *from_chat { ":c" } else { "" }
                ),
                S::LanguageMenu => "lm".to_owned(),
                S::Language(lang) => format!("l:{}", lang.code()),
                S::Answer { question, index } => format!("a:{question}:{index}"),
                S::Toggle { question, index } => format!("t:{question}:{index}"),
                S::Done { question } => format!("d:{question}"),
                S::Skip { question } => format!("s:{question}"),
                S::Back { question } => format!("b:{question}"),
                S::BackFromSummary => "bs".to_owned(),
                S::Edit { question } => format!("e:{question}"),
                S::Submit => "sub".to_owned(),
                S::Cancel { confirm } => format!("x:{}", yn(*confirm)),
            },
            Pressed::Requester(b) => match b {
                R::Checkin { case, safe } => {
                    format!("ck:{case}:{}", if *safe { "s" } else { "h" })
                }
                R::Forget { erase } => format!("fg:{}", yn(*erase)),
                R::ResourceFeedback { sent, helped } => {
                    format!("rf:{sent}:{}", if *helped { "h" } else { "w" })
                }
                R::Journey { case } => format!("jr:{case}"),
                R::NewRequest => "nr".to_owned(),
                R::Referral { referral, agree } => format!("ra:{referral}:{}", yn(*agree)),
                R::WriteVolunteer { case, message } => format!("wv:{case}:{message}"),
            },
            Pressed::Draft(b) => match b {
                DraftButton::Kind(i) => format!("rk:{i}"),
                DraftButton::Region(i) => format!("rg:{i}"),
                DraftButton::Skip => "rsk".to_owned(),
                DraftButton::Save => "rsv".to_owned(),
                DraftButton::Discard => "rdx".to_owned(),
            },
            Pressed::SendResource(s) => format!("rs:{}:{}", s.resource, s.case),
            Pressed::Review(b) => match b {
                ReviewButton::Ban { user } => format!("gb:{user}"),
                ReviewButton::Unban { user } => format!("gu:{user}"),
                ReviewButton::Trust { user } => format!("gt:{user}"),
                ReviewButton::Delete { chat, message } => format!("gd:{chat}:{message}"),
                ReviewButton::Dismiss { chat, message } => format!("gx:{chat}:{message}"),
            },
            Pressed::Staff(b) => match b {
                St::Claim { case } => format!("cl:{case}"),
                St::ShowCase { case } => format!("cs:{case}"),
                St::QueuePage { page } => format!("qp:{}", page + 1),
                St::Offline { release } => format!("of:{}", if *release { "r" } else { "k" }),
                St::OfflineTransfer => "of:t".to_owned(),
                St::Close { case, outcome } => format!("dn:{case}:{outcome}"),
            },
        };
        debug_assert!(data.len() <= MAX_CALLBACK_BYTES);
        data
    }

    /// `None` for anything that is not exactly what [`Pressed::encode`] makes.
    pub fn parse(data: &str) -> Option<Pressed> {
        use RequesterButton as R;
        use StaffButton as St;
        use SurveyButton as S;
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
        // A group's chat id: negative, digits only after the sign.
        let group = |s: &str| {
            s.strip_prefix('-')
                .filter(|d| !d.is_empty() && d.len() <= 15 && d.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|d| d.parse::<i64>().ok())
                .filter(|n| *n > 0)
                .map(|n| -n)
        };
        let message = |s: &str| number(s).and_then(|n| i32::try_from(n).ok());
        // The author of a public post: a person, or a channel posting in its own name.
        let poster = |s: &str| {
            number(s)
                .or_else(|| group(s))
                .filter(|n| crate::roles::is_poster(*n))
        };
        let yes_no = |s: &str| match s {
            "y" => Some(true),
            "n" => Some(false),
            _ => None,
        };
        let pressed: Pressed = match parts.as_slice() {
            ["c", yn, lang] => S::Consent {
                agree: yes_no(yn)?,
                lang: exact_lang(lang)?,
                from_chat: false,
            }
            .into(),
            ["c", yn, lang, "c"] => S::Consent {
                agree: yes_no(yn)?,
                lang: exact_lang(lang)?,
                from_chat: true,
            }
            .into(),
            ["lm"] => S::LanguageMenu.into(),
            ["l", lang] => S::Language(exact_lang(lang)?).into(),
            ["a", q, i] => S::Answer {
                question: question(q)?,
                index: index(i)?,
            }
            .into(),
            ["t", q, i] => S::Toggle {
                question: question(q)?,
                index: index(i)?,
            }
            .into(),
            ["d", q] => S::Done {
                question: question(q)?,
            }
            .into(),
            ["s", q] => S::Skip {
                question: question(q)?,
            }
            .into(),
            ["b", q] => S::Back {
                question: question(q)?,
            }
            .into(),
            ["bs"] => S::BackFromSummary.into(),
            ["e", q] => S::Edit {
                question: question(q)?,
            }
            .into(),
            ["sub"] => S::Submit.into(),
            ["x", yn] => S::Cancel {
                confirm: yes_no(yn)?,
            }
            .into(),
            ["ck", n, "s"] => R::Checkin {
                case: number(n)?,
                safe: true,
            }
            .into(),
            ["ck", n, "h"] => R::Checkin {
                case: number(n)?,
                safe: false,
            }
            .into(),
            ["fg", yn] => R::Forget { erase: yes_no(yn)? }.into(),
            ["rf", n, "h"] => R::ResourceFeedback {
                sent: number(n)?,
                helped: true,
            }
            .into(),
            ["rf", n, "w"] => R::ResourceFeedback {
                sent: number(n)?,
                helped: false,
            }
            .into(),
            ["jr", n] => R::Journey { case: number(n)? }.into(),
            ["nr"] => R::NewRequest.into(),
            ["ra", n, yn] => R::Referral {
                referral: number(n)?,
                agree: yes_no(yn)?,
            }
            .into(),
            ["wv", n, m] => R::WriteVolunteer {
                case: number(n)?,
                message: message(m)?,
            }
            .into(),
            ["rk", i] => Pressed::Draft(DraftButton::Kind(
                index(i).filter(|i| *i < crate::resources::Kind::ALL.len())?,
            )),
            ["rg", i] => Pressed::Draft(DraftButton::Region(index(i)?)),
            ["rsk"] => Pressed::Draft(DraftButton::Skip),
            ["rsv"] => Pressed::Draft(DraftButton::Save),
            ["rdx"] => Pressed::Draft(DraftButton::Discard),
            ["gb", u] => Pressed::Review(ReviewButton::Ban { user: poster(u)? }),
            ["gu", u] => Pressed::Review(ReviewButton::Unban { user: poster(u)? }),
            ["gt", u] => Pressed::Review(ReviewButton::Trust { user: poster(u)? }),
            ["gd", c, m] => Pressed::Review(ReviewButton::Delete {
                chat: group(c)?,
                message: message(m)?,
            }),
            ["gx", c, m] => Pressed::Review(ReviewButton::Dismiss {
                chat: group(c)?,
                message: message(m)?,
            }),
            ["rs", r, n] => Pressed::SendResource(SendResource {
                resource: number(r)?,
                case: number(n)?,
            }),
            ["cl", n] => St::Claim { case: number(n)? }.into(),
            ["cs", n] => St::ShowCase { case: number(n)? }.into(),
            ["qp", n] => St::QueuePage {
                page: number(n)? - 1,
            }
            .into(),
            ["of", "r"] => St::Offline { release: true }.into(),
            ["of", "k"] => St::Offline { release: false }.into(),
            ["of", "t"] => St::OfflineTransfer.into(),
            ["dn", n, o] => St::Close {
                case: number(n)?,
                outcome: index(o).filter(|i| *i < Outcome::ALL.len())?,
            }
            .into(),
            _ => return None,
        };
        Some(pressed)
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
        use RequesterButton as R;
        use StaffButton as St;
        use SurveyButton as S;
        let buttons: Vec<Pressed> = vec![
            S::Consent {
                agree: true,
                lang: Lang::Ru,
                from_chat: false,
            }
            .into(),
            S::Consent {
                agree: false,
                lang: Lang::Uk,
                from_chat: true,
            }
            .into(),
            S::LanguageMenu.into(),
            S::Language(Lang::En).into(),
            S::Answer {
                question: q.clone(),
                index: 15,
            }
            .into(),
            S::Toggle {
                question: q.clone(),
                index: 0,
            }
            .into(),
            S::Done {
                question: q.clone(),
            }
            .into(),
            S::Skip {
                question: q.clone(),
            }
            .into(),
            S::Back {
                question: q.clone(),
            }
            .into(),
            S::BackFromSummary.into(),
            S::Edit { question: q }.into(),
            S::Submit.into(),
            S::Cancel { confirm: true }.into(),
            S::Cancel { confirm: false }.into(),
            St::Claim { case: 123_456_789 }.into(),
            St::ShowCase { case: 1 }.into(),
            St::QueuePage { page: 0 }.into(),
            St::QueuePage { page: 41 }.into(),
            St::Offline { release: true }.into(),
            St::Offline { release: false }.into(),
            St::OfflineTransfer.into(),
            St::Close {
                case: 7,
                outcome: 4,
            }
            .into(),
            R::Checkin {
                case: 7,
                safe: true,
            }
            .into(),
            R::Checkin {
                case: 7,
                safe: false,
            }
            .into(),
            R::Forget { erase: true }.into(),
            R::Forget { erase: false }.into(),
            R::ResourceFeedback {
                sent: 999_999_999_999,
                helped: true,
            }
            .into(),
            R::ResourceFeedback {
                sent: 1,
                helped: false,
            }
            .into(),
            R::Journey { case: 12 }.into(),
            R::NewRequest.into(),
            R::Referral {
                referral: 4,
                agree: true,
            }
            .into(),
            R::WriteVolunteer {
                case: 3,
                message: 77,
            }
            .into(),
            Pressed::Draft(DraftButton::Kind(6)),
            Pressed::Draft(DraftButton::Region(8)),
            Pressed::Draft(DraftButton::Skip),
            Pressed::Draft(DraftButton::Save),
            Pressed::Draft(DraftButton::Discard),
            Pressed::SendResource(SendResource {
                resource: 999_999_999_999,
                case: 999_999_999_999,
            }),
            Pressed::Review(ReviewButton::Ban {
                user: 8_000_000_001,
            }),
            Pressed::Review(ReviewButton::Ban {
                user: -1_009_999_999_999,
            }),
            Pressed::Review(ReviewButton::Unban { user: 1 }),
            Pressed::Review(ReviewButton::Trust { user: 2 }),
            Pressed::Review(ReviewButton::Delete {
                chat: -1_001_234_567_890,
                message: 2_147_483_647,
            }),
            Pressed::Review(ReviewButton::Dismiss {
                chat: -5,
                message: 1,
            }),
        ];
        for b in buttons {
            let data = b.encode();
            assert!(data.len() <= MAX_CALLBACK_BYTES, "{data} is too long");
            assert_eq!(Pressed::parse(&data), Some(b));
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
            "rk:7",
            "rf:0:h",
            "rf:1:x",
            "rs:1",
            "rs:1:-2",
            "gd:5:1",
            "gd:-5:2147483648",
            "gb:-5",
        ] {
            assert_eq!(Pressed::parse(data), None, "{data:?} should not parse");
        }
    }
}
