//! The guard of the network's public chats: what a post holds that matters (phone numbers,
//! links, places), and which rule it meets. Pure: the bot layer reads the facts (is the author
//! banned, which hashes are on the blocklist, is the author new) and acts on the verdict.
//!
//! The rules, in order:
//! 1. the author is banned by the network: the post is deleted and the author banned in the
//!    chat;
//! 2. a phone number, a place or a link in it is on the fake-data blocklist: deleted, and a
//!    review note;
//! 3. a newcomer (one of their first `NEWCOMER_MESSAGES` messages, or joined less than 24 h
//!    ago) posts a link, a phone number, a shared contact or a forward from a channel: held
//!    (deleted) until a supervisor approves the author or bans them.
//!
//! Staff and members a supervisor trusted meet none of them.

use crate::blocklist;

/// How long after joining a member counts as new, whatever they wrote.
pub const NEWCOMER_SECONDS: i64 = 24 * 3600;
/// Place names are matched as runs of up to this many words.
const MAX_PLACE_WORDS: usize = 6;
/// A phone number has at least this many digits (a date or a sum has fewer or is no phone).
const MIN_PHONE_DIGITS: usize = 9;

/// Which rule a post met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    BannedAuthor,
    BlockedPhone,
    BlockedPlace,
    BlockedLink,
    NewcomerLink,
    NewcomerPhone,
    NewcomerContact,
    NewcomerForward,
}

impl Rule {
    pub const ALL: [Rule; 8] = [
        Rule::BannedAuthor,
        Rule::BlockedPhone,
        Rule::BlockedPlace,
        Rule::BlockedLink,
        Rule::NewcomerLink,
        Rule::NewcomerPhone,
        Rule::NewcomerContact,
        Rule::NewcomerForward,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Rule::BannedAuthor => "banned_author",
            Rule::BlockedPhone => "blocked_phone",
            Rule::BlockedPlace => "blocked_place",
            Rule::BlockedLink => "blocked_link",
            Rule::NewcomerLink => "newcomer_link",
            Rule::NewcomerPhone => "newcomer_phone",
            Rule::NewcomerContact => "newcomer_contact",
            Rule::NewcomerForward => "newcomer_forward",
        }
    }

    pub fn from_code(code: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.code() == code)
    }

    /// A newcomer's post held for review (Approve / Ban), not fake data.
    pub fn is_hold(self) -> bool {
        matches!(
            self,
            Rule::NewcomerLink
                | Rule::NewcomerPhone
                | Rule::NewcomerContact
                | Rule::NewcomerForward
        )
    }

    /// The text id of the rule's name for supervisors.
    pub fn text_id(self) -> String {
        format!("guard-rule-{}", self.code())
    }
}

/// What a post holds, read from its text (or caption) and its kind. Never stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Post {
    /// Phone numbers, in E.164.
    pub phones: Vec<String>,
    /// Whether one of them is a valid number (not a date or an order number).
    pub has_valid_phone: bool,
    /// Link keys (see [`link_keys`]) of every link.
    pub links: Vec<String>,
    /// A shared contact.
    pub contact: bool,
    /// A forward from a channel.
    pub channel_forward: bool,
    /// A shared location or venue.
    pub location: bool,
}

impl Post {
    /// Reads a post: its text or caption, the URLs Telegram marked in it, and its kind.
    pub fn read(
        text: &str,
        marked_urls: &[String],
        contact: bool,
        channel_forward: bool,
        location: bool,
    ) -> Post {
        let found = phones_in(text);
        let mut links: Vec<String> = Vec::new();
        for url in marked_urls.iter().map(String::as_str).chain(urls_in(text)) {
            for key in link_keys(url) {
                if !links.contains(&key) {
                    links.push(key);
                }
            }
        }
        Post {
            has_valid_phone: found.iter().any(|(_, valid)| *valid),
            phones: found.into_iter().map(|(p, _)| p).collect(),
            links,
            contact,
            channel_forward,
            location,
        }
    }

