//! Webhook mode: Telegram POSTs each update to `WEBHOOK_URL`; the bot serves them with axum on
//! `WEBHOOK_LISTEN` (behind a reverse proxy that terminates HTTPS).
//!
//! A request whose `X-Telegram-Bot-Api-Secret-Token` is missing or wrong is refused with 401
//! before its body is read: nothing changes, and the log counts it without any of its content.
//! An accepted update goes into the same handler tree as in polling mode (each chat's updates
//! in order, different chats at the same time), and the request is answered 200 only after
//! the update is handled (or, while many wait, committed: see `impl Confirm for Waiting`) and
//! what it changed is synced to disk, so anything lost to a crash is delivered again by
//! Telegram and a replayed update is recognised as in polling mode (`processed_updates`). Disk
//! syncs are shared: one fsync answers every request that was waiting for it.

use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use axum::{
    Router,
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
    routing::post,
};
use futures::{StreamExt, stream::BoxStream};
use teloxide::{
    RequestError,
    prelude::*,
    stop::{StopFlag, StopToken, mk_stop_token},
    update_listeners::{AsUpdateStream, UpdateListener},
};
use tokio::sync::{mpsc, oneshot};

use super::listener::{self, Received};
use crate::{
    config::Webhook,
    db::Db,
    telemetry::{Confirm, Progress},
};

/// The header Telegram sends the secret in (matched without regard to case).
const SECRET_HEADER: &str = "X-Telegram-Bot-Api-Secret-Token";
/// How long a request waits for its update to be handled before Telegram is told to retry.
const HANDLED_WAIT: Duration = Duration::from_secs(55);
/// Telegram's limit for `max_connections`.
const MAX_CONNECTIONS: usize = 100;

/// The update ids being handled, each with the requests waiting for it.
#[derive(Default)]
pub(super) struct Waiting(Mutex<HashMap<u32, Vec<oneshot::Sender<()>>>>);

