//! The staff side of the anonymous relay: a volunteer's (or supervisor's) reply to a relayed
//! message is copied to the requester with copyMessage, never forwarded, so no volunteer name,
//! username or id reaches them. The mapping is stored, so replies work after a restart.

use teloxide::prelude::*;

use super::Staff;
use crate::{
    bot::{App, HandlerResult, albums, notify, send},
    db::CaseStatus,
    outbox::Envelope,
    telemetry,
};

/// A volunteer or supervisor wrote in their private chat (not a command).
pub(crate) async fn from_staff(bot: Bot, app: App, msg: Message, me: Staff) -> HandlerResult {
    let (bot, app, msg) = (&bot, &app, &msg);
    let (lang, update_id) = (me.lang, me.update_id);
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
    let in_team = app
        .db
        .team_role(case.id, me.id)
        .await?
        .and_then(|r| crate::team::TeamRole::from_code(&r))
        .is_some_and(crate::team::TeamRole::may_reply);
    let allowed = (me.role.may_handle(me.id, case.volunteer_id) || in_team)
        && case.status == CaseStatus::Claimed;
    let Some(requester) = case.requester_id.filter(|_| allowed) else {
        telemetry::handler("relay.staff_refused");
        let text = app
            .locales
            .text_with(lang, "case-not-yours", &[("case", case.id.into())]);
        send::text(bot, msg.chat.id, text).await?;
        return Ok(());
    };
    telemetry::handler("relay.to_requester");
    let now = app.now();
    let mut tx = app.db.begin().await?;
    tx.touch_volunteer_message(case.id, now).await?;
    match albums::Item::of(msg, case.id) {
        // An album item joins its album's copy.
        Some(item) => albums::to_requester(app, &mut tx, &item, requester).await?,
        None => {
            // Recorded, so an edit of the volunteer's message reaches this copy too.
            let copy = Envelope::copy(requester, msg.chat.id.0, msg.id.0)
                .for_case(case.id)
                .after(crate::outbox::AfterSent::RecordRelay { case_id: case.id })
                .dedupe(notify::once(update_id, requester));
            tx.enqueue(&[copy], now).await?;
        }
    }
    notify::commit(app, tx, "relay").await
}
