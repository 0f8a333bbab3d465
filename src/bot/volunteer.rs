//! Volunteer commands and buttons (supervisors may use them too). Each one checks the role on
//! the server; a requester who types one is told it is an unknown command.
//!
//! ```text
//! /online, /offline      shift on/off (offline with open cases: keep them or hand them back)
//! /queue                 open unclaimed cases, critical first, then the oldest; paged
//! /claim N               (or the Claim button on a card) take a case: exactly one volunteer wins
//! /case N                everything about a case: its volunteer and supervisors only
//! /mycases               my open cases
//! /note N text           internal note, never shown to the requester
//! /release N [reason]    back to the queue, notes kept
//! /done N outcome        evacuated | staying_safe | unreachable | referred | declined
//! /msg N text            write to the requester (the bot sends it; the volunteer stays hidden)
//! ```

use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
    utils::command::BotCommands,
};

use super::{
    App, HandlerError, HandlerResult,
    callback::{Button, OUTCOMES},
    cards, moderation, notify, offers, reports, send, supervisor,
};
use crate::{
    db::{AuditAction, CaseRow, CaseStatus, ClaimOutcome, Visitor},
    i18n::{Arg, Lang},
    outbox::{AfterSent, Envelope},
    roles::{Action, Role, case_and_rest, parse_case_number, user_and_rest},
    telemetry,
};

/// Cases per `/queue` page.
pub const QUEUE_PAGE: i64 = 5;
/// A supervisor claiming is not limited like a volunteer.
const SUPERVISOR_CAP: i64 = 1000;

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
    Addvolunteer(String),
    Removevolunteer(String),
    Volunteers,
    Verify(String),
    Flag(String),
    Unflag(String),
    Ban(String),
    Unban(String),
    Bans,
    Blockphone(String),
    Blockplace(String),
    Addsupervisor(String),
    Removesupervisor(String),
    Audit(String),
    Stats,
    Export(String),
}

/// Who is acting, in which language.
pub struct Staff {
    pub id: i64,
    pub role: Role,
    pub lang: Lang,
    pub chat: ChatId,
}

impl Staff {
    /// The refusal for someone who is not a supervisor, or `None` for a supervisor.
    pub fn supervisor_refusal(&self, app: &App) -> Option<String> {
        (!self.role.can(Action::ManageRoster))
            .then(|| app.locales.text(self.lang, "supervisor-only"))
    }
    fn t(&self, app: &App, id: &str) -> String {
        app.locales.text(self.lang, id)
    }
    fn tc(&self, app: &App, id: &str, case: i64) -> String {
        app.locales
            .text_with(self.lang, id, &[("case", case.into())])
    }
}

