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

use teloxide::prelude::*;

use super::Staff;
use crate::{
    blocklist::{self, BlockKind},
    bot::{App, HandlerError, notify, offers},
    db::{AuditAction, CaseStatus, WriteTx},
    outbox::Envelope,
    roles::{case_and_rest, parse_case_number, poster_and_rest},
};

staff_endpoint!(
    /// `/verify N [note]`.
    verify, "supervisor.verify", answers verify_case
);
staff_endpoint!(
    /// `/flag N reason`.
    flag, "supervisor.flag", answers flag_case
);
staff_endpoint!(
    /// `/unflag N`.
    unflag, "supervisor.unflag", answers unflag_case
);
staff_endpoint!(
    /// `/ban USER_ID reason`.
    ban, "supervisor.ban", answers ban_user
);
staff_endpoint!(
    /// `/unban USER_ID`.
    unban, "supervisor.unban", answers unban_user
);
staff_endpoint!(
    /// `/bans`.
    bans, "supervisor.bans", answers ban_list, no arguments
);
staff_endpoint!(
    /// `/blockphone NUMBER`.
    block_phone, "supervisor.blockphone", answers block_a_phone
);
staff_endpoint!(
    /// `/blockplace TEXT`.
    block_place, "supervisor.blockplace", answers block_a_place
);

staff_endpoint!(
    /// `/blocklink DOMAIN_OR_URL`.
    block_link, "supervisor.blocklink", answers block_a_link
);
staff_endpoint!(
    /// `/unblocklink DOMAIN_OR_URL`.
    unblock_link, "supervisor.unblocklink", answers unblock_a_link
);

async fn block_a_link(
    bot: &Bot,
    app: &App,
    me: &Staff,
    args: &str,
) -> Result<String, HandlerError> {
    block(bot, app, me, BlockKind::Link, args).await
}

/// Takes a link off the blocklist (a supervisor blocked it by mistake).
async fn unblock_a_link(
    _bot: &Bot,
    app: &App,
    me: &Staff,
    args: &str,
) -> Result<String, HandlerError> {
    let Some(hash) = BlockKind::Link.hash(args) else {
        return Ok(app.locales.text(me.lang, "usage-unblocklink"));
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    if !tx.unblock_hash(blocklist::LINK, &hash).await? {
        return Ok(app.locales.text(me.lang, "link-not-blocked"));
    }
    tx.audit(
        me.id,
        AuditAction::UnblockLink,
        None,
        None,
        Some("link"),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(app.locales.text(me.lang, "link-unblocked"))
}

async fn block_a_phone(
    bot: &Bot,
    app: &App,
    me: &Staff,
    args: &str,
) -> Result<String, HandlerError> {
    block(bot, app, me, BlockKind::Phone, args).await
}

async fn block_a_place(
    bot: &Bot,
    app: &App,
    me: &Staff,
    args: &str,
) -> Result<String, HandlerError> {
    block(bot, app, me, BlockKind::Place, args).await
}

async fn verify_case(
    _bot: &Bot,
    app: &App,
    me: &Staff,
    args: &str,
) -> Result<String, HandlerError> {
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
    notify::commit(app, tx, "verify").await?;
    Ok(app
        .locales
        .text_with(me.lang, "verified", &[("case", case.into())]))
}

async fn flag_case(_bot: &Bot, app: &App, me: &Staff, args: &str) -> Result<String, HandlerError> {
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
    notify::commit(app, tx, "flag").await?;
    Ok(app
        .locales
        .text_with(me.lang, "flagged", &[("case", case.into())]))
}

async fn unflag_case(
    _bot: &Bot,
    app: &App,
    me: &Staff,
    args: &str,
) -> Result<String, HandlerError> {
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
    // Its cards lose the mark (and get their Claim button back); a case held back before it
    // reached any volunteer (the blocklist flags it at the submission; supervisors may have
    // had its alert) is routed now, once.
    if let Some(row) = tx.case(case).await? {
        // One edit per card: the cards' chats tell whether any volunteer has it.
        let mut out = offers::refresh_cards(app, &row).await?;
        let supervisors = app.supervisors().await?;
        let routed = out.iter().any(|e| !supervisors.contains(&e.chat_id));
        if !routed && row.status == CaseStatus::Open {
            // Keyed as at the submission: a case is announced to a chat at most once.
            out.extend(offers::keyed(
                offers::for_new_case(app, &row).await?,
                "route",
                row.id,
            ));
        }
        tx.enqueue(&out, now).await?;
    }
    notify::commit(app, tx, "unflag").await?;
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

/// `/ban USER_ID reason`: banned in the bot and, through the outbox, in every public chat and
/// the volunteer group, with their recent posts there deleted (Telegram's own "revoke" does
/// not delete a supergroup member's messages).
pub(in crate::bot) async fn ban_user(
    _bot: &Bot,
    app: &App,
    me: &Staff,
    args: &str,
) -> Result<String, HandlerError> {
    let Some((user, reason)) = poster_and_rest(args)
        .filter(|(_, r)| !r.is_empty())
        .filter(|(id, _)| !app.config.is_own_chat(*id))
    else {
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
    if user > 0 {
        let lang = app.language_for(user, None).await;
        out.push(Envelope::text(
            user,
            app.locales.text(lang, "you-are-banned"),
        ));
    }
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
    out.extend(crate::bot::public::network_ban(app, user));
    if !app.config.public.dry_run {
        for (chat, message) in app.db.recent_posts_of(user).await? {
            out.push(Envelope::delete(chat, message));
        }
    }
    tx.enqueue(&out, now).await?;
    notify::commit(app, tx, "ban").await?;
    let mut text = app.locales.text_with(
        me.lang,
        "banned",
        &[
            ("user", user.into()),
            ("count", outcome.closed.len().into()),
        ],
    );
    if let Some(reach) = crate::bot::public::ban_reach(app, me.lang) {
        text.push(' ');
        text.push_str(&reach);
    }
    Ok(text)
}

/// `/unban USER_ID`: in the bot and in the chats.
pub(in crate::bot) async fn unban_user(
    _bot: &Bot,
    app: &App,
    me: &Staff,
    args: &str,
) -> Result<String, HandlerError> {
    let Some((user, _)) = poster_and_rest(args) else {
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
    tx.enqueue(&crate::bot::public::network_unban(app, user), now)
        .await?;
    notify::commit(app, tx, "unban").await?;
    Ok(app
        .locales
        .text_with(me.lang, "unbanned", &[("user", user.into())]))
}

async fn ban_list(_bot: &Bot, app: &App, me: &Staff, _args: &str) -> Result<String, HandlerError> {
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
    Ok(crate::bot::keyboards::fit(text))
}

async fn block(
    _bot: &Bot,
    app: &App,
    me: &Staff,
    kind: BlockKind,
    args: &str,
) -> Result<String, HandlerError> {
    let (kind_name, hash) = (kind.name(), kind.hash(args));
    let action = match kind {
        BlockKind::Phone => AuditAction::BlockPhone,
        BlockKind::Place => AuditAction::BlockPlace,
        BlockKind::Link => AuditAction::BlockLink,
    };
    let Some(hash) = hash else {
        let usage = match kind {
            BlockKind::Phone => "usage-blockphone",
            BlockKind::Place => "usage-blockplace",
            BlockKind::Link => "usage-blocklink",
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
            offers::flag_blocked(app, &mut tx, &case, kind_name).await?;
            flagged += 1;
        }
    }
    notify::commit(app, tx, "block").await?;
    Ok(app
        .locales
        .text_with(me.lang, "blocked", &[("count", flagged.into())]))
}
