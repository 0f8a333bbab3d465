//! Verified resources: shelters, transport, routes, medical help, food and contacts that a
//! supervisor checked, and the rules about them that do not depend on Telegram.
//!
//! A check holds for a time set per kind in `dialogues/resources.toml`. A resource can be sent
//! to a requester only while it is active, its check has not run out, and no requester has
//! reported it wrong since the last check.

use std::{collections::BTreeMap, path::Path};

use serde::Deserialize;

use crate::check::Problem;

/// The longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 100;
/// The longest details text, in characters.
pub const MAX_DETAILS_CHARS: usize = 600;
/// The largest capacity a supervisor can enter.
pub const MAX_CAPACITY: i64 = 100_000;
/// The longest a check may hold, in hours (30 days).
pub const MAX_VALID_HOURS: i64 = 720;
/// How soon before its expiry a resource is listed in the supervisors' digest.
pub const EXPIRY_WARNING_SECONDS: i64 = 3600;

/// What a resource is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Shelter,
    Transport,
    Route,
    Medical,
    Food,
    Contact,
    Other,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Shelter,
        Kind::Transport,
        Kind::Route,
        Kind::Medical,
        Kind::Food,
        Kind::Contact,
        Kind::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Shelter => "shelter",
            Kind::Transport => "transport",
            Kind::Route => "route",
            Kind::Medical => "medical",
            Kind::Food => "food",
            Kind::Contact => "contact",
            Kind::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn index(self) -> usize {
        Kind::ALL.iter().position(|k| *k == self).unwrap_or(0)
    }

    /// The text id of the kind's name.
    pub fn text_id(self) -> String {
        format!("resource-kind-{}", self.code())
    }
}

/// Whether a resource can take people now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Active,
    Full,
    Closed,
    Unsafe,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Active, Status::Full, Status::Closed, Status::Unsafe];

    pub fn code(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Full => "full",
            Status::Closed => "closed",
            Status::Unsafe => "unsafe",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The text id of the status's name.
    pub fn text_id(self) -> String {
        format!("resource-status-{}", self.code())
    }
}

/// A stored resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    pub id: i64,
    pub kind: Kind,
    /// A choice id of the survey's region question.
    pub region: String,
    pub title: String,
    pub details: String,
    /// In international form (+380…).
    pub phone: Option<String>,
    pub capacity: Option<i64>,
    pub status: Status,
    pub status_note: Option<String>,
    /// A requester reported it wrong or outdated since the last check.
    pub needs_check: bool,
    pub verified_by: i64,
    pub verified_at: i64,
    pub expires_at: i64,
}

impl Resource {
    /// The check ran out, or a requester reported it since.
    pub fn is_stale(&self, now: i64) -> bool {
        self.needs_check || now >= self.expires_at
    }

    /// Volunteers see it and may send it: active, and checked recently enough.
    pub fn can_be_sent(&self, now: i64) -> bool {
        self.status == Status::Active && !self.is_stale(now)
    }
}

/// How old a check is, in the unit a person reads it in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Age {
    Minutes(i64),
    Hours(i64),
    Days(i64),
}

impl Age {
    pub fn since(then: i64, now: i64) -> Age {
        let seconds = (now - then).max(0);
        match seconds {
            s if s < 3600 => Age::Minutes(s / 60),
            s if s < 2 * 86_400 => Age::Hours(s / 3600),
            s => Age::Days(s / 86_400),
        }
    }

    /// The text id and the number for its plural.
    pub fn text(self) -> (&'static str, i64) {
        match self {
            Age::Minutes(n) => ("resource-age-minutes", n),
            Age::Hours(n) => ("resource-age-hours", n),
            Age::Days(n) => ("resource-age-days", n),
        }
    }
}

/// Kyiv's wall-clock time of a unix time, as "HH:MM" (EET, EEST from the last Sunday of March
/// to the last Sunday of October, both at 01:00 UTC): what "checked at" shows a requester.
pub fn kyiv_time(unix: i64) -> String {
    let offset = if kyiv_summer_time(unix) { 3 } else { 2 } * 3600;
    let local = (unix + offset).rem_euclid(86_400);
    format!("{:02}:{:02}", local / 3600, (local % 3600) / 60)
}