pub async fn on_command(
    bot: Bot,
    app: App,
    msg: Message,
    cmd: StaffCommand,
    visitor: Visitor,
) -> HandlerResult {
    let Some(user) = msg.from.as_ref() else {
        return Ok(());
    };
    let id = user.id.0 as i64;
    let role = app.role_of(id).await?;
    let lang = app.language_or(visitor.language, user.language_code.as_deref());
    if !role.is_staff() {
        // Requesters are never told staff commands exist.
        telemetry::handler("staff.refused");
        send::text(&bot, msg.chat.id, app.locales.text(lang, "unknown-command")).await?;
        return Ok(());
    }
    // Staff are stored with the language they write in (a requester is not, before consent).
    let role_name = if role == Role::Supervisor {
        "supervisor"
    } else {
        "volunteer"
    };
    app.db.upsert_staff(id, role_name, lang, app.now()).await?;
    let me = Staff {
        id,
        role,
        lang,
        chat: msg.chat.id,
    };
    let cmd = match msg.reply_to_message() {
        Some(replied) => fill_from_reply(&app, msg.chat.id.0, replied.id.0, cmd).await?,
        None => cmd,
    };
    let reply = match cmd {
        StaffCommand::Addvolunteer(args) => {
            telemetry::handler("supervisor.addvolunteer");
            supervisor::add_volunteer(&bot, &app, &me, &args).await?
        }
        StaffCommand::Removevolunteer(args) => {
            telemetry::handler("supervisor.removevolunteer");
            supervisor::remove_volunteer(&bot, &app, &me, &args).await?
        }
        StaffCommand::Volunteers => {
            telemetry::handler("supervisor.volunteers");
            supervisor::roster(&app, &me).await?
        }
        StaffCommand::Verify(args) => {
            telemetry::handler("supervisor.verify");
            moderation::verify(&bot, &app, &me, &args).await?
        }
        StaffCommand::Flag(args) => {
            telemetry::handler("supervisor.flag");
            moderation::flag(&bot, &app, &me, &args).await?
        }
        StaffCommand::Unflag(args) => {
            telemetry::handler("supervisor.unflag");
            moderation::unflag(&app, &me, &args).await?
        }
        StaffCommand::Ban(args) => {
            telemetry::handler("supervisor.ban");
            moderation::ban(&bot, &app, &me, &args).await?
        }
        StaffCommand::Unban(args) => {
            telemetry::handler("supervisor.unban");
            moderation::unban(&app, &me, &args).await?
        }
        StaffCommand::Bans => {
            telemetry::handler("supervisor.bans");
            moderation::bans(&app, &me).await?
        }
        StaffCommand::Blockphone(args) => {
            telemetry::handler("supervisor.blockphone");
            moderation::block(&bot, &app, &me, moderation::BlockKind::Phone, &args).await?
        }
        StaffCommand::Blockplace(args) => {
            telemetry::handler("supervisor.blockplace");
            moderation::block(&bot, &app, &me, moderation::BlockKind::Place, &args).await?
        }
        StaffCommand::Addsupervisor(args) => {
            telemetry::handler("supervisor.addsupervisor");
            moderation::add_supervisor(&bot, &app, &me, &args).await?
        }
        StaffCommand::Removesupervisor(args) => {
            telemetry::handler("supervisor.removesupervisor");
            moderation::remove_supervisor(&bot, &app, &me, &args).await?
        }
        StaffCommand::Audit(args) => {
            telemetry::handler("supervisor.audit");
            reports::audit(&app, &me, &args).await?
        }
        StaffCommand::Stats => {
            telemetry::handler("supervisor.stats");
            return reports::stats(&bot, &app, &me).await;
        }
        StaffCommand::Export(args) => {
            telemetry::handler("supervisor.export");
            return reports::export(&bot, &app, &me, &args).await;
        }
        StaffCommand::Online => {
            telemetry::handler("volunteer.online");
            if app.db.set_online(id, true).await? {
                me.t(&app, "shift-on")
            } else {
                me.t(&app, "not-on-roster")
            }
        }
        StaffCommand::Offline => {
            telemetry::handler("volunteer.offline");
            let (text, ask) = offline(&app, &me).await?;
            send::text(&bot, me.chat, text).await?;
            if ask {
                let question = me.t(&app, "shift-off-question");
                let buttons = offline_buttons(&app, me.lang).into();
                send::text_with(&bot, me.chat, question, Some(buttons)).await?;
            }
            return Ok(());
        }
        StaffCommand::Queue => {
            telemetry::handler("volunteer.queue");
            return queue(&bot, &app, &me, 0).await;
        }
        StaffCommand::Claim(args) => {
            telemetry::handler("volunteer.claim");
            match parse_case_number(&args) {
                Some(case) => claim(&bot, &app, &me, case).await?,
                None => me.t(&app, "usage-claim"),
            }
        }
        StaffCommand::Case(args) => {
            telemetry::handler("volunteer.case");
            match parse_case_number(&args) {
                Some(case) => return send_case(&bot, &app, &me, case).await,
                None => me.t(&app, "usage-case"),
            }
        }
        StaffCommand::Mycases => {
            telemetry::handler("volunteer.mycases");
            return my_cases(&bot, &app, &me).await;
        }
        StaffCommand::Note(args) => {
            telemetry::handler("volunteer.note");
            note(&app, &me, &args).await?
        }
        StaffCommand::Release(args) => {
            telemetry::handler("volunteer.release");
            release(&bot, &app, &me, &args).await?
        }
        StaffCommand::Done(args) => {
            telemetry::handler("volunteer.done");
            return done_command(&bot, &app, &me, &args).await;
        }
        StaffCommand::Msg(args) => {
            telemetry::handler("volunteer.msg");
            message_requester(&bot, &app, &me, &args).await?
        }
    };
    send::text(&bot, me.chat, reply).await?;
    Ok(())
}

