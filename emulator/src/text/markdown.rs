//! `parse_mode=MarkdownV2` and legacy `parse_mode=Markdown`.

use super::Out;

/// Characters MarkdownV2 reserves; outside entities they must be escaped.
const RESERVED: &[char] = &[
    '_', '*', '[', ']', '(', ')', '~', '`', '>', '#', '+', '-', '=', '|', '{', '}', '.', '!',
];

/// An open MarkdownV2 entity.
struct Open {
    kind: &'static str,
    start: usize,
    byte: usize,
    language: Option<String>,
}

fn entity_name(kind: &str) -> &'static str {
    match kind {
        "bold" => "Bold",
        "italic" => "Italic",
        "underline" => "Underline",
        "strikethrough" => "Strikethrough",
        "spoiler" => "Spoiler",
        "code" => "Code",
        "pre" => "Pre",
        _ => "TextUrl",
    }
}

fn unclosed(open: &Open) -> String {
    format!(
        "Can't find end of {} entity at byte offset {}",
        entity_name(open.kind),
        open.byte
    )
}

/// Opens `kind`, or closes it when it is the innermost open entity.
fn toggle(
    kind: &'static str,
    byte: usize,
    stack: &mut Vec<Open>,
    out: &mut Out,
) -> Result<(), String> {
    if stack.last().is_some_and(|o| o.kind == kind) {
        if let Some(open) = stack.pop() {
            out.add(kind, open.start, None);
        }
        return Ok(());
    }
    if stack.iter().any(|o| o.kind == kind)
        && let Some(inner) = stack.last()
    {
        return Err(unclosed(inner));
    }
    stack.push(Open {
        kind,
        start: out.pos(),
        byte,
        language: None,
    });
    Ok(())
}

/// Parses MarkdownV2 into plain text and entities.
pub(super) fn parse_v2(src: &str) -> Result<Out, String> {
    let chars: Vec<(usize, char)> = src.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|(_, c)| *c);
    let mut out = Out::default();
    let mut stack: Vec<Open> = Vec::new();
    let mut quote: Option<usize> = None;
    let mut i = 0;
    while let Some(&(byte, c)) = chars.get(i) {
        let next = at(i + 1);
        if c == '\\' {
            match next {
                Some(n) if (1..=126).contains(&(n as u32)) => {
                    out.push(n);
                    i += 2;
                }
                _ => {
                    out.push('\\');
                    i += 1;
                }
            }
            continue;
        }
        let triple = c == '`' && next == Some('`') && at(i + 2) == Some('`');
        if let Some(top) = stack.last()
            && (top.kind == "code" || top.kind == "pre")
        {
            let closes = (top.kind == "code" && c == '`') || (top.kind == "pre" && triple);
            if closes && let Some(open) = stack.pop() {
                out.add(
                    open.kind,
                    open.start,
                    open.language.map(|l| ("language", l)),
                );
                i += if triple { 3 } else { 1 };
            } else {
                out.push(c);
                i += 1;
            }
            continue;
        }
        match c {
            '*' => toggle("bold", byte, &mut stack, &mut out)?,
            '_' if next == Some('_') => {
                toggle("underline", byte, &mut stack, &mut out)?;
                i += 1;
            }
            '_' => toggle("italic", byte, &mut stack, &mut out)?,
            '~' => toggle("strikethrough", byte, &mut stack, &mut out)?,
            '|' if next == Some('|') => {
                toggle("spoiler", byte, &mut stack, &mut out)?;
                i += 1;
            }
            '`' if triple => {
                i += 3;
                let line_end = (i..chars.len()).find(|&j| chars[j].1 == '\n');
                let mut language = None;
                if let Some(end) = line_end {
                    let first: String = chars[i..end].iter().map(|(_, c)| *c).collect();
                    if !first.is_empty() && !first.contains(char::is_whitespace) {
                        language = Some(first);
                        i = end + 1;
                    }
                }
                stack.push(Open {
                    kind: "pre",
                    start: out.pos(),
                    byte,
                    language,
                });
                continue;
            }
            '`' => stack.push(Open {
                kind: "code",
                start: out.pos(),
                byte,
                language: None,
            }),
            '[' => stack.push(Open {
                kind: "text_link",
                start: out.pos(),
                byte,
                language: None,
            }),
            ']' if stack.last().is_some_and(|o| o.kind == "text_link") => {
                let Some(open) = stack.pop() else {
                    continue;
                };
                i += 1;
                if at(i) == Some('(') {
                    let (url, next_i) = link_url(&chars, i + 1)
                        .ok_or_else(|| format!("Can't find end of a URL at byte offset {byte}"))?;
                    if !url.is_empty() {
                        out.add("text_link", open.start, Some(("url", url)));
                    }
                    i = next_i;
                }
                continue;
            }
            '>' if i == 0 || at(i - 1) == Some('\n') => {
                quote.get_or_insert(out.pos());
            }
            '\n' => {
                if next != Some('>')
                    && let Some(start) = quote.take()
                {
                    out.add("blockquote", start, None);
                }
                out.push('\n');
            }
            c if RESERVED.contains(&c) => {
                return Err(format!(
                    "Character '{c}' is reserved and must be escaped with the preceding '\\'"
                ));
            }
            c => out.push(c),
        }
        i += 1;
    }
    if let Some(start) = quote {
        out.add("blockquote", start, None);
    }
    if let Some(open) = stack.last() {
        return Err(unclosed(open));
    }
    Ok(out)
}

