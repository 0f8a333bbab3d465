//! Telling people about a case, for the requester and the staff handlers alike: the card in
//! the volunteer group, private offers to matching online volunteers (least loaded first),
//! pages for critical cases, the edits that mark a card taken, a case back in the queue, a
//! requester's message copied to staff, and the fake-data check with its supervisor alert.
//! Everything here builds envelopes; the caller queues them in its change's transaction.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::{
    blocklist,
    db::{CaseRow, WriteTx},
    i18n::{Arg, Lang},
    outbox::{AfterSent, Envelope},
    routing,
};

use super::{App, HandlerError, buttons::StaffButton, cards};

/// Cards for a new (or re-opened) case: the group, and volunteers chosen by routing. A critical
/// case goes to every online volunteer.
pub(super) async fn for_new_case(
    app: &App,
    case: &CaseRow,
) -> Result<Vec<Envelope>, crate::db::DbError> {
    let now = app.now();
    let mut out = Vec::new();
    if let Some(group) = app.config.volunteer_chat_id {
        out.push(card_for(app, group, app.config.default_language, case, now));
    }
    // Only trained volunteers are offered cases.
    let volunteers: Vec<routing::Candidate> = app
        .db
        .volunteers()
        .await?
        .into_iter()
        .filter(|v| crate::training::Training::of(v.trained_until, now).may_work())
        .collect();
    let chosen = routing::recipients(
        &volunteers,
        case.priority,
        case.language.code(),
        case.region.as_deref(),
        app.survey.routing.offer_to,
    );
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
pub(super) async fn supervisor_alerts(
    app: &App,
    case: &CaseRow,
    still_answering: bool,
) -> Vec<Envelope> {
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

/// Keys each envelope by case and chat, so a case is announced to a chat at most once.
pub(super) fn keyed(out: Vec<Envelope>, what: &str, case: i64) -> Vec<Envelope> {
    out.into_iter()
        .map(|e| {
            let key = format!("{what}:{case}:{}", e.chat_id);
            e.dedupe(key)
        })
        .collect()
}

/// Edits every card of the case: "taken" once claimed, or the fresh card (with its Claim
/// button) when the case changed while open.
pub(super) async fn refresh_cards(
    app: &App,
    case: &CaseRow,
) -> Result<Vec<Envelope>, crate::db::DbError> {
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

/// A message to the case's requester, in their language, if the case still has one.
pub(super) fn to_requester(app: &App, case: &CaseRow, key: &str) -> Option<Envelope> {
    let requester = case.requester_id?;
    let text = app
        .locales
        .text_with(case.language, key, &[("case", case.id.into())]);
    Some(Envelope::text(requester, text).for_case(case.id))
}

/// After `/done evacuated`: may the person tell how the journey went? One optional question,
/// behind a button, so that nothing they write later is taken for the answer by mistake.
pub(super) fn journey_question(app: &App, case: &CaseRow) -> Option<Envelope> {
    let requester = case.requester_id?;
    let lang = case.language;
    Some(
        Envelope::text(requester, app.locales.text(lang, "res-journey-ask"))
            .with_markup(InlineKeyboardMarkup::new(vec![vec![
                InlineKeyboardButton::callback(
                    app.locales.text(lang, "button-journey"),
                    super::buttons::RequesterButton::Journey { case: case.id }.encode(),
                ),
            ]]))
            .for_case(case.id),
    )
}

/// The `#N` button under a requester's message in a staff chat (it shows the case).
pub(super) fn relay_tag(app: &App, lang: Lang, case: i64) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![InlineKeyboardButton::callback(
        app.locales
            .text_with(lang, "relay-tag", &[("case", case.into())]),
        StaffButton::ShowCase { case }.encode(),
    )]])
}

/// A requester's message copied to a staff chat, tagged with the case number, recorded so a
/// reply to it reaches the requester.
pub(super) fn relayed_copy(
    app: &App,
    to: i64,
    lang: Lang,
    from_chat: i64,
    message: i32,
    case: i64,
) -> Envelope {
    Envelope::copy(to, from_chat, message)
        .with_markup(relay_tag(app, lang, case))
        .for_case(case)
        .after(AfterSent::RecordRelay { case_id: case })
}

/// A case back in the queue (as it is after the release): the requester is told, cards and
/// offers go out again. Queue them in the transaction that released it.
pub(super) async fn requeue(app: &App, case: &CaseRow) -> Result<Vec<Envelope>, HandlerError> {
    let mut out: Vec<Envelope> = to_requester(app, case, "volunteer-handed-over")
        .into_iter()
        .collect();
    out.extend(refresh_cards(app, case).await?);
    if case.flag_reason.is_none() {
        out.extend(for_new_case(app, case).await?);
    }
    Ok(out)
}

/// Checks a case against the blocklist; flags it and tells the supervisors if it matches, in
/// the caller's transaction. `true`: flagged, so it must not be routed.
pub(super) async fn check_blocklist(
    app: &App,
    tx: &mut WriteTx,
    case: &CaseRow,
) -> Result<bool, HandlerError> {
    let candidates = blocklist::candidates(&case.answers);
    if candidates.is_empty() {
        return Ok(false);
    }
    match app.db.blocked_among(&candidates).await?.first() {
        Some((kind, _)) => {
            flag_blocked(app, tx, case, kind).await?;
            Ok(true)
        }
        None => Ok(false),
    }
}

pub(super) async fn flag_blocked(
    app: &App,
    tx: &mut WriteTx,
    case: &CaseRow,
    kind: &str,
) -> Result<(), HandlerError> {
    let reason = format!("blocked_{kind}");
    tx.flag_case(case.id, &reason, app.now()).await?;
    let mut out = Vec::new();
    for id in app.supervisors().await? {
        let lang = app.language_for(id, None).await;
        let kind_text = app.locales.text(lang, &format!("blocked-kind-{kind}"));
        out.push(
            Envelope::text(
                id,
                app.locales.text_with(
                    lang,
                    "flag-blocklist",
                    &[("case", case.id.into()), ("kind", Arg::Str(kind_text))],
                ),
            )
            .for_case(case.id)
            .dedupe(format!("blocked:{}:{kind}:{id}", case.id)),
        );
    }
    tx.enqueue(&out, app.now()).await?;
    Ok(())
}
