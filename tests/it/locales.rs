//! The texts: every message id the code uses (survey labels included) in every language, real
//! plurals, and precise reports when a translation is missing or broken.

use std::{
    collections::{BTreeMap, BTreeSet},
    path::{Path, PathBuf},
};

use evac_intake::{
    i18n::{Lang, Locales},
    survey::{Kind, Survey},
};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn locales() -> Locales {
    Locales::load(&root().join("locales")).expect("shipped locales are complete")
}

// --- Every message id the code uses exists in every language ---------------------------------
//
// The Rust code asks for texts by id: `locales.text(lang, "id")`, `text_with`, `has`, and the
// handlers' wrappers `t(..)` / `tc(..)`. Ids are also chosen into variables (`let usage =
// "usage-ban"`) and built with `format!("cmd-{c}")`. The scan below reads every `.rs` file under
// `src/` (comments skipped, strings unescaped) and collects:
// - every string literal passed directly to a lookup, whatever it looks like;
// - every other literal shaped like an id (`word-word…`), wherever it is;
// - every literal that builds an id (`cmd-{c}`, `q-{}-value`), expanded from the set it ranges
//   over (the survey, the commands, enum values read from the source, public constants).
// An id-building pattern the test does not know, or a literal id prefix joined at run time
// (`"q-".to_owned() + id`), is a failure: it cannot be checked, so it must not pass silently.
// What it cannot see: a one-word id (`"saved"`) that reaches a lookup only through a variable
// or a return value; one-word ids are written at the lookup in this code.

/// A piece of Rust source, as far as the scan needs.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Punct(char),
}

/// Tokens of Rust source with their line numbers: identifiers, string literals (unescaped; raw
/// and byte strings too) and punctuation. Comments, numbers, chars and lifetimes are dropped.
fn tokenize(src: &str) -> Vec<(Tok, usize)> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    line += usize::from(chars[i] == '\n');
                    i += 1;
                }
            }
        } else if let Some((text, end)) = raw_string(&chars, i) {
            out.push((Tok::Str(text.clone()), line));
            line += text.matches('\n').count();
            i = end;
        } else if c == '"' || (c == 'b' && next == Some('"')) {
            let start_line = line;
            i += if c == 'b' { 2 } else { 1 };
            let mut text = String::new();
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                    match chars.get(i) {
                        Some('n') => text.push('\n'),
                        Some('t') => text.push('\t'),
                        Some('r') => text.push('\r'),
                        Some('0') => text.push('\0'),
                        Some('\n') => {
                            // A line continuation: the newline and the next line's indent go.
                            line += 1;
                            while chars.get(i + 1).is_some_and(|c| c.is_whitespace()) {
                                line += usize::from(chars[i + 1] == '\n');
                                i += 1;
                            }
                        }
                        Some('x') => {
                            let hex: String = chars[i + 1..i + 3].iter().collect();
                            text.push(u8::from_str_radix(&hex, 16).unwrap_or(b'?') as char);
                            i += 2;
                        }
                        Some('u') => {
                            let close = (i..chars.len()).find(|&j| chars[j] == '}').unwrap();
                            let hex: String = chars[i + 2..close].iter().collect();
                            text.extend(
                                u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32),
                            );
                            i = close;
                        }
                        Some(other) => text.push(*other),
                        None => {}
                    }
                } else {
                    line += usize::from(chars[i] == '\n');
                    text.push(chars[i]);
                }
                i += 1;
            }
            out.push((Tok::Str(text), start_line));
            i += 1;
        } else if c == '\'' {
            // A char literal ('x', '\n', '\'', '\u{..}', '"') or a lifetime ('a).
            if next == Some('\\') {
                i += 3;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else if c.is_ascii_digit() {
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push((Tok::Ident(chars[start..i].iter().collect()), line));
        } else {
            out.push((Tok::Punct(c), line));
            i += 1;
        }
    }
    out
}

