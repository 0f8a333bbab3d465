//! Configuration from the environment (and `.env`), read raw and then validated.
//!
//! Every variable is documented in `.env.example`. A missing or malformed value becomes a
//! [`ConfigError`] that names the variable and says what is wrong; `main` prints it on one line
//! and exits with code 2.

use std::path::PathBuf;

use crate::i18n::Lang;

/// Where the bot finds its survey and texts when nothing else is configured.
pub const DEFAULT_DIALOGUE: &str = "dialogues/intake.toml";
pub const DEFAULT_LOCALES: &str = "locales";
pub const DEFAULT_RESOURCES: &str = "dialogues/resources.toml";
pub const DEFAULT_BRIDGE: &str = "dialogues/bridge.toml";
pub const DEFAULT_CODEWORDS: &str = "dialogues/codewords.toml";
pub const DEFAULT_PARTNERS: &str = "dialogues/partners.toml";
pub const DEFAULT_DATABASE_URL: &str = "sqlite://evac-intake.db";
/// The network's name on the first screen when `NETWORK_NAME` is not set.
pub const DEFAULT_NETWORK_NAME: &str = "Evac Intake";
/// The longest `NETWORK_NAME`, in characters: it is the first thing on a phone screen.
pub const MAX_NETWORK_NAME_CHARS: usize = 60;

#[derive(Debug, Clone)]
pub struct Config {
    /// `DATABASE_URL`: an sqlite URL; the file is created if missing.
    pub database_url: String,
    /// `SUPERVISOR_IDS`: Telegram user ids of the supervisors.
    pub supervisor_ids: Vec<i64>,
    /// `VOLUNTEER_CHAT_ID`: the volunteers' group, if there is one.
    pub volunteer_chat_id: Option<i64>,
    /// `DEFAULT_LANGUAGE`: for people whose Telegram language is not one we speak.
    pub default_language: Lang,
    /// `NETWORK_NAME`: who runs the bot, named on the consent screen (one line of text).
    pub network_name: String,
    /// `RETENTION_DAYS`: how long a closed case keeps its personal fields.
    pub retention_days: u32,
    /// `DIALOGUE_FILE`: the survey definition.
    pub dialogue_file: PathBuf,
    /// `RESOURCES_FILE`: how long a check of a verified resource holds, per kind.
    pub resources_file: PathBuf,
    /// `CODEWORDS_FILE`: the code words per language (`dialogues/codewords.toml`).
    pub codewords_file: PathBuf,
    /// `PARTNERS_FILE`: the partner organisations of `/refer` (`dialogues/partners.toml`).
    pub partners_file: PathBuf,
    /// `LOCALES_DIR`: the Fluent files, one folder per language.
    pub locales_dir: PathBuf,
    /// `THROTTLE`: keep notifications within Telegram's rate limits (`on`, the default), or
    /// send as fast as possible (`off`, for load benchmarks against the emulator only).
    pub throttle: bool,
    /// `EVAC_FAILPOINT`, for crash tests only: the name of a commit (`claim`, `done`, …; see
    /// `bot::notify::commit`) right after which the process aborts, before anything it queued
    /// is sent. Unset in production.
    pub failpoint: Option<String>,
    /// `MAX_IN_FLIGHT`: at most this many updates are handled at once (different chats
    /// concurrently, each chat's in order). Default 256.
    pub max_in_flight: usize,
    /// `WEBHOOK_URL`, `WEBHOOK_LISTEN`, `WEBHOOK_SECRET`: receive updates on a webhook
    /// instead of polling. `None` (no `WEBHOOK_URL`): long polling.
    pub webhook: Option<Webhook>,
    /// The network's public chats and how the bot guards them.
    pub public: PublicChats,
    /// `TRAINING_VALID_DAYS`: how long a volunteer's recorded training holds (default 365).
    pub training_valid_days: i64,
}

