//! Sending screens. Sends that matter propagate errors; cosmetic edits (removing buttons from
//! an answered question) are best effort, since the message may be too old to edit.

use teloxide::{
    prelude::*,
    types::{ChatId, MessageId, ReplyMarkup},
};

use super::keyboards::{Screen, fit};

/// Sends a screen to a chat.
pub async fn screen(
    bot: &Bot,
    chat: ChatId,
    screen: Screen,
) -> Result<Message, teloxide::RequestError> {
    let mut request = bot.send_message(chat, screen.text);
    if let Some(markup) = screen.markup {
        request = request.reply_markup(markup);
    }
    request.await
}

/// Sends plain text.
pub async fn text(
    bot: &Bot,
    chat: ChatId,
    text: String,
) -> Result<Message, teloxide::RequestError> {
    bot.send_message(chat, fit(text)).await
}

/// Sends text and removes a reply keyboard (after a shared location or contact).
pub async fn text_removing_keyboard(
    bot: &Bot,
    chat: ChatId,
    text: String,
) -> Result<Message, teloxide::RequestError> {
    bot.send_message(chat, fit(text))
        .reply_markup(ReplyMarkup::kb_remove())
        .await
}

/// Replaces a message's text and drops its buttons; best effort.
pub async fn settle(bot: &Bot, chat: ChatId, message: MessageId, text: String) {
    if let Err(e) = bot.edit_message_text(chat, message, fit(text)).await {
        tracing::debug!(error = %e, "could not edit an answered message");
    }
}

/// Replaces a message's text and buttons with a new screen; best effort.
pub async fn replace(bot: &Bot, chat: ChatId, message: MessageId, screen: Screen) {
    let mut request = bot.edit_message_text(chat, message, screen.text);
    if let Some(ReplyMarkup::InlineKeyboard(markup)) = screen.markup {
        request = request.reply_markup(markup);
    }
    if let Err(e) = request.await {
        tracing::debug!(error = %e, "could not edit a message");
    }
}
