//! Requester commands: /start, /help, /lang, /cancel, /status, /silent, /forget.
//!
//! ```text
//! /start   begin (consent screen), or resume the survey where it stopped, or show the open case
//! /help    what the bot does and the commands
//! /lang    choose Ukrainian, Russian or English
//! /cancel  abandon the unsent survey (after a confirmation); nothing is kept
//! /status  my case: #N and its state
//! /silent  silent mode on or off: every message here without a sound
//! /forget  erase everything stored about me (after a confirmation)
//! ```

use teloxide::{prelude::*, utils::command::BotCommands};

use super::{erasure, survey};
use crate::{
    bot::{App, HandlerResult, gate::Actor, keyboards, send},
    db::CaseStatus,
    i18n::Lang,
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
    Silent,
    Forget,
}

/// `/start`: the consent screen, the survey where it stopped, or the open case.
/// `/start chat` (the bridge's link from a public chat) is recorded on the case.
pub(crate) async fn start(bot: Bot, app: App, actor: Actor, msg: Message) -> HandlerResult {
    telemetry::handler("command.start");
    let from_chat = msg
        .text()
        .and_then(|t| t.split_whitespace().nth(1))
        .is_some_and(|payload| payload == crate::bot::public::bridge::START_FROM_CHAT);
    survey::start(&bot, &app, &actor, from_chat).await
}

/// `/help`.
pub(crate) async fn help(bot: Bot, app: App, actor: Actor) -> HandlerResult {
    telemetry::handler("command.help");
    send::text(&bot, actor.to(), app.locales.text(actor.lang, "help")).await?;
    Ok(())
}

/// `/lang`: the language picker.
pub(crate) async fn language(bot: Bot, app: App, actor: Actor) -> HandlerResult {
    telemetry::handler("command.lang");
    send::screen(
        &bot,
        actor.to(),
        keyboards::language_menu(&app.locales, actor.lang),
    )
    .await?;
    Ok(())
}

/// `/cancel`: asks before the unsent survey is deleted.
pub(crate) async fn cancel(bot: Bot, app: App, actor: Actor) -> HandlerResult {
    telemetry::handler("command.cancel");
    let lang = actor.lang;
    if actor.visitor.survey.is_some() {
        send::screen(
            &bot,
            actor.to(),
            keyboards::cancel_confirm(&app.locales, lang),
        )
        .await?;
    } else if let Some(case) = app.db.open_case_of(actor.id).await? {
        let text = app
            .locales
            .text_with(lang, "cancel-nothing-case", &[("case", case.id.into())]);
        send::text(&bot, actor.to(), text).await?;
    } else {
        send::text(&bot, actor.to(), app.locales.text(lang, "cancel-nothing")).await?;
    }
    Ok(())
}

/// `/status`: my case, or my unsent survey.
pub(crate) async fn status(bot: Bot, app: App, actor: Actor) -> HandlerResult {
    telemetry::handler("command.status");
    let lang = actor.lang;
    let text = if let Some(case) = app.db.open_case_of(actor.id).await? {
        status_text(&app, lang, case.id, case.status)
    } else if actor.visitor.survey.is_some() {
        app.locales.text(lang, "status-unsent")
    } else {
        app.locales.text(lang, "status-none")
    };
    send::text(&bot, actor.to(), text).await?;
    Ok(())
}

/// `/silent`: turns silent mode on or off. Before consent nothing is stored, so there is
/// nothing to switch: the person is told to press /start.
pub(crate) async fn silent(bot: Bot, app: App, actor: Actor) -> HandlerResult {
    telemetry::handler("command.silent");
    let (id, quiet) = match app.db.toggle_silent(actor.id, app.now()).await? {
        Some(true) => ("silent-on", true),
        Some(false) => ("silent-off", false),
        None => ("silent-nothing", false),
    };
    let to = send::To {
        chat: actor.chat,
        quiet,
    };
    send::text(&bot, to, app.locales.text(actor.lang, id)).await?;
    Ok(())
}

/// `/forget`: asks before everything stored about the person is erased.
pub(crate) async fn forget(bot: Bot, app: App, actor: Actor) -> HandlerResult {
    telemetry::handler("command.forget");
    erasure::ask(&bot, &app, &actor).await
}

/// "#N: waiting for a volunteer" and the like.
pub(crate) fn status_text(app: &App, lang: Lang, case: i64, status: CaseStatus) -> String {
    let id = format!("status-{}", status.as_str());
    app.locales.text_with(lang, &id, &[("case", case.into())])
}

/// A command we do not have (staff commands included: a requester never learns they exist).
pub(crate) async fn unknown(bot: Bot, app: App, actor: Actor) -> HandlerResult {
    telemetry::handler("command.unknown");
    send::text(
        &bot,
        actor.to(),
        app.locales.text(actor.lang, "unknown-command"),
    )
    .await?;
    Ok(())
}
