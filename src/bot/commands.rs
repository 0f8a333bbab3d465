//! Requester commands: /start, /help, /lang, /cancel, /status.
//!
//! ```text
//! /start   begin (consent screen), or resume the survey where it stopped, or show the open case
//! /help    what the bot does and the commands
//! /lang    choose Ukrainian, Russian or English
//! /cancel  abandon the unsent survey (after a confirmation); nothing is kept
//! /status  my case: #N and its state
//! /forget  erase everything stored about me (after a confirmation)
//! ```

use teloxide::{
    prelude::*,
    types::{BotCommand, BotCommandScope, Recipient},
    utils::command::BotCommands,
};

use super::{App, HandlerResult, erasure, intake, keyboards, send};
use crate::{
    db::{CaseStatus, Visitor},
    i18n::{Lang, Locales},
    telemetry,
};

#[derive(BotCommands, Clone, Debug, PartialEq, Eq)]
#[command(rename_rule = "lowercase")]
pub enum Command {
    Start,
    Help,
    Lang,
    Cancel,
    Status,
    Forget,
}

/// The requester menu in one language, with descriptions from the locale files.
pub fn menu(locales: &Locales, lang: Lang) -> Vec<BotCommand> {
    ["start", "help", "lang", "cancel", "status", "forget"]
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
pub async fn set_menu_for(bot: &Bot, locales: &Locales, chat: ChatId, lang: Lang) {
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

pub async fn on_command(
    bot: Bot,
    app: App,
    msg: Message,
    cmd: Command,
    visitor: Visitor,
) -> HandlerResult {
    let Some(user) = msg.from.as_ref() else {
        return Ok(());
    };
    let user_id = user.id.0 as i64;
    let lang = app.language_or(visitor.language, user.language_code.as_deref());
    let t = |id: &str| app.locales.text(lang, id);
    match cmd {
        Command::Start => {
            telemetry::handler("command.start");
            intake::start(&bot, &app, msg.chat.id, user_id, lang).await?;
        }
        Command::Help => {
            telemetry::handler("command.help");
            send::text(&bot, msg.chat.id, t("help")).await?;
        }
        Command::Lang => {
            telemetry::handler("command.lang");
            send::screen(
                &bot,
                msg.chat.id,
                keyboards::language_menu(&app.locales, lang),
            )
            .await?;
        }
        Command::Cancel => {
            telemetry::handler("command.cancel");
            if app.db.load_survey(user_id).await?.is_some() {
                send::screen(
                    &bot,
                    msg.chat.id,
                    keyboards::cancel_confirm(&app.locales, lang),
                )
                .await?;
            } else if let Some(case) = app.db.open_case_of(user_id).await? {
                let text =
                    app.locales
                        .text_with(lang, "cancel-nothing-case", &[("case", case.id.into())]);
                send::text(&bot, msg.chat.id, text).await?;
            } else {
                send::text(&bot, msg.chat.id, t("cancel-nothing")).await?;
            }
        }
        Command::Forget => {
            telemetry::handler("command.forget");
            erasure::on_forget(&bot, &app, msg.chat.id, user_id, lang).await?;
        }
        Command::Status => {
            telemetry::handler("command.status");
            let text = if let Some(case) = app.db.open_case_of(user_id).await? {
                status_text(&app, lang, case.id, case.status)
            } else if app.db.load_survey(user_id).await?.is_some() {
                t("status-unsent")
            } else {
                t("status-none")
            };
            send::text(&bot, msg.chat.id, text).await?;
        }
    }
    Ok(())
}

/// "#N: waiting for a volunteer" and the like.
pub fn status_text(app: &App, lang: Lang, case: i64, status: CaseStatus) -> String {
    let id = format!("status-{}", status.as_str());
    app.locales.text_with(lang, &id, &[("case", case.into())])
}

/// A command we do not have.
pub async fn on_unknown_command(
    bot: Bot,
    app: App,
    msg: Message,
    visitor: Visitor,
) -> HandlerResult {
    telemetry::handler("command.unknown");
    let code = msg.from.as_ref().and_then(|u| u.language_code.as_deref());
    let lang = app.language_or(visitor.language, code);
    send::text(&bot, msg.chat.id, app.locales.text(lang, "unknown-command")).await?;
    Ok(())
}
