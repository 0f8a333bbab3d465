//! Updates pushed into the emulator reach a real teloxide bot intact.

use crate::common;

use std::time::{Duration, Instant};

use botapi_emulator::Emulator;
use common::{bot, drain};
use serde_json::json;
use teloxide::prelude::*;
use teloxide::types::{AllowedUpdate, MediaKind, MessageKind, UpdateKind};

#[tokio::test]
async fn get_me_returns_the_test_bot() {
    let emu = Emulator::start().await.unwrap();
    let me = bot(&emu).get_me().await.unwrap();
    assert_eq!(me.id.0 as i64, emu.bot_user_id());
    assert!(me.is_bot);
    assert_eq!(me.username(), "evac_intake_test_bot");
    assert_eq!(emu.calls()[0].method, "getMe");
}

#[tokio::test]
async fn pushed_text_arrives_with_sender_and_chat_then_offset_confirms_it() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    let mid = emu
        .user(42)
        .language("uk")
        .first_name("Olena")
        .send_text("Привіт");
    assert_eq!(emu.pending_updates(), 1);

    let updates = bot.get_updates().await.unwrap();
    assert_eq!(updates.len(), 1);
    let UpdateKind::Message(msg) = &updates[0].kind else {
        panic!("not a message: {:?}", updates[0].kind);
    };
    assert_eq!(msg.text(), Some("Привіт"));
    assert_eq!(msg.id.0, mid);
    assert_eq!(msg.chat.id.0, 42);
    assert!(msg.chat.is_private());
    let from = msg.from.as_ref().unwrap();
    assert_eq!(from.id.0, 42);
    assert_eq!(from.first_name, "Olena");
    assert_eq!(from.language_code.as_deref(), Some("uk"));
    assert!(!from.is_bot);

    // Without an offset the update is delivered again; with offset it is gone.
    assert_eq!(bot.get_updates().await.unwrap().len(), 1);
    let next = updates[0].id.0 as i32 + 1;
    assert!(bot.get_updates().offset(next).await.unwrap().is_empty());
    assert_eq!(emu.pending_updates(), 0);
}

#[tokio::test]
async fn long_poll_returns_early_when_an_update_is_pushed() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    let pusher = emu.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        pusher.user(7).send_text("hello");
    });
    let started = Instant::now();
    let updates = bot.get_updates().timeout(10).await.unwrap();
    let waited = started.elapsed();
    assert_eq!(updates.len(), 1);
    assert!(waited >= Duration::from_millis(250), "{waited:?}");
    assert!(waited < Duration::from_secs(5), "{waited:?}");
}

#[tokio::test]
async fn held_updates_reach_a_waiting_long_poll_all_at_once_when_released() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    emu.hold_updates();
    let poll = tokio::spawn(async move { bot.get_updates().timeout(10).await.unwrap() });
    for id in 1..=3 {
        emu.user(id).send_text("hello");
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!poll.is_finished(), "a held update was delivered");
    assert_eq!(emu.pending_updates(), 3);
    emu.release_updates();
    let updates = tokio::time::timeout(Duration::from_secs(5), poll)
        .await
        .expect("the release woke the long poll")
        .unwrap();
    let chats: Vec<i64> = updates
        .iter()
        .filter_map(|u| u.chat().map(|c| c.id.0))
        .collect();
    assert_eq!(chats, [1, 2, 3]);
}

#[tokio::test]
async fn long_poll_times_out_empty() {
    let emu = Emulator::start().await.unwrap();
    let started = Instant::now();
    let updates = bot(&emu).get_updates().timeout(1).await.unwrap();
    assert!(updates.is_empty());
    assert!(started.elapsed() >= Duration::from_millis(900));
}

#[tokio::test]
async fn commands_media_and_shared_data_deserialize() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    let user = emu.user(5);
    user.send_command("/start ref_123");
    user.send_photo_with_caption("my house");
    user.send_sticker();
    user.send_voice();
    user.send_video();
    user.send_document("passport.pdf");
    user.send_location(50.45, 30.52);
    user.send_contact("+380501234567", Some(5));
    let updates = drain(&bot).await;
    assert_eq!(updates.len(), 8);
    let msgs: Vec<_> = updates
        .iter()
        .map(|u| match &u.kind {
            UpdateKind::Message(m) => m.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    let cmd = &msgs[0];
    assert_eq!(cmd.text(), Some("/start ref_123"));
    let entities = cmd.parse_entities().unwrap();
    assert_eq!(entities[0].text(), "/start");
    assert!(matches!(
        entities[0].kind(),
        teloxide::types::MessageEntityKind::BotCommand
    ));
    let photo = msgs[1].photo().unwrap();
    assert_eq!(photo.len(), 2);
    assert!(photo[1].width > photo[0].width);
    assert_eq!(msgs[1].caption(), Some("my house"));
    assert!(msgs[2].sticker().is_some());
    assert!(msgs[3].voice().is_some());
    assert!(msgs[4].video().is_some());
    assert_eq!(
        msgs[5].document().unwrap().file_name.as_deref(),
        Some("passport.pdf")
    );
    let loc = msgs[6].location().unwrap();
    assert_eq!((loc.latitude, loc.longitude), (50.45, 30.52));
    let contact = msgs[7].contact().unwrap();
    assert_eq!(contact.phone_number, "+380501234567");
    assert_eq!(contact.user_id.map(|u| u.0), Some(5));
    // message ids are per chat and consecutive
    let ids: Vec<i32> = msgs.iter().map(|m| m.id.0).collect();
    assert_eq!(ids, (1..=8).collect::<Vec<_>>());
    for m in &msgs {
        assert!(matches!(m.kind, MessageKind::Common(_)), "{m:?}");
    }
}

#[tokio::test]
async fn press_delivers_a_callback_query_with_the_bots_message() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    let user = emu.user(9);
    user.send_command("/start");
    drain(&bot).await;
    let keyboard = teloxide::types::InlineKeyboardMarkup::new([[
        teloxide::types::InlineKeyboardButton::callback("Yes", "answer:yes"),
        teloxide::types::InlineKeyboardButton::callback("No", "answer:no"),
    ]]);
    let sent = bot
        .send_message(ChatId(9), "Need transport?")
        .reply_markup(keyboard)
        .await
        .unwrap();

    let query_id = user.press_button(sent.id.0, "No").expect("button exists");
    let updates = drain(&bot).await;
    let UpdateKind::CallbackQuery(q) = &updates[0].kind else {
        panic!("{:?}", updates[0].kind);
    };
    assert_eq!(q.id.0, query_id);
    assert_eq!(q.data.as_deref(), Some("answer:no"));
    assert_eq!(q.from.id.0, 9);
    let msg = q.regular_message().expect("regular message");
    assert_eq!(msg.id, sent.id);
    assert_eq!(msg.text(), Some("Need transport?"));
    assert!(msg.reply_markup().is_some());
    assert!(user.press_button(sent.id.0, "Maybe").is_none());

    // Pressing a message that does not exist gives an inaccessible message.
    user.press(999, "x");
    let updates = drain(&bot).await;
    let UpdateKind::CallbackQuery(q) = &updates[0].kind else {
        panic!("{:?}", updates[0].kind);
    };
    assert!(q.regular_message().is_none());
}

