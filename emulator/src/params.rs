//! Request parameters, however the client sent them (query string, JSON,
//! url-encoded form or multipart), with tolerant typed getters: Telegram
//! accepts `"42"` where it wants `42`, and JSON text where it wants an object.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use crate::errors::ApiErr;
use crate::multipart;

/// A file the client uploaded in a multipart part.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Upload {
    pub file_name: Option<String>,
    pub size: usize,
    /// The uploaded bytes.
    pub data: Vec<u8>,
}

/// How a media parameter was given.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum MediaInput {
    Upload(Upload),
    FileId(String),
    Url(String),
}

/// Key marking an uploaded file inside the params object.
const UPLOAD_KEY: &str = "uploaded_file";

/// All parameters of one call, as a JSON object.
#[derive(Debug, Clone, Default)]
pub(crate) struct Params {
    map: Map<String, Value>,
    /// The bytes of each uploaded part, by part name.
    uploads: HashMap<String, Vec<u8>>,
}

impl Params {
    /// Builds params from the query string and body.
    pub fn from_request(
        query: Option<&str>,
        content_type: Option<&str>,
        body: &[u8],
    ) -> Result<Self, ApiErr> {
        let mut map = Map::new();
        let mut uploads = HashMap::new();
        if let Some(q) = query {
            for (k, v) in form_pairs(q.as_bytes()) {
                map.insert(k, Value::String(v));
            }
        }
        let ct = content_type.unwrap_or("").to_ascii_lowercase();
        if ct.starts_with("multipart/form-data") {
            let b = content_type
                .and_then(multipart::boundary)
                .ok_or_else(|| ApiErr::bad_request("multipart boundary is missing"))?;
            let parts = multipart::parse(&b, body).map_err(ApiErr::bad_request)?;
            for part in parts {
                let value = match part.file_name {
                    Some(file_name) => {
                        let value = json!({ UPLOAD_KEY: { "file_name": file_name, "size": part.data.len() } });
                        uploads.insert(part.name.clone(), part.data);
                        value
                    }
                    None => Value::String(String::from_utf8_lossy(&part.data).into_owned()),
                };
                map.insert(part.name, value);
            }
        } else if ct.starts_with("application/x-www-form-urlencoded") {
            for (k, v) in form_pairs(body) {
                map.insert(k, Value::String(v));
            }
        } else if !body.iter().all(u8::is_ascii_whitespace) {
            match serde_json::from_slice::<Value>(body) {
                Ok(Value::Object(obj)) => map.extend(obj),
                Ok(_) => return Err(ApiErr::bad_request("parameters must be a JSON object")),
                Err(_) if ct.starts_with("application/json") => {
                    return Err(ApiErr::bad_request("can't parse JSON request body"));
                }
                Err(_) => {}
            }
        }
        Ok(Self { map, uploads })
    }

    /// Params from a JSON object (anything else gives empty params).
    #[cfg(test)]
    pub fn from_value(v: Value) -> Self {
        match v {
            Value::Object(map) => Self {
                map,
                uploads: HashMap::new(),
            },
            _ => Self::default(),
        }
    }

    /// The params as one JSON object (uploads shown as `{"uploaded_file":{...}}`).
    pub fn to_value(&self) -> Value {
        Value::Object(self.map.clone())
    }

    /// The raw value; `null` counts as absent.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// A string param (numbers and bools are stringified).
    pub fn str(&self, key: &str) -> Option<String> {
        match self.get(key)? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// An integer param; a non-integer value is a 400.
    pub fn i64(&self, key: &str) -> Result<Option<i64>, ApiErr> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        let parsed = match v {
            Value::Number(n) => n.as_i64(),
            Value::String(s) if s.trim().is_empty() => return Ok(None),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        };
        parsed
            .map(Some)
            .ok_or_else(|| ApiErr::bad_request(format!("field \"{key}\" must be an integer")))
    }

    /// A required integer param (`Bad Request: {key} is empty` when missing).
    pub fn req_i64(&self, key: &str) -> Result<i64, ApiErr> {
        self.i64(key)?
            .ok_or_else(|| ApiErr::bad_request(format!("{key} is empty")))
    }

    /// A message id (i32).
    pub fn message_id(&self, key: &str) -> Result<Option<i32>, ApiErr> {
        match self.i64(key)? {
            None => Ok(None),
            Some(v) => i32::try_from(v)
                .map(Some)
                .map_err(|_| ApiErr::bad_request(format!("field \"{key}\" is out of range"))),
        }
    }

    /// A chat id: an integer, or an `@username` (which this emulator does not
    /// resolve: 400 chat not found). Missing → `chat_id is empty`.
    pub fn chat_id(&self, key: &str) -> Result<i64, ApiErr> {
        match self.get(key) {
            None => Err(ApiErr::bad_request(format!("{key} is empty"))),
            Some(Value::String(s)) if s.trim().is_empty() => {
                Err(ApiErr::bad_request(format!("{key} is empty")))
            }
            Some(_) => self
                .i64(key)
                .ok()
                .flatten()
                .ok_or_else(|| ApiErr::bad(crate::errors::CHAT_NOT_FOUND)),
        }
    }

