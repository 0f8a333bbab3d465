//! Bot-level methods: commands, webhook, getChat, getChatMember, getFile.

use serde_json::{Value, json};

use crate::errors::{self, ApiErr};
use crate::markup::strip_nulls;
use crate::model::{BotCommand, ChatKind, CommandSet};
use crate::params::Params;
use crate::state::{ChatState, Inner};

const SCOPES: &[&str] = &[
    "default",
    "all_private_chats",
    "all_group_chats",
    "all_chat_administrators",
    "chat",
    "chat_administrators",
    "chat_member",
];

fn bad_scope() -> ApiErr {
    ApiErr::bad_request("can't parse BotCommandScope JSON object")
}

fn int(v: Option<&Value>) -> Option<i64> {
    let v = v?;
    v.as_i64().or_else(|| v.as_str()?.trim().parse().ok())
}

/// Normalises a BotCommandScope: `{"type"}` plus integer `chat_id`/`user_id` where needed.
pub(crate) fn normalize_scope(scope: Option<Value>) -> Result<Value, ApiErr> {
    let Some(scope) = scope.map(strip_nulls) else {
        return Ok(json!({ "type": "default" }));
    };
    let kind = scope
        .get("type")
        .and_then(Value::as_str)
        .ok_or_else(bad_scope)?;
    if !SCOPES.contains(&kind) {
        return Err(bad_scope());
    }
    let mut out = json!({ "type": kind });
    if matches!(kind, "chat" | "chat_administrators" | "chat_member") {
        out["chat_id"] = json!(int(scope.get("chat_id")).ok_or_else(bad_scope)?);
    }
    if kind == "chat_member" {
        out["user_id"] = json!(int(scope.get("user_id")).ok_or_else(bad_scope)?);
    }
    Ok(out)
}

/// `(scope, language_code)` of a commands call.
fn scope_and_language(p: &Params) -> Result<(Value, String), ApiErr> {
    let scope = normalize_scope(p.json("scope")?)?;
    let lang = p.str("language_code").unwrap_or_default();
    let valid =
        lang.is_empty() || (lang.len() == 2 && lang.chars().all(|c| c.is_ascii_lowercase()));
    if !valid {
        return Err(ApiErr::bad_request("invalid language code specified"));
    }
    Ok((scope, lang))
}

fn parse_commands(p: &Params) -> Result<Vec<BotCommand>, ApiErr> {
    let list = p.json("commands")?.unwrap_or(json!([]));
    let list = list
        .as_array()
        .ok_or_else(|| ApiErr::bad_request("can't parse commands JSON object"))?;
    if list.len() > 100 {
        return Err(ApiErr::bad_request("too many commands"));
    }
    list.iter()
        .map(|c| {
            let command = c.get("command").and_then(Value::as_str).unwrap_or("");
            let description = c.get("description").and_then(Value::as_str).unwrap_or("");
            let command_ok = (1..=32).contains(&command.len())
                && command
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_');
            if !command_ok {
                return Err(ApiErr::bad_request("BOT_COMMAND_INVALID"));
            }
            if !(1..=256).contains(&description.chars().count()) {
                return Err(ApiErr::bad_request(
                    "command description must be 1-256 characters",
                ));
            }
            Ok(BotCommand {
                command: command.to_owned(),
                description: description.to_owned(),
            })
        })
        .collect()
}

/// setMyCommands (an empty list deletes the set).
pub(super) fn set_commands(inner: &mut Inner, p: &Params) -> Result<Value, ApiErr> {
    let commands = parse_commands(p)?;
    let (scope, language_code) = scope_and_language(p)?;
    let key = (scope.to_string(), language_code.clone());
    if commands.is_empty() {
        inner.commands.remove(&key);
    } else {
        inner.commands.insert(
            key,
            CommandSet {
                scope,
                language_code,
                commands,
            },
        );
    }
    Ok(Value::Bool(true))
}

/// getMyCommands: exactly the set for that scope and language (no fallback).
pub(super) fn get_commands(inner: &mut Inner, p: &Params) -> Result<Value, ApiErr> {
    let (scope, lang) = scope_and_language(p)?;
    let list = inner
        .commands
        .get(&(scope.to_string(), lang))
        .map(|set| {
            set.commands
                .iter()
                .map(|c| json!({ "command": c.command, "description": c.description }))
                .collect()
        })
        .unwrap_or_default();
    Ok(Value::Array(list))
}

