//! editMessageText/Caption/ReplyMarkup, deleteMessage(s), pin/unpin.

use serde_json::{Value, json};

use crate::errors::{self, ApiErr};
use crate::markup::{self, Markup};
use crate::model::{Event, SentMessage};
use crate::params::Params;
use crate::state::Inner;
use crate::text::{self, Rendered};
use crate::updates;

use super::moderation;

/// `(chat_id, message_id)` of a bot message that may be edited.
fn target(inner: &Inner, p: &Params) -> Result<(i64, i32), ApiErr> {
    if p.get("inline_message_id").is_some() {
        return Err(ApiErr::bad_request("MESSAGE_ID_INVALID"));
    }
    let (Some(chat_id), Some(id)) = (p.i64("chat_id")?, p.message_id("message_id")?) else {
        return Err(ApiErr::bad(errors::MESSAGE_ID_MISSING));
    };
    if inner.chats.contains_key(&chat_id) {
        inner.writable(chat_id)?;
    }
    let msg = inner
        .message(chat_id, id)
        .ok_or_else(|| ApiErr::bad(errors::EDIT_NOT_FOUND))?;
    if msg.sent.is_none() {
        return Err(ApiErr::bad(errors::CANT_BE_EDITED));
    }
    Ok((chat_id, id))
}

/// An edit's new reply_markup: only inline keyboards (or none) are allowed.
fn inline_markup(p: &Params) -> Result<Option<Value>, ApiErr> {
    match markup::parse(p.json("reply_markup")?)? {
        None => Ok(None),
        Some(Markup::Inline(v)) => Ok(Some(v)),
        Some(Markup::Other(_)) => Err(ApiErr::bad_request("inline keyboard expected")),
    }
}

/// The parts of a message an edit may change.
struct Change {
    text: Option<(Rendered, &'static str, &'static str)>,
    markup: Option<Value>,
    /// `Some(mode)` when the edit sets text (and so its parse_mode).
    parse_mode: Option<Option<String>>,
}

/// Applies a change unless it is a no-op (→ 400 message is not modified).
fn apply(inner: &mut Inner, chat_id: i64, id: i32, change: Change) -> Result<Value, ApiErr> {
    let Some(stored) = inner
        .chats
        .get_mut(&chat_id)
        .and_then(|c| c.messages.get_mut(&id))
    else {
        return Err(ApiErr::bad(errors::EDIT_NOT_FOUND));
    };
    let msg = stored
        .json
        .as_object_mut()
        .ok_or_else(|| ApiErr::bad(errors::EDIT_NOT_FOUND))?;
    let same_text = change
        .text
        .as_ref()
        .is_none_or(|(r, text_key, entities_key)| {
            let entities = msg.get(*entities_key).cloned().unwrap_or(json!([]));
            msg.get(*text_key).and_then(Value::as_str) == Some(r.text.as_str())
                && entities == json!(r.entities)
        });
    if same_text && msg.get("reply_markup") == change.markup.as_ref() {
        return Err(ApiErr::bad(errors::NOT_MODIFIED));
    }
    let mut new_text = None;
    if let Some((r, text_key, entities_key)) = change.text {
        r.write_into(msg, text_key, entities_key);
        if r.text.is_empty() {
            msg.remove(text_key);
        }
        new_text = Some(Some(r.text).filter(|t| !t.is_empty()));
    }
    match &change.markup {
        Some(kb) => msg.insert("reply_markup".into(), kb.clone()),
        None => msg.remove("reply_markup"),
    };
    msg.insert("edit_date".into(), json!(updates::now()));
    let json = stored.json.clone();
    let Some(sent) = stored.sent.as_mut() else {
        return Err(ApiErr::bad(errors::CANT_BE_EDITED));
    };
    update_record(
        sent,
        new_text,
        change.markup,
        change.parse_mode,
        json.clone(),
    );
    let view = stored.sent_view();
    if let Some(view) = view {
        inner.emit(Event::Edited(view));
    }
    Ok(json)
}

fn update_record(
    sent: &mut SentMessage,
    new_text: Option<Option<String>>,
    markup: Option<Value>,
    parse_mode: Option<Option<String>>,
    json: Value,
) {
    if let Some(text) = new_text {
        sent.text = text;
    }
    if let Some(mode) = parse_mode {
        sent.parse_mode = mode;
    }
    let had_inline = sent
        .reply_markup
        .as_ref()
        .is_some_and(|m| m.get("inline_keyboard").is_some());
    if markup.is_some() || had_inline || sent.reply_markup.is_none() {
        sent.reply_markup = markup;
    }
    sent.edited = true;
    sent.edit_count += 1;
    sent.message = json;
}

