//! Phone numbers, normalised to E.164 (`+` and 8 to 15 digits), the only form we store.

/// Normalises a typed or shared number. Accepts spaces, dashes, dots and brackets; `00` as an
/// international prefix; Ukrainian numbers written nationally (`0XX XXX XX XX`) or without `+`
/// (`380...`). Anything else with a letter or the wrong length is refused.
pub(crate) fn normalize(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() || raw.len() > 32 {
        return None;
    }
    let mut digits = String::new();
    let mut plus = false;
    for (i, c) in raw.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if i == 0 => plus = true,
            ' ' | '-' | '.' | '(' | ')' => {}
            _ => return None,
        }
    }
    let international = if plus {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_owned()
    } else if digits.len() == 10 && digits.starts_with('0') {
        format!("38{digits}")
    } else if digits.len() == 12 && digits.starts_with("380") {
        digits
    } else {
        return None;
    };
    let valid = (8..=15).contains(&international.len()) && !international.starts_with('0');
    valid.then(|| format!("+{international}"))
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn numbers_are_normalised_to_e164() {
        assert_eq!(
            normalize("+380 67 123 45 67").as_deref(),
            Some("+380671234567")
        );
        assert_eq!(normalize("067-123-45-67").as_deref(), Some("+380671234567"));
        assert_eq!(normalize("380671234567").as_deref(), Some("+380671234567"));
        assert_eq!(
            normalize("00 48 601 234 567").as_deref(),
            Some("+48601234567")
        );
        assert_eq!(
            normalize("(+7) 912 345 67 89"),
            None,
            "plus must come first"
        );
        assert_eq!(
            normalize("+7 912 345 67 89").as_deref(),
            Some("+79123456789")
        );
    }

    #[test]
    fn things_that_are_not_numbers_are_refused() {
        assert_eq!(normalize("call me"), None);
        assert_eq!(normalize("12345"), None);
        assert_eq!(normalize("+1234567890123456"), None);
        assert_eq!(normalize(""), None);
        assert_eq!(normalize("+0123456789"), None);
    }
}
