//! Moderating public groups: the bot's own rights, deleting others' messages,
//! bans, members joining, forwards from channels, links and group command
//! scopes — through a real teloxide bot, with Telegram's refusals.

use crate::common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use botapi_emulator::{ChatKind, Emulator, Event, errors};
use common::{bot, drain};
use serde_json::json;
use teloxide::prelude::*;
use teloxide::types::{
    AllowedUpdate, BotCommand, BotCommandScope, ChatMemberKind, MessageEntityKind, MessageId,
    MessageOrigin, Recipient, UntilDate, UpdateKind, UserId,
};
use teloxide::{ApiError, RequestError};

const GROUP: i64 = -100_4242;

fn api_error(err: RequestError) -> ApiError {
    match err {
        RequestError::Api(e) => e,
        other => panic!("expected an API error, got {other:?}"),
    }
}

fn uid(id: i64) -> UserId {
    UserId(id as u64)
}

/// The panic message of `f`, which must panic.
fn panic_message<T: std::fmt::Debug>(f: impl FnOnce() -> T) -> String {
    let payload = catch_unwind(AssertUnwindSafe(f)).expect_err("it should panic");
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default()
}

#[tokio::test]
async fn get_chat_member_tells_the_bots_rights_and_everyones_status() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    let group = emu.group(GROUP);
    let me = uid(emu.bot_user_id());

    let plain = bot.get_chat_member(ChatId(GROUP), me).await.unwrap();
    assert!(plain.kind.is_member(), "a new group: {plain:?}");
    assert_eq!(plain.user.id, me);

    group.bot_admin(true, false);
    let admin = bot.get_chat_member(ChatId(GROUP), me).await.unwrap();
    let ChatMemberKind::Administrator(rights) = &admin.kind else {
        panic!("not an administrator: {admin:?}");
    };
    assert!(rights.can_delete_messages);
    assert!(!rights.can_restrict_members);
    assert!(rights.can_manage_chat);
    assert!(!rights.can_be_edited && !rights.is_anonymous && !rights.can_promote_members);
    assert_eq!(admin.user.id, me);
    assert!(admin.user.is_bot);
    group.bot_admin(false, true);
    let swapped = bot.get_chat_member(ChatId(GROUP), me).await.unwrap();
    assert!(!swapped.kind.can_delete_messages());
    assert!(swapped.kind.can_restrict_members());
    let admins = bot.get_chat_administrators(ChatId(GROUP)).await.unwrap();
    assert!(admins.iter().any(|m| m.user.id == me), "{admins:?}");

    group.bot_member();
    assert!(
        bot.get_chat_member(ChatId(GROUP), me)
            .await
            .unwrap()
            .kind
            .is_member()
    );
    assert!(
        bot.get_chat_administrators(ChatId(GROUP))
            .await
            .unwrap()
            .is_empty()
    );

    group.set_owner(10).add_admin(11).add_member(12);
    let status = |id: i64| {
        let bot = bot.clone();
        async move { bot.get_chat_member(ChatId(GROUP), uid(id)).await.unwrap() }
    };
    assert!(status(10).await.kind.is_owner());
    assert!(status(11).await.kind.is_administrator());
    assert!(status(12).await.kind.is_member());
    assert!(status(13).await.kind.is_left());
    group.bot_admin(false, true);
    bot.ban_chat_member(ChatId(GROUP), uid(12)).await.unwrap();
    let banned = status(12).await;
    assert!(banned.kind.is_banned(), "{banned:?}");
    assert_eq!(banned.kind.until_date(), Some(UntilDate::Forever));
    let admins: Vec<u64> = bot
        .get_chat_administrators(ChatId(GROUP))
        .await
        .unwrap()
        .iter()
        .map(|m| m.user.id.0)
        .collect();
    assert_eq!(admins, vec![10, 11, me.0], "creator first, the bot last");
}

