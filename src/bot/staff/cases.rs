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
};

use super::Staff;
use crate::{
    bot::{
        App, HandlerError, HandlerResult, Toast, albums,
        buttons::StaffButton,
        cards,
        gate::Actor,
        notify,
        offers::{self, requeue, to_requester},
        pressed, send,
    },
    case::{self, Outcome},
    db::{AuditAction, CaseRow, CaseStatus, ClaimOutcome},
    i18n::{Arg, Lang},
    outbox::Envelope,
    roles::{Action, Role, case_and_rest, parse_case_number},
    telemetry,
    training::Training,
};

/// A supervisor claiming is not limited like a volunteer.
const SUPERVISOR_CAP: i64 = 1000;

/// `/online`.
pub(crate) async fn online(bot: Bot, app: App, me: Staff) -> HandlerResult {
    telemetry::handler("volunteer.online");
    let text = match app.db.volunteer(me.id).await? {
        None => me.t(&app, "not-on-roster"),
        Some(v) => match Training::of(v.trained_until, app.now())
            .refusal_id()
            .filter(|_| !me.is_supervisor())
        {
            Some(why) => me.t(&app, why),
            None => {
                app.db.set_online(me.id, true).await?;
                me.t(&app, "shift-on")
            }
        },
    };
    me.say(&bot, text).await
}

/// `/offline`: with open cases, asks whether to keep them or hand them back.
pub(crate) async fn offline(bot: Bot, app: App, me: Staff) -> HandlerResult {
    telemetry::handler("volunteer.offline");
    let (text, ask) = go_offline(&app, &me).await?;
    me.say(&bot, text).await?;
    if ask {
        let question = me.t(&app, "shift-off-question");
        let buttons = offline_buttons(&app, me.lang).into();
        send::text_with(&bot, me.chat, question, Some(buttons)).await?;
    }
    Ok(())
}

/// `/queue`: the first page.
pub(crate) async fn queue(bot: Bot, app: App, me: Staff) -> HandlerResult {
    telemetry::handler("volunteer.queue");
    queue_page(&bot, &app, &me, 0).await
}

/// `/mycases`.
pub(crate) async fn my_cases(bot: Bot, app: App, me: Staff) -> HandlerResult {
    telemetry::handler("volunteer.mycases");
    let cases = app.db.cases_of_volunteer(me.id).await?;
    if cases.is_empty() {
        return me.say(&bot, me.t(&app, "mycases-empty")).await;
    }
    let now = app.now();
    for case in &cases {
        let (mut text, _) = cards::card(&app.survey, &app.locales, me.lang, case, now);
        let given = app.db.resources_of_case(case.id).await?;
        if !given.is_empty() {
            text.push('\n');
            text.push_str(&super::resources::given_line(&app, me.lang, &given));
        }
        me.say(&bot, text).await?;
    }
    Ok(())
}

/// `/claim N`.
pub(crate) async fn claim(bot: Bot, app: App, me: Staff, args: String) -> HandlerResult {
    telemetry::handler("volunteer.claim");
    let text = match parse_case_number(&args) {
        Some(case) => claim_case(&app, &me, case).await?,
        None => me.t(&app, "usage-claim"),
    };
    me.say(&bot, text).await
}

/// `/case N`.
pub(crate) async fn case(bot: Bot, app: App, me: Staff, args: String) -> HandlerResult {
    telemetry::handler("volunteer.case");
    match parse_case_number(&args) {
        Some(case) => send_case(&bot, &app, &me, case).await,
        None => me.say(&bot, me.t(&app, "usage-case")).await,
    }
}

/// `/note N text`.
pub(crate) async fn note(bot: Bot, app: App, me: Staff, args: String) -> HandlerResult {
    telemetry::handler("volunteer.note");
    let text = add_note(&app, &me, &args).await?;
    me.say(&bot, text).await
}

/// `/release N [reason]`.
pub(crate) async fn release(bot: Bot, app: App, me: Staff, args: String) -> HandlerResult {
    telemetry::handler("volunteer.release");
    let text = release_case(&app, &me, &args).await?;
    me.say(&bot, text).await
}

/// `/msg N text`.
pub(crate) async fn message_requester(
    bot: Bot,
    app: App,
    me: Staff,
    args: String,
) -> HandlerResult {
    telemetry::handler("volunteer.msg");
    let text = write_to_requester(&app, &me, &args).await?;
    me.say(&bot, text).await
}

