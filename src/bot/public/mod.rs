//! The network's public chats (`PUBLIC_CHAT_IDS`): the guard against fake data and trolls,
//! members' reports, the bridge from a public cry for help to the private request form, and
//! bans that reach the chats. The rules are in [`crate::guard`] and [`crate::bridge`].
//!
//! Members of a public chat are not the bot's users: their posts never pass the gate (no
//! flood mutes, no "banned" silence: a banned author's post is acted on). No post's text is
//! stored or logged: the bot keeps (chat, message, author, time) for 48 hours, and a post a
//! supervisor must judge is copied into the review chat with copyMessage.
//!
//! - `guard.rs`: every post and caption, and members joining.
//! - `review.rs`: the review notes and their buttons (Ban, Unban, Trust / Approve, Delete,
//!   Dismiss).
//! - `commands.rs`: `/report`, `/help`, and supervisors' `/ban`, `/unban` in a chat.
//! - `bridge.rs`: the one short reply to a cry for help.

pub(super) mod bridge;
pub(super) mod commands;
pub(super) mod guard;
pub(super) mod review;

use teloxide::{
    prelude::*,
    types::{BotCommand, BotCommandScope, ChatMember},
};

use super::App;
use crate::outbox::Envelope;

/// Where review notes go: the review chat, else every supervisor privately.
pub(super) async fn review_targets(app: &App) -> Result<Vec<i64>, crate::db::DbError> {
    Ok(match app.config.public.review_chat_id {
        Some(chat) => vec![chat],
        None => app.supervisors().await?,
    })
}

/// The chats a network-wide ban reaches: every public chat and the volunteer group.
fn ban_chats(app: &App) -> Vec<i64> {
    let mut chats = app.config.public.chat_ids.clone();
    if let Some(group) = app.config.volunteer_chat_id.filter(|c| *c < 0)
        && !chats.contains(&group)
    {
        chats.push(group);
    }
    chats
}

/// A network ban in the chats: banChatMember in each (their messages there removed), or
/// nothing in dry mode.
pub(super) fn network_ban(app: &App, user: i64) -> Vec<Envelope> {
    if app.config.public.dry_run {
        return Vec::new();
    }
    ban_chats(app)
        .into_iter()
        .map(|chat| Envelope::ban(chat, user))
        .collect()
}

/// `/unban` in the chats.
pub(super) fn network_unban(app: &App, user: i64) -> Vec<Envelope> {
    if app.config.public.dry_run {
        return Vec::new();
    }
    ban_chats(app)
        .into_iter()
        .map(|chat| Envelope::unban(chat, user))
        .collect()
}

/// What a ban reply adds: in how many chats the person is banned too, or why not.
pub(super) fn ban_reach(app: &App, lang: crate::i18n::Lang) -> Option<String> {
    let chats = ban_chats(app).len();
    if chats == 0 {
        None
    } else if app.config.public.dry_run {
        Some(app.locales.text(lang, "banned-dry"))
    } else {
        Some(
            app.locales
                .text_with(lang, "banned-in-chats", &[("count", chats.into())]),
        )
    }
}

/// At start: the bot's rights in each public chat (supervisors are told what is missing),
/// and the command menus for members and admins of groups.
pub(super) async fn startup(bot: &Bot, app: &App) {
    if app.config.public.chat_ids.is_empty() {
        return;
    }
    register_group_menus(bot, app).await;
    let me = match bot.get_me().await {
        Ok(me) => me,
        Err(e) => {
            tracing::warn!(error = %super::listener::loggable(&e), "getMe failed; rights not checked");
            return;
        }
    };
    let mut out = Vec::new();
    for &chat in &app.config.public.chat_ids {
        let missing = match bot.get_chat_member(ChatId(chat), me.id).await {
            Ok(member) => missing_rights(&member),
            Err(e) => {
                tracing::warn!(chat, error = %super::listener::loggable(&e), "getChatMember failed");
                vec!["guard-not-admin"]
            }
        };
        if missing.is_empty() {
            continue;
        }
        tracing::warn!(
            chat,
            missing = missing.len(),
            "the bot lacks rights in a public chat"
        );
        let supervisors = match app.supervisors().await {
            Ok(s) => s,
            Err(_) => continue,
        };
        for supervisor in supervisors {
            let lang = app.language_for(supervisor, None).await;
            let names: Vec<String> = missing
                .iter()
                .map(|id| app.locales.text(lang, id))
                .collect();
            out.push(Envelope::text(
                supervisor,
                app.locales.text_with(
                    lang,
                    "guard-rights-missing",
                    &[("chat", chat.into()), ("missing", names.join(", ").into())],
                ),
            ));
        }
    }
    if let Err(e) = super::notify::send(app, out).await {
        tracing::warn!(error = %e, "could not tell supervisors about missing rights");
    }
}

/// The rights the guard needs that this member (the bot) lacks, as text ids.
fn missing_rights(member: &ChatMember) -> Vec<&'static str> {
    match &member.kind {
        teloxide::types::ChatMemberKind::Owner(_) => Vec::new(),
        teloxide::types::ChatMemberKind::Administrator(admin) => {
            let mut missing = Vec::new();
            if !admin.can_delete_messages {
                missing.push("guard-right-delete");
            }
            if !admin.can_restrict_members {
                missing.push("guard-right-ban");
            }
            missing
        }
        _ => vec!["guard-not-admin"],
    }
}

/// The group menus: members see /report and /help; admins also /ban and /unban. One menu
/// per language, and the default language's for everyone else.
async fn register_group_menus(bot: &Bot, app: &App) {
    let menus = |lang: crate::i18n::Lang| {
        let entry = |c: &str| BotCommand::new(c, app.locales.text(lang, &format!("cmd-group-{c}")));
        [
            (
                BotCommandScope::AllGroupChats,
                vec![entry("report"), entry("help")],
            ),
            (
                BotCommandScope::AllChatAdministrators,
                vec![entry("report"), entry("help"), entry("ban"), entry("unban")],
            ),
        ]
    };
    let languages = crate::i18n::Lang::ALL.into_iter().map(Some);
    for lang in languages.chain([None]) {
        for (scope, commands) in menus(lang.unwrap_or(app.config.default_language)) {
            let mut request = bot.set_my_commands(commands).scope(scope);
            if let Some(lang) = lang {
                request = request.language_code(lang.code());
            }
            if let Err(e) = request.await {
                tracing::warn!(error = %e, "could not set a group command menu");
            }
        }
    }
}
