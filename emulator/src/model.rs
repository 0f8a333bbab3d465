//! Public records of what the bot did: messages, calls, callback answers,
//! command sets and live events.

use std::time::Duration;

use serde_json::Value;

use crate::faults::FaultKind;

/// The kind of a chat, as in `Chat.type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChatKind {
    /// A one-to-one chat with a user (chat id = user id).
    Private,
    /// A basic group.
    Group,
    /// A supergroup (what `Emulator::group` creates).
    Supergroup,
    /// A channel.
    Channel,
}

impl ChatKind {
    /// The Bot API `type` string.
    pub fn as_str(self) -> &'static str {
        match self {
            ChatKind::Private => "private",
            ChatKind::Group => "group",
            ChatKind::Supergroup => "supergroup",
            ChatKind::Channel => "channel",
        }
    }
}

/// A file attached to a message the bot sent.
#[derive(Debug, Clone, PartialEq)]
pub struct SentFile {
    /// The file_id the emulator assigned (or the one the bot reused).
    pub file_id: String,
    /// The uploaded file's name, if it was uploaded with one.
    pub file_name: Option<String>,
    /// Uploaded byte length (None when sent by file_id or URL).
    pub size: Option<usize>,
    /// The uploaded bytes (None when sent by file_id or URL).
    pub data: Option<Vec<u8>>,
    /// How the bot gave it: `"upload"`, `"file_id"` or `"url"`.
    pub source: String,
}

/// A button of a reply (non-inline) keyboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyButton {
    /// The button text (what the user's client sends when pressed).
    pub text: String,
    /// The button asks for the user's location.
    pub request_location: bool,
    /// The button asks for the user's phone number.
    pub request_contact: bool,
}

/// A message the bot sent, copied or forwarded, in its current state.
#[derive(Debug, Clone, PartialEq)]
pub struct SentMessage {
    /// Chat it was sent to.
    pub chat_id: i64,
    /// Its id in that chat (shared sequence with the users' messages).
    pub message_id: i32,
    /// The text or caption as the user sees it (after parse_mode), if any.
    pub text: Option<String>,
    /// `"text"`, `"photo"`, `"document"`, `"location"`, ... for send* methods;
    /// `"copy"` for copyMessage and `"forward"` for forwardMessage.
    pub kind: String,
    /// What the message contains, whatever created it: `"text"`, `"photo"`, ...
    pub content_kind: String,
    /// The current reply_markup as the bot gave it (inline keyboard, reply
    /// keyboard, remove_keyboard or force_reply). Edits update it.
    pub reply_markup: Option<Value>,
    /// Whether it was edited at least once.
    pub edited: bool,
    /// How many successful edits it had.
    pub edit_count: u32,
    /// Whether the bot deleted it (deleted messages stay in the list).
    pub deleted: bool,
    /// The message it replies to, if any.
    pub reply_to: Option<i32>,
    /// The parse_mode of the latest text (send or edit), if any.
    pub parse_mode: Option<String>,
    /// The attached file, for media messages.
    pub file: Option<SentFile>,
    /// `(from_chat_id, message_id)` for copies and forwards.
    pub copy_of: Option<(i64, i32)>,
    /// The Bot API method that created it (canonical spelling).
    pub method: String,
    /// The params of the request that created it.
    pub raw: Value,
    /// The current Message object, as getUpdates / the Bot API would show it
    /// (deserialises as `teloxide::types::Message`).
    pub message: Value,
}

impl SentMessage {
    /// The album this message belongs to (`media_group_id`), if any.
    pub fn media_group_id(&self) -> Option<&str> {
        self.message.get("media_group_id").and_then(Value::as_str)
    }

    /// `(text, callback_data)` of every inline button with callback data, row by row.
    pub fn buttons(&self) -> Vec<(String, String)> {
        self.inline_rows()
            .into_iter()
            .flatten()
            .filter_map(|b| {
                let text = b.get("text")?.as_str()?;
                let data = b.get("callback_data")?.as_str()?;
                Some((text.to_owned(), data.to_owned()))
            })
            .collect()
    }

    /// `(text, url)` of every inline URL button.
    pub fn url_buttons(&self) -> Vec<(String, String)> {
        self.inline_rows()
            .into_iter()
            .flatten()
            .filter_map(|b| {
                Some((
                    b.get("text")?.as_str()?.to_owned(),
                    b.get("url")?.as_str()?.to_owned(),
                ))
            })
            .collect()
    }

    /// The callback_data of the inline button with this exact text.
    pub fn button_data(&self, text: &str) -> Option<String> {
        self.buttons()
            .into_iter()
            .find(|(t, _)| t == text)
            .map(|(_, d)| d)
    }

