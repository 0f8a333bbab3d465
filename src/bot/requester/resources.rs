//! A requester's answer about a checked resource a volunteer sent them: it helped, or it is
//! wrong or outdated. "Wrong" hides the resource from volunteers at once and tells
//! supervisors, in the same commit. And after `/done evacuated`, the one optional question of
//! how the journey went, which goes to supervisors with the resources the case used.

use teloxide::{
    prelude::*,
    types::{ForceReply, MessageId, ReplyMarkup},
};

use crate::{
    bot::{App, HandlerError, HandlerResult, Toast, gate::Actor, notify, send},
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

/// How long the journey question stays open after its button is pressed.
const JOURNEY_OPEN_SECS: i64 = 48 * 3600;
/// The longest journey answer, in characters.
pub(crate) const JOURNEY_MAX_CHARS: usize = 1000;

/// The journey question this message answers: the handler tree's filter (a reply to the
/// question the bot asked this person, still open).
#[derive(Debug, Clone, Copy)]
pub(crate) struct JourneyAnswer {
    case: i64,
}

/// "Tell how it went": the question, as a message the person's app replies to.
pub(crate) async fn ask_journey(
    bot: &Bot,
    app: &App,
    actor: &Actor,
    message: MessageId,
    case_id: i64,
) -> Result<Toast, HandlerError> {
    let Some(case) = app.db.case(case_id).await? else {
        return Ok(Toast::Id("error-stale"));
    };
    if case.requester_id != Some(actor.id) {
        return Ok(Toast::Id("error-invalid-button"));
    }
    if case.outcome.as_deref() != Some(crate::case::Outcome::Evacuated.as_str()) {
        return Ok(Toast::Id("error-stale"));
    }
    send::settle_buttons(bot, actor.chat, message).await;
    let asked = send::text_with(
        bot,
        actor.to(),
        app.locales.text(actor.lang, "res-journey-prompt"),
        Some(ReplyMarkup::ForceReply(ForceReply::new())),
    )
    .await?;
    app.db
        .ask_journey(actor.id, case.id, asked.id.0, app.now() + JOURNEY_OPEN_SECS)
        .await?;
    Ok(Toast::Quiet)
}

pub(crate) async fn journey_reply(app: App, actor: Actor, msg: Message) -> Option<JourneyAnswer> {
    let replied = msg.reply_to_message()?;
    let case = app
        .db
        .journey_question(actor.id, replied.id.0, app.now())
        .await
        .ok()
        .flatten()?;
    Some(JourneyAnswer { case })
}

/// The answer goes to supervisors with the resources the case was given; it is not stored
/// anywhere else, and tied to the case number only.
pub(crate) async fn journey_answer(
    bot: Bot,
    app: App,
    actor: Actor,
    msg: Message,
    answer: JourneyAnswer,
) -> HandlerResult {
    crate::telemetry::handler("requester.journey_answer");
    let lang = actor.lang;
    let Some(text) = msg.text().and_then(crate::typed::clean) else {
        send::text(
            &bot,
            actor.to(),
            app.locales.text(lang, "res-journey-text-only"),
        )
        .await?;
        return Ok(());
    };
    if text.chars().count() > JOURNEY_MAX_CHARS {
        let too_long = app.locales.text_with(
            lang,
            "res-journey-too-long",
            &[("max", JOURNEY_MAX_CHARS.into())],
        );
        send::text(&bot, actor.to(), too_long).await?;
        return Ok(());
    }
    let given = app.db.resources_of_case(answer.case).await?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    if !tx.take_journey_question(actor.id).await? {
        return Ok(());
    }
    let mut out = vec![
        Envelope::text(actor.id, app.locales.text(lang, "res-journey-thanks"))
            .for_case(answer.case)
            .dedupe(notify::once(actor.update_id, actor.id)),
    ];
    for supervisor in app.supervisors().await? {
        let staff_lang = app.language_for(supervisor, None).await;
        let resources = if given.is_empty() {
            app.locales.text(staff_lang, "res-journey-no-resources")
        } else {
            given
                .iter()
                .map(|g| format!("R{} ({})", g.resource_id, g.title))
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push(
            Envelope::text(
                supervisor,
                app.locales.text_with(
                    staff_lang,
                    "res-journey-report",
                    &[
                        ("case", answer.case.into()),
                        ("resources", resources.into()),
                        ("text", text.clone().into()),
                    ],
                ),
            )
            .for_case(answer.case)
            .dedupe(notify::once(actor.update_id, supervisor)),
        );
    }
    tx.enqueue(&out, now).await?;
    notify::commit(&app, tx, "journey").await?;
    Ok(())
}
