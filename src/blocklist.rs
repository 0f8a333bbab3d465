//! Information marked as fake (phone numbers, places, links), kept only as SHA-256 hashes of the
//! normalized value, and the check of a case's answers against them. Pure functions.

use sha2::{Digest, Sha256};

use crate::{
    phone,
    survey::{Answer, AnswerMap},
};

pub const PHONE: &str = "phone";
pub const PLACE: &str = "place";
pub const LINK: &str = "link";

/// What a supervisor marks as fake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Phone,
    Place,
    /// A domain or a URL (posted in the public chats).
    Link,
}

impl BlockKind {
    /// The name stored with the hash.
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Phone => PHONE,
            BlockKind::Place => PLACE,
            BlockKind::Link => LINK,
        }
    }

    /// The hash of a value typed after `/blockphone` or `/blockplace`; `None` if it is not
    /// one (not a phone number, an empty place).
    pub fn hash(self, typed: &str) -> Option<String> {
        match self {
            BlockKind::Phone => phone_hash(typed),
            BlockKind::Place => place_hash(typed),
            BlockKind::Link => crate::guard::link_key(typed).map(|key| link_hash(&key)),
        }
    }
}

fn hash(kind: &str, normalized: &str) -> String {
    let digest = Sha256::digest(format!("evac-intake/{kind}/{normalized}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A phone's hash, from any way of writing it; `None` if it is not a phone number.
pub fn phone_hash(raw: &str) -> Option<String> {
    phone::normalize(raw).map(|e164| hash(PHONE, &e164))
}

/// A link's hash, from its key ([`crate::guard::link_key`]).
pub fn link_hash(key: &str) -> String {
    hash(LINK, key)
}

/// A place written the same way up to case, spaces and punctuation around it.
pub fn normalize_place(raw: &str) -> String {
    raw.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace())
        .to_lowercase()
}

/// A place's hash; `None` for an empty text.
pub fn place_hash(raw: &str) -> Option<String> {
    let normalized = normalize_place(raw);
    (!normalized.is_empty()).then(|| hash(PLACE, &normalized))
}

/// Runs of characters that may be a phone number inside free text.
fn phone_like(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut current = String::new();
    for c in text.chars().chain(std::iter::once('|')) {
        if c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')' | '.') {
            current.push(c);
        } else {
            let digits = current.chars().filter(char::is_ascii_digit).count();
            if digits >= 9 {
                found.push(current.trim().to_owned());
            }
            current.clear();
        }
    }
    found
}

/// Every (kind, hash) a case's answers could match: the phone answer, phone numbers typed
/// anywhere, each typed place as a whole and by its comma-separated parts.
pub fn candidates(answers: &AnswerMap) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut push = |kind: &str, h: Option<String>| {
        if let Some(h) = h {
            let pair = (kind.to_owned(), h);
            if !out.contains(&pair) {
                out.push(pair);
            }
        }
    };
    for answer in answers.values() {
        match answer {
            Answer::Phone(p) => push(PHONE, phone_hash(p)),
            Answer::Place(text) => {
                push(PLACE, place_hash(text));
                for part in text.split([',', ';']) {
                    push(PLACE, place_hash(part));
                }
                for p in phone_like(text) {
                    push(PHONE, phone_hash(&p));
                }
            }
            Answer::Text(text) => {
                for p in phone_like(text) {
                    push(PHONE, phone_hash(&p));
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_phone_written_differently_has_one_hash() {
        let h = phone_hash("+380 67 123 45 67").unwrap();
        assert_eq!(phone_hash("067-123-45-67").unwrap(), h);
        assert_eq!(phone_hash("380671234567").unwrap(), h);
        assert_ne!(phone_hash("+380 67 123 45 68").unwrap(), h);
        assert!(phone_hash("not a phone").is_none());
        assert_eq!(h.len(), 64, "hex SHA-256");
        assert!(
            !h.contains("380671234567"),
            "the value itself is not stored"
        );
    }

    #[test]
    fn places_match_up_to_case_spaces_and_parts() {
        assert_eq!(place_hash("  Izium,  "), place_hash("izium"));
        let mut answers = AnswerMap::new();
        answers.insert("place".into(), Answer::Place("Izium, Sadova St 5".into()));
        let c = candidates(&answers);
        assert!(c.contains(&(PLACE.into(), place_hash("sadova st 5").unwrap())));
        assert!(c.contains(&(PLACE.into(), place_hash("IZIUM").unwrap())));
    }

    #[test]
    fn phones_typed_into_free_text_are_found() {
        let mut answers = AnswerMap::new();
        answers.insert(
            "medicine_details".into(),
            Answer::Text("call my son 067 123 45 67 please".into()),
        );
        answers.insert("phone".into(), Answer::Phone("+48601234567".into()));
        let c = candidates(&answers);
        assert!(c.contains(&(PHONE.into(), phone_hash("+380671234567").unwrap())));
        assert!(c.contains(&(PHONE.into(), phone_hash("+48601234567").unwrap())));
    }
}