    /// The blocklist hashes to look up: (kind, hash) of every phone, link and place.
    pub fn hashes(&self, text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for phone in &self.phones {
            if let Some(h) = blocklist::phone_hash(phone) {
                out.push((blocklist::PHONE.to_owned(), h));
            }
        }
        for link in &self.links {
            out.push((blocklist::LINK.to_owned(), blocklist::link_hash(link)));
        }
        for place in place_candidates(text) {
            if let Some(h) = blocklist::place_hash(&place) {
                let entry = (blocklist::PLACE.to_owned(), h);
                if !out.contains(&entry) {
                    out.push(entry);
                }
            }
        }
        out
    }
}

/// What the bot knows of a post's author.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Author {
    pub banned: bool,
    /// A volunteer or a supervisor.
    pub staff: bool,
    /// A supervisor approved them.
    pub trusted: bool,
    /// Their messages in the public chats before this one.
    pub messages_before: i64,
    /// When they joined a public chat, if the bot saw it.
    pub joined_at: Option<i64>,
}

impl Author {
    pub fn is_newcomer(&self, newcomer_messages: i64, now: i64) -> bool {
        self.messages_before < newcomer_messages
            || self
                .joined_at
                .is_some_and(|joined| now - joined < NEWCOMER_SECONDS)
    }
}

/// Which of a post's values are on the blocklist.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Blocked {
    pub phone: bool,
    pub place: bool,
    pub link: bool,
}

impl Blocked {
    /// From the (kind, hash) pairs the blocklist holds.
    pub fn from_hits(hits: &[(String, String)]) -> Blocked {
        let has = |kind: &str| hits.iter().any(|(k, _)| k == kind);
        Blocked {
            phone: has(blocklist::PHONE),
            place: has(blocklist::PLACE),
            link: has(blocklist::LINK),
        }
    }
}

/// What the guard does with a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing to do.
    Pass,
    /// Rule 1: delete, and ban the author in the chat.
    Ban,
    /// Rule 2: fake data: delete, and a review note.
    Delete(Rule),
    /// Rule 3: a newcomer's post: delete until a supervisor approves or bans.
    Hold(Rule),
}

/// The rules, in order.
pub fn judge(
    author: &Author,
    post: &Post,
    blocked: Blocked,
    newcomer_messages: i64,
    now: i64,
) -> Verdict {
    if author.staff {
        return Verdict::Pass;
    }
    if author.banned {
        return Verdict::Ban;
    }
    if author.trusted {
        return Verdict::Pass;
    }
    if blocked.phone {
        return Verdict::Delete(Rule::BlockedPhone);
    }
    if blocked.link {
        return Verdict::Delete(Rule::BlockedLink);
    }
    if blocked.place {
        return Verdict::Delete(Rule::BlockedPlace);
    }
    if author.is_newcomer(newcomer_messages, now) {
        if !post.links.is_empty() {
            return Verdict::Hold(Rule::NewcomerLink);
        }
        if post.has_valid_phone {
            return Verdict::Hold(Rule::NewcomerPhone);
        }
        if post.contact {
            return Verdict::Hold(Rule::NewcomerContact);
        }
        if post.channel_forward {
            return Verdict::Hold(Rule::NewcomerForward);
        }
    }
    Verdict::Pass
}

/// Phone numbers in a text, in any common way of writing them (national or international,
/// with spaces, dashes, dots or brackets), read with the `phonenumber` crate (Ukraine as
/// the default country): (E.164, whether it is a valid number).
pub fn phones_in(text: &str) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    for candidate in phone_candidates(text) {
        let parsed = phonenumber::parse(Some(phonenumber::country::Id::UA), &candidate).ok();
        let (e164, valid) = match parsed {
            Some(number) => (
                number.format().mode(phonenumber::Mode::E164).to_string(),
                phonenumber::is_valid(&number),
            ),
            None => match crate::phone::normalize(&candidate) {
                Some(e164) => (e164, false),
                None => continue,
            },
        };
        if !out.iter().any(|(p, _)| *p == e164) {
            out.push((e164, valid));
        }
    }
    out
}