#[tokio::test]
async fn the_bot_deletes_others_messages_only_with_can_delete_messages() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    let group = emu.group(GROUP);
    let spammer = group.from(5);
    let spam = spammer.send_text("buy now");
    let own = bot.send_message(ChatId(GROUP), "rules").await.unwrap().id.0;

    let refused = bot
        .delete_message(ChatId(GROUP), MessageId(spam))
        .await
        .unwrap_err();
    assert_eq!(api_error(refused), ApiError::MessageCantBeDeleted);
    group.bot_admin(false, true);
    let refused = bot
        .delete_message(ChatId(GROUP), MessageId(spam))
        .await
        .unwrap_err();
    assert_eq!(api_error(refused), ApiError::MessageCantBeDeleted);
    let error = emu.calls_to("deleteMessage").pop().unwrap().error;
    assert_eq!(error.as_deref(), Some(errors::CANT_BE_DELETED));
    assert!(!group.is_deleted(spam));
    assert!(group.deleted().is_empty());

    // Its own message it may always delete.
    bot.delete_message(ChatId(GROUP), MessageId(own))
        .await
        .unwrap();

    group.bot_admin(true, false);
    let mut events = emu.events();
    bot.delete_message(ChatId(GROUP), MessageId(spam))
        .await
        .unwrap();
    assert!(group.is_deleted(spam));
    assert_eq!(group.deleted(), vec![own, spam], "in deletion order");
    assert_eq!(
        events.try_recv().unwrap(),
        Event::Deleted {
            chat_id: GROUP,
            message_id: spam
        }
    );
    let gone = bot
        .delete_message(ChatId(GROUP), MessageId(spam))
        .await
        .unwrap_err();
    assert_eq!(api_error(gone), ApiError::MessageToDeleteNotFound);
}

#[tokio::test]
async fn every_kind_of_user_message_is_stored_and_deletable_in_batches() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    let group = emu.group(GROUP);
    let user = group.from(6);
    let ids = vec![
        user.send_text("hi"),
        user.send_command("/help"),
        user.reply_text(1, "re"),
        user.send_contact("+380501112233", None),
        user.send_photo_with_caption("look"),
        user.send_document("a.pdf"),
        user.send_forward_from_channel(-100_777, "News", "read this"),
    ];
    let own = bot.send_message(ChatId(GROUP), "ok").await.unwrap().id;
    let mut batch: Vec<MessageId> = ids.iter().map(|id| MessageId(*id)).collect();
    batch.push(own);

    // One message the bot may not delete fails the whole call: nothing goes.
    let refused = bot
        .delete_messages(ChatId(GROUP), batch.clone())
        .await
        .unwrap_err();
    assert_eq!(api_error(refused), ApiError::MessageCantBeDeleted);
    assert!(group.deleted().is_empty());
    assert!(!emu.sent(GROUP)[0].deleted);

    group.bot_admin(true, false);
    let mut events = emu.events();
    batch.push(MessageId(999)); // unknown ids are skipped
    bot.delete_messages(ChatId(GROUP), batch).await.unwrap();
    let mut expected = ids.clone();
    expected.push(own.0);
    assert_eq!(group.deleted(), expected);
    assert!(ids.iter().all(|id| group.is_deleted(*id)));
    let mut seen = Vec::new();
    while let Ok(Event::Deleted {
        chat_id,
        message_id,
    }) = events.try_recv()
    {
        assert_eq!(chat_id, GROUP);
        seen.push(message_id);
    }
    assert_eq!(seen, expected, "Event::Deleted for users' messages too");
}

#[tokio::test]
async fn in_a_basic_group_only_an_admin_bot_deletes_for_everyone() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    emu.register_chat(-4242, ChatKind::Group);
    let group = emu.group(-4242);
    let msg = group.from(7).send_text("spam");
    let refused = bot
        .delete_message(ChatId(-4242), MessageId(msg))
        .await
        .unwrap_err();
    assert_eq!(
        api_error(refused),
        ApiError::Unknown(errors::CANT_BE_DELETED_FOR_EVERYONE.to_owned())
    );
    // In a basic group any administrator may delete any message.
    group.bot_admin(false, false);
    bot.delete_message(ChatId(-4242), MessageId(msg))
        .await
        .unwrap();
    assert_eq!(group.deleted(), vec![msg]);
    // In a private chat the bot may delete what the user sent.
    let private = emu.user(8).send_text("oops");
    bot.delete_message(ChatId(8), MessageId(private))
        .await
        .unwrap();
}

