//! Simulated people: [`UserHandle`] pushes updates as a user (in their private
//! chat or in a group), [`GroupHandle`] sets up a group the bot is in.

use std::sync::Arc;

use serde_json::{Map, Value, json};

use crate::model::{ChatKind, SentMessage};
use crate::state::{BotRights, ChatState, Inner, PendingCallback, Shared};
use crate::{links, methods, updates};

/// Default byte sizes of media a simulated user sends.
const PHOTO_SIZE: usize = 54_321;
const VOICE_SIZE: usize = 8_192;
const VIDEO_SIZE: usize = 512_000;
const STICKER_SIZE: usize = 20_480;
const DOCUMENT_SIZE: usize = 12_345;

/// A user writing to the bot from one chat: their private chat
/// (`Emulator::user`) or a group (`GroupHandle::from`). Every `send_*`/`press`
/// pushes one update and makes the chat known, so the bot may answer there.
/// Texts and captions get `url` entities for the links in them, as Telegram
/// adds them. Profile setters (`language`, `first_name`, ...) change the user
/// everywhere.
///
/// A user banned from the group (banChatMember) cannot write there: `send_*`,
/// `press*` and `edit_text` then panic with "user N is banned in chat M", so a
/// test doing it fails loudly.
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

    /// Panics if the user is banned in this handle's chat (see the type's docs).
    fn refuse_if_banned(&self) {
        let banned = self
            .shared
            .lock()
            .chats
            .get(&self.chat_id)
            .is_some_and(|c| c.is_banned(self.user_id));
        assert!(
            !banned,
            "user {} is banned in chat {}",
            self.user_id, self.chat_id
        );
    }

    /// Pushes a message with these content fields; returns its message_id.
    /// `text` / `caption` without `entities` / `caption_entities` get the
    /// `url` entities of their links.
    pub fn send_fields(&self, fields: Value) -> i32 {
        self.refuse_if_banned();
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
                msg.extend(with_links(fields));
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
    /// `bot_command` entity over the command word, and `url` entities for
    /// links in the rest, as Telegram does).
    pub fn send_command(&self, command: &str) -> i32 {
        let word = command.split_whitespace().next().unwrap_or(command);
        let length: usize = word.encode_utf16().count();
        let mut entities = vec![json!({ "type": "bot_command", "offset": 0, "length": length })];
        entities.extend(links::url_entities(command));
        self.send_fields(json!({ "text": command, "entities": entities }))
    }

    /// Posts a forward of a channel's post: a text whose `forward_origin` is
    /// `{"type":"channel","chat":{...},"message_id":1,"date":now}` (what
    /// teloxide's `msg.forward_origin()` reads; no legacy `forward_from_chat`,
    /// which Bot API 7 dropped). Returns its message_id.
    pub fn send_forward_from_channel(
        &self,
        channel_id: i64,
        channel_title: &str,
        text: &str,
    ) -> i32 {
        let origin = json!({
            "type": "channel",
            "chat": { "id": channel_id, "type": "channel", "title": channel_title },
            "message_id": 1,
            "date": updates::now(),
        });
        self.send_fields(json!({ "text": text, "forward_origin": origin }))
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

    /// Sends an album of `count` photos as Telegram delivers one: a message and an update
    /// for each photo, all with the same `media_group_id`; the first carries `caption`.
    /// Returns their message ids.
    pub fn send_album(&self, count: usize, caption: Option<&str>) -> Vec<i32> {
        self.album(count, caption, None)
    }

    /// [`UserHandle::send_album`] as a reply to message `reply_to` of this chat (each photo
    /// carries the reply, as Telegram delivers it).
    pub fn reply_album(&self, reply_to: i32, count: usize) -> Vec<i32> {
        self.album(count, None, Some(reply_to))
    }

    fn album(&self, count: usize, caption: Option<&str>, reply_to: Option<i32>) -> Vec<i32> {
        let (group, replied) = {
            let inner = self.shared.lock();
            let group = format!(
                "{}{}",
                self.chat_id.unsigned_abs(),
                inner.peek_message_id(self.chat_id)
            );
            let replied = reply_to
                .and_then(|id| inner.message(self.chat_id, id))
                .map(|m| {
                    let mut json = m.json.clone();
                    if let Some(obj) = json.as_object_mut() {
                        obj.remove("reply_to_message");
                    }
                    json
                });
            (group, replied)
        };
        (0..count)
            .map(|i| {
                let media = {
                    let mut inner = self.shared.lock();
                    let (id, unique) = inner.new_file("photo", None, PHOTO_SIZE);
                    updates::media_object("photo", &id, &unique, None, PHOTO_SIZE)
                };
                let mut fields = json!({ "photo": media, "media_group_id": group });
                if let (0, Some(c)) = (i, caption) {
                    fields["caption"] = json!(c);
                }
                if let Some(r) = &replied {
                    fields["reply_to_message"] = r.clone();
                }
                self.send_fields(fields)
            })
            .collect()
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
        self.refuse_if_banned();
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
            let found = links::url_entities(text);
            if !found.is_empty() {
                msg.insert("entities".into(), Value::Array(found));
            }
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
        self.refuse_if_banned();
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
        self.refuse_if_banned();
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

/// Adds the `url` entities of `text` and `caption` unless the fields give
/// their own entities.
fn with_links(mut fields: Map<String, Value>) -> Map<String, Value> {
    for (text_key, entities_key) in [("text", "entities"), ("caption", "caption_entities")] {
        if fields.contains_key(entities_key) {
            continue;
        }
        let found = match fields.get(text_key) {
            Some(Value::String(text)) => links::url_entities(text),
            _ => continue,
        };
        if !found.is_empty() {
            fields.insert(entities_key.into(), Value::Array(found));
        }
    }
    fields
}

/// A group (supergroup by default) the bot is a member of: by default as a
/// plain member, so it may delete only its own messages and ban no one until
/// `bot_admin` gives it rights.
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

    /// Runs `f` on this group's state (the group always exists).
    fn chat<T>(&self, f: impl FnOnce(&mut ChatState) -> T) -> T {
        f(self
            .shared
            .lock()
            .ensure_chat(self.chat_id, ChatKind::Supergroup))
    }

    /// A post in this group made in the name of channel `channel_id`, as Telegram delivers it
    /// (`from` is the service user Channel_Bot, `sender_chat` the channel); returns its id.
    /// Panics if the channel is banned here (banChatSenderChat).
    pub fn post_as_channel(&self, channel_id: i64, title: &str, text: &str) -> i32 {
        assert!(
            !self.is_banned(channel_id),
            "channel {channel_id} is banned in chat {}",
            self.chat_id
        );
        UserHandle::new(self.shared.clone(), CHANNEL_BOT, self.chat_id).send_fields(json!({
            "from": {"id": CHANNEL_BOT, "is_bot": true, "first_name": "Channel", "username": "Channel_Bot"},
            "sender_chat": {"id": channel_id, "type": "channel", "title": title},
            "text": text,
        }))
    }

    /// A post by an anonymous administrator: in the name of the group itself.
    pub fn post_as_anonymous_admin(&self, text: &str) -> i32 {
        let title = self.chat(|c| c.title.clone()).unwrap_or_default();
        UserHandle::new(self.shared.clone(), GROUP_ANONYMOUS_BOT, self.chat_id).send_fields(json!({
            "from": {"id": GROUP_ANONYMOUS_BOT, "is_bot": true, "first_name": "Group", "username": "GroupAnonymousBot"},
            "sender_chat": {"id": self.chat_id, "type": "supergroup", "title": title},
            "text": text,
        }))
    }

    /// A member of this group, to write or press buttons as (a banned user
    /// stays banned: their handle's sends panic).
    pub fn from(&self, user_id: i64) -> UserHandle {
        let handle = UserHandle::new(self.shared.clone(), user_id, self.chat_id);
        if !self.is_banned(user_id) {
            self.add_member(user_id);
        }
        handle
    }

    /// Adds a member (getChatMember reports "member"), lifting a ban as an
    /// administrator adding a banned user back does in Telegram.
    pub fn add_member(&self, user_id: i64) -> &Self {
        self.chat(|chat| {
            chat.unban(user_id);
            chat.members.insert(user_id);
        });
        self
    }

    /// Makes a user an administrator (getChatMember reports "administrator"
    /// with every right but can_promote_members; banChatMember refuses with
    /// "user is an administrator of the chat"). Lifts a ban.
    pub fn add_admin(&self, user_id: i64) -> &Self {
        self.chat(|chat| {
            chat.unban(user_id);
            chat.members.insert(user_id);
            chat.admins.insert(user_id);
        });
        self
    }

    /// Makes a user the group's creator (getChatMember reports "creator",
    /// getChatAdministrators lists them first; banChatMember refuses with
    /// "can't remove chat owner"). Lifts a ban.
    pub fn set_owner(&self, user_id: i64) -> &Self {
        self.chat(|chat| {
            chat.unban(user_id);
            chat.members.insert(user_id);
            chat.owner = Some(user_id);
        });
        self
    }

    /// Makes the bot an administrator with these rights: getChatMember for
    /// the bot reports "administrator" (can_manage_chat true, the other
    /// rights false); deleting others' messages needs `can_delete_messages`,
    /// banChatMember/unbanChatMember need `can_restrict_members`. No
    /// my_chat_member update is pushed.
    pub fn bot_admin(&self, can_delete_messages: bool, can_restrict_members: bool) -> &Self {
        self.chat(|chat| {
            chat.bot_rights = Some(BotRights {
                can_delete_messages,
                can_restrict_members,
            });
        });
        self
    }

    /// Makes the bot a plain member again (the default): it may delete only
    /// its own messages and ban no one.
    pub fn bot_member(&self) -> &Self {
        self.chat(|chat| chat.bot_rights = None);
        self
    }

    /// A user joins the group: they become a member and a `chat_member`
    /// update (from the user, `old_chat_member` "left", `new_chat_member`
    /// "member") is queued. Returns its update id. As in Telegram the update
    /// exists only if the bot is an administrator of the group at that moment
    /// (otherwise the id is used up and nothing is queued), and getUpdates or
    /// a webhook delivers it only when `allowed_updates` names
    /// `"chat_member"`. No `new_chat_members` service message is sent.
    ///
    /// Panics if the user is banned here or is an administrator or the
    /// creator (a test bug: they cannot join).
    pub fn join(&self, user_id: i64) -> i64 {
        let (banned, admin) = self.chat(|c| (c.is_banned(user_id), c.is_admin(user_id)));
        assert!(!banned, "user {user_id} is banned in chat {}", self.chat_id);
        assert!(
            !admin,
            "user {user_id} is an administrator of chat {}: join is for newcomers",
            self.chat_id
        );
        let id = {
            let mut inner = self.shared.lock();
            inner.user(user_id);
            let chat = inner.ensure_chat(self.chat_id, ChatKind::Supergroup);
            chat.members.insert(user_id);
            let bot_is_admin = chat.bot_rights.is_some();
            let user = inner.user_json(user_id);
            let update = json!({
                "chat": inner.chat_json(self.chat_id),
                "from": user,
                "date": updates::now(),
                "old_chat_member": { "status": "left", "user": user },
                "new_chat_member": methods::member_json(&inner, self.chat_id, user_id),
            });
            if bot_is_admin {
                inner.push_update("chat_member", update)
            } else {
                inner.skip_update_id()
            }
        };
        self.shared.notify();
        id
    }

    /// Whether the user is banned here now (banChatMember, until it ends or
    /// unbanChatMember).
    pub fn is_banned(&self, user_id: i64) -> bool {
        self.chat(|chat| chat.is_banned(user_id))
    }

    /// The users banned here now, in the order they were banned.
    pub fn bans(&self) -> Vec<i64> {
        self.chat(|chat| {
            chat.bans
                .iter()
                .filter(|b| chat.is_banned(b.user_id))
                .map(|b| b.user_id)
                .collect()
        })
    }

    /// Ids of the deleted messages in this group (any sender), in the order
    /// they were deleted.
    pub fn deleted(&self) -> Vec<i32> {
        self.chat(|chat| chat.deletions.clone())
    }

    /// Whether message `message_id` of this group was deleted.
    pub fn is_deleted(&self, message_id: i32) -> bool {
        self.chat(|chat| chat.messages.get(&message_id).is_some_and(|m| m.deleted))
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

/// Telegram's service user behind posts made in the name of a channel.
const CHANNEL_BOT: i64 = 136_817_688;
/// Telegram's service user behind posts of anonymous administrators.
const GROUP_ANONYMOUS_BOT: i64 = 1_087_968_824;
