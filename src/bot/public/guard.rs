//! Every post and caption in a public chat, through the guard's rules in order (see
//! [`crate::guard`]); what passes may get the bridge's reply. Members joining are noted, so
//! the newcomer rule knows them for 24 hours.

use teloxide::{
    prelude::*,
    types::{ChatMemberUpdated, Me, MessageEntityKind, MessageOrigin, UpdateKind},
};

use super::{bridge, review};
use crate::{
    bot::{App, HandlerResult, notify},
    db::AuditAction,
    guard::{self, Blocked, Post, Rule, Verdict},
    outbox::Envelope,
    telemetry,
};

/// The URLs Telegram marked in a text or caption (links and text links).
fn marked_urls(msg: &Message) -> Vec<String> {
    let entities = msg
        .parse_entities()
        .or_else(|| msg.parse_caption_entities())
        .unwrap_or_default();
    entities
        .iter()
        .filter_map(|e| match e.kind() {
            MessageEntityKind::Url => Some(e.text().to_owned()),
            MessageEntityKind::TextLink { url } => Some(url.to_string()),
            _ => None,
        })
        .collect()
}

/// What a post holds, read once (its text is not kept).
pub(super) fn read(msg: &Message) -> Post {
    let text = msg.text().or(msg.caption()).unwrap_or_default();
    Post::read(
        text,
        &marked_urls(msg),
        msg.contact().is_some(),
        matches!(msg.forward_origin(), Some(MessageOrigin::Channel { .. })),
        msg.location().is_some() || msg.venue().is_some(),
    )
}

/// Who a post is from, for the rules and the bans: a person, or a channel that posted in its
/// own name (Telegram sends those from a service user, with the channel as `sender_chat`; the
/// negative id is banned with banChatSenderChat). Posts of anonymous administrators (in the
/// group's own name), the linked channel's posts that Telegram forwards into its discussion
/// group, and bots' posts are left alone.
pub(super) fn author_of(msg: &Message) -> Option<i64> {
    match (&msg.sender_chat, &msg.from) {
        (Some(sender), _) if sender.id == msg.chat.id || msg.is_automatic_forward() => None,
        (Some(sender), _) => Some(sender.id.0),
        (None, Some(user)) if !user.is_bot => Some(user.id.0 as i64),
        _ => None,
    }
}

/// A post (or an edit of one) in a public chat.
pub(crate) async fn on_post(
    bot: Bot,
    app: App,
    me: Me,
    update: Update,
    msg: Message,
) -> HandlerResult {
    let Some(author_id) = author_of(&msg) else {
        telemetry::handler("public.no_author");
        return Ok(());
    };
    let (chat, message_id) = (msg.chat.id.0, msg.id.0);
    let edited = matches!(update.kind, UpdateKind::EditedMessage(_));
    let text = msg.text().or(msg.caption()).unwrap_or_default();
    let post = read(&msg);
    let now = app.now();
    let facts = app
        .db
        .public_author(author_id, app.config.is_supervisor(author_id))
        .await?;
    let hits = app.db.blocked_any(&post.hashes(text)).await?;
    let verdict = guard::judge(
        &facts,
        &post,
        Blocked::from_hits(&hits),
        app.config.public.newcomer_messages,
        now,
    );
    let dry = app.config.public.dry_run;
    let update_id = i64::from(update.id.0);
    match verdict {
        Verdict::Pass => {
            telemetry::handler("public.post");
            let mut tx = app.db.begin().await?;
            // A service message (someone joined) is no message of theirs.
            let counted = !edited
                && (msg.text().is_some() || msg.caption().is_some() || msg.contact().is_some());
            tx.record_post(chat, message_id, author_id, counted, now)
                .await?;
            let out =
                bridge::answer(&app, &mut tx, &me, &msg, &post, text, now, false, edited).await?;
            tx.enqueue(&out, now).await?;
            notify::commit(&app, tx, "public_post").await?;
        }
        Verdict::Ban => {
            telemetry::handler("public.banned_author");
            // In dry mode a supervisor sees what the guard would have done.
            let notes = if dry {
                review::notes(
                    &bot,
                    &app,
                    &msg,
                    author_id,
                    review::Note::Rule(Rule::BannedAuthor),
                )
                .await?
            } else {
                Vec::new()
            };
            let mut tx = app.db.begin().await?;
            tx.record_post(chat, message_id, author_id, false, now)
                .await?;
            tx.audit(
                0,
                AuditAction::GuardBan,
                None,
                Some(author_id),
                Some(Rule::BannedAuthor.code()),
                now,
            )
            .await?;
            let mut out = notes;
            if !dry {
                out.push(Envelope::delete(chat, message_id));
                out.push(Envelope::ban(chat, author_id));
            }
            tx.enqueue(&dedupe(out, update_id), now).await?;
            notify::commit(&app, tx, "guard_ban").await?;
        }
        Verdict::Delete(rule) | Verdict::Hold(rule) => {
            telemetry::handler(if rule.is_hold() {
                "public.held"
            } else {
                "public.fake_data"
            });
            // The copy for review first: once deleted, the post cannot be copied.
            let notes =
                review::notes(&bot, &app, &msg, author_id, review::Note::Rule(rule)).await?;
            let mut tx = app.db.begin().await?;
            tx.record_post(chat, message_id, author_id, false, now)
                .await?;
            let action = if rule.is_hold() {
                AuditAction::GuardHold
            } else {
                AuditAction::GuardDelete
            };
            tx.audit(0, action, None, Some(author_id), Some(rule.code()), now)
                .await?;
            let mut out = notes;
            if !dry {
                out.push(Envelope::delete(chat, message_id));
            }
            // A held newcomer's cry for help still gets the way to the private form.
            out.extend(
                bridge::answer(&app, &mut tx, &me, &msg, &post, text, now, !dry, edited).await?,
            );
            tx.enqueue(&dedupe(out, update_id), now).await?;
            notify::commit(&app, tx, "guard_delete").await?;
        }
    }
    Ok(())
}

/// Telegram may deliver an update again after a crash: its notes and actions are queued once.
fn dedupe(out: Vec<Envelope>, update_id: i64) -> Vec<Envelope> {
    out.into_iter()
        .enumerate()
        .map(|(i, e)| e.dedupe(format!("g:{update_id}:{i}")))
        .collect()
}

/// A member joined a public chat: new for 24 hours.
pub(crate) async fn joined(app: App, update: ChatMemberUpdated) -> HandlerResult {
    telemetry::handler("public.joined");
    let was_in = update.old_chat_member.is_present();
    if was_in || !update.new_chat_member.is_present() || update.new_chat_member.user.is_bot {
        return Ok(());
    }
    let mut tx = app.db.begin().await?;
    tx.member_joined(update.new_chat_member.user.id.0 as i64, app.now())
        .await?;
    tx.commit().await?;
    Ok(())
}
