//! The emulator's state: users, chats with their messages, the update queue,
//! files, callback queries, commands, the call log and faults.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;
use std::time::Instant;

use serde_json::{Map, Value, json};
use tokio::sync::{broadcast, watch};

use crate::errors::{self, ApiErr};
use crate::faults::FaultState;
use crate::flood::FloodState;
use crate::model::{ApiCall, CallbackAnswer, ChatKind, CommandSet, Event, SentMessage};
use crate::updates::{self, UserInfo};

/// Everything shared between the server and the `Emulator` handles.
pub(crate) struct Shared {
    inner: Mutex<Inner>,
    changed: watch::Sender<u64>,
    pub started: Instant,
    pub addr: SocketAddr,
    /// The network distance every call pays (microseconds): half before the call is carried
    /// out, half before its answer is sent.
    pub round_trip_us: std::sync::atomic::AtomicU64,
}

impl Shared {
    pub fn new(addr: SocketAddr, bot_id: i64) -> Self {
        Self {
            inner: Mutex::new(Inner::new(bot_id)),
            changed: watch::channel(0).0,
            started: Instant::now(),
            addr,
            round_trip_us: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// Half the round trip (see `round_trip_us`).
    pub fn half_round_trip(&self) -> Duration {
        Duration::from_micros(
            self.round_trip_us
                .load(std::sync::atomic::Ordering::Relaxed)
                / 2,
        )
    }

    /// Locks the state (a poisoned lock is recovered: the data stays usable).
    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Wakes everything waiting for a change (long polls, `wait_*`).
    pub fn notify(&self) {
        self.changed.send_modify(|v| *v = v.wrapping_add(1));
    }

    /// A receiver that sees every later `notify`.
    pub fn watch(&self) -> watch::Receiver<u64> {
        self.changed.subscribe()
    }
}

/// A message in a chat: its JSON, and what the bot sent if it is the bot's.
#[derive(Debug, Clone)]
pub(crate) struct StoredMessage {
    pub json: Value,
    pub sent: Option<SentMessage>,
    pub deleted: bool,
}

impl StoredMessage {
    /// The bot's record with the current message JSON filled in.
    pub fn sent_view(&self) -> Option<SentMessage> {
        let mut s = self.sent.clone()?;
        s.message = self.json.clone();
        s.deleted = self.deleted;
        Some(s)
    }
}

/// The bot's administrator rights in a group (the ones the emulator checks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BotRights {
    pub can_delete_messages: bool,
    pub can_restrict_members: bool,
}

/// A user banned from a group: who, and until when (unix time, 0 = forever).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ban {
    pub user_id: i64,
    pub until_date: i64,
}

impl Ban {
    /// Whether the ban still holds (a dated one ends at `until_date`).
    fn active(&self) -> bool {
        self.until_date == 0 || self.until_date > updates::now()
    }
}

/// A chat the bot can see.
#[derive(Debug, Clone)]
pub(crate) struct ChatState {
    pub kind: ChatKind,
    pub title: Option<String>,
    next_message_id: i32,
    pub messages: BTreeMap<i32, StoredMessage>,
    pub sent: Vec<i32>,
    /// Ids of deleted messages (any sender), in deletion order.
    pub deletions: Vec<i32>,
    pub blocked: bool,
    pub members: BTreeSet<i64>,
    pub admins: BTreeSet<i64>,
    /// The group's creator, if a test named one.
    pub owner: Option<i64>,
    /// `Some` when the bot is an administrator of this group.
    pub bot_rights: Option<BotRights>,
    /// Bans in the order they were made (expired ones are ignored).
    pub bans: Vec<Ban>,
    pub reply_keyboard: Option<Value>,
}

impl ChatState {
    fn new(kind: ChatKind) -> Self {
        Self {
            kind,
            title: None,
            next_message_id: 1,
            messages: BTreeMap::new(),
            sent: Vec::new(),
            deletions: Vec::new(),
            blocked: false,
            members: BTreeSet::new(),
            admins: BTreeSet::new(),
            owner: None,
            bot_rights: None,
            bans: Vec::new(),
            reply_keyboard: None,
        }
    }