/// editMessageText (no reply_markup removes the inline keyboard, as in Telegram).
pub(super) fn edit_text(inner: &mut Inner, p: &Params) -> Result<Value, ApiErr> {
    let (chat_id, id) = target(inner, p)?;
    let parse_mode = p.str("parse_mode");
    let rendered = text::message_text(
        p.str("text").as_deref(),
        parse_mode.as_deref(),
        p.json("entities")?,
    )?;
    let markup = inline_markup(p)?;
    let has_text = inner
        .message(chat_id, id)
        .is_some_and(|m| m.json.get("text").is_some());
    if !has_text {
        return Err(ApiErr::bad(errors::NO_TEXT_TO_EDIT));
    }
    let change = Change {
        text: Some((rendered, "text", "entities")),
        markup,
        parse_mode: Some(parse_mode),
    };
    apply(inner, chat_id, id, change)
}

/// editMessageCaption (no caption removes it).
pub(super) fn edit_caption(inner: &mut Inner, p: &Params) -> Result<Value, ApiErr> {
    let (chat_id, id) = target(inner, p)?;
    let parse_mode = p.str("parse_mode");
    let caption = text::caption(
        p.str("caption").as_deref(),
        parse_mode.as_deref(),
        p.json("caption_entities")?,
    )?;
    let markup = inline_markup(p)?;
    let has_media = inner
        .message(chat_id, id)
        .is_some_and(|m| m.json.get("text").is_none());
    if !has_media {
        return Err(ApiErr::bad(errors::NO_CAPTION_TO_EDIT));
    }
    let rendered = caption.unwrap_or(Rendered {
        text: String::new(),
        entities: Vec::new(),
    });
    let change = Change {
        text: Some((rendered, "caption", "caption_entities")),
        markup,
        parse_mode: Some(parse_mode),
    };
    apply(inner, chat_id, id, change)
}

/// editMessageReplyMarkup (no reply_markup removes the inline keyboard).
pub(super) fn edit_reply_markup(inner: &mut Inner, p: &Params) -> Result<Value, ApiErr> {
    let (chat_id, id) = target(inner, p)?;
    let change = Change {
        text: None,
        markup: inline_markup(p)?,
        parse_mode: None,
    };
    apply(inner, chat_id, id, change)
}

/// deleteMessage: the bot's own messages always; someone else's in a group
/// only with the rights Telegram asks for (see `moderation::may_delete`).
pub(super) fn delete_message(inner: &mut Inner, p: &Params) -> Result<Value, ApiErr> {
    let chat_id = p.chat_id("chat_id")?;
    let id = p
        .message_id("message_id")?
        .ok_or_else(|| ApiErr::bad(errors::MESSAGE_ID_MISSING))?;
    let chat = inner
        .chats
        .get(&chat_id)
        .ok_or_else(|| ApiErr::bad(errors::DELETE_NOT_FOUND))?;
    let msg = chat
        .message(id)
        .ok_or_else(|| ApiErr::bad(errors::DELETE_NOT_FOUND))?;
    moderation::may_delete(chat, msg)?;
    delete_one(inner, chat_id, id);
    Ok(Value::Bool(true))
}

/// deleteMessages: skips ids that do not exist; if any existing one may not
/// be deleted, the call fails and deletes nothing.
pub(super) fn delete_messages(inner: &mut Inner, p: &Params) -> Result<Value, ApiErr> {
    let chat_id = p.chat_id("chat_id")?;
    let ids = p.json("message_ids")?.unwrap_or(json!([]));
    let ids: Vec<i32> = ids
        .as_array()
        .ok_or_else(|| ApiErr::bad_request("message_ids must be an array"))?
        .iter()
        .filter_map(|v| i32::try_from(v.as_i64()?).ok())
        .collect();
    if ids.is_empty() || ids.len() > 100 {
        return Err(ApiErr::bad_request("message_ids must contain 1-100 ids"));
    }
    if let Some(chat) = inner.chats.get(&chat_id) {
        for msg in ids.iter().filter_map(|id| chat.message(*id)) {
            moderation::may_delete(chat, msg)?;
        }
    }
    for id in ids {
        delete_one(inner, chat_id, id);
    }
    Ok(Value::Bool(true))
}

/// Marks a message deleted and tells `events` subscribers; false if there
/// was no live message with this id.
fn delete_one(inner: &mut Inner, chat_id: i64, id: i32) -> bool {
    let deleted = inner.chats.get_mut(&chat_id).is_some_and(|c| c.delete(id));
    if deleted {
        inner.emit(Event::Deleted {
            chat_id,
            message_id: id,
        });
    }
    deleted
}

/// pinChatMessage / unpinChatMessage: the message (if given) must exist.
pub(super) fn pin(inner: &mut Inner, p: &Params) -> Result<Value, ApiErr> {
    let chat_id = p.chat_id("chat_id")?;
    inner.writable(chat_id)?;
    if let Some(id) = p.message_id("message_id")?
        && inner.message(chat_id, id).is_none()
    {
        return Err(ApiErr::bad_request("message to pin not found"));
    }
    Ok(Value::Bool(true))
}
