//! Notifications through the durable outbox. A change and the notifications it causes are one
//! commit: the handler opens a [`WriteTx`], makes the change, queues the envelopes in the same
//! transaction, and [`commit`] commits both and sends them at once; what fails (or what a crash
//! kept from being sent) is sent by the outbox worker.

use super::{App, HandlerError};
use crate::{db::WriteTx, outbox::Envelope};

tokio::task_local! {
    /// Rows committed while a button press is handled: sent after its spinner is answered.
    static DEFERRED: std::cell::RefCell<Vec<i64>>;
}

/// Runs `work` (a button press's handler) with the sending of what it commits held back; returns
/// its result and the rows to send once the press is answered ([`flush`] them).
pub(super) async fn deferring<T>(work: impl std::future::Future<Output = T>) -> (T, Vec<i64>) {
    let cell = std::cell::RefCell::new(Vec::new());
    DEFERRED
        .scope(cell, async move {
            let result = work.await;
            let ids = DEFERRED.with(|d| d.take());
            (result, ids)
        })
        .await
}

/// Commits `tx` (a change and the notifications it queued), then sends them now, or, while
/// a button press is handled, right after its spinner is answered (see [`deferring`]). `point`
/// names the commit for crash tests (`EVAC_FAILPOINT`).
pub(super) async fn commit(
    app: &App,
    tx: WriteTx,
    point: &'static str,
) -> Result<(), HandlerError> {
    commit_then_send(app, tx, point, false).await
}

/// [`commit`] for an update whose every message that matters is queued in `tx`: once it is
/// committed a busy bot may confirm the update to Telegram before the messages are out
/// (`telemetry::confirm_early`); the outbox sends them whatever happens to this process.
pub(super) async fn commit_confirming(
    app: &App,
    tx: WriteTx,
    point: &'static str,
) -> Result<(), HandlerError> {
    commit_then_send(app, tx, point, true).await
}

/// The body of [`commit`] and [`commit_confirming`].
async fn commit_then_send(
    app: &App,
    tx: WriteTx,
    point: &'static str,
    confirming: bool,
) -> Result<(), HandlerError> {
    let ids = tx.commit().await?;
    if confirming && crate::telemetry::confirm_early() {
        crate::telemetry::committed();
    }
    if ids.is_empty() {
        return Ok(());
    }
    app.failpoint(point);
    send_after_commit(app, &ids).await;
    Ok(())
}

/// Sends committed rows: after the spinner is answered while a press is handled (see
/// [`deferring`]), else now.
async fn send_after_commit(app: &App, ids: &[i64]) {
    let deferred = DEFERRED.try_with(|d| d.borrow_mut().extend(ids.iter().copied()));
    if deferred.is_err() {
        flush(app, ids).await;
    }
}

/// How long at most [`commit_for`] waits for the person's message when the outbox worker
/// took it first (it goes on after that: the worker still sends it).
const READ_FIRST_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// [`commit`] for a change whose message to the person must be out before the handler goes
/// on: the safety gate's emergency guidance, which the person must read before the next
/// question. What goes to `person` is sent now (never deferred, never in the background; if
/// the outbox worker took it first, its send is waited for); the rest as [`commit`] sends it.
pub(super) async fn commit_for(
    app: &App,
    tx: WriteTx,
    point: &'static str,
    person: i64,
) -> Result<(), HandlerError> {
    let rows = tx.commit_rows().await?;
    if rows.is_empty() {
        return Ok(());
    }
    app.failpoint(point);
    // A press is answered before the guidance goes out.
    super::answer_press_first();
    let theirs: Vec<i64> = rows
        .iter()
        .filter(|(_, chat)| *chat == person)
        .map(|(id, _)| *id)
        .collect();
    app.outbox.flush_waiting(&theirs, READ_FIRST_WAIT).await;
    let rest: Vec<i64> = rows
        .iter()
        .filter(|(_, chat)| *chat != person)
        .map(|(id, _)| *id)
        .collect();
    send_after_commit(app, &rest).await;
    Ok(())
}

/// Queues notifications that go with no other change, in a transaction of their own, and
/// sends them now.
pub(super) async fn send(app: &App, envelopes: Vec<Envelope>) -> Result<(), HandlerError> {
    if envelopes.is_empty() {
        return Ok(());
    }
    let mut tx = app.db.begin().await?;
    tx.enqueue(&envelopes, app.now()).await?;
    commit(app, tx, "send").await
}

/// Sends rows already stored, through the app's outbox. With Telegram's rate limits on, a
/// send may have to wait in the throttle (a second per chat, three for a group): it goes on in
/// the background, so the update is done and the next one handled meanwhile (the rows are
/// committed, and each chat's rows still go out in order). Without them (tests, benchmarks
/// against the emulator) it is sent before the handler returns.
pub(super) async fn flush(app: &App, ids: &[i64]) {
    if ids.is_empty() {
        return;
    }
    if app.config.throttle {
        let (outbox, ids) = (app.outbox.clone(), ids.to_vec());
        tokio::spawn(async move { outbox.flush(&ids).await });
    } else {
        app.outbox.flush(ids).await;
    }
}

/// The outbox key of what update `update_id` sends to `chat`: Telegram may deliver an update
/// again after a crash, and its copy must not be queued twice.
pub(super) fn once(update_id: i64, chat: i64) -> String {
    format!("u:{update_id}:{chat}")
}