    /// A live (not deleted) message.
    pub fn message(&self, id: i32) -> Option<&StoredMessage> {
        self.messages.get(&id).filter(|m| !m.deleted)
    }

    /// Whether the user is an administrator or the creator of this chat.
    pub fn is_admin(&self, user_id: i64) -> bool {
        self.admins.contains(&user_id) || self.owner == Some(user_id)
    }

    /// The user's ban, if one holds now.
    pub fn ban_of(&self, user_id: i64) -> Option<Ban> {
        self.bans
            .iter()
            .find(|b| b.user_id == user_id && b.active())
            .copied()
    }

    /// Whether the user is banned from this chat now.
    pub fn is_banned(&self, user_id: i64) -> bool {
        self.ban_of(user_id).is_some()
    }

    /// Bans a user (a new ban replaces an old one, keeping its place) and
    /// removes them from the members.
    pub fn ban(&mut self, user_id: i64, until_date: i64) {
        self.members.remove(&user_id);
        self.bans.retain(|b| b.user_id != user_id || b.active());
        match self.bans.iter_mut().find(|b| b.user_id == user_id) {
            Some(ban) => ban.until_date = until_date,
            None => self.bans.push(Ban {
                user_id,
                until_date,
            }),
        }
    }

    /// Lifts a user's ban; whether there was one.
    pub fn unban(&mut self, user_id: i64) -> bool {
        let was = self.is_banned(user_id);
        self.bans.retain(|b| b.user_id != user_id);
        was
    }

    /// Marks a live message deleted; whether there was one.
    pub fn delete(&mut self, id: i32) -> bool {
        let Some(stored) = self.messages.get_mut(&id).filter(|m| !m.deleted) else {
            return false;
        };
        stored.deleted = true;
        self.deletions.push(id);
        true
    }
}

/// A file the emulator issued an id for.
#[derive(Debug, Clone)]
pub(crate) struct FileMeta {
    pub unique: String,
    pub size: usize,
    pub file_name: Option<String>,
    pub kind: String,
}

/// A callback query that was pushed.
#[derive(Debug, Clone)]
pub(crate) struct PendingCallback {
    pub chat_id: i64,
    pub user_id: i64,
    pub message_id: i32,
    pub answered: bool,
}

/// The mutable state behind the lock.
pub(crate) struct Inner {
    pub bot_id: i64,
    pub events: broadcast::Sender<Event>,
    next_update_id: i64,
    pub updates: VecDeque<(i64, Value)>,
    pub allowed_updates: Option<Vec<String>>,
    pub users: HashMap<i64, UserInfo>,
    pub chats: HashMap<i64, ChatState>,
    pub files: HashMap<String, FileMeta>,
    next_file: u64,
    pub callbacks: HashMap<String, PendingCallback>,
    next_callback: u64,
    pub callback_answers: Vec<CallbackAnswer>,
    pub calls: Vec<ApiCall>,
    next_call: u64,
    pub commands: BTreeMap<(String, String), CommandSet>,
    pub webhook: Option<Value>,
    pub delivery: crate::webhook::DeliveryState,
    pub faults: FaultState,
    pub flood: FloodState,
    /// getUpdates calls waiting for news (a long poll with nothing to answer yet).
    pub long_polls: usize,
    /// While set, queued updates are delivered to nobody (see `Emulator::hold_updates`).
    pub held: bool,
}

impl Inner {
    fn new(bot_id: i64) -> Self {
        Self {
            bot_id,
            events: broadcast::channel(4096).0,
            next_update_id: 1,
            updates: VecDeque::new(),
            allowed_updates: None,
            users: HashMap::new(),
            chats: HashMap::new(),
            files: HashMap::new(),
            next_file: 1,
            callbacks: HashMap::new(),
            next_callback: 1,
            callback_answers: Vec::new(),
            calls: Vec::new(),
            next_call: 0,
            commands: BTreeMap::new(),
            webhook: None,
            delivery: Default::default(),
            faults: FaultState::default(),
            flood: FloodState::default(),
            long_polls: 0,
            held: false,
        }
    }

