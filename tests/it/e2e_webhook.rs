//! Webhook mode (`WEBHOOK_URL`), with the emulator delivering updates as Telegram does: the bot
//! registers its webhook with the secret and a connection limit, answers a person the same as
//! in polling mode, and refuses a request without the right secret token, which then changes
//! nothing at all.

use crate::e2e_common;

use std::time::Duration;

use botapi_emulator::Emulator;
use e2e_common::{DbView, Staff, must_settle, spawn_in_process_with, webhook_settings};
use serde_json::json;

const SECRET: &str = "s3cret_Token-42";
const SUPERVISOR: i64 = 7_100_200_555;
const ATTACKER_TARGET: i64 = 4_242_424_242;
const PERSON: i64 = 4_343_434_343;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_webhook_request_with_a_wrong_or_missing_secret_is_refused_and_changes_nothing() {
    let emu = Emulator::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("bot.db");
    let staff = Staff {
        supervisors: vec![SUPERVISOR],
        volunteer_chat: None,
    };
    let settings = webhook_settings(SECRET);
    let pairs: Vec<(&str, &str)> = settings.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (_app, running) = spawn_in_process_with(&emu, &db_path, &staff, &pairs).await;
    let url = &settings[0].1;

    let set = emu.calls_to("setWebhook");
    assert_eq!(set.len(), 1, "the webhook is registered once");
    let params = &set[0].params;
    assert_eq!(params["url"], json!(url));
    assert_eq!(params["secret_token"], json!(SECRET));
    let max_connections = &params["max_connections"];
    let max_connections = max_connections
        .as_i64()
        .or_else(|| max_connections.as_str()?.parse().ok());
    assert_eq!(
        max_connections,
        Some(100),
        "MAX_IN_FLIGHT 256, capped at 100"
    );

    // Someone who found the address posts a /start as if from Telegram.
    let forged = json!({
        "update_id": 990_001,
        "message": {
            "message_id": 1, "date": 1_700_000_000,
            "chat": {"id": ATTACKER_TARGET, "type": "private", "first_name": "X"},
            "from": {"id": ATTACKER_TARGET, "is_bot": false, "first_name": "X"},
            "text": "/start", "entities": [{"type": "bot_command", "offset": 0, "length": 6}]
        }
    });
    let client = reqwest::Client::new();
    for secret in [Some("wrong"), Some(""), Some("s3cret_Token-4"), None] {
        let mut request = client.post(url).json(&forged);
        if let Some(secret) = secret {
            request = request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        let status = request.send().await.unwrap().status();
        assert_eq!(status.as_u16(), 401, "secret {secret:?} is refused");
    }

    // A person writes through Telegram (the emulator delivers with the secret).
    emu.user(PERSON).language("uk").send_command("/start");
    must_settle(&emu, "the person's /start").await;
    let answered = emu
        .wait_until(Duration::from_secs(10), |e| e.sent_count_in(PERSON) > 0)
        .await;
    assert!(answered, "the person delivered by the webhook is answered");
    assert!(
        emu.sent(PERSON)[0].text_or_empty().contains("112"),
        "the first screen, emergency line first"
    );
    assert!(
        emu.webhook_deliveries()
            .iter()
            .all(|d| d.status == Some(200)),
        "each delivery answered 200 once handled: {:?}",
        emu.webhook_deliveries()
    );

    // The forged update changed nothing: nothing was sent to that chat, nothing stored.
    assert_eq!(emu.sent_count_in(ATTACKER_TARGET), 0);
    let db = DbView::open(&db_path).await;
    for (what, sql) in [
        (
            "user rows",
            format!("SELECT COUNT(*) FROM users WHERE telegram_id = {ATTACKER_TARGET}"),
        ),
        (
            "survey rows",
            format!("SELECT COUNT(*) FROM survey_state WHERE telegram_id = {ATTACKER_TARGET}"),
        ),
        (
            "processed update",
            "SELECT COUNT(*) FROM processed_updates WHERE update_id = 990001".to_owned(),
        ),
        (
            "outbox rows",
            format!("SELECT COUNT(*) FROM outbox WHERE chat_id = {ATTACKER_TARGET}"),
        ),
    ] {
        assert_eq!(db.count(&sql).await, 0, "{what} of the forged update");
    }
    running.stop().await;
}