/// Runs of digits with the separators people put in phone numbers, with enough digits.
fn phone_candidates(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, runs: &mut Vec<String>| {
        let run = current.trim_matches(|c: char| !c.is_ascii_digit() && c != '+' && c != '(');
        let run = run.trim_end_matches(|c: char| !c.is_ascii_digit());
        let digits = run.chars().filter(char::is_ascii_digit).count();
        if (MIN_PHONE_DIGITS..=15).contains(&digits) {
            runs.push(run.to_owned());
        }
        current.clear();
    };
    for c in text.chars() {
        match c {
            '0'..='9' | ' ' | '-' | '.' | '(' | ')' | '\u{a0}' => current.push(c),
            '+' if current.trim().is_empty() => {
                current.clear();
                current.push('+');
            }
            _ => flush(&mut current, &mut runs),
        }
    }
    flush(&mut current, &mut runs);
    runs
}

/// URLs in a text that Telegram may not have marked: `http(s)://…` and bare domains with a
/// common top-level domain.
pub fn urls_in(text: &str) -> impl Iterator<Item = &str> {
    const TLDS: &[&str] = &[
        "com", "org", "net", "ua", "ru", "io", "me", "info", "biz", "xyz", "site", "online", "top",
        "app", "link", "click", "shop",
    ];
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| "()[]<>\"'«».,;:!?".contains(c)))
        .filter(|w| {
            let lower = w.to_lowercase();
            if lower.starts_with("http://") || lower.starts_with("https://") {
                return true;
            }
            let host = lower.split('/').next().unwrap_or("");
            host.rsplit_once('.').is_some_and(|(name, tld)| {
                !name.is_empty()
                    && TLDS.contains(&tld)
                    && host
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
            })
        })
}

/// The keys a link is known by on the blocklist: its host, every parent domain (so blocking
/// `example.com` blocks `www.pay.example.com`), and host with the first path segment (so
/// `t.me/fakechannel` can be blocked without blocking all of t.me).
pub fn link_keys(url: &str) -> Vec<String> {
    let Some(main) = link_key(url) else {
        return Vec::new();
    };
    let (host, path) = match main.split_once('/') {
        Some((h, p)) => (h.to_owned(), Some(p.to_owned())),
        None => (main.clone(), None),
    };
    let mut keys = Vec::new();
    if path.is_some() {
        keys.push(main);
    }
    let mut domain = host.as_str();
    loop {
        keys.push(domain.to_owned());
        match domain.split_once('.') {
            Some((_, parent)) if parent.contains('.') => domain = parent,
            _ => break,
        }
    }
    keys
}

/// The key a supervisor's `/blocklink` value is stored by: the host in lower case without
/// `www.`, and the first path segment if there is one. `None` for what is no link.
pub fn link_key(raw: &str) -> Option<String> {
    let lower = raw.trim().to_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let mut parts = rest.split('/');
    let host = parts.next()?.split('@').next_back()?.split(':').next()?;
    let host = host
        .strip_prefix("www.")
        .unwrap_or(host)
        .trim_end_matches('.');
    let valid = host.contains('.')
        && !host.starts_with('.')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    if !valid {
        return None;
    }
    match parts.find(|p| !p.is_empty()) {
        Some(segment) => Some(format!("{host}/{segment}")),
        None => Some(host.to_owned()),
    }
}

