//! Message text: `parse_mode` handling (HTML, MarkdownV2, legacy Markdown) the
//! way Telegram does it — markup becomes plain text plus entities, broken
//! markup is a `400 Bad Request: can't parse entities: ...` — and the length
//! limits for texts and captions.

mod html;
mod markdown;

use serde_json::{Map, Value, json};

use crate::errors::{self, ApiErr};

/// Maximum text length in characters, after entity parsing.
pub(crate) const MAX_TEXT: usize = 4096;
/// Maximum caption length in characters, after entity parsing.
pub(crate) const MAX_CAPTION: usize = 1024;

/// A formatting entity (offsets and lengths in UTF-16 code units, as Telegram).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entity {
    pub kind: &'static str,
    pub offset: usize,
    pub length: usize,
    pub extra: Option<(&'static str, String)>,
}

impl Entity {
    fn to_json(&self) -> Value {
        let mut v = json!({ "type": self.kind, "offset": self.offset, "length": self.length });
        if let Some((key, value)) = &self.extra {
            v[*key] = Value::String(value.clone());
        }
        v
    }
}

/// Plain text being built, with its UTF-16 length and finished entities.
#[derive(Debug, Default)]
pub(crate) struct Out {
    text: String,
    utf16: usize,
    entities: Vec<Entity>,
}

impl Out {
    fn push(&mut self, c: char) {
        self.text.push(c);
        self.utf16 += c.len_utf16();
    }

    fn pos(&self) -> usize {
        self.utf16
    }

    /// Finishes an entity that started at `start`; empty ones are dropped.
    fn add(&mut self, kind: &'static str, start: usize, extra: Option<(&'static str, String)>) {
        if self.utf16 > start {
            self.entities.push(Entity {
                kind,
                offset: start,
                length: self.utf16 - start,
                extra,
            });
        }
    }

    fn finish(mut self) -> Rendered {
        self.entities
            .sort_by(|a, b| a.offset.cmp(&b.offset).then(b.length.cmp(&a.length)));
        Rendered {
            text: self.text,
            entities: self.entities.iter().map(Entity::to_json).collect(),
        }
    }
}

/// Text as the recipient sees it, plus its entities as Bot API JSON.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rendered {
    pub text: String,
    pub entities: Vec<Value>,
}

impl Rendered {
    /// Writes `text_key` and (if any) `entities_key` into a message object.
    pub fn write_into(&self, msg: &mut Map<String, Value>, text_key: &str, entities_key: &str) {
        msg.insert(text_key.to_owned(), Value::String(self.text.clone()));
        msg.remove(entities_key);
        if !self.entities.is_empty() {
            msg.insert(entities_key.to_owned(), Value::Array(self.entities.clone()));
        }
    }
}

/// Makes a `can't parse entities` error.
fn parse_error(detail: impl std::fmt::Display) -> ApiErr {
    ApiErr::bad_request(format!("can't parse entities: {detail}"))
}

/// Applies `parse_mode` (or explicit `entities`) to `text`.
pub(crate) fn render(
    text: &str,
    parse_mode: Option<&str>,
    entities: Option<Value>,
) -> Result<Rendered, ApiErr> {
    let mode = parse_mode.map(str::trim).unwrap_or("").to_ascii_lowercase();
    let out = match mode.as_str() {
        "" => {
            let entities = match entities {
                None => Vec::new(),
                Some(Value::Array(list)) => list.into_iter().filter(valid_entity).collect(),
                Some(_) => return Err(parse_error("entities must be an array")),
            };
            return Ok(Rendered {
                text: text.to_owned(),
                entities,
            });
        }
        "html" => html::parse(text),
        "markdownv2" => markdown::parse_v2(text),
        "markdown" => markdown::parse_legacy(text),
        _ => return Err(ApiErr::bad_request("unsupported parse_mode")),
    };
    out.map(Out::finish).map_err(parse_error)
}

fn valid_entity(v: &Value) -> bool {
    v.get("type").is_some_and(Value::is_string)
        && v.get("offset").is_some_and(Value::is_u64)
        && v.get("length").is_some_and(Value::is_u64)
}

/// Renders a message text and checks it is non-empty and at most 4096 characters.
pub(crate) fn message_text(
    text: Option<&str>,
    parse_mode: Option<&str>,
    entities: Option<Value>,
) -> Result<Rendered, ApiErr> {
    let rendered = render(text.unwrap_or(""), parse_mode, entities)?;
    if rendered.text.trim().is_empty() {
        return Err(ApiErr::bad(errors::TEXT_EMPTY));
    }
    if rendered.text.chars().count() > MAX_TEXT {
        return Err(ApiErr::bad(errors::MESSAGE_TOO_LONG));
    }
    Ok(rendered)
}