fn kyiv_summer_time(unix: i64) -> bool {
    let year = civil_from_days(unix.div_euclid(86_400)).0;
    let start = last_sunday(year, 3) * 86_400 + 3600;
    let end = last_sunday(year, 10) * 86_400 + 3600;
    (start..end).contains(&unix)
}

/// The day number (days since 1970-01-01) of the last Sunday of a month.
fn last_sunday(year: i64, month: i64) -> i64 {
    let last_day = days_from_civil(year, month + 1, 1) - 1;
    // 1970-01-01 was a Thursday: weekday 0 = Sunday.
    let weekday = (last_day + 4).rem_euclid(7);
    last_day - weekday
}

/// Howard Hinnant's days_from_civil (month may be 13: January of the next year).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let (year, month) = if month > 12 {
        (year + 1, month - 12)
    } else {
        (year, month)
    };
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// How long a check holds, per kind: `dialogues/resources.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Validity {
    hours: BTreeMap<Kind, i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ValidityFile {
    kinds: BTreeMap<String, KindEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KindEntry {
    valid_for_hours: i64,
}

impl Validity {
    /// Reads and checks the file; every problem is reported with the file and the key.
    pub fn load(path: &Path) -> Result<Validity, Vec<Problem>> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| vec![Problem::new(&file, "", format!("cannot read: {e}"))])?;
        Validity::parse(&text, &file)
    }

    pub fn parse(text: &str, file: &str) -> Result<Validity, Vec<Problem>> {
        let parsed: ValidityFile =
            toml::from_str(text).map_err(|e| vec![Problem::new(file, "", e.to_string())])?;
        let mut problems = Vec::new();
        let mut hours = BTreeMap::new();
        for (code, entry) in &parsed.kinds {
            let key = format!("kinds.{code}");
            let Some(kind) = Kind::from_code(code) else {
                let known: Vec<&str> = Kind::ALL.iter().map(|k| k.code()).collect();
                problems.push(Problem::new(
                    file,
                    key,
                    format!("unknown kind; the kinds are {}", known.join(", ")),
                ));
                continue;
            };
            if !(1..=MAX_VALID_HOURS).contains(&entry.valid_for_hours) {
                problems.push(Problem::new(
                    file,
                    format!("{key}.valid_for_hours"),
                    format!("must be 1 to {MAX_VALID_HOURS} hours"),
                ));
                continue;
            }
            hours.insert(kind, entry.valid_for_hours);
        }
        for kind in Kind::ALL {
            if !parsed.kinds.contains_key(kind.code()) {
                problems.push(Problem::new(
                    file,
                    format!("kinds.{}", kind.code()),
                    "missing: every kind needs valid_for_hours",
                ));
            }
        }
        if problems.is_empty() {
            Ok(Validity { hours })
        } else {
            Err(problems)
        }
    }

    /// How many seconds a check of this kind holds.
    pub fn seconds(&self, kind: Kind) -> i64 {
        self.hours.get(&kind).copied().unwrap_or(24) * 3600
    }

    /// When a check made at `verified_at` runs out.
    pub fn expiry(&self, kind: Kind, verified_at: i64) -> i64 {
        verified_at + self.seconds(kind)
    }
}

/// What a supervisor's `/addresource` dialogue has collected so far.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Draft {
    pub kind: Option<String>,
    pub region: Option<String>,
    pub title: Option<String>,
    pub details: Option<String>,
    pub phone: Option<String>,
    /// The phone question is answered (a number, or skipped).
    #[serde(default)]
    pub phone_done: bool,
    pub capacity: Option<i64>,
    /// The capacity question is answered (a number, or skipped).
    #[serde(default)]
    pub capacity_done: bool,
}

/// The step a draft is at: the first thing it still lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Kind,
    Region,
    Title,
    Details,
    Phone,
    Capacity,
    Preview,
}

