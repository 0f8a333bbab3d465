//! Group moderation: who may delete which message, banChatMember and
//! unbanChatMember, following the Bot API's rights rules.

use serde_json::Value;

use crate::errors::{self, ApiErr};
use crate::model::ChatKind;
use crate::params::Params;
use crate::state::{ChatState, Inner, StoredMessage};
use crate::updates;

/// Bans shorter than this from now are forever, as in Telegram.
const MIN_BAN_SECS: i64 = 30;
/// Bans longer than this from now are forever, as in Telegram.
const MAX_BAN_SECS: i64 = 366 * 24 * 60 * 60;

/// Whether the bot may delete `msg` in `chat`: its own messages always, a
/// user's in a private chat too; in a basic group someone else's only as an
/// administrator, in a supergroup only with can_delete_messages. Channels are
/// not checked.
pub(super) fn may_delete(chat: &ChatState, msg: &StoredMessage) -> Result<(), ApiErr> {
    if msg.sent.is_some() {
        return Ok(());
    }
    let rights = chat.bot_rights;
    match chat.kind {
        ChatKind::Private | ChatKind::Channel => Ok(()),
        ChatKind::Group if rights.is_some() => Ok(()),
        ChatKind::Group => Err(ApiErr::bad(errors::CANT_BE_DELETED_FOR_EVERYONE)),
        ChatKind::Supergroup if rights.is_some_and(|r| r.can_delete_messages) => Ok(()),
        ChatKind::Supergroup => Err(ApiErr::bad(errors::CANT_BE_DELETED)),
    }
}

/// A ban's end as Telegram stores it: 0 (forever) unless `until_date` is
/// between 30 seconds and 366 days from now.
fn ban_end(until_date: Option<i64>) -> i64 {
    let now = updates::now();
    match until_date {
        Some(t) if t >= now + MIN_BAN_SECS && t <= now + MAX_BAN_SECS => t,
        _ => 0,
    }
}

/// The target user id: a positive integer.
fn user_id(p: &Params) -> Result<i64, ApiErr> {
    let id = p.req_i64("user_id")?;
    if id <= 0 {
        return Err(ApiErr::bad(errors::USER_ID_INVALID));
    }
    Ok(id)
}

/// The chat of a ban or unban: known, of a kind that allows it
/// (`wrong_kind` otherwise), and the bot still in it.
fn moderated_chat<'a>(
    inner: &'a Inner,
    chat_id: i64,
    allowed: &[ChatKind],
    wrong_kind: &str,
) -> Result<&'a ChatState, ApiErr> {
    let kind = inner.known(chat_id)?.kind;
    if !allowed.contains(&kind) {
        return Err(ApiErr::bad(wrong_kind));
    }
    inner.writable(chat_id)?;
    inner.known(chat_id)
}

/// Checks the bot may ban or unban `user_id` in `chat`: not itself, with the
/// can_restrict_members right, and not the creator or an administrator.
fn check_restrictable(inner: &Inner, chat: &ChatState, user_id: i64) -> Result<(), ApiErr> {
    if user_id == inner.bot_id {
        return Err(ApiErr::bad(errors::CANT_RESTRICT_SELF));
    }
    if !chat.bot_rights.is_some_and(|r| r.can_restrict_members) {
        return Err(ApiErr::bad(errors::NOT_ENOUGH_RIGHTS_TO_RESTRICT));
    }
    if chat.owner == Some(user_id) {
        return Err(ApiErr::bad(errors::CANT_REMOVE_OWNER));
    }
    if chat.admins.contains(&user_id) {
        return Err(ApiErr::bad(errors::USER_IS_ADMIN));
    }
    Ok(())
}

/// banChatMember (and its old name kickChatMember): removes the user and
/// keeps them out until `until_date`. `revoke_messages` is accepted but, as in
/// Telegram, deletes nothing for the other members: it only takes a basic
/// group's history away from the banned user. The bot deletes spam itself.
pub(super) fn ban_chat_member(inner: &mut Inner, p: &Params) -> Result<Value, ApiErr> {
    let chat_id = p.chat_id("chat_id")?;
    let user_id = user_id(p)?;
    let until = ban_end(p.i64("until_date")?);
    let groups = [ChatKind::Group, ChatKind::Supergroup, ChatKind::Channel];
    let chat = moderated_chat(inner, chat_id, &groups, errors::CANT_BAN_IN_PRIVATE)?;
    check_restrictable(inner, chat, user_id)?;
    if let Some(chat) = inner.chats.get_mut(&chat_id) {
        chat.ban(user_id, until);
    }
    Ok(Value::Bool(true))
}

/// unbanChatMember: lifts a ban. Without `only_if_banned` it also removes a
/// member who is not banned (the user may join again), as the Bot API
/// documents; with it, a user who is not banned is left alone (`true`).
pub(super) fn unban_chat_member(inner: &mut Inner, p: &Params) -> Result<Value, ApiErr> {
    let chat_id = p.chat_id("chat_id")?;
    let user_id = user_id(p)?;
    let only_if_banned = p.bool("only_if_banned");
    let kinds = [ChatKind::Supergroup, ChatKind::Channel];
    let chat = moderated_chat(inner, chat_id, &kinds, errors::SUPERGROUPS_ONLY)?;
    if only_if_banned && !chat.is_banned(user_id) {
        return Ok(Value::Bool(true));
    }
    check_restrictable(inner, chat, user_id)?;
    if let Some(chat) = inner.chats.get_mut(&chat_id) {
        chat.unban(user_id);
        chat.members.remove(&user_id);
    }
    Ok(Value::Bool(true))
}

/// The sender chat of banChatSenderChat / unbanChatSenderChat: a channel id (negative).
fn sender_chat_id(p: &Params) -> Result<i64, ApiErr> {
    let id = p.req_i64("sender_chat_id")?;
    if id >= 0 {
        return Err(ApiErr::bad(
            "Bad Request: invalid sender chat identifier specified",
        ));
    }
    Ok(id)
}

/// The group and the channel of banChatSenderChat / unbanChatSenderChat, checked as for a
/// member's ban (a supergroup or channel the bot is in, with can_restrict_members).
fn sender_chat_target(inner: &Inner, p: &Params) -> Result<(i64, i64), ApiErr> {
    let chat_id = p.chat_id("chat_id")?;
    let sender = sender_chat_id(p)?;
    let kinds = [ChatKind::Supergroup, ChatKind::Channel];
    let chat = moderated_chat(inner, chat_id, &kinds, errors::SUPERGROUPS_ONLY)?;
    check_restrictable(inner, chat, sender)?;
    Ok((chat_id, sender))
}

/// banChatSenderChat: the channel can no longer post in the group (kept in the same list as
/// banned users, under its negative id). Needs the can_restrict_members right.
pub(super) fn ban_chat_sender_chat(inner: &mut Inner, p: &Params) -> Result<Value, ApiErr> {
    let (chat_id, sender) = sender_chat_target(inner, p)?;
    if let Some(chat) = inner.chats.get_mut(&chat_id) {
        chat.ban(sender, 0);
    }
    Ok(Value::Bool(true))
}

/// unbanChatSenderChat: lifts a ban of a channel.
pub(super) fn unban_chat_sender_chat(inner: &mut Inner, p: &Params) -> Result<Value, ApiErr> {
    let (chat_id, sender) = sender_chat_target(inner, p)?;
    if let Some(chat) = inner.chats.get_mut(&chat_id) {
        chat.unban(sender);
    }
    Ok(Value::Bool(true))
}
