//! Shared test helpers: a real teloxide `Bot` pointed at the emulator.

#![allow(dead_code)]

use std::time::Duration;

use botapi_emulator::Emulator;
use teloxide::Bot;
use teloxide::prelude::*;
use teloxide::types::Update;

/// A well-formed token.
pub const TOKEN: &str = "123456789:AAF-test_token_for_the_emulator";

/// A teloxide bot talking to the emulator.
pub fn bot(emu: &Emulator) -> Bot {
    // `set_api_url` takes a `reqwest::Url`; `parse()` infers it, no extra crate needed.
    Bot::new(TOKEN).set_api_url(emu.api_url().parse().expect("emulator URL parses"))
}

/// Fetches pending updates without waiting and confirms them.
pub async fn drain(bot: &Bot) -> Vec<Update> {
    let updates = bot.get_updates().await.expect("getUpdates works");
    if let Some(last) = updates.last() {
        bot.get_updates()
            .offset(last.id.0 as i32 + 1)
            .limit(1)
            .await
            .expect("confirming works");
    }
    updates
}

/// A short timeout for waits that should succeed quickly.
pub const WAIT: Duration = Duration::from_secs(5);
