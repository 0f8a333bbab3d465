//! The durable notification outbox: every message the bot sends outside the immediate dialogue
//! reply (case cards, critical alerts, relayed messages, check-ins, escalations) goes through it.
//!
//! Why: a notification about a person in danger must not be lost when Telegram says "wait"
//! (429), the connection drops, or the process is killed between committing a case and sending
//! the alert. So a notification is an `outbox` row committed in the same transaction as the
//! change that caused it ([`Db::enqueue_in`]); a row is sent later by whoever leases it: the
//! handler right after its commit ([`Outbox::flush`], so alerts go out at once), or the
//! background worker ([`Outbox::spawn_worker`]), which also sends what was left pending before a
//! restart.
//!
//! Rules:
//! - **One sender per row, one row per chat at a time.** A sender leases a row (status
//!   `sending`, `lease_until`); only the oldest unfinished row of a chat can be leased, so each
//!   chat gets its messages in the order they were queued, even across retries.
//! - **Errors.** `retry_after` is honoured (not counted as an attempt); network errors and 5xx
//!   are retried with exponential backoff (1, 2, 4, … 300 s) and given up as `failed` after
//!   [`MAX_ATTEMPTS`]; 403s (blocked, deactivated, kicked, never started) make the row
//!   `undeliverable` and mark the person unreachable; other API errors (bad requests) are
//!   `failed` at once. Editing a message that is already up to date, gone, or too old counts as
//!   done.
//! - **Exactly once, as far as Telegram allows.** Without a crash each row is sent exactly once,
//!   however many `flush`/`deliver_due` calls race. A sender that dies between Telegram's answer
//!   and recording it (kill -9, an aborted task, a send that times out after Telegram carried it
//!   out) leaves a `sending` row whose lease expires after [`LEASE_SECS`]; it is then sent again.
//!   That is deliberate: the Bot API has no idempotency key, and for life-critical notifications
//!   a duplicate beats a loss. Delivery is therefore at-least-once.
//! - **No personal data in logs**: only row ids, chat ids, statuses and error kinds; never the
//!   payload.

use std::{sync::Arc, time::Duration};

use serde::{Deserialize, Serialize};
use teloxide::{
    Bot, RequestError,
    adaptors::{
        Throttle,
        throttle::{Limits, Settings},
    },
    payloads::{
        BanChatMemberSetters, CopyMessageSetters, CopyMessagesSetters, EditMessageTextSetters,
        SendMessageSetters, UnbanChatMemberSetters,
    },
    requests::Requester,
    types::{ChatId, InlineKeyboardMarkup, MessageId, ReplyParameters, UserId},
};
use tokio::sync::Notify;

use crate::{
    clock::Clock,
    db::{Db, OutboxRow, OutboxStatus},
};

/// A leased row is not taken by another sender for this long (seconds).
pub const LEASE_SECS: i64 = 120;
/// Transient failures before a row is given up as failed.
pub const MAX_ATTEMPTS: i64 = 10;
/// The longest backoff between two attempts (seconds).
pub const MAX_BACKOFF_SECS: i64 = 300;
/// At most this many rows (all in different chats) are sent at once.
const BATCH: i64 = 30;
/// A send that takes longer (queued in the throttle, or a hung connection) is abandoned and
/// retried; well within the lease, so no other sender takes the row meanwhile.
const SEND_TIMEOUT: Duration = Duration::from_secs(60);
/// How often [`Outbox::flush_waiting`] looks again at rows another sender holds.
const FLUSH_POLL: Duration = Duration::from_millis(100);
/// How often the worker looks for due rows when nobody wakes it.
const WORKER_PERIOD: Duration = Duration::from_secs(1);

/// An album copy waits this long (seconds) after its latest item arrived before it is sent,
/// so the items Telegram delivers one by one go out together (see
/// [`crate::db::Db::enqueue_album_part`]).
pub const ALBUM_WAIT_SECS: i64 = 2;

/// Telegram's real limits (teloxide's default of 10 messages a minute per group is wrong).
pub const TELEGRAM_LIMITS: Limits = Limits {
    messages_per_sec_chat: 1,
    messages_per_min_chat: 20,
    messages_per_min_channel_or_supergroup: 20,
    messages_per_sec_overall: 30,
};

