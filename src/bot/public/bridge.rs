//! The bridge: a post asking for help to leave gets one short reply in the post's language,
//! with a button that opens the private request form (`t.me/<bot>?start=chat`). A phone
//! number, an address or a location in such a post is deleted for its author's safety, and
//! the reply says so without repeating it. At most one reply per person per hour; the
//! outbox keeps within Telegram's 20 messages a minute per group.

use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup, Me},
};

use crate::{
    bot::{App, HandlerError},
    db::{AuditAction, WriteTx},
    guard::Post,
    i18n::Lang,
    outbox::Envelope,
};

/// The deep link's payload: the case records that the person came from a public chat.
pub(crate) const START_FROM_CHAT: &str = "chat";

/// The button to the private form.
pub(super) fn form_button(app: &App, lang: Lang, me: &Me) -> Option<InlineKeyboardMarkup> {
    let username = me.username.as_deref()?;
    let url = format!("https://t.me/{username}?start={START_FROM_CHAT}")
        .parse()
        .ok()?;
    Some(InlineKeyboardMarkup::new(vec![vec![
        InlineKeyboardButton::url(app.locales.text(lang, "bridge-button"), url),
    ]]))
}

/// For a post that asks for help: its deletion if it gives its author away (every time, an
/// edit too), and the reply with the form's button (once an hour per person, never for an
/// edit). `already_deleted`: the guard deletes the post anyway.
#[allow(clippy::too_many_arguments)]
pub(super) async fn answer(
    app: &App,
    tx: &mut WriteTx,
    me: &Me,
    msg: &Message,
    post: &Post,
    text: &str,
    now: i64,
    already_deleted: bool,
    edited: bool,
) -> Result<Vec<Envelope>, HandlerError> {
    let Some(lang) = app.bridge.cry_for_help(text) else {
        return Ok(Vec::new());
    };
    // Once an hour per author: a channel posting in its own name is one author, not the
    // service user every channel posts through.
    let Some(author) = super::guard::author_of(msg) else {
        return Ok(Vec::new());
    };
    let (chat, message_id) = (msg.chat.id.0, msg.id.0);
    let exposed = post.has_valid_phone || post.location || app.bridge.has_address(text);
    let delete = exposed && !app.config.public.dry_run && !already_deleted;
    let mut out = Vec::new();
    if delete {
        out.push(Envelope::delete(chat, message_id));
    }
    if edited || !tx.take_bridge_turn(author, now).await? {
        return Ok(out);
    }
    let gone = delete || already_deleted;
    let id = if exposed && gone {
        "bridge-reply-deleted"
    } else {
        "bridge-reply"
    };
    let mut reply = Envelope::text(chat, app.locales.text(lang, id));
    if !gone {
        reply = reply.reply_to(message_id);
    }
    if let Some(button) = form_button(app, lang, me) {
        reply = reply.with_markup(button);
    }
    out.push(reply);
    tx.audit(
        0,
        AuditAction::BridgeReply,
        None,
        None,
        Some(if gone { "deleted" } else { "reply" }),
        now,
    )
    .await?;
    Ok(out)
}
