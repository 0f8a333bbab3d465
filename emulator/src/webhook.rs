//! Delivering updates to a webhook, as Telegram does once `setWebhook` is called: each queued
//! update is POSTed to the URL as JSON, with `X-Telegram-Bot-Api-Secret-Token` when a secret
//! was set, by at most `max_connections` requests at a time. An update counts as delivered
//! only when the bot answers 2xx; anything else (another status, a refused connection, a
//! timeout) leaves it queued and it is sent again shortly after, as Telegram retries.
//!
//! Updates of one chat (a button press: of one presser) are delivered one at a time and in
//! order; different chats at the same time. Every attempt is recorded
//! ([`crate::Emulator::webhook_deliveries`]).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::methods::polling;
use crate::state::{Inner, Shared};

/// How long a failed delivery waits before it is tried again.
const RETRY_AFTER: Duration = Duration::from_millis(200);
/// How long a delivery may take before it counts as failed.
const DELIVERY_TIMEOUT: Duration = Duration::from_secs(60);

/// One delivery attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookDelivery {
    /// The update delivered.
    pub update_id: i64,
    /// The HTTP status the bot answered, or `None` if the request itself failed.
    pub status: Option<u16>,
}

/// What the delivery task keeps between rounds.
#[derive(Debug, Default)]
pub(crate) struct DeliveryState {
    /// Update ids being delivered now.
    in_flight: HashSet<i64>,
    /// Order keys with a delivery in flight.
    busy: HashSet<i64>,
    /// Update id → when it may be tried again.
    retry_at: HashMap<i64, Instant>,
    /// Every attempt, in order of completion.
    pub log: Vec<WebhookDelivery>,
}

/// The key that keeps one chat's updates in order.
fn order_key(update: &Value, id: i64) -> i64 {
    let chat = [
        "message",
        "edited_message",
        "channel_post",
        "my_chat_member",
    ]
    .iter()
    .find_map(|k| update.get(*k)?.get("chat")?.get("id")?.as_i64());
    let presser = || {
        update
            .get("callback_query")?
            .get("from")?
            .get("id")?
            .as_i64()
    };
    chat.or_else(presser).unwrap_or(i64::MIN + id)
}

struct Delivery {
    id: i64,
    key: i64,
    update: Value,
    url: String,
    secret: Option<String>,
}

/// The updates to deliver now: queued, allowed, not in flight, not waiting for a retry, their
/// chat not busy, within `max_connections`; none while updates are held.
fn pick(inner: &mut Inner) -> Vec<Delivery> {
    let Some(hook) = inner.webhook.clone().filter(|_| !inner.held) else {
        return Vec::new();
    };
    let url = hook["url"].as_str().unwrap_or_default().to_owned();
    let secret = hook["secret_token"].as_str().map(str::to_owned);
    let max = hook["max_connections"].as_u64().unwrap_or(40) as usize;
    // Types not allowed are dropped, as if Telegram had never created them.
    let queued = std::mem::take(&mut inner.updates);
    inner.updates = queued
        .into_iter()
        .filter(|(_, u)| polling::allowed(inner, u))
        .collect();
    let now = Instant::now();
    let mut picked = Vec::new();
    let mut keys_seen = HashSet::new();
    let state = &mut inner.delivery;
    for (id, update) in &inner.updates {
        if state.in_flight.len() >= max {
            break;
        }
        let key = order_key(update, *id);
        // An earlier update of this chat still queued (or in flight) goes first.
        if !keys_seen.insert(key) || state.busy.contains(&key) || state.in_flight.contains(id) {
            continue;
        }
        if state.retry_at.get(id).is_some_and(|at| *at > now) {
            continue;
        }
        state.in_flight.insert(*id);
        state.busy.insert(key);
        picked.push(Delivery {
            id: *id,
            key,
            update: update.clone(),
            url: url.clone(),
            secret: secret.clone(),
        });
    }
    picked
}

/// Runs until the emulator is dropped.
pub(crate) async fn run(shared: Weak<Shared>) {
    let client = reqwest::Client::builder()
        .timeout(DELIVERY_TIMEOUT)
        .build()
        .expect("an HTTP client without TLS");
    let Some(mut changes) = shared.upgrade().map(|s| s.watch()) else {
        return;
    };
    loop {
        let Some(strong) = shared.upgrade() else {
            return;
        };
        changes.borrow_and_update();
        let (picked, waiting_retry) = {
            let mut inner = strong.lock();
            (pick(&mut inner), !inner.delivery.retry_at.is_empty())
        };
        for delivery in picked {
            tokio::spawn(deliver(strong.clone(), client.clone(), delivery));
        }
        drop(strong);
        let wait = if waiting_retry {
            RETRY_AFTER
        } else {
            Duration::from_secs(1)
        };
        if let Ok(Err(_)) = tokio::time::timeout(wait, changes.changed()).await {
            return; // the emulator is gone
        }
    }
}

async fn deliver(shared: Arc<Shared>, client: reqwest::Client, d: Delivery) {
    // The network distance, both ways, as for the bot's own calls.
    tokio::time::sleep(shared.half_round_trip()).await;
    let mut request = client.post(&d.url).json(&d.update);
    if let Some(secret) = &d.secret {
        request = request.header("X-Telegram-Bot-Api-Secret-Token", secret);
    }
    let status = request.send().await.ok().map(|r| r.status().as_u16());
    tokio::time::sleep(shared.half_round_trip()).await;
    {
        let mut inner = shared.lock();
        let delivered = status.is_some_and(|s| (200..300).contains(&s));
        if delivered {
            inner.updates.retain(|(id, _)| *id != d.id);
            inner.delivery.retry_at.remove(&d.id);
        } else {
            inner
                .delivery
                .retry_at
                .insert(d.id, Instant::now() + RETRY_AFTER);
        }
        inner.delivery.in_flight.remove(&d.id);
        inner.delivery.busy.remove(&d.key);
        inner.delivery.log.push(WebhookDelivery {
            update_id: d.id,
            status,
        });
    }
    shared.notify();
}
