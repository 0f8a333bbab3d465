//! `/forget` and retention.
//!
//! ```text
//! person: /forget
//! bot:    what will be erased, and that it cannot be undone   [Erase everything] [Keep]
//! person: [Erase everything]
//! bot:    (to their volunteer, if a case was claimed) "#N was withdrawn by the requester"
//! bot:    "Everything we stored about you is erased"
//! ```
//!
//! The erasure itself is one write transaction ([`crate::db::Db::erase_person`]; what goes and
//! what stays is documented there). After it commits, the database file is rebuilt and the WAL
//! truncated, so no byte of the person stays in the files; then the volunteer is told through
//! the outbox (the only new row: the case number) and the person directly (nothing stored).
//! The bot's own messages about the case in staff chats (relayed copies, details, cards) are
//! deleted from Telegram where Telegram still allows it (48 hours); the volunteer is asked to
//! delete anything older.

use std::collections::BTreeMap;

use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup, MessageId, ReplyMarkup},
};

use crate::{
    bot::{
        App, HandlerError, HandlerResult, Toast, buttons::RequesterButton, gate::Actor, notify,
        offers, send,
    },
    outbox::Envelope,
    telemetry,
};

/// How long the `/forget` question can be answered.
const CONFIRM_SECS: i64 = 10 * 60;

/// `/forget`: asks for confirmation with buttons; only a press on this question, within
/// [`CONFIRM_SECS`], answers it.
pub(super) async fn ask(bot: &Bot, app: &App, actor: &Actor) -> HandlerResult {
    let (to, user_id, lang) = (actor.to(), actor.id, actor.lang);
    let t = |id: &str| app.locales.text(lang, id);
    if !app.db.stored_about(user_id).await? {
        send::text(bot, to, t("forget-nothing")).await?;
        return Ok(());
    }
    let text = match app.db.case_to_withdraw(user_id).await? {
        Some(case) => app
            .locales
            .text_with(lang, "forget-confirm-case", &[("case", case.into())]),
        None => t("forget-confirm"),
    };
    let buttons = InlineKeyboardMarkup::new(vec![
        vec![InlineKeyboardButton::callback(
            t("button-forget-erase"),
            RequesterButton::Forget { erase: true }.encode(),
        )],
        vec![InlineKeyboardButton::callback(
            t("button-forget-keep"),
            RequesterButton::Forget { erase: false }.encode(),
        )],
    ]);
    let asked = send::text_with(bot, to, text, Some(ReplyMarkup::InlineKeyboard(buttons))).await?;
    app.db
        .ask_confirmation(user_id, asked.id.0, app.now() + CONFIRM_SECS)
        .await?;
    Ok(())
}

/// The confirmation buttons: erase (`true`) or keep; pressed on `message`.
pub(super) async fn confirm(
    bot: &Bot,
    app: &App,
    actor: &Actor,
    message: MessageId,
    erase: bool,
) -> Result<Toast, HandlerError> {
    let (chat, user_id, lang) = (actor.chat, actor.id, actor.lang);
    let to = actor.to();
    // Only on the question that asked, once, in time: "Yes" after "No", or forged data on
    // another message, erases nothing.
    if !app
        .db
        .take_confirmation(user_id, message.0, app.now())
        .await?
    {
        telemetry::handler("forget.stale");
        return Ok(Toast::Id("error-stale"));
    }
    send::settle_buttons(bot, chat, message).await;
    if !erase {
        telemetry::handler("forget.kept");
        send::text(bot, to, app.locales.text(lang, "forget-kept")).await?;
        return Ok(Toast::Quiet);
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let Some(erased) = tx.erase_person(user_id, now).await? else {
        return Ok(Toast::Id("error-stale"));
    };
    telemetry::handler("forget.erased");
    let mut out = Vec::new();
    for &(case, volunteer) in &erased.withdrawn {
        let vlang = app.language_for(volunteer, None).await;
        let text = app
            .locales
            .text_with(vlang, "forget-withdrawn", &[("case", case.into())]);
        out.push(Envelope::text(volunteer, text).for_case(case));
    }
    for &case in &erased.released {
        if let Some(row) = tx.case(case).await? {
            out.extend(offers::requeue(app, &row).await?);
        }
    }
    tx.enqueue(&out, now).await?;
    notify::commit(app, tx, "forget").await?;
    // Committed: now make sure no copy stays in the files (free pages, the WAL).
    if let Err(e) = app.db.scrub_files(true).await {
        tracing::error!(error = %e, "erased, but the database files could not be scrubbed");
    }
    delete_staff_copies(bot, &erased.staff_messages).await;

    let text = match erased.open_case {
        Some(case) => app
            .locales
            .text_with(lang, "forget-done-case", &[("case", case.into())]),
        None => app.locales.text(lang, "forget-done"),
    };
    send::text_removing_keyboard(bot, to, text).await?;
    Ok(Toast::Quiet)
}

/// Deletes the bot's messages about an erased case in staff chats, in batches per chat; best
/// effort (Telegram refuses for messages older than 48 hours).
async fn delete_staff_copies(bot: &Bot, messages: &[(i64, i32)]) {
    let mut by_chat: BTreeMap<i64, Vec<MessageId>> = BTreeMap::new();
    for &(chat, message) in messages {
        by_chat.entry(chat).or_default().push(MessageId(message));
    }
    for (chat, ids) in by_chat {
        for batch in ids.chunks(100) {
            if let Err(e) = bot.delete_messages(ChatId(chat), batch.to_vec()).await {
                tracing::debug!(error = %e, "could not delete a staff copy of an erased case");
            }
        }
    }
}
