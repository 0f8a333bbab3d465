//! The staff side of the bot: volunteers and supervisors, in their private chats (and on
//! the cards in the volunteer group). The handler tree lets only staff reach these handlers,
//! and only supervisors the supervisors' ones; a requester who types a staff command is told
//! it is an unknown command.

/// A handler-tree endpoint `$name` for a staff command, over an inner function that takes
/// `(&Bot, &App, &Staff, &str)`: `answers` when the inner one returns the reply text, `sends`
/// when it sends its replies itself. `$log` names the handler in the update's log line.
macro_rules! staff_endpoint {
    ($(#[$doc:meta])* $name:ident, $log:literal, answers $inner:ident) => {
        $(#[$doc])*
        pub(crate) async fn $name(
            bot: teloxide::Bot,
            app: crate::bot::App,
            me: super::Staff,
            args: String,
        ) -> crate::bot::HandlerResult {
            crate::telemetry::handler($log);
            let text = $inner(&bot, &app, &me, &args).await?;
            me.say(&bot, text).await
        }
    };
    ($(#[$doc:meta])* $name:ident, $log:literal, answers $inner:ident, no arguments) => {
        $(#[$doc])*
        pub(crate) async fn $name(
            bot: teloxide::Bot,
            app: crate::bot::App,
            me: super::Staff,
        ) -> crate::bot::HandlerResult {
            crate::telemetry::handler($log);
            let text = $inner(&bot, &app, &me, "").await?;
            me.say(&bot, text).await
        }
    };
    ($(#[$doc:meta])* $name:ident, $log:literal, sends $inner:ident) => {
        $(#[$doc])*
        pub(crate) async fn $name(
            bot: teloxide::Bot,
            app: crate::bot::App,
            me: super::Staff,
            args: String,
        ) -> crate::bot::HandlerResult {
            crate::telemetry::handler($log);
            $inner(&bot, &app, &me, &args).await
        }
    };
    ($(#[$doc:meta])* $name:ident, $log:literal, sends $inner:ident, no arguments) => {
        $(#[$doc])*
        pub(crate) async fn $name(
            bot: teloxide::Bot,
            app: crate::bot::App,
            me: super::Staff,
        ) -> crate::bot::HandlerResult {
            crate::telemetry::handler($log);
            $inner(&bot, &app, &me, "").await
        }
    };
}

pub(super) mod cases;
pub(super) mod moderation;
pub(super) mod picker;
pub(super) mod referrals;
pub(super) mod relay;
pub(super) mod reports;
pub(super) mod resources;
pub(super) mod roster;
pub(super) mod team;

use teloxide::{prelude::*, utils::command::BotCommands};

use super::{App, HandlerError, HandlerResult, gate::Actor, send};
use crate::{
    i18n::Lang,
    roles::{Role, case_and_rest, user_and_rest},
    telemetry,
};

#[derive(BotCommands, Clone, Debug, PartialEq, Eq)]
#[command(rename_rule = "lowercase")]
pub enum StaffCommand {
    Online,
    Offline,
    Queue,
    Claim(String),
    Case(String),
    Mycases,
    Note(String),
    Release(String),
    Done(String),
    Msg(String),
    Transfer(String),
    Refer(String),
    Team(String),
    Addvolunteer(String),
    Removevolunteer(String),
    Volunteers,
    Trained(String),
    Verify(String),
    Flag(String),
    Unflag(String),
    Ban(String),
    Unban(String),
    Bans,
    Blockphone(String),
    Blockplace(String),
    Blocklink(String),
    Unblocklink(String),
    Addsupervisor(String),
    Removesupervisor(String),
    Audit(String),
    Stats,
    Export(String),
    Resources(String),
    Addresource,
    Checked(String),
    Resstatus(String),
}

/// A volunteer or a supervisor, acting: who, with which role, in which language, and where
/// their replies go (their private chat, also for a press on a card in the group).
#[derive(Debug, Clone)]
pub(super) struct Staff {
    pub id: i64,
    pub role: Role,
    pub lang: Lang,
    pub chat: ChatId,
    pub update_id: i64,
}

impl Staff {
    /// The staff member behind an update; `None` for anyone else (the tree's staff filter).
    pub(super) fn of(actor: Actor) -> Option<Staff> {
        actor.is_staff().then_some(Staff {
            id: actor.id,
            role: actor.role,
            lang: actor.lang,
            chat: actor.chat,
            update_id: actor.update_id,
        })
    }

    pub(super) fn is_supervisor(&self) -> bool {
        self.role == Role::Supervisor
    }

    fn t(&self, app: &App, id: &str) -> String {
        app.locales.text(self.lang, id)
    }

    fn tc(&self, app: &App, id: &str, case: i64) -> String {
        app.locales
            .text_with(self.lang, id, &[("case", case.into())])
    }

    /// Sends a reply to this staff member.
    pub(in crate::bot) async fn say(&self, bot: &Bot, text: String) -> HandlerResult {
        send::text(bot, self.chat, text).await?;
        Ok(())
    }
}

/// Staff are stored with the language they write in (a requester is not, before consent).
pub(super) async fn remember(app: App, me: Staff) -> Staff {
    let role = if me.is_supervisor() {
        "supervisor"
    } else {
        "volunteer"
    };
    if let Err(e) = app.db.upsert_staff(me.id, role, me.lang, app.now()).await {
        tracing::warn!(error = %e, "could not store a staff member's language");
    }
    me
}

/// A volunteer typed a supervisors' command.
pub(super) async fn supervisor_only(bot: Bot, app: App, me: Staff) -> HandlerResult {
    telemetry::handler("staff.supervisor_only");
    me.say(&bot, me.t(&app, "supervisor-only")).await
}

/// A command sent as a reply to a relayed message or a case card: the case (or, for a ban, its
/// requester) stands in for the missing number.
pub(super) async fn fill_from_reply(app: App, msg: Message, cmd: StaffCommand) -> StaffCommand {
    let Some(replied) = msg.reply_to_message() else {
        return cmd;
    };
    match filled(&app, msg.chat.id.0, replied.id.0, cmd.clone()).await {
        Ok(filled) => filled,
        Err(e) => {
            tracing::warn!(error = %e, "could not read the message a command replied to");
            cmd
        }
    }
}

async fn filled(
    app: &App,
    chat: i64,
    replied: i32,
    cmd: StaffCommand,
) -> Result<StaffCommand, HandlerError> {
    let Some(case_id) = app.db.case_of_message(chat, replied).await? else {
        return Ok(cmd);
    };
    let case = |args: String| {
        if case_and_rest(&args).is_some() {
            args
        } else {
            format!("{case_id} {args}")
        }
    };
    let requester = match app.db.case(case_id).await? {
        Some(row) => row.requester_id,
        None => None,
    };
    let user = |args: String| match requester {
        Some(r) if user_and_rest(&args).is_none() => format!("{r} {args}"),
        _ => args,
    };
    Ok(match cmd {
        StaffCommand::Claim(a) => StaffCommand::Claim(case(a)),
        StaffCommand::Case(a) => StaffCommand::Case(case(a)),
        StaffCommand::Note(a) => StaffCommand::Note(case(a)),
        StaffCommand::Release(a) => StaffCommand::Release(case(a)),
        StaffCommand::Done(a) => StaffCommand::Done(case(a)),
        StaffCommand::Msg(a) => StaffCommand::Msg(case(a)),
        StaffCommand::Transfer(a) => StaffCommand::Transfer(case(a)),
        StaffCommand::Refer(a) => StaffCommand::Refer(case(a)),
        StaffCommand::Team(a) => StaffCommand::Team(case(a)),
        StaffCommand::Verify(a) => StaffCommand::Verify(case(a)),
        StaffCommand::Flag(a) => StaffCommand::Flag(case(a)),
        StaffCommand::Unflag(a) => StaffCommand::Unflag(case(a)),
        StaffCommand::Audit(a) => StaffCommand::Audit(case(a)),
        StaffCommand::Ban(a) => StaffCommand::Ban(user(a)),
        StaffCommand::Unban(a) => StaffCommand::Unban(user(a)),
        other => other,
    })
}