/// What to send.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Payload {
    /// Plain text (no parse mode), optional inline keyboard.
    Text {
        text: String,
        #[serde(default)]
        markup: Option<InlineKeyboardMarkup>,
        /// In a group: the message it answers (sent anyway if that one is gone).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reply_to: Option<i32>,
    },
    /// copyMessage: the copy hides who sent the original.
    Copy {
        from_chat: i64,
        message_id: i32,
        #[serde(default)]
        markup: Option<InlineKeyboardMarkup>,
    },
    /// copyMessages: copies of several messages of one chat in one call, so an album (a
    /// media group, which Telegram delivers as one message per photo) arrives as one album.
    /// Ids increasing; no buttons (Telegram takes none for an album).
    CopyAlbum {
        from_chat: i64,
        message_ids: Vec<i32>,
    },
    /// editMessageText of a message the bot sent earlier ("taken" on a case card). Not-modified
    /// and not-found errors count as done.
    EditText {
        message_id: i32,
        text: String,
        #[serde(default)]
        markup: Option<InlineKeyboardMarkup>,
    },
    /// deleteMessage in a group (a post the guard removes). A message already gone counts as
    /// done.
    Delete { message_id: i32 },
    /// banChatMember in a group, with the member's messages removed (`revoke`).
    Ban { user_id: i64, revoke: bool },
    /// unbanChatMember in a group (only if banned: never kicks a member).
    Unban { user_id: i64 },
}

/// What to record once the message is sent, in the transaction that marks it sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AfterSent {
    None,
    /// Record the sent message as a case card: INSERT INTO case_cards(case_id, chat_id, message_id).
    RecordCard {
        case_id: i64,
    },
    /// Record the sent message as a relayed copy: INSERT INTO relay_map(chat_id, message_id, case_id, created_at).
    RecordRelay {
        case_id: i64,
    },
}

/// One notification to queue.
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope {
    pub chat_id: i64,
    pub payload: Payload,
    /// The case it is about (the row is deleted with the case).
    pub case_id: Option<i64>,
    pub after: AfterSent,
    /// A second envelope with the same key (while the first row exists) is not queued.
    pub dedupe_key: Option<String>,
}

impl Envelope {
    fn new(chat_id: i64, payload: Payload) -> Self {
        Envelope {
            chat_id,
            payload,
            case_id: None,
            after: AfterSent::None,
            dedupe_key: None,
        }
    }

    /// A plain text message.
    pub fn text(chat_id: i64, text: impl Into<String>) -> Self {
        Envelope::new(
            chat_id,
            Payload::Text {
                text: text.into(),
                markup: None,
                reply_to: None,
            },
        )
    }

    /// A copy of message `message_id` of chat `from_chat` (no "forwarded from").
    pub fn copy(chat_id: i64, from_chat: i64, message_id: i32) -> Self {
        Envelope::new(
            chat_id,
            Payload::Copy {
                from_chat,
                message_id,
                markup: None,
            },
        )
    }

    /// Copies of messages `message_ids` (increasing) of chat `from_chat` in one call: an
    /// album among them stays one album.
    pub fn copy_album(chat_id: i64, from_chat: i64, message_ids: Vec<i32>) -> Self {
        Envelope::new(
            chat_id,
            Payload::CopyAlbum {
                from_chat,
                message_ids,
            },
        )
    }

    /// One item (message `message_id` of chat `from_chat`) of album `group`, to be copied to
    /// `chat_id` with the album's other items in one call. Its key names the album copy.
    pub fn album_part(chat_id: i64, from_chat: i64, message_id: i32, group: &str) -> Self {
        Envelope::copy_album(chat_id, from_chat, vec![message_id])
            .dedupe(format!("album:{from_chat}:{group}:{chat_id}"))
    }

    /// Replaces the text of a message the bot sent (its buttons go unless `with_markup`).
    pub fn edit(chat_id: i64, message_id: i32, text: impl Into<String>) -> Self {
        Envelope::new(
            chat_id,
            Payload::EditText {
                message_id,
                text: text.into(),
                markup: None,
            },
        )
    }