/// deleteMyCommands.
pub(super) fn delete_commands(inner: &mut Inner, p: &Params) -> Result<Value, ApiErr> {
    let (scope, lang) = scope_and_language(p)?;
    inner.commands.remove(&(scope.to_string(), lang));
    Ok(Value::Bool(true))
}

/// The commands a Telegram client would show to `user_id` in `chat_id`,
/// following the Bot API's scope fallback order.
pub(crate) fn visible_commands(
    inner: &Inner,
    chat_id: i64,
    user_id: i64,
    lang: Option<&str>,
) -> Vec<BotCommand> {
    let is_private = inner
        .chats
        .get(&chat_id)
        .is_none_or(|c| c.kind == ChatKind::Private);
    let is_admin = inner
        .chats
        .get(&chat_id)
        .is_some_and(|c| c.is_admin(user_id));
    let mut scopes = Vec::new();
    if is_private {
        scopes.push(json!({ "type": "chat", "chat_id": chat_id }));
        scopes.push(json!({ "type": "all_private_chats" }));
    } else {
        scopes.push(json!({ "type": "chat_member", "chat_id": chat_id, "user_id": user_id }));
        if is_admin {
            scopes.push(json!({ "type": "chat_administrators", "chat_id": chat_id }));
        }
        scopes.push(json!({ "type": "chat", "chat_id": chat_id }));
        if is_admin {
            scopes.push(json!({ "type": "all_chat_administrators" }));
        }
        scopes.push(json!({ "type": "all_group_chats" }));
    }
    scopes.push(json!({ "type": "default" }));
    let langs: Vec<&str> = match lang.filter(|l| !l.is_empty()) {
        Some(l) => vec![l, ""],
        None => vec![""],
    };
    scopes
        .iter()
        .flat_map(|s| langs.iter().map(move |l| (s.to_string(), (*l).to_owned())))
        .find_map(|key| inner.commands.get(&key))
        .map(|set| set.commands.clone())
        .unwrap_or_default()
}

/// setWebhook: remembered with its secret token and connection limit; the emulator then
/// delivers queued updates there (see `webhook.rs`) and getUpdates answers 409, like Telegram.
pub(super) fn set_webhook(inner: &mut Inner, p: &Params) -> Result<Value, ApiErr> {
    let url = p.str("url").unwrap_or_default();
    if p.bool("drop_pending_updates") {
        inner.updates.clear();
    }
    let max_connections = p.i64("max_connections")?.unwrap_or(40);
    if !(1..=100).contains(&max_connections) {
        return Err(ApiErr::bad_request("invalid max_connections specified"));
    }
    if let Some(secret) = p.str("secret_token") {
        let allowed = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
        if secret.is_empty() || secret.len() > 256 || !secret.bytes().all(allowed) {
            return Err(ApiErr::bad_request(
                "secret token contains unallowed characters",
            ));
        }
    }
    if let Some(Value::Array(list)) = p.json("allowed_updates")? {
        inner.allowed_updates = Some(
            list.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
        );
    }
    inner.webhook = (!url.is_empty()).then(|| {
        json!({
            "url": url,
            "secret_token": p.str("secret_token"),
            "max_connections": max_connections,
        })
    });
    Ok(Value::Bool(true))
}

/// deleteWebhook (drop_pending_updates clears the queue).
pub(super) fn delete_webhook(inner: &mut Inner, p: &Params) -> Result<Value, ApiErr> {
    if p.bool("drop_pending_updates") {
        inner.updates.clear();
    }
    inner.webhook = None;
    Ok(Value::Bool(true))
}

/// getWebhookInfo.
pub(super) fn webhook_info(inner: &Inner) -> Value {
    let url = inner
        .webhook
        .as_ref()
        .and_then(|w| w.get("url"))
        .cloned()
        .unwrap_or(json!(""));
    let max_connections = inner
        .webhook
        .as_ref()
        .and_then(|w| w.get("max_connections"))
        .cloned()
        .unwrap_or(json!(40));
    json!({
        "url": url,
        "has_custom_certificate": false,
        "pending_update_count": inner.updates.len(),
        "max_connections": max_connections,
    })
}

