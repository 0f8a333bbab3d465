//! `parse_mode=HTML`, following Telegram's rules: only the documented tags,
//! only `&lt; &gt; &amp; &quot;` and numeric character references, and a bare
//! `<` is an error.

use super::Out;

/// An open tag waiting for its end tag.
struct Open {
    tag: String,
    kind: Option<&'static str>,
    extra: Option<(&'static str, String)>,
    start: usize,
}

const SUPPORTED: &[&str] = &[
    "a",
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "span",
    "tg-spoiler",
    "code",
    "pre",
    "blockquote",
    "tg-emoji",
];

/// Parses Telegram HTML into plain text and entities.
pub(super) fn parse(src: &str) -> Result<Out, String> {
    let mut out = Out::default();
    let mut stack: Vec<Open> = Vec::new();
    let mut i = 0;
    while let Some(c) = src[i..].chars().next() {
        match c {
            '&' => match decode_entity(&src[i..]) {
                Some((ch, used)) => {
                    out.push(ch);
                    i += used;
                }
                None => {
                    out.push('&');
                    i += 1;
                }
            },
            '<' if src[i..].starts_with("</") => {
                i = end_tag(src, i, &mut stack, &mut out)?;
            }
            '<' => {
                let (open, next) = start_tag(src, i, &mut stack, out.pos())?;
                stack.push(open);
                i = next;
            }
            _ => {
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    if let Some(open) = stack.last() {
        return Err(format!(
            "Can't find end tag corresponding to start tag \"{}\"",
            open.tag
        ));
    }
    Ok(out)
}

fn name_len(s: &str) -> usize {
    s.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(s.len())
}

fn skip_ws(src: &str, mut i: usize) -> usize {
    while src[i..].starts_with(|c: char| c.is_ascii_whitespace()) {
        i += 1;
    }
    i
}

/// Handles `</name>` at byte `at`; returns the byte after it.
fn end_tag(src: &str, at: usize, stack: &mut Vec<Open>, out: &mut Out) -> Result<usize, String> {
    let name_start = at + 2;
    let name_end = name_start + name_len(&src[name_start..]);
    let name = src[name_start..name_end].to_ascii_lowercase();
    let close = skip_ws(src, name_end);
    if !src[close..].starts_with('>') {
        return Err(format!("Unclosed end tag at byte offset {at}"));
    }
    let Some(open) = stack.pop() else {
        return Err(format!("Unexpected end tag at byte offset {at}"));
    };
    if open.tag != name {
        return Err(format!(
            "Unmatched end tag at byte offset {at}, expected \"</{}>\", found \"</{name}>\"",
            open.tag
        ));
    }
    if let Some(kind) = open.kind {
        out.add(kind, open.start, open.extra);
    }
    Ok(close + 1)
}

/// Parses `<name attr="v" ...>` at byte `at`; returns the open tag and the byte after it.
fn start_tag(
    src: &str,
    at: usize,
    stack: &mut [Open],
    pos: usize,
) -> Result<(Open, usize), String> {
    let name_start = at + 1;
    let name_end = name_start + name_len(&src[name_start..]);
    let tag = src[name_start..name_end].to_ascii_lowercase();
    if !SUPPORTED.contains(&tag.as_str()) {
        return Err(format!(
            "Unsupported start tag \"{tag}\" at byte offset {at}"
        ));
    }
    let mut attrs: Vec<(String, String)> = Vec::new();
    let mut i = name_end;
    loop {
        i = skip_ws(src, i);
        if src[i..].starts_with('>') {
            i += 1;
            break;
        }
        if i >= src.len() {
            return Err(format!("Unclosed start tag at byte offset {at}"));
        }
        let attr_end = i + name_len(&src[i..]);
        if attr_end == i {
            return Err(format!(
                "Empty attribute name in the tag \"{tag}\" at byte offset {i}"
            ));
        }
        let attr = src[i..attr_end].to_ascii_lowercase();
        i = skip_ws(src, attr_end);
        let mut value = String::new();
        if src[i..].starts_with('=') {
            i = skip_ws(src, i + 1);
            let (v, next) = attr_value(src, i)
                .ok_or_else(|| format!("Unclosed start tag at byte offset {at}"))?;
            value = v;
            i = next;
        }
        attrs.push((attr, value));
    }
    let attr = |name: &str| {
        attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let (kind, extra): (Option<&'static str>, Option<(&'static str, String)>) = match tag.as_str() {
        "b" | "strong" => (Some("bold"), None),
        "i" | "em" => (Some("italic"), None),
        "u" | "ins" => (Some("underline"), None),
        "s" | "strike" | "del" => (Some("strikethrough"), None),
        "tg-spoiler" => (Some("spoiler"), None),
        "span" if attr("class").as_deref() == Some("tg-spoiler") => (Some("spoiler"), None),
        "span" => {
            return Err(format!(
                "Tag \"span\" must have class \"tg-spoiler\" at byte offset {at}"
            ));
        }
        "a" => match attr("href").map(|h| normalize_url(&h)) {
            Some(Some(url)) => (Some("text_link"), Some(("url", url))),
            _ => (None, None),
        },
        "code" => {
            let lang = attr("class").and_then(|c| c.strip_prefix("language-").map(str::to_owned));
            match (stack.last_mut(), lang) {
                (Some(pre), Some(lang)) if pre.tag == "pre" && pre.start == pos => {
                    pre.extra = Some(("language", lang));
                    (None, None)
                }
                _ => (Some("code"), None),
            }
        }
        "pre" => (Some("pre"), None),
        "blockquote" if attr("expandable").is_some() => (Some("expandable_blockquote"), None),
        "blockquote" => (Some("blockquote"), None),
        _ => match attr("emoji-id") {
            Some(id) if !id.is_empty() => (Some("custom_emoji"), Some(("custom_emoji_id", id))),
            _ => {
                return Err(format!(
                    "Tag \"tg-emoji\" must have attribute \"emoji-id\" at byte offset {at}"
                ));
            }
        },
    };
    Ok((
        Open {
            tag,
            kind,
            extra,
            start: pos,
        },
        i,
    ))
}

/// A quoted or bare attribute value starting at `i`, entity-decoded.
fn attr_value(src: &str, i: usize) -> Option<(String, usize)> {
    let rest = &src[i..];
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'');
    let (raw, next) = match quote {
        Some(q) => {
            let end = rest[1..].find(q)? + 1;
            (&rest[1..end], i + end + 1)
        }
        None => {
            let end = rest
                .find(|c: char| c.is_ascii_whitespace() || c == '>')
                .unwrap_or(rest.len());
            (&rest[..end], i + end)
        }
    };
    let mut value = String::new();
    let mut j = 0;
    while let Some(c) = raw[j..].chars().next() {
        if c == '&'
            && let Some((ch, used)) = decode_entity(&raw[j..])
        {
            value.push(ch);
            j += used;
            continue;
        }
        value.push(c);
        j += c.len_utf8();
    }
    Some((value, next))
}

/// Telegram accepts links without a scheme and makes them `http://`.
fn normalize_url(href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.contains(char::is_whitespace) {
        return None;
    }
    Some(if href.contains(':') {
        href.to_owned()
    } else {
        format!("http://{href}")
    })
}

/// Decodes one `&...;` reference at the start of `s`: `(char, bytes used)`.
pub(super) fn decode_entity(s: &str) -> Option<(char, usize)> {
    let end = s.char_indices().take(12).find(|(_, c)| *c == ';')?.0;
    let name = &s[1..end];
    let ch = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code).filter(|c| *c != '\0')?
        }
    };
    Some((ch, end + 1))
}
