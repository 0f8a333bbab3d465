//! getUpdates with Telegram's offset confirmation and long polling.

use std::time::Duration;

use serde_json::Value;
use tokio::time::Instant;

use crate::errors::{self, ApiErr};
use crate::params::Params;
use crate::state::{Inner, Shared};
use crate::updates;

/// Longest long-poll wait honoured, in seconds (Telegram caps at 50).
const MAX_TIMEOUT: i64 = 50;

/// Forgets confirmed updates: `offset > 0` drops ids below it; a negative
/// offset keeps only the last `-offset` updates.
fn confirm(inner: &mut Inner, offset: i64) {
    if offset > 0 {
        while inner.updates.front().is_some_and(|(id, _)| *id < offset) {
            inner.updates.pop_front();
        }
    } else if offset < 0 {
        let keep = offset.unsigned_abs() as usize;
        while inner.updates.len() > keep {
            inner.updates.pop_front();
        }
    }
}

pub(crate) fn allowed(inner: &Inner, update: &Value) -> bool {
    let Some(kind) = updates::update_kind(update) else {
        return true;
    };
    match &inner.allowed_updates {
        Some(list) if !list.is_empty() => list.iter().any(|a| a == kind),
        _ => updates::allowed_by_default(kind),
    }
}

/// Up to `limit` deliverable updates; updates of types not allowed are
/// discarded, as if Telegram had never created them.
/// Nothing while updates are held (`Emulator::hold_updates`).
fn take(inner: &mut Inner, limit: usize) -> Vec<Value> {
    if inner.held {
        return Vec::new();
    }
    let queued = std::mem::take(&mut inner.updates);
    let (keep, _dropped): (Vec<_>, Vec<_>) =
        queued.into_iter().partition(|(_, u)| allowed(inner, u));
    inner.updates = keep.into();
    inner
        .updates
        .iter()
        .take(limit)
        .map(|(_, u)| u.clone())
        .collect()
}

/// Counts a getUpdates call as waiting for news while it lives (a client that hangs up drops
/// it too).
struct LongPoll<'a>(&'a Shared);

impl<'a> LongPoll<'a> {
    fn new(shared: &'a Shared) -> Self {
        shared.lock().long_polls += 1;
        LongPoll(shared)
    }
}

impl Drop for LongPoll<'_> {
    fn drop(&mut self) {
        let mut inner = self.0.lock();
        inner.long_polls = inner.long_polls.saturating_sub(1);
    }
}

/// getUpdates: confirms `offset`, then answers at once if anything is
/// pending, else waits up to `timeout` seconds for an update.
pub(crate) async fn get_updates(shared: &Shared, p: &Params) -> Result<Value, ApiErr> {
    let offset = p.i64("offset")?.unwrap_or(0);
    let limit = p.i64("limit")?.unwrap_or(100).clamp(1, 100) as usize;
    let timeout = p.i64("timeout")?.unwrap_or(0).clamp(0, MAX_TIMEOUT);
    let allowed_updates = match p.json("allowed_updates")? {
        None => None,
        Some(Value::Array(list)) => Some(
            list.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
        ),
        Some(_) => {
            return Err(ApiErr::bad_request(
                "can't parse allowed_updates JSON array",
            ));
        }
    };
    {
        let mut inner = shared.lock();
        if inner.webhook.is_some() {
            return Err(ApiErr::new(409, errors::WEBHOOK_ACTIVE));
        }
        if let Some(list) = allowed_updates {
            inner.allowed_updates = Some(list);
        }
        confirm(&mut inner, offset);
    }
    let deadline = Instant::now() + Duration::from_secs(timeout as u64);
    let mut changes = shared.watch();
    let mut waiting = None;
    loop {
        changes.borrow_and_update();
        let batch = take(&mut shared.lock(), limit);
        if !batch.is_empty() || Instant::now() >= deadline {
            return Ok(Value::Array(batch));
        }
        waiting.get_or_insert_with(|| LongPoll::new(shared));
        match tokio::time::timeout_at(deadline, changes.changed()).await {
            Ok(Ok(())) => {}
            Ok(Err(_)) | Err(_) => return Ok(Value::Array(take(&mut shared.lock(), limit))),
        }
    }
}
