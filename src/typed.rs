//! What people type, before it is stored or shown: characters that reorder text (bidi
//! embeddings, overrides and isolates) are removed, so an answer cannot make a summary or a
//! case card read differently from what was typed; and an answer made only of invisible
//! characters (spaces, zero-width spaces, direction marks, fillers) counts as empty.

/// Bidi embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
fn reorders(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that show nothing: white space, controls, zero-width and format characters,
/// and the blank "letters" (Hangul fillers, the braille blank) used to fake an empty name.
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || reorders(c)
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202F}'
                | '\u{205F}'..='\u{206F}'
                | '\u{2800}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
        )
}

/// The text without reordering characters, trimmed; `None` if nothing visible is left.
pub(crate) fn clean(text: &str) -> Option<String> {
    let kept: String = text.chars().filter(|c| !reorders(*c)).collect();
    let kept = kept.trim_matches(invisible);
    (!kept.is_empty()).then(|| kept.to_owned())
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn invisible_answers_are_empty() {
        for text in [
            "",
            "   ",
            "\u{200B}",
            "\u{200F}\u{200E}",
            "\u{3164}",
            " \u{FEFF}\n\u{2800} ",
        ] {
            assert_eq!(clean(text), None, "{text:?}");
        }
    }

    #[test]
    fn reordering_characters_are_removed_and_the_rest_kept() {
        assert_eq!(
            clean("Izium\u{202E}5 avodaS").as_deref(),
            Some("Izium5 avodaS")
        );
        assert_eq!(clean("\u{2066}Харків\u{2069}").as_deref(), Some("Харків"));
        assert_eq!(clean("  insulin  ").as_deref(), Some("insulin"));
        // A zero-width joiner inside an emoji sequence or a word is kept.
        assert_eq!(clean("👨\u{200D}👩").as_deref(), Some("👨\u{200D}👩"));
    }
}