    /// Deletes message `message_id` in chat `chat_id` (a group).
    pub fn delete(chat_id: i64, message_id: i32) -> Self {
        Envelope::new(chat_id, Payload::Delete { message_id })
    }

    /// Bans `user_id` in group `chat_id`, removing their messages there.
    pub fn ban(chat_id: i64, user_id: i64) -> Self {
        Envelope::new(
            chat_id,
            Payload::Ban {
                user_id,
                revoke: true,
            },
        )
    }

    /// Lifts a ban of `user_id` in group `chat_id`.
    pub fn unban(chat_id: i64, user_id: i64) -> Self {
        Envelope::new(chat_id, Payload::Unban { user_id })
    }

    pub fn with_markup(mut self, m: InlineKeyboardMarkup) -> Self {
        match &mut self.payload {
            Payload::Text { markup, .. }
            | Payload::Copy { markup, .. }
            | Payload::EditText { markup, .. } => *markup = Some(m),
            Payload::CopyAlbum { .. }
            | Payload::Delete { .. }
            | Payload::Ban { .. }
            | Payload::Unban { .. } => {}
        }
        self
    }

    /// A text that answers message `id` (in a group).
    pub fn reply_to(mut self, id: i32) -> Self {
        if let Payload::Text { reply_to, .. } = &mut self.payload {
            *reply_to = Some(id);
        }
        self
    }

    pub fn for_case(mut self, case_id: i64) -> Self {
        self.case_id = Some(case_id);
        self
    }

    pub fn after(mut self, a: AfterSent) -> Self {
        self.after = a;
        self
    }

    pub fn dedupe(mut self, key: impl Into<String>) -> Self {
        self.dedupe_key = Some(key.into());
        self
    }
}

/// The bot that sends: plain, or wrapped in teloxide's Throttle.
#[derive(Debug, Clone)]
enum Sender {
    Plain(Bot),
    Throttled(Throttle<Bot>),
}

impl Sender {
    async fn send(
        &self,
        chat_id: i64,
        payload: &Payload,
        quiet: bool,
    ) -> Result<Vec<i32>, RequestError> {
        match self {
            Sender::Plain(bot) => perform(bot, chat_id, payload, quiet).await,
            Sender::Throttled(bot) => perform(bot, chat_id, payload, quiet).await,
        }
    }
}

/// Sends one payload; the ids of the messages sent (or edited). `quiet`: the chat is in silent
/// mode, so a new message (a text or a relayed copy) comes without a sound; edits make none.
async fn perform<B>(
    bot: &B,
    chat_id: i64,
    payload: &Payload,
    quiet: bool,
) -> Result<Vec<i32>, RequestError>
where
    B: Requester<Err = RequestError>,
{
    let chat = ChatId(chat_id);
    match payload {
        Payload::Text {
            text,
            markup,
            reply_to,
        } => {
            let mut request = bot
                .send_message(chat, crate::i18n::fit(text.clone()))
                .disable_notification(quiet);
            if let Some(markup) = markup {
                request = request.reply_markup(markup.clone());
            }
            if let Some(id) = reply_to {
                request = request.reply_parameters(
                    ReplyParameters::new(MessageId(*id)).allow_sending_without_reply(),
                );
            }
            Ok(vec![request.await?.id.0])
        }
        Payload::Copy {
            from_chat,
            message_id,
            markup,
        } => {
            let mut request = bot
                .copy_message(chat, ChatId(*from_chat), MessageId(*message_id))
                .disable_notification(quiet);
            if let Some(markup) = markup {
                request = request.reply_markup(markup.clone());
            }
            Ok(vec![request.await?.0])
        }
        Payload::CopyAlbum {
            from_chat,
            message_ids,
        } => {
            let ids = message_ids
                .iter()
                .map(|id| MessageId(*id))
                .collect::<Vec<_>>();
            let copies = bot
                .copy_messages(chat, ChatId(*from_chat), ids)
                .disable_notification(quiet)
                .await?;
            Ok(copies.into_iter().map(|m| m.0).collect())
        }
        Payload::EditText {
            message_id,
            text,
            markup,
        } => {
            let mut request =
                bot.edit_message_text(chat, MessageId(*message_id), crate::i18n::fit(text.clone()));
            if let Some(markup) = markup {
                request = request.reply_markup(markup.clone());
            }
            request.await?;
            Ok(vec![*message_id])
        }
        Payload::Delete { message_id } => {
            bot.delete_message(chat, MessageId(*message_id)).await?;
            Ok(Vec::new())
        }
        // A negative id is a channel that posted in the chat's name (see public::guard).
        Payload::Ban { user_id, .. } if *user_id < 0 => {
            bot.ban_chat_sender_chat(chat, ChatId(*user_id)).await?;
            Ok(Vec::new())
        }
        Payload::Ban { user_id, revoke } => {
            bot.ban_chat_member(chat, UserId(*user_id as u64))
                .revoke_messages(*revoke)
                .await?;
            Ok(Vec::new())
        }
        Payload::Unban { user_id } if *user_id < 0 => {
            bot.unban_chat_sender_chat(chat, ChatId(*user_id)).await?;
            Ok(Vec::new())
        }
        Payload::Unban { user_id } => {
            bot.unban_chat_member(chat, UserId(*user_id as u64))
                .only_if_banned(true)
                .await?;
            Ok(Vec::new())
        }
    }
}

