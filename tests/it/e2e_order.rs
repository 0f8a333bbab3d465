//! Updates of different chats are handled at the same time, and one chat's in order: the bot
//! from the library (its real listener and dispatcher) against the emulator.

use std::time::Duration;

use botapi_emulator::{Emulator, FaultKind, UserHandle};
use evac_intake::survey::Answer;

use crate::e2e_common::{self, DbView, Staff, current_screen, must_settle, survey};

const SLOW: Duration = Duration::from_millis(1500);

/// Presses the button labelled `label` on the latest message with buttons in the chat.
fn press(emu: &Emulator, user: &UserHandle, label: &str) {
    let message = emu
        .sent(user.chat_id())
        .into_iter()
        .rev()
        .find(|m| !m.deleted && !m.buttons().is_empty())
        .expect("a message with buttons");
    let (_, data) = message
        .buttons()
        .into_iter()
        .find(|(l, _)| l == label)
        .unwrap_or_else(|| panic!("no button {label:?}: {:?}", message.buttons()));
    user.press(message.message_id, &data);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_chat_is_handled_in_order_while_another_chat_is_handled_meanwhile() {
    let emu = Emulator::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("bot.db");
    let (_app, running) = e2e_common::spawn_in_process(&emu, &db_path, &Staff::default()).await;
    let db = DbView::open_when_ready(&db_path).await;
    let survey = survey();

    // A is at the place question.
    let a = emu.user(801).language("en");
    a.send_command("/start");
    must_settle(&emu, "/start").await;
    press(&emu, &a, "✅ I agree, continue");
    must_settle(&emu, "consent").await;
    press(&emu, &a, "Me: I am writing for myself");
    must_settle(&emu, "for").await;
    press(&emu, &a, "No, Ukraine controls it");
    must_settle(&emu, "occupied").await;
    press(&emu, &a, "Safe for now");
    must_settle(&emu, "safety").await;
    press(&emu, &a, "Kharkiv region");
    must_settle(&emu, "region").await;
    assert_eq!(current_screen(&emu, 801, &survey).question(), Some("place"));

    // The next message the bot sends takes SLOW to be answered. A types two answers at once
    // (the place, then the number of people), and B writes meanwhile.
    emu.clear_calls();
    emu.fail_next("sendMessage", 1, FaultKind::Slow(SLOW));
    a.send_text("Izium");
    a.send_text("2");
    let b = emu.user(802).language("en");
    b.send_command("/start");
    must_settle(&emu, "the three updates").await;

    // In order within A's chat: the place is the text, the people the number.
    let (state, _) = db.survey_state(801).await.expect("A's survey");
    assert_eq!(
        state.answers.get("place"),
        Some(&Answer::Place("Izium".into()))
    );
    assert_eq!(state.answers.get("people"), Some(&Answer::Number(2)));

    // Meanwhile: the slowed call's chat did not hold the other chat back.
    let calls = emu.calls_to("sendMessage");
    let slowed = calls
        .iter()
        .find(|c| c.took >= SLOW - Duration::from_millis(100))
        .unwrap_or_else(|| {
            panic!(
                "one sendMessage was slowed: {:?}",
                calls
                    .iter()
                    .map(|c| (c.chat_id, c.fault.clone(), c.at, c.took))
                    .collect::<Vec<_>>()
            )
        });
    let other = calls
        .iter()
        .find(|c| c.chat_id != slowed.chat_id && c.chat_id.is_some())
        .expect("the other chat got a message");
    assert!(
        other.at < slowed.at + slowed.took,
        "chat {:?} had to wait for chat {:?} (its call at {:?}, the slow one at {:?} for {:?})",
        other.chat_id,
        slowed.chat_id,
        other.at,
        slowed.at,
        slowed.took
    );
    running.stop().await;
    db.close().await;
}