/// `/transfer N USER_ID`: the case moves to another trained volunteer, who gets its details;
/// the person is told a new volunteer took over; the old one loses access.
pub(crate) async fn transfer(bot: Bot, app: App, me: Staff, args: String) -> HandlerResult {
    telemetry::handler("volunteer.transfer");
    let text = transfer_case(&app, &me, &args).await?;
    me.say(&bot, text).await
}

pub(super) async fn transfer_case(
    app: &App,
    me: &Staff,
    args: &str,
) -> Result<String, HandlerError> {
    let mut words = args.split_whitespace();
    let (Some(case_id), Some(to)) = (
        words.next().and_then(parse_case_number),
        words
            .next()
            .and_then(|w| w.parse::<i64>().ok())
            .filter(|id| *id > 0),
    ) else {
        return Ok(me.t(app, "usage-transfer"));
    };
    let case = match handled_case(app, me, case_id).await? {
        Ok(case) => case,
        Err(refusal) => return Ok(refusal),
    };
    let Some(from) = case
        .volunteer_id
        .filter(|_| case.status == CaseStatus::Claimed)
    else {
        return Ok(me.tc(app, "case-not-claimed", case.id));
    };
    let user = [("user", to.into()), ("case", case.id.into())];
    if to == from {
        return Ok(app.locales.text_with(me.lang, "transfer-same", &user));
    }
    let Some(target) = app.db.volunteer(to).await? else {
        return Ok(app
            .locales
            .text_with(me.lang, "transfer-not-volunteer", &user));
    };
    let now = app.now();
    if !Training::of(target.trained_until, now).may_work() {
        return Ok(app.locales.text_with(me.lang, "transfer-untrained", &user));
    }
    if target.open_cases >= target.max_open {
        return Ok(app.locales.text_with(me.lang, "transfer-full", &user));
    }
    let mut tx = app.db.begin().await?;
    let Some(moved) = tx.transfer_case(case.id, from, to, now).await? else {
        return Ok(me.tc(app, "case-not-claimed", case.id));
    };
    tx.audit(
        me.id,
        AuditAction::Transfer,
        Some(case.id),
        Some(to),
        None,
        now,
    )
    .await?;
    let to_lang = app.language_for(to, None).await;
    let from_lang = app.language_for(from, None).await;
    let notes = app.db.notes(case.id).await?;
    let mut out: Vec<Envelope> = to_requester(app, &moved, "requester-transferred")
        .into_iter()
        .collect();
    out.push(
        Envelope::text(
            to,
            format!(
                "{}\n\n{}",
                app.locales
                    .text_with(to_lang, "transferred-to-you", &[("case", case.id.into())]),
                cards::details(&app.survey, &app.locales, to_lang, &moved, &notes)
            ),
        )
        .for_case(case.id),
    );
    if from != me.id {
        out.push(
            Envelope::text(
                from,
                app.locales
                    .text_with(from_lang, "transferred-away", &[("case", case.id.into())]),
            )
            .for_case(case.id),
        );
    }
    tx.enqueue(&out, now).await?;
    notify::commit(app, tx, "transfer").await?;
    Ok(app.locales.text_with(me.lang, "transferred", &user))
}

/// Goes off shift; the text, and whether to ask about open cases.
async fn go_offline(app: &App, me: &Staff) -> Result<(String, bool), HandlerError> {
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
            StaffButton::Offline { release: false }.encode(),
        )],
        vec![InlineKeyboardButton::callback(
            app.locales.text(lang, "button-release-cases"),
            StaffButton::Offline { release: true }.encode(),
        )],
        vec![InlineKeyboardButton::callback(
            app.locales.text(lang, "button-transfer-cases"),
            StaffButton::OfflineTransfer.encode(),
        )],
    ])
}

async fn queue_page(bot: &Bot, app: &App, me: &Staff, page: i64) -> HandlerResult {
    let total = app.db.queue_len().await?;
    let page_size = app.survey.limits.queue_page_size;
    let cases = app.db.queue(page_size, page * page_size).await?;
    if cases.is_empty() {
        send::text(bot, me.chat, me.t(app, "queue-empty")).await?;
        return Ok(());
    }
    let pages = (total + page_size - 1) / page_size;
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
            StaffButton::QueuePage { page: page + 1 }.encode(),
        )]]);
        send::text_with(bot, me.chat, me.t(app, "queue-more"), Some(next.into())).await?;
    }
    Ok(())
}

