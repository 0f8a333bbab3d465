//! Simulated people: [`UserHandle`] pushes updates as a user (in their private
//! chat or in a group), [`GroupHandle`] sets up a group the bot is in.

use std::sync::Arc;

use serde_json::{Map, Value, json};

use crate::model::{ChatKind, SentMessage};
use crate::state::{Inner, PendingCallback, Shared};
use crate::updates;

/// Default byte sizes of media a simulated user sends.
const PHOTO_SIZE: usize = 54_321;
const VOICE_SIZE: usize = 8_192;
const VIDEO_SIZE: usize = 512_000;
const STICKER_SIZE: usize = 20_480;
const DOCUMENT_SIZE: usize = 12_345;

/// A user writing to the bot from one chat: their private chat
/// (`Emulator::user`) or a group (`GroupHandle::from`). Every `send_*`/`press`
/// pushes one update and makes the chat known, so the bot may answer there.
/// Profile setters (`language`, `first_name`, ...) change the user everywhere.
#[derive(Clone)]
pub struct UserHandle {
    shared: Arc<Shared>,
    user_id: i64,
    chat_id: i64,
}

impl UserHandle {
    pub(crate) fn new(shared: Arc<Shared>, user_id: i64, chat_id: i64) -> Self {
        shared.lock().user(user_id);
        Self {
            shared,
            user_id,
            chat_id,
        }
    }

    /// The user's id.
    pub fn id(&self) -> i64 {
        self.user_id
    }

    /// The chat this handle writes in (= user id for private chats).
    pub fn chat_id(&self) -> i64 {
        self.chat_id
    }

    /// Sets the user's `language_code` (e.g. `"uk"`).
    pub fn language(self, code: &str) -> Self {
        self.shared.lock().user(self.user_id).language_code = Some(code.to_owned());
        self
    }

    /// Removes the user's `language_code` (the default: none is sent).
    pub fn no_language(self) -> Self {
        self.shared.lock().user(self.user_id).language_code = None;
        self
    }

    /// Sets the first name (default `User<id>`).
    pub fn first_name(self, name: &str) -> Self {
        self.shared.lock().user(self.user_id).first_name = name.to_owned();
        self
    }

    /// Sets the last name.
    pub fn last_name(self, name: &str) -> Self {
        self.shared.lock().user(self.user_id).last_name = Some(name.to_owned());
        self
    }

    /// Sets the @username (without `@`).
    pub fn username(self, name: &str) -> Self {
        self.shared.lock().user(self.user_id).username = Some(name.to_owned());
        self
    }

    /// Sets `is_premium`.
    pub fn premium(self, premium: bool) -> Self {
        self.shared.lock().user(self.user_id).is_premium = premium;
        self
    }

    /// Makes the chat known (and the user a member of a group chat); a user
    /// writing in their private chat also unblocks the bot, as in Telegram.
    fn enter(&self, inner: &mut Inner) {
        if self.chat_id == self.user_id {
            inner.ensure_chat(self.chat_id, ChatKind::Private).blocked = false;
        } else {
            inner
                .ensure_chat(self.chat_id, ChatKind::Supergroup)
                .members
                .insert(self.user_id);
        }
    }

    /// Pushes a message with these content fields; returns its message_id.
    pub fn send_fields(&self, fields: Value) -> i32 {
        let id = {
            let mut inner = self.shared.lock();
            self.enter(&mut inner);
            let id = inner.next_message_id(self.chat_id);
            let mut msg = Map::new();
            msg.insert("message_id".into(), json!(id));
            msg.insert("from".into(), inner.user_json(self.user_id));
            msg.insert("chat".into(), inner.chat_json(self.chat_id));
            msg.insert("date".into(), json!(updates::now()));
            if let Value::Object(fields) = fields {
                msg.extend(fields);
            }
            let msg = Value::Object(msg);
            inner.store(
                self.chat_id,
                id,
                crate::state::StoredMessage {
                    json: msg.clone(),
                    sent: None,
                    deleted: false,
                },
            );
            inner.push_update("message", msg);
            id
        };
        self.shared.notify();
        id
    }

    /// Sends a text message.
    pub fn send_text(&self, text: &str) -> i32 {
        self.send_fields(json!({ "text": text }))
    }

    /// Sends a command such as `/start` or `/start payload` (with a
    /// `bot_command` entity over the command word, as Telegram does).
    pub fn send_command(&self, command: &str) -> i32 {
        let word = command.split_whitespace().next().unwrap_or(command);
        let length: usize = word.encode_utf16().count();
        self.send_fields(json!({
            "text": command,
            "entities": [{ "type": "bot_command", "offset": 0, "length": length }],
        }))
    }