/// `PUBLIC_CHAT_IDS`, `REVIEW_CHAT_ID`, `GUARD_MODE`, `NEWCOMER_MESSAGES`, `REPORT_THRESHOLD`,
/// `BRIDGE_FILE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicChats {
    /// `PUBLIC_CHAT_IDS`: the network's public groups (the bot is an admin there, with the
    /// rights to delete messages and ban members). Empty: the bot guards no chat.
    pub chat_ids: Vec<i64>,
    /// `REVIEW_CHAT_ID`: where supervisors review what the guard did; `None`: each supervisor
    /// in their private chat.
    pub review_chat_id: Option<i64>,
    /// `GUARD_MODE=dry`: only review notes; nothing is deleted or banned. Default `on`.
    pub dry_run: bool,
    /// `NEWCOMER_MESSAGES`: a member's first messages checked as a newcomer's (default 3).
    pub newcomer_messages: i64,
    /// `REPORT_THRESHOLD`: distinct members whose `/report` hides a post until a supervisor
    /// looks (default 3).
    pub report_threshold: i64,
    /// `BRIDGE_FILE`: the phrases of a public cry for help (default `dialogues/bridge.toml`).
    pub bridge_file: PathBuf,
}

impl PublicChats {
    pub fn is_public(&self, chat_id: i64) -> bool {
        self.chat_ids.contains(&chat_id)
    }
}

/// Where Telegram delivers updates in webhook mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Webhook {
    /// `WEBHOOK_URL`: the public HTTPS address Telegram posts updates to (behind it, a
    /// reverse proxy forwards to `listen`); its path is the path served.
    pub url: reqwest::Url,
    /// `WEBHOOK_LISTEN`: the address the bot serves on. Default 0.0.0.0:8443.
    pub listen: std::net::SocketAddr,
    /// `WEBHOOK_SECRET`: Telegram sends it in `X-Telegram-Bot-Api-Secret-Token`; a request
    /// without it is refused (1 to 256 of A-Z, a-z, 0-9, `_`, `-`).
    pub secret: String,
}

/// The address served in webhook mode when `WEBHOOK_LISTEN` is not set.
pub const DEFAULT_WEBHOOK_LISTEN: &str = "0.0.0.0:8443";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{variable}: {problem}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub problem: String,
}

