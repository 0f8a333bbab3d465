//! Many concurrent bot calls and user pushes keep per-chat order and ids consistent.

use crate::common;

use std::collections::HashSet;
use std::time::Instant;

use botapi_emulator::Emulator;
use common::bot;
use teloxide::prelude::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_sends_and_pushes_stay_consistent() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    let users = 20;
    let per_user = 25;
    for u in 1..=users {
        emu.user(u).send_text("start");
    }
    let started = Instant::now();
    let mut tasks = Vec::new();
    for u in 1..=users {
        let bot = bot.clone();
        let emu = emu.clone();
        tasks.push(tokio::spawn(async move {
            for i in 0..per_user {
                bot.send_message(ChatId(u), format!("m{i}")).await.unwrap();
                if i % 5 == 0 {
                    emu.user(u).send_text("more");
                }
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let elapsed = started.elapsed();
    assert_eq!(emu.sent_count(), (users * per_user) as usize);
    for u in 1..=users {
        let sent = emu.sent(u);
        let texts: Vec<String> = sent.iter().map(|m| m.text_or_empty().to_owned()).collect();
        let expected: Vec<String> = (0..per_user).map(|i| format!("m{i}")).collect();
        assert_eq!(texts, expected, "per-chat order is kept");
        let ids: HashSet<i32> = sent.iter().map(|m| m.message_id).collect();
        assert_eq!(ids.len(), per_user as usize);
        // 1 start + 5 "more" user messages share the id sequence.
        assert_eq!(
            sent.iter().map(|m| m.message_id).max(),
            Some(1 + per_user as i32 + 5)
        );
    }
    assert_eq!(emu.pending_updates(), (users + users * 5) as usize);
    eprintln!("{} sendMessage calls in {elapsed:?}", users * per_user);
}
