//! Long polling that confirms updates to Telegram only after they are handled.
//!
//! teloxide's own polling moves the getUpdates offset forward as soon as a batch arrives, so a
//! crash (even `kill -9`) loses updates that were fetched but not yet handled. Here the offset
//! sent to Telegram, which is what confirms updates, never passes an update that is not
//! handled yet: it is the lowest update id still being handled or waiting here (while the bot
//! is busy, a survey answer, a consent or a Submit counts as handled once it is committed with
//! what it still has to show: see `requester/unshown.rs` and `EARLY_CONFIRM_ABOVE`; so it does
//! not hold one of Telegram's 100 places for the round trips of its replies). After a crash
//! Telegram sends the unconfirmed updates again, and the database ignores the ones already
//! applied (`processed_updates`). Before the offset moves on, the database is synced to disk
//! (`Db::make_durable`): one fsync per getUpdates call, not one per update.
//!
//! At most `MAX_IN_FLIGHT` updates are in the handler tree at once (updates of different chats
//! are handled concurrently, each chat's in order: the dispatcher's distribution key); the rest
//! of a batch waits here, in order, and new ones are fetched while the last ones of a batch are
//! still being handled (Telegram sends the unconfirmed ones again with them; those are
//! skipped). So the bot stays busy under load without making each update wait for others.
//! getUpdates answers are read here update by update: one that teloxide cannot read, or whose
//! reading panics inside teloxide (it unwraps fields Telegram may leave out), is skipped and
//! logged by its id only (teloxide would log it whole), and the others are handled as usual.
//! Without that, one such update would end the process, and the same unconfirmed update would
//! end it again after every restart.