/// getChat: ChatFullInfo for known chats.
pub(super) fn get_chat(inner: &mut Inner, p: &Params) -> Result<Value, ApiErr> {
    let chat_id = p.chat_id("chat_id")?;
    inner.known(chat_id)?;
    let mut chat = inner.chat_json(chat_id);
    chat["accent_color_id"] = json!(0);
    chat["max_reaction_count"] = json!(11);
    chat["accepted_gift_types"] = json!({
        "unlimited_gifts": false, "limited_gifts": false,
        "unique_gifts": false, "premium_subscription": false
    });
    Ok(chat)
}

/// A ChatMemberAdministrator: the two rights the emulator checks as given,
/// the others `full` (a person made admin by a test) or false (the bot).
fn administrator(
    user: Value,
    can_delete_messages: bool,
    can_restrict_members: bool,
    full: bool,
) -> Value {
    json!({
        "status": "administrator", "user": user, "can_be_edited": false, "is_anonymous": false,
        "can_manage_chat": true, "can_delete_messages": can_delete_messages,
        "can_manage_video_chats": full, "can_restrict_members": can_restrict_members,
        "can_promote_members": false, "can_change_info": full, "can_invite_users": full,
        "can_post_stories": full, "can_edit_stories": full, "can_delete_stories": full,
        "can_pin_messages": full, "can_manage_topics": false
    })
}

/// The bot's own ChatMember: an administrator with its rights, or a member.
fn bot_member(inner: &Inner, chat: &ChatState) -> Value {
    let user = inner.user_json(inner.bot_id);
    match chat.bot_rights {
        Some(r) => administrator(user, r.can_delete_messages, r.can_restrict_members, false),
        None => json!({ "status": "member", "user": user }),
    }
}

/// The ChatMember of `user_id` in `chat_id`: creator, administrator, kicked
/// (banned), member or left.
pub(crate) fn member_json(inner: &Inner, chat_id: i64, user_id: i64) -> Value {
    let user = inner.user_json(user_id);
    let Some(chat) = inner.chats.get(&chat_id) else {
        return json!({ "status": "left", "user": user });
    };
    if user_id == inner.bot_id {
        return bot_member(inner, chat);
    }
    if chat.owner == Some(user_id) {
        return json!({ "status": "creator", "user": user, "is_anonymous": false });
    }
    if chat.admins.contains(&user_id) {
        return administrator(user, true, true, true);
    }
    if let Some(ban) = chat.ban_of(user_id) {
        return json!({ "status": "kicked", "user": user, "until_date": ban.until_date });
    }
    let is_member =
        chat.members.contains(&user_id) || (chat.kind == ChatKind::Private && chat_id == user_id);
    let status = if is_member { "member" } else { "left" };
    json!({ "status": status, "user": user })
}

/// getChatMember: creator / administrator / member / kicked / left.
pub(super) fn get_chat_member(inner: &mut Inner, p: &Params) -> Result<Value, ApiErr> {
    let chat_id = p.chat_id("chat_id")?;
    inner.known(chat_id)?;
    let user_id = p.req_i64("user_id")?;
    Ok(member_json(inner, chat_id, user_id))
}

/// getChatAdministrators: the creator, the administrators and the bot if it is one.
pub(super) fn get_chat_administrators(inner: &mut Inner, p: &Params) -> Result<Value, ApiErr> {
    let chat_id = p.chat_id("chat_id")?;
    let chat = inner.known(chat_id)?;
    let mut ids: Vec<i64> = chat.owner.into_iter().collect();
    ids.extend(chat.admins.iter().filter(|u| chat.owner != Some(**u)));
    if chat.bot_rights.is_some() {
        ids.push(inner.bot_id);
    }
    Ok(Value::Array(
        ids.into_iter()
            .map(|u| member_json(inner, chat_id, u))
            .collect(),
    ))
}

/// getFile: `file_path` is `<kind>/<file_id>` (downloadable from `/file/bot<token>/<file_path>`).
pub(super) fn get_file(inner: &mut Inner, p: &Params) -> Result<Value, ApiErr> {
    let id = p.str("file_id").unwrap_or_default();
    let meta = inner
        .files
        .get(&id)
        .ok_or_else(|| ApiErr::bad(errors::FILE_ID_INVALID))?;
    Ok(json!({
        "file_id": id,
        "file_unique_id": meta.unique,
        "file_size": meta.size,
        "file_path": format!("{}/{id}", meta.kind),
    }))
}
