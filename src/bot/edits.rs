//! An edit of a relayed message (the person or the volunteer corrected a text or a caption)
//! is applied to its copy on the other side. The new text goes straight to Telegram and is
//! not stored: like the relayed messages themselves, it stays in the two chats only. A copy
//! in a staff chat keeps its `#N` tag.

use teloxide::prelude::*;

use super::{App, HandlerResult, gate::Actor};
use crate::{
    db::CaseStatus,
    i18n::{MAX_CAPTION_CHARS, MAX_MESSAGE_CHARS},
    telemetry,
};

/// An edited message in a private chat.
pub(super) async fn on_edit(bot: Bot, app: App, actor: Actor, msg: Message) -> HandlerResult {
    // A text can only become another text (Telegram refuses an empty one); a caption can be
    // changed or removed; an edit of anything else (a live location) has nothing to carry.
    let has_media = msg.photo().is_some()
        || msg.video().is_some()
        || msg.document().is_some()
        || msg.audio().is_some()
        || msg.animation().is_some()
        || msg.voice().is_some();
    // Telegram never delivers a longer text, so one that is can only be forged: not carried.
    let usable = match msg.text() {
        Some(text) => !text.trim().is_empty() && text.chars().count() <= MAX_MESSAGE_CHARS,
        None => {
            has_media
                && msg
                    .caption()
                    .is_none_or(|c| c.chars().count() <= MAX_CAPTION_CHARS)
        }
    };
    let copies = if usable {
        app.db.copies_of(msg.chat.id.0, msg.id.0).await?
    } else {
        Vec::new()
    };
    if copies.is_empty() {
        telemetry::handler("edit.not_relayed");
        return Ok(());
    }
    telemetry::handler("edit.relayed");
    let supervisors = app.supervisors().await?;
    for (case, chat, copy) in copies {
        // The person's copy is theirs only while the case is; the tag goes on staff copies.
        let Some(row) = app.db.case(case).await? else {
            continue;
        };
        let to_requester = row.requester_id == Some(chat);
        let claimed = row.status == CaseStatus::Claimed;
        let allowed = if to_requester {
            // A volunteer who no longer holds the case cannot change what the person reads.
            claimed && actor.role.may_handle(actor.id, row.volunteer_id)
        } else {
            // The person's edit reaches only those who hold the case now: its volunteer, a
            // supervisor, a current team member.
            let holder = row.volunteer_id == Some(chat)
                || supervisors.contains(&chat)
                || app.db.team_role(case, chat).await?.is_some();
            claimed && row.requester_id == Some(actor.id) && holder
        };
        if !allowed {
            continue;
        }
        let tag = if to_requester {
            None
        } else {
            let lang = app.language_for(chat, None).await;
            Some(super::offers::relay_tag(&app, lang, case))
        };
        let result = if let Some(text) = msg.text() {
            let mut request =
                bot.edit_message_text(ChatId(chat), teloxide::types::MessageId(copy), text);
            if let Some(tag) = tag {
                request = request.reply_markup(tag);
            }
            request.await.map(drop)
        } else {
            let mut request =
                bot.edit_message_caption(ChatId(chat), teloxide::types::MessageId(copy));
            request = request.caption(msg.caption().unwrap_or_default());
            if let Some(tag) = tag {
                request = request.reply_markup(tag);
            }
            request.await.map(drop)
        };
        if let Err(e) = result {
            tracing::debug!(error = %super::listener::loggable(&e), "could not edit a relayed copy");
        }
    }
    Ok(())
}
