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

/// Hook called when an update is finished, whatever happened to it (the listener uses it to
/// confirm updates to Telegram only once they are handled).
pub type Finished = Arc<dyn Fn(u32) + Send + Sync>;

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
            let result = HANDLER.scope(slot.clone(), cont(deps)).await;
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
                    finished(update.id.0);
                }
            }
            result
        },
        dptree::HandlerSignature::Entry,
    )
}
