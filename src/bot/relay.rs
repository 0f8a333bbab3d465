//! The anonymous relay between a requester and their volunteer.
//!
//! Requester → volunteer: any message (text, photo, voice, video, document, location, contact)
//! is copied to the volunteer with a `#N` tag; before a claim it is kept on the case and copied
//! to whoever claims it. Volunteer → requester: a reply to a relayed message (or `/msg N text`)
//! is copied with copyMessage, never forwarded, so no volunteer name, username or id reaches
//! the requester. The mapping is stored, so replies work after a restart.

use teloxide::prelude::*;

use super::{App, HandlerResult, notify, send, volunteer};
use crate::{
    db::{CaseRow, CaseStatus},
    i18n::Lang,
    outbox::Envelope,
    roles::Role,
    telemetry,
};

/// The outbox key of what update `update_id` sends to `chat`: Telegram may deliver an update
/// again after a crash, and its copy must not be queued twice.
fn once(update_id: i64, chat: i64) -> String {
    format!("u:{update_id}:{chat}")
}

/// A requester with an open or claimed case wrote something.
pub async fn from_requester(
    bot: &Bot,
    app: &App,
    msg: &Message,
    update_id: i64,
    case: &CaseRow,
    lang: Lang,
) -> HandlerResult {
    match (case.status, case.volunteer_id) {
        (CaseStatus::Claimed, Some(volunteer_id)) => {
            telemetry::handler("relay.to_volunteer");
            let vlang = app.language_for(volunteer_id, None).await;
            let copy =
                volunteer::relayed_copy(app, volunteer_id, vlang, msg.chat.id.0, msg.id.0, case.id)
                    .dedupe(once(update_id, volunteer_id));
            notify::send(bot, app, vec![copy]).await
        }
        _ => {
            telemetry::handler("relay.kept_for_claim");
            app.db
                .keep_case_message(case.id, msg.chat.id.0, msg.id.0, app.now())
                .await?;
            let text = app
                .locales
                .text_with(lang, "message-kept", &[("case", case.id.into())]);
            send::text(bot, msg.chat.id, text).await?;
            Ok(())
        }
    }
}

/// A volunteer or supervisor wrote in their private chat (not a command).
pub async fn from_staff(
    bot: &Bot,
    app: &App,
    msg: &Message,
    update_id: i64,
    me: i64,
    role: Role,
    lang: Lang,
) -> HandlerResult {
    let Some(original) = msg.reply_to_message() else {
        telemetry::handler("relay.staff_hint");
        send::text(
            bot,
            msg.chat.id,
            app.locales.text(lang, "relay-how-to-answer"),
        )
        .await?;
        return Ok(());
    };
    let Some(case_id) = app.db.case_of_message(msg.chat.id.0, original.id.0).await? else {
        telemetry::handler("relay.staff_unknown_reply");
        send::text(
            bot,
            msg.chat.id,
            app.locales.text(lang, "relay-how-to-answer"),
        )
        .await?;
        return Ok(());
    };
    let Some(case) = app.db.case(case_id).await? else {
        return Ok(());
    };
    let allowed = role.may_handle(me, case.volunteer_id) && case.status == CaseStatus::Claimed;
    let Some(requester) = case.requester_id.filter(|_| allowed) else {
        telemetry::handler("relay.staff_refused");
        let text = app
            .locales
            .text_with(lang, "case-not-yours", &[("case", case.id.into())]);
        send::text(bot, msg.chat.id, text).await?;
        return Ok(());
    };
    telemetry::handler("relay.to_requester");
    let copy = Envelope::copy(requester, msg.chat.id.0, msg.id.0)
        .for_case(case.id)
        .dedupe(once(update_id, requester));
    let now = app.now();
    let mut tx = app.db.begin().await?;
    tx.touch_volunteer_message(case.id, now).await?;
    tx.enqueue(&[copy], now).await?;
    notify::commit(bot, app, tx, "relay").await
}

/// The requester answered a check-in: the volunteer hears it, or an unclaimed case is re-ranked.
pub async fn checkin_answer(
    bot: &Bot,
    app: &App,
    update_id: i64,
    user_id: i64,
    case_id: i64,
    safe: bool,
    lang: Lang,
) -> Result<Option<&'static str>, super::HandlerError> {
    let Some(case) = app.db.case(case_id).await? else {
        return Ok(Some("error-stale"));
    };
    if case.requester_id != Some(user_id) || case.status == CaseStatus::Closed {
        return Ok(Some("error-stale"));
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
                bot,
                app,
                vec![
                    Envelope::text(volunteer_id, text)
                        .for_case(case.id)
                        .dedupe(once(update_id, volunteer_id)),
                ],
            )
            .await?;
        }
        _ => {
            use crate::triage::Priority;
            let priority = if safe {
                Priority::Low
            } else {
                match case.priority {
                    Priority::Low | Priority::Normal => Priority::High,
                    other => other,
                }
            };
            let mut tx = app.db.begin().await?;
            tx.set_priority(case.id, priority.as_str(), app.now())
                .await?;
            tx.commit().await?;
        }
    }
    send::text(
        bot,
        ChatId(user_id),
        app.locales.text(lang, "checkin-thanks"),
    )
    .await?;
    Ok(None)
}