/// What an answer from Telegram means for the row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// Sent, or nothing left to do.
    Done,
    /// 429: wait this many seconds (not counted as an attempt).
    Wait(u32),
    /// Worth retrying after a backoff.
    Transient(&'static str),
    /// The person cannot be written to (403).
    Unreachable(&'static str),
    /// A request Telegram will never accept.
    Failed(&'static str),
}

/// An unparsed Bot API error that is a 5xx from Telegram (or a proxy before it): worth
/// another try. Shared with the handlers' own replies (`bot::send`).
pub(crate) fn is_server_error(text: &str) -> bool {
    [
        "Bad Gateway",
        "Internal Server Error",
        "Service Unavailable",
        "Gateway Timeout",
    ]
    .iter()
    .any(|t| text.contains(t))
}

fn classify(error: &RequestError, payload: &Payload) -> Verdict {
    use teloxide::ApiError as E;
    match error {
        RequestError::RetryAfter(s) => Verdict::Wait(s.seconds()),
        RequestError::Network(_) => Verdict::Transient("network"),
        RequestError::Io(_) => Verdict::Transient("io"),
        // A proxy's HTML error page, a truncated answer.
        RequestError::InvalidJson { .. } => Verdict::Transient("invalid_json"),
        RequestError::MigrateToChatId(_) => Verdict::Failed("migrated"),
        RequestError::Api(api) => match api {
            E::MessageNotModified | E::MessageToEditNotFound | E::MessageCantBeEdited
                if matches!(payload, Payload::EditText { .. }) =>
            {
                Verdict::Done
            }
            E::MessageToDeleteNotFound if matches!(payload, Payload::Delete { .. }) => {
                Verdict::Done
            }
            E::BotBlocked => Verdict::Unreachable("blocked"),
            E::UserDeactivated => Verdict::Unreachable("deactivated"),
            E::BotKicked | E::BotKickedFromSupergroup | E::BotKickedFromChannel => {
                Verdict::Unreachable("kicked")
            }
            E::CantInitiateConversation => Verdict::Unreachable("not_started"),
            E::CantTalkWithBots => Verdict::Unreachable("bot_chat"),
            E::Unknown(text) => {
                if text.contains("Forbidden") {
                    Verdict::Unreachable("forbidden")
                } else if is_server_error(text) || text.contains("Too Many Requests") {
                    Verdict::Transient("server_error")
                } else {
                    Verdict::Failed("api_error")
                }
            }
            _ => Verdict::Failed("bad_request"),
        },
    }
}

/// Seconds to wait after the `attempts`-th transient failure (0-based): 1, 2, 4, … capped.
fn backoff(attempts: i64) -> i64 {
    if attempts >= 9 {
        MAX_BACKOFF_SECS
    } else {
        (1_i64 << attempts.max(0)).min(MAX_BACKOFF_SECS)
    }
}

/// What goes into `last_error`: the kind, and Telegram's description for API errors (it never
/// contains the message text).
fn describe(kind: &str, error: Option<&RequestError>) -> String {
    match error {
        Some(RequestError::Api(api)) => format!("{kind}: {api}"),
        Some(RequestError::RetryAfter(s)) => format!("{kind}: {} s", s.seconds()),
        _ => kind.to_owned(),
    }
}

struct Inner {
    db: Db,
    sender: Sender,
    clock: Arc<dyn Clock>,
    wake: Notify,
    /// Notified each time a send's outcome is recorded (for [`Outbox::flush_waiting`]).
    attempted: Notify,
}

/// Sends pending rows. Cheap clone.
#[derive(Clone)]
pub struct Outbox {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Outbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outbox")
            .field(
                "throttled",
                &matches!(self.inner.sender, Sender::Throttled(_)),
            )
            .finish_non_exhaustive()
    }
}

impl Outbox {
    /// `throttle`: send through teloxide's Throttle with [`TELEGRAM_LIMITS`] (its own retry is
    /// off: a 429 goes back to the outbox, which schedules the row). Must be called inside the
    /// tokio runtime (the throttle spawns its worker).
    pub fn new(db: Db, bot: Bot, clock: Arc<dyn Clock>, throttle: bool) -> Outbox {
        let sender = if throttle {
            Sender::Throttled(Throttle::spawn_with_settings(
                bot,
                Settings::default().limits(TELEGRAM_LIMITS).no_retry(),
            ))
        } else {
            Sender::Plain(bot)
        };
        Outbox {
            inner: Arc::new(Inner {
                db,
                sender,
                clock,
                wake: Notify::new(),
                attempted: Notify::new(),
            }),
        }
    }

    /// Send these rows now (called by a handler right after committing them, so alerts go out
    /// "at once" and tests see them in the same dispatch); rows another sender holds, or that
    /// wait behind an older row of their chat, are skipped and left to the worker. Each row is
    /// attempted at most once per call.
    pub async fn flush(&self, ids: &[i64]) {
        let mut remaining = ids.to_vec();
        while !remaining.is_empty() {
            let rows = match self
                .inner
                .db
                .lease_outbox(Some(&remaining), self.inner.clock.now(), LEASE_SECS, BATCH)
                .await
            {
                Ok(rows) => rows,
                Err(e) => {
                    tracing::error!(error = %e, "outbox: could not lease rows to flush");
                    break;
                }
            };
            if rows.is_empty() {
                break;
            }
            remaining.retain(|id| !rows.iter().any(|r| r.id == *id));
            self.attempt_all(rows).await;
        }
        self.wake();
    }

    /// [`Outbox::flush`] for messages that must be out before the caller goes on (the
    /// emergency guidance before the next question): flushes again until none of `ids` is
    /// waiting any more (sent, or given up), at most `limit`. So a row another sender (the
    /// worker) was sending, or one behind an older row of its chat, is waited for too.
    pub async fn flush_waiting(&self, ids: &[i64], limit: Duration) {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let attempted = self.inner.attempted.notified();
            self.flush(ids).await;
            match self.inner.db.outbox_unsent(ids).await {
                Ok(true) => {}
                Ok(false) => return,
                Err(e) => {
                    tracing::error!(error = %e, "outbox: could not read the rows being sent");
                    return;
                }
            }
            // Woken when a send is recorded; the poll is for another process's sender and for
            // a row whose retry falls due.
            let poll = (tokio::time::Instant::now() + FLUSH_POLL).min(deadline);
            if tokio::time::timeout_at(poll, attempted).await.is_err()
                && tokio::time::Instant::now() >= deadline
            {
                return;
            }
        }
    }

    /// Send everything due now, in per-chat order; returns how many rows were attempted.
    pub async fn deliver_due(&self) -> usize {
        let mut attempted = 0;
        loop {
            let rows = match self
                .inner
                .db
                .lease_outbox(None, self.inner.clock.now(), LEASE_SECS, BATCH)
                .await
            {
                Ok(rows) => rows,
                Err(e) => {
                    tracing::error!(error = %e, "outbox: could not lease due rows");
                    break;
                }
            };
            if rows.is_empty() {
                break;
            }
            attempted += rows.len();
            self.attempt_all(rows).await;
        }
        attempted
    }

    /// The background worker: `deliver_due` in a loop, woken by [`Outbox::wake`] or every
    /// second. Stops when the returned handle is aborted (a row being sent at that moment may
    /// be sent again after its lease expires).
    pub fn spawn_worker(&self) -> tokio::task::JoinHandle<()> {
        let this = self.clone();
        tokio::spawn(async move {
            loop {
                this.deliver_due().await;
                tokio::select! {
                    () = this.inner.wake.notified() => {}
                    () = tokio::time::sleep(WORKER_PERIOD) => {}
                }
            }
        })
    }

    /// Makes the worker look for due rows now.
    pub fn wake(&self) {
        self.inner.wake.notify_one();
    }

    /// Sends leased rows (all in different chats) concurrently.
    async fn attempt_all(&self, rows: Vec<OutboxRow>) {
        futures::future::join_all(rows.into_iter().map(|row| self.attempt(row))).await;
    }

    /// Sends one leased row and records the outcome.
    async fn attempt(&self, row: OutboxRow) {
        let db = &self.inner.db;
        let (id, chat_id) = (row.id, row.chat_id);
        let answer = tokio::time::timeout(
            SEND_TIMEOUT,
            self.inner.sender.send(chat_id, &row.payload, row.silent),
        )
        .await;
        let now = self.inner.clock.now();
        let (verdict, error) = match &answer {
            Ok(Ok(_)) => (Verdict::Done, None),
            Ok(Err(e)) => (classify(e, &row.payload), Some(e)),
            Err(_) => (Verdict::Transient("timeout"), None),
        };
        let recorded = match verdict {
            Verdict::Done => {
                let message_ids = match answer {
                    Ok(Ok(message_ids)) => message_ids,
                    _ => Vec::new(),
                };
                tracing::debug!(outbox_id = id, chat_id, "outbox: sent");
                self.record_sent(id, &message_ids, now).await
            }
            Verdict::Wait(seconds) => {
                let at = now + i64::from(seconds.max(1));
                tracing::warn!(
                    outbox_id = id,
                    chat_id,
                    retry_after = seconds,
                    "outbox: Telegram asked to wait"
                );
                db.outbox_postpone(id, at, &describe("retry_after", error))
                    .await
            }
            Verdict::Transient(kind) => {
                if row.attempts + 1 >= MAX_ATTEMPTS {
                    tracing::error!(
                        outbox_id = id,
                        chat_id,
                        error = kind,
                        attempts = row.attempts + 1,
                        "outbox: giving up after repeated transient errors"
                    );
                    db.outbox_give_up(id, OutboxStatus::Failed, &describe(kind, error))
                        .await
                } else {
                    let delay = backoff(row.attempts);
                    tracing::warn!(
                        outbox_id = id,
                        chat_id,
                        error = kind,
                        attempts = row.attempts + 1,
                        retry_in = delay,
                        "outbox: transient error; will retry"
                    );
                    db.outbox_retry(id, now + delay, &describe(kind, error))
                        .await
                }
            }
            Verdict::Unreachable(kind) => {
                tracing::warn!(
                    outbox_id = id,
                    chat_id,
                    error = kind,
                    "outbox: chat unreachable; undeliverable"
                );
                let given_up = db
                    .outbox_give_up(id, OutboxStatus::Undeliverable, &describe(kind, error))
                    .await;
                if chat_id > 0 {
                    given_up.and(db.mark_unreachable(chat_id).await)
                } else {
                    given_up
                }
            }
            Verdict::Failed(kind) => {
                let detail = error.map(ToString::to_string).unwrap_or_default();
                tracing::error!(
                    outbox_id = id,
                    chat_id,
                    error = kind,
                    detail = %detail,
                    "outbox: request refused; failed"
                );
                db.outbox_give_up(id, OutboxStatus::Failed, &describe(kind, error))
                    .await
            }
        };
        if let Err(e) = recorded {
            tracing::error!(
                outbox_id = id,
                chat_id,
                error = %e,
                "outbox: could not record the outcome; the row is retried when its lease expires"
            );
        }
        self.inner.attempted.notify_waiters();
    }

    /// Recording a send is retried a few times: if it is lost, the message goes out twice.
    async fn record_sent(&self, id: i64, message_ids: &[i32], now: i64) -> crate::db::Result<()> {
        let mut tries = 0;
        loop {
            match self.inner.db.outbox_sent(id, message_ids, now).await {
                Err(e) if tries < 3 => {
                    tries += 1;
                    tracing::warn!(outbox_id = id, error = %e, "outbox: recording a send failed; retrying");
                    tokio::time::sleep(Duration::from_millis(200 * tries)).await;
                }
                result => return result,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use teloxide::{ApiError, types::Seconds};

    fn text() -> Payload {
        Payload::Text {
            text: "x".into(),
            markup: None,
            reply_to: None,
        }
    }

    fn edit() -> Payload {
        Payload::EditText {
            message_id: 1,
            text: "x".into(),
            markup: None,
        }
    }

    #[test]
    fn retry_after_is_a_wait_not_an_attempt() {
        let e = RequestError::RetryAfter(Seconds::from_seconds(7));
        assert_eq!(classify(&e, &text()), Verdict::Wait(7));
    }

    #[test]
    fn io_and_server_errors_are_transient() {
        let io = RequestError::Io(Arc::new(std::io::Error::other("reset")));
        assert_eq!(classify(&io, &text()), Verdict::Transient("io"));
        for s in ["Bad Gateway", "Internal Server Error", "Too Many Requests"] {
            let e = RequestError::Api(ApiError::Unknown(s.into()));
            assert_eq!(
                classify(&e, &text()),
                Verdict::Transient("server_error"),
                "{s}"
            );
        }
    }

    #[test]
    fn forbidden_answers_make_the_chat_unreachable() {
        for api in [
            ApiError::BotBlocked,
            ApiError::UserDeactivated,
            ApiError::BotKicked,
            ApiError::BotKickedFromSupergroup,
            ApiError::BotKickedFromChannel,
            ApiError::CantInitiateConversation,
            ApiError::CantTalkWithBots,
            ApiError::Unknown("Forbidden: bot can't initiate conversation with a user".into()),
        ] {
            let e = RequestError::Api(api.clone());
            assert!(
                matches!(classify(&e, &text()), Verdict::Unreachable(_)),
                "{api:?}"
            );
        }
    }

    #[test]
    fn an_edit_with_nothing_to_change_counts_as_done() {
        for api in [
            ApiError::MessageNotModified,
            ApiError::MessageToEditNotFound,
            ApiError::MessageCantBeEdited,
        ] {
            let e = RequestError::Api(api.clone());
            assert_eq!(classify(&e, &edit()), Verdict::Done, "{api:?}");
            assert_eq!(classify(&e, &text()), Verdict::Failed("bad_request"));
        }
    }

    #[test]
    fn other_bad_requests_fail_at_once() {
        for api in [
            ApiError::ChatNotFound,
            ApiError::MessageIsTooLong,
            ApiError::Unknown("Bad Request: something new".into()),
        ] {
            let e = RequestError::Api(api.clone());
            assert!(
                matches!(classify(&e, &text()), Verdict::Failed(_)),
                "{api:?}"
            );
        }
    }

    #[test]
    fn backoff_doubles_up_to_five_minutes() {
        let delays: Vec<i64> = (0..12).map(backoff).collect();
        assert_eq!(
            delays,
            vec![1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]
        );
    }

    #[test]
    fn payloads_are_stored_as_tagged_json() {
        let e = Envelope::text(5, "hi").after(AfterSent::RecordCard { case_id: 3 });
        assert_eq!(
            serde_json::to_string(&e.payload).unwrap(),
            r#"{"kind":"text","text":"hi","markup":null}"#
        );
        assert_eq!(
            serde_json::to_string(&e.after).unwrap(),
            r#"{"kind":"record_card","case_id":3}"#
        );
        assert_eq!(
            serde_json::to_string(&AfterSent::None).unwrap(),
            r#"{"kind":"none"}"#
        );
        let copy: Payload =
            serde_json::from_str(r#"{"kind":"copy","from_chat":1,"message_id":2}"#).unwrap();
        assert_eq!(copy, Envelope::copy(9, 1, 2).payload);
    }
}
