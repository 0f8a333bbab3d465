//! Supervisor moderation: verification, flags, bans, the fake-data blocklist, supervisors added
//! in the bot; and the gates every update passes: banned people get one message, then
//! silence; flooders are muted for a while.
//!
//! ```text
//! /verify N [note]        the details were checked: volunteers see a "verified" mark
//! /flag N reason          hold a case back from routing; /unflag N routes it
//! /ban USER_ID reason     one short message to them, then silence; their open cases closed
//! /unban USER_ID, /bans   (the list also shows repeat flooders)
//! /blockphone NUMBER      mark a phone as fake (stored as a hash); matching cases are flagged
//! /blockplace TEXT        the same for a place
//! /addsupervisor USER_ID, /removesupervisor USER_ID (not the last, not those from the env)
//! ```

use std::{
    collections::{HashMap, VecDeque},
    sync::Mutex,
};

use teloxide::prelude::*;

use super::{App, HandlerError, notify, offers, volunteer::Staff};
use crate::{
    blocklist,
    db::{AuditAction, CaseRow, Visitor, WriteTx},
    i18n::Arg,
    outbox::Envelope,
    roles::{case_and_rest, parse_case_number, user_and_rest},
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Phone,
    Place,
}

/// More messages than this in a minute from one person mutes them. Button presses do not
/// count: a person answering the survey quickly presses many.
pub const FLOOD_PER_MINUTE: usize = 30;
/// How long a flooder is muted.
pub const MUTE_SECS: i64 = 10 * 60;

pub async fn verify(bot: &Bot, app: &App, me: &Staff, args: &str) -> Result<String, HandlerError> {
    if let Some(refusal) = me.supervisor_refusal(app) {
        return Ok(refusal);
    }
    let Some((case, note)) = case_and_rest(args) else {
        return Ok(app.locales.text(me.lang, "usage-verify"));
    };
    let note = (!note.is_empty()).then_some(note);
    let now = app.now();
    let mut tx = app.db.begin().await?;
    if !tx.verify_case(case, me.id, note, now).await? {
        return Ok(app
            .locales
            .text_with(me.lang, "case-not-found", &[("case", case.into())]));
    }
    tx.audit(me.id, AuditAction::Verify, Some(case), None, None, now)
        .await?;
    refresh(app, &mut tx, case).await?;
    notify::commit(bot, app, tx, "verify").await?;
    Ok(app
        .locales
        .text_with(me.lang, "verified", &[("case", case.into())]))
}

