//! Links in what simulated users write: the `url` entities Telegram adds to a
//! text or caption. Simplified: a link is a run of non-whitespace that starts
//! with `http://` or `https://`, or whose host ends in one of [`TLDS`]
//! (`example.com`, `t.me/x`); trailing punctuation is not part of it.

use serde_json::{Value, json};

/// Top-level domains that make a bare `name.tld` a link.
pub(crate) const TLDS: &[&str] = &[
    "com", "org", "net", "ua", "ru", "io", "me", "info", "biz", "xyz", "site", "online", "top",
    "app",
];

/// Opening characters a link may be wrapped in: `(example.com)`.
const LEADING: &[char] = &['(', '[', '"', '\'', '«'];
/// Characters that end a sentence or a wrapping, never a link.
const TRAILING: &[char] = &['.', ',', ';', ':', '!', '?', ')', ']', '"', '\'', '»'];

/// The runs of non-whitespace in `text` with their byte offsets.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// Whether `host` is `label.label...tld` with a known top-level domain.
fn is_known_host(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    let well_formed = labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'));
    let tld = labels.last().map(|t| t.to_lowercase()).unwrap_or_default();
    well_formed && TLDS.contains(&tld.as_str())
}

/// Whether a trimmed word is a link.
pub(crate) fn is_link(word: &str) -> bool {
    let lower = word.to_lowercase();
    for scheme in ["http://", "https://"] {
        if let Some(rest) = lower.strip_prefix(scheme) {
            return rest.chars().next().is_some_and(char::is_alphanumeric);
        }
    }
    if word.contains('@') {
        return false; // an e-mail address or a mention, not a url
    }
    let host = word.split(['/', '?', '#', ':']).next().unwrap_or_default();
    is_known_host(host)
}

/// The `url` entities of `text` (offsets and lengths in UTF-16 code units).
pub(crate) fn url_entities(text: &str) -> Vec<Value> {
    words(text)
        .into_iter()
        .filter_map(|(start, word)| {
            let unwrapped = word.trim_start_matches(LEADING);
            let link = unwrapped.trim_end_matches(TRAILING);
            if !is_link(link) {
                return None;
            }
            let before = start + (word.len() - unwrapped.len());
            let offset = text[..before].encode_utf16().count();
            let length = link.encode_utf16().count();
            Some(json!({ "type": "url", "offset": offset, "length": length }))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(text: &str) -> Vec<(usize, usize)> {
        url_entities(text)
            .iter()
            .map(|e| {
                let n = |k: &str| e[k].as_u64().unwrap() as usize;
                (n("offset"), n("length"))
            })
            .collect()
    }

    #[test]
    fn schemes_bare_domains_and_trailing_punctuation() {
        assert_eq!(links("see https://a.b/c?d=1."), vec![(4, 17)]);
        assert_eq!(links("HTTP://x"), vec![(0, 8)]);
        assert_eq!(links("go to example.com, now"), vec![(6, 11)]);
        assert_eq!(links("(t.me/chan)"), vec![(1, 9)]);
        assert_eq!(links("kyiv.gov.ua/help!"), vec![(0, 16)]);
        assert_eq!(links("EXAMPLE.COM"), vec![(0, 11)]);
    }

    #[test]
    fn not_links() {
        for text in [
            "file.txt",
            "e.g. this",
            "3.14",
            "a@example.com",
            "@someone",
            "http://",
            "..com",
            "a..com",
            "just words",
            "",
        ] {
            assert!(links(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn offsets_count_utf16_units() {
        // "Привіт 👋 " is 6 + 1 + 2 + 1 = 10 UTF-16 units.
        assert_eq!(links("Привіт 👋 spam.xyz"), vec![(10, 8)]);
        assert_eq!(links("a.com b.net"), vec![(0, 5), (6, 5)]);
    }
}
