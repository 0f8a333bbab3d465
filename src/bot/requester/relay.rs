//! The requester's side of the anonymous relay: any message (text, photo, voice, video,
//! document, location, contact) is copied to their volunteer with a `#N` tag; before a claim it
//! is kept on the case and copied to whoever claims it. And their answers to check-ins.

use teloxide::prelude::*;

use crate::{
    bot::{App, HandlerResult, Toast, albums, notify, offers, send},
    db::{CaseRow, CaseStatus},
    i18n::Lang,
    outbox::Envelope,
    routing, telemetry,
};

/// A requester with an open or claimed case wrote something.
pub(super) async fn from_requester(
    bot: &Bot,
    app: &App,
    msg: &Message,
    update_id: i64,
    case: &CaseRow,
    lang: Lang,
    to: send::To,
) -> HandlerResult {
    match (case.status, case.volunteer_id) {
        (CaseStatus::Claimed, Some(volunteer_id)) => {
            telemetry::handler("relay.to_volunteer");
            // The volunteer, and every member of the case's team.
            let mut helpers = vec![volunteer_id];
            let supervisors = app.supervisors().await?;
            for (member, _) in app.db.team(case.id).await? {
                // Only someone still on the roster (or a supervisor) and not banned.
                let active = app.db.is_volunteer(member).await? || supervisors.contains(&member);
                if active && !app.db.is_banned(member).await? {
                    helpers.push(member);
                }
            }
            let mut recipients = Vec::with_capacity(helpers.len());
            for helper in helpers {
                recipients.push((helper, app.language_for(helper, None).await));
            }
            // An album item joins its album's copy; anything else is copied at once.
            let album = albums::Item::of(msg, case.id);
            let now = app.now();
            let mut tx = app.db.begin().await?;
            let mut copies = Vec::new();
            for (helper, hlang) in recipients {
                match &album {
                    Some(item) => albums::to_staff(app, &mut tx, item, helper, hlang).await?,
                    None => copies.push(
                        offers::relayed_copy(app, helper, hlang, msg.chat.id.0, msg.id.0, case.id)
                            .dedupe(notify::once(update_id, helper)),
                    ),
                }
            }
            tx.enqueue(&copies, now).await?;
            notify::commit(app, tx, "relay").await
        }
        _ => {
            telemetry::handler("relay.kept_for_claim");
            let first = app
                .db
                .keep_case_message(
                    case.id,
                    msg.chat.id.0,
                    msg.id.0,
                    msg.media_group_id().map(|g| g.0.as_str()),
                    app.now(),
                )
                .await?;
            if first {
                let text = app
                    .locales
                    .text_with(lang, "message-kept", &[("case", case.id.into())]);
                send::text(bot, to, text).await?;
            }
            Ok(())
        }
    }
}

/// The requester answered a check-in: the volunteer hears it, or an unclaimed case is re-ranked.
pub(super) async fn checkin_answer(
    bot: &Bot,
    app: &App,
    update_id: i64,
    to: send::To,
    case_id: i64,
    safe: bool,
    lang: Lang,
) -> Result<Toast, crate::bot::HandlerError> {
    let user_id = to.chat.0;
    let Some(case) = app.db.case(case_id).await? else {
        return Ok(Toast::Id("error-stale"));
    };
    if case.requester_id != Some(user_id) || case.status == CaseStatus::Closed {
        return Ok(Toast::Id("error-stale"));
    }
    let key = if safe {
        "checkin-answer-safe"
    } else {
        "checkin-answer-help"
    };
    match case.volunteer_id {
        Some(volunteer_id) if case.status == CaseStatus::Claimed => {
            let vlang = app.language_for(volunteer_id, None).await;
            let text = app
                .locales
                .text_with(vlang, key, &[("case", case.id.into())]);
            notify::send(
                app,
                vec![
                    Envelope::text(volunteer_id, text)
                        .for_case(case.id)
                        .dedupe(notify::once(update_id, volunteer_id)),
                ],
            )
            .await?;
        }
        _ => {
            let priority = routing::after_checkin(case.priority, safe);
            let mut tx = app.db.begin().await?;
            tx.set_priority(case.id, priority.as_str(), app.now())
                .await?;
            tx.commit().await?;
        }
    }
    send::text(bot, to, app.locales.text(lang, "checkin-thanks")).await?;
    Ok(Toast::Quiet)
}
