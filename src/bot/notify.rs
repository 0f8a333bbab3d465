//! Notifications through the durable outbox. A change and the notifications it causes are one
//! commit: the handler opens a [`WriteTx`], makes the change, queues the envelopes in the same
//! transaction, and [`commit`] commits both and sends them at once; what fails (or what a crash
//! kept from being sent) is sent by the outbox worker.

use teloxide::prelude::*;

use super::{App, HandlerError};
use crate::{db::WriteTx, outbox::Envelope};

/// Commits `tx` (a change and the notifications it queued), then sends them now. `point`
/// names the commit for crash tests (`EVAC_FAILPOINT`).
pub async fn commit(
    bot: &Bot,
    app: &App,
    tx: WriteTx,
    point: &'static str,
) -> Result<(), HandlerError> {
    let ids = tx.commit().await?;
    if !ids.is_empty() {
        app.failpoint(point);
    }
    flush(bot, app, &ids).await;
    Ok(())
}

/// Queues notifications that go with no other change, in a transaction of their own, and
/// sends them now.
pub async fn send(bot: &Bot, app: &App, envelopes: Vec<Envelope>) -> Result<(), HandlerError> {
    if envelopes.is_empty() {
        return Ok(());
    }
    let mut tx = app.db.begin().await?;
    tx.enqueue(&envelopes, app.now()).await?;
    commit(bot, app, tx, "send").await
}

/// Sends rows already stored: through the running outbox (throttled) when there is one, else
/// with the handler's own bot.
pub async fn flush(bot: &Bot, app: &App, ids: &[i64]) {
    if ids.is_empty() {
        return;
    }
    match &app.outbox {
        Some(outbox) => outbox.flush(ids).await,
        None => crate::outbox::flush_with(bot, &app.db, app.clock.clone(), ids).await,
    }
}
