//! Bot API error answers and the exact `description` strings the emulator uses.
//!
//! Where teloxide 0.17 recognises a description, the string here is the one it
//! matches, so the bot sees the same [`ApiError`] variant it would see in
//! production. Where real Telegram's wording differs from teloxide's table, the
//! real wording wins (noted per constant), because the emulator stands in for
//! Telegram, not for teloxide.
//!
//! [`ApiError`]: https://docs.rs/teloxide-core/0.13.0/teloxide_core/enum.ApiError.html

use serde_json::{Value, json};

/// 401 answer for a malformed or unknown token (teloxide: `ApiError::InvalidToken`).
pub const UNAUTHORIZED: &str = "Unauthorized";
/// 404 answer for an unknown method (teloxide: `ApiError::Unknown`).
pub const METHOD_NOT_FOUND: &str = "Not Found: method not found";
/// 403 when the bot writes first to a user that never wrote to it. Real
/// Telegram's wording; teloxide 0.17 only knows the old `Unauthorized: ...`
/// form, so this arrives as `ApiError::Unknown(<this string>)`.
pub const CANT_INITIATE: &str = "Forbidden: bot can't initiate conversation with a user";
/// 403 for a user who blocked the bot (teloxide: `ApiError::BotBlocked`).
pub const BOT_BLOCKED: &str = "Forbidden: bot was blocked by the user";
/// 403 for a supergroup the bot was removed from (teloxide: `BotKickedFromSupergroup`).
pub const KICKED_SUPERGROUP: &str = "Forbidden: bot was kicked from the supergroup chat";
/// 403 for a basic group the bot was removed from (teloxide: `ApiError::Unknown`).
pub const KICKED_GROUP: &str = "Forbidden: bot was kicked from the group chat";
/// 403 for a channel the bot was removed from (teloxide: `BotKickedFromChannel`).
pub const KICKED_CHANNEL: &str = "Forbidden: bot was kicked from the channel chat";
/// 400 for an unknown group/channel id (teloxide: `ApiError::ChatNotFound`).
pub const CHAT_NOT_FOUND: &str = "Bad Request: chat not found";
/// 400 for text over 4096 characters (teloxide: `ApiError::MessageIsTooLong`).
pub const MESSAGE_TOO_LONG: &str = "Bad Request: message is too long";
/// 400 for a caption over 1024 characters (teloxide: `ApiError::Unknown`).
pub const CAPTION_TOO_LONG: &str = "Bad Request: message caption is too long";
/// 400 for empty text (teloxide: `ApiError::MessageTextIsEmpty`).
pub const TEXT_EMPTY: &str = "Bad Request: message text is empty";
/// 400 for callback_data outside 1..=64 bytes (teloxide: `ApiError::ButtonDataInvalid`).
pub const BUTTON_DATA_INVALID: &str = "Bad Request: BUTTON_DATA_INVALID";
/// 400 for a bad button URL (teloxide: `ApiError::ButtonUrlInvalid`).
pub const BUTTON_URL_INVALID: &str = "Bad Request: BUTTON_URL_INVALID";
/// 400 for an inline button without an action (teloxide: `TextButtonsAreUnallowed`).
pub const TEXT_BUTTONS_UNALLOWED: &str = "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard";
/// 400 for an edit that changes nothing (teloxide: `ApiError::MessageNotModified`).
pub const NOT_MODIFIED: &str = "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";
/// 400 for editing an unknown message (teloxide: `ApiError::MessageToEditNotFound`).
pub const EDIT_NOT_FOUND: &str = "Bad Request: message to edit not found";
/// 400 for editing a message the bot did not send (teloxide: `MessageCantBeEdited`).
pub const CANT_BE_EDITED: &str = "Bad Request: message can't be edited";
/// 400 for editMessageText on a media message (teloxide: `ApiError::Unknown`).
pub const NO_TEXT_TO_EDIT: &str = "Bad Request: there is no text in the message to edit";
/// 400 for editMessageCaption on a text message (teloxide: `ApiError::Unknown`).
pub const NO_CAPTION_TO_EDIT: &str = "Bad Request: there is no caption in the message to edit";
/// 400 for copying an unknown message (teloxide: `ApiError::MessageToCopyNotFound`).
pub const COPY_NOT_FOUND: &str = "Bad Request: message to copy not found";
/// 400 for forwarding an unknown message (teloxide: `MessageToForwardNotFound`).
pub const FORWARD_NOT_FOUND: &str = "Bad Request: message to forward not found";
/// 400 for deleting an unknown message (teloxide: `MessageToDeleteNotFound`).
pub const DELETE_NOT_FOUND: &str = "Bad Request: message to delete not found";
/// 400 for deleting someone else's message in a supergroup without the
/// can_delete_messages right (teloxide: `ApiError::MessageCantBeDeleted`).
pub const CANT_BE_DELETED: &str = "Bad Request: message can't be deleted";
/// 400 for deleting someone else's message in a basic group where the bot is
/// not an administrator: a member may delete it only for themselves there
/// (real wording; teloxide: `ApiError::Unknown`).
pub const CANT_BE_DELETED_FOR_EVERYONE: &str = "Bad Request: message can't be deleted for everyone";
/// 400 for banChatMember/unbanChatMember without the can_restrict_members
/// right (teloxide: `ApiError::NotEnoughRightsToRestrict`).
pub const NOT_ENOUGH_RIGHTS_TO_RESTRICT: &str =
    "Bad Request: not enough rights to restrict/unrestrict chat member";