    /// A boolean param (`true`, `"true"`, `1`, `"1"`).
    pub fn bool(&self, key: &str) -> bool {
        match self.get(key) {
            Some(Value::Bool(b)) => *b,
            Some(Value::Number(n)) => n.as_i64().is_some_and(|n| n != 0),
            Some(Value::String(s)) => {
                matches!(s.trim().to_ascii_lowercase().as_str(), "true" | "1")
            }
            _ => false,
        }
    }

    /// A JSON param: an object/array, or a string holding JSON. Bad JSON is a 400.
    pub fn json(&self, key: &str) -> Result<Option<Value>, ApiErr> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => serde_json::from_str(s)
                .map(Some)
                .map_err(|_| ApiErr::bad_request(format!("can't parse {key} JSON object"))),
            Some(v) => Ok(Some(v.clone())),
        }
    }

    /// A media param: upload, `attach://name` upload, URL or file_id.
    pub fn media(&self, key: &str) -> Option<MediaInput> {
        match self.get(key)? {
            Value::Object(obj) => {
                let up = obj.get(UPLOAD_KEY)?;
                Some(MediaInput::Upload(Upload {
                    file_name: up
                        .get("file_name")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                    size: up.get("size").and_then(Value::as_u64).unwrap_or(0) as usize,
                    data: self.uploads.get(key).cloned().unwrap_or_default(),
                }))
            }
            Value::String(s) => {
                if let Some(name) = s.strip_prefix("attach://") {
                    return self
                        .media(name)
                        .filter(|m| matches!(m, MediaInput::Upload(_)));
                }
                let lower = s.to_ascii_lowercase();
                if lower.starts_with("http://") || lower.starts_with("https://") {
                    Some(MediaInput::Url(s.clone()))
                } else {
                    Some(MediaInput::FileId(s.clone()))
                }
            }
            _ => None,
        }
    }
}

/// Decodes `application/x-www-form-urlencoded` pairs.
pub(crate) fn form_pairs(input: &[u8]) -> Vec<(String, String)> {
    input
        .split(|b| *b == b'&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = match pair.iter().position(|b| *b == b'=') {
                Some(i) => (&pair[..i], &pair[i + 1..]),
                None => (pair, &b""[..]),
            };
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

/// Percent-decoding (`+` is a space when `plus_as_space`); invalid escapes are kept.
pub(crate) fn percent_decode_with(input: &[u8], plus_as_space: bool) -> String {
    fn hex(b: &u8) -> Option<u8> {
        (*b as char).to_digit(16).map(|d| d as u8)
    }
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        match input[i] {
            b'+' if plus_as_space => {
                out.push(b' ');
                i += 1;
            }
            b'%' => match (
                input.get(i + 1).and_then(hex),
                input.get(i + 2).and_then(hex),
            ) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                }
                _ => {
                    out.push(b'%');
                    i += 1;
                }
            },
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Form-style percent-decoding (`+` is a space).
pub(crate) fn percent_decode(input: &[u8]) -> String {
    percent_decode_with(input, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_and_json_params_read_alike() {
        let form = Params::from_request(
            Some("chat_id=42"),
            Some("application/x-www-form-urlencoded"),
            b"text=hi+there%21&reply_markup=%7B%22remove_keyboard%22%3Atrue%7D",
        )
        .unwrap();
        assert_eq!(form.chat_id("chat_id").unwrap(), 42);
        assert_eq!(form.str("text").as_deref(), Some("hi there!"));
        assert_eq!(
            form.json("reply_markup").unwrap(),
            Some(json!({"remove_keyboard": true}))
        );
        let js = Params::from_request(
            None,
            Some("application/json"),
            br#"{"chat_id":"42","x":null}"#,
        )
        .unwrap();
        assert_eq!(js.chat_id("chat_id").unwrap(), 42);
        assert!(js.get("x").is_none());
    }

    #[test]
    fn malformed_input_is_a_400() {
        assert_eq!(
            Params::from_request(None, Some("application/json"), b"{nope")
                .unwrap_err()
                .code,
            400
        );
        assert_eq!(
            Params::from_request(None, Some("application/json"), b"[1]")
                .unwrap_err()
                .code,
            400
        );
        let p = Params::from_value(json!({"chat_id": "@chan", "n": "x", "m": {"a": 1}}));
        assert_eq!(
            p.chat_id("chat_id").unwrap_err().description,
            crate::errors::CHAT_NOT_FOUND
        );
        assert_eq!(p.i64("n").unwrap_err().code, 400);
        assert!(p.json("m").unwrap().is_some());
        assert_eq!(percent_decode(b"%zz%4"), "%zz%4");
    }
}