    /// Sends an event to live subscribers (nobody listening is fine).
    pub fn emit(&self, event: Event) {
        let _ = self.events.send(event);
    }

    /// The user's profile, created with defaults if new.
    pub fn user(&mut self, id: i64) -> &mut UserInfo {
        self.users
            .entry(id)
            .or_insert_with(|| UserInfo::default_for(id))
    }

    /// The `User` object of a user (defaults if unknown).
    pub fn user_json(&self, id: i64) -> Value {
        if id == self.bot_id {
            return updates::bot_user(id);
        }
        self.users
            .get(&id)
            .cloned()
            .unwrap_or_else(|| UserInfo::default_for(id))
            .to_json(id)
    }

    /// Makes the chat known (the bot may write there); returns it.
    pub fn ensure_chat(&mut self, id: i64, kind: ChatKind) -> &mut ChatState {
        if kind == ChatKind::Private {
            self.user(id);
        }
        self.chats.entry(id).or_insert_with(|| ChatState::new(kind))
    }

    /// The `Chat` object of a known chat (a private-chat shape if unknown).
    pub fn chat_json(&self, id: i64) -> Value {
        let Some(chat) = self.chats.get(&id) else {
            return json!({ "id": id, "type": "private", "first_name": format!("User{id}") });
        };
        match chat.kind {
            ChatKind::Private => {
                let user = self.user_json(id);
                let mut v = json!({ "id": id, "type": "private" });
                for key in ["first_name", "last_name", "username"] {
                    if let Some(x) = user.get(key) {
                        v[key] = x.clone();
                    }
                }
                v
            }
            kind => {
                let title = chat.title.clone().unwrap_or_else(|| format!("Group {id}"));
                json!({ "id": id, "type": kind.as_str(), "title": title })
            }
        }
    }

    /// Checks the bot may send to `id`: known, not blocked/kicked.
    pub fn writable(&self, id: i64) -> Result<(), ApiErr> {
        let Some(chat) = self.chats.get(&id) else {
            return Err(if id > 0 {
                ApiErr::forbidden(errors::CANT_INITIATE)
            } else {
                ApiErr::bad(errors::CHAT_NOT_FOUND)
            });
        };
        if !chat.blocked {
            return Ok(());
        }
        Err(ApiErr::forbidden(match chat.kind {
            ChatKind::Private => errors::BOT_BLOCKED,
            ChatKind::Group => errors::KICKED_GROUP,
            ChatKind::Supergroup => errors::KICKED_SUPERGROUP,
            ChatKind::Channel => errors::KICKED_CHANNEL,
        }))
    }

    /// Checks a chat is known at all (for reading from it).
    pub fn known(&self, id: i64) -> Result<&ChatState, ApiErr> {
        self.chats
            .get(&id)
            .ok_or_else(|| ApiErr::bad(errors::CHAT_NOT_FOUND))
    }

    /// Allocates the next message id in a chat (the chat must exist).
    pub fn next_message_id(&mut self, chat_id: i64) -> i32 {
        let chat = self
            .chats
            .entry(chat_id)
            .or_insert_with(|| ChatState::new(ChatKind::Private));
        let id = chat.next_message_id;
        chat.next_message_id += 1;
        id
    }

    /// The id the next message in `chat_id` will get.
    pub fn peek_message_id(&self, chat_id: i64) -> i32 {
        self.chats.get(&chat_id).map_or(1, |c| c.next_message_id)
    }

    /// A live message.
    pub fn message(&self, chat_id: i64, id: i32) -> Option<&StoredMessage> {
        self.chats.get(&chat_id)?.message(id)
    }

