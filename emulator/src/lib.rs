//! A local stand-in for the Telegram Bot API over HTTP, for evac-intake's
//! end-to-end tests, its `simulate` mode and load benchmarks.
//!
//! Start an [`Emulator`], point teloxide at [`Emulator::api_url`], push
//! updates as simulated users ([`Emulator::user`], [`Emulator::group`]) and
//! inspect what the bot did ([`Emulator::sent`], [`Emulator::calls`], ...).
//! Faults (429, 5xx, dropped connections, slowness) can be injected at
//! random ([`Emulator::set_faults`]) or scripted ([`Emulator::fail_next`]).
//! See README.md in this crate for details.

#![warn(missing_docs)]

pub mod errors;
mod faults;
mod flood;
mod handles;
mod links;
mod markup;
mod methods;
mod model;
mod multipart;
mod params;
mod routes;
mod state;
mod text;
mod updates;
mod webhook;

use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;
use tokio::sync::broadcast;
use tokio::task::JoinHandle;

pub use faults::{FaultKind, Faults};
pub use flood::FloodLimits;
pub use handles::{GroupHandle, UserHandle};
pub use methods::{METHODS, canonical as canonical_method};
pub use model::{
    ApiCall, BotCommand, CallbackAnswer, ChatKind, CommandSet, Event, ReplyButton, SentFile,
    SentMessage,
};
pub use updates::{BOT_FIRST_NAME, BOT_USERNAME};
pub use webhook::WebhookDelivery;

use state::Shared;

/// The user id of the emulated bot (what getMe returns).
pub const BOT_USER_ID: i64 = 7_700_000_001;

/// A running emulator. Cheap to clone; all clones share one server and state.
#[derive(Clone)]
pub struct Emulator {
    shared: Arc<Shared>,
    /// The HTTP server and the webhook delivery task.
    server: Arc<Mutex<Option<Vec<JoinHandle<()>>>>>,
}

impl std::fmt::Debug for Emulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Emulator")
            .field("addr", &self.shared.addr)
            .finish()
    }
}

/// The bot's messages in one chat, in order.
pub(crate) fn sent_in(shared: &Shared, chat_id: i64) -> Vec<SentMessage> {
    let inner = shared.lock();
    let Some(chat) = inner.chats.get(&chat_id) else {
        return Vec::new();
    };
    chat.sent
        .iter()
        .filter_map(|id| chat.messages.get(id)?.sent_view())
        .collect()
}

impl Emulator {
    /// Binds `127.0.0.1:0` and serves on the current tokio runtime.
    pub async fn start() -> io::Result<Emulator> {
        Self::start_on(SocketAddr::from(([127, 0, 0, 1], 0))).await
    }

