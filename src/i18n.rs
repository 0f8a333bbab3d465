//! The three languages the bot speaks and the Fluent texts for each.
//!
//! Every user-facing string is a Fluent message id in `locales/<lang>/*.ftl`. Numbers are passed
//! as Fluent numbers so Ukrainian and Russian choose the right plural form (`one`/`few`/`many`).
//! Unicode isolation marks are switched off: Telegram shows them as stray characters.

use std::{
    collections::BTreeSet,
    fmt,
    path::{Path, PathBuf},
};

use fluent_bundle::{FluentArgs, FluentResource, FluentValue, concurrent::FluentBundle};
use fluent_syntax::ast;
use serde::{Deserialize, Serialize};
use unic_langid::LanguageIdentifier;

use crate::check::Problem;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Uk,
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Uk, Lang::Ru, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Uk => "uk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// A language we speak from a code like `uk`, `ru-RU` or `en_US`; `None` for others.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "uk" | "ua" => Some(Lang::Uk),
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    fn index(self) -> usize {
        match self {
            Lang::Uk => 0,
            Lang::Ru => 1,
            Lang::En => 2,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An argument to a Fluent message.
#[derive(Debug, Clone)]
pub enum Arg {
    Num(i64),
    Str(String),
}

impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Num(n)
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Num(n as i64)
    }
}
impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Str(s.to_owned())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}

/// The loaded texts for every language.
pub struct Locales {
    bundles: Vec<FluentBundle<FluentResource>>,
    ids: Vec<BTreeSet<String>>,
}

impl fmt::Debug for Locales {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Locales")
            .field(
                "ids",
                &self.ids.iter().map(BTreeSet::len).collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Locales {
    /// Loads `dir/<lang>/*.ftl` for every language. Problems: unreadable files, syntax errors,
    /// and any message id present in one language but missing in another.
    pub fn load(dir: &Path) -> Result<Locales, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut bundles = Vec::new();
        let mut ids = Vec::new();
        for lang in Lang::ALL {
            let (bundle, lang_ids) = load_language(dir, lang, &mut problems);
            bundles.push(bundle);
            ids.push(lang_ids);
        }
        let all: BTreeSet<&String> = ids.iter().flatten().collect();
        for lang in Lang::ALL {
            for id in &all {
                if !ids[lang.index()].contains(*id) {
                    problems.push(Problem::new(
                        dir.join(lang.code()).display().to_string(),
                        (*id).clone(),
                        "message is missing in this language",
                    ));
                }
            }
        }
        if problems.is_empty() {
            Ok(Locales { bundles, ids })
        } else {
            Err(problems)
        }
    }

    pub fn has(&self, lang: Lang, id: &str) -> bool {
        self.ids[lang.index()].contains(id)
    }

    /// The variables that choose a variant (`{ $for -> ... }`) in message `id` in `lang`,
    /// including those of the messages it refers to; `(name, …)` in order, each once.
    pub fn selector_variables(&self, lang: Lang, id: &str) -> Vec<String> {
        let bundle = &self.bundles[lang.index()];
        let mut found = Vec::new();
        let mut visited = vec![id.to_owned()];
        if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
            collect_selectors(bundle, pattern, &mut found, &mut visited);
        }
        found
    }

    /// The text of message `id` in `lang`.
    pub fn text(&self, lang: Lang, id: &str) -> String {
        self.format(lang, id, None)
    }

    /// The text of message `id` in `lang` with arguments.
    pub fn text_with(&self, lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
        let mut fargs = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Num(n) => fargs.set(*name, FluentValue::from(*n)),
                Arg::Str(s) => fargs.set(*name, FluentValue::from(s.clone())),
            }
        }
        self.format(lang, id, Some(&fargs))
    }

    fn format(&self, lang: Lang, id: &str, args: Option<&FluentArgs>) -> String {
        // The validator guarantees every id in every language; English, then the bare id, are
        // last resorts so a broken deployment still says something instead of crashing.
        for bundle in [&self.bundles[lang.index()], &self.bundles[Lang::En.index()]] {
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, args, &mut errors);
                if errors.is_empty() {
                    return text.into_owned();
                }
                tracing::warn!(message_id = id, lang = %lang, "fluent formatting error");
                return text.into_owned();
            }
        }
        tracing::error!(message_id = id, lang = %lang, "missing fluent message");
        id.to_owned()
    }
}

