//! Notifications through the durable outbox: stored first, then sent at once; what fails is
//! retried by the outbox worker.

use teloxide::prelude::*;

use super::{App, HandlerError};
use crate::outbox::{self, Envelope};

/// Stores the envelopes and sends them now.
pub async fn send(bot: &Bot, app: &App, envelopes: Vec<Envelope>) -> Result<(), HandlerError> {
    if envelopes.is_empty() {
        return Ok(());
    }
    let ids = app.db.enqueue(&envelopes, app.now()).await?;
    flush(bot, app, &ids).await;
    Ok(())
}

/// Sends rows already stored: through the running outbox (throttled) when there is one, else
/// with the handler's own bot (handler tests, where the mocked Bot API is only reachable so).
pub async fn flush(bot: &Bot, app: &App, ids: &[i64]) {
    match &app.outbox {
        Some(outbox) => outbox.flush(ids).await,
        None => outbox::flush_with(bot, &app.db, app.clock.clone(), ids).await,
    }
}
