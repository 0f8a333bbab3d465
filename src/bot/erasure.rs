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

use super::{App, HandlerError, HandlerResult, callback::Button, notify, send, volunteer};
use crate::{i18n::Lang, outbox::Envelope, telemetry};

/// Seconds in a day.
const DAY: i64 = 86_400;

/// `/forget`: asks for confirmation with buttons. Stores nothing.
pub async fn on_forget(
    bot: &Bot,
    app: &App,
    chat: ChatId,
    user_id: i64,
    lang: Lang,
) -> HandlerResult {
    let t = |id: &str| app.locales.text(lang, id);
    if app.role_of(user_id).await?.is_staff() {
        send::text(bot, chat, t("forget-staff")).await?;
        return Ok(());
    }
    if !app.db.stored_about(user_id).await? {
        send::text(bot, chat, t("forget-nothing")).await?;
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
            Button::Forget { erase: true }.encode(),
        )],
        vec![InlineKeyboardButton::callback(
            t("button-forget-keep"),
            Button::Forget { erase: false }.encode(),
        )],
    ]);
    send::text_with(bot, chat, text, Some(ReplyMarkup::InlineKeyboard(buttons))).await?;
    Ok(())
}

/// The confirmation button: erase (`true`) or keep. Returns a toast message id, if any.
pub async fn confirm(
    bot: &Bot,
    app: &App,
    chat: ChatId,
    user_id: i64,
    lang: Lang,
    erase: bool,
) -> Result<Option<&'static str>, HandlerError> {
    if app.role_of(user_id).await?.is_staff() {
        send::text(bot, chat, app.locales.text(lang, "forget-staff")).await?;
        return Ok(None);
    }
    if !erase {
        if !app.db.stored_about(user_id).await? {
            return Ok(Some("error-stale"));
        }
        telemetry::handler("forget.kept");
        send::text(bot, chat, app.locales.text(lang, "forget-kept")).await?;
        return Ok(None);
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let Some(erased) = tx.erase_person(user_id, now).await? else {
        return Ok(Some("error-stale"));
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
            out.extend(volunteer::requeue(app, &row).await?);
        }
    }
    tx.enqueue(&out, now).await?;
    notify::commit(bot, app, tx, "forget").await?;
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
    send::text_removing_keyboard(bot, chat, text).await?;
    Ok(None)
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

/// Retention: closed cases older than RETENTION_DAYS lose their personal fields. Called by the
/// scheduler; returns how many cases were purged. One read when there is nothing to do.
pub async fn purge_expired(_bot: &Bot, app: &App) -> Result<usize, HandlerError> {
    let now = app.now();
    let cutoff = now - i64::from(app.config.retention_days) * DAY;
    if !app.db.retention_due(cutoff).await? {
        return Ok(0);
    }
    let purged = app.db.purge_expired(cutoff, now).await?;
    if purged.anything() {
        tracing::info!(
            cases = purged.cases,
            surveys = purged.surveys,
            people = purged.people,
            "retention purge"
        );
        // Deleted people and surveys are rows keyed by Telegram id: their ids may remain as
        // divider keys in interior pages until the file is rebuilt.
        let rebuild = purged.people + purged.surveys > 0;
        if let Err(e) = app.db.scrub_files(rebuild).await {
            tracing::error!(error = %e, "purged, but the database files could not be scrubbed");
        }
    }
    Ok(purged.cases)
}