impl ConfigError {
    fn new(variable: &'static str, problem: impl Into<String>) -> Self {
        Self {
            variable,
            problem: problem.into(),
        }
    }
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads configuration through `lookup` (the environment in production, a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| {
            lookup(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };

        let database_url = get("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
        if !database_url.starts_with("sqlite:") {
            return Err(ConfigError::new(
                "DATABASE_URL",
                format!("expected an sqlite URL such as {DEFAULT_DATABASE_URL}"),
            ));
        }

        let supervisor_ids = match get("SUPERVISOR_IDS") {
            None => Vec::new(),
            Some(raw) => parse_ids(&raw).map_err(|p| ConfigError::new("SUPERVISOR_IDS", p))?,
        };

        let volunteer_chat_id = match get("VOLUNTEER_CHAT_ID") {
            None => None,
            Some(raw) => Some(raw.parse::<i64>().map_err(|_| {
                ConfigError::new(
                    "VOLUNTEER_CHAT_ID",
                    format!(
                        "'{raw}' is not a Telegram chat id (a group id looks like -1001234567890)"
                    ),
                )
            })?),
        };

        let default_language = match get("DEFAULT_LANGUAGE") {
            None => Lang::Uk,
            Some(raw) => Lang::from_code(&raw).ok_or_else(|| {
                ConfigError::new(
                    "DEFAULT_LANGUAGE",
                    format!("'{raw}' is not one of: uk, ru, en"),
                )
            })?,
        };

        let network_name = match get("NETWORK_NAME") {
            None => DEFAULT_NETWORK_NAME.to_owned(),
            Some(raw) => {
                validate_network_name(&raw).map_err(|p| ConfigError::new("NETWORK_NAME", p))?
            }
        };

        let retention_days = match get("RETENTION_DAYS") {
            None => 30,
            Some(raw) => match raw.parse::<u32>() {
                Ok(days) if (1..=3650).contains(&days) => days,
                _ => {
                    return Err(ConfigError::new(
                        "RETENTION_DAYS",
                        format!("'{raw}' is not a number of days from 1 to 3650"),
                    ));
                }
            },
        };

        let throttle = match get("THROTTLE").as_deref() {
            None | Some("on") => true,
            Some("off") => false,
            Some(other) => {
                return Err(ConfigError::new(
                    "THROTTLE",
                    format!("'{other}' is not on or off"),
                ));
            }
        };

        let max_in_flight = match get("MAX_IN_FLIGHT") {
            None => 256,
            Some(raw) => match raw.parse::<usize>() {
                Ok(n) if (1..=10_000).contains(&n) => n,
                _ => {
                    return Err(ConfigError::new(
                        "MAX_IN_FLIGHT",
                        format!("'{raw}' is not a number from 1 to 10000"),
                    ));
                }
            },
        };

        let webhook = webhook(&get)?;
        let public = public_chats(&get)?;
        let training_valid_days = match get("TRAINING_VALID_DAYS") {
            None => 365,
            Some(raw) => match raw.parse::<i64>() {
                Ok(days) if (1..=3650).contains(&days) => days,
                _ => {
                    return Err(ConfigError::new(
                        "TRAINING_VALID_DAYS",
                        format!("'{raw}' is not a number of days from 1 to 3650"),
                    ));
                }
            },
        };

        Ok(Self {
            throttle,
            max_in_flight,
            webhook,
            public,
            training_valid_days,
            failpoint: get("EVAC_FAILPOINT"),
            database_url,
            supervisor_ids,
            volunteer_chat_id,
            default_language,
            network_name,
            retention_days,
            dialogue_file: get("DIALOGUE_FILE")
                .map(PathBuf::from)
                .unwrap_or_else(|| locate(DEFAULT_DIALOGUE)),
            locales_dir: get("LOCALES_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| locate(DEFAULT_LOCALES)),
            resources_file: get("RESOURCES_FILE")
                .map(PathBuf::from)
                .unwrap_or_else(|| locate(DEFAULT_RESOURCES)),
            codewords_file: get("CODEWORDS_FILE")
                .map(PathBuf::from)
                .unwrap_or_else(|| locate(DEFAULT_CODEWORDS)),
            partners_file: get("PARTNERS_FILE")
                .map(PathBuf::from)
                .unwrap_or_else(|| locate(DEFAULT_PARTNERS)),
        })
    }

    pub fn is_supervisor(&self, user_id: i64) -> bool {
        self.supervisor_ids.contains(&user_id)
    }

    /// One of the network's own chats (the volunteer group, the review chat, a public chat):
    /// never banned.
    pub fn is_own_chat(&self, chat_id: i64) -> bool {
        self.volunteer_chat_id == Some(chat_id)
            || self.public.review_chat_id == Some(chat_id)
            || self.public.is_public(chat_id)
    }
}

fn public_chats(get: &impl Fn(&str) -> Option<String>) -> Result<PublicChats, ConfigError> {
    let group_id = |variable: &'static str, s: &str| match s.parse::<i64>() {
        Ok(id) if id < 0 => Ok(id),
        _ => Err(ConfigError::new(
            variable,
            format!("'{s}' is not a group's chat id (it looks like -1001234567890)"),
        )),
    };
    let chat_ids = match get("PUBLIC_CHAT_IDS") {
        None => Vec::new(),
        Some(raw) => raw
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| group_id("PUBLIC_CHAT_IDS", s))
            .collect::<Result<Vec<_>, _>>()?,
    };
    let review_chat_id = match get("REVIEW_CHAT_ID") {
        None => None,
        Some(raw) => Some(raw.parse::<i64>().map_err(|_| {
            ConfigError::new(
                "REVIEW_CHAT_ID",
                format!("'{raw}' is not a Telegram chat id"),
            )
        })?),
    };
    if let Some(review) = review_chat_id
        && chat_ids.contains(&review)
    {
        return Err(ConfigError::new(
            "REVIEW_CHAT_ID",
            "a public chat cannot be the review chat: its members would read the reviews",
        ));
    }
    let dry_run = match get("GUARD_MODE").as_deref() {
        None | Some("on") => false,
        Some("dry") => true,
        Some(other) => {
            return Err(ConfigError::new(
                "GUARD_MODE",
                format!("'{other}' is not on or dry"),
            ));
        }
    };
    let number = |variable: &'static str, default: i64| match get(variable) {
        None => Ok(default),
        Some(raw) => match raw.parse::<i64>() {
            Ok(n) if (1..=50).contains(&n) => Ok(n),
            _ => Err(ConfigError::new(
                variable,
                format!("'{raw}' is not a number from 1 to 50"),
            )),
        },
    };
    Ok(PublicChats {
        chat_ids,
        review_chat_id,
        dry_run,
        newcomer_messages: number("NEWCOMER_MESSAGES", 3)?,
        report_threshold: number("REPORT_THRESHOLD", 3)?,
        bridge_file: get("BRIDGE_FILE")
            .map(PathBuf::from)
            .unwrap_or_else(|| locate(DEFAULT_BRIDGE)),
    })
}

