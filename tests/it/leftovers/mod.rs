//! Looking for a person in the raw bytes of the SQLite files, for the erasure tests
//! (`tests/it/erasure.rs`, `tests/it/e2e_journey.rs`): after `/forget`, not one byte of their id
//! or of what was typed about them may be left in the database file or its WAL.

#![allow(dead_code)]

/// Every way a Telegram id could sit in the files (as text, as an integer column, as a rowid),
/// with a name for the failure message.
pub fn id_needles(id: i64) -> Vec<(String, Vec<u8>)> {
    let be = id.to_be_bytes();
    vec![
        ("the id in decimal".to_owned(), id.to_string().into_bytes()),
        ("the id as 8 bytes big-endian".to_owned(), be.to_vec()),
        ("the id as 6 bytes big-endian".to_owned(), be[2..].to_vec()),
        (
            "the id as 8 bytes little-endian".to_owned(),
            id.to_le_bytes().to_vec(),
        ),
        ("the id as a varint".to_owned(), varint(id)),
    ]
}

/// Typed texts as needles, named by the text.
pub fn text_needles(texts: &[&str]) -> Vec<(String, Vec<u8>)> {
    texts
        .iter()
        .map(|t| (format!("{t:?}"), t.as_bytes().to_vec()))
        .collect()
}

/// SQLite's variable-length integer (how a rowid is stored in a table's b-tree).
pub fn varint(v: i64) -> Vec<u8> {
    let mut v = v as u64;
    let mut groups = vec![(v & 0x7f) as u8];
    v >>= 7;
    while v > 0 {
        groups.push((v & 0x7f) as u8 | 0x80);
        v >>= 7;
    }
    groups.reverse();
    groups
}

/// Where `needle` starts in `haystack`, if it is there.
pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