/// A raw string (`r"…"`, `r#"…"#`, `br"…"`) starting at `i`: its text and where it ends.
fn raw_string(chars: &[char], i: usize) -> Option<(String, usize)> {
    let mut j = i;
    if chars.get(j) == Some(&'b') {
        j += 1;
    }
    if chars.get(j) != Some(&'r')
        || (i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_'))
    {
        return None;
    }
    j += 1;
    let hashes = chars[j..].iter().take_while(|c| **c == '#').count();
    j += hashes;
    if chars.get(j) != Some(&'"') {
        return None;
    }
    let body = j + 1;
    let mut k = body;
    while k < chars.len() {
        if chars[k] == '"'
            && chars[k + 1..]
                .iter()
                .take(hashes)
                .filter(|c| **c == '#')
                .count()
                == hashes
        {
            return Some((chars[body..k].iter().collect(), k + 1 + hashes));
        }
        k += 1;
    }
    None
}

/// `word-word…` in lowercase: the shape of a Fluent id in this project.
fn id_shaped(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or_default();
    let part_ok = |p: &str| {
        !p.is_empty()
            && p.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    };
    first.starts_with(|c: char| c.is_ascii_lowercase())
        && part_ok(first)
        && s.contains('-')
        && parts.all(part_ok)
}

/// The literal parts of a format string (placeholders dropped, `{{`/`}}` unescaped), and how many
/// placeholders it has.
fn format_parts(s: &str) -> (String, usize) {
    let (mut literal, mut placeholders) = (String::new(), 0);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                literal.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                literal.push('}');
            }
            '{' => {
                placeholders += 1;
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                }
            }
            c => literal.push(c),
        }
    }
    (literal, placeholders)
}

/// Whether a format string builds something id-like: placeholders joined by id characters,
/// with a letter among them (`cmd-{c}`, `q-{}-value`) or only hyphens between plain
/// placeholders (`{a}-{b}`); not `{m:02}-{d:02}` (numbers) or `38{digits}`.
fn builds_an_id(s: &str) -> bool {
    let (literal, placeholders) = format_parts(s);
    let plain_placeholders = !s.contains(':');
    placeholders > 0
        && !literal.is_empty()
        && literal
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
        && (literal.bytes().any(|b| b.is_ascii_lowercase())
            || (literal.contains('-') && plain_placeholders))
}

/// The id patterns of the code, each with every id it can build.
type Patterns = BTreeMap<&'static str, Vec<String>>;

/// Literals shaped like ids that are not message ids (and why).
const NOT_IDS: &[(&str, &str)] = &[
    (
        "not-a-token",
        "a malformed bot token in a unit test of the configuration",
    ),
    ("sans-serif", "the font family of the /stats chart"),
];

/// Id-like format strings that build something other than a message id (and what).
const NOT_ID_PATTERNS: &[(&str, &str)] = &[
    ("blocked_{kind}", "a flag reason stored on a case"),
    ("answer_{}", "a CSV column name"),
    (
        "bot{}",
        "the Bot API path segment with the token (listener)",
    ),
];

/// What the scan found: every id required, with where the code uses it, and what could not
/// be checked.
#[derive(Debug, Default)]
struct Scan {
    ids: BTreeMap<String, BTreeSet<String>>,
    problems: Vec<String>,
}

/// Scans `(file name, source)` pairs for the ids they use.
fn scan(files: &[(String, String)], patterns: &Patterns) -> Scan {
    let not_ids: BTreeSet<&str> = NOT_IDS.iter().map(|(id, _)| *id).collect();
    let not_patterns: BTreeSet<&str> = NOT_ID_PATTERNS.iter().map(|(p, _)| *p).collect();
    let mut found = Scan::default();
    for (file, source) in files {
        let tokens = tokenize(source);
        let mut require = |id: &str, line: usize| {
            found
                .ids
                .entry(id.to_owned())
                .or_default()
                .insert(format!("{file}:{line}"));
        };
        // Literals passed straight to a lookup: ids whatever their shape.
        for (i, (tok, _)) in tokens.iter().enumerate() {
            let Tok::Ident(name) = tok else { continue };
            let before = |n: usize| i.checked_sub(n).map(|j| &tokens[j].0);
            let locales_method = matches!(name.as_str(), "text" | "text_with" | "has")
                && before(1) == Some(&Tok::Punct('.'))
                && before(2) == Some(&Tok::Ident("locales".into()));
            let wrapper =
                matches!(name.as_str(), "t" | "tc") && before(1) != Some(&Tok::Ident("fn".into()));
            if !(locales_method || wrapper)
                || tokens.get(i + 1).map(|t| &t.0) != Some(&Tok::Punct('('))
            {
                continue;
            }
            let mut depth = 0;
            for (tok, line) in &tokens[i + 1..] {
                match tok {
                    Tok::Punct('(' | '[' | '{') => depth += 1,
                    Tok::Punct(')' | ']' | '}') => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    Tok::Str(s) if depth == 1 && !s.contains('{') => require(s, *line),
                    _ => {}
                }
            }
        }
        // Every literal: ids by shape, id patterns, id prefixes.
        for (tok, line) in &tokens {
            let Tok::Str(s) = tok else { continue };
            if not_ids.contains(s.as_str()) || not_patterns.contains(s.as_str()) {
                continue;
            }
            if s.contains('{') {
                if !builds_an_id(s) {
                    continue;
                }
                match patterns.get(s.as_str()) {
                    Some(ids) => ids.iter().for_each(|id| require(id, *line)),
                    None => found.problems.push(format!(
                        "{file}:{line}: {s:?} builds a message id the test cannot expand; \
                         add it to the patterns of tests/it/locales.rs (or to NOT_ID_PATTERNS)"
                    )),
                }
            } else if id_shaped(s) {
                require(s, *line);
            } else if s.ends_with('-') && id_shaped(&format!("{s}x")) {
                found.problems.push(format!(
                    "{file}:{line}: {s:?} looks like the start of a message id joined at run \
                     time, which the test cannot expand; build it with format! instead"
                ));
            }
        }
    }
    found
}