/// A command sent as a reply to a relayed message or a case card: the case (or, for a ban, its
/// requester) stands in for the missing number.
async fn fill_from_reply(
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
        StaffCommand::Verify(a) => StaffCommand::Verify(case(a)),
        StaffCommand::Flag(a) => StaffCommand::Flag(case(a)),
        StaffCommand::Unflag(a) => StaffCommand::Unflag(case(a)),
        StaffCommand::Audit(a) => StaffCommand::Audit(case(a)),
        StaffCommand::Ban(a) => StaffCommand::Ban(user(a)),
        StaffCommand::Unban(a) => StaffCommand::Unban(user(a)),
        other => other,
    })
}

/// Goes off shift; the text, and whether to ask about open cases.
async fn offline(app: &App, me: &Staff) -> Result<(String, bool), HandlerError> {
    if !app.db.is_volunteer(me.id).await? {
        return Ok((me.t(app, "not-on-roster"), false));
    }
    let open = app.db.cases_of_volunteer(me.id).await?;
    app.db.set_online(me.id, false).await?;
    if open.is_empty() {
        Ok((me.t(app, "shift-off"), false))
    } else {
        Ok((
            app.locales.text_with(
                me.lang,
                "shift-off-open-cases",
                &[("count", open.len().into())],
            ),
            true,
        ))
    }
}

/// The offline question's buttons, sent right after `offline`'s text when cases are open.
fn offline_buttons(app: &App, lang: Lang) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![
        vec![InlineKeyboardButton::callback(
            app.locales.text(lang, "button-keep-cases"),
            Button::Offline { release: false }.encode(),
        )],
        vec![InlineKeyboardButton::callback(
            app.locales.text(lang, "button-release-cases"),
            Button::Offline { release: true }.encode(),
        )],
    ])
}

async fn queue(bot: &Bot, app: &App, me: &Staff, page: i64) -> HandlerResult {
    let total = app.db.queue_len().await?;
    let cases = app.db.queue(QUEUE_PAGE, page * QUEUE_PAGE).await?;
    if cases.is_empty() {
        send::text(bot, me.chat, me.t(app, "queue-empty")).await?;
        return Ok(());
    }
    let pages = (total + QUEUE_PAGE - 1) / QUEUE_PAGE;
    send::text(
        bot,
        me.chat,
        app.locales.text_with(
            me.lang,
            "queue-title",
            &[
                ("count", total.into()),
                ("page", (page + 1).into()),
                ("pages", pages.into()),
            ],
        ),
    )
    .await?;
    let now = app.now();
    for case in &cases {
        let (text, markup) = cards::card(&app.survey, &app.locales, me.lang, case, now);
        send::text_with(bot, me.chat, text, markup.map(Into::into)).await?;
    }
    if page + 1 < pages {
        let next = InlineKeyboardMarkup::new(vec![vec![InlineKeyboardButton::callback(
            app.locales
                .text_with(me.lang, "button-next-page", &[("page", (page + 2).into())]),
            Button::QueuePage { page: page + 1 }.encode(),
        )]]);
        send::text_with(bot, me.chat, me.t(app, "queue-more"), Some(next.into())).await?;
    }
    Ok(())
}

async fn my_cases(bot: &Bot, app: &App, me: &Staff) -> HandlerResult {
    let cases = app.db.cases_of_volunteer(me.id).await?;
    if cases.is_empty() {
        send::text(bot, me.chat, me.t(app, "mycases-empty")).await?;
        return Ok(());
    }
    let now = app.now();
    for case in &cases {
        let (text, _) = cards::card(&app.survey, &app.locales, me.lang, case, now);
        send::text(bot, me.chat, text).await?;
    }
    Ok(())
}

