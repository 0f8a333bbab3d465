//! `reply_markup` validation, as strict as Telegram where it matters
//! (callback_data length, button actions, URLs).

use serde_json::{Map, Value};

use crate::errors::{self, ApiErr};

/// A validated `reply_markup`, nulls removed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Markup {
    /// `{"inline_keyboard": [...]}` with at least one button.
    Inline(Value),
    /// A reply keyboard, `remove_keyboard` or `force_reply`.
    Other(Value),
}

impl Markup {
    /// The inline keyboard, if this is one (what Telegram echoes in Message.reply_markup).
    pub fn inline(&self) -> Option<&Value> {
        match self {
            Markup::Inline(v) => Some(v),
            Markup::Other(_) => None,
        }
    }

    /// The markup as sent (without nulls).
    pub fn value(&self) -> &Value {
        match self {
            Markup::Inline(v) | Markup::Other(v) => v,
        }
    }
}

const INLINE_ACTIONS: &[&str] = &[
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
];

fn bad_markup() -> ApiErr {
    ApiErr::bad_request("can't parse reply keyboard markup JSON object")
}

/// Removes `null` members recursively (clients serialise `None` as null).
pub(crate) fn strip_nulls(v: Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, strip_nulls(v)))
                .collect::<Map<_, _>>(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(strip_nulls).collect()),
        other => other,
    }
}

fn rows(v: &Value) -> Result<Vec<&Vec<Value>>, ApiErr> {
    v.as_array()
        .ok_or_else(bad_markup)?
        .iter()
        .map(|row| row.as_array().ok_or_else(bad_markup))
        .collect()
}

fn check_inline_button(b: &Value) -> Result<(), ApiErr> {
    let obj = b.as_object().ok_or_else(bad_markup)?;
    if !obj.get("text").is_some_and(Value::is_string) {
        return Err(ApiErr::bad_request(
            "can't parse inline keyboard button: Text is not specified",
        ));
    }
    if !INLINE_ACTIONS.iter().any(|k| obj.contains_key(*k)) {
        return Err(ApiErr::bad(errors::TEXT_BUTTONS_UNALLOWED));
    }
    if let Some(data) = obj.get("callback_data") {
        let len = data.as_str().map_or(0, str::len);
        if !(1..=64).contains(&len) {
            return Err(ApiErr::bad(errors::BUTTON_DATA_INVALID));
        }
    }
    if let Some(url) = obj.get("url") {
        let url = url.as_str().unwrap_or("").to_ascii_lowercase();
        let ok = ["http://", "https://", "tg://"]
            .iter()
            .any(|p| url.starts_with(p) && url.len() > p.len());
        if !ok {
            return Err(ApiErr::bad(errors::BUTTON_URL_INVALID));
        }
    }
    Ok(())
}

fn check_reply_button(b: &Value) -> Result<(), ApiErr> {
    match b {
        Value::String(_) => Ok(()),
        Value::Object(obj) if obj.get("text").is_some_and(Value::is_string) => Ok(()),
        _ => Err(ApiErr::bad_request(
            "can't parse keyboard button: Text is not specified",
        )),
    }
}

/// Validates an optional `reply_markup` value.
pub(crate) fn parse(v: Option<Value>) -> Result<Option<Markup>, ApiErr> {
    let Some(v) = v.map(strip_nulls) else {
        return Ok(None);
    };
    let obj = v.as_object().ok_or_else(bad_markup)?;
    if let Some(kb) = obj.get("inline_keyboard") {
        let rows = rows(kb)?;
        rows.iter()
            .flat_map(|r| r.iter())
            .try_for_each(check_inline_button)?;
        let empty = rows.iter().all(|r| r.is_empty());
        return Ok((!empty).then(|| Markup::Inline(v.clone())));
    }
    if let Some(kb) = obj.get("keyboard") {
        rows(kb)?
            .iter()
            .flat_map(|r| r.iter())
            .try_for_each(check_reply_button)?;
        return Ok(Some(Markup::Other(v.clone())));
    }
    if obj.contains_key("remove_keyboard") || obj.contains_key("force_reply") {
        return Ok(Some(Markup::Other(v.clone())));
    }
    Err(bad_markup())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn inline_buttons_are_checked() {
        let ok = json!({"inline_keyboard": [[{"text": "a", "callback_data": "x", "url": null}]]});
        let m = parse(Some(ok)).unwrap().unwrap();
        assert_eq!(
            m.inline().unwrap(),
            &json!({"inline_keyboard": [[{"text": "a", "callback_data": "x"}]]})
        );
        let long = json!({"inline_keyboard": [[{"text": "a", "callback_data": "x".repeat(65)}]]});
        assert_eq!(
            parse(Some(long)).unwrap_err().description,
            errors::BUTTON_DATA_INVALID
        );
        let plain = json!({"inline_keyboard": [[{"text": "a"}]]});
        assert_eq!(
            parse(Some(plain)).unwrap_err().description,
            errors::TEXT_BUTTONS_UNALLOWED
        );
        let url = json!({"inline_keyboard": [[{"text": "a", "url": "ftp://x"}]]});
        assert_eq!(
            parse(Some(url)).unwrap_err().description,
            errors::BUTTON_URL_INVALID
        );
        assert_eq!(parse(Some(json!({"inline_keyboard": [[]]}))).unwrap(), None);
    }

    #[test]
    fn other_markups() {
        assert!(
            parse(Some(
                json!({"keyboard": [["a", {"text": "b", "request_location": true}]]})
            ))
            .is_ok()
        );
        assert!(parse(Some(json!({"remove_keyboard": true}))).is_ok());
        assert_eq!(
            parse(Some(json!({"keyboard": [[1]]}))).unwrap_err().code,
            400
        );
        assert_eq!(parse(Some(json!("x"))).unwrap_err().code, 400);
        assert_eq!(parse(Some(json!({"foo": 1}))).unwrap_err().code, 400);
    }
}
