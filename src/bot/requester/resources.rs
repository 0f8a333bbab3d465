//! A requester's answer about a checked resource a volunteer sent them: it helped, or it is
//! wrong or outdated. "Wrong" hides the resource from volunteers at once and tells
//! supervisors, in the same commit.

use teloxide::{prelude::*, types::MessageId};

use crate::{
    bot::{App, HandlerError, Toast, gate::Actor, notify, send},
    db::AuditAction,
    outbox::Envelope,
};

/// Counted once, and only from the person the resource was sent to.
pub(crate) async fn feedback(
    bot: &Bot,
    app: &App,
    actor: &Actor,
    message: MessageId,
    sent_id: i64,
    helped: bool,
) -> Result<Toast, HandlerError> {
    let Some(sent) = app.db.sent_resource(sent_id).await? else {
        return Ok(Toast::Id("error-stale"));
    };
    let Some(case) = app.db.case(sent.case_id).await? else {
        return Ok(Toast::Id("error-stale"));
    };
    if case.requester_id != Some(actor.id) {
        return Ok(Toast::Id("error-invalid-button"));
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    if !tx.resource_feedback(sent.id, helped, now).await? {
        return Ok(Toast::Id("res-feedback-done"));
    }
    let mut out = Vec::new();
    if !helped {
        for supervisor in app.supervisors().await? {
            let lang = app.language_for(supervisor, None).await;
            out.push(Envelope::text(
                supervisor,
                app.locales.text_with(
                    lang,
                    "res-reported-alert",
                    &[
                        ("case", case.id.into()),
                        ("id", sent.resource_id.into()),
                        ("title", sent.title.clone().into()),
                    ],
                ),
            ));
        }
        tx.audit(
            actor.id,
            AuditAction::ResourceReported,
            Some(case.id),
            None,
            Some(&format!("R{}", sent.resource_id)),
            now,
        )
        .await?;
    }
    tx.enqueue(&out, now).await?;
    notify::commit(app, tx, "resource_feedback").await?;
    send::settle_buttons(bot, actor.chat, message).await;
    Ok(Toast::Id(if helped {
        "res-feedback-thanks"
    } else {
        "res-feedback-wrong-thanks"
    }))
}
