//! Small string helpers that are safe on any UTF-8 input.

/// ASCII case-insensitive `starts_with` that never slices inside a character.
pub fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// The longest prefix of `s` that is at most `max` bytes and ends on a character boundary.
pub fn truncate_at_boundary(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_splits_a_character() {
        assert!(!starts_with_ignore_case("— x", "-"));
        assert!(starts_with_ignore_case("AT noon", "at "));
        assert!(!starts_with_ignore_case("a", "at "));
        assert_eq!(truncate_at_boundary("é🔥", 3), "é");
    }
}

/// The candidate closest to `word`, if any is close enough to be a likely typo.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod suggest_tests {
    use super::suggest;

    #[test]
    fn suggests_close_names_only() {
        let ids = ["missing-section", "empty-section", "timeline-order"];
        assert_eq!(suggest("timline-order", ids), Some("timeline-order"));
        assert_eq!(suggest("missing-sections", ids), Some("missing-section"));
        assert_eq!(suggest("zzz", ids), None);
    }
}
