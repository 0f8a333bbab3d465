//! What a real teloxide bot sends is stored, validated and answered like Telegram.

use crate::common;

use botapi_emulator::{ChatKind, Emulator, errors};
use common::{WAIT, bot};
use serde_json::json;
use teloxide::prelude::*;
use teloxide::types::{
    BotCommand, BotCommandScope, InlineKeyboardButton, InlineKeyboardMarkup, InputFile,
    KeyboardButton, KeyboardMarkup, KeyboardRemove, MessageId, ParseMode, Recipient,
    ReplyParameters, UserId,
};
use teloxide::{ApiError, RequestError};

fn api_error(err: RequestError) -> ApiError {
    match err {
        RequestError::Api(e) => e,
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn send_message_to_a_user_who_wrote_is_stored() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    emu.user(42).send_text("hi");
    let keyboard = InlineKeyboardMarkup::new([[InlineKeyboardButton::callback("OK", "ok")]]);
    let msg = bot
        .send_message(ChatId(42), "<b>Welcome</b>, friend")
        .parse_mode(ParseMode::Html)
        .reply_markup(keyboard)
        .await
        .unwrap();
    assert_eq!(
        msg.id.0, 2,
        "message ids are shared with the user's messages"
    );
    assert_eq!(msg.text(), Some("Welcome, friend"));
    assert_eq!(msg.from.as_ref().unwrap().id.0 as i64, emu.bot_user_id());
    assert!(msg.reply_markup().is_some());

    let sent = emu.sent(42);
    assert_eq!(sent.len(), 1);
    let s = &sent[0];
    assert_eq!(s.text.as_deref(), Some("Welcome, friend"));
    assert_eq!(s.kind, "text");
    assert_eq!(s.parse_mode.as_deref(), Some("HTML"));
    assert_eq!(s.buttons(), vec![("OK".to_owned(), "ok".to_owned())]);
    assert_eq!(s.raw["text"], "<b>Welcome</b>, friend");
    assert_eq!(emu.last_sent(42).unwrap().message_id, 2);
    let call = emu.calls_to("sendMessage").pop().unwrap();
    assert_eq!((call.chat_id, call.status), (Some(42), 200));
}

#[tokio::test]
async fn the_bot_cannot_write_first_and_blocked_users_are_reported() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    let err = api_error(bot.send_message(ChatId(1001), "hi").await.unwrap_err());
    // Real Telegram's wording; teloxide 0.17 has no variant for it.
    assert_eq!(err, ApiError::Unknown(errors::CANT_INITIATE.to_owned()));
    let err = api_error(bot.send_message(ChatId(-100999), "hi").await.unwrap_err());
    assert_eq!(err, ApiError::ChatNotFound);
    assert!(emu.sent(1001).is_empty());

    emu.register_chat(1001, ChatKind::Private);
    bot.send_message(ChatId(1001), "hi").await.unwrap();

    emu.block(1001);
    let err = api_error(bot.send_message(ChatId(1001), "hi").await.unwrap_err());
    assert_eq!(err, ApiError::BotBlocked);
    // Writing again unblocks, as /start does in Telegram.
    emu.user(1001).send_text("/start");
    bot.send_message(ChatId(1001), "welcome back")
        .await
        .unwrap();

    let group = emu.group(-100500);
    bot.send_message(ChatId(group.chat_id()), "posting first in a group is fine")
        .await
        .unwrap();
    group.kick_bot();
    let err = api_error(bot.send_message(ChatId(-100500), "x").await.unwrap_err());
    assert_eq!(err, ApiError::BotKickedFromSupergroup);
}

