//! sendMessage, media sends, sendLocation/Contact/ChatAction, copyMessage, forwardMessage.

use serde_json::{Map, Value, json};

use crate::errors::{self, ApiErr};
use crate::markup::{self, Markup};
use crate::model::{Event, SentFile, SentMessage};
use crate::params::{MediaInput, Params};
use crate::state::{Inner, StoredMessage};
use crate::text;
use crate::updates::{self, COPIED_KEYS};

/// A message about to be created by the bot.
struct Outgoing {
    chat_id: i64,
    content: Map<String, Value>,
    kind: String,
    text: Option<String>,
    parse_mode: Option<String>,
    markup: Option<Markup>,
    reply_to: Option<i32>,
    file: Option<SentFile>,
    copy_of: Option<(i64, i32)>,
}

impl Outgoing {
    /// Checks chat, reply_markup and reply target shared by the send methods.
    fn new(inner: &Inner, p: &Params, kind: &str) -> Result<Self, ApiErr> {
        let chat_id = p.chat_id("chat_id")?;
        inner.writable(chat_id)?;
        let markup = markup::parse(p.json("reply_markup")?)?;
        let reply_to = reply_target(inner, chat_id, p)?;
        Ok(Self {
            chat_id,
            content: Map::new(),
            kind: kind.to_owned(),
            text: None,
            parse_mode: p.str("parse_mode"),
            markup,
            reply_to,
            file: None,
            copy_of: None,
        })
    }

    /// A copy (or forward) of message `id` of chat `from` into `chat_id`, without markup or
    /// reply: what copyMessages and forwardMessage create.
    fn copy_of(chat_id: i64, kind: &str, from: i64, id: i32) -> Self {
        Self {
            chat_id,
            content: Map::new(),
            kind: kind.to_owned(),
            text: None,
            parse_mode: None,
            markup: None,
            reply_to: None,
            file: None,
            copy_of: Some((from, id)),
        }
    }

    /// Drops the caption copied from the original.
    fn clear_caption(&mut self) {
        self.content.remove("caption");
        self.content.remove("caption_entities");
        self.text = None;
    }
}

/// The message to reply to, from `reply_parameters` or `reply_to_message_id`.
fn reply_target(inner: &Inner, chat_id: i64, p: &Params) -> Result<Option<i32>, ApiErr> {
    let (id, allow_missing) = match p.json("reply_parameters")? {
        Some(rp) => (
            rp.get("message_id").and_then(Value::as_i64),
            rp.get("allow_sending_without_reply")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        ),
        None => (
            p.i64("reply_to_message_id")?,
            p.bool("allow_sending_without_reply"),
        ),
    };
    let Some(id) = id else {
        return Ok(None);
    };
    let found = i32::try_from(id)
        .ok()
        .filter(|id| inner.message(chat_id, *id).is_some());
    match found {
        Some(id) => Ok(Some(id)),
        None if allow_missing => Ok(None),
        None => Err(ApiErr::bad(errors::REPLY_NOT_FOUND)),
    }
}

/// Creates the message; returns its JSON.
fn commit(inner: &mut Inner, method: &str, p: &Params, out: Outgoing) -> Value {
    let chat_id = out.chat_id;
    let message_id = inner.next_message_id(chat_id);
    let mut msg = Map::new();
    msg.insert("message_id".into(), json!(message_id));
    msg.insert("from".into(), updates::bot_user(inner.bot_id));
    msg.insert("chat".into(), inner.chat_json(chat_id));
    msg.insert("date".into(), json!(updates::now()));
    if let Some(target) = out.reply_to.and_then(|id| inner.message(chat_id, id)) {
        let mut replied = target.json.clone();
        if let Some(obj) = replied.as_object_mut() {
            obj.remove("reply_to_message");
        }
        msg.insert("reply_to_message".into(), replied);
    }
    msg.extend(out.content);
    if let Some(kb) = out.markup.as_ref().and_then(Markup::inline) {
        msg.insert("reply_markup".into(), kb.clone());
    }
    let msg = Value::Object(msg);
    let content_kind = updates::content_kind(&msg).to_owned();
    let sent = SentMessage {
        chat_id,
        message_id,
        text: out.text,
        kind: if out.kind.is_empty() {
            content_kind.clone()
        } else {
            out.kind
        },
        content_kind,
        reply_markup: out.markup.as_ref().map(|m| m.value().clone()),
        edited: false,
        edit_count: 0,
        deleted: false,
        reply_to: out.reply_to,
        parse_mode: out.parse_mode,
        file: out.file,
        copy_of: out.copy_of,
        method: method.to_owned(),
        raw: p.to_value(),
        message: msg.clone(),
    };
    if let Some(Markup::Other(v)) = &out.markup
        && let Some(chat) = inner.chats.get_mut(&chat_id)
    {
        if v.get("keyboard").is_some() {
            chat.reply_keyboard = Some(v.clone());
        } else if v.get("remove_keyboard").is_some() {
            chat.reply_keyboard = None;
        }
    }
    inner.emit(Event::Sent(sent.clone()));
    inner.store(
        chat_id,
        message_id,
        StoredMessage {
            json: msg.clone(),
            sent: Some(sent),
            deleted: false,
        },
    );
    msg
}

