//! `/refer N ORG`: a case referred to a partner organisation (`dialogues/partners.toml`). The
//! person is asked first, in their language, what would be shared; nothing leaves before
//! they press "Yes" (see `requester::referrals`).

use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
};

use super::{Staff, cases::claimed_case};
use crate::{
    bot::{App, HandlerError, HandlerResult, buttons::RequesterButton, notify},
    db::AuditAction,
    outbox::Envelope,
    roles::case_and_rest,
    telemetry,
};

/// `/refer N ORG`.
pub(crate) async fn refer(bot: Bot, app: App, me: Staff, args: String) -> HandlerResult {
    telemetry::handler("volunteer.refer");
    let text = ask(&app, &me, &args).await?;
    me.say(&bot, text).await
}

async fn ask(app: &App, me: &Staff, args: &str) -> Result<String, HandlerError> {
    let partners = app.partners.ids().join(", ");
    let usage = || {
        app.locales.text_with(
            me.lang,
            "usage-refer",
            &[("partners", partners.clone().into())],
        )
    };
    let Some((case_id, org)) = case_and_rest(args) else {
        return Ok(usage());
    };
    let Some(partner) = app.partners.find(org) else {
        return Ok(usage());
    };
    let (case, requester) = match claimed_case(app, me, case_id).await? {
        Ok(held) => held,
        Err(refusal) => return Ok(refusal),
    };
    let now = app.now();
    let args = [
        ("case", case.id.into()),
        ("partner", partner.name.clone().into()),
    ];
    let mut tx = app.db.begin().await?;
    let Some(referral) = tx.ask_referral(case.id, &partner.id, me.id, now).await? else {
        return Ok(app.locales.text_with(me.lang, "refer-already-asked", &args));
    };
    tx.audit(
        me.id,
        AuditAction::Refer,
        Some(case.id),
        None,
        Some(&partner.id),
        now,
    )
    .await?;
    let lang = case.language;
    let button = |id: &str, agree: bool| {
        InlineKeyboardButton::callback(
            app.locales.text(lang, id),
            RequesterButton::Referral { referral, agree }.encode(),
        )
    };
    let question = Envelope::text(requester, app.locales.text_with(lang, "refer-ask", &args))
        .with_markup(InlineKeyboardMarkup::new(vec![vec![
            button("button-refer-yes", true),
            button("button-refer-no", false),
        ]]))
        .for_case(case.id);
    tx.enqueue(&[question], now).await?;
    notify::commit(app, tx, "refer").await?;
    Ok(app.locales.text_with(me.lang, "refer-asked", &args))
}