    /// Sends a text replying to message `reply_to` of this chat.
    pub fn reply_text(&self, reply_to: i32, text: &str) -> i32 {
        let replied = {
            let inner = self.shared.lock();
            inner.message(self.chat_id, reply_to).map(|m| {
                let mut json = m.json.clone();
                if let Some(obj) = json.as_object_mut() {
                    obj.remove("reply_to_message");
                }
                json
            })
        };
        match replied {
            Some(r) => self.send_fields(json!({ "text": text, "reply_to_message": r })),
            None => self.send_text(text),
        }
    }

    /// Shares a location (what a `request_location` button sends).
    pub fn send_location(&self, latitude: f64, longitude: f64) -> i32 {
        self.send_fields(json!({ "location": { "latitude": latitude, "longitude": longitude } }))
    }

    /// Shares a contact; `user_id: Some(own id)` is what a `request_contact` button sends.
    pub fn send_contact(&self, phone: &str, user_id: Option<i64>) -> i32 {
        let first_name = self.shared.lock().user(self.user_id).first_name.clone();
        let mut contact = json!({ "phone_number": phone, "first_name": first_name });
        if let Some(id) = user_id {
            contact["user_id"] = json!(id);
        }
        self.send_fields(json!({ "contact": contact }))
    }

    fn send_media(
        &self,
        kind: &str,
        file_name: Option<&str>,
        size: usize,
        caption: Option<&str>,
    ) -> i32 {
        let media = {
            let mut inner = self.shared.lock();
            let (id, unique) = inner.new_file(kind, file_name.map(str::to_owned), size);
            updates::media_object(kind, &id, &unique, file_name, size)
        };
        let mut fields = json!({ kind: media });
        if let Some(c) = caption {
            fields["caption"] = json!(c);
        }
        self.send_fields(fields)
    }

    /// Sends a photo (two sizes, as Telegram delivers).
    pub fn send_photo(&self) -> i32 {
        self.send_media("photo", None, PHOTO_SIZE, None)
    }

    /// Sends a photo with a caption.
    pub fn send_photo_with_caption(&self, caption: &str) -> i32 {
        self.send_media("photo", None, PHOTO_SIZE, Some(caption))
    }

    /// Sends a sticker.
    pub fn send_sticker(&self) -> i32 {
        self.send_media("sticker", None, STICKER_SIZE, None)
    }

    /// Sends a voice message.
    pub fn send_voice(&self) -> i32 {
        self.send_media("voice", None, VOICE_SIZE, None)
    }

    /// Sends a video.
    pub fn send_video(&self) -> i32 {
        self.send_media("video", None, VIDEO_SIZE, None)
    }

    /// Sends a document with this file name.
    pub fn send_document(&self, file_name: &str) -> i32 {
        self.send_media("document", Some(file_name), DOCUMENT_SIZE, None)
    }

    /// Edits one of the user's own text messages (pushes `edited_message`);
    /// returns the update id, or None if no such message of this user exists.
    pub fn edit_text(&self, message_id: i32, text: &str) -> Option<i64> {
        let id = {
            let mut inner = self.shared.lock();
            let user_id = self.user_id;
            let stored = inner
                .chats
                .get_mut(&self.chat_id)?
                .messages
                .get_mut(&message_id)
                .filter(|m| !m.deleted && m.sent.is_none())?;
            let from_user =
                stored.json.pointer("/from/id").and_then(Value::as_i64) == Some(user_id);
            let msg = stored.json.as_object_mut().filter(|_| from_user)?;
            msg.insert("text".into(), json!(text));
            msg.remove("entities");
            msg.insert("edit_date".into(), json!(updates::now()));
            let json = stored.json.clone();
            inner.push_update("edited_message", json)
        };
        self.shared.notify();
        Some(id)
    }

    /// Presses an inline button: pushes a callback_query carrying `data` whose
    /// `message` is the current state of message `message_id` in this chat (an
    /// inaccessible-message stub if it does not exist). Returns the query id.
    pub fn press(&self, message_id: i32, data: &str) -> String {
        let id = {
            let mut inner = self.shared.lock();
            self.enter(&mut inner);
            let message = match inner.message(self.chat_id, message_id) {
                Some(m) => m.json.clone(),
                None => {
                    json!({ "chat": inner.chat_json(self.chat_id), "message_id": message_id, "date": 0 })
                }
            };
            self.push_callback(&mut inner, message, data)
        };
        self.shared.notify();
        id
    }