impl Draft {
    pub fn step(&self) -> Step {
        if self.kind.as_deref().and_then(Kind::from_code).is_none() {
            Step::Kind
        } else if self.region.is_none() {
            Step::Region
        } else if self.title.is_none() {
            Step::Title
        } else if self.details.is_none() {
            Step::Details
        } else if !self.phone_done {
            Step::Phone
        } else if !self.capacity_done {
            Step::Capacity
        } else {
            Step::Preview
        }
    }

    pub fn kind(&self) -> Option<Kind> {
        self.kind.as_deref().and_then(Kind::from_code)
    }
}

/// Why a typed value is not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Longer than this many characters.
    TooLong(usize),
    Empty,
    NotAPhone,
    NotANumber,
}

/// A title or details text: trimmed, not empty, not longer than `max` characters.
pub fn text_field(typed: &str, max: usize) -> Result<String, Refusal> {
    let cleaned = crate::typed::clean(typed).ok_or(Refusal::Empty)?;
    if cleaned.chars().count() > max {
        return Err(Refusal::TooLong(max));
    }
    Ok(cleaned)
}

/// A capacity: a whole number from 1 to [`MAX_CAPACITY`].
pub fn capacity(typed: &str) -> Result<i64, Refusal> {
    typed
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (1..=MAX_CAPACITY).contains(n))
        .ok_or(Refusal::NotANumber)
}

/// `/resstatus R status [note]`: the resource, the status and the note.
pub fn status_args(args: &str) -> Option<(i64, Status, Option<String>)> {
    let mut words = args.split_whitespace();
    let id = resource_id(words.next()?)?;
    let status = Status::from_code(&words.next()?.to_lowercase())?;
    let note = words.collect::<Vec<_>>().join(" ");
    Some((id, status, (!note.is_empty()).then_some(note)))
}

/// A resource number as staff write it: `12` or `R12`.
pub fn resource_id(word: &str) -> Option<i64> {
    let digits = word
        .strip_prefix('R')
        .or_else(|| word.strip_prefix('r'))
        .unwrap_or(word);
    (!digits.is_empty() && digits.len() <= 12 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|n| *n > 0)
}