#[tokio::test]
async fn invalid_messages_map_to_teloxide_error_variants() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    emu.user(3).send_text("hi");
    let too_long = "x".repeat(4097);
    assert_eq!(
        api_error(bot.send_message(ChatId(3), too_long).await.unwrap_err()),
        ApiError::MessageIsTooLong
    );
    assert_eq!(
        api_error(bot.send_message(ChatId(3), "").await.unwrap_err()),
        ApiError::MessageTextIsEmpty
    );
    let long_data =
        InlineKeyboardMarkup::new([[InlineKeyboardButton::callback("x", "d".repeat(65))]]);
    assert_eq!(
        api_error(
            bot.send_message(ChatId(3), "t")
                .reply_markup(long_data)
                .await
                .unwrap_err()
        ),
        ApiError::ButtonDataInvalid
    );
    let broken = bot
        .send_message(ChatId(3), "a < b")
        .parse_mode(ParseMode::Html)
        .await
        .unwrap_err();
    assert!(matches!(api_error(broken), ApiError::CantParseEntities(_)));
    let md = bot
        .send_message(ChatId(3), "Done.")
        .parse_mode(ParseMode::MarkdownV2)
        .await
        .unwrap_err();
    assert!(matches!(api_error(md), ApiError::CantParseEntities(_)));
    let reply = bot
        .send_message(ChatId(3), "re")
        .reply_parameters(ReplyParameters::new(MessageId(77)))
        .await
        .unwrap_err();
    assert_eq!(api_error(reply), ApiError::MessageToReplyNotFound);
    assert!(emu.sent(3).is_empty(), "failed calls have no effect");
    assert_eq!(
        emu.calls_to("sendMessage")
            .iter()
            .filter(|c| c.status == 400)
            .count(),
        6
    );
}

#[tokio::test]
async fn edits_follow_telegram_rules() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    let user_msg = emu.user(8).send_text("hi");
    let kb = InlineKeyboardMarkup::new([[InlineKeyboardButton::callback("A", "a")]]);
    let m = bot
        .send_message(ChatId(8), "step 1")
        .reply_markup(kb.clone())
        .await
        .unwrap();

    let edited = bot
        .edit_message_text(ChatId(8), m.id, "step 2")
        .reply_markup(kb.clone())
        .await
        .unwrap();
    assert_eq!(edited.text(), Some("step 2"));
    let same = bot
        .edit_message_text(ChatId(8), m.id, "step 2")
        .reply_markup(kb)
        .await
        .unwrap_err();
    assert_eq!(api_error(same), ApiError::MessageNotModified);
    let missing = bot
        .edit_message_text(ChatId(8), MessageId(500), "x")
        .await
        .unwrap_err();
    assert_eq!(api_error(missing), ApiError::MessageToEditNotFound);
    let not_ours = bot
        .edit_message_text(ChatId(8), MessageId(user_msg), "x")
        .await
        .unwrap_err();
    assert_eq!(api_error(not_ours), ApiError::MessageCantBeEdited);

    // Editing the text without reply_markup removes the inline keyboard.
    bot.edit_message_text(ChatId(8), m.id, "step 3")
        .await
        .unwrap();
    let s = emu.sent_message(8, m.id.0).unwrap();
    assert_eq!(s.text.as_deref(), Some("step 3"));
    assert!(s.edited && s.edit_count == 2);
    assert!(s.buttons().is_empty());
    let again = bot
        .edit_message_reply_markup(ChatId(8), m.id)
        .await
        .unwrap_err();
    assert_eq!(api_error(again), ApiError::MessageNotModified);
    assert_eq!(
        emu.sent(8).len(),
        1,
        "edits change the message, not the list"
    );

    bot.delete_message(ChatId(8), m.id).await.unwrap();
    assert!(emu.sent(8)[0].deleted);
    let gone = bot.delete_message(ChatId(8), m.id).await.unwrap_err();
    assert_eq!(api_error(gone), ApiError::MessageToDeleteNotFound);
}

#[tokio::test]
async fn copy_and_forward_user_content_to_a_group() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    let group = emu.group(-100777);
    let photo = emu.user(11).send_photo_with_caption("broken window");
    let text = emu.user(11).send_text("my address");

    let copied = bot
        .copy_message(ChatId(-100777), ChatId(11), MessageId(photo))
        .caption("Case #1: photo")
        .await
        .unwrap();
    bot.copy_message(ChatId(-100777), ChatId(11), MessageId(text))
        .await
        .unwrap();
    let fwd = bot
        .forward_message(ChatId(-100777), ChatId(11), MessageId(text))
        .await
        .unwrap();

    let sent = group.sent();
    assert_eq!(sent.len(), 3);
    assert_eq!(sent[0].message_id, copied.0);
    assert_eq!(
        (sent[0].kind.as_str(), sent[0].content_kind.as_str()),
        ("copy", "photo")
    );
    assert_eq!(sent[0].text.as_deref(), Some("Case #1: photo"));
    assert_eq!(sent[0].copy_of, Some((11, photo)));
    assert!(
        sent[0]
            .file
            .as_ref()
            .unwrap()
            .file_id
            .starts_with("emu-photo-")
    );
    assert_eq!(
        (sent[1].kind.as_str(), sent[1].text.as_deref()),
        ("copy", Some("my address"))
    );
    assert_eq!(sent[2].kind, "forward");
    assert_eq!(fwd.forward_from_user().map(|u| u.id.0), Some(11));

    let missing = bot
        .copy_message(ChatId(-100777), ChatId(11), MessageId(99))
        .await
        .unwrap_err();
    assert_eq!(api_error(missing), ApiError::MessageToCopyNotFound);
    let to_stranger = bot
        .copy_message(ChatId(2024), ChatId(11), MessageId(text))
        .await
        .unwrap_err();
    assert!(matches!(api_error(to_stranger), ApiError::Unknown(_)));
}