/// Claims a case; the answer for the person who tried. Exactly one of many claimers wins.
pub async fn claim(bot: &Bot, app: &App, me: &Staff, case_id: i64) -> Result<String, HandlerError> {
    if !me.role.can(Action::WorkCases) {
        return Ok(me.t(app, "staff-only"));
    }
    let limit = match app.db.volunteer(me.id).await? {
        Some(v) => v.max_open,
        None if me.role == Role::Supervisor => SUPERVISOR_CAP,
        None => return Ok(me.t(app, "staff-only")),
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let outcome = tx.claim_case(case_id, me.id, limit, now).await?;
    if let ClaimOutcome::Claimed(case) = &outcome {
        tx.audit(
            me.id,
            AuditAction::Claim,
            Some(case.id),
            case.requester_id,
            None,
            now,
        )
        .await?;
        let mut out: Vec<Envelope> = to_requester(app, case, "volunteer-connected")
            .into_iter()
            .collect();
        let notes = app.db.notes(case.id).await?;
        out.push(
            Envelope::text(
                me.id,
                cards::details(&app.survey, &app.locales, me.lang, case, &notes),
            )
            .for_case(case.id),
        );
        for (chat, message) in app.db.case_messages(case.id).await? {
            out.push(relayed_copy(app, me.id, me.lang, chat, message, case.id));
        }
        out.extend(offers::refresh_cards(app, case).await?);
        tx.enqueue(&out, now).await?;
    }
    notify::commit(bot, app, tx, "claim").await?;
    Ok(match outcome {
        ClaimOutcome::Claimed(case) => me.tc(app, "claimed", case.id),
        ClaimOutcome::Taken { by_me: true } => me.tc(app, "claim-already-yours", case_id),
        ClaimOutcome::Taken { by_me: false } => me.tc(app, "claim-taken", case_id),
        ClaimOutcome::AtCapacity { limit } => {
            app.locales
                .text_with(me.lang, "claim-at-capacity", &[("limit", limit.into())])
        }
        ClaimOutcome::Closed => me.tc(app, "case-closed", case_id),
        ClaimOutcome::NotFound => me.tc(app, "case-not-found", case_id),
    })
}

/// A message to the case's requester, in their language, if the case still has one.
fn to_requester(app: &App, case: &CaseRow, key: &str) -> Option<Envelope> {
    let requester = case.requester_id?;
    let text = app
        .locales
        .text_with(case.language, key, &[("case", case.id.into())]);
    Some(Envelope::text(requester, text).for_case(case.id))
}

/// A requester's message copied to a staff chat, tagged with the case number, recorded so a
/// reply to it reaches the requester.
pub fn relayed_copy(
    app: &App,
    to: i64,
    lang: Lang,
    from_chat: i64,
    message: i32,
    case: i64,
) -> Envelope {
    Envelope::copy(to, from_chat, message)
        .with_markup(InlineKeyboardMarkup::new(vec![vec![
            InlineKeyboardButton::callback(
                app.locales
                    .text_with(lang, "relay-tag", &[("case", case.into())]),
                Button::ShowCase { case }.encode(),
            ),
        ]]))
        .for_case(case)
        .after(AfterSent::RecordRelay { case_id: case })
}

/// `/case N` (or the `#N` tag): the details, or the refusal. The details name the person, so
/// they go through the outbox tied to the case, like the details sent on a claim: `/forget`
/// then finds the message and deletes it from the staff chat.
async fn send_case(bot: &Bot, app: &App, me: &Staff, case_id: i64) -> HandlerResult {
    let Some(case) = app.db.case(case_id).await? else {
        send::text(bot, me.chat, me.tc(app, "case-not-found", case_id)).await?;
        return Ok(());
    };
    if !me.role.may_handle(me.id, case.volunteer_id) {
        send::text(bot, me.chat, me.tc(app, "case-not-yours", case_id)).await?;
        return Ok(());
    }
    let notes = app.db.notes(case_id).await?;
    let details = cards::details(&app.survey, &app.locales, me.lang, &case, &notes);
    notify::send(
        bot,
        app,
        vec![Envelope::text(me.chat.0, details).for_case(case.id)],
    )
    .await
}

/// The case, if this person may handle it; otherwise the refusal to send.
async fn handled_case(
    app: &App,
    me: &Staff,
    case_id: i64,
) -> Result<Result<CaseRow, String>, HandlerError> {
    let Some(case) = app.db.case(case_id).await? else {
        return Ok(Err(me.tc(app, "case-not-found", case_id)));
    };
    if !me.role.may_handle(me.id, case.volunteer_id) {
        return Ok(Err(me.tc(app, "case-not-yours", case_id)));
    }
    Ok(Ok(case))
}

async fn note(app: &App, me: &Staff, args: &str) -> Result<String, HandlerError> {
    let Some((case_id, text)) =
        case_and_rest(args).and_then(|(case, t)| Some((case, crate::typed::clean(t)?)))
    else {
        return Ok(me.t(app, "usage-note"));
    };
    let text = text.as_str();
    if text.chars().count() > 2000 {
        return Ok(app
            .locales
            .text_with(me.lang, "error-too-long", &[("max", 2000i64.into())]));
    }
    let case = match handled_case(app, me, case_id).await? {
        Ok(case) => case,
        Err(refusal) => return Ok(refusal),
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    tx.add_note(case.id, me.id, text, now).await?;
    tx.audit(me.id, AuditAction::Note, Some(case.id), None, None, now)
        .await?;
    tx.commit().await?;
    Ok(me.tc(app, "note-added", case.id))
}

async fn release(bot: &Bot, app: &App, me: &Staff, args: &str) -> Result<String, HandlerError> {
    let Some((case_id, reason)) = case_and_rest(args) else {
        return Ok(me.t(app, "usage-release"));
    };
    let case = match handled_case(app, me, case_id).await? {
        Ok(case) => case,
        Err(refusal) => return Ok(refusal),
    };
    let by = (me.role != Role::Supervisor).then_some(me.id);
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let Some(released) = tx.release_case(case.id, by, now).await? else {
        return Ok(me.tc(app, "case-not-claimed", case.id));
    };
    tx.audit(
        me.id,
        AuditAction::Release,
        Some(case.id),
        case.volunteer_id,
        None,
        now,
    )
    .await?;
    if !reason.is_empty() {
        let note = app.locales.text_with(
            me.lang,
            "note-released",
            &[("reason", Arg::Str(reason.to_owned()))],
        );
        tx.add_note(case.id, me.id, &note, now).await?;
    }
    tx.enqueue(&requeue(app, &released).await?, now).await?;
    notify::commit(bot, app, tx, "release").await?;
    Ok(me.tc(app, "released", case.id))
}

/// A case back in the queue (as it is after the release): the requester is told, cards and
/// offers go out again. Queue them in the transaction that released it.
pub async fn requeue(app: &App, case: &CaseRow) -> Result<Vec<Envelope>, HandlerError> {
    let mut out: Vec<Envelope> = to_requester(app, case, "volunteer-handed-over")
        .into_iter()
        .collect();
    out.extend(offers::refresh_cards(app, case).await?);
    if case.flag_reason.is_none() {
        out.extend(offers::for_new_case(app, case).await?);
    }
    Ok(out)
}

async fn done_command(bot: &Bot, app: &App, me: &Staff, args: &str) -> HandlerResult {
    let Some((case_id, outcome)) = case_and_rest(args) else {
        send::text(bot, me.chat, me.t(app, "usage-done")).await?;
        return Ok(());
    };
    if outcome.is_empty() {
        // Ask with buttons.
        if let Err(refusal) = handled_case(app, me, case_id).await? {
            send::text(bot, me.chat, refusal).await?;
            return Ok(());
        }
        let rows = OUTCOMES
            .iter()
            .enumerate()
            .map(|(i, o)| {
                vec![InlineKeyboardButton::callback(
                    app.locales.text(me.lang, &format!("outcome-{o}")),
                    Button::Close {
                        case: case_id,
                        outcome: i,
                    }
                    .encode(),
                )]
            })
            .collect::<Vec<_>>();
        let question = me.tc(app, "done-choose", case_id);
        let buttons = InlineKeyboardMarkup::new(rows).into();
        send::text_with(bot, me.chat, question, Some(buttons)).await?;
        return Ok(());
    }
    let reply = match OUTCOMES.iter().position(|o| *o == outcome.to_lowercase()) {
        Some(i) => close(bot, app, me, case_id, i).await?,
        None => me.t(app, "usage-done"),
    };
    send::text(bot, me.chat, reply).await?;
    Ok(())
}

async fn close(
    bot: &Bot,
    app: &App,
    me: &Staff,
    case_id: i64,
    outcome: usize,
) -> Result<String, HandlerError> {
    let case = match handled_case(app, me, case_id).await? {
        Ok(case) => case,
        Err(refusal) => return Ok(refusal),
    };
    if case.status == CaseStatus::Open && me.role != Role::Supervisor {
        return Ok(me.tc(app, "case-not-yours", case.id));
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let Some(closed) = tx.close_case(case.id, OUTCOMES[outcome], now).await? else {
        return Ok(me.tc(app, "case-closed", case.id));
    };
    tx.audit(
        me.id,
        AuditAction::Done,
        Some(case.id),
        None,
        Some(OUTCOMES[outcome]),
        now,
    )
    .await?;
    let mut out: Vec<Envelope> = to_requester(app, &closed, "requester-case-closed")
        .into_iter()
        .collect();
    out.extend(offers::refresh_cards(app, &closed).await?);
    tx.enqueue(&out, now).await?;
    notify::commit(bot, app, tx, "done").await?;
    Ok(app.locales.text_with(
        me.lang,
        "case-done",
        &[
            ("case", case.id.into()),
            (
                "outcome",
                app.locales
                    .text(me.lang, &format!("outcome-{}", OUTCOMES[outcome]))
                    .into(),
            ),
        ],
    ))
}

async fn message_requester(
    bot: &Bot,
    app: &App,
    me: &Staff,
    args: &str,
) -> Result<String, HandlerError> {
    let Some((case_id, text)) =
        case_and_rest(args).and_then(|(case, t)| Some((case, crate::typed::clean(t)?)))
    else {
        return Ok(me.t(app, "usage-msg"));
    };
    let case = match handled_case(app, me, case_id).await? {
        Ok(case) => case,
        Err(refusal) => return Ok(refusal),
    };
    let Some(requester) = case
        .requester_id
        .filter(|_| case.status == CaseStatus::Claimed)
    else {
        return Ok(me.tc(app, "case-not-claimed", case.id));
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    tx.touch_volunteer_message(case.id, now).await?;
    tx.enqueue(&[Envelope::text(requester, text).for_case(case.id)], now)
        .await?;
    notify::commit(bot, app, tx, "msg").await?;
    Ok(me.tc(app, "msg-sent", case.id))
}

/// Staff buttons: Claim, the #N tag, queue pages, the offline question, outcomes.
/// Returns the toast text id, or sends its own reply.
pub async fn on_button(
    bot: &Bot,
    app: &App,
    q: &CallbackQuery,
    button: Button,
) -> Result<Option<String>, HandlerError> {
    let id = q.from.id.0 as i64;
    let role = app.role_of(id).await?;
    let lang = app.language_for(id, q.from.language_code.as_deref()).await;
    if !role.is_staff() {
        telemetry::handler("staff.button_refused");
        return Ok(Some(app.locales.text(lang, "staff-only")));
    }
    // Replies go to the presser privately, even for a card in the group.
    let me = Staff {
        id,
        role,
        lang,
        chat: ChatId(id),
    };
    match button {
        Button::Claim { case } => {
            telemetry::handler("volunteer.claim_button");
            let text = claim(bot, app, &me, case).await?;
            Ok(Some(text))
        }
        Button::ShowCase { case } => {
            telemetry::handler("volunteer.case_button");
            send_case(bot, app, &me, case).await?;
            Ok(None)
        }
        Button::QueuePage { page } => {
            telemetry::handler("volunteer.queue_page");
            queue(bot, app, &me, page).await?;
            Ok(None)
        }
        Button::Offline { release } => {
            telemetry::handler("volunteer.offline_choice");
            if release {
                for case in app.db.cases_of_volunteer(id).await? {
                    let now = app.now();
                    let mut tx = app.db.begin().await?;
                    if let Some(released) = tx.release_case(case.id, Some(id), now).await? {
                        tx.audit(id, AuditAction::Release, Some(case.id), Some(id), None, now)
                            .await?;
                        tx.enqueue(&requeue(app, &released).await?, now).await?;
                    }
                    notify::commit(bot, app, tx, "release").await?;
                }
                send::text(bot, me.chat, me.t(app, "shift-off-released")).await?;
            } else {
                send::text(bot, me.chat, me.t(app, "shift-off-kept")).await?;
            }
            Ok(None)
        }
        Button::Close { case, outcome } => {
            telemetry::handler("volunteer.done_button");
            let text = close(bot, app, &me, case, outcome).await?;
            send::text(bot, me.chat, text).await?;
            Ok(None)
        }
        _ => Ok(Some(app.locales.text(lang, "error-invalid-button"))),
    }
}
