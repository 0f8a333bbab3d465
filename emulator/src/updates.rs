//! Building Bot API JSON: users, chats, media objects, and telling what kind
//! of content a message or update carries.

use serde_json::{Value, json};

/// The bot's @username.
pub const BOT_USERNAME: &str = "evac_intake_test_bot";
/// The bot's first name.
pub const BOT_FIRST_NAME: &str = "Evac Intake (test)";

/// Current unix time in seconds.
pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Profile data of a simulated user.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct UserInfo {
    pub first_name: String,
    pub last_name: Option<String>,
    pub username: Option<String>,
    pub language_code: Option<String>,
    pub is_premium: bool,
}

impl UserInfo {
    /// Defaults: first name `User{id}`, no language code.
    pub fn default_for(id: i64) -> Self {
        Self {
            first_name: format!("User{id}"),
            last_name: None,
            username: None,
            language_code: None,
            is_premium: false,
        }
    }

    /// The `User` object.
    pub fn to_json(&self, id: i64) -> Value {
        let mut v = json!({ "id": id, "is_bot": false, "first_name": self.first_name });
        if let Some(x) = &self.last_name {
            v["last_name"] = json!(x);
        }
        if let Some(x) = &self.username {
            v["username"] = json!(x);
        }
        if let Some(x) = &self.language_code {
            v["language_code"] = json!(x);
        }
        if self.is_premium {
            v["is_premium"] = json!(true);
        }
        v
    }
}

/// The bot's `User` object.
pub(crate) fn bot_user(bot_id: i64) -> Value {
    json!({ "id": bot_id, "is_bot": true, "first_name": BOT_FIRST_NAME, "username": BOT_USERNAME })
}

/// getMe's result.
pub(crate) fn me(bot_id: i64) -> Value {
    let mut v = bot_user(bot_id);
    v["can_join_groups"] = json!(true);
    v["can_read_all_group_messages"] = json!(false);
    v["supports_inline_queries"] = json!(false);
    v["can_connect_to_business"] = json!(false);
    v["has_main_web_app"] = json!(false);
    v
}

/// Message content keys, in the order used to tell a message's kind.
const CONTENT_KEYS: &[&str] = &[
    "text",
    "photo",
    "document",
    "video",
    "voice",
    "audio",
    "animation",
    "sticker",
    "video_note",
    "location",
    "contact",
    "venue",
    "poll",
    "dice",
];

/// `"text"`, `"photo"`, ... or `"other"`.
pub(crate) fn content_kind(msg: &Value) -> &'static str {
    // An animation message also carries `document`; check it first.
    if msg.get("animation").is_some() {
        return "animation";
    }
    CONTENT_KEYS
        .iter()
        .find(|k| msg.get(**k).is_some())
        .copied()
        .unwrap_or("other")
}

/// The keys that make up a message's content (copied by copyMessage).
pub(crate) const COPIED_KEYS: &[&str] = &[
    "text",
    "entities",
    "photo",
    "document",
    "video",
    "voice",
    "audio",
    "animation",
    "sticker",
    "video_note",
    "location",
    "contact",
    "venue",
    "dice",
    "caption",
    "caption_entities",
    "has_media_spoiler",
];

/// The update type: the first key other than `update_id`.
pub(crate) fn update_kind(update: &Value) -> Option<&str> {
    update
        .as_object()?
        .keys()
        .find(|k| k.as_str() != "update_id")
        .map(String::as_str)
}

/// Whether an update type is delivered when allowed_updates was never set
/// (or set to an empty list): everything but these three.
pub(crate) fn allowed_by_default(kind: &str) -> bool {
    !matches!(
        kind,
        "chat_member" | "message_reaction" | "message_reaction_count"
    )
}

fn mime_for(file_name: Option<&str>) -> &'static str {
    let ext = file_name
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => "application/pdf",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "txt" => "text/plain",
        "csv" => "text/csv",
        "json" => "application/json",
        "zip" => "application/zip",
        "mp4" => "video/mp4",
        "ogg" | "oga" => "audio/ogg",
        "mp3" => "audio/mpeg",
        _ => "application/octet-stream",
    }
}

/// The message field for a media kind. For `photo` this is the array of
/// sizes: `(small_id, small_unique)` for the thumbnail, `file_id` for the big one.
pub(crate) fn media_object(
    kind: &str,
    file_id: &str,
    unique: &str,
    file_name: Option<&str>,
    size: usize,
) -> Value {
    let base = json!({ "file_id": file_id, "file_unique_id": unique, "file_size": size });
    let mut v = base.clone();
    let extra = match kind {
        "photo" => {
            let mut small = base.clone();
            small["file_id"] = json!(format!("{file_id}-s"));
            small["file_unique_id"] = json!(format!("{unique}-s"));
            small["file_size"] = json!(size / 10);
            small["width"] = json!(90);
            small["height"] = json!(68);
            v["width"] = json!(1280);
            v["height"] = json!(960);
            return json!([small, v]);
        }
        "document" => json!({ "mime_type": mime_for(file_name) }),
        "video" => json!({ "width": 1280, "height": 720, "duration": 5, "mime_type": "video/mp4" }),
        "animation" => {
            json!({ "width": 320, "height": 240, "duration": 2, "mime_type": "video/mp4" })
        }
        "voice" => json!({ "duration": 3, "mime_type": "audio/ogg" }),
        "audio" => json!({ "duration": 120, "mime_type": mime_for(file_name.or(Some("a.mp3"))) }),
        "sticker" => json!({
            "type": "regular", "width": 512, "height": 512,
            "is_animated": false, "is_video": false, "emoji": "👍"
        }),
        "video_note" => json!({ "length": 240, "duration": 4 }),
        _ => json!({}),
    };
    if let (Some(obj), Some(extra)) = (v.as_object_mut(), extra.as_object()) {
        obj.extend(extra.clone());
        if let Some(name) =
            file_name.filter(|_| matches!(kind, "document" | "audio" | "video" | "animation"))
        {
            obj.insert("file_name".into(), json!(name));
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(content_kind(&json!({"text": "x"})), "text");
        assert_eq!(
            content_kind(&json!({"animation": {}, "document": {}})),
            "animation"
        );
        assert_eq!(content_kind(&json!({"new_chat_members": []})), "other");
        assert_eq!(
            update_kind(&json!({"update_id": 1, "callback_query": {}})),
            Some("callback_query")
        );
        assert_eq!(update_kind(&json!(5)), None);
        assert!(media_object("photo", "f", "u", None, 100).is_array());
        assert_eq!(
            media_object("document", "f", "u", Some("a.PDF"), 1)["mime_type"],
            "application/pdf"
        );
    }
}