fn collect_selectors(
    bundle: &FluentBundle<FluentResource>,
    pattern: &ast::Pattern<&str>,
    found: &mut Vec<String>,
    visited: &mut Vec<String>,
) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            collect_in_expression(bundle, expression, found, visited);
        }
    }
}

fn collect_in_expression(
    bundle: &FluentBundle<FluentResource>,
    expression: &ast::Expression<&str>,
    found: &mut Vec<String>,
    visited: &mut Vec<String>,
) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            if let ast::InlineExpression::VariableReference { id } = selector
                && !found.iter().any(|f| f == id.name)
            {
                found.push(id.name.to_owned());
            }
            for variant in variants {
                collect_selectors(bundle, &variant.value, found, visited);
            }
        }
        ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => {
            collect_in_expression(bundle, expression, found, visited);
        }
        ast::Expression::Inline(ast::InlineExpression::MessageReference {
            id,
            attribute: None,
        }) => {
            if visited.iter().any(|v| v == id.name) {
                return;
            }
            visited.push(id.name.to_owned());
            if let Some(pattern) = bundle.get_message(id.name).and_then(|m| m.value()) {
                collect_selectors(bundle, pattern, found, visited);
            }
        }
        ast::Expression::Inline(_) => {}
    }
}

fn load_language(
    dir: &Path,
    lang: Lang,
    problems: &mut Vec<Problem>,
) -> (FluentBundle<FluentResource>, BTreeSet<String>) {
    let langid: LanguageIdentifier = lang.code().parse().expect("static language code");
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    bundle.set_use_isolating(false);
    let mut ids = BTreeSet::new();
    let folder = dir.join(lang.code());
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&folder) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
            .collect(),
        Err(e) => {
            problems.push(Problem::new(
                folder.display().to_string(),
                "",
                format!("cannot read the folder: {e}"),
            ));
            return (bundle, ids);
        }
    };
    files.sort();
    if files.is_empty() {
        problems.push(Problem::new(
            folder.display().to_string(),
            "",
            "no .ftl files",
        ));
    }
    for file in files {
        let name = file.display().to_string();
        let source = match std::fs::read_to_string(&file) {
            Ok(s) => s,
            Err(e) => {
                problems.push(Problem::new(name, "", format!("cannot read: {e}")));
                continue;
            }
        };
        let resource = match FluentResource::try_new(source.clone()) {
            Ok(r) => r,
            Err((r, errors)) => {
                for error in errors {
                    let line = source[..error.pos.start.min(source.len())]
                        .matches('\n')
                        .count()
                        + 1;
                    problems.push(Problem::new(
                        name.clone(),
                        format!("line {line}"),
                        format!("syntax error: {}", error.kind),
                    ));
                }
                r
            }
        };
        for entry in resource.entries() {
            if let fluent_syntax::ast::Entry::Message(m) = entry
                && !ids.insert(m.id.name.to_owned())
            {
                problems.push(Problem::new(
                    name.clone(),
                    m.id.name.to_owned(),
                    "message is defined twice",
                ));
            }
        }
        if let Err(errors) = bundle.add_resource(resource) {
            for error in errors {
                problems.push(Problem::new(name.clone(), "", error.to_string()));
            }
        }
    }
    (bundle, ids)
}

/// Telegram's limit for one message.
pub const MAX_MESSAGE_CHARS: usize = 4096;
/// Telegram's limit for a caption.
pub const MAX_CAPTION_CHARS: usize = 1024;

/// Cuts a text to what one Telegram message holds.
pub fn fit(text: String) -> String {
    if text.chars().count() <= MAX_MESSAGE_CHARS {
        return text;
    }
    let mut cut: String = text.chars().take(MAX_MESSAGE_CHARS - 1).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes_from_telegram_are_recognised() {
        assert_eq!(Lang::from_code("uk"), Some(Lang::Uk));
        assert_eq!(Lang::from_code("ru-RU"), Some(Lang::Ru));
        assert_eq!(Lang::from_code("en_US"), Some(Lang::En));
        assert_eq!(Lang::from_code("de"), None);
        assert_eq!(Lang::from_code(""), None);
    }
}