/// `/resources [region] [kind]`, in either order; `Err` names the word that is neither.
pub fn list_filter<'a>(
    args: &'a str,
    regions: &[String],
) -> Result<(Option<String>, Option<Kind>), &'a str> {
    let mut region = None;
    let mut kind = None;
    for word in args.split_whitespace() {
        let lower = word.to_lowercase();
        if let Some(k) = Kind::from_code(&lower) {
            kind = Some(k);
        } else if regions.contains(&lower) {
            region = Some(lower);
        } else {
            return Err(word);
        }
    }
    Ok((region, kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHIPPED: &str = include_str!("../dialogues/resources.toml");

    fn resource(now: i64) -> Resource {
        Resource {
            id: 1,
            kind: Kind::Route,
            region: "kharkiv".into(),
            title: "t".into(),
            details: "d".into(),
            phone: None,
            capacity: None,
            status: Status::Active,
            status_note: None,
            needs_check: false,
            verified_by: 1,
            verified_at: now,
            expires_at: now + 6 * 3600,
        }
    }

    #[test]
    fn the_shipped_file_sets_every_kind() {
        let v = Validity::parse(SHIPPED, "resources.toml").unwrap();
        assert_eq!(v.seconds(Kind::Route), 6 * 3600);
        assert_eq!(v.seconds(Kind::Shelter), 24 * 3600);
        assert_eq!(v.seconds(Kind::Contact), 7 * 24 * 3600);
    }

    #[test]
    fn a_missing_kind_an_unknown_kind_and_a_bad_duration_are_each_reported() {
        let text = "[kinds]\nroute = { valid_for_hours = 0 }\nbunker = { valid_for_hours = 5 }\n";
        let problems = Validity::parse(text, "r.toml").unwrap_err();
        let keys: Vec<&str> = problems.iter().map(|p| p.key.as_str()).collect();
        assert!(keys.contains(&"kinds.route.valid_for_hours"), "{keys:?}");
        assert!(keys.contains(&"kinds.bunker"), "{keys:?}");
        assert!(keys.contains(&"kinds.shelter"), "{keys:?}");
        assert!(problems.iter().all(|p| p.file == "r.toml"));
    }

    #[test]
    fn a_resource_can_be_sent_only_while_active_checked_and_not_reported() {
        let now = 1_000_000;
        let r = resource(now);
        assert!(r.can_be_sent(now + 6 * 3600 - 1));
        assert!(!r.can_be_sent(now + 6 * 3600), "expired at its expiry");
        assert!(
            !Resource {
                needs_check: true,
                ..r.clone()
            }
            .can_be_sent(now)
        );
        assert!(
            !Resource {
                status: Status::Full,
                ..r
            }
            .can_be_sent(now)
        );
    }

    #[test]
    fn ages_are_read_in_minutes_then_hours_then_days() {
        assert_eq!(Age::since(0, 59 * 60), Age::Minutes(59));
        assert_eq!(Age::since(0, 3600), Age::Hours(1));
        assert_eq!(Age::since(0, 47 * 3600), Age::Hours(47));
        assert_eq!(Age::since(0, 3 * 86_400), Age::Days(3));
        assert_eq!(
            Age::since(10, 0),
            Age::Minutes(0),
            "a clock step back is now"
        );
    }

    #[test]
    fn kyiv_time_follows_summer_time() {
        // 2026-12-02 12:00 UTC: winter, UTC+2.
        assert_eq!(kyiv_time(1_796_212_800), "14:00");
        // 2026-07-01 12:00 UTC: summer, UTC+3.
        assert_eq!(kyiv_time(1_782_907_200), "15:00");
        // 2026-03-29 (the last Sunday of March) 00:59 UTC is winter, 01:00 summer.
        assert_eq!(kyiv_time(1_774_745_940), "02:59");
        assert_eq!(kyiv_time(1_774_746_000), "04:00");
    }

    #[test]
    fn drafts_ask_for_what_they_lack_in_order() {
        let mut d = Draft::default();
        assert_eq!(d.step(), Step::Kind);
        d.kind = Some("shelter".into());
        assert_eq!(d.step(), Step::Region);
        d.region = Some("kharkiv".into());
        d.title = Some("School 5".into());
        d.details = Some("basement".into());
        assert_eq!(d.step(), Step::Phone);
        d.phone_done = true;
        assert_eq!(d.step(), Step::Capacity);
        d.capacity = Some(40);
        d.capacity_done = true;
        assert_eq!(d.step(), Step::Preview);
        // A skipped answer survives the draft's storage.
        let stored: Draft = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
        assert_eq!(stored.step(), Step::Preview);
    }

    #[test]
    fn typed_values_are_checked() {
        assert_eq!(text_field("  ", 10), Err(Refusal::Empty));
        assert_eq!(text_field(&"я".repeat(11), 10), Err(Refusal::TooLong(10)));
        assert_eq!(text_field(" School 5 ", 10).as_deref(), Ok("School 5"));
        assert_eq!(capacity("40"), Ok(40));
        assert_eq!(capacity("0"), Err(Refusal::NotANumber));
        assert_eq!(capacity("forty"), Err(Refusal::NotANumber));
    }

    #[test]
    fn status_and_list_arguments() {
        assert_eq!(
            status_args("R3 full until 18:00"),
            Some((3, Status::Full, Some("until 18:00".into())))
        );
        assert_eq!(status_args("3 ACTIVE"), Some((3, Status::Active, None)));
        assert_eq!(status_args("3 gone"), None);
        assert_eq!(status_args("x full"), None);
        let regions = vec!["kharkiv".to_owned(), "sumy".to_owned()];
        assert_eq!(
            list_filter("shelter Kharkiv", &regions),
            Ok((Some("kharkiv".into()), Some(Kind::Shelter)))
        );
        assert_eq!(list_filter("", &regions), Ok((None, None)));
        assert_eq!(list_filter("kyiv", &regions), Err("kyiv"));
    }
}