/// sendMessage.
pub(super) fn send_message(inner: &mut Inner, p: &Params) -> Result<Value, ApiErr> {
    let mut out = Outgoing::new(inner, p, "text")?;
    let rendered = text::message_text(
        p.str("text").as_deref(),
        out.parse_mode.as_deref(),
        p.json("entities")?,
    )?;
    rendered.write_into(&mut out.content, "text", "entities");
    out.text = Some(rendered.text);
    Ok(commit(inner, "sendMessage", p, out))
}

/// sendPhoto, sendDocument, sendVideo, ... (`kind` is the media field name).
pub(super) fn send_media(
    inner: &mut Inner,
    p: &Params,
    method: &str,
    kind: &str,
) -> Result<Value, ApiErr> {
    let mut out = Outgoing::new(inner, p, kind)?;
    let input = p
        .media(kind)
        .ok_or_else(|| ApiErr::bad_request(format!("there is no {kind} in the request")))?;
    let caption = if matches!(kind, "sticker" | "video_note") {
        None
    } else {
        text::caption(
            p.str("caption").as_deref(),
            out.parse_mode.as_deref(),
            p.json("caption_entities")?,
        )?
    };
    let (file_id, unique, file_name, size, file) = match input {
        MediaInput::Upload(up) => {
            let (id, unique) = inner.new_file(kind, up.file_name.clone(), up.size);
            let file = SentFile {
                file_id: id.clone(),
                file_name: up.file_name.clone(),
                size: Some(up.size),
                data: Some(up.data),
                source: "upload".into(),
            };
            (id, unique, up.file_name, up.size, file)
        }
        MediaInput::FileId(id) => {
            let meta = inner
                .files
                .get(&id)
                .cloned()
                .ok_or_else(|| ApiErr::bad(errors::WRONG_FILE_ID))?;
            let file = SentFile {
                file_id: id.clone(),
                file_name: meta.file_name.clone(),
                size: None,
                data: None,
                source: "file_id".into(),
            };
            (id, meta.unique, meta.file_name, meta.size, file)
        }
        MediaInput::Url(url) => {
            let name = url
                .rsplit('/')
                .next()
                .filter(|n| !n.is_empty())
                .map(str::to_owned);
            let (id, unique) = inner.new_file(kind, name.clone(), 1024);
            let file = SentFile {
                file_id: id.clone(),
                file_name: name.clone(),
                size: None,
                data: None,
                source: "url".into(),
            };
            (id, unique, name, 1024, file)
        }
    };
    let media = updates::media_object(kind, &file_id, &unique, file_name.as_deref(), size);
    out.content.insert(kind.into(), media);
    if let Some(c) = caption {
        c.write_into(&mut out.content, "caption", "caption_entities");
        out.text = Some(c.text);
    }
    out.file = Some(file);
    Ok(commit(inner, method, p, out))
}

fn coordinate(p: &Params, key: &str, limit: f64) -> Result<f64, ApiErr> {
    let value = p
        .get(key)
        .and_then(|v| v.as_f64().or_else(|| v.as_str()?.trim().parse().ok()))
        .ok_or_else(|| ApiErr::bad_request(format!("{key} is empty")))?;
    if !value.is_finite() || value.abs() > limit {
        return Err(ApiErr::bad_request(format!("wrong {key}")));
    }
    Ok(value)
}