#[tokio::test]
async fn bans_need_can_restrict_members_and_spare_admins_the_owner_and_the_bot() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    let group = emu.group(GROUP);
    group.set_owner(1).add_admin(2);
    group.from(5).send_text("spam");
    let ban = |id: i64| bot.ban_chat_member(ChatId(GROUP), uid(id));

    assert_eq!(
        api_error(ban(5).await.unwrap_err()),
        ApiError::NotEnoughRightsToRestrict
    );
    group.bot_admin(true, false);
    assert_eq!(
        api_error(ban(5).await.unwrap_err()),
        ApiError::NotEnoughRightsToRestrict
    );
    let error = emu.calls_to("banChatMember").pop().unwrap().error;
    assert_eq!(
        error.as_deref(),
        Some(errors::NOT_ENOUGH_RIGHTS_TO_RESTRICT)
    );
    assert!(!group.is_banned(5));

    group.bot_admin(false, true);
    assert_eq!(
        api_error(ban(2).await.unwrap_err()),
        ApiError::Unknown(errors::USER_IS_ADMIN.to_owned())
    );
    assert_eq!(
        errors::USER_IS_ADMIN,
        "Bad Request: user is an administrator of the chat"
    );
    assert_eq!(
        api_error(ban(1).await.unwrap_err()),
        ApiError::Unknown(errors::CANT_REMOVE_OWNER.to_owned())
    );
    assert_eq!(
        api_error(ban(emu.bot_user_id()).await.unwrap_err()),
        ApiError::CantRestrictSelf
    );
    emu.user(9).send_text("hi");
    let private = bot.ban_chat_member(ChatId(9), uid(9)).await.unwrap_err();
    assert_eq!(
        api_error(private),
        ApiError::Unknown(errors::CANT_BAN_IN_PRIVATE.to_owned())
    );
    assert!(group.bans().is_empty());

    ban(5).await.unwrap();
    ban(6).await.unwrap(); // never wrote: Telegram bans ahead too
    assert!(group.is_banned(5) && group.is_banned(6));
    assert!(!group.is_banned(2));
    assert_eq!(group.bans(), vec![5, 6]);
    let kicked = bot.get_chat_member(ChatId(GROUP), uid(5)).await.unwrap();
    assert!(kicked.kind.is_banned());
}

#[tokio::test]
async fn revoke_messages_deletes_nothing_for_the_group_and_dates_are_kept() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    let group = emu.group(GROUP);
    group.bot_admin(true, true);
    let spam = group.from(5).send_text("spam");
    bot.ban_chat_member(ChatId(GROUP), uid(5))
        .revoke_messages(true)
        .await
        .unwrap();
    // As in Telegram: revoke_messages takes a basic group's history away from
    // the banned user; the group keeps the spam until the bot deletes it.
    assert!(group.is_banned(5));
    assert!(!group.is_deleted(spam));
    assert!(group.deleted().is_empty());
    assert_eq!(
        emu.calls_to("banChatMember")[0].params["revoke_messages"],
        true
    );

    // teloxide takes chrono dates, and chrono is not our dependency: shift
    // the date of a message teloxide gave us instead.
    let posted = bot.send_message(ChatId(GROUP), "rules").await.unwrap().date;
    let epoch = posted - Duration::from_secs(posted.timestamp() as u64);
    let at = |secs: i64| epoch + Duration::from_secs(secs as u64);
    let in_an_hour = now() + 3600;
    bot.ban_chat_member(ChatId(GROUP), uid(6))
        .until_date(at(in_an_hour))
        .await
        .unwrap();
    let dated = bot.get_chat_member(ChatId(GROUP), uid(6)).await.unwrap();
    let Some(UntilDate::Date(until)) = dated.kind.until_date() else {
        panic!("not a dated ban: {dated:?}");
    };
    assert_eq!(until.timestamp(), in_an_hour);
    // Under 30 seconds counts as forever, as in Telegram.
    bot.ban_chat_member(ChatId(GROUP), uid(7))
        .until_date(at(now() + 10))
        .await
        .unwrap();
    let forever = bot.get_chat_member(ChatId(GROUP), uid(7)).await.unwrap();
    assert_eq!(forever.kind.until_date(), Some(UntilDate::Forever));
    assert_eq!(group.bans(), vec![5, 6, 7]);
}

/// Unix time now.
fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