    /// Binds the given address (e.g. a fixed port for `simulate` mode).
    pub async fn start_on(addr: SocketAddr) -> io::Result<Emulator> {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::new(addr, BOT_USER_ID));
        let app = routes::router(shared.clone());
        let delivery = tokio::spawn(webhook::run(Arc::downgrade(&shared)));
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(Emulator {
            shared,
            server: Arc::new(Mutex::new(Some(vec![server, delivery]))),
        })
    }

    /// Stops accepting connections (open keep-alive connections may still be
    /// served until the client drops them).
    pub fn shutdown(&self) {
        let tasks = self.server.lock().unwrap_or_else(|e| e.into_inner()).take();
        for task in tasks.into_iter().flatten() {
            task.abort();
        }
    }

    /// The listening address.
    pub fn addr(&self) -> SocketAddr {
        self.shared.addr
    }

    /// `http://127.0.0.1:PORT/` — for `Bot::set_api_url(url.parse()?)` or
    /// `TELOXIDE_API_URL`. Teloxide appends `bot<token>/<Method>` as path
    /// segments, so the base must be the server root (a trailing slash is fine).
    pub fn api_url(&self) -> String {
        format!("http://{}/", self.shared.addr)
    }

    /// The bot's user id (getMe: is_bot true, username [`BOT_USERNAME`]).
    pub fn bot_user_id(&self) -> i64 {
        BOT_USER_ID
    }

    /// The bot's username, without `@`.
    pub fn bot_username(&self) -> &'static str {
        BOT_USERNAME
    }

    /// A user writing in their private chat (chat id = user id).
    pub fn user(&self, user_id: i64) -> UserHandle {
        UserHandle::new(self.shared.clone(), user_id, user_id)
    }

    /// A supergroup the bot is a member of (known from now on, so the bot
    /// may post there first).
    pub fn group(&self, chat_id: i64) -> GroupHandle {
        GroupHandle::new(self.shared.clone(), chat_id)
    }

    /// Makes a chat known without pushing an update (e.g. a user who started
    /// the bot before the test).
    pub fn register_chat(&self, chat_id: i64, kind: ChatKind) {
        self.shared.lock().ensure_chat(chat_id, kind);
        self.shared.notify();
    }

    /// Marks a chat as unreachable: a private chat → 403 "bot was blocked by
    /// the user"; a group → 403 "bot was kicked from the ... chat".
    pub fn block(&self, chat_id: i64) {
        let kind = if chat_id > 0 {
            ChatKind::Private
        } else {
            ChatKind::Supergroup
        };
        self.shared.lock().ensure_chat(chat_id, kind).blocked = true;
    }

    /// Undoes [`Emulator::block`].
    pub fn unblock(&self, chat_id: i64) {
        if let Some(chat) = self.shared.lock().chats.get_mut(&chat_id) {
            chat.blocked = false;
        }
    }

    /// Queues any JSON as an update (for fuzzing). `update_id` is assigned
    /// unless the object already has an integer one; a non-object is wrapped
    /// as `{"update_id": N, "unknown_update": value}`. Chats found in
    /// `message.chat` etc. become known. Returns the update id.
    pub fn push_raw_update(&self, update: Value) -> i64 {
        let id = self.shared.lock().push_raw(update);
        self.shared.notify();
        id
    }

    /// Everything the bot sent/copied/forwarded to this chat, in order, in
    /// its current state (edits applied; deleted ones flagged, not removed).
    pub fn sent(&self, chat_id: i64) -> Vec<SentMessage> {
        sent_in(&self.shared, chat_id)
    }

    /// The bot's latest message in this chat.
    pub fn last_sent(&self, chat_id: i64) -> Option<SentMessage> {
        self.sent(chat_id).pop()
    }

    /// One bot message by id.
    pub fn sent_message(&self, chat_id: i64, message_id: i32) -> Option<SentMessage> {
        let inner = self.shared.lock();
        inner
            .chats
            .get(&chat_id)?
            .messages
            .get(&message_id)?
            .sent_view()
    }

    /// How many messages the bot sent to this chat (cheaper than `sent().len()`).
    pub fn sent_count_in(&self, chat_id: i64) -> usize {
        self.shared
            .lock()
            .chats
            .get(&chat_id)
            .map_or(0, |c| c.sent.len())
    }

    /// How many messages the bot sent in all chats.
    pub fn sent_count(&self) -> usize {
        self.shared
            .lock()
            .chats
            .values()
            .map(|c| c.sent.len())
            .sum()
    }

    /// Waits until the bot has sent at least `count` messages to the chat, or
    /// `timeout` passes; returns the chat's messages either way.
    pub async fn wait_for_sent(
        &self,
        chat_id: i64,
        count: usize,
        timeout: Duration,
    ) -> Vec<SentMessage> {
        self.wait_until(timeout, |emu| emu.sent_count_in(chat_id) >= count)
            .await;
        self.sent(chat_id)
    }

    /// Waits until `condition` holds (re-checked after every request and
    /// pushed update) or `timeout` passes; returns the final result.
    pub async fn wait_until(
        &self,
        timeout: Duration,
        mut condition: impl FnMut(&Emulator) -> bool,
    ) -> bool {
        let deadline = tokio::time::Instant::now() + timeout;
        let mut changes = self.shared.watch();
        loop {
            changes.borrow_and_update();
            if condition(self) {
                return true;
            }
            match tokio::time::timeout_at(deadline, changes.changed()).await {
                Ok(Ok(())) => {}
                Ok(Err(_)) => tokio::time::sleep(Duration::from_millis(10)).await,
                Err(_) => return condition(self),
            }
        }
    }

    /// Every request so far, in arrival-completion order.
    pub fn calls(&self) -> Vec<ApiCall> {
        self.shared.lock().calls.clone()
    }

    /// The requests of one method (any spelling).
    pub fn calls_to(&self, method: &str) -> Vec<ApiCall> {
        self.shared
            .lock()
            .calls
            .iter()
            .filter(|c| c.method.eq_ignore_ascii_case(method))
            .cloned()
            .collect()
    }

    /// Empties the call log (e.g. between benchmark phases).
    pub fn clear_calls(&self) {
        self.shared.lock().calls.clear();
    }

    /// Successful answerCallbackQuery calls, in order.
    pub fn callback_answers(&self) -> Vec<CallbackAnswer> {
        self.shared.lock().callback_answers.clone()
    }

    /// Whether the callback query with this id was answered.
    pub fn is_answered(&self, callback_query_id: &str) -> bool {
        self.shared
            .lock()
            .callbacks
            .get(callback_query_id)
            .is_some_and(|c| c.answered)
    }

    /// Updates pushed but not yet confirmed by a getUpdates offset.
    pub fn pending_updates(&self) -> usize {
        self.shared.lock().updates.len()
    }

    /// Whether the bot is waiting for news: every update confirmed and, when it polls, a
    /// getUpdates long poll waiting with nothing to answer. (A bot may confirm an update
    /// before its replies are out; one that long-polls only when no handler runs tells by
    /// that wait that it is done.)
    pub fn bot_idle(&self) -> bool {
        let inner = self.shared.lock();
        inner.updates.is_empty() && (inner.webhook.is_some() || inner.long_polls > 0)
    }

    /// The commands set for exactly this scope and language (`""` = all),
    /// like getMyCommands. `scope` is a BotCommandScope object, e.g.
    /// `json!({"type": "default"})`.
    pub fn commands(&self, scope: &Value, language_code: &str) -> Option<Vec<BotCommand>> {
        let scope = methods::normalize_scope(Some(scope.clone())).ok()?;
        let inner = self.shared.lock();
        let set = inner
            .commands
            .get(&(scope.to_string(), language_code.to_owned()))?;
        Some(set.commands.clone())
    }

    /// All command sets the bot stored.
    pub fn command_sets(&self) -> Vec<CommandSet> {
        self.shared.lock().commands.values().cloned().collect()
    }

    /// The commands a Telegram client would show this user in this chat,
    /// following the Bot API's scope and language fallback order.
    pub fn visible_commands(
        &self,
        chat_id: i64,
        user_id: i64,
        language_code: Option<&str>,
    ) -> Vec<BotCommand> {
        methods::visible_commands(&self.shared.lock(), chat_id, user_id, language_code)
    }

    /// The reply keyboard the user currently sees in this chat (set by the
    /// latest message with `keyboard`, cleared by `remove_keyboard`).
    pub fn reply_keyboard(&self, chat_id: i64) -> Option<Value> {
        self.shared
            .lock()
            .chats
            .get(&chat_id)?
            .reply_keyboard
            .clone()
    }

    /// The webhook URL, if the bot set one.
    pub fn webhook_url(&self) -> Option<String> {
        let inner = self.shared.lock();
        inner
            .webhook
            .as_ref()?
            .get("url")?
            .as_str()
            .map(str::to_owned)
    }

    /// The current random fault configuration.
    pub fn faults(&self) -> Faults {
        self.shared.lock().faults.config().clone()
    }

    /// Replaces the random fault configuration (restarting its PRNG from
    /// `faults.seed`). Takes effect for the next request.
    pub fn set_faults(&self, faults: Faults) {
        self.shared.lock().faults.set(faults);
    }

    /// Turns off random faults and drops scripted ones.
    pub fn clear_faults(&self) {
        let mut inner = self.shared.lock();
        inner.faults.set(Faults::none());
        inner.faults.clear_scripted();
    }

    /// Every call from now on pays this round trip, as a real Bot API 30–150 ms away does:
    /// half before it is carried out, half before the answer is sent (zero: none, the
    /// default).
    pub fn set_round_trip(&self, round_trip: Duration) {
        self.shared.round_trip_us.store(
            round_trip.as_micros().min(u128::from(u64::MAX)) as u64,
            std::sync::atomic::Ordering::Relaxed,
        );
    }

    /// Every webhook delivery attempt so far, in order of completion (see `setWebhook`: once a
    /// webhook is set, queued updates are POSTed to it instead of waiting for getUpdates).
    pub fn webhook_deliveries(&self) -> Vec<WebhookDelivery> {
        self.shared.lock().delivery.log.clone()
    }

    /// Holds back every queued and new update (getUpdates answers none, no webhook delivery),
    /// as a Telegram that is slow to deliver does, until [`Emulator::release_updates`]: the bot
    /// then gets all of them at once, in one getUpdates answer (up to its limit).
    pub fn hold_updates(&self) {
        self.shared.lock().held = true;
    }

    /// Ends [`Emulator::hold_updates`], waking a waiting long poll.
    pub fn release_updates(&self) {
        self.shared.lock().held = false;
        self.shared.notify();
    }

    /// Makes the next `n` calls of `method` (any spelling; getUpdates too)
    /// fail with `kind`, before any random fault.
    pub fn fail_next(&self, method: &str, n: usize, kind: FaultKind) {
        let name = methods::canonical(method).unwrap_or(method);
        self.shared.lock().faults.fail_next(name, n, kind);
    }

    /// Turns Telegram-like flood control on (`Some`) or off (`None`, the
    /// default): new messages beyond the limits get 429 with retry_after.
    pub fn set_flood_limits(&self, limits: Option<FloodLimits>) {
        self.shared.lock().flood.set(limits);
    }

    /// The flood limits in force, if any.
    pub fn flood_limits(&self) -> Option<FloodLimits> {
        self.shared.lock().flood.limits().cloned()
    }

    /// Live events (sent/edited/deleted messages, callback answers, chat
    /// actions), e.g. for printing the bot's output in `simulate` mode.
    pub fn events(&self) -> broadcast::Receiver<Event> {
        self.shared.lock().events.subscribe()
    }
}