/// Renders an optional caption (at most 1024 characters); empty → `None`.
pub(crate) fn caption(
    text: Option<&str>,
    parse_mode: Option<&str>,
    entities: Option<Value>,
) -> Result<Option<Rendered>, ApiErr> {
    let Some(text) = text else {
        return Ok(None);
    };
    let rendered = render(text, parse_mode, entities)?;
    if rendered.text.chars().count() > MAX_CAPTION {
        return Err(ApiErr::bad(errors::CAPTION_TOO_LONG));
    }
    Ok((!rendered.text.trim().is_empty()).then_some(rendered))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(r: &Rendered) -> Vec<String> {
        r.entities
            .iter()
            .map(|e| {
                format!(
                    "{}@{}+{}",
                    e["type"].as_str().unwrap(),
                    e["offset"],
                    e["length"]
                )
            })
            .collect()
    }

    #[test]
    fn html_becomes_text_and_entities() {
        let r = render(
            "<b>Hi</b> &lt;you&gt; <a href=\"https://x.org\">link</a> 🙂<i>x</i>",
            Some("HTML"),
            None,
        )
        .unwrap();
        assert_eq!(r.text, "Hi <you> link 🙂x");
        assert_eq!(kinds(&r), ["bold@0+2", "text_link@9+4", "italic@16+1"]);
        assert_eq!(r.entities[1]["url"], "https://x.org");
        let pre = render(
            "<pre><code class=\"language-rust\">fn</code></pre>",
            Some("html"),
            None,
        )
        .unwrap();
        assert_eq!(
            pre.entities,
            vec![json!({"type":"pre","offset":0,"length":2,"language":"rust"})]
        );
    }

    #[test]
    fn broken_html_is_rejected_like_telegram() {
        for bad in [
            "a < b",
            "<b>open",
            "<b>x</i>",
            "x</b>",
            "<div>x</div>",
            "<span>x</span>",
            "<a href=\"x>y</a>",
        ] {
            let err = render(bad, Some("HTML"), None).unwrap_err();
            assert!(
                err.description
                    .starts_with("Bad Request: can't parse entities: "),
                "{bad}: {err:?}"
            );
        }
        assert_eq!(
            render("a & b &amp; &#33;", Some("HTML"), None)
                .unwrap()
                .text,
            "a & b & !"
        );
    }

    #[test]
    fn markdown_v2_requires_escapes() {
        let r = render(
            "*bold* _it_ __u__ ||s|| `c` [t](https://e.com) a\\.b",
            Some("MarkdownV2"),
            None,
        )
        .unwrap();
        assert_eq!(r.text, "bold it u s c t a.b");
        assert_eq!(
            kinds(&r),
            [
                "bold@0+4",
                "italic@5+2",
                "underline@8+1",
                "spoiler@10+1",
                "code@12+1",
                "text_link@14+1"
            ]
        );
        for bad in ["Hello.", "*open", "a-b", "x]"] {
            assert!(render(bad, Some("MarkdownV2"), None).is_err(), "{bad}");
        }
        let q = render(">quoted\nplain", Some("MarkdownV2"), None).unwrap();
        assert_eq!(q.text, "quoted\nplain");
        assert_eq!(kinds(&q), ["blockquote@0+6"]);
    }

    #[test]
    fn legacy_markdown() {
        let r = render(
            "*b* _i_ `c` [t](http://e.com) 1.5-2",
            Some("Markdown"),
            None,
        )
        .unwrap();
        assert_eq!(r.text, "b i c t 1.5-2");
        assert!(render("*open", Some("Markdown"), None).is_err());
    }

    #[test]
    fn limits() {
        assert_eq!(
            message_text(Some(" \n"), None, None)
                .unwrap_err()
                .description,
            errors::TEXT_EMPTY
        );
        assert_eq!(
            message_text(None, None, None).unwrap_err().description,
            errors::TEXT_EMPTY
        );
        let long = "я".repeat(MAX_TEXT);
        assert!(message_text(Some(&long), None, None).is_ok());
        let longer = format!("{long}!");
        assert_eq!(
            message_text(Some(&longer), None, None)
                .unwrap_err()
                .description,
            errors::MESSAGE_TOO_LONG
        );
        let tagged = format!("<b>{long}</b>");
        assert!(message_text(Some(&tagged), Some("HTML"), None).is_ok());
        assert_eq!(
            caption(Some(&"c".repeat(1025)), None, None)
                .unwrap_err()
                .description,
            errors::CAPTION_TOO_LONG
        );
        assert_eq!(caption(Some(""), None, None).unwrap(), None);
        assert_eq!(render("x", Some("bbcode"), None).unwrap_err().code, 400);
    }
}
