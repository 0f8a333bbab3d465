//! The person's answer to a referral question (`/refer`): kept and audited; only "Yes" sends
//! the partner a summary of the case (the card: priority, reasons, region, people, needs;
//! never a name, a phone number or a place). The volunteer who asked is told either way.

use teloxide::{prelude::*, types::MessageId};

use crate::{
    bot::{App, HandlerError, Toast, cards, gate::Actor, notify, send},
    db::AuditAction,
    outbox::Envelope,
};

pub(crate) async fn answer(
    bot: &Bot,
    app: &App,
    actor: &Actor,
    message: MessageId,
    referral: i64,
    agree: bool,
) -> Result<Toast, HandlerError> {
    let Some((case_id, partner_id, asked_by, answered)) = app.db.referral(referral).await? else {
        return Ok(Toast::Id("error-stale"));
    };
    let Some(case) = app.db.case(case_id).await? else {
        return Ok(Toast::Id("error-stale"));
    };
    if case.requester_id != Some(actor.id) {
        return Ok(Toast::Id("error-invalid-button"));
    }
    if answered.is_some() {
        return Ok(Toast::Id("error-stale"));
    }
    let Some(partner) = app.partners.find(&partner_id).cloned() else {
        return Ok(Toast::Id("error-stale"));
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    if !tx.answer_referral(referral, agree, now).await? {
        return Ok(Toast::Id("error-stale"));
    }
    tx.audit(
        actor.id,
        AuditAction::ReferConsent,
        Some(case.id),
        None,
        Some(if agree { "yes" } else { "no" }),
        now,
    )
    .await?;
    let args = [
        ("case", case.id.into()),
        ("partner", partner.name.clone().into()),
    ];
    let staff_lang = app.language_for(asked_by, None).await;
    let mut out = Vec::new();
    if agree {
        let lang = app.config.default_language;
        // The card without a supervisor's hold reason: the person was told what is shared.
        let shown = crate::db::CaseRow {
            flag_reason: None,
            submitted: true,
            ..case.clone()
        };
        let (card, _) = cards::card(&app.survey, &app.locales, lang, &shown, now);
        let head = app.locales.text_with(
            lang,
            "refer-summary",
            &[
                ("case", case.id.into()),
                ("network", app.config.network_name.clone().into()),
            ],
        );
        out.push(Envelope::text(partner.chat_id, format!("{head}\n\n{card}")).for_case(case.id));
    }
    out.push(
        Envelope::text(
            asked_by,
            app.locales.text_with(
                staff_lang,
                if agree {
                    "refer-agreed"
                } else {
                    "refer-declined"
                },
                &args,
            ),
        )
        .for_case(case.id),
    );
    out.push(
        Envelope::text(
            actor.id,
            app.locales.text_with(
                actor.lang,
                if agree {
                    "refer-thanks-yes"
                } else {
                    "refer-thanks-no"
                },
                &args,
            ),
        )
        .for_case(case.id),
    );
    tx.enqueue(&out, now).await?;
    notify::commit(app, tx, "refer_answer").await?;
    send::settle_buttons(bot, actor.chat, message).await;
    Ok(Toast::Quiet)
}
