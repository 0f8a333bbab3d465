//! A full teloxide Dispatcher with the polling listener works against the emulator.

use crate::common;

use std::time::Duration;

use botapi_emulator::Emulator;
use common::{WAIT, bot};
use teloxide::error_handlers::LoggingErrorHandler;
use teloxide::prelude::*;
use teloxide::update_listeners::Polling;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dispatcher_with_polling_echoes_and_confirms_updates() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    emu.user(1).send_text("stale, dropped at startup");
    let handler = Update::filter_message().endpoint(|bot: Bot, msg: Message| async move {
        bot.send_message(msg.chat.id, format!("echo: {}", msg.text().unwrap_or("")))
            .await?;
        respond(())
    });
    let mut dispatcher = Dispatcher::builder(bot.clone(), handler).build();
    let shutdown = dispatcher.shutdown_token();
    let listener = Polling::builder(bot)
        .timeout(Duration::from_secs(1))
        .drop_pending_updates()
        .build();
    let task = tokio::spawn(async move {
        dispatcher
            .dispatch_with_listener(listener, LoggingErrorHandler::new())
            .await;
    });
    // Wait until the listener is polling, so the next updates are not dropped.
    assert!(emu.wait_until(WAIT, |e| e.pending_updates() == 0).await);
    assert!(
        emu.wait_until(WAIT, |e| !e.calls_to("getUpdates").is_empty())
            .await
    );

    emu.user(1).send_text("one");
    emu.user(2).send_text("two");
    let one = emu.wait_for_sent(1, 1, WAIT).await;
    let two = emu.wait_for_sent(2, 1, WAIT).await;
    assert_eq!(one.len(), 1, "stale update must not be answered");
    assert_eq!(one[0].text.as_deref(), Some("echo: one"));
    assert_eq!(two[0].text.as_deref(), Some("echo: two"));
    assert!(emu.wait_until(WAIT, |e| e.pending_updates() == 0).await);

    if let Ok(done) = shutdown.shutdown() {
        tokio::time::timeout(WAIT, done)
            .await
            .expect("dispatcher stops");
    }
    task.await.unwrap();
    let polls = emu.calls_to("getUpdates");
    assert!(polls.iter().all(|c| c.ok()), "{polls:?}");
}
