//! The Bot API methods the emulator implements.

mod bot;
mod callbacks;
mod edit;
mod moderation;
pub(crate) mod polling;
mod send;

use serde_json::Value;

use crate::errors::{self, ApiErr};
use crate::params::Params;
use crate::state::Inner;

/// Every implemented method, canonically spelled. Telegram matches method
/// names case-insensitively; so does [`canonical`].
pub const METHODS: &[&str] = &[
    "getMe",
    "getUpdates",
    "sendMessage",
    "forwardMessage",
    "copyMessage",
    "copyMessages",
    "sendPhoto",
    "sendDocument",
    "sendVideo",
    "sendVoice",
    "sendAudio",
    "sendAnimation",
    "sendSticker",
    "sendVideoNote",
    "sendLocation",
    "sendContact",
    "sendChatAction",
    "editMessageText",
    "editMessageCaption",
    "editMessageReplyMarkup",
    "deleteMessage",
    "deleteMessages",
    "answerCallbackQuery",
    "setMyCommands",
    "getMyCommands",
    "deleteMyCommands",
    "setWebhook",
    "deleteWebhook",
    "getWebhookInfo",
    "close",
    "logOut",
    "getChat",
    "getChatMember",
    "getChatAdministrators",
    "banChatMember",
    "kickChatMember",
    "unbanChatMember",
    "banChatSenderChat",
    "unbanChatSenderChat",
    "getFile",
    "setMyDescription",
    "setMyShortDescription",
    "setMyName",
    "setChatMenuButton",
    "pinChatMessage",
    "unpinChatMessage",
];

/// The canonical spelling of an implemented method, matched case-insensitively.
pub fn canonical(name: &str) -> Option<&'static str> {
    METHODS
        .iter()
        .copied()
        .find(|m| m.eq_ignore_ascii_case(name))
}

/// Whether a method creates a message (and so counts for flood control).
pub(crate) fn creates_message(method: &str) -> bool {
    method.starts_with("send") && method != "sendChatAction"
        || matches!(method, "copyMessage" | "copyMessages" | "forwardMessage")
}

/// Runs a method other than getUpdates against the state.
pub(crate) fn call(inner: &mut Inner, method: &str, p: &Params) -> Result<Value, ApiErr> {
    match method {
        "getMe" => Ok(crate::updates::me(inner.bot_id)),
        "sendMessage" => send::send_message(inner, p),
        "forwardMessage" => send::forward_message(inner, p),
        "copyMessage" => send::copy_message(inner, p),
        "copyMessages" => send::copy_messages(inner, p),
        "sendPhoto" => send::send_media(inner, p, method, "photo"),
        "sendDocument" => send::send_media(inner, p, method, "document"),
        "sendVideo" => send::send_media(inner, p, method, "video"),
        "sendVoice" => send::send_media(inner, p, method, "voice"),
        "sendAudio" => send::send_media(inner, p, method, "audio"),
        "sendAnimation" => send::send_media(inner, p, method, "animation"),
        "sendSticker" => send::send_media(inner, p, method, "sticker"),
        "sendVideoNote" => send::send_media(inner, p, method, "video_note"),
        "sendLocation" => send::send_location(inner, p),
        "sendContact" => send::send_contact(inner, p),
        "sendChatAction" => send::send_chat_action(inner, p),
        "editMessageText" => edit::edit_text(inner, p),
        "editMessageCaption" => edit::edit_caption(inner, p),
        "editMessageReplyMarkup" => edit::edit_reply_markup(inner, p),
        "deleteMessage" => edit::delete_message(inner, p),
        "deleteMessages" => edit::delete_messages(inner, p),
        "pinChatMessage" | "unpinChatMessage" => edit::pin(inner, p),
        "answerCallbackQuery" => callbacks::answer(inner, p),
        "setMyCommands" => bot::set_commands(inner, p),
        "getMyCommands" => bot::get_commands(inner, p),
        "deleteMyCommands" => bot::delete_commands(inner, p),
        "setWebhook" => bot::set_webhook(inner, p),
        "deleteWebhook" => bot::delete_webhook(inner, p),
        "getWebhookInfo" => Ok(bot::webhook_info(inner)),
        "getChat" => bot::get_chat(inner, p),
        "getChatMember" => bot::get_chat_member(inner, p),
        "getChatAdministrators" => bot::get_chat_administrators(inner, p),
        "banChatMember" | "kickChatMember" => moderation::ban_chat_member(inner, p),
        "unbanChatMember" => moderation::unban_chat_member(inner, p),
        "banChatSenderChat" => moderation::ban_chat_sender_chat(inner, p),
        "unbanChatSenderChat" => moderation::unban_chat_sender_chat(inner, p),
        "getFile" => bot::get_file(inner, p),
        "close"
        | "logOut"
        | "setMyDescription"
        | "setMyShortDescription"
        | "setMyName"
        | "setChatMenuButton" => Ok(Value::Bool(true)),
        _ => Err(ApiErr::new(404, errors::METHOD_NOT_FOUND)),
    }
}

pub(crate) use bot::{member_json, normalize_scope, visible_commands};
