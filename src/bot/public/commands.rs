//! Commands in a public chat. The bot never runs the survey there: members have `/report`
//! (as a reply to a post) and `/help` (how to ask privately); supervisors `/ban` and
//! `/unban` (a reply to a post bans its author network-wide). Anything else is a post like
//! any other, and goes through the guard.

use teloxide::{prelude::*, types::Me, utils::command::BotCommands};

use super::{bridge, review};
use crate::{
    bot::{
        App, HandlerResult, notify,
        staff::{Staff, moderation},
    },
    db::{AuditAction, PostReported},
    i18n::Lang,
    outbox::Envelope,
    roles::Role,
    telemetry,
};

#[derive(BotCommands, Clone, Debug, PartialEq, Eq)]
#[command(rename_rule = "lowercase")]
pub(crate) enum GroupCommand {
    Report,
    Help,
    Ban(String),
    Unban(String),
}

/// The member's language, from Telegram (the bot stores nothing of members).
fn language_of(app: &App, msg: &Message) -> Lang {
    msg.from
        .as_ref()
        .and_then(|u| u.language_code.as_deref())
        .and_then(Lang::from_code)
        .unwrap_or(app.config.default_language)
}

/// The command's own message goes (it only clutters the chat), unless in dry mode.
fn delete_command(app: &App, msg: &Message) -> Vec<Envelope> {
    if app.config.public.dry_run {
        Vec::new()
    } else {
        vec![Envelope::delete(msg.chat.id.0, msg.id.0)]
    }
}

/// `/report` as a reply to a post: the first report sends it to review; once
/// `REPORT_THRESHOLD` members reported it, it is deleted until a supervisor looks. A member
/// can send at most ten a day; reports of staff posts, of one's own post or of the bot's
/// are not counted.
pub(crate) async fn report(bot: Bot, app: App, msg: Message) -> HandlerResult {
    telemetry::handler("public.report");
    let now = app.now();
    let mut out = delete_command(&app, &msg);
    let reporter = msg.from.as_ref().map(|u| u.id.0 as i64);
    let target = msg.reply_to_message();
    let author = target
        .and_then(|t| t.from.as_ref())
        .filter(|u| !u.is_bot)
        .map(|u| u.id.0 as i64);
    let (Some(reporter), Some(target), Some(author)) = (reporter, target, author) else {
        notify::send(&app, out).await?;
        return Ok(());
    };
    let staff = app
        .db
        .public_author(author, app.config.is_supervisor(author))
        .await?
        .staff;
    if author == reporter || staff {
        notify::send(&app, out).await?;
        return Ok(());
    }
    let (chat, message) = (target.chat.id.0, target.id.0);
    // Counted first (in its own commit), so the copy for review is made only once.
    let mut tx = app.db.begin().await?;
    let counted = tx.report_post(chat, message, reporter, author, now).await?;
    tx.commit().await?;
    let threshold = app.config.public.report_threshold;
    let note = match counted {
        PostReported::First => Some(review::Note::Reported {
            count: 1,
            hidden: threshold <= 1,
        }),
        PostReported::Again(n) if n == threshold => Some(review::Note::Reported {
            count: n,
            hidden: true,
        }),
        _ => None,
    };
    let mut tx = app.db.begin().await?;
    if let Some(note) = note {
        out.extend(review::notes(&bot, &app, target, author, note).await?);
        tx.audit(0, AuditAction::PostReport, None, Some(author), None, now)
            .await?;
        if matches!(note, review::Note::Reported { hidden: true, .. }) && !app.config.public.dry_run
        {
            out.push(Envelope::delete(chat, message));
        }
    }
    tx.enqueue(&out, now).await?;
    notify::commit(&app, tx, "report").await?;
    Ok(())
}

/// `/help` in a public chat: how to ask privately, with the button to the form (once an
/// hour per person, like the bridge).
pub(crate) async fn help(app: App, me: Me, msg: Message) -> HandlerResult {
    telemetry::handler("public.help");
    let Some(member) = msg.from.as_ref().map(|u| u.id.0 as i64) else {
        return Ok(());
    };
    let now = app.now();
    let lang = language_of(&app, &msg);
    let mut tx = app.db.begin().await?;
    let mut out = delete_command(&app, &msg);
    if tx.take_bridge_turn(member, now).await? {
        let mut reply = Envelope::text(msg.chat.id.0, app.locales.text(lang, "group-help"));
        if let Some(button) = bridge::form_button(&app, lang, &me) {
            reply = reply.with_markup(button);
        }
        out.push(reply);
    }
    tx.enqueue(&out, now).await?;
    notify::commit(&app, tx, "group_help").await?;
    Ok(())
}

/// The handler tree's filter: the sender is a supervisor (checked on the server, as in
/// private chats).
pub(crate) async fn from_supervisor(app: App, msg: Message) -> Option<Staff> {
    let user = msg.from.as_ref()?;
    let id = user.id.0 as i64;
    let supervisors = app.supervisors().await.ok()?;
    supervisors.contains(&id).then(|| Staff {
        id,
        role: Role::Supervisor,
        lang: app.language_or(None, user.language_code.as_deref()),
        chat: ChatId(id),
        update_id: 0,
    })
}

/// Who a command in a chat is about: the replied post's author, else the id typed first.
fn subject(msg: &Message, args: &str) -> String {
    match msg
        .reply_to_message()
        .and_then(|t| t.from.as_ref())
        .filter(|u| !u.is_bot)
    {
        Some(author) => format!("{} {}", author.id.0, args.trim()),
        None => args.trim().to_owned(),
    }
}

/// A supervisor's `/ban reason` as a reply to a post (or `/ban USER_ID reason`): banned
/// network-wide, told privately; the command message goes.
pub(crate) async fn ban(
    bot: Bot,
    app: App,
    msg: Message,
    me: Staff,
    args: String,
) -> HandlerResult {
    telemetry::handler("public.ban");
    as_supervisor(&bot, &app, &msg, me, &args, true).await
}

/// A supervisor's `/unban` in a chat.
pub(crate) async fn unban(
    bot: Bot,
    app: App,
    msg: Message,
    me: Staff,
    args: String,
) -> HandlerResult {
    telemetry::handler("public.unban");
    as_supervisor(&bot, &app, &msg, me, &args, false).await
}

/// `/ban` or `/unban` from a chat, run as the supervisor's own command: the answer goes to
/// their private chat, the command message is deleted.
async fn as_supervisor(
    bot: &Bot,
    app: &App,
    msg: &Message,
    me: Staff,
    args: &str,
    ban: bool,
) -> HandlerResult {
    let me = Staff {
        lang: app.language_for(me.id, None).await,
        ..me
    };
    let subject = subject(msg, args);
    let text = if ban {
        moderation::ban_user(bot, app, &me, &subject).await?
    } else {
        moderation::unban_user(bot, app, &me, &subject).await?
    };
    notify::send(app, delete_command(app, msg)).await?;
    crate::bot::send::text(bot, me.chat, text).await?;
    Ok(())
}