/// Reads a link URL up to an unescaped `)`: `(url, index after ')')`.
fn link_url(chars: &[(usize, char)], mut i: usize) -> Option<(String, usize)> {
    let mut url = String::new();
    while let Some(&(_, c)) = chars.get(i) {
        match c {
            ')' => return Some((url, i + 1)),
            '\\' => {
                if let Some(&(_, n)) = chars.get(i + 1) {
                    url.push(n);
                }
                i += 2;
            }
            c => {
                url.push(c);
                i += 1;
            }
        }
    }
    None
}

/// Parses legacy Markdown: `*bold*`, `_italic_`, `` `code` ``, ```` ```pre``` ````, `[text](url)`.
pub(super) fn parse_legacy(src: &str) -> Result<Out, String> {
    let mut out = Out::default();
    let mut i = 0;
    let not_found =
        |byte: usize| format!("Can't find end of the entity starting at byte offset {byte}");
    while let Some(c) = src[i..].chars().next() {
        let rest = &src[i..];
        match c {
            '\\' if rest[1..].starts_with(['_', '*', '`', '[']) => {
                out.push(rest[1..].chars().next().unwrap_or('\\'));
                i += 2;
            }
            '*' | '_' => {
                let end = rest[1..].find(c).ok_or_else(|| not_found(i))? + 1;
                let start = out.pos();
                rest[1..end].chars().for_each(|ch| out.push(ch));
                out.add(if c == '*' { "bold" } else { "italic" }, start, None);
                i += end + 1;
            }
            '`' if rest.starts_with("```") => {
                let end = rest[3..].find("```").ok_or_else(|| not_found(i))? + 3;
                let start = out.pos();
                rest[3..end].chars().for_each(|ch| out.push(ch));
                out.add("pre", start, None);
                i += end + 3;
            }
            '`' => {
                let end = rest[1..].find('`').ok_or_else(|| not_found(i))? + 1;
                let start = out.pos();
                rest[1..end].chars().for_each(|ch| out.push(ch));
                out.add("code", start, None);
                i += end + 1;
            }
            '[' => {
                let close = rest.find(']').ok_or_else(|| not_found(i))?;
                let start = out.pos();
                rest[1..close].chars().for_each(|ch| out.push(ch));
                i += close + 1;
                if src[i..].starts_with('(') {
                    let end = src[i..].find(')').ok_or_else(|| not_found(i))?;
                    let url = src[i + 1..i + end].trim().to_owned();
                    if !url.is_empty() {
                        out.add("text_link", start, Some(("url", url)));
                    }
                    i += end + 1;
                }
            }
            c => {
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    Ok(out)
}
