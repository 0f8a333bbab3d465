//! How a case looks to staff: the card (queue, group, offers) and the full details.
//!
//! A card shows priority, reasons, region, group make-up and needs: never typed text, the exact
//! place or a phone number, which only the claiming volunteer and supervisors see in `/case`.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::{buttons::StaffButton, keyboards::answer_text};
use crate::{
    db::{CaseRow, CaseStatus, Note},
    i18n::{Arg, Lang, Locales},
    survey::{Kind, Survey, reason_text_id, short_text_id},
    triage::Priority,
};

pub(super) fn priority_mark(p: Priority) -> &'static str {
    match p {
        Priority::Critical => "🚨",
        Priority::High => "🟠",
        Priority::Normal => "🟡",
        Priority::Low => "⚪",
    }
}

fn headline(locales: &Locales, lang: Lang, case: &CaseRow) -> String {
    let reasons = case
        .reasons
        .iter()
        .map(|r| locales.text(lang, &reason_text_id(r)))
        .collect::<Vec<_>>()
        .join(", ");
    let priority = locales.text(lang, &format!("priority-{}", case.priority.as_str()));
    let mut line = if reasons.is_empty() {
        format!("{} #{} · {priority}", priority_mark(case.priority), case.id)
    } else {
        format!(
            "{} #{} · {priority} · {reasons}",
            priority_mark(case.priority),
            case.id
        )
    };
    if case.verified {
        line.push_str(" · ");
        line.push_str(&locales.text(lang, "card-verified"));
    }
    if let Some(reason) = &case.flag_reason {
        line.push('\n');
        line.push_str(&locales.text_with(
            lang,
            "card-flagged",
            &[("reason", reason.clone().into())],
        ));
    } else if case.priority == Priority::Critical
        && !case.verified
        && case.status == CaseStatus::Open
    {
        line.push('\n');
        line.push_str(&locales.text(lang, "card-unverified-critical"));
    }
    line
}

/// Answers a card may show: choices and numbers, not typed text, places or phones.
fn card_lines(
    survey: &Survey,
    locales: &Locales,
    lang: Lang,
    case: &CaseRow,
    full: bool,
) -> Vec<String> {
    survey
        .questions
        .iter()
        .skip(1)
        .filter(|q| full || !matches!(q.kind, Kind::Text | Kind::Location | Kind::Phone))
        .filter_map(|q| {
            case.answers.get(&q.id).map(|a| {
                format!(
                    "{}: {}",
                    locales.text(lang, &short_text_id(&q.id)),
                    answer_text(locales, lang, q, a)
                )
            })
        })
        .collect()
}

/// The card for the queue, the volunteer group and private offers, with a Claim button while
/// the case is open.
pub(super) fn card(
    survey: &Survey,
    locales: &Locales,
    lang: Lang,
    case: &CaseRow,
    now: i64,
) -> (String, Option<InlineKeyboardMarkup>) {
    let mut text = headline(locales, lang, case);
    text.push('\n');
    for line in card_lines(survey, locales, lang, case, false) {
        text.push_str(&line);
        text.push('\n');
    }
    let minutes = (now - case.created_at).max(0) / 60;
    text.push_str(&locales.text_with(
        lang,
        "card-footer",
        &[
            ("lang", Arg::Str(case.language.code().to_owned())),
            ("minutes", minutes.into()),
        ],
    ));
    if !case.submitted {
        text.push('\n');
        text.push_str(&locales.text(lang, "card-still-answering"));
    }
    let markup = (case.status == CaseStatus::Open).then(|| claim_button(locales, lang, case.id));
    (super::keyboards::fit(text), markup)
}

pub(super) fn claim_button(locales: &Locales, lang: Lang, case: i64) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![InlineKeyboardButton::callback(
        locales.text_with(lang, "button-claim", &[("case", case.into())]),
        StaffButton::Claim { case }.encode(),
    )]])
}

/// The text a card is edited to once the case is taken.
pub(super) fn taken(locales: &Locales, lang: Lang, case: &CaseRow) -> String {
    format!(
        "{}\n{}",
        headline(locales, lang, case),
        locales.text_with(lang, "card-taken", &[("case", case.id.into())])
    )
}

/// `/case N`: everything, for the assigned volunteer and supervisors.
pub(super) fn details(
    survey: &Survey,
    locales: &Locales,
    lang: Lang,
    case: &CaseRow,
    notes: &[Note],
) -> String {
    let mut text = headline(locales, lang, case);
    text.push('\n');
    let status = locales.text(lang, &format!("case-status-{}", case.status.as_str()));
    text.push_str(&locales.text_with(lang, "case-status-line", &[("status", status.into())]));
    if let Some(outcome) = &case.outcome {
        text.push_str(" · ");
        text.push_str(&locales.text(lang, &format!("outcome-{outcome}")));
    }
    text.push('\n');
    for line in card_lines(survey, locales, lang, case, true) {
        text.push_str(&line);
        text.push('\n');
    }
    text.push_str(&locales.text_with(
        lang,
        "case-language",
        &[("lang", Arg::Str(case.language.code().to_owned()))],
    ));
    if let Some(word) = &case.code_word {
        text.push('\n');
        text.push_str(&locales.text_with(lang, "case-code-word", &[("word", word.clone().into())]));
    }
    if !notes.is_empty() {
        text.push_str("\n\n");
        text.push_str(&locales.text(lang, "case-notes"));
        for n in notes {
            text.push_str(&format!("\n— {}", n.text));
        }
    }
    super::keyboards::fit(text)
}
