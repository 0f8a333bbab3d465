//! Webhook delivery: once setWebhook is called, queued updates are POSTed to the URL with
//! the secret token, one chat's in order, and an update the bot does not answer 2xx is sent
//! again, as Telegram does.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::{Router, extract::State, http::HeaderMap, http::StatusCode, routing::post};
use botapi_emulator::Emulator;
use serde_json::Value;
use teloxide::prelude::*;

use crate::common::{WAIT, bot};

/// What the stand-in bot received: (secret header, text of the message).
type Seen = Arc<Mutex<Vec<(Option<String>, String)>>>;

/// A stand-in bot that records each delivery and refuses the first one with 500.
async fn receiver() -> (String, Seen) {
    let seen: Seen = Arc::default();
    let app = Router::new()
        .route(
            "/hook",
            post(
                |State(seen): State<Seen>, headers: HeaderMap, body: String| async move {
                    let update: Value = serde_json::from_str(&body).unwrap();
                    let secret = headers
                        .get("x-telegram-bot-api-secret-token")
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_owned);
                    let text = update["message"]["text"].as_str().unwrap_or("").to_owned();
                    let mut seen = seen.lock().unwrap();
                    seen.push((secret, text));
                    if seen.len() == 1 {
                        StatusCode::INTERNAL_SERVER_ERROR
                    } else {
                        StatusCode::OK
                    }
                },
            ),
        )
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, seen)
}

#[tokio::test]
async fn updates_are_posted_with_the_secret_in_chat_order_and_a_refused_one_is_sent_again() {
    let emu = Emulator::start().await.unwrap();
    let (url, seen) = receiver().await;
    let first = emu.user(11);
    first.send_text("a1");
    first.send_text("a2");
    emu.user(12).send_text("b1");
    let bot = bot(&emu);
    bot.set_webhook(url.parse().unwrap())
        .secret_token("s3cret")
        .max_connections(5)
        .await
        .unwrap();

    let delivered = emu.wait_until(WAIT, |e| e.pending_updates() == 0).await;
    assert!(
        delivered,
        "every update delivered: {:?}",
        seen.lock().unwrap()
    );
    let seen = seen.lock().unwrap().clone();
    assert!(
        seen.iter()
            .all(|(secret, _)| secret.as_deref() == Some("s3cret")),
        "{seen:?}"
    );
    let texts: Vec<&str> = seen.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        texts.len(),
        4,
        "three updates, one of them twice: {texts:?}"
    );
    let refused = texts[0];
    assert_eq!(
        texts.iter().filter(|t| **t == refused).count(),
        2,
        "the refused update came again: {texts:?}"
    );
    let a1 = texts.iter().rposition(|t| *t == "a1").unwrap();
    let a2 = texts.iter().position(|t| *t == "a2").unwrap();
    assert!(
        a1 < a2,
        "a chat's second update waits for its first: {texts:?}"
    );
    let statuses: Vec<Option<u16>> = emu.webhook_deliveries().iter().map(|d| d.status).collect();
    assert_eq!(statuses.iter().filter(|s| **s == Some(500)).count(), 1);
    assert_eq!(statuses.iter().filter(|s| **s == Some(200)).count(), 3);

    let polled = bot.get_updates().await;
    assert!(
        polled.is_err(),
        "getUpdates is refused while a webhook is set"
    );
    assert_eq!(
        bot.get_webhook_info()
            .await
            .unwrap()
            .url
            .map(|u| u.to_string()),
        Some(url)
    );
}

#[tokio::test]
async fn nothing_is_delivered_to_a_bot_that_is_not_listening_until_it_is() {
    let emu = Emulator::start().await.unwrap();
    // A port with nobody on it.
    let free = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = free.local_addr().unwrap();
    drop(free);
    emu.user(21).send_text("hello");
    bot(&emu)
        .set_webhook(format!("http://{addr}/hook").parse().unwrap())
        .await
        .unwrap();
    let tried = emu
        .wait_until(WAIT, |e| e.webhook_deliveries().len() >= 2)
        .await;
    assert!(tried, "the delivery is tried again");
    assert!(emu.webhook_deliveries().iter().all(|d| d.status.is_none()));
    assert_eq!(emu.pending_updates(), 1, "kept until the bot answers");

    // The bot comes up on that port: the update arrives.
    let got: Seen = Arc::default();
    let app = Router::new()
        .route(
            "/hook",
            post(|State(got): State<Seen>, body: String| async move {
                got.lock().unwrap().push((None, body));
                StatusCode::OK
            }),
        )
        .with_state(got.clone());
    let listener = tokio::net::TcpListener::bind(addr).await.unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let delivered = emu
        .wait_until(Duration::from_secs(5), |e| e.pending_updates() == 0)
        .await;
    assert!(delivered);
    assert!(got.lock().unwrap()[0].1.contains("hello"));
}

#[tokio::test]
async fn held_updates_are_not_posted_until_released() {
    let emu = Emulator::start().await.unwrap();
    let (url, seen) = receiver().await;
    emu.hold_updates();
    emu.user(31).send_text("held");
    bot(&emu).set_webhook(url.parse().unwrap()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        emu.webhook_deliveries().is_empty(),
        "a held update was posted"
    );
    emu.release_updates();
    let delivered = emu.wait_until(WAIT, |e| e.pending_updates() == 0).await;
    assert!(delivered, "the released update was posted");
    assert!(seen.lock().unwrap().iter().all(|(_, text)| text == "held"));
}
