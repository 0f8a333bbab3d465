//! Long polling that confirms updates to Telegram only after they are handled.
//!
//! teloxide's own polling moves the getUpdates offset forward as soon as a batch arrives, so a
//! crash (even `kill -9`) loses updates that were fetched but not yet handled. Here the next
//! getUpdates call, which is what confirms a batch, waits until every update of the batch went
//! through the handler tree. After a crash Telegram sends the unconfirmed updates again, and
//! the database ignores the ones already applied (`processed_updates`).
//! Updates teloxide cannot parse are dropped here with their id only: teloxide would log them
//! whole.

use std::{
    collections::{HashSet, VecDeque},
    sync::{Arc, Mutex},
    time::Duration,
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

/// How long one getUpdates call waits for news.
const POLL_TIMEOUT_SECS: u32 = 10;
/// A handler stuck longer than this no longer holds back the next batch.
const HANDLED_WAIT: Duration = Duration::from_secs(60);

/// The updates handed out and not yet handled.
#[derive(Debug, Default)]
pub struct InFlight {
    pending: Mutex<HashSet<u32>>,
    idle: Notify,
}

impl InFlight {
    fn start(&self, id: u32) {
        self.lock().insert(id);
    }

    /// Called by the handler tree's root when update `id` is done.
    pub fn finish(&self, id: u32) {
        let mut pending = self.lock();
        pending.remove(&id);
        if pending.is_empty() {
            self.idle.notify_waiters();
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashSet<u32>> {
        self.pending.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits until nothing is in flight, or `limit` passes.
    async fn wait_idle(&self, limit: Duration) {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let notified = self.idle.notified();
            let waiting = self.lock().len();
            if waiting == 0 {
                return;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                tracing::warn!(waiting, "updates still being handled; polling on");
                return;
            }
        }
    }
}

pub struct AckListener {
    bot: Bot,
    in_flight: Arc<InFlight>,
    offset: i32,
    stop_token: StopToken,
    stop_flag: StopFlag,
}

impl AckListener {
    pub fn new(bot: Bot, in_flight: Arc<InFlight>) -> Self {
        let (stop_token, stop_flag) = mk_stop_token();
        Self {
            bot,
            in_flight,
            offset: 0,
            stop_token,
            stop_flag,
        }
    }

    async fn next_batch(&mut self, buffer: &mut VecDeque<Update>) -> Result<(), RequestError> {
        self.in_flight.wait_idle(HANDLED_WAIT).await;
        let request = self
            .bot
            .get_updates()
            .offset(self.offset)
            .timeout(POLL_TIMEOUT_SECS)
            .allowed_updates(vec![AllowedUpdate::Message, AllowedUpdate::CallbackQuery]);
        let result = tokio::select! {
            result = request.send() => result,
            _ = self.stop_flag.clone() => return Ok(()),
        };
        let updates = match result {
            Ok(updates) => updates,
            // One update nobody can parse makes the whole answer unreadable: find it by taking
            // the batch one update at a time, and step over it (its raw text, with other
            // people's messages, is never logged).
            Err(RequestError::InvalidJson { .. }) => match self
                .bot
                .get_updates()
                .offset(self.offset)
                .limit(1)
                .timeout(0)
                .send()
                .await
            {
                Ok(one) => one,
                Err(RequestError::InvalidJson { raw, .. }) => {
                    match first_update_id(&raw) {
                        Some(id) => {
                            tracing::warn!(update_id = id, "update not understood, skipped");
                            self.offset = id + 1;
                        }
                        None => tracing::error!(
                            "getUpdates answer not understood and no update id found"
                        ),
                    }
                    return Ok(());
                }
                Err(e) => return Err(e),
            },
            Err(e) => return Err(e),
        };
        for update in updates {
            self.offset = update.id.0 as i32 + 1;
            if matches!(update.kind, UpdateKind::Error(_)) {
                tracing::warn!(update_id = update.id.0, "update not understood, skipped");
                continue;
            }
            self.in_flight.start(update.id.0);
            buffer.push_back(update);
        }
        Ok(())
    }

    /// Confirms the last batch to Telegram on shutdown, once it is handled.
    async fn confirm(&mut self) {
        self.in_flight.wait_idle(HANDLED_WAIT).await;
        if self.offset != 0 {
            let _ = self
                .bot
                .get_updates()
                .offset(self.offset)
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
                    if let Some(update) = buffer.pop_front() {
                        return Some((Ok(update), (this, buffer, failures)));
                    }
                    if this.stop_flag.is_stopped() {
                        this.confirm().await;
                        return None;
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