    /// Presses a button on a message given as JSON, whatever chat it names: a
    /// bot message moved into another chat, an old state of one, a made-up one
    /// (forged and stale callbacks). Pushes a callback_query from this user
    /// carrying exactly that `message` and `data`; the bot may answer it like
    /// any other. Returns the query id.
    pub fn press_on_message(&self, message: Value, data: &str) -> String {
        let id = {
            let mut inner = self.shared.lock();
            self.enter(&mut inner);
            self.push_callback(&mut inner, message, data)
        };
        self.shared.notify();
        id
    }

    /// Queues a callback_query from this user on `message` (its chat and id
    /// are where the answer is recorded); returns the query id.
    fn push_callback(&self, inner: &mut Inner, message: Value, data: &str) -> String {
        let chat_id = message
            .pointer("/chat/id")
            .and_then(Value::as_i64)
            .unwrap_or(self.chat_id);
        let message_id = message
            .get("message_id")
            .and_then(Value::as_i64)
            .and_then(|id| i32::try_from(id).ok())
            .unwrap_or(0);
        let id = inner.new_callback(PendingCallback {
            chat_id,
            user_id: self.user_id,
            message_id,
            answered: false,
        });
        let query = json!({
            "id": id,
            "from": inner.user_json(self.user_id),
            "message": message,
            "chat_instance": format!("ci{chat_id}"),
            "data": data,
        });
        inner.push_update("callback_query", query);
        id
    }

    /// Presses the inline button with this text on message `message_id`
    /// (its real callback_data); None if there is no such button.
    pub fn press_button(&self, message_id: i32, text: &str) -> Option<String> {
        let data = {
            let inner = self.shared.lock();
            inner
                .message(self.chat_id, message_id)?
                .sent_view()?
                .button_data(text)?
        };
        Some(self.press(message_id, &data))
    }

    /// The user blocks the bot (private chat): sends fail with 403 "bot was
    /// blocked by the user" until the user writes again or `unblock_bot`.
    pub fn block_bot(&self) {
        self.shared
            .lock()
            .ensure_chat(self.user_id, ChatKind::Private)
            .blocked = true;
    }

    /// Undoes `block_bot`.
    pub fn unblock_bot(&self) {
        self.shared
            .lock()
            .ensure_chat(self.user_id, ChatKind::Private)
            .blocked = false;
    }

    /// What the bot sent to this handle's chat.
    pub fn sent(&self) -> Vec<SentMessage> {
        crate::sent_in(&self.shared, self.chat_id)
    }

    /// The bot's latest message in this handle's chat.
    pub fn last_sent(&self) -> Option<SentMessage> {
        self.sent().pop()
    }
}

/// A group (supergroup by default) the bot is a member of.
#[derive(Clone)]
pub struct GroupHandle {
    shared: Arc<Shared>,
    chat_id: i64,
}

impl GroupHandle {
    pub(crate) fn new(shared: Arc<Shared>, chat_id: i64) -> Self {
        shared.lock().ensure_chat(chat_id, ChatKind::Supergroup);
        Self { shared, chat_id }
    }

    /// The group's chat id.
    pub fn chat_id(&self) -> i64 {
        self.chat_id
    }

    /// Sets the group title (default `Group <id>`).
    pub fn title(self, title: &str) -> Self {
        if let Some(chat) = self.shared.lock().chats.get_mut(&self.chat_id) {
            chat.title = Some(title.to_owned());
        }
        self
    }

    /// A member of this group, to write or press buttons as.
    pub fn from(&self, user_id: i64) -> UserHandle {
        let handle = UserHandle::new(self.shared.clone(), user_id, self.chat_id);
        self.add_member(user_id);
        handle
    }

    /// Adds a member (getChatMember reports "member").
    pub fn add_member(&self, user_id: i64) -> &Self {
        if let Some(chat) = self.shared.lock().chats.get_mut(&self.chat_id) {
            chat.members.insert(user_id);
        }
        self
    }

    /// Makes a user an administrator (getChatMember reports "administrator").
    pub fn add_admin(&self, user_id: i64) -> &Self {
        if let Some(chat) = self.shared.lock().chats.get_mut(&self.chat_id) {
            chat.members.insert(user_id);
            chat.admins.insert(user_id);
        }
        self
    }

    /// Removes the bot from the group: sends fail with 403 "bot was kicked".
    pub fn kick_bot(&self) {
        if let Some(chat) = self.shared.lock().chats.get_mut(&self.chat_id) {
            chat.blocked = true;
        }
    }

    /// What the bot sent to this group.
    pub fn sent(&self) -> Vec<SentMessage> {
        crate::sent_in(&self.shared, self.chat_id)
    }

    /// The bot's latest message in this group.
    pub fn last_sent(&self) -> Option<SentMessage> {
        self.sent().pop()
    }
}