use std::{
    collections::{HashMap, HashSet, VecDeque},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use futures::{StreamExt, stream::BoxStream};
use teloxide::{
    RequestError,
    prelude::*,
    stop::{StopFlag, StopToken, mk_stop_token},
    types::UpdateKind,
    update_listeners::{AsUpdateStream, UpdateListener},
};
use tokio::sync::Notify;

use crate::{
    db::Db,
    telemetry::{Confirm, Progress},
};

/// How long one getUpdates call waits for news.
const POLL_TIMEOUT_SECS: u32 = 10;
/// Updates fetched per getUpdates call.
const BATCH: u8 = 100;
/// While updates are being handled Telegram answers getUpdates at once (it sends the
/// unconfirmed ones again), so the listener asks again when one is done, or after this.
const BUSY_POLL: Duration = Duration::from_millis(200);
/// How long at most the listener waits for commits to free Telegram's window before it asks
/// for more, while at least `WINDOW_LEFT` updates are unconfirmed (see `next_batch`).
/// Measured with the load benchmark at 50 ms: 25 ms and half the window gave 618 updates/s,
/// 40 ms and 10 gave 690–726 (no wait: 625); at most half a round trip gave the same at 50 ms
/// and 836–895 instead of 1,001–1,150 at 0 ms (more calls, each sending the unconfirmed again).
const WINDOW_WAIT: Duration = Duration::from_millis(40);
const WINDOW_LEFT: usize = 10;
/// A handler stuck longer than this no longer holds back the offset.
const HANDLED_WAIT: Duration = Duration::from_secs(60);
/// A survey answer, a consent or a Submit is confirmed once committed, before its handler is
/// done, only while more than this many updates are unconfirmed: a busy bot does not hold
/// Telegram's 100 places for the round trips of replies (one such update at the bottom of the
/// window holds all above it), and a quiet one confirms only what is done (after a crash
/// Telegram sends the rest again).
pub(super) const EARLY_CONFIRM_ABOVE: usize = 4;

/// The updates handed to the handler tree, with when they were handed: those not confirmable
/// yet (they hold back the offset) and those whose handler still runs (they count against
/// `MAX_IN_FLIGHT`). An update is confirmable once its handler is done, or earlier when the
/// handler says its change is committed ([`crate::telemetry::committed`]).
#[derive(Debug, Default)]
pub struct InFlight {
    pending: Mutex<Pending>,
    changed: Notify,
}

#[derive(Debug, Default)]
struct Pending {
    /// Those of `running` not confirmable yet.
    unconfirmed: HashSet<u32>,
    running: HashMap<u32, Instant>,
    /// Received and not handed to the handler tree yet (also unconfirmed).
    waiting: usize,
}

impl InFlight {
    /// `id` goes into the handler tree; `waiting` are still queued behind it.
    fn start(&self, id: u32, waiting: usize) {
        let mut pending = self.lock();
        pending.unconfirmed.insert(id);
        pending.running.insert(id, Instant::now());
        pending.waiting = waiting;
    }

    /// A batch came in: `waiting` updates are queued for the handler tree.
    fn received(&self, waiting: usize) {
        self.lock().waiting = waiting;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Pending> {
        self.pending.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The lowest update id not confirmable yet; one stuck past [`HANDLED_WAIT`] is given up
    /// on (it no longer holds back the offset or takes a place in the window).
    fn lowest(&self) -> Option<u32> {
        let mut guard = self.lock();
        let pending = &mut *guard;
        let before = pending.running.len();
        pending
            .running
            .retain(|_, since| since.elapsed() < HANDLED_WAIT);
        if pending.running.len() < before {
            let running = &pending.running;
            pending.unconfirmed.retain(|id| running.contains_key(id));
            tracing::warn!(
                given_up = before - pending.running.len(),
                "updates still being handled after {HANDLED_WAIT:?}; polling on"
            );
        }
        pending.unconfirmed.iter().min().copied()
    }

    /// Updates whose handler still runs.
    fn len(&self) -> usize {
        self.lock().running.len()
    }

    /// Waits until fewer than `n` updates are being handled (or one is stuck, see `lowest`).
    async fn wait_below(&self, n: usize) {
        loop {
            let changed = self.changed.notified();
            self.lowest();
            if self.len() < n {
                return;
            }
            let _ = tokio::time::timeout(HANDLED_WAIT, changed).await;
        }
    }

    /// Waits until no update is being handled (one stuck past [`HANDLED_WAIT`] is given up).
    async fn wait_idle(&self) {
        while self.len() > 0 {
            self.wait_change(HANDLED_WAIT).await;
            self.lowest();
        }
    }

    /// Waits until one update progresses, or `limit` passes.
    async fn wait_change(&self, limit: Duration) {
        let changed = self.changed.notified();
        if self.len() == 0 {
            return;
        }
        let _ = tokio::time::timeout(limit, changed).await;
    }
}

impl Confirm for InFlight {
    /// Counts the updates still queued too: the first of a large batch to commit is then
    /// confirmed early, and does not hold the rest of the window behind it.
    fn busy(&self) -> bool {
        let pending = self.lock();
        pending.unconfirmed.len() + pending.waiting > EARLY_CONFIRM_ABOVE
    }

    fn progress(&self, id: u32, progress: Progress) {
        {
            let mut pending = self.lock();
            pending.unconfirmed.remove(&id);
            if progress == Progress::Done {
                pending.running.remove(&id);
            }
        }
        self.changed.notify_waiters();
    }
}

pub struct AckListener {
    bot: Bot,
    db: Db,
    /// At most this many updates are in the handler tree at once.
    max_in_flight: usize,
    in_flight: Arc<InFlight>,
    /// One past the highest update id received.
    next: i32,
    /// The offset up to which handled updates were made durable.
    durable_offset: i32,
    stop_token: StopToken,
    stop_flag: StopFlag,
}

impl AckListener {
    pub fn new(bot: Bot, db: Db, in_flight: Arc<InFlight>, max_in_flight: usize) -> Self {
        let (stop_token, stop_flag) = mk_stop_token();
        Self {
            bot,
            db,
            max_in_flight: max_in_flight.max(1),
            in_flight,
            next: 0,
            durable_offset: 0,
            stop_token,
            stop_flag,
        }
    }

    /// The offset that confirms exactly the handled updates: the lowest one not handled yet
    /// (being handled, or waiting in `buffer`), else one past the last received.
    fn offset(&self, buffer: &VecDeque<Update>) -> i32 {
        let waiting = buffer.front().map(|u| u.id.0 as i32);
        let handling = self.in_flight.lowest().map(|id| id as i32);
        [waiting, handling]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(self.next)
    }

    /// What the handled updates changed is on disk before Telegram hears they are handled.
    async fn make_durable(&mut self, offset: i32) {
        if offset <= self.durable_offset {
            return;
        }
        match self.db.make_durable().await {
            Ok(()) => self.durable_offset = offset,
            // The next call tries again; the data is safe unless the machine loses power.
            Err(e) => tracing::error!(error = %e, "could not sync the database to disk"),
        }
    }

    /// Fetches new updates into `buffer` (called when it is empty).
    async fn next_batch(&mut self, buffer: &mut VecDeque<Update>) -> Result<(), RequestError> {
        let mut offset = self.offset(buffer);
        // Telegram answers with at most BATCH updates from the offset, the unconfirmed ones
        // again first: while more than a few are unconfirmed, a moment's wait for their
        // commits (which move the offset) fetches more new updates per round trip.
        let until = Instant::now() + WINDOW_WAIT;
        while (self.next - offset) as usize >= WINDOW_LEFT && Instant::now() < until {
            self.in_flight
                .wait_change(until.saturating_duration_since(Instant::now()))
                .await;
            offset = self.offset(buffer);
        }
        self.make_durable(offset).await;
        // With updates still being handled Telegram answers at once (it sends them again), so
        // only an idle bot waits for news; a bot whose handlers still send (updates confirmed
        // early) asks again as they finish, so its long poll says it is done.
        let busy = offset < self.next || self.in_flight.len() > 0;
        let timeout = if busy { 0 } else { POLL_TIMEOUT_SECS };
        let request = get_updates(&self.bot, offset, BATCH, timeout, self.next as u32);
        let result = tokio::select! {
            result = request => result,
            _ = self.stop_flag.clone() => return Ok(()),
        };
        self.receive(result?, buffer);
        self.in_flight.received(buffer.len());
        if buffer.is_empty() && busy {
            // Nothing new: poll again when an update is done (or soon, for news).
            self.in_flight.wait_change(BUSY_POLL).await;
        }
        Ok(())
    }

    /// Queues the updates not received before.
    fn receive(&mut self, updates: Vec<Received>, buffer: &mut VecDeque<Update>) {
        for received in updates {
            let id = received.id() as i32;
            if id < self.next {
                continue; // still being handled: Telegram sent it again
            }
            self.next = id + 1;
            match received {
                Received::Update(update) => buffer.push_back(*update),
                Received::Unreadable(_) => {
                    tracing::warn!(update_id = id, "update not understood, skipped");
                }
            }
        }
    }

    /// Confirms what is handled to Telegram on shutdown; updates still waiting here are not
    /// confirmed, so Telegram sends them again after the restart.
    async fn confirm(&mut self, buffer: &VecDeque<Update>) {
        self.in_flight.wait_idle().await;
        let offset = self.offset(buffer);
        self.make_durable(offset).await;
        if offset != 0 {
            let _ = get_updates(&self.bot, offset, 1, 0, u32::MAX).await;
        }
    }
}

/// One entry of a getUpdates answer.
#[derive(Debug)]
pub enum Received {
    Update(Box<Update>),
    /// teloxide could not read it (or panicked reading it): only its id is known.
    Unreadable(u32),
}

impl Received {
    fn id(&self) -> u32 {
        match self {
            Received::Update(update) => update.id.0,
            Received::Unreadable(id) => *id,
        }
    }
}

/// The updates the bot asks for.
/// Edits (a troll's post changed after it passed the guard) and members joining are for the
/// public chats; everywhere else they are ignored.
const ALLOWED_UPDATES: [&str; 4] = ["message", "edited_message", "callback_query", "chat_member"];

/// [`ALLOWED_UPDATES`] for setWebhook.
pub fn allowed_updates() -> [teloxide::types::AllowedUpdate; 4] {
    use teloxide::types::AllowedUpdate;
    [
        AllowedUpdate::Message,
        AllowedUpdate::EditedMessage,
        AllowedUpdate::CallbackQuery,
        AllowedUpdate::ChatMember,
    ]
}

/// getUpdates, with the answer read update by update (see the module docs); updates below
/// `new_from` (received before: Telegram sends them again while they are being handled) are
/// not read at all.
async fn get_updates(
    bot: &Bot,
    offset: i32,
    limit: u8,
    timeout: u32,
    new_from: u32,
) -> Result<Vec<Received>, RequestError> {
    let mut url = bot.api_url();
    url.path_segments_mut()
        .map_err(|()| RequestError::Io(Arc::new(std::io::Error::other("bad API URL"))))?
        .push(&format!("bot{}", bot.token()))
        .push("getUpdates");
    let body = serde_json::json!({
        "offset": offset,
        "limit": limit,
        "timeout": timeout,
        "allowed_updates": ALLOWED_UPDATES,
    });
    // The URL holds the token: it never goes into an error (or a log).
    let network = |e: reqwest::Error| RequestError::Network(Arc::new(e.without_url()));
    let answer = bot
        .client()
        .post(url)
        .json(&body)
        .timeout(Duration::from_secs(u64::from(timeout) + 10))
        .send()
        .await
        .map_err(network)?
        .bytes()
        .await
        .map_err(network)?;
    read_new_updates(&answer, new_from)
}

/// Reads a getUpdates answer. A panic inside teloxide while reading one update is caught
/// here and that update is reported [`Received::Unreadable`].
pub fn read_updates(answer: &[u8]) -> Result<Vec<Received>, RequestError> {
    read_new_updates(answer, 0)
}

/// [`read_updates`] of the updates from id `new_from` on: those before it are skipped
/// unread (reading an update costs far more than finding its id).
fn read_new_updates(answer: &[u8], new_from: u32) -> Result<Vec<Received>, RequestError> {
    #[derive(serde::Deserialize)]
    struct Answer {
        ok: bool,
        /// Kept as text: teloxide reads an update correctly only from text (from a parsed
        /// `Value` some kinds fail), and reads each one alone here.
        #[serde(default)]
        result: Vec<Box<serde_json::value::RawValue>>,
        #[serde(default)]
        description: String,
        #[serde(default)]
        parameters: Option<Parameters>,
    }
    #[derive(serde::Deserialize)]
    struct Parameters {
        retry_after: Option<u32>,
    }
    let answer: Answer = serde_json::from_slice(answer).map_err(|e| RequestError::InvalidJson {
        source: Arc::new(e),
        raw: "".into(),
    })?;
    if !answer.ok {
        if let Some(seconds) = answer.parameters.and_then(|p| p.retry_after) {
            return Err(RequestError::RetryAfter(
                teloxide::types::Seconds::from_seconds(seconds),
            ));
        }
        let description = serde_json::Value::String(answer.description.clone());
        return Err(RequestError::Api(
            serde_json::from_value(description)
                .unwrap_or(teloxide::ApiError::Unknown(answer.description)),
        ));
    }
    Ok(answer
        .result
        .iter()
        .filter_map(|raw| read_one(raw.get(), new_from))
        .collect())
}

/// Reads one update (a webhook request's body); `None` if it has no update id.
pub fn read_update(body: &[u8]) -> Option<Received> {
    read_one(std::str::from_utf8(body).ok()?, 0)
}

/// Reads one update (`None` below `new_from`); a panic inside teloxide while reading it makes
/// it [`Received::Unreadable`].
fn read_one(raw: &str, new_from: u32) -> Option<Received> {
    #[derive(serde::Deserialize)]
    struct Id {
        update_id: u32,
    }
    let id = serde_json::from_str::<Id>(raw).ok()?.update_id;
    if id < new_from {
        return None;
    }
    let read = std::panic::catch_unwind(|| serde_json::from_str::<Update>(raw));
    Some(match read {
        Ok(Ok(update)) if !matches!(update.kind, UpdateKind::Error(_)) => {
            Received::Update(Box::new(update))
        }
        _ => Received::Unreadable(id),
    })
}

/// A request error as it may be logged: never the raw answer of an unreadable response.
pub fn loggable(error: &RequestError) -> String {
    match error {
        RequestError::InvalidJson { source, .. } => {
            format!("unreadable answer from the Bot API: {source}")
        }
        other => other.to_string(),
    }
}

impl UpdateListener for AckListener {
    type Err = RequestError;

    fn stop_token(&mut self) -> StopToken {
        self.stop_token.clone()
    }
}

impl<'a> AsUpdateStream<'a> for AckListener {
    type StreamErr = RequestError;
    type Stream = BoxStream<'a, Result<Update, RequestError>>;

    fn as_stream(&'a mut self) -> Self::Stream {
        futures::stream::unfold(
            (self, VecDeque::new(), 0u32),
            |(this, mut buffer, mut failures)| async move {
                loop {
                    if !buffer.is_empty() {
                        tokio::select! {
                            _ = this.in_flight.wait_below(this.max_in_flight) => {}
                            _ = this.stop_flag.clone() => {}
                        }
                    }
                    if this.stop_flag.is_stopped() {
                        this.confirm(&buffer).await;
                        return None;
                    }
                    if let Some(update) = buffer.pop_front() {
                        this.in_flight.start(update.id.0, buffer.len());
                        return Some((Ok(update), (this, buffer, failures)));
                    }
                    match this.next_batch(&mut buffer).await {
                        Ok(()) => failures = 0,
                        Err(error) => {
                            failures = failures.saturating_add(1);
                            let delay =
                                Duration::from_secs(u64::from(failures.min(6)).pow(2).max(1));
                            if let RequestError::RetryAfter(after) = &error {
                                tokio::time::sleep(after.duration()).await;
                            } else {
                                tokio::time::sleep(delay).await;
                            }
                            return Some((Err(error), (this, buffer, failures)));
                        }
                    }
                }
            },
        )
        .boxed()
    }
}

#[cfg(test)]
mod tests {
    use super::{Received, read_updates};

    #[test]
    fn an_update_that_makes_teloxide_panic_is_skipped_by_its_id_and_the_others_are_read() {
        let answer = br#"{"ok":true,"result":[
            {"update_id":41,"message":{"message_id":1,"date":0,"chat":{"id":5,"type":"private","first_name":"A"},"from":{"id":5,"is_bot":false,"first_name":"A"},"text":"hi"}},
            {"update_id":42,"message_reaction":{"chat":{"id":5,"type":"private","first_name":"A"},"message_id":1,"date":0,"old_reaction":[],"new_reaction":[]}},
            {"update_id":43,"something_new":{"x":1}}
        ]}"#;
        let read = read_updates(answer).expect("the answer is read");
        let kinds: Vec<String> = read
            .iter()
            .map(|r| match r {
                Received::Update(u) => format!("update {}", u.id.0),
                Received::Unreadable(id) => format!("unreadable {id}"),
            })
            .collect();
        assert_eq!(kinds[0], "update 41");
        assert_eq!(
            kinds[1], "unreadable 42",
            "the reaction without user or actor_chat"
        );
        assert_eq!(read.len(), 3, "the update after it is read too");
    }

    #[test]
    fn telegram_errors_are_errors() {
        let wait = read_updates(br#"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3","parameters":{"retry_after":3}}"#);
        assert!(matches!(wait, Err(teloxide::RequestError::RetryAfter(s)) if s.seconds() == 3));
        let conflict = read_updates(br#"{"ok":false,"error_code":409,"description":"Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}"#);
        assert!(matches!(conflict, Err(teloxide::RequestError::Api(_))));
        assert!(read_updates(b"<html>").is_err());
    }
}