#[tokio::test]
async fn unban_lifts_a_ban_and_only_if_banned_leaves_members_alone() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    let group = emu.group(GROUP);
    group.add_member(4).add_member(5);
    group.bot_admin(false, true);
    bot.ban_chat_member(ChatId(GROUP), uid(5)).await.unwrap();

    group.bot_admin(true, false);
    let refused = bot
        .unban_chat_member(ChatId(GROUP), uid(5))
        .await
        .unwrap_err();
    assert_eq!(api_error(refused), ApiError::NotEnoughRightsToRestrict);
    assert!(group.is_banned(5));
    // Without the right, only_if_banned on someone not banned is still a no-op.
    bot.unban_chat_member(ChatId(GROUP), uid(4))
        .only_if_banned(true)
        .await
        .unwrap();

    group.bot_admin(false, true);
    bot.unban_chat_member(ChatId(GROUP), uid(5))
        .only_if_banned(true)
        .await
        .unwrap();
    assert!(!group.is_banned(5));
    assert!(group.bans().is_empty());
    let unbanned = bot.get_chat_member(ChatId(GROUP), uid(5)).await.unwrap();
    assert!(unbanned.kind.is_left(), "may join again: {unbanned:?}");

    bot.unban_chat_member(ChatId(GROUP), uid(4))
        .only_if_banned(true)
        .await
        .unwrap();
    let member = bot.get_chat_member(ChatId(GROUP), uid(4)).await.unwrap();
    assert!(member.kind.is_member());
    // Without only_if_banned Telegram removes a member who is not banned.
    bot.unban_chat_member(ChatId(GROUP), uid(4)).await.unwrap();
    let removed = bot.get_chat_member(ChatId(GROUP), uid(4)).await.unwrap();
    assert!(removed.kind.is_left());
    assert!(!group.is_banned(4));

    emu.register_chat(-77, ChatKind::Group);
    let basic = bot
        .unban_chat_member(ChatId(-77), uid(4))
        .await
        .unwrap_err();
    assert_eq!(api_error(basic), ApiError::MethodNotAvailableInPrivateChats);
}

#[tokio::test]
async fn a_banned_user_cannot_write_in_that_group_until_unbanned() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    let group = emu.group(GROUP);
    group.bot_admin(true, true);
    let user = group.from(5);
    let first = user.send_text("spam");
    bot.ban_chat_member(ChatId(GROUP), uid(5)).await.unwrap();
    let pending = emu.pending_updates();

    let message = panic_message(|| user.send_text("more spam"));
    assert_eq!(message, format!("user 5 is banned in chat {GROUP}"));
    assert!(panic_message(|| user.press(first, "x")).contains("banned"));
    assert!(panic_message(|| group.from(5).send_photo()).contains("banned"));
    assert!(panic_message(|| group.join(5)).contains("banned"));
    assert_eq!(emu.pending_updates(), pending, "nothing was pushed");
    assert!(group.is_banned(5), "from() does not lift a ban");
    // The same user still writes in their private chat.
    emu.user(5).send_text("hello bot");

    bot.unban_chat_member(ChatId(GROUP), uid(5)).await.unwrap();
    user.send_text("I am back");
    assert_eq!(emu.pending_updates(), pending + 2);
}

#[tokio::test]
async fn joining_is_a_chat_member_update_only_for_an_admin_bot_that_asked() {
    // Default allowed_updates: Telegram never sends chat_member.
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    let group = emu.group(GROUP);
    group.bot_admin(true, true);
    group.join(20);
    assert_eq!(emu.pending_updates(), 1);
    assert!(drain(&bot).await.is_empty());
    assert!(
        bot.get_chat_member(ChatId(GROUP), uid(20))
            .await
            .unwrap()
            .kind
            .is_member()
    );

    let emu = Emulator::start().await.unwrap();
    let bot = common::bot(&emu);
    let group = emu.group(GROUP).title("Evacuation help");
    emu.user(21).first_name("Taras");
    let wanted = [AllowedUpdate::Message, AllowedUpdate::ChatMember];
    // A bot that is not an administrator gets no chat_member updates.
    group.join(22);
    assert_eq!(emu.pending_updates(), 0);
    let none = bot.get_updates().allowed_updates(wanted).await.unwrap();
    assert!(none.is_empty());

    group.bot_admin(false, false);
    let update_id = group.join(21);
    let updates = bot.get_updates().await.unwrap();
    assert_eq!(updates.len(), 1);
    assert_eq!(updates[0].id.0 as i64, update_id);
    let UpdateKind::ChatMember(change) = &updates[0].kind else {
        panic!("not a chat_member update: {:?}", updates[0].kind);
    };
    assert_eq!(change.chat.id, ChatId(GROUP));
    assert_eq!(change.chat.title(), Some("Evacuation help"));
    assert_eq!(change.from.id, uid(21));
    assert_eq!(change.from.first_name, "Taras");
    assert!(change.old_chat_member.kind.is_left());
    assert!(change.new_chat_member.kind.is_member());
    assert_eq!(change.new_chat_member.user.id, uid(21));
    assert_eq!(change.old_chat_member.user.id, uid(21));
    assert!(change.date.timestamp() > 0);
    // The joined user is a member and may write.
    group.from(21).send_text("hi");

    group.add_admin(23);
    assert!(panic_message(|| group.join(23)).contains("administrator"));
}