#[tokio::test]
async fn an_album_is_delivered_as_separate_updates_and_copied_as_one_album() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    let person = emu.user(11);
    let album = person.send_album(3, Some("our street"));
    let text = person.send_text("after the album");

    let updates = bot.get_updates().await.unwrap();
    let groups: Vec<Option<String>> = updates
        .iter()
        .filter_map(|u| match &u.kind {
            teloxide::types::UpdateKind::Message(m) => {
                Some(m.media_group_id().map(|g| g.0.clone()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(groups.len(), 4, "one update per photo, and the text");
    assert!(groups[0].is_some() && groups[..3].iter().all(|g| *g == groups[0]));
    assert_eq!(groups[3], None);

    let mut ids: Vec<MessageId> = album.iter().map(|id| MessageId(*id)).collect();
    ids.push(MessageId(text));
    let copies = bot.copy_messages(ChatId(42), ChatId(11), ids.clone()).await;
    assert!(
        copies.is_err(),
        "a chat that never wrote cannot be written to"
    );
    emu.user(42).send_text("hi");
    let copies = bot
        .copy_messages(ChatId(42), ChatId(11), ids)
        .await
        .unwrap();
    assert_eq!(copies.len(), 4);
    let sent = emu.sent(42);
    assert_eq!(sent.len(), 4);
    assert!(sent.iter().all(|m| m.method == "copyMessages"));
    let copied_group = sent[0].media_group_id().map(str::to_owned);
    assert!(copied_group.is_some());
    assert_ne!(copied_group, groups[0], "the copy is a new album");
    assert!(
        sent[..3]
            .iter()
            .all(|m| m.media_group_id() == copied_group.as_deref())
    );
    assert_eq!(sent[3].media_group_id(), None);
    assert_eq!(sent[0].text.as_deref(), Some("our street"));
    assert_eq!(sent[3].copy_of, Some((11, text)));

    let unordered = bot
        .copy_messages(
            ChatId(42),
            ChatId(11),
            vec![MessageId(album[1]), MessageId(album[0])],
        )
        .await
        .unwrap_err();
    assert!(matches!(api_error(unordered), ApiError::Unknown(_)));
    let missing = bot
        .copy_messages(ChatId(42), ChatId(11), vec![MessageId(98), MessageId(99)])
        .await
        .unwrap_err();
    assert_eq!(api_error(missing), ApiError::MessageToCopyNotFound);
    let some_missing = bot
        .copy_messages(
            ChatId(42),
            ChatId(11),
            vec![MessageId(album[0]), MessageId(99)],
        )
        .await
        .unwrap();
    assert_eq!(some_missing.len(), 1, "what cannot be found is skipped");
}

#[tokio::test]
async fn uploads_and_file_ids() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    let user = emu.user(12);
    user.send_photo();
    let doc = bot
        .send_document(
            ChatId(12),
            InputFile::memory(vec![7u8; 1500]).file_name("case-12.pdf"),
        )
        .caption("Your request")
        .await
        .unwrap();
    assert_eq!(
        doc.document().unwrap().file_name.as_deref(),
        Some("case-12.pdf")
    );
    let s = emu.last_sent(12).unwrap();
    let file = s.file.clone().unwrap();
    assert_eq!(
        (file.file_name.as_deref(), file.size, file.source.as_str()),
        (Some("case-12.pdf"), Some(1500), "upload")
    );
    assert_eq!(
        file.data,
        Some(vec![7u8; 1500]),
        "the uploaded bytes are kept"
    );
    assert_eq!(
        (s.kind.as_str(), s.text.as_deref()),
        ("document", Some("Your request"))
    );
    assert_eq!(s.raw["chat_id"], "12");

    // Binary uploads arrive byte for byte.
    let png = b"\x89PNG\r\n\x1a\n\x00\xff\r\n--".to_vec();
    bot.send_photo(
        ChatId(12),
        InputFile::memory(png.clone()).file_name("chart.png"),
    )
    .await
    .unwrap();
    let file = emu.last_sent(12).unwrap().file.unwrap();
    assert_eq!(file.data, Some(png));

    // Re-sending a user's photo by file_id works (no bytes: nothing was uploaded); an unknown
    // id does not.
    bot.send_photo(ChatId(12), InputFile::file_id("emu-photo-1".into()))
        .await
        .unwrap();
    assert_eq!(emu.last_sent(12).unwrap().file.unwrap().data, None);
    let bad = bot
        .send_photo(ChatId(12), InputFile::file_id("nope".into()))
        .await
        .unwrap_err();
    assert_eq!(api_error(bad), ApiError::WrongFileIdOrUrl);

    let file = bot.get_file("emu-photo-1".into()).await.unwrap();
    assert_eq!(file.path, "photo/emu-photo-1");
    let mut buf = Vec::new();
    teloxide::net::Download::download_file(&bot, &file.path, &mut buf)
        .await
        .unwrap();
    assert_eq!(buf.len(), file.size as usize);
}

#[tokio::test]
async fn callback_answers_keyboards_locations_and_chat_actions() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    let user = emu.user(13);
    user.send_text("hi");
    let kb = KeyboardMarkup::new([[
        KeyboardButton::new("Share location").request(teloxide::types::ButtonRequest::Location)
    ]])
    .one_time_keyboard();
    bot.send_message(ChatId(13), "Where are you?")
        .reply_markup(kb)
        .await
        .unwrap();
    let s = emu.last_sent(13).unwrap();
    let buttons = s.keyboard_buttons();
    assert_eq!(buttons[0].text, "Share location");
    assert!(buttons[0].request_location && !buttons[0].request_contact);
    assert!(emu.reply_keyboard(13).is_some());
    bot.send_message(ChatId(13), "Thanks")
        .reply_markup(KeyboardRemove::new())
        .await
        .unwrap();
    assert!(emu.last_sent(13).unwrap().removes_keyboard());
    assert!(emu.reply_keyboard(13).is_none());

    bot.send_location(ChatId(13), 50.0, 30.0).await.unwrap();
    assert_eq!(emu.last_sent(13).unwrap().kind, "location");
    bot.send_chat_action(ChatId(13), teloxide::types::ChatAction::Typing)
        .await
        .unwrap();

    let kb = InlineKeyboardMarkup::new([[InlineKeyboardButton::callback("Go", "go")]]);
    let m = bot
        .send_message(ChatId(13), "Ready?")
        .reply_markup(kb)
        .await
        .unwrap();
    let q = user.press_button(m.id.0, "Go").unwrap();
    bot.answer_callback_query(q.clone().into())
        .text("Saved")
        .show_alert(true)
        .await
        .unwrap();
    let answers = emu.callback_answers();
    assert_eq!(answers.len(), 1);
    assert_eq!(
        (answers[0].text.as_deref(), answers[0].show_alert),
        (Some("Saved"), true)
    );
    assert_eq!((answers[0].chat_id, answers[0].message_id), (13, m.id.0));
    assert!(emu.is_answered(&q));
    let twice = bot.answer_callback_query(q.into()).await.unwrap_err();
    assert_eq!(api_error(twice), ApiError::InvalidQueryId);
}

#[tokio::test]
async fn commands_are_stored_per_scope_and_language() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    bot.set_my_commands([
        BotCommand::new("start", "Start"),
        BotCommand::new("help", "Help"),
    ])
    .await
    .unwrap();
    bot.set_my_commands([BotCommand::new("start", "Почати")])
        .language_code("uk")
        .await
        .unwrap();
    let group = emu.group(-100200);
    group.add_admin(501);
    bot.set_my_commands([BotCommand::new("queue", "Open cases")])
        .scope(BotCommandScope::ChatAdministrators {
            chat_id: Recipient::Id(ChatId(-100200)),
        })
        .await
        .unwrap();

    let default = emu.commands(&json!({"type": "default"}), "").unwrap();
    assert_eq!(default.len(), 2);
    let admin_scope = json!({"type": "chat_administrators", "chat_id": -100200});
    assert_eq!(emu.commands(&admin_scope, "").unwrap()[0].command, "queue");
    assert_eq!(emu.command_sets().len(), 3);

    assert_eq!(
        emu.visible_commands(5, 5, Some("uk"))[0].description,
        "Почати"
    );
    assert_eq!(emu.visible_commands(5, 5, Some("en")).len(), 2);
    assert_eq!(emu.visible_commands(-100200, 501, None)[0].command, "queue");
    assert_eq!(emu.visible_commands(-100200, 502, None).len(), 2);

    let got = bot.get_my_commands().language_code("uk").await.unwrap();
    assert_eq!(got[0].description, "Почати");
    let scope_call = emu.calls_to("setMyCommands").pop().unwrap();
    assert_eq!(scope_call.params["scope"]["type"], "chat_administrators");
    bot.delete_my_commands().language_code("uk").await.unwrap();
    assert!(emu.commands(&json!({"type": "default"}), "uk").is_none());
    let bad = bot
        .set_my_commands([BotCommand::new("Start!", "x")])
        .await
        .unwrap_err();
    assert!(matches!(api_error(bad), ApiError::Unknown(_)));
}

#[tokio::test]
async fn chat_info_membership_and_webhook() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    emu.user(21).first_name("Ira").send_text("hi");
    let chat = bot.get_chat(ChatId(21)).await.unwrap();
    assert_eq!(chat.first_name(), Some("Ira"));
    let group = emu.group(-100300).title("Dispatch");
    group.add_admin(31);
    group.from(32).send_text("hello");
    let info = bot.get_chat(ChatId(-100300)).await.unwrap();
    assert_eq!(info.title(), Some("Dispatch"));
    assert!(
        bot.get_chat_member(ChatId(-100300), UserId(31))
            .await
            .unwrap()
            .is_administrator()
    );
    assert!(
        bot.get_chat_member(ChatId(-100300), UserId(32))
            .await
            .unwrap()
            .is_member()
    );
    assert!(
        bot.get_chat_member(ChatId(-100300), UserId(33))
            .await
            .unwrap()
            .is_left()
    );
    assert_eq!(
        api_error(bot.get_chat(ChatId(-5)).await.unwrap_err()),
        ApiError::ChatNotFound
    );

    bot.set_webhook("https://example.org/hook".parse().unwrap())
        .await
        .unwrap();
    assert_eq!(
        emu.webhook_url().as_deref(),
        Some("https://example.org/hook")
    );
    assert!(bot.get_updates().await.is_err());
    emu.user(21).send_text("queued");
    assert_eq!(
        bot.get_webhook_info().await.unwrap().pending_update_count,
        3
    );
    bot.delete_webhook()
        .drop_pending_updates(true)
        .await
        .unwrap();
    assert_eq!(emu.pending_updates(), 0);
    assert!(bot.get_updates().await.unwrap().is_empty());
    bot.close().await.unwrap();
    bot.log_out().await.unwrap();
}

#[tokio::test]
async fn wait_for_sent_and_events_see_the_bot_working() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    emu.user(40).send_text("hi");
    let mut events = emu.events();
    let b = bot.clone();
    tokio::spawn(async move {
        for i in 0..3 {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            b.send_message(ChatId(40), format!("reply {i}"))
                .await
                .unwrap();
        }
    });
    let sent = emu.wait_for_sent(40, 3, WAIT).await;
    assert_eq!(sent.len(), 3);
    match events.recv().await.unwrap() {
        botapi_emulator::Event::Sent(m) => assert_eq!(m.text.as_deref(), Some("reply 0")),
        other => panic!("{other:?}"),
    }
    // A timeout returns what there is.
    let short = emu
        .wait_for_sent(40, 10, std::time::Duration::from_millis(100))
        .await;
    assert_eq!(short.len(), 3);
}