/// Runs of one to six words of a text, as a blocked place would be written.
pub fn place_candidates(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().take(200).collect();
    let mut out = Vec::new();
    for start in 0..words.len() {
        for len in 1..=MAX_PLACE_WORDS.min(words.len() - start) {
            out.push(words[start..start + len].join(" "));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(text: &str) -> Post {
        Post::read(text, &[], false, false, false)
    }

    #[test]
    fn a_phone_is_found_however_it_is_written() {
        for written in [
            "дзвоніть +380 50 111 22 33 після 9",
            "дзвоніть 050-111-22-33",
            "дзвоніть (050) 111 22 33!",
            "call 0501112233.",
            "+380501112233",
        ] {
            let phones: Vec<String> = phones_in(written).into_iter().map(|(p, _)| p).collect();
            assert_eq!(phones, ["+380501112233"], "{written}");
        }
        assert!(phones_in("нас 5, дітей 2, будемо 12.05.2026").is_empty());
        assert!(!post("замовлення 2026 12 05 1").has_valid_phone);
        assert!(post("+380 67 123 45 67").has_valid_phone);
    }

    #[test]
    fn links_are_keyed_by_host_parents_and_first_path_segment() {
        assert_eq!(
            link_keys("https://www.Pay.Example.com/x/y?q=1"),
            ["pay.example.com/x", "pay.example.com", "example.com"]
        );
        assert_eq!(link_keys("t.me/fakechannel"), ["t.me/fakechannel", "t.me"]);
        assert_eq!(link_key("example.com"), Some("example.com".into()));
        assert_eq!(link_key("not a link"), None);
        let p = post("дивіться free-flats.site або https://t.me/FakeChannel/12, сьогодні");
        assert!(
            p.links.contains(&"free-flats.site".to_owned()),
            "{:?}",
            p.links
        );
        assert!(
            p.links.contains(&"t.me/fakechannel".to_owned()),
            "{:?}",
            p.links
        );
        assert!(post("ми в м. Ізюм, все ок").links.is_empty());
    }

    #[test]
    fn the_rules_apply_in_order() {
        let now = 1_000_000;
        let old = Author {
            messages_before: 10,
            ..Author::default()
        };
        let newcomer = Author::default();
        let link = post("see free-flats.site");
        let nothing = Blocked::default();
        assert_eq!(judge(&old, &link, nothing, 3, now), Verdict::Pass);
        assert_eq!(
            judge(&newcomer, &link, nothing, 3, now),
            Verdict::Hold(Rule::NewcomerLink)
        );
        let blocked = Blocked {
            link: true,
            ..Blocked::default()
        };
        assert_eq!(
            judge(&old, &link, blocked, 3, now),
            Verdict::Delete(Rule::BlockedLink)
        );
        let banned = Author {
            banned: true,
            ..old
        };
        assert_eq!(judge(&banned, &post("hi"), nothing, 3, now), Verdict::Ban);
        let trusted = Author {
            trusted: true,
            ..newcomer
        };
        assert_eq!(judge(&trusted, &link, blocked, 3, now), Verdict::Pass);
        let staff = Author {
            staff: true,
            ..banned
        };
        assert_eq!(judge(&staff, &link, blocked, 3, now), Verdict::Pass);
        // Joined an hour ago: new, however much they wrote.
        let joined = Author {
            messages_before: 50,
            joined_at: Some(now - 3600),
            ..Author::default()
        };
        assert!(joined.is_newcomer(3, now));
        assert!(!joined.is_newcomer(3, now + NEWCOMER_SECONDS));
        let forward = Post::read("news", &[], false, true, false);
        assert_eq!(
            judge(&newcomer, &forward, nothing, 3, now),
            Verdict::Hold(Rule::NewcomerForward)
        );
    }

    #[test]
    fn places_are_matched_as_runs_of_words() {
        let runs = place_candidates("Житло у Zxqvillage, Lisova 7 безкоштовно");
        assert!(runs.contains(&"Zxqvillage, Lisova 7".to_owned()));
        let hashes = post("x").hashes("Житло у Zxqvillage, Lisova 7 безкоштовно");
        let wanted = blocklist::place_hash("zxqvillage, lisova 7").unwrap();
        assert!(hashes.iter().any(|(_, h)| *h == wanted));
    }
}