/// The webhook settings: all or nothing. `WEBHOOK_URL` turns webhook mode on and then needs
/// `WEBHOOK_SECRET`; `WEBHOOK_LISTEN` or `WEBHOOK_SECRET` alone is a mistake, not polling.
fn webhook(get: &impl Fn(&str) -> Option<String>) -> Result<Option<Webhook>, ConfigError> {
    let Some(raw_url) = get("WEBHOOK_URL") else {
        for variable in ["WEBHOOK_SECRET", "WEBHOOK_LISTEN"] {
            if get(variable).is_some() {
                return Err(ConfigError::new(
                    variable,
                    "is set but WEBHOOK_URL is not; set WEBHOOK_URL for webhook mode, or remove it to poll",
                ));
            }
        }
        return Ok(None);
    };
    let url = reqwest::Url::parse(&raw_url)
        .ok()
        .filter(|u| u.host_str().is_some())
        .ok_or_else(|| {
            ConfigError::new(
                "WEBHOOK_URL",
                "is not a URL such as https://bot.example.org/telegram",
            )
        })?;
    let loopback = matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
    if url.scheme() != "https" && !(url.scheme() == "http" && loopback) {
        return Err(ConfigError::new(
            "WEBHOOK_URL",
            "must start with https:// (Telegram delivers to HTTPS only)",
        ));
    }
    let listen_raw = get("WEBHOOK_LISTEN").unwrap_or_else(|| DEFAULT_WEBHOOK_LISTEN.to_owned());
    let listen = listen_raw.parse().map_err(|_| {
        ConfigError::new(
            "WEBHOOK_LISTEN",
            format!("'{listen_raw}' is not an address such as 0.0.0.0:8443"),
        )
    })?;
    let secret = get("WEBHOOK_SECRET").ok_or_else(|| {
        ConfigError::new(
            "WEBHOOK_SECRET",
            "is needed with WEBHOOK_URL: a random string of 1 to 256 letters, digits, _ or -",
        )
    })?;
    let allowed = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
    if secret.len() > 256 || !secret.bytes().all(allowed) {
        return Err(ConfigError::new(
            "WEBHOOK_SECRET",
            "must be 1 to 256 letters, digits, _ or - (Telegram's rule)",
        ));
    }
    Ok(Some(Webhook {
        url,
        listen,
        secret,
    }))
}

/// `TELOXIDE_TOKEN` is needed only to run the bot (not for `check`).
pub fn require_token() -> Result<(), ConfigError> {
    match std::env::var("TELOXIDE_TOKEN") {
        Ok(token) if looks_like_token(token.trim()) => Ok(()),
        Ok(_) => Err(ConfigError::new(
            "TELOXIDE_TOKEN",
            "does not look like a bot token (digits, a colon, then letters; from @BotFather)",
        )),
        Err(_) => Err(ConfigError::new(
            "TELOXIDE_TOKEN",
            "is not set; get a token from @BotFather and put it in .env",
        )),
    }
}

