//! Long polling that confirms updates to Telegram only after they are handled.
//!
//! teloxide's own polling moves the getUpdates offset forward as soon as a batch arrives, so a
//! crash (even `kill -9`) loses updates that were fetched but not yet handled. Here the offset
//! sent to Telegram, which is what confirms updates, never passes an update that is not
//! handled yet: it is the lowest update id still being handled or waiting here. After a crash
//! Telegram sends the unconfirmed updates again, and the database ignores the ones already
//! applied (`processed_updates`). Before the offset moves on, the database is synced to disk
//! (`Db::make_durable`): one fsync per getUpdates call, not one per update.
//!
//! At most [`WINDOW`] updates are in the handler tree at once; the rest of a batch waits here,
//! in order, and new ones are fetched while the last ones of a batch are still being handled
//! (Telegram sends the unconfirmed ones again with them; those are skipped). So the bot stays
//! busy under load without making each update wait for a hundred others.
//! Updates teloxide cannot parse are dropped here with their id only: teloxide would log them
//! whole.

use std::{
    collections::{HashMap, VecDeque},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use futures::{StreamExt, stream::BoxStream};
use teloxide::{
    RequestError,
    prelude::*,
    stop::{StopFlag, StopToken, mk_stop_token},
    types::{AllowedUpdate, UpdateKind},
    update_listeners::{AsUpdateStream, UpdateListener},
};
use tokio::sync::Notify;

use crate::db::Db;

/// How long one getUpdates call waits for news.
const POLL_TIMEOUT_SECS: u32 = 10;
/// At most this many updates are handled at once (each person's are handled in order).
pub const WINDOW: usize = 4;
/// Updates fetched per getUpdates call.
const BATCH: u8 = 100;
/// A handler stuck longer than this no longer holds back the offset.
const HANDLED_WAIT: Duration = Duration::from_secs(60);

/// The updates handed to the handler tree and not yet handled, with when they were handed.
#[derive(Debug, Default)]
pub struct InFlight {
    pending: Mutex<HashMap<u32, Instant>>,
    changed: Notify,
}

impl InFlight {
    fn start(&self, id: u32) {
        self.lock().insert(id, Instant::now());
    }

    /// Called by the handler tree's root when update `id` is done.
    pub fn finish(&self, id: u32) {
        self.lock().remove(&id);
        self.changed.notify_waiters();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u32, Instant>> {
        self.pending.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The lowest update id still being handled; one stuck past [`HANDLED_WAIT`] is given up
    /// on (it no longer holds back the offset or takes a place in the window).
    fn lowest(&self) -> Option<u32> {
        let mut pending = self.lock();
        let before = pending.len();
        pending.retain(|_, since| since.elapsed() < HANDLED_WAIT);
        if pending.len() < before {
            tracing::warn!(
                given_up = before - pending.len(),
                "updates still being handled after {HANDLED_WAIT:?}; polling on"
            );
        }
        pending.keys().min().copied()
    }

    fn len(&self) -> usize {
        self.lock().len()
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

    /// Waits until one update is done, or `limit` passes.
    async fn wait_change(&self, limit: Duration) {
        let changed = self.changed.notified();
        if self.len() == 0 {
            return;
        }
        let _ = tokio::time::timeout(limit, changed).await;
    }
}

pub struct AckListener {
    bot: Bot,
    db: Db,
    in_flight: Arc<InFlight>,
    /// One past the highest update id received.
    next: i32,
    /// The offset up to which handled updates were made durable.
    durable_offset: i32,
    stop_token: StopToken,
    stop_flag: StopFlag,
}

impl AckListener {
    pub fn new(bot: Bot, db: Db, in_flight: Arc<InFlight>) -> Self {
        let (stop_token, stop_flag) = mk_stop_token();
        Self {
            bot,
            db,
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
        let offset = self.offset(buffer);
        self.make_durable(offset).await;
        // With updates still being handled Telegram answers at once (it sends them again), so
        // only an idle bot waits for news.
        let busy = offset < self.next;
        let request = self
            .bot
            .get_updates()
            .offset(offset)
            .limit(BATCH)
            .timeout(if busy { 0 } else { POLL_TIMEOUT_SECS })
            .allowed_updates(vec![AllowedUpdate::Message, AllowedUpdate::CallbackQuery]);
        let result = tokio::select! {
            result = request.send() => result,
            _ = self.stop_flag.clone() => return Ok(()),
        };
        match result {
            Ok(updates) => self.receive(updates, buffer),
            Err(RequestError::InvalidJson { .. }) => return self.skip_unreadable(buffer).await,
            Err(e) => return Err(e),
        }
        if buffer.is_empty() && busy {
            // Nothing new: poll again when an update is done (or soon, for news).
            self.in_flight.wait_change(Duration::from_millis(200)).await;
        }
        Ok(())
    }

    /// Queues the updates not received before.
    fn receive(&mut self, updates: Vec<Update>, buffer: &mut VecDeque<Update>) {
        for update in updates {
            let id = update.id.0 as i32;
            if id < self.next {
                continue; // still being handled: Telegram sent it again
            }
            self.next = id + 1;
            if matches!(update.kind, UpdateKind::Error(_)) {
                tracing::warn!(update_id = update.id.0, "update not understood, skipped");
                continue;
            }
            buffer.push_back(update);
        }
    }

    /// One update nobody can parse makes the whole answer unreadable: once everything before
    /// it is handled, find it by taking updates one at a time, and step over it (its raw text,
    /// with other people's messages, is never logged).
    async fn skip_unreadable(&mut self, buffer: &mut VecDeque<Update>) -> Result<(), RequestError> {
        self.in_flight.wait_idle().await;
        let offset = self.next;
        self.make_durable(offset).await;
        match self
            .bot
            .get_updates()
            .offset(offset)
            .limit(1)
            .timeout(0)
            .send()
            .await
        {
            // Readable one at a time: the next call takes the rest of the batch.
            Ok(one) => {
                self.receive(one, buffer);
                Ok(())
            }
            Err(RequestError::InvalidJson { raw, .. }) => {
                match first_update_id(&raw) {
                    Some(id) => {
                        tracing::warn!(update_id = id, "update not understood, skipped");
                        self.next = id + 1;
                    }
                    None => {
                        tracing::error!("getUpdates answer not understood and no update id found")
                    }
                }
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Confirms what is handled to Telegram on shutdown; updates still waiting here are not
    /// confirmed, so Telegram sends them again after the restart.
    async fn confirm(&mut self, buffer: &VecDeque<Update>) {
        self.in_flight.wait_idle().await;
        let offset = self.offset(buffer);
        self.make_durable(offset).await;
        if offset != 0 {
            let _ = self
                .bot
                .get_updates()
                .offset(offset)
                .timeout(0)
                .limit(1)
                .send()
                .await;
        }
    }
}

/// The first `"update_id": N` in a raw getUpdates answer.
fn first_update_id(raw: &str) -> Option<i32> {
    let at = raw.find("\"update_id\"")? + "\"update_id\"".len();
    let rest = raw[at..].trim_start().strip_prefix(':')?.trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
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
                            _ = this.in_flight.wait_below(WINDOW) => {}
                            _ = this.stop_flag.clone() => {}
                        }
                    }
                    if this.stop_flag.is_stopped() {
                        this.confirm(&buffer).await;
                        return None;
                    }
                    if let Some(update) = buffer.pop_front() {
                        this.in_flight.start(update.id.0);
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
    use super::first_update_id;

    #[test]
    fn the_update_id_is_found_in_a_raw_answer() {
        assert_eq!(
            first_update_id(r#"{"ok":true,"result":[{"update_id": 42,"message":{}}]}"#),
            Some(42)
        );
        assert_eq!(first_update_id(r#"{"ok":true,"result":[]}"#), None);
    }
}