    /// The inline keyboard as rows of button objects (empty if none).
    pub fn inline_rows(&self) -> Vec<Vec<Value>> {
        rows(self.reply_markup.as_ref(), "inline_keyboard")
    }

    /// The buttons of a reply keyboard, row by row flattened.
    pub fn keyboard_buttons(&self) -> Vec<ReplyButton> {
        rows(self.reply_markup.as_ref(), "keyboard")
            .into_iter()
            .flatten()
            .filter_map(|b| match b {
                Value::String(text) => Some(ReplyButton {
                    text,
                    request_location: false,
                    request_contact: false,
                }),
                Value::Object(o) => Some(ReplyButton {
                    text: o.get("text")?.as_str()?.to_owned(),
                    request_location: o
                        .get("request_location")
                        .and_then(Value::as_bool)
                        .unwrap_or(false),
                    request_contact: o
                        .get("request_contact")
                        .and_then(Value::as_bool)
                        .unwrap_or(false),
                }),
                _ => None,
            })
            .collect()
    }

    /// Just the texts of the reply keyboard buttons.
    pub fn keyboard_texts(&self) -> Vec<String> {
        self.keyboard_buttons()
            .into_iter()
            .map(|b| b.text)
            .collect()
    }

    /// Whether this message removes the reply keyboard.
    pub fn removes_keyboard(&self) -> bool {
        self.reply_markup
            .as_ref()
            .and_then(|m| m.get("remove_keyboard"))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    /// The text, or `""` — handy in assertions.
    pub fn text_or_empty(&self) -> &str {
        self.text.as_deref().unwrap_or("")
    }
}

fn rows(markup: Option<&Value>, key: &str) -> Vec<Vec<Value>> {
    markup
        .and_then(|m| m.get(key))
        .and_then(Value::as_array)
        .map(|rows| {
            rows.iter()
                .map(|r| r.as_array().cloned().unwrap_or_default())
                .collect()
        })
        .unwrap_or_default()
}

/// One HTTP request the bot made.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiCall {
    /// Position in the call log (0-based).
    pub seq: u64,
    /// Canonical method name (`sendMessage` whatever the request's case);
    /// unknown methods as requested.
    pub method: String,
    /// The `chat_id` param, if it was an integer.
    pub chat_id: Option<i64>,
    /// When it arrived, since the emulator started.
    pub at: Duration,
    /// How long it took to answer (includes long-poll waits and slow faults).
    pub took: Duration,
    /// All params (uploads as `{"uploaded_file":{"file_name","size"}}`).
    pub params: Value,
    /// HTTP status answered; 0 when the connection was cut (Drop / LostResponse).
    pub status: u16,
    /// The error description, for failed calls.
    pub error: Option<String>,
    /// The injected fault, if any.
    pub fault: Option<FaultKind>,
}

impl ApiCall {
    /// Whether the call succeeded (status 200 and no lost response).
    pub fn ok(&self) -> bool {
        self.status == 200
    }
}

/// One answerCallbackQuery call that succeeded.
#[derive(Debug, Clone, PartialEq)]
pub struct CallbackAnswer {
    /// The query id (as returned by `UserHandle::press`).
    pub callback_query_id: String,
    /// The notification text, if any.
    pub text: Option<String>,
    /// Whether it was an alert instead of a toast.
    pub show_alert: bool,
    /// The URL to open, if any.
    pub url: Option<String>,
    /// The chat of the pressed message.
    pub chat_id: i64,
    /// The user who pressed.
    pub user_id: i64,
    /// The pressed message.
    pub message_id: i32,
}

/// A bot command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BotCommand {
    /// Command without the slash.
    pub command: String,
    /// Its description.
    pub description: String,
}

/// Commands stored by setMyCommands for one scope and language.
#[derive(Debug, Clone, PartialEq)]
pub struct CommandSet {
    /// The scope, normalised (`{"type":"default"}` when none was given).
    pub scope: Value,
    /// The language code (`""` = all languages).
    pub language_code: String,
    /// The commands in order.
    pub commands: Vec<BotCommand>,
}

/// Something the bot did, pushed live to `Emulator::events` subscribers.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A new message from the bot (send, copy or forward).
    Sent(SentMessage),
    /// A bot message was edited (new state).
    Edited(SentMessage),
    /// A message was deleted.
    Deleted {
        /// Chat of the message.
        chat_id: i64,
        /// The deleted message.
        message_id: i32,
    },
    /// A callback query was answered.
    CallbackAnswered(CallbackAnswer),
    /// sendChatAction.
    ChatAction {
        /// The chat.
        chat_id: i64,
        /// E.g. `"typing"`.
        action: String,
    },
}