#[tokio::test]
async fn press_on_message_delivers_exactly_the_given_message_and_can_be_answered() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    let user = emu.user(9);
    user.send_command("/start");
    drain(&bot).await;
    let sent = bot.send_message(ChatId(9), "Your request").await.unwrap();
    // The bot's message moved into someone else's chat: a forged press.
    let mut message = emu.sent_message(9, sent.id.0).unwrap().message;
    message["chat"] = json!({ "id": 999, "type": "private", "first_name": "Other" });
    let query_id = user.press_on_message(message, "cl:1");
    let updates = drain(&bot).await;
    let UpdateKind::CallbackQuery(q) = &updates[0].kind else {
        panic!("{:?}", updates[0].kind);
    };
    assert_eq!(q.id.0, query_id);
    assert_eq!(q.from.id.0, 9);
    assert_eq!(q.data.as_deref(), Some("cl:1"));
    let msg = q.regular_message().expect("regular message");
    assert_eq!((msg.chat.id.0, msg.id), (999, sent.id));
    assert_eq!(msg.text(), Some("Your request"));

    bot.answer_callback_query(q.id.clone())
        .text("Not valid")
        .await
        .unwrap();
    let answer = emu.callback_answers().pop().unwrap();
    assert_eq!(answer.callback_query_id, query_id);
    assert_eq!(
        (answer.chat_id, answer.user_id, answer.message_id),
        (999, 9, sent.id.0)
    );
    assert_eq!(answer.text.as_deref(), Some("Not valid"));
}

#[tokio::test]
async fn group_messages_and_edits() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    let group = emu.group(-100123).title("Volunteers");
    let vol = group.from(77).first_name("Taras");
    let mid = vol.send_command("/take@evac_intake_test_bot");
    vol.edit_text(mid, "/take 5").unwrap();
    let updates = drain(&bot).await;
    let UpdateKind::Message(m) = &updates[0].kind else {
        panic!()
    };
    assert!(m.chat.is_supergroup());
    assert_eq!(m.chat.title(), Some("Volunteers"));
    assert_eq!(m.from.as_ref().unwrap().first_name, "Taras");
    let UpdateKind::EditedMessage(e) = &updates[1].kind else {
        panic!("{:?}", updates[1].kind)
    };
    assert_eq!(e.text(), Some("/take 5"));
    assert!(e.edit_date().is_some());
}

#[tokio::test]
async fn raw_updates_for_fuzzing_and_allowed_updates() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    emu.push_raw_update(json!("not an object"));
    emu.push_raw_update(json!({"message": {"message_id": 1, "date": 0,
        "chat": {"id": 555, "type": "private", "first_name": "Raw"}, "text": "raw"}}));
    emu.push_raw_update(json!({"update_id": 1000, "poll": {"garbage": true}}));
    let updates = drain(&bot).await;
    assert_eq!(updates.len(), 3);
    assert!(matches!(updates[0].kind, UpdateKind::Error(_)));
    assert!(matches!(&updates[1].kind, UpdateKind::Message(m) if m.text() == Some("raw")));
    assert_eq!(updates[2].id.0, 1000);
    // The raw message's chat became known: the bot may answer there.
    bot.send_message(ChatId(555), "hi").await.unwrap();
    // A later pushed update continues after the raw id.
    assert!(emu.push_raw_update(json!({})) > 1000);
    drain(&bot).await;

    // allowed_updates: callback queries are discarded when not allowed.
    emu.user(1).send_text("a");
    emu.user(1).press(1, "data");
    let updates = bot
        .get_updates()
        .allowed_updates([AllowedUpdate::Message])
        .await
        .unwrap();
    assert_eq!(updates.len(), 1);
    assert!(
        matches!(&updates[0].kind, UpdateKind::Message(m) if matches!(&m.kind,
        MessageKind::Common(c) if matches!(c.media_kind, MediaKind::Text(_))))
    );
}