/// Claims a case; the answer for the person who tried. Exactly one of many claimers wins.
async fn claim_case(app: &App, me: &Staff, case_id: i64) -> Result<String, HandlerError> {
    if !me.role.can(Action::WorkCases) {
        return Ok(me.t(app, "staff-only"));
    }
    let limit = match app.db.volunteer(me.id).await? {
        // Supervisors need no recorded training.
        Some(v) if me.role == Role::Supervisor => v.max_open,
        Some(v) => match Training::of(v.trained_until, app.now()).refusal_id() {
            Some(why) => return Ok(me.t(app, why)),
            None => v.max_open,
        },
        None if me.role == Role::Supervisor => SUPERVISOR_CAP,
        None => return Ok(me.t(app, "staff-only")),
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let mut outcome = tx.claim_case(case_id, me.id, limit, now).await?;
    if let ClaimOutcome::Claimed(case) = &mut outcome {
        // The word both sides get, to recognise each other on a call or at a pickup.
        let word = app.codewords.pick(case.language);
        tx.set_code_word(case.id, &word).await?;
        case.code_word = Some(word.clone());
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
        if let Some(requester) = case.requester_id {
            out.push(
                Envelope::text(
                    requester,
                    app.locales.text_with(
                        case.language,
                        "requester-code-word",
                        &[("word", word.into())],
                    ),
                )
                .for_case(case.id),
            );
        }
        let notes = app.db.notes(case.id).await?;
        out.push(
            Envelope::text(
                me.id,
                cards::details(&app.survey, &app.locales, me.lang, case, &notes),
            )
            .for_case(case.id),
        );
        let kept = app.db.case_messages(case.id).await?;
        out.extend(albums::kept_copies(app, me.id, me.lang, case.id, &kept));
        out.extend(offers::refresh_cards(app, case).await?);
        tx.enqueue(&out, now).await?;
    }
    notify::commit(app, tx, "claim").await?;
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

/// `/case N` (or the `#N` tag): the details, or the refusal. The details name the person, so
/// they go through the outbox tied to the case, like the details sent on a claim: `/forget`
/// then finds the message and deletes it from the staff chat.
async fn send_case(bot: &Bot, app: &App, me: &Staff, case_id: i64) -> HandlerResult {
    let Some(case) = app.db.case(case_id).await? else {
        send::text(bot, me.chat, me.tc(app, "case-not-found", case_id)).await?;
        return Ok(());
    };
    if !may_see(app, me, &case).await? {
        send::text(bot, me.chat, me.tc(app, "case-not-yours", case_id)).await?;
        return Ok(());
    }
    let notes = app.db.notes(case_id).await?;
    let mut details = cards::details(&app.survey, &app.locales, me.lang, &case, &notes);
    let given = app.db.resources_of_case(case_id).await?;
    if !given.is_empty() {
        details.push_str("\n\n");
        details.push_str(&super::resources::given_line(app, me.lang, &given));
    }
    notify::send(
        app,
        vec![Envelope::text(me.chat.0, details).for_case(case.id)],
    )
    .await
}

/// The assigned volunteer, a supervisor, or a member of the case's team: may read the case
/// and its notes, and add notes (the notes are shared with the team).
async fn may_see(app: &App, me: &Staff, case: &CaseRow) -> Result<bool, HandlerError> {
    Ok(me.role.may_handle(me.id, case.volunteer_id)
        || (case.status == CaseStatus::Claimed
            && app.db.team_role(case.id, me.id).await?.is_some()))
}

/// A claimed case this person may handle, with its requester (someone to write to);
/// otherwise the refusal to send.
pub(super) async fn claimed_case(
    app: &App,
    me: &Staff,
    case_id: i64,
) -> Result<Result<(CaseRow, i64), String>, HandlerError> {
    let case = match handled_case(app, me, case_id).await? {
        Ok(case) => case,
        Err(refusal) => return Ok(Err(refusal)),
    };
    match case
        .requester_id
        .filter(|_| case.status == CaseStatus::Claimed)
    {
        Some(requester) => Ok(Ok((case, requester))),
        None => Ok(Err(me.tc(app, "case-not-claimed", case.id))),
    }
}

/// The case, if this person may handle it; otherwise the refusal to send.
pub(super) async fn handled_case(
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

async fn add_note(app: &App, me: &Staff, args: &str) -> Result<String, HandlerError> {
    let Some((case_id, text)) =
        case_and_rest(args).and_then(|(case, t)| Some((case, crate::typed::clean(t)?)))
    else {
        return Ok(me.t(app, "usage-note"));
    };
    let text = text.as_str();
    let max = app.survey.limits.note_max_chars;
    if text.chars().count() > max {
        return Ok(app
            .locales
            .text_with(me.lang, "error-too-long", &[("max", max.into())]));
    }
    let Some(case) = app.db.case(case_id).await? else {
        return Ok(me.tc(app, "case-not-found", case_id));
    };
    if !may_see(app, me, &case).await? {
        return Ok(me.tc(app, "case-not-yours", case_id));
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    // A command delivered again after a crash adds no second note.
    if tx.first_time(me.update_id, now).await? {
        tx.add_note(case.id, me.id, text, now).await?;
        tx.audit(me.id, AuditAction::Note, Some(case.id), None, None, now)
            .await?;
    }
    tx.commit().await?;
    Ok(me.tc(app, "note-added", case.id))
}

async fn release_case(app: &App, me: &Staff, args: &str) -> Result<String, HandlerError> {
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
    notify::commit(app, tx, "release").await?;
    Ok(me.tc(app, "released", case.id))
}

/// `/done N outcome`, or `/done N` to choose the outcome with buttons.
pub(crate) async fn done(bot: Bot, app: App, me: Staff, args: String) -> HandlerResult {
    telemetry::handler("volunteer.done");
    let Some((case_id, typed)) = case_and_rest(&args) else {
        return me.say(&bot, me.t(&app, "usage-done")).await;
    };
    if typed.is_empty() {
        if let Err(refusal) = handled_case(&app, &me, case_id).await? {
            return me.say(&bot, refusal).await;
        }
        let rows = Outcome::ALL
            .iter()
            .map(|o| {
                vec![InlineKeyboardButton::callback(
                    outcome_text(&app, me.lang, *o),
                    StaffButton::Close {
                        case: case_id,
                        outcome: o.index(),
                    }
                    .encode(),
                )]
            })
            .collect::<Vec<_>>();
        let question = me.tc(&app, "done-choose", case_id);
        let buttons = InlineKeyboardMarkup::new(rows).into();
        send::text_with(&bot, me.chat, question, Some(buttons)).await?;
        return Ok(());
    }
    let reply = match Outcome::parse(typed) {
        Some(outcome) => close(&app, &me, case_id, outcome).await?,
        None => me.t(&app, "usage-done"),
    };
    me.say(&bot, reply).await
}

fn outcome_text(app: &App, lang: Lang, outcome: Outcome) -> String {
    app.locales
        .text(lang, &format!("outcome-{}", outcome.as_str()))
}

async fn close(
    app: &App,
    me: &Staff,
    case_id: i64,
    outcome: Outcome,
) -> Result<String, HandlerError> {
    let Some(case) = app.db.case(case_id).await? else {
        return Ok(me.tc(app, "case-not-found", case_id));
    };
    if case::may_close(me.role, me.id, case.status, case.volunteer_id).is_err() {
        return Ok(me.tc(app, "case-not-yours", case.id));
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let Some(closed) = tx.close_case(case.id, outcome.as_str(), now).await? else {
        return Ok(me.tc(app, "case-closed", case.id));
    };
    tx.audit(
        me.id,
        AuditAction::Done,
        Some(case.id),
        None,
        Some(outcome.as_str()),
        now,
    )
    .await?;
    let mut out: Vec<Envelope> = to_requester(app, &closed, "requester-case-closed")
        .into_iter()
        .collect();
    if outcome == Outcome::Evacuated {
        out.extend(offers::journey_question(app, &closed));
    }
    for (member, _) in app.db.team(case.id).await? {
        let mlang = app.language_for(member, None).await;
        out.push(
            Envelope::text(
                member,
                app.locales.text_with(
                    mlang,
                    "team-case-closed",
                    &[
                        ("case", case.id.into()),
                        ("outcome", outcome_text(app, mlang, outcome).into()),
                    ],
                ),
            )
            .for_case(case.id),
        );
    }
    out.extend(offers::refresh_cards(app, &closed).await?);
    tx.enqueue(&out, now).await?;
    notify::commit(app, tx, "done").await?;
    Ok(app.locales.text_with(
        me.lang,
        "case-done",
        &[
            ("case", case.id.into()),
            ("outcome", outcome_text(app, me.lang, outcome).into()),
        ],
    ))
}

async fn write_to_requester(app: &App, me: &Staff, args: &str) -> Result<String, HandlerError> {
    let Some((case_id, text)) =
        case_and_rest(args).and_then(|(case, t)| Some((case, crate::typed::clean(t)?)))
    else {
        return Ok(me.t(app, "usage-msg"));
    };
    let (case, requester) = match claimed_case(app, me, case_id).await? {
        Ok(held) => held,
        Err(refusal) => return Ok(refusal),
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    tx.touch_volunteer_message(case.id, now).await?;
    // Once per update: Telegram may deliver the command again after a crash.
    let message = Envelope::text(requester, text)
        .for_case(case.id)
        .dedupe(notify::once(me.update_id, requester));
    tx.enqueue(&[message], now).await?;
    notify::commit(app, tx, "msg").await?;
    Ok(me.tc(app, "msg-sent", case.id))
}

/// Staff buttons: Claim, the #N tag, queue pages, the offline question, outcomes.
/// Returns the toast text id, or sends its own reply.
/// Staff buttons: Claim, the #N tag, queue pages, the offline question, outcomes. Replies go
/// to the presser privately, also for a card in the group.
pub(crate) async fn on_button(
    bot: Bot,
    app: App,
    q: CallbackQuery,
    actor: Actor,
    me: Staff,
    button: StaffButton,
) -> HandlerResult {
    let work = async {
        match button {
            StaffButton::Claim { case } => {
                telemetry::handler("volunteer.claim_button");
                Ok(Toast::Text(claim_case(&app, &me, case).await?))
            }
            StaffButton::ShowCase { case } => {
                telemetry::handler("volunteer.case_button");
                send_case(&bot, &app, &me, case).await?;
                Ok(Toast::Quiet)
            }
            StaffButton::QueuePage { page } => {
                telemetry::handler("volunteer.queue_page");
                queue_page(&bot, &app, &me, page).await?;
                Ok(Toast::Quiet)
            }
            StaffButton::Offline { release } => {
                telemetry::handler("volunteer.offline_choice");
                if release {
                    release_all(&app, &me).await?;
                    me.say(&bot, me.t(&app, "shift-off-released")).await?;
                } else {
                    me.say(&bot, me.t(&app, "shift-off-kept")).await?;
                }
                Ok(Toast::Quiet)
            }
            StaffButton::OfflineTransfer => {
                telemetry::handler("volunteer.offline_transfer");
                let open: Vec<String> = app
                    .db
                    .cases_of_volunteer(me.id)
                    .await?
                    .iter()
                    .map(|c| format!("#{}", c.id))
                    .collect();
                let text = app.locales.text_with(
                    me.lang,
                    "transfer-how",
                    &[("cases", open.join(", ").into())],
                );
                me.say(&bot, text).await?;
                Ok(Toast::Quiet)
            }
            StaffButton::Close { case, outcome } => {
                telemetry::handler("volunteer.done_button");
                let Some(outcome) = Outcome::from_index(outcome) else {
                    return Ok(Toast::Id("error-invalid-button"));
                };
                let text = close(&app, &me, case, outcome).await?;
                me.say(&bot, text).await?;
                Ok(Toast::Quiet)
            }
        }
    };
    pressed(&bot, &app, &q, &actor, work).await
}

/// Going offline: every open case of this volunteer back to the queue, each with its notices.
async fn release_all(app: &App, me: &Staff) -> HandlerResult {
    for case in app.db.cases_of_volunteer(me.id).await? {
        let now = app.now();
        let mut tx = app.db.begin().await?;
        if let Some(released) = tx.release_case(case.id, Some(me.id), now).await? {
            tx.audit(
                me.id,
                AuditAction::Release,
                Some(case.id),
                Some(me.id),
                None,
                now,
            )
            .await?;
            tx.enqueue(&requeue(app, &released).await?, now).await?;
        }
        notify::commit(app, tx, "release").await?;
    }
    Ok(())
}