/// sendLocation.
pub(super) fn send_location(inner: &mut Inner, p: &Params) -> Result<Value, ApiErr> {
    let mut out = Outgoing::new(inner, p, "location")?;
    let latitude = coordinate(p, "latitude", 90.0)?;
    let longitude = coordinate(p, "longitude", 180.0)?;
    out.content.insert(
        "location".into(),
        json!({ "latitude": latitude, "longitude": longitude }),
    );
    Ok(commit(inner, "sendLocation", p, out))
}

/// sendContact.
pub(super) fn send_contact(inner: &mut Inner, p: &Params) -> Result<Value, ApiErr> {
    let mut out = Outgoing::new(inner, p, "contact")?;
    let phone = p.str("phone_number").filter(|s| !s.trim().is_empty());
    let first = p.str("first_name").filter(|s| !s.trim().is_empty());
    let (Some(phone), Some(first)) = (phone, first) else {
        return Err(ApiErr::bad_request(
            "phone_number and first_name must be non-empty",
        ));
    };
    let mut contact = json!({ "phone_number": phone, "first_name": first });
    if let Some(last) = p.str("last_name") {
        contact["last_name"] = json!(last);
    }
    out.content.insert("contact".into(), contact);
    Ok(commit(inner, "sendContact", p, out))
}

const CHAT_ACTIONS: &[&str] = &[
    "typing",
    "upload_photo",
    "record_video",
    "upload_video",
    "record_voice",
    "upload_voice",
    "upload_document",
    "choose_sticker",
    "find_location",
    "record_video_note",
    "upload_video_note",
];

/// sendChatAction.
pub(super) fn send_chat_action(inner: &mut Inner, p: &Params) -> Result<Value, ApiErr> {
    let chat_id = p.chat_id("chat_id")?;
    inner.writable(chat_id)?;
    let action = p.str("action").unwrap_or_default();
    if !CHAT_ACTIONS.contains(&action.as_str()) {
        return Err(ApiErr::bad_request("wrong parameter action in request"));
    }
    inner.emit(Event::ChatAction { chat_id, action });
    Ok(Value::Bool(true))
}

/// The source message of a copy/forward.
fn source(inner: &Inner, p: &Params, not_found: &str) -> Result<(i64, i32, Value), ApiErr> {
    let from = p.chat_id("from_chat_id")?;
    inner.known(from)?;
    let id = p
        .message_id("message_id")?
        .ok_or_else(|| ApiErr::bad(errors::MESSAGE_ID_MISSING))?;
    let msg = inner
        .message(from, id)
        .ok_or_else(|| ApiErr::bad(not_found))?;
    if updates::content_kind(&msg.json) == "other" {
        return Err(ApiErr::bad_request("message can't be copied"));
    }
    Ok((from, id, msg.json.clone()))
}

