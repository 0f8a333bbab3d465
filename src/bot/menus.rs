//! The command menus (setMyCommands): the requester menu per language for every private chat,
//! and a staff member's own menu in their chat. Shared by the requester and staff handlers.

use teloxide::{
    prelude::*,
    types::{BotCommand, BotCommandScope, Recipient},
};

use super::App;
use crate::{
    i18n::{Lang, Locales},
    roles::Role,
};

/// The requester menu in one language, with descriptions from the locale files.
fn menu(locales: &Locales, lang: Lang) -> Vec<BotCommand> {
    [
        "start", "help", "lang", "cancel", "status", "silent", "forget",
    ]
    .into_iter()
    .map(|c| BotCommand::new(c, locales.text(lang, &format!("cmd-{c}"))))
    .collect()
}

/// setMyCommands for every language (Telegram picks by the app's language) and a default.
pub async fn register_commands(bot: &Bot, locales: &Locales) -> Result<(), teloxide::RequestError> {
    // Every menu is tried even if one fails (the first error is returned).
    let mut result = bot
        .set_my_commands(menu(locales, Lang::Uk))
        .scope(BotCommandScope::AllPrivateChats)
        .await
        .map(drop);
    for lang in Lang::ALL {
        let set = bot
            .set_my_commands(menu(locales, lang))
            .scope(BotCommandScope::AllPrivateChats)
            .language_code(lang.code())
            .await;
        if let (Ok(()), Err(e)) = (&result, set) {
            result = Err(e);
        }
    }
    result
}

/// After /lang: this person's menu in the language they chose.
pub(super) async fn set_menu_for(bot: &Bot, locales: &Locales, chat: ChatId, lang: Lang) {
    let result = bot
        .set_my_commands(menu(locales, lang))
        .scope(BotCommandScope::Chat {
            chat_id: Recipient::Id(chat),
        })
        .await;
    if let Err(e) = result {
        tracing::debug!(error = %e, "could not set a chat's command menu");
    }
}

/// The command menu a staff member sees in their own chat.
pub(super) async fn set_staff_menu(bot: &Bot, app: &App, user_id: i64, lang: Lang, role: Role) {
    let mut menu = menu(&app.locales, lang);
    let mut staff = vec![
        "online",
        "offline",
        "queue",
        "claim",
        "case",
        "mycases",
        "note",
        "release",
        "done",
        "msg",
        "transfer",
        "refer",
        "team",
        "resources",
    ];
    if role == Role::Supervisor {
        staff.extend([
            "addvolunteer",
            "removevolunteer",
            "volunteers",
            "trained",
            "verify",
            "flag",
            "unflag",
            "ban",
            "unban",
            "bans",
            "blockphone",
            "blockplace",
            "blocklink",
            "unblocklink",
            "addsupervisor",
            "removesupervisor",
            "audit",
            "stats",
            "export",
            "addresource",
            "checked",
            "resstatus",
        ]);
    }
    menu.extend(
        staff.into_iter().map(|c| {
            teloxide::types::BotCommand::new(c, app.locales.text(lang, &format!("cmd-{c}")))
        }),
    );
    let result = bot
        .set_my_commands(menu)
        .scope(BotCommandScope::Chat {
            chat_id: Recipient::Id(ChatId(user_id)),
        })
        .await;
    if let Err(e) = result {
        tracing::debug!(error = %e, "could not set a staff command menu");
    }
}
