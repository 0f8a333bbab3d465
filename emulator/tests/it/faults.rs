//! Injected faults reach teloxide as the errors production would produce,
//! and failed calls have no effect.

use crate::common;

use std::time::Duration;

use botapi_emulator::{Emulator, FaultKind, Faults, errors};
use common::bot;
use teloxide::prelude::*;
use teloxide::{ApiError, RequestError};

#[tokio::test]
async fn retry_after_surfaces_as_request_error_retry_after_and_stores_nothing() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    emu.user(1).send_text("hi");
    emu.fail_next("SendMessage", 1, FaultKind::RetryAfter(3));
    let err = bot.send_message(ChatId(1), "x").await.unwrap_err();
    assert!(
        matches!(err, RequestError::RetryAfter(s) if s.seconds() == 3),
        "{err:?}"
    );
    assert!(emu.sent(1).is_empty());
    let call = emu.calls_to("sendMessage").pop().unwrap();
    assert_eq!(
        (call.status, call.fault),
        (429, Some(FaultKind::RetryAfter(3)))
    );
    // The scripted fault is used up.
    bot.send_message(ChatId(1), "x").await.unwrap();
    assert_eq!(emu.sent(1).len(), 1);
}

#[tokio::test]
async fn dropped_connections_are_network_errors_and_lost_responses_still_deliver() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    emu.user(2).send_text("hi");
    emu.fail_next("sendMessage", 1, FaultKind::Drop);
    let err = bot.send_message(ChatId(2), "dropped").await.unwrap_err();
    assert!(matches!(err, RequestError::Network(_)), "{err:?}");
    assert!(emu.sent(2).is_empty());

    emu.fail_next("sendMessage", 1, FaultKind::LostResponse);
    let err = bot.send_message(ChatId(2), "delivered").await.unwrap_err();
    assert!(matches!(err, RequestError::Network(_)), "{err:?}");
    assert_eq!(
        emu.sent(2).len(),
        1,
        "the message went out although the bot saw an error"
    );
    let statuses: Vec<u16> = emu
        .calls_to("sendMessage")
        .iter()
        .map(|c| c.status)
        .collect();
    assert_eq!(statuses, [0, 0]);

    // The next call on the same client works.
    bot.send_message(ChatId(2), "after").await.unwrap();
}

#[tokio::test]
async fn scripted_api_errors_and_slowness() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    emu.user(3).send_text("hi");
    emu.fail_next(
        "sendMessage",
        1,
        FaultKind::Api {
            code: 403,
            description: errors::BOT_BLOCKED.into(),
        },
    );
    let err = bot.send_message(ChatId(3), "x").await.unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::BotBlocked)),
        "{err:?}"
    );

    emu.fail_next(
        "sendMessage",
        1,
        FaultKind::Slow(Duration::from_millis(300)),
    );
    let started = std::time::Instant::now();
    bot.send_message(ChatId(3), "slow").await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert!(emu.calls_to("sendMessage").pop().unwrap().took >= Duration::from_millis(300));
}

async fn failure_pattern(seed: u64) -> Vec<bool> {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    emu.user(4).send_text("hi");
    emu.set_faults(Faults {
        retry_after_rate: 0.3,
        drop_rate: 0.2,
        seed,
        ..Faults::default()
    });
    let mut pattern = Vec::new();
    for i in 0..40 {
        pattern.push(bot.send_message(ChatId(4), format!("m{i}")).await.is_err());
    }
    // getUpdates is exempt by default.
    for _ in 0..10 {
        bot.get_updates().await.unwrap();
    }
    let failed = pattern.iter().filter(|f| **f).count();
    assert_eq!(emu.sent(4).len(), 40 - failed, "failed calls store nothing");
    // Faults switch off at runtime.
    emu.clear_faults();
    for _ in 0..10 {
        bot.send_message(ChatId(4), "ok").await.unwrap();
    }
    pattern
}

#[tokio::test]
async fn random_faults_are_deterministic_per_seed_and_switchable() {
    let a = failure_pattern(11).await;
    let b = failure_pattern(11).await;
    assert_eq!(a, b);
    let failed = a.iter().filter(|f| **f).count();
    assert!(
        (8..=32).contains(&failed),
        "{failed} of 40 failed at rate 0.5"
    );
    assert_ne!(a, failure_pattern(12).await);
}

#[tokio::test]
async fn faults_can_target_methods_and_be_read_back() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    emu.user(5).send_text("hi");
    let faults = Faults {
        drop_rate: 1.0,
        methods: vec!["editMessageText".into()],
        ..Faults::default()
    };
    emu.set_faults(faults.clone());
    assert_eq!(emu.faults(), faults);
    let m = bot.send_message(ChatId(5), "fine").await.unwrap();
    assert!(
        bot.edit_message_text(ChatId(5), m.id, "never")
            .await
            .is_err()
    );
    assert_eq!(emu.last_sent(5).unwrap().text.as_deref(), Some("fine"));
}

#[tokio::test]
async fn flood_limits_answer_429_like_telegram() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    emu.user(6).send_text("hi");
    emu.set_flood_limits(Some(botapi_emulator::FloodLimits {
        per_chat_per_sec: 2,
        per_group_per_min: 20,
        global_per_sec: 30,
    }));
    bot.send_message(ChatId(6), "1").await.unwrap();
    bot.send_message(ChatId(6), "2").await.unwrap();
    let err = bot.send_message(ChatId(6), "3").await.unwrap_err();
    assert!(matches!(err, RequestError::RetryAfter(_)), "{err:?}");
    assert_eq!(emu.sent(6).len(), 2);
    // Edits and chat actions do not count.
    bot.send_chat_action(ChatId(6), teloxide::types::ChatAction::Typing)
        .await
        .unwrap();
    emu.set_flood_limits(None);
    bot.send_message(ChatId(6), "3").await.unwrap();
}

#[tokio::test]
async fn a_round_trip_delays_every_call_and_zero_removes_it() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    emu.user(5).send_text("hi");
    emu.set_round_trip(Duration::from_millis(120));
    let started = std::time::Instant::now();
    bot.send_message(ChatId(5), "far away").await.unwrap();
    let far = started.elapsed();
    assert!(far >= Duration::from_millis(120), "{far:?}");
    assert_eq!(emu.sent(5).len(), 1, "the call was carried out");
    emu.set_round_trip(Duration::ZERO);
    let started = std::time::Instant::now();
    bot.send_message(ChatId(5), "near").await.unwrap();
    assert!(started.elapsed() < Duration::from_millis(100));
}