#[tokio::test]
async fn a_forward_from_a_channel_carries_its_origin() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    let group = emu.group(GROUP);
    let id =
        group
            .from(5)
            .send_forward_from_channel(-100_777, "Crypto News", "Earn fast: spam.xyz");
    let updates = drain(&bot).await;
    let UpdateKind::Message(msg) = &updates[0].kind else {
        panic!("{:?}", updates[0].kind);
    };
    assert_eq!(msg.id.0, id);
    assert_eq!(msg.text(), Some("Earn fast: spam.xyz"));
    let Some(MessageOrigin::Channel {
        chat, message_id, ..
    }) = msg.forward_origin()
    else {
        panic!("not a channel forward: {:?}", msg.forward_origin());
    };
    assert_eq!(chat.id, ChatId(-100_777));
    assert!(chat.is_channel());
    assert_eq!(chat.title(), Some("Crypto News"));
    assert_eq!(*message_id, MessageId(1));
    assert!(msg.forward_date().is_some());
    let links: Vec<&str> = msg
        .parse_entities()
        .unwrap()
        .iter()
        .filter(|e| *e.kind() == MessageEntityKind::Url)
        .map(|e| e.text())
        .collect();
    assert_eq!(links, vec!["spam.xyz"]);
    // A plain text is no forward.
    group.from(5).send_text("mine");
    let updates = drain(&bot).await;
    let UpdateKind::Message(own) = &updates[0].kind else {
        panic!();
    };
    assert!(own.forward_origin().is_none());
}

/// `(kind is Url, text)` of a message's text entities.
fn urls(msg: &Message) -> Vec<String> {
    msg.parse_entities()
        .or_else(|| msg.parse_caption_entities())
        .unwrap_or_default()
        .iter()
        .filter(|e| *e.kind() == MessageEntityKind::Url)
        .map(|e| e.text().to_owned())
        .collect()
}

#[tokio::test]
async fn links_in_texts_and_captions_get_url_entities() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    let user = emu.group(GROUP).from(5);
    user.send_text("Привіт 👋 see https://example.org/a?b=1, or t.me/joinchat/x.");
    user.send_text("(kyiv.gov.ua) and HTTP://X.COM! but not file.txt, 3.14 or a@b.com");
    user.send_text("nothing here. e.g. this");
    user.send_command("/start promo.site/offer");
    user.send_photo_with_caption("cheap at shop.online");
    user.reply_text(1, "again: example.com");
    let msgs: Vec<Message> = drain(&bot)
        .await
        .into_iter()
        .map(|u| match u.kind {
            UpdateKind::Message(m) => m,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        urls(&msgs[0]),
        vec!["https://example.org/a?b=1", "t.me/joinchat/x"]
    );
    assert_eq!(urls(&msgs[1]), vec!["kyiv.gov.ua", "HTTP://X.COM"]);
    assert!(urls(&msgs[2]).is_empty());
    assert_eq!(msgs[2].entities().map(<[_]>::len), Some(0));
    let command = msgs[3].parse_entities().unwrap();
    assert_eq!(*command[0].kind(), MessageEntityKind::BotCommand);
    assert_eq!(command[0].text(), "/start");
    assert_eq!(urls(&msgs[3]), vec!["promo.site/offer"]);
    assert_eq!(urls(&msgs[4]), vec!["shop.online"]);
    assert_eq!(urls(&msgs[5]), vec!["example.com"]);
    // Offsets are in UTF-16 units: "Привіт 👋 see " is 14 of them.
    let raw = &emu.group(GROUP).from(5);
    let edited = raw.send_text("x");
    raw.edit_text(edited, "👋 now at spam.top").unwrap();
    let updates = drain(&bot).await;
    let UpdateKind::EditedMessage(m) = &updates[1].kind else {
        panic!("{:?}", updates[1].kind);
    };
    assert_eq!(urls(m), vec!["spam.top"]);
    let entity = &m.entities().unwrap()[0];
    assert_eq!((entity.offset, entity.length), (10, 8));
    assert_eq!(msgs[0].entities().unwrap()[0].offset, 14);
}