fn looks_like_token(token: &str) -> bool {
    match token.split_once(':') {
        Some((id, secret)) => {
            !id.is_empty()
                && id.bytes().all(|b| b.is_ascii_digit())
                && secret.len() >= 10
                && secret
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        }
        None => false,
    }
}

/// One line of plain text, at most [`MAX_NETWORK_NAME_CHARS`] characters: no line breaks or
/// other control characters, so the name cannot push the emergency line off the screen.
fn validate_network_name(raw: &str) -> Result<String, String> {
    if raw.chars().any(char::is_control) {
        return Err("must be one line of text, without line breaks or control characters".into());
    }
    let chars = raw.chars().count();
    if chars > MAX_NETWORK_NAME_CHARS {
        return Err(format!(
            "is {chars} characters long; at most {MAX_NETWORK_NAME_CHARS} are allowed"
        ));
    }
    Ok(raw.to_owned())
}

fn parse_ids(raw: &str) -> Result<Vec<i64>, String> {
    raw.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| match s.parse::<i64>() {
            Ok(id) if id > 0 => Ok(id),
            _ => Err(format!(
                "'{s}' is not a Telegram user id (a positive number; several are separated by commas)"
            )),
        })
        .collect()
}

/// A relative default path is looked up in the working directory first, then in the source tree
/// the binary was built from (so `cargo run` works from any folder).
fn locate(relative: &str) -> PathBuf {
    let here = PathBuf::from(relative);
    if here.exists() {
        return here;
    }
    let built = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative);
    if built.exists() { built } else { here }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn public_chats_are_group_ids_and_the_review_chat_is_not_one_of_them() {
        let c = config(&[
            ("PUBLIC_CHAT_IDS", "-1001, -1002"),
            ("REVIEW_CHAT_ID", "-1003"),
            ("GUARD_MODE", "dry"),
            ("NEWCOMER_MESSAGES", "5"),
        ])
        .unwrap();
        assert_eq!(c.public.chat_ids, [-1001, -1002]);
        assert_eq!(c.public.review_chat_id, Some(-1003));
        assert!(c.public.dry_run && c.public.is_public(-1002) && !c.public.is_public(-1003));
        assert_eq!(
            (c.public.newcomer_messages, c.public.report_threshold),
            (5, 3)
        );
        let defaults = config(&[]).unwrap().public;
        assert!(defaults.chat_ids.is_empty() && !defaults.dry_run);
        for (variable, value) in [
            ("PUBLIC_CHAT_IDS", "1001"),
            ("GUARD_MODE", "off"),
            ("NEWCOMER_MESSAGES", "0"),
            ("REPORT_THRESHOLD", "many"),
        ] {
            assert_eq!(config(&[(variable, value)]).unwrap_err().variable, variable);
        }
        let same = config(&[("PUBLIC_CHAT_IDS", "-1001"), ("REVIEW_CHAT_ID", "-1001")]);
        assert_eq!(same.unwrap_err().variable, "REVIEW_CHAT_ID");
    }

    #[test]
    fn defaults_apply_when_nothing_is_set() {
        let c = config(&[]).unwrap();
        assert_eq!(c.database_url, "sqlite://evac-intake.db");
        assert_eq!(c.default_language, Lang::Uk);
        assert_eq!(c.retention_days, 30);
        assert_eq!(c.network_name, DEFAULT_NETWORK_NAME);
        assert!(c.supervisor_ids.is_empty());
        assert_eq!(c.volunteer_chat_id, None);
    }

    #[test]
    fn supervisor_ids_are_a_comma_separated_list() {
        let c = config(&[("SUPERVISOR_IDS", " 11, 22 ,33 ")]).unwrap();
        assert_eq!(c.supervisor_ids, vec![11, 22, 33]);
        assert!(c.is_supervisor(22));
    }

    #[test]
    fn a_malformed_value_names_the_variable() {
        let e = config(&[("SUPERVISOR_IDS", "11,bob")]).unwrap_err();
        assert_eq!(e.variable, "SUPERVISOR_IDS");
        assert!(e.to_string().starts_with("SUPERVISOR_IDS: 'bob'"));
        assert_eq!(
            config(&[("RETENTION_DAYS", "0")]).unwrap_err().variable,
            "RETENTION_DAYS"
        );
        assert_eq!(
            config(&[("DEFAULT_LANGUAGE", "de")]).unwrap_err().variable,
            "DEFAULT_LANGUAGE"
        );
        assert_eq!(
            config(&[("VOLUNTEER_CHAT_ID", "group")])
                .unwrap_err()
                .variable,
            "VOLUNTEER_CHAT_ID"
        );
        assert_eq!(
            config(&[("DATABASE_URL", "postgres://x")])
                .unwrap_err()
                .variable,
            "DATABASE_URL"
        );
    }

    #[test]
    fn webhook_mode_needs_an_https_url_and_a_secret() {
        assert_eq!(config(&[]).unwrap().webhook, None, "polling by default");
        let on = config(&[
            ("WEBHOOK_URL", "https://bot.example.org/tg"),
            ("WEBHOOK_SECRET", "s3cret_-X"),
        ])
        .unwrap()
        .webhook
        .expect("webhook mode");
        assert_eq!(on.url.path(), "/tg");
        assert_eq!(on.listen.to_string(), DEFAULT_WEBHOOK_LISTEN);
        let err = |pairs: &[(&str, &str)]| config(pairs).unwrap_err().variable;
        assert_eq!(
            err(&[("WEBHOOK_URL", "https://x.org/tg")]),
            "WEBHOOK_SECRET"
        );
        assert_eq!(
            err(&[("WEBHOOK_URL", "http://x.org/tg"), ("WEBHOOK_SECRET", "a")]),
            "WEBHOOK_URL"
        );
        assert_eq!(
            err(&[
                ("WEBHOOK_URL", "https://x.org/"),
                ("WEBHOOK_SECRET", "no spaces")
            ]),
            "WEBHOOK_SECRET"
        );
        assert_eq!(
            err(&[
                ("WEBHOOK_URL", "https://x.org/"),
                ("WEBHOOK_SECRET", "a"),
                ("WEBHOOK_LISTEN", "8443")
            ]),
            "WEBHOOK_LISTEN"
        );
        assert_eq!(err(&[("WEBHOOK_SECRET", "a")]), "WEBHOOK_SECRET");
        let local = config(&[
            ("WEBHOOK_URL", "http://127.0.0.1:9000/hook"),
            ("WEBHOOK_SECRET", "a"),
            ("WEBHOOK_LISTEN", "127.0.0.1:9000"),
        ]);
        assert!(local.is_ok(), "plain HTTP only to this machine (tests)");
    }

    #[test]
    fn the_network_name_is_one_short_line() {
        let c = config(&[("NETWORK_NAME", "  Help Kharkiv volunteers ")]).unwrap();
        assert_eq!(c.network_name, "Help Kharkiv volunteers");
        assert_eq!(
            config(&[("NETWORK_NAME", "   ")]).unwrap().network_name,
            DEFAULT_NETWORK_NAME
        );
        let e = config(&[("NETWORK_NAME", "Line one\nline two")]).unwrap_err();
        assert_eq!(e.variable, "NETWORK_NAME");
        let long = "x".repeat(MAX_NETWORK_NAME_CHARS + 1);
        let e = config(&[("NETWORK_NAME", long.as_str())]).unwrap_err();
        assert!(
            e.to_string().starts_with("NETWORK_NAME: is 61 characters"),
            "{e}"
        );
        let exact = "я".repeat(MAX_NETWORK_NAME_CHARS);
        assert!(config(&[("NETWORK_NAME", exact.as_str())]).is_ok());
    }

    #[test]
    fn tokens_are_recognised_by_shape() {
        assert!(looks_like_token(
            "1234567890:QWERTYUIOPASDFGHJKLZXCVBNMQWERTYUIO"
        ));
        assert!(!looks_like_token("not-a-token"));
        assert!(!looks_like_token("123:short"));
    }
}