/// 400 for banning an administrator (teloxide: `ApiError::Unknown`).
pub const USER_IS_ADMIN: &str = "Bad Request: user is an administrator of the chat";
/// 400 for banning the chat's creator (teloxide: `ApiError::Unknown`).
pub const CANT_REMOVE_OWNER: &str = "Bad Request: can't remove chat owner";
/// 400 for the bot banning itself (teloxide: `ApiError::CantRestrictSelf`).
pub const CANT_RESTRICT_SELF: &str = "Bad Request: can't restrict self";
/// 400 for banChatMember in a private chat (teloxide: `ApiError::Unknown`).
pub const CANT_BAN_IN_PRIVATE: &str = "Bad Request: can't ban members in private chats";
/// 400 for unbanChatMember outside supergroups and channels (teloxide:
/// `ApiError::MethodNotAvailableInPrivateChats`).
pub const SUPERGROUPS_ONLY: &str =
    "Bad Request: method is available only for supergroups and channel";
/// 400 for a user_id that is not a user's (teloxide: `ApiError::Unknown`).
pub const USER_ID_INVALID: &str = "Bad Request: invalid user_id specified";
/// 400 for replying to an unknown message (teloxide: `MessageToReplyNotFound`).
pub const REPLY_NOT_FOUND: &str = "Bad Request: message to be replied not found";
/// 400 when neither chat_id+message_id nor inline_message_id is given.
pub const MESSAGE_ID_MISSING: &str = "Bad Request: message identifier is not specified";
/// 400 for an unknown or already answered callback query (teloxide: `InvalidQueryId`).
pub const QUERY_INVALID: &str =
    "Bad Request: query is too old and response timeout expired or query id is invalid";
/// 400 for a file_id the emulator never issued (teloxide: `WrongFileIdOrUrl`).
pub const WRONG_FILE_ID: &str = "Bad Request: wrong file identifier/HTTP URL specified";
/// 400 for getFile with an unknown id (teloxide: `ApiError::FileIdInvalid`).
pub const FILE_ID_INVALID: &str = "Bad Request: invalid file id";
/// 409 for getUpdates while a webhook is set (real wording; teloxide: `Unknown`).
pub const WEBHOOK_ACTIVE: &str = "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";
/// 413 for an oversized body (teloxide: `ApiError::RequestEntityTooLarge`).
pub const TOO_LARGE: &str = "Request Entity Too Large";
/// 502 injected by faults (teloxide: `ApiError::Unknown`, after a 10 s sleep, see README).
pub const BAD_GATEWAY: &str = "Bad Gateway";
/// 500 injected by faults.
pub const INTERNAL_SERVER_ERROR: &str = "Internal Server Error";

/// An error answer: HTTP status (= `error_code`), description, optional retry_after.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ApiErr {
    pub code: u16,
    pub description: String,
    pub retry_after: Option<u32>,
}

impl ApiErr {
    /// An error with the given status and description.
    pub fn new(code: u16, description: impl Into<String>) -> Self {
        Self {
            code,
            description: description.into(),
            retry_after: None,
        }
    }

    /// `400 Bad Request: {detail}`.
    pub fn bad_request(detail: impl std::fmt::Display) -> Self {
        Self::new(400, format!("Bad Request: {detail}"))
    }

    /// A 400 with one of the full `Bad Request: ...` constants above.
    pub fn bad(description: &str) -> Self {
        Self::new(400, description)
    }

    /// A 403 with one of the full `Forbidden: ...` constants above.
    pub fn forbidden(description: &str) -> Self {
        Self::new(403, description)
    }

    /// `429 Too Many Requests: retry after {secs}` with `parameters.retry_after`.
    pub fn retry_after(secs: u32) -> Self {
        Self {
            code: 429,
            description: format!("Too Many Requests: retry after {secs}"),
            retry_after: Some(secs),
        }
    }

    /// The `{"ok":false,...}` body.
    pub fn to_json(&self) -> Value {
        let mut body = json!({
            "ok": false,
            "error_code": self.code,
            "description": self.description,
        });
        if let Some(secs) = self.retry_after {
            body["parameters"] = json!({ "retry_after": secs });
        }
        body
    }
}