/// The content of `src` and what SentMessage records about it.
fn copy_content(src: &Value, out: &mut Outgoing) {
    for key in COPIED_KEYS {
        if let Some(v) = src.get(*key) {
            out.content.insert((*key).into(), v.clone());
        }
    }
    out.text = src
        .get("text")
        .or_else(|| src.get("caption"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let kind = updates::content_kind(src);
    let media = match src.get(kind) {
        Some(Value::Array(sizes)) => sizes.last(),
        other => other,
    };
    out.file = media
        .and_then(|m| m.get("file_id"))
        .and_then(Value::as_str)
        .map(|id| SentFile {
            file_id: id.to_owned(),
            file_name: media
                .and_then(|m| m.get("file_name"))
                .and_then(Value::as_str)
                .map(str::to_owned),
            size: None,
            data: None,
            source: "file_id".into(),
        });
}

/// copyMessage: returns `{"message_id": N}`.
pub(super) fn copy_message(inner: &mut Inner, p: &Params) -> Result<Value, ApiErr> {
    let mut out = Outgoing::new(inner, p, "copy")?;
    let (from, id, src) = source(inner, p, errors::COPY_NOT_FOUND)?;
    copy_content(&src, &mut out);
    let has_media = src.get("text").is_none();
    if has_media && p.get("caption").is_some() {
        out.clear_caption();
        let caption_entities = p.json("caption_entities")?;
        if let Some(c) = text::caption(
            p.str("caption").as_deref(),
            out.parse_mode.as_deref(),
            caption_entities,
        )? {
            c.write_into(&mut out.content, "caption", "caption_entities");
            out.text = Some(c.text);
        }
    }
    out.copy_of = Some((from, id));
    let msg = commit(inner, "copyMessage", p, out);
    Ok(json!({ "message_id": msg["message_id"] }))
}

/// copyMessages: copies of up to 100 messages of one chat, in the order of `message_ids`
/// (which must be increasing); messages of one album (`media_group_id`) stay one album in the
/// copy, under a new group id. Messages that are gone or cannot be copied are skipped, as
/// Telegram does; none left is "message to copy not found". Returns `[{"message_id": N}, ...]`.
pub(super) fn copy_messages(inner: &mut Inner, p: &Params) -> Result<Value, ApiErr> {
    let chat_id = p.chat_id("chat_id")?;
    inner.writable(chat_id)?;
    let from = p.chat_id("from_chat_id")?;
    inner.known(from)?;
    let ids: Vec<i64> = match p.json("message_ids")? {
        Some(Value::Array(ids)) => ids.iter().filter_map(Value::as_i64).collect(),
        Some(_) => return Err(ApiErr::bad_request("can't parse message_ids JSON object")),
        None => return Err(ApiErr::bad_request("message_ids is empty")),
    };
    if ids.is_empty() || ids.len() > 100 {
        return Err(ApiErr::bad_request(
            "message_ids must contain 1-100 elements",
        ));
    }
    if ids.windows(2).any(|w| w[0] >= w[1]) {
        return Err(ApiErr::bad_request(
            "message identifiers must be in a strictly increasing order",
        ));
    }
    let sources: Vec<(i32, Value)> = ids
        .iter()
        .filter_map(|id| i32::try_from(*id).ok())
        .filter_map(|id| Some((id, inner.message(from, id)?.json.clone())))
        .filter(|(_, m)| updates::content_kind(m) != "other")
        .collect();
    if sources.is_empty() {
        return Err(ApiErr::bad(errors::COPY_NOT_FOUND));
    }
    let remove_caption = p.bool("remove_caption");
    // The source album's id -> the copies' album id.
    let mut albums: Vec<(String, String)> = Vec::new();
    let mut copied = Vec::with_capacity(sources.len());
    for (id, src) in sources {
        let mut out = Outgoing::copy_of(chat_id, "copy", from, id);
        copy_content(&src, &mut out);
        if remove_caption && src.get("text").is_none() {
            out.clear_caption();
        }
        if let Some(group) = src.get("media_group_id").and_then(Value::as_str) {
            let next = inner.peek_message_id(chat_id);
            let copy_group = match albums.iter().find(|(g, _)| g == group) {
                Some((_, c)) => c.clone(),
                None => {
                    let c = format!("{}{next}", chat_id.unsigned_abs());
                    albums.push((group.to_owned(), c.clone()));
                    c
                }
            };
            out.content
                .insert("media_group_id".into(), Value::String(copy_group));
        }
        let msg = commit(inner, "copyMessages", p, out);
        copied.push(json!({ "message_id": msg["message_id"] }));
    }
    Ok(Value::Array(copied))
}

/// forwardMessage: the copy carries `forward_origin`.
pub(super) fn forward_message(inner: &mut Inner, p: &Params) -> Result<Value, ApiErr> {
    let chat_id = p.chat_id("chat_id")?;
    inner.writable(chat_id)?;
    let (from, id, src) = source(inner, p, errors::FORWARD_NOT_FOUND)?;
    let mut out = Outgoing::copy_of(chat_id, "forward", from, id);
    copy_content(&src, &mut out);
    let date = src.get("date").cloned().unwrap_or(json!(0));
    let origin = match src.get("from") {
        Some(user) => json!({ "type": "user", "sender_user": user, "date": date }),
        None => json!({ "type": "hidden_user", "sender_user_name": "Hidden", "date": date }),
    };
    out.content.insert("forward_origin".into(), origin);
    Ok(commit(inner, "forwardMessage", p, out))
}