/// The `.rs` files under a folder, with paths relative to the crate root.
fn rust_files(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let name = path.strip_prefix(root()).unwrap().display().to_string();
                out.push((name, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// The strings an enum's `as_str` maps its variants to (`Type::Variant => "text"` arms inside
/// `fn as_str`), read from the source, so a new variant is expanded without touching this test.
fn enum_strings(files: &[(String, String)], type_name: &str) -> Vec<String> {
    let mut out = BTreeSet::new();
    for (_, source) in files {
        let tokens: Vec<Tok> = tokenize(source).into_iter().map(|(t, _)| t).collect();
        let mut i = 0;
        while i + 1 < tokens.len() {
            if !(tokens[i] == Tok::Ident("fn".into())
                && tokens[i + 1] == Tok::Ident("as_str".into()))
            {
                i += 1;
                continue;
            }
            // The body: from the first `{` to its match.
            let open = (i..tokens.len())
                .find(|&j| tokens[j] == Tok::Punct('{'))
                .unwrap();
            let mut depth = 0;
            let mut end = open;
            for (j, tok) in tokens.iter().enumerate().skip(open) {
                match tok {
                    Tok::Punct('{') => depth += 1,
                    Tok::Punct('}') => {
                        depth -= 1;
                        if depth == 0 {
                            end = j;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            for w in tokens[open..end].windows(7) {
                if let [
                    Tok::Ident(t),
                    Tok::Punct(':'),
                    Tok::Punct(':'),
                    Tok::Ident(_),
                    Tok::Punct('='),
                    Tok::Punct('>'),
                    Tok::Str(s),
                ] = w
                    && t == type_name
                {
                    out.insert(s.clone());
                }
            }
            i = end;
        }
    }
    assert!(
        !out.is_empty(),
        "no `fn as_str` of {type_name} found in src/"
    );
    out.into_iter().collect()
}

/// The outcomes the SQL in src/ writes itself (`outcome = 'x'`, `… ELSE 'x' END`).
fn outcomes_written_by_sql(files: &[(String, String)]) -> Vec<String> {
    let mut out = BTreeSet::new();
    for (_, source) in files {
        for (tok, _) in tokenize(source) {
            let Tok::Str(sql) = tok else { continue };
            let mut rest = sql.as_str();
            while let Some(at) = rest.find("outcome = ") {
                rest = &rest[at + "outcome = ".len()..];
                let assignment = rest.split([',', '\n']).next().unwrap_or_default();
                let words: Vec<&str> = assignment.split_whitespace().collect();
                for (k, w) in words.iter().enumerate() {
                    let quoted = w.starts_with('\'') && w.ends_with('\'') && w.len() > 2;
                    let is_value = k == 0 || matches!(words[k - 1], "THEN" | "ELSE");
                    if quoted && is_value {
                        out.insert(w.trim_matches('\'').to_owned());
                    }
                }
            }
        }
    }
    out.into_iter().collect()
}

/// Every id pattern of the code and the set each ranges over.
fn patterns(survey: &Survey, files: &[(String, String)]) -> Patterns {
    use teloxide::utils::command::BotCommands;
    let strings = |items: &[&str]| items.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let prefixed = |prefix: &str, items: &[String]| {
        items
            .iter()
            .map(|i| format!("{prefix}{i}"))
            .collect::<Vec<_>>()
    };
    let commands: Vec<String> = evac_intake::bot::Command::bot_commands()
        .into_iter()
        .chain(evac_intake::bot::StaffCommand::bot_commands())
        .map(|c| c.command.trim_start_matches('/').to_owned())
        .collect();
    let statuses = enum_strings(files, "CaseStatus");
    let priorities = enum_strings(files, "Priority");
    let actions = enum_strings(files, "AuditAction");
    let languages: Vec<String> = Lang::ALL.iter().map(|l| l.code().to_owned()).collect();
    let done_outcomes: Vec<String> = evac_intake::case::Outcome::ALL
        .iter()
        .map(|o| o.as_str().to_owned())
        .collect();
    let mut all_outcomes = done_outcomes.clone();
    all_outcomes.extend(outcomes_written_by_sql(files));
    let block_kinds = strings(&[evac_intake::blocklist::PHONE, evac_intake::blocklist::PLACE]);
    let of_kind = |kinds: &[Kind]| {
        survey
            .questions
            .iter()
            .filter(|q| kinds.contains(&q.kind))
            .collect::<Vec<_>>()
    };
    let questions: Vec<String> = survey.questions.iter().map(|q| q.id.clone()).collect();
    let yes_no: Vec<String> = of_kind(&[Kind::YesNo])
        .iter()
        .flat_map(|q| q.choices.clone())
        .collect();
    let numbers: Vec<String> = of_kind(&[Kind::Number])
        .iter()
        .map(|q| format!("q-{}-value", q.id))
        .collect();
    let choices: Vec<String> = of_kind(&[Kind::Single, Kind::Multi])
        .iter()
        .flat_map(|q| q.choices.iter().map(|c| format!("q-{}-{c}", q.id)))
        .collect();
    let rules: Vec<String> = survey.rules.iter().map(|r| r.id.clone()).collect();
    assert!(!commands.is_empty() && !yes_no.is_empty() && !numbers.is_empty());
    BTreeMap::from([
        ("cmd-{c}", prefixed("cmd-", &commands)),
        ("status-{}", prefixed("status-", &statuses)),
        ("case-status-{}", prefixed("case-status-", &statuses)),
        ("report-status-{s}", prefixed("report-status-", &statuses)),
        ("priority-{}", prefixed("priority-", &priorities)),
        // The code shows the raw action when a text is missing; every action has one.
        ("report-action-{}", prefixed("report-action-", &actions)),
        ("language-{}", prefixed("language-", &languages)),
        (
            "team-role-{}",
            evac_intake::team::TeamRole::ALL
                .iter()
                .map(|r| format!("team-role-{}", r.code()))
                .collect(),
        ),
        (
            "guard-rule-{}",
            evac_intake::guard::Rule::ALL
                .iter()
                .map(|r| format!("guard-rule-{}", r.code()))
                .collect(),
        ),
        (
            "cmd-group-{c}",
            ["report", "help", "ban", "unban"]
                .iter()
                .map(|c| format!("cmd-group-{c}"))
                .collect(),
        ),
        (
            "resource-kind-{}",
            evac_intake::resources::Kind::ALL
                .iter()
                .map(|k| format!("resource-kind-{}", k.code()))
                .collect(),
        ),
        (
            "resource-status-{}",
            evac_intake::resources::Status::ALL
                .iter()
                .map(|s| format!("resource-status-{}", s.code()))
                .collect(),
        ),
        ("outcome-{o}", prefixed("outcome-", &done_outcomes)),
        ("outcome-{}", prefixed("outcome-", &done_outcomes)),
        // A case's stored outcome: from /done, or written by the database (ban, erasure).
        ("outcome-{outcome}", prefixed("outcome-", &all_outcomes)),
        (
            "blocked-kind-{kind}",
            prefixed("blocked-kind-", &block_kinds),
        ),
        ("answer-{c}", prefixed("answer-", &yes_no)),
        // The code shows the bare number when a text is missing; every number has one.
        ("q-{}-value", numbers),
        ("q-{question}", prefixed("q-", &questions)),
        (
            "q-{question}-short",
            questions.iter().map(|q| format!("q-{q}-short")).collect(),
        ),
        ("q-{question}-{choice}", choices),
        ("reason-{rule}", prefixed("reason-", &rules)),
    ])
}

#[test]
fn every_message_id_the_code_uses_exists_in_every_language() {
    let files = rust_files(&root().join("src"));
    let survey = Survey::load(&root().join("dialogues/intake.toml")).unwrap();
    let l = locales();
    let found = scan(&files, &patterns(&survey, &files));
    assert!(
        found.problems.is_empty(),
        "ids the test cannot check:\n{}",
        found.problems.join("\n")
    );
    // A scan that finds little is a broken scan, not a clean codebase.
    assert!(found.ids.len() > 300, "only {} ids found", found.ids.len());
    for id in survey.text_ids() {
        assert!(
            found.ids.contains_key(&id),
            "the scan missed the survey's {id}"
        );
    }
    let mut missing = Vec::new();
    for (id, places) in &found.ids {
        for lang in Lang::ALL {
            if !l.has(lang, id) {
                let places: Vec<&str> = places.iter().map(String::as_str).collect();
                missing.push(format!("{lang}: {id} (used at {})", places.join(", ")));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "message ids the code uses but locales/ lacks:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_id_scan_reports_missing_ids_and_refuses_patterns_it_cannot_expand() {
    // The negative control: made-up code whose ids are missing, or built in ways the test
    // does not know, is caught.
    let code = r####"
        fn f(app: &App, lang: Lang) {
            let a = app.locales.text(lang, "greeting");            // a one-word id, in a lookup
            let b = me.tc(app, "claimed-twice", 5);                 // through a wrapper
            let key = if x { "usage-nothing" } else { "help" };     // an id in a variable
            let c = locales.text(lang, &format!("mood-{m}"));       // an unknown pattern
            let d = "q-".to_owned() + id;                           // a prefix joined at run time
            let e = format!("cmd-{c}");                             // a known pattern
            // "comment-ids" and /* "block-comment-ids" */ are not code
            let f = r#"raw-id"#;
            let g = format!("{m:02}-{d:02}");                       // a date, not an id
            let q = '\''; let r = '"'; let l: &'static str = "x";  // chars and lifetimes
            let j = t(&format!("{kind}-{name}"));                   // ids from variables only
            let h = "two words";                                    // not an id
            let i = send::text(bot, chat, "Hello".into());          // not a lookup
        }
    "####;
    let patterns = BTreeMap::from([("cmd-{c}", vec!["cmd-start".to_owned()])]);
    let found = scan(&[("src/x.rs".to_owned(), code.to_owned())], &patterns);
    let ids: Vec<&str> = found.ids.keys().map(String::as_str).collect();
    assert_eq!(
        ids,
        [
            "claimed-twice",
            "cmd-start",
            "greeting",
            "raw-id",
            "usage-nothing"
        ]
    );
    assert_eq!(
        found.ids["greeting"],
        BTreeSet::from(["src/x.rs:3".to_owned()])
    );
    assert_eq!(found.problems.len(), 3, "{:#?}", found.problems);
    assert!(found.problems[0].contains("src/x.rs:6") && found.problems[0].contains("mood-{m}"));
    assert!(found.problems[1].contains("src/x.rs:7") && found.problems[1].contains("\"q-\""));
    assert!(
        found.problems[2].contains("src/x.rs:13") && found.problems[2].contains("{kind}-{name}")
    );
}

#[test]
fn ukrainian_plurals_choose_one_few_many() {
    let l = locales();
    let children = |n: i64| l.text_with(Lang::Uk, "q-children_count-value", &[("count", n.into())]);
    assert_eq!(children(1), "1 дитина");
    assert_eq!(children(2), "2 дитини");
    assert_eq!(children(5), "5 дітей");
    assert_eq!(children(11), "11 дітей");
    assert_eq!(children(21), "21 дитина");
    assert_eq!(children(22), "22 дитини");
    let people = |n: i64| l.text_with(Lang::Uk, "q-people-value", &[("count", n.into())]);
    assert_eq!(people(1), "1 людина");
    assert_eq!(people(3), "3 людини");
    assert_eq!(people(7), "7 людей");
    let too_long = l.text_with(Lang::Uk, "error-too-long", &[("max", 300i64.into())]);
    assert!(too_long.contains("300 символів"), "{too_long}");
    let consent = l.text_with(Lang::Uk, "consent-text", &[("days", 1i64.into())]);
    assert!(consent.contains("1 день"), "{consent}");
    // How old a resource's check is: "перевірено 1 годину / 3 години / 5 годин тому".
    let checked = |n: i64| {
        let age = l.text_with(Lang::Uk, "resource-age-hours", &[("n", n.into())]);
        l.text_with(
            Lang::Uk,
            "res-line-checked",
            &[("age", age.into()), ("by", 7i64.into())],
        )
    };
    assert!(
        checked(1).contains("перевірено 1 годину тому"),
        "{}",
        checked(1)
    );
    assert!(
        checked(3).contains("перевірено 3 години тому"),
        "{}",
        checked(3)
    );
    assert!(
        checked(5).contains("перевірено 5 годин тому"),
        "{}",
        checked(5)
    );
    assert!(
        checked(21).contains("перевірено 21 годину тому"),
        "{}",
        checked(21)
    );
    let ru_minutes = |n: i64| l.text_with(Lang::Ru, "resource-age-minutes", &[("n", n.into())]);
    assert_eq!(ru_minutes(1), "1 минуту");
    assert_eq!(ru_minutes(2), "2 минуты");
    assert_eq!(ru_minutes(5), "5 минут");
}

#[test]
fn russian_plurals_choose_one_few_many() {
    let l = locales();
    let children = |n: i64| l.text_with(Lang::Ru, "q-children_count-value", &[("count", n.into())]);
    assert_eq!(children(1), "1 ребёнок");
    assert_eq!(children(3), "3 ребёнка");
    assert_eq!(children(5), "5 детей");
    assert_eq!(children(21), "21 ребёнок");
    let days = l.text_with(Lang::Ru, "consent-text", &[("days", 30i64.into())]);
    assert!(days.contains("30 дней"), "{days}");
    let chars = l.text_with(Lang::Ru, "error-too-long", &[("max", 2i64.into())]);
    assert!(chars.contains("2 символа"), "{chars}");
}

#[test]
fn english_plurals_choose_one_other() {
    let l = locales();
    assert_eq!(
        l.text_with(
            Lang::En,
            "q-children_count-value",
            &[("count", 1i64.into())]
        ),
        "1 child"
    );
    assert_eq!(
        l.text_with(
            Lang::En,
            "q-children_count-value",
            &[("count", 4i64.into())]
        ),
        "4 children"
    );
}

#[test]
fn texts_carry_no_unicode_isolation_marks() {
    let l = locales();
    let text = l.text_with(Lang::En, "submitted", &[("case", 12i64.into())]);
    assert!(text.contains("#12"), "{text}");
    assert!(!text.contains('\u{2068}') && !text.contains('\u{2069}'));
}

/// Copies the shipped locales to a temporary folder for breaking.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for lang in Lang::ALL {
        let to = dir.path().join(lang.code());
        std::fs::create_dir_all(&to).unwrap();
        for file in ["main.ftl", "survey.ftl"] {
            std::fs::copy(
                root().join("locales").join(lang.code()).join(file),
                to.join(file),
            )
            .unwrap();
        }
    }
    dir
}

fn remove_message(file: &Path, id: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with(&format!("{id} =")))
        .collect();
    std::fs::write(file, kept.join("\n")).unwrap();
}

#[test]
fn a_message_missing_in_one_language_is_reported_with_its_folder_and_id() {
    let dir = scratch();
    remove_message(&dir.path().join("ru/main.ftl"), "cancel-kept");
    let problems = Locales::load(dir.path()).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].file.ends_with("ru"));
    assert_eq!(problems[0].key, "cancel-kept");
    assert_eq!(problems[0].message, "message is missing in this language");
}

#[test]
fn a_survey_label_missing_everywhere_is_reported_for_each_language() {
    let dir = scratch();
    for lang in Lang::ALL {
        remove_message(
            &dir.path().join(lang.code()).join("survey.ftl"),
            "q-pet_kinds-short",
        );
    }
    let survey = Survey::load(&root().join("dialogues/intake.toml")).unwrap();
    let locales = Locales::load(dir.path()).unwrap();
    let problems = survey.missing_texts(&locales, dir.path());
    assert_eq!(problems.len(), 3);
    assert!(problems.iter().all(|p| p.key == "q-pet_kinds-short"));
}

#[test]
fn a_syntax_error_is_reported_with_file_and_line() {
    let dir = scratch();
    let file = dir.path().join("en/main.ftl");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("\nbroken = { $count ->\n");
    std::fs::write(&file, text).unwrap();
    let problems = Locales::load(dir.path()).unwrap_err();
    let syntax = problems
        .iter()
        .find(|p| p.message.starts_with("syntax error"))
        .expect("a syntax error");
    assert!(syntax.file.ends_with("en/main.ftl"));
    assert!(syntax.key.starts_with("line "), "{syntax:?}");
}