    /// Stores a message (a bot message also goes to the chat's sent list).
    pub fn store(&mut self, chat_id: i64, id: i32, msg: StoredMessage) {
        let chat = self
            .chats
            .entry(chat_id)
            .or_insert_with(|| ChatState::new(ChatKind::Private));
        if msg.sent.is_some() {
            chat.sent.push(id);
        }
        chat.messages.insert(id, msg);
    }

    /// Takes the next update id without queuing anything (an update Telegram
    /// would not create, e.g. chat_member for a bot that is not an admin).
    pub fn skip_update_id(&mut self) -> i64 {
        let id = self.next_update_id;
        self.next_update_id += 1;
        id
    }

    /// Queues an update `{update_id, <kind>: payload}`; returns its id.
    pub fn push_update(&mut self, kind: &str, payload: Value) -> i64 {
        let id = self.skip_update_id();
        let mut update = Map::new();
        update.insert("update_id".into(), json!(id));
        update.insert(kind.into(), payload);
        self.updates.push_back((id, Value::Object(update)));
        id
    }

    /// Queues an arbitrary update, filling `update_id` unless it is an integer.
    pub fn push_raw(&mut self, update: Value) -> i64 {
        let mut obj = match update {
            Value::Object(obj) => obj,
            other => {
                let mut m = Map::new();
                m.insert("unknown_update".into(), other);
                m
            }
        };
        let id = match obj.get("update_id").and_then(Value::as_i64) {
            Some(given) => {
                self.next_update_id = self.next_update_id.max(given.saturating_add(1));
                given
            }
            None => {
                let id = self.next_update_id;
                self.next_update_id += 1;
                obj.insert("update_id".into(), json!(id));
                id
            }
        };
        let update = Value::Object(obj);
        self.learn_chats(&update);
        self.updates.push_back((id, update));
        id
    }

    /// Registers chats mentioned by a raw update, so the bot may answer there.
    fn learn_chats(&mut self, update: &Value) {
        let chats = ["message", "edited_message", "channel_post"]
            .iter()
            .filter_map(|k| update.get(*k)?.get("chat"))
            .chain(update.pointer("/callback_query/message/chat"));
        let found: Vec<(i64, ChatKind)> = chats
            .filter_map(|chat| {
                let id = chat.get("id")?.as_i64()?;
                let kind = match chat.get("type")?.as_str()? {
                    "private" => ChatKind::Private,
                    "group" => ChatKind::Group,
                    "supergroup" => ChatKind::Supergroup,
                    "channel" => ChatKind::Channel,
                    _ => return None,
                };
                Some((id, kind))
            })
            .collect();
        for (id, kind) in found {
            self.ensure_chat(id, kind);
        }
    }

    /// Issues a new file id for `kind`: `(file_id, file_unique_id)`.
    pub fn new_file(
        &mut self,
        kind: &str,
        file_name: Option<String>,
        size: usize,
    ) -> (String, String) {
        let n = self.next_file;
        self.next_file += 1;
        let file_id = format!("emu-{kind}-{n}");
        let unique = format!("emuU{n}");
        if kind == "photo" {
            self.files.insert(
                format!("{file_id}-s"),
                FileMeta {
                    unique: format!("{unique}-s"),
                    size: size / 10,
                    file_name: None,
                    kind: kind.into(),
                },
            );
        }
        self.files.insert(
            file_id.clone(),
            FileMeta {
                unique: unique.clone(),
                size,
                file_name,
                kind: kind.into(),
            },
        );
        (file_id, unique)
    }

    /// A new callback query id, remembered as unanswered.
    pub fn new_callback(&mut self, pending: PendingCallback) -> String {
        let id = (4_000_000_000_000_000_u64 + self.next_callback).to_string();
        self.next_callback += 1;
        self.callbacks.insert(id.clone(), pending);
        id
    }

    /// Appends to the call log.
    pub fn record(&mut self, mut call: ApiCall) {
        call.seq = self.next_call;
        self.next_call += 1;
        self.calls.push(call);
    }
}