pub async fn flag(bot: &Bot, app: &App, me: &Staff, args: &str) -> Result<String, HandlerError> {
    if let Some(refusal) = me.supervisor_refusal(app) {
        return Ok(refusal);
    }
    let Some((case, reason)) = case_and_rest(args).filter(|(_, r)| !r.is_empty()) else {
        return Ok(app.locales.text(me.lang, "usage-flag"));
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    if !tx.flag_case(case, reason, now).await? {
        return Ok(app
            .locales
            .text_with(me.lang, "case-not-found", &[("case", case.into())]));
    }
    tx.audit(me.id, AuditAction::Flag, Some(case), None, None, now)
        .await?;
    refresh(app, &mut tx, case).await?;
    notify::commit(bot, app, tx, "flag").await?;
    Ok(app
        .locales
        .text_with(me.lang, "flagged", &[("case", case.into())]))
}

pub async fn unflag(app: &App, me: &Staff, args: &str) -> Result<String, HandlerError> {
    if let Some(refusal) = me.supervisor_refusal(app) {
        return Ok(refusal);
    }
    let Some(case) = parse_case_number(args) else {
        return Ok(app.locales.text(me.lang, "usage-unflag"));
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    if !tx.unflag_case(case).await? {
        return Ok(app
            .locales
            .text_with(me.lang, "not-flagged", &[("case", case.into())]));
    }
    tx.audit(me.id, AuditAction::Unflag, Some(case), None, None, now)
        .await?;
    tx.commit().await?;
    Ok(app
        .locales
        .text_with(me.lang, "unflagged", &[("case", case.into())]))
}

/// Queues the edits of the case's cards that show its marks, in the change's transaction.
async fn refresh(app: &App, tx: &mut WriteTx, case: i64) -> Result<(), HandlerError> {
    if let Some(row) = tx.case(case).await? {
        let edits = offers::refresh_cards(app, &row).await?;
        tx.enqueue(&edits, app.now()).await?;
    }
    Ok(())
}

pub async fn ban(bot: &Bot, app: &App, me: &Staff, args: &str) -> Result<String, HandlerError> {
    if let Some(refusal) = me.supervisor_refusal(app) {
        return Ok(refusal);
    }
    let Some((user, reason)) = user_and_rest(args).filter(|(_, r)| !r.is_empty()) else {
        return Ok(app.locales.text(me.lang, "usage-ban"));
    };
    if app.supervisors().await?.contains(&user) {
        return Ok(app.locales.text(me.lang, "ban-supervisor"));
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let outcome = tx.ban(user, reason, me.id, now).await?;
    if outcome.already {
        return Ok(app
            .locales
            .text_with(me.lang, "ban-already", &[("user", user.into())]));
    }
    tx.audit(me.id, AuditAction::Ban, None, Some(user), None, now)
        .await?;
    let mut out = Vec::new();
    let lang = app.language_for(user, None).await;
    out.push(Envelope::text(
        user,
        app.locales.text(lang, "you-are-banned"),
    ));
    for (case, volunteer) in &outcome.closed {
        if let Some(volunteer) = volunteer {
            let vlang = app.language_for(*volunteer, None).await;
            out.push(
                Envelope::text(
                    *volunteer,
                    app.locales
                        .text_with(vlang, "case-banned", &[("case", (*case).into())]),
                )
                .for_case(*case),
            );
        }
        if let Some(row) = tx.case(*case).await? {
            out.extend(offers::refresh_cards(app, &row).await?);
        }
    }
    tx.enqueue(&out, now).await?;
    notify::commit(bot, app, tx, "ban").await?;
    Ok(app.locales.text_with(
        me.lang,
        "banned",
        &[
            ("user", user.into()),
            ("count", outcome.closed.len().into()),
        ],
    ))
}

pub async fn unban(app: &App, me: &Staff, args: &str) -> Result<String, HandlerError> {
    if let Some(refusal) = me.supervisor_refusal(app) {
        return Ok(refusal);
    }
    let Some((user, _)) = user_and_rest(args) else {
        return Ok(app.locales.text(me.lang, "usage-unban"));
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    if !tx.unban(user).await? {
        return Ok(app
            .locales
            .text_with(me.lang, "not-banned", &[("user", user.into())]));
    }
    tx.audit(me.id, AuditAction::Unban, None, Some(user), None, now)
        .await?;
    tx.commit().await?;
    Ok(app
        .locales
        .text_with(me.lang, "unbanned", &[("user", user.into())]))
}

pub async fn bans(app: &App, me: &Staff) -> Result<String, HandlerError> {
    if let Some(refusal) = me.supervisor_refusal(app) {
        return Ok(refusal);
    }
    let bans = app.db.bans().await?;
    let mut text = if bans.is_empty() {
        app.locales.text(me.lang, "bans-empty")
    } else {
        app.locales
            .text_with(me.lang, "bans-title", &[("count", bans.len().into())])
    };
    for b in &bans {
        text.push_str(&format!("\n{} · {} · {}", b.user_id, b.reason, b.banned_by));
    }
    let flooders = app.db.repeat_flooders().await?;
    if !flooders.is_empty() {
        text.push_str("\n\n");
        text.push_str(&app.locales.text(me.lang, "flooders-title"));
        for (user, strikes, _) in flooders {
            text.push_str(&format!("\n{user} · {strikes}×"));
        }
    }
    Ok(super::keyboards::fit(text))
}

pub async fn block(
    bot: &Bot,
    app: &App,
    me: &Staff,
    kind: BlockKind,
    args: &str,
) -> Result<String, HandlerError> {
    if let Some(refusal) = me.supervisor_refusal(app) {
        return Ok(refusal);
    }
    let (kind_name, hash, action) = match kind {
        BlockKind::Phone => (
            blocklist::PHONE,
            blocklist::phone_hash(args),
            AuditAction::BlockPhone,
        ),
        BlockKind::Place => (
            blocklist::PLACE,
            blocklist::place_hash(args),
            AuditAction::BlockPlace,
        ),
    };
    let Some(hash) = hash else {
        let usage = if kind == BlockKind::Phone {
            "usage-blockphone"
        } else {
            "usage-blockplace"
        };
        return Ok(app.locales.text(me.lang, usage));
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    tx.block_hash(kind_name, &hash, me.id, now).await?;
    tx.audit(me.id, action, None, None, Some(kind_name), now)
        .await?;
    // Cases already in the system that contain it are flagged now.
    let mut flagged: i64 = 0;
    for case in app.db.cases_not_closed().await? {
        if blocklist::candidates(&case.answers)
            .iter()
            .any(|(k, h)| k == kind_name && *h == hash)
        {
            flag_blocked(app, &mut tx, &case, kind_name).await?;
            flagged += 1;
        }
    }
    notify::commit(bot, app, tx, "block").await?;
    Ok(app
        .locales
        .text_with(me.lang, "blocked", &[("count", flagged.into())]))
}

/// Checks a case against the blocklist; flags it and tells the supervisors if it matches, in
/// the caller's transaction. `true`: flagged, so it must not be routed.
pub async fn check_blocklist(
    app: &App,
    tx: &mut WriteTx,
    case: &CaseRow,
) -> Result<bool, HandlerError> {
    let candidates = blocklist::candidates(&case.answers);
    if candidates.is_empty() {
        return Ok(false);
    }
    match app.db.blocked_among(&candidates).await?.first() {
        Some((kind, _)) => {
            flag_blocked(app, tx, case, kind).await?;
            Ok(true)
        }
        None => Ok(false),
    }
}

async fn flag_blocked(
    app: &App,
    tx: &mut WriteTx,
    case: &CaseRow,
    kind: &str,
) -> Result<(), HandlerError> {
    let reason = format!("blocked_{kind}");
    tx.flag_case(case.id, &reason, app.now()).await?;
    let mut out = Vec::new();
    for id in app.supervisors().await? {
        let lang = app.language_for(id, None).await;
        let kind_text = app.locales.text(lang, &format!("blocked-kind-{kind}"));
        out.push(
            Envelope::text(
                id,
                app.locales.text_with(
                    lang,
                    "flag-blocklist",
                    &[("case", case.id.into()), ("kind", Arg::Str(kind_text))],
                ),
            )
            .for_case(case.id)
            .dedupe(format!("blocked:{}:{kind}:{id}", case.id)),
        );
    }
    tx.enqueue(&out, app.now()).await?;
    Ok(())
}

pub async fn add_supervisor(
    _bot: &Bot,
    app: &App,
    me: &Staff,
    args: &str,
) -> Result<String, HandlerError> {
    if let Some(refusal) = me.supervisor_refusal(app) {
        return Ok(refusal);
    }
    let Some((user, _)) = user_and_rest(args) else {
        return Ok(app.locales.text(me.lang, "usage-addsupervisor"));
    };
    if app.db.is_banned(user).await? {
        return Ok(app
            .locales
            .text_with(me.lang, "ban-already", &[("user", user.into())]));
    }
    if app.config.is_supervisor(user) || !app.db.add_supervisor(user, me.id, app.now()).await? {
        return Ok(app
            .locales
            .text_with(me.lang, "supervisor-already", &[("user", user.into())]));
    }
    app.db
        .audit(
            me.id,
            AuditAction::AddSupervisor,
            None,
            Some(user),
            None,
            app.now(),
        )
        .await?;
    Ok(app
        .locales
        .text_with(me.lang, "supervisor-added", &[("user", user.into())]))
}

pub async fn remove_supervisor(
    _bot: &Bot,
    app: &App,
    me: &Staff,
    args: &str,
) -> Result<String, HandlerError> {
    if let Some(refusal) = me.supervisor_refusal(app) {
        return Ok(refusal);
    }
    let Some((user, _)) = user_and_rest(args) else {
        return Ok(app.locales.text(me.lang, "usage-removesupervisor"));
    };
    if app.config.is_supervisor(user) {
        return Ok(app.locales.text(me.lang, "supervisor-from-env"));
    }
    if app.supervisors().await?.len() <= 1 {
        return Ok(app.locales.text(me.lang, "supervisor-last"));
    }
    if !app.db.remove_supervisor(user).await? {
        return Ok(app.locales.text_with(
            me.lang,
            "supervisor-not-found",
            &[("user", user.into())],
        ));
    }
    app.db
        .audit(
            me.id,
            AuditAction::RemoveSupervisor,
            None,
            Some(user),
            None,
            app.now(),
        )
        .await?;
    Ok(app
        .locales
        .text_with(me.lang, "supervisor-removed", &[("user", user.into())]))
}

/// Message timestamps per person, for flood control (in memory: a restart forgives).
#[derive(Debug, Default)]
pub struct FloodMeter {
    recent: Mutex<HashMap<i64, VecDeque<i64>>>,
}

impl FloodMeter {
    /// Counts a message at `now`; `true` when the person has gone over the limit.
    pub fn over_limit(&self, user: i64, now: i64) -> bool {
        let mut recent = self.recent.lock().unwrap_or_else(|e| e.into_inner());
        let times = recent.entry(user).or_default();
        times.push_back(now);
        while times.front().is_some_and(|t| *t <= now - 60) {
            times.pop_front();
        }
        let over = times.len() > FLOOD_PER_MINUTE;
        if over {
            times.clear();
        }
        if recent.len() > 100_000 {
            recent.retain(|_, t| t.back().is_some_and(|last| *last > now - 60));
        }
        over
    }
}

/// The Telegram language of people who wrote to the bot recently, kept in memory only (nothing
/// is stored about someone before they agree): what a message to a person the bot has stored
/// nothing of (the `/addvolunteer` welcome) is written in.
#[derive(Debug, Default)]
pub struct SeenLanguages {
    seen: Mutex<HashMap<i64, crate::i18n::Lang>>,
}

impl SeenLanguages {
    /// At most this many people are remembered; the map starts over when it is full.
    const LIMIT: usize = 100_000;

    pub fn saw(&self, user: i64, lang: crate::i18n::Lang) {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if seen.len() >= Self::LIMIT && !seen.contains_key(&user) {
            seen.clear();
        }
        seen.insert(user, lang);
    }

    pub fn of(&self, user: i64) -> Option<crate::i18n::Lang> {
        self.seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&user)
            .copied()
    }
}

/// What the gate decided for an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    Pass,
    /// Banned or muted: drop silently.
    Drop,
}

/// Banned people: silence (they got their one message at the ban). Staff are never muted.
/// Others over the flood limit are muted for a while, told once. `visitor` was read for this
/// update (one statement for the gate and the handlers).
pub async fn gate(
    bot: &Bot,
    app: &App,
    user: i64,
    lang_code: Option<&str>,
    is_message: bool,
    visitor: &Visitor,
) -> Result<Gate, HandlerError> {
    if visitor.banned {
        return Ok(Gate::Drop);
    }
    let now = app.now();
    if visitor.muted_until > now {
        return Ok(Gate::Drop);
    }
    if is_message && app.flood.over_limit(user, now) && !app.role_of(user).await?.is_staff() {
        let strikes = app.db.mute(user, now + MUTE_SECS, now).await?;
        let lang = app.language_or(visitor.language, lang_code);
        let minutes = MUTE_SECS / 60;
        let _ = bot
            .send_message(
                ChatId(user),
                app.locales
                    .text_with(lang, "muted", &[("minutes", minutes.into())]),
            )
            .await;
        tracing::warn!(user_id = user, strikes, "flooding: muted");
        return Ok(Gate::Drop);
    }
    Ok(Gate::Pass)
}
