//! Code words: the person and their volunteer get the same short word when the case is
//! claimed (from the person's language, `dialogues/codewords.toml`), to recognise each other
//! on a call or at a pickup. Chosen with the process's OS-seeded randomness, never from
//! anything an outsider could know (the case number, the time).

use std::{
    collections::BTreeMap,
    hash::{BuildHasher, Hasher},
    path::Path,
};

use serde::Deserialize;

use crate::{check::Problem, i18n::Lang};

/// At least this many words per language: a guess must be unlikely.
pub const MIN_WORDS: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeWords {
    words: BTreeMap<&'static str, Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    words: BTreeMap<String, Vec<String>>,
}

impl CodeWords {
    pub fn load(path: &Path) -> Result<CodeWords, Vec<Problem>> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| vec![Problem::new(&file, "", format!("cannot read: {e}"))])?;
        CodeWords::parse(&text, &file)
    }

    pub fn parse(text: &str, file: &str) -> Result<CodeWords, Vec<Problem>> {
        let parsed: File =
            toml::from_str(text).map_err(|e| vec![Problem::new(file, "", e.to_string())])?;
        let mut problems = Vec::new();
        let mut words = BTreeMap::new();
        for lang in Lang::ALL {
            let key = format!("words.{}", lang.code());
            let Some(list) = parsed.words.get(lang.code()) else {
                problems.push(Problem::new(
                    file,
                    key,
                    "missing: every language needs its words",
                ));
                continue;
            };
            let mut seen: Vec<String> = Vec::new();
            for (i, word) in list.iter().enumerate() {
                let w = word.trim().to_lowercase();
                let letters = w.chars().count();
                if !(3..=12).contains(&letters) || !w.chars().all(char::is_alphabetic) {
                    problems.push(Problem::new(
                        file,
                        format!("{key}[{i}]"),
                        "a code word is one word of 3 to 12 letters",
                    ));
                } else if seen.contains(&w) {
                    problems.push(Problem::new(file, format!("{key}[{i}]"), "listed twice"));
                } else {
                    seen.push(w);
                }
            }
            if seen.len() < MIN_WORDS {
                problems.push(Problem::new(
                    file,
                    key,
                    format!("at least {MIN_WORDS} words, or a code word is easy to guess"),
                ));
            }
            words.insert(lang.code(), seen);
        }
        for code in parsed.words.keys() {
            if Lang::from_code(code).is_none() {
                problems.push(Problem::new(
                    file,
                    format!("words.{code}"),
                    "not one of the languages uk, ru, en",
                ));
            }
        }
        if problems.is_empty() {
            Ok(CodeWords { words })
        } else {
            Err(problems)
        }
    }

    /// A word for a person who reads `lang`.
    pub fn pick(&self, lang: Lang) -> String {
        let list = self
            .words
            .get(lang.code())
            .filter(|l| !l.is_empty())
            .or_else(|| self.words.values().find(|l| !l.is_empty()));
        let Some(list) = list else {
            return String::new();
        };
        // RandomState is seeded from the OS for each new map: a fresh random number.
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_usize(list.len());
        list[(hasher.finish() % list.len() as u64) as usize].clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHIPPED: &str = include_str!("../dialogues/codewords.toml");

    #[test]
    fn the_shipped_words_pass_and_a_pick_is_from_the_persons_language() {
        let words = CodeWords::parse(SHIPPED, "codewords.toml").unwrap();
        let uk = &words.words["uk"];
        let picked: Vec<String> = (0..50).map(|_| words.pick(Lang::Uk)).collect();
        assert!(picked.iter().all(|w| uk.contains(w)));
        let distinct: std::collections::BTreeSet<&String> = picked.iter().collect();
        assert!(distinct.len() > 5, "picks vary: {distinct:?}");
        assert!(words.words["en"].contains(&words.pick(Lang::En)));
    }

    #[test]
    fn short_lists_bad_words_and_repeats_are_reported() {
        let text = "[words]\nuk = [\"калина\", \"калина\", \"два слова\"]\nen = [\"oak\"]\n";
        let problems = CodeWords::parse(text, "c.toml").unwrap_err();
        let keys: Vec<&str> = problems.iter().map(|p| p.key.as_str()).collect();
        assert!(
            keys.contains(&"words.uk[1]") && keys.contains(&"words.uk[2]"),
            "{keys:?}"
        );
        assert!(
            keys.contains(&"words.uk") && keys.contains(&"words.ru"),
            "{keys:?}"
        );
    }
}
