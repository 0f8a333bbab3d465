//! Logs: one line per update with its id, kind, handler and latency, and nothing a person wrote.
//!
//! Never names, usernames, message texts, phones, places or answers. teloxide's own logging of
//! unhandled updates and handler errors (which prints whole updates) is replaced here, and its
//! crates are capped at `warn` by default.

use std::{
    ops::ControlFlow,
    sync::{Arc, Mutex},
    time::Instant,
};

use teloxide::{
    dispatching::DpHandlerDescription,
    dptree::{self, HandlerDescription, di::DependencyMap},
    prelude::*,
    types::UpdateKind,
};
use tracing_subscriber::EnvFilter;

/// `RUST_LOG` when it is not set.
pub const DEFAULT_FILTER: &str = "info,teloxide=warn,teloxide_core=warn,sqlx=warn";

/// Installs the tracing subscriber (and the bridge from the `log` crate teloxide uses).
pub fn init() {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .try_init();
}

tokio::task_local! {
    static HANDLER: Arc<Mutex<&'static str>>;
}

/// Names the handler that took the current update, for its log line.
pub fn handler(name: &'static str) {
    let _ = HANDLER.try_with(|slot| {
        if let Ok(mut slot) = slot.lock() {
            *slot = name;
        }
    });
}

/// The kind of an update, without its content.
pub fn update_kind(update: &Update) -> &'static str {
    match &update.kind {
        UpdateKind::Message(m) => message_kind(m),
        UpdateKind::EditedMessage(_) => "edited_message",
        UpdateKind::CallbackQuery(_) => "callback_query",
        UpdateKind::MyChatMember(_) => "my_chat_member",
        UpdateKind::ChatMember(_) => "chat_member",
        UpdateKind::InlineQuery(_) => "inline_query",
        UpdateKind::ChannelPost(_) => "channel_post",
        UpdateKind::Error(_) => "unparsed",
        _ => "other",
    }
}

/// The kind of a message, without its content.
pub fn message_kind(m: &Message) -> &'static str {
    if m.text().is_some_and(|t| t.starts_with('/')) {
        "command"
    } else if m.text().is_some() {
        "text"
    } else if m.location().is_some() {
        "location"
    } else if m.contact().is_some() {
        "contact"
    } else if m.photo().is_some() {
        "photo"
    } else if m.sticker().is_some() {
        "sticker"
    } else if m.voice().is_some() {
        "voice"
    } else if m.video().is_some() || m.video_note().is_some() {
        "video"
    } else if m.document().is_some() {
        "document"
    } else if m.audio().is_some() {
        "audio"
    } else {
        "message_other"
    }
}

/// How far an update has come, for [`Confirm::progress`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// What it changed, and a mark of what it still has to show the person, is committed:
    /// Telegram may be told it is handled while its handler is still sending (see
    /// [`confirm_early`]).
    Committed,
    /// Its handler is done, whatever happened to it.
    Done,
}

/// What the listener (polling or webhook) hears from the handler tree, to confirm updates to
/// Telegram only once they are handled and to count the updates in the tree.
pub trait Confirm: Send + Sync {
    /// Whether so many updates wait for confirmation that one committed now should be
    /// confirmed before its handler is done (so it does not hold one of Telegram's places for
    /// the round trips of its replies).
    fn busy(&self) -> bool;
    fn progress(&self, update_id: u32, progress: Progress);
}

/// The listener's hook, a dependency of the handler tree.
pub type Finished = Arc<dyn Confirm>;

/// No listener (handlers called directly, as in tests): nothing is confirmed early.
pub struct NoListener;

impl Confirm for NoListener {
    fn busy(&self) -> bool {
        false
    }
    fn progress(&self, _: u32, _: Progress) {}
}

tokio::task_local! {
    /// The current update's hook and id, for [`confirm_early`].
    static CURRENT: Option<(Arc<Finished>, u32)>;
}

/// Whether the current update should be confirmed as soon as its change is committed: asked
/// before the commit, which then also stores the mark that its next step is still to be
/// shown (`requester/unshown.rs`); after the commit the handler calls [`committed`].
pub fn confirm_early() -> bool {
    CURRENT
        .try_with(|current| current.as_ref().is_some_and(|(hook, _)| hook.busy()))
        .unwrap_or(false)
}

/// Called by a handler after committing what [`confirm_early`] said to: Telegram may hear the
/// update is handled while the handler goes on sending.
pub fn committed() {
    let _ = CURRENT.try_with(|current| {
        if let Some((hook, id)) = current {
            hook.progress(*id, Progress::Committed);
        }
    });
}

/// The root of the handler tree: runs the rest, then logs one line for the update.
pub fn observe<E>() -> Handler<'static, Result<(), E>, DpHandlerDescription>
where
    E: Send + Sync + 'static,
{
    dptree::from_fn_with_description(
        DpHandlerDescription::entry(),
        |deps: DependencyMap, cont| async move {
            let started = Instant::now();
            let update: Option<Arc<Update>> = deps.try_get();
            let finished: Option<Arc<Finished>> = deps.try_get();
            let slot = Arc::new(Mutex::new("unhandled"));
            let current = finished.clone().zip(update.as_ref().map(|u| u.id.0));
            let result = HANDLER
                .scope(slot.clone(), CURRENT.scope(current, cont(deps)))
                .await;
            let name = *slot.lock().unwrap_or_else(|e| e.into_inner());
            let outcome = match &result {
                ControlFlow::Break(Ok(())) => "ok",
                ControlFlow::Break(Err(_)) => "error",
                ControlFlow::Continue(_) => "unhandled",
            };
            if let Some(update) = update {
                tracing::info!(
                    update_id = update.id.0,
                    kind = update_kind(&update),
                    handler = name,
                    outcome,
                    latency_us = started.elapsed().as_micros() as u64,
                    "update"
                );
                if let Some(finished) = finished {
                    finished.progress(update.id.0, Progress::Done);
                }
            }
            result
        },
        dptree::HandlerSignature::Entry,
    )
}
