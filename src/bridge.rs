//! The bridge from a public cry for help to the private request form: which posts ask for
//! help to leave (phrases per language in `dialogues/bridge.toml`), and whether a post holds
//! an address, so the bot deletes it for its author's safety. Pure.

use std::{collections::BTreeMap, path::Path};

use serde::Deserialize;

use crate::{check::Problem, i18n::Lang};

/// The longest phrase, in characters.
const MAX_PHRASE_CHARS: usize = 60;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bridge {
    /// Per language, the phrases in lower case with plain apostrophes.
    patterns: Vec<(Lang, Vec<String>)>,
    /// Street words, in lower case, without a final dot.
    address_markers: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BridgeFile {
    patterns: BTreeMap<String, Vec<String>>,
    address_markers: Markers,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Markers {
    words: Vec<String>,
}

/// Lower case, apostrophes made plain (’ ʼ ` → '), spaces collapsed.
fn plain(text: &str) -> String {
    text.to_lowercase()
        .replace(['’', 'ʼ', '`', '‘'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Bridge {
    /// Reads and checks the file; every problem is reported with the file and the key.
    pub fn load(path: &Path) -> Result<Bridge, Vec<Problem>> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| vec![Problem::new(&file, "", format!("cannot read: {e}"))])?;
        Bridge::parse(&text, &file)
    }

    pub fn parse(text: &str, file: &str) -> Result<Bridge, Vec<Problem>> {
        let parsed: BridgeFile =
            toml::from_str(text).map_err(|e| vec![Problem::new(file, "", e.to_string())])?;
        let mut problems = Vec::new();
        let mut patterns = Vec::new();
        for (code, phrases) in &parsed.patterns {
            let key = format!("patterns.{code}");
            let Some(lang) = Lang::ALL.into_iter().find(|l| l.code() == code) else {
                problems.push(Problem::new(
                    file,
                    key,
                    "not one of the languages uk, ru, en",
                ));
                continue;
            };
            let mut seen: Vec<String> = Vec::new();
            for (i, phrase) in phrases.iter().enumerate() {
                let p = plain(phrase);
                let at = format!("{key}[{i}]");
                if p.chars().count() < 6 || p.split(' ').count() < 2 {
                    problems.push(Problem::new(
                        file,
                        at,
                        "too short: a phrase needs two words and six letters, or it answers ordinary posts",
                    ));
                } else if p.chars().count() > MAX_PHRASE_CHARS {
                    problems.push(Problem::new(
                        file,
                        at,
                        format!("longer than {MAX_PHRASE_CHARS} characters"),
                    ));
                } else if seen.contains(&p) {
                    problems.push(Problem::new(file, at, "listed twice"));
                } else {
                    seen.push(p);
                }
            }
            patterns.push((lang, seen));
        }
        for lang in Lang::ALL {
            if !parsed.patterns.contains_key(lang.code()) {
                problems.push(Problem::new(
                    file,
                    format!("patterns.{}", lang.code()),
                    "missing: every language needs its phrases",
                ));
            }
        }
        let address_markers: Vec<String> = parsed
            .address_markers
            .words
            .iter()
            .map(|w| plain(w).trim_end_matches('.').to_owned())
            .collect();
        if address_markers.iter().any(String::is_empty) {
            problems.push(Problem::new(file, "address_markers.words", "an empty word"));
        }
        if problems.is_empty() {
            Ok(Bridge {
                patterns,
                address_markers,
            })
        } else {
            Err(problems)
        }
    }

    /// The language of the first phrase a post contains: a cry for help to leave.
    pub fn cry_for_help(&self, text: &str) -> Option<Lang> {
        let text = plain(text);
        self.patterns
            .iter()
            .find(|(_, phrases)| phrases.iter().any(|p| text.contains(p.as_str())))
            .map(|(lang, _)| *lang)
    }

    /// Whether a post looks like it holds an address: a street word with a number within the
    /// next three words ("вул. Лісова 7", "ул Мира, 5", "12 Main street" is missed: that is
    /// the safe side for a reply, which never repeats the post).
    pub fn has_address(&self, text: &str) -> bool {
        let words: Vec<String> = plain(text)
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .map(|w| w.trim_end_matches('.').to_owned())
            .collect();
        words.iter().enumerate().any(|(i, w)| {
            // "вул.Лісова": the marker glued to the name.
            let glued = w.split_once('.').is_some_and(|(m, _)| self.is_marker(m));
            (self.is_marker(w) || glued)
                && words
                    .iter()
                    .skip(i)
                    .take(4)
                    .any(|next| next.chars().any(|c| c.is_ascii_digit()))
        })
    }

    fn is_marker(&self, word: &str) -> bool {
        self.address_markers.iter().any(|m| m == word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHIPPED: &str = include_str!("../dialogues/bridge.toml");

    fn bridge() -> Bridge {
        Bridge::parse(SHIPPED, "bridge.toml").unwrap()
    }

    #[test]
    fn a_cry_for_help_is_recognised_in_each_language() {
        let b = bridge();
        assert_eq!(
            b.cry_for_help("Люди, ДОПОМОЖІТЬ ВИЇХАТИ з Куп'янська!"),
            Some(Lang::Uk)
        );
        assert_eq!(b.cry_for_help("помогите уехать из Бахмута"), Some(Lang::Ru));
        assert_eq!(
            b.cry_for_help("Please help us  leave Kherson"),
            Some(Lang::En)
        );
        assert_eq!(b.cry_for_help("Дякую всім за допомогу"), None);
    }

    #[test]
    fn addresses_are_recognised_by_a_street_word_and_a_number() {
        let b = bridge();
        assert!(b.has_address("ми на вул. Лісова 7, підвал"));
        assert!(b.has_address("ул Мира, 5"));
        assert!(b.has_address("вул.Лісова 7"));
        assert!(!b.has_address("вулиця розбита, проїзду немає"));
        assert!(!b.has_address("нас 5 людей"));
    }

    #[test]
    fn short_or_repeated_phrases_and_a_missing_language_are_reported() {
        let text = "[patterns]\nuk = [\"допоможіть\", \"як виїхати з\", \"Як  виїхати з\"]\nen = [\"help me leave\"]\n[address_markers]\nwords = [\"вул\"]\n";
        let problems = Bridge::parse(text, "b.toml").unwrap_err();
        let keys: Vec<&str> = problems.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(keys, ["patterns.uk[0]", "patterns.uk[2]", "patterns.ru"]);
    }
}
