//! Telling staff about a case: the card in the volunteer group, private offers to matching
//! online volunteers (least loaded first), pages for critical cases, and the edits that mark a
//! card taken.

use crate::{
    db::CaseRow,
    i18n::Lang,
    outbox::{AfterSent, Envelope},
    routing,
    triage::Priority,
};

use super::{App, cards};

/// Cards for a new (or re-opened) case: the group, and volunteers chosen by routing. A critical
/// case goes to every online volunteer.
pub async fn for_new_case(app: &App, case: &CaseRow) -> Result<Vec<Envelope>, crate::db::DbError> {
    let now = app.now();
    let mut out = Vec::new();
    if let Some(group) = app.config.volunteer_chat_id {
        out.push(card_for(app, group, app.config.default_language, case, now));
    }
    let volunteers = app.db.volunteers().await?;
    let chosen: Vec<i64> = if case.priority == Priority::Critical {
        volunteers
            .iter()
            .filter(|v| v.online)
            .map(|v| v.id)
            .collect()
    } else {
        routing::pick(
            &volunteers,
            case.language.code(),
            case.region.as_deref(),
            app.survey.routing.offer_to,
        )
    };
    for id in chosen {
        let lang = app.language_for(id, None).await;
        out.push(card_for(app, id, lang, case, now));
    }
    Ok(out)
}

fn card_for(app: &App, chat: i64, lang: Lang, case: &CaseRow, now: i64) -> Envelope {
    let (text, markup) = cards::card(&app.survey, &app.locales, lang, case, now);
    let mut envelope = Envelope::text(chat, text)
        .for_case(case.id)
        .after(AfterSent::RecordCard { case_id: case.id });
    if let Some(markup) = markup {
        envelope = envelope.with_markup(markup);
    }
    envelope
}

/// Critical-case alerts for supervisors (a card with a Claim button each).
pub async fn supervisor_alerts(app: &App, case: &CaseRow, still_answering: bool) -> Vec<Envelope> {
    let mut out = Vec::new();
    let supervisors = app
        .supervisors()
        .await
        .unwrap_or_else(|_| app.config.supervisor_ids.clone());
    for id in supervisors {
        let lang = app.language_for(id, None).await;
        let reasons = case
            .reasons
            .iter()
            .map(|r| app.locales.text(lang, &crate::survey::reason_text_id(r)))
            .collect::<Vec<_>>()
            .join(", ");
        let key = if still_answering {
            "alert-critical-gate"
        } else {
            "alert-critical"
        };
        let text = app.locales.text_with(
            lang,
            key,
            &[("case", case.id.into()), ("reasons", reasons.into())],
        );
        out.push(
            Envelope::text(id, text)
                .for_case(case.id)
                .with_markup(cards::claim_button(&app.locales, lang, case.id))
                .after(AfterSent::RecordCard { case_id: case.id }),
        );
    }
    out
}

/// Edits every card of the case: "taken" once claimed, or the fresh card (with its Claim
/// button) when the case changed while open.
pub async fn refresh_cards(app: &App, case: &CaseRow) -> Result<Vec<Envelope>, crate::db::DbError> {
    let now = app.now();
    let mut out = Vec::new();
    for (chat, message) in app.db.cards_of(case.id).await? {
        let lang = if chat < 0 {
            app.config.default_language
        } else {
            app.language_for(chat, None).await
        };
        let envelope = if case.status == crate::db::CaseStatus::Open {
            let (text, markup) = cards::card(&app.survey, &app.locales, lang, case, now);
            let mut e = Envelope::edit(chat, message, text).for_case(case.id);
            if let Some(m) = markup {
                e = e.with_markup(m);
            }
            e
        } else {
            Envelope::edit(chat, message, cards::taken(&app.locales, lang, case)).for_case(case.id)
        };
        out.push(envelope);
    }
    Ok(out)
}