impl Waiting {
    fn watch(&self, id: u32) -> oneshot::Receiver<()> {
        let (tx, rx) = oneshot::channel();
        self.lock().entry(id).or_default().push(tx);
        rx
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u32, Vec<oneshot::Sender<()>>>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A request is answered when its update is done, or once it is committed while many
/// requests wait (as in polling, `listener::EARLY_CONFIRM_ABOVE`), so Telegram's connections
/// are not held for the round trips of its replies.
impl Confirm for Waiting {
    fn busy(&self) -> bool {
        self.lock().len() > listener::EARLY_CONFIRM_ABOVE
    }

    fn progress(&self, id: u32, _: Progress) {
        for tx in self.lock().remove(&id).into_iter().flatten() {
            let _ = tx.send(());
        }
    }
}

/// One fsync for all the requests waiting for one: a request asks after its update is
/// handled; a sync that starts after that covers it.
struct Syncer {
    db: Db,
    asked: AtomicU64,
    /// The highest ask covered by a finished sync.
    covered: tokio::sync::Mutex<u64>,
}

impl Syncer {
    async fn sync(&self) -> bool {
        let ask = self.asked.fetch_add(1, Ordering::SeqCst) + 1;
        let mut covered = self.covered.lock().await;
        if *covered >= ask {
            return true;
        }
        let upto = self.asked.load(Ordering::SeqCst);
        match self.db.make_durable().await {
            Ok(()) => {
                *covered = upto;
                true
            }
            Err(e) => {
                tracing::error!(error = %e, "could not sync the database to disk");
                false
            }
        }
    }
}

struct Server {
    secret: String,
    updates: mpsc::Sender<Update>,
    waiting: Arc<Waiting>,
    syncer: Syncer,
    refused: AtomicU64,
    stop: StopFlag,
}

/// Compares without stopping at the first difference.
fn same_secret(given: &[u8], expected: &[u8]) -> bool {
    given.len() == expected.len()
        && given.iter().zip(expected).fold(0, |d, (a, b)| d | (a ^ b)) == 0
}

async fn receive(State(server): State<Arc<Server>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let given = headers
        .get(SECRET_HEADER)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    if !same_secret(given, server.secret.as_bytes()) {
        let refused = server.refused.fetch_add(1, Ordering::Relaxed) + 1;
        tracing::warn!(
            refused,
            "webhook request without the right secret token refused"
        );
        return StatusCode::UNAUTHORIZED;
    }
    let update = match listener::read_update(&body) {
        Some(Received::Update(update)) => *update,
        Some(Received::Unreadable(id)) => {
            // Answered 200: Telegram would otherwise send it again forever.
            tracing::warn!(update_id = id, "update not understood, skipped");
            return StatusCode::OK;
        }
        None => {
            tracing::warn!("webhook request that is not an update refused");
            return StatusCode::BAD_REQUEST;
        }
    };
    let done = server.waiting.watch(update.id.0);
    if server.updates.send(update).await.is_err() {
        return StatusCode::SERVICE_UNAVAILABLE; // stopping: Telegram sends it again
    }
    let handled = tokio::select! {
        done = tokio::time::timeout(HANDLED_WAIT, done) => matches!(done, Ok(Ok(()))),
        _ = server.stop.clone() => false,
    };
    if !handled {
        return StatusCode::SERVICE_UNAVAILABLE;
    }
    if server.syncer.sync().await {
        StatusCode::OK
    } else {
        StatusCode::INTERNAL_SERVER_ERROR
    }
}

/// The handler tree's source of updates in webhook mode: what the server accepted.
pub(super) struct WebhookListener {
    updates: Arc<tokio::sync::Mutex<mpsc::Receiver<Update>>>,
    stop_token: StopToken,
    stop_flag: StopFlag,
}

impl UpdateListener for WebhookListener {
    type Err = RequestError;

    fn stop_token(&mut self) -> StopToken {
        self.stop_token.clone()
    }
}

impl<'a> AsUpdateStream<'a> for WebhookListener {
    type StreamErr = RequestError;
    type Stream = BoxStream<'a, Result<Update, RequestError>>;

    fn as_stream(&'a mut self) -> Self::Stream {
        futures::stream::unfold(self, |this| async move {
            let mut updates = this.updates.lock().await;
            let next = tokio::select! {
                next = updates.recv() => next,
                _ = this.stop_flag.clone() => None,
            };
            drop(updates);
            next.map(|update| (Ok(update), this))
        })
        .boxed()
    }
}

/// A running webhook server: listeners for the dispatcher (one per attempt to start it), and
/// the hook the handler tree calls when an update is done.
pub(super) struct Serving {
    updates: Arc<tokio::sync::Mutex<mpsc::Receiver<Update>>>,
    pub(super) waiting: Arc<Waiting>,
    stop_token: StopToken,
    stop_flag: StopFlag,
    pub(super) task: tokio::task::JoinHandle<()>,
}

impl Serving {
    pub(super) fn listener(&self) -> WebhookListener {
        WebhookListener {
            updates: self.updates.clone(),
            stop_token: self.stop_token.clone(),
            stop_flag: self.stop_flag.clone(),
        }
    }
}

/// Binds `WEBHOOK_LISTEN` and serves the path of `WEBHOOK_URL`. Updates are handed on at most
/// `max_in_flight` at a time (the others wait in their requests).
pub(super) async fn serve(
    hook: &Webhook,
    db: Db,
    max_in_flight: usize,
) -> std::io::Result<Serving> {
    let socket = tokio::net::TcpListener::bind(hook.listen).await?;
    let (tx, rx) = mpsc::channel(max_in_flight.max(1));
    let (stop_token, stop_flag) = mk_stop_token();
    let waiting = Arc::new(Waiting::default());
    let server = Arc::new(Server {
        secret: hook.secret.clone(),
        updates: tx,
        waiting: waiting.clone(),
        syncer: Syncer {
            db,
            asked: AtomicU64::new(0),
            covered: tokio::sync::Mutex::new(0),
        },
        refused: AtomicU64::new(0),
        stop: stop_flag.clone(),
    });
    let path = match hook.url.path() {
        "" => "/",
        path => path,
    };
    let app = Router::new().route(path, post(receive)).with_state(server);
    let until = stop_flag.clone();
    let task = tokio::spawn(async move {
        let served = axum::serve(socket, app).with_graceful_shutdown(until).await;
        if let Err(e) = served {
            tracing::error!(error = %e, "the webhook server stopped");
        }
    });
    tracing::info!(listen = %hook.listen, "serving the webhook");
    Ok(Serving {
        updates: Arc::new(tokio::sync::Mutex::new(rx)),
        waiting,
        stop_token,
        stop_flag,
        task,
    })
}

/// Tells Telegram where to deliver: the URL, the secret, the connection limit and the update
/// types the bot handles.
pub(super) async fn register(
    bot: &Bot,
    hook: &Webhook,
    max_in_flight: usize,
) -> Result<(), RequestError> {
    bot.set_webhook(hook.url.clone())
        .secret_token(hook.secret.clone())
        .max_connections(max_in_flight.clamp(1, MAX_CONNECTIONS) as u8)
        .allowed_updates(listener::allowed_updates())
        .await
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::same_secret;

    #[test]
    fn the_secret_must_match_exactly() {
        assert!(same_secret(b"abc", b"abc"));
        assert!(!same_secret(b"abd", b"abc"));
        assert!(!same_secret(b"ab", b"abc"));
        assert!(!same_secret(b"", b"abc"));
    }
}