#[tokio::test]
async fn group_command_scopes_are_stored_and_shown_to_the_right_people() {
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    let group = emu.group(GROUP);
    group.add_admin(1).add_member(2).set_owner(3);
    let other = emu.group(-100_999);
    other.add_admin(1);
    bot.set_my_commands([BotCommand::new("report", "Report spam")])
        .scope(BotCommandScope::AllGroupChats)
        .await
        .unwrap();
    bot.set_my_commands([BotCommand::new("ban", "Ban a spammer")])
        .scope(BotCommandScope::AllChatAdministrators)
        .await
        .unwrap();
    bot.set_my_commands([BotCommand::new("rules", "Set the rules")])
        .scope(BotCommandScope::ChatAdministrators {
            chat_id: Recipient::Id(ChatId(GROUP)),
        })
        .await
        .unwrap();

    let command = |scope: serde_json::Value| emu.commands(&scope, "").unwrap()[0].command.clone();
    assert_eq!(command(json!({"type": "all_group_chats"})), "report");
    assert_eq!(command(json!({"type": "all_chat_administrators"})), "ban");
    assert_eq!(
        command(json!({"type": "chat_administrators", "chat_id": GROUP})),
        "rules"
    );
    assert_eq!(emu.command_sets().len(), 3);
    let got = bot
        .get_my_commands()
        .scope(BotCommandScope::AllChatAdministrators)
        .await
        .unwrap();
    assert_eq!(got[0].command, "ban");

    let seen = |chat: i64, user: i64| emu.visible_commands(chat, user, None)[0].command.clone();
    assert_eq!(seen(GROUP, 1), "rules");
    assert_eq!(seen(GROUP, 3), "rules", "the creator is an administrator");
    assert_eq!(seen(GROUP, 2), "report");
    assert_eq!(seen(-100_999, 1), "ban");
    emu.user(2).send_text("hi");
    assert!(emu.visible_commands(2, 2, None).is_empty());
}

#[tokio::test]
async fn a_channel_posting_in_a_group_comes_from_channel_bot_and_its_ban_keeps_it_out() {
    const CHANNEL: i64 = -1_005_550_001_234;
    let emu = Emulator::start().await.unwrap();
    let bot = bot(&emu);
    let group = emu.group(GROUP);
    group.post_as_channel(CHANNEL, "Free flats", "hello");
    group.post_as_anonymous_admin("rules");
    let updates = bot.get_updates().await.unwrap();
    let senders: Vec<(i64, bool, i64)> = updates
        .iter()
        .filter_map(|u| match &u.kind {
            teloxide::types::UpdateKind::Message(m) => Some((
                m.sender_chat.as_ref()?.id.0,
                m.from.as_ref()?.is_bot,
                m.chat.id.0,
            )),
            _ => None,
        })
        .collect();
    assert_eq!(senders, [(CHANNEL, true, GROUP), (GROUP, true, GROUP)]);

    let ban = || bot.ban_chat_sender_chat(ChatId(GROUP), ChatId(CHANNEL));
    assert_eq!(
        api_error(ban().await.unwrap_err()),
        ApiError::NotEnoughRightsToRestrict
    );
    group.bot_admin(false, true);
    ban().await.unwrap();
    assert!(group.is_banned(CHANNEL));
    bot.unban_chat_sender_chat(ChatId(GROUP), ChatId(CHANNEL))
        .await
        .unwrap();
    assert!(!group.is_banned(CHANNEL));
}
