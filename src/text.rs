//! Small string helpers that are safe on any UTF-8 input.

/// A `\w` character of the `regex` crate, near enough: letters and digits
/// of any script, and the underscore.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// An emoji or a symbol people put before a heading or an entry (`📌`,
/// `⏰`, `✅`, `→`): a character from the arrows up that is no letter or
/// digit, or the joiner and selector inside emoji. Currency signs and
/// Latin punctuation sit below the arrows and are not pictographs.
pub fn is_pictograph(c: char) -> bool {
    matches!(c, '\u{200d}' | '\u{fe0f}') || (c as u32 >= 0x2190 && !c.is_alphanumeric())
}

/// ASCII case-insensitive `starts_with` that never slices inside a character.
pub fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// Whether `needle` (ASCII, not empty) occurs in `haystack`, ignoring ASCII
/// case: a quick test that lets a reader skip a line none of whose cues
/// can be in it.
pub fn contains_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some((first, rest)) = needle.split_first() else {
        return true;
    };
    // Places that hold the first byte, in either case, found by a vectorised
    // search: most lines hold few.
    memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), haystack).any(|at| {
        haystack
            .get(at + 1..at + needle.len())
            .is_some_and(|after| after.eq_ignore_ascii_case(rest))
    })
}

/// A table of the bytes in `set`, for a scan that passes over the others in
/// a tight loop: a `match` on every byte costs about twice the instructions.
pub const fn byte_set(set: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut i = 0;
    while i < set.len() {
        table[set[i] as usize] = true;
        i += 1;
    }
    table
}

/// The ASCII white space `char::is_whitespace` (and regex's `\s`) reads:
/// `u8::is_ascii_whitespace` leaves out the vertical tab.
pub const ASCII_WHITESPACE: &[u8] = b" \t\n\x0b\x0c\r";

/// Whether `bytes` hold an ASCII digit, read eight bytes at a time. Half
/// of a postmortem's prose holds none, and a reader that needs one (every
/// date and time has a digit) skips such a line for the price of this test.
pub fn has_ascii_digit(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const LOW7: u64 = ONES * 0x7f;
    // A byte strictly between these two is a digit.
    const BELOW: u64 = b'0' as u64 - 1;
    const ABOVE: u64 = b'9' as u64 + 1;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let x = chunk.try_into().map_or(0, u64::from_ne_bytes);
        // Per byte `v` below 128, with no carry or borrow between bytes:
        // the high bit of the first term says `v < ABOVE`, of the last
        // `v > BELOW`; `!x` drops bytes of 128 and up (never digits).
        let low = x & LOW7;
        let digits = (ONES * (127 + ABOVE) - low) & !x & (low + ONES * (127 - BELOW)) & (ONES * 0x80);
        if digits != 0 {
            return true;
        }
    }
    chunks.remainder().iter().any(u8::is_ascii_digit)
}

/// `text` with its ASCII letters lower-cased when `fold`, else `text` itself.
/// Every byte stays where it was: offsets in the one are offsets in the other.
pub fn ascii_lowercase_if(text: &str, fold: bool) -> std::borrow::Cow<'_, str> {
    if fold {
        std::borrow::Cow::Owned(text.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The longest prefix of `s` that is at most `max` bytes and ends on a character boundary.
pub fn truncate_at_boundary(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// How far a cue may stand from the thing it qualifies ("lasted about",
/// "started on", "from ... to"). Cues are a few words; looking no further keeps
/// every per-match check constant-time, so a megabyte-long line stays linear.
pub const CUE_REACH: usize = 256;

/// The start of the last `CUE_REACH` bytes before `at`, on a character boundary.
pub fn reach_back(text: &str, at: usize) -> usize {
    let mut start = at.saturating_sub(CUE_REACH);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    start
}

/// The end of the first `CUE_REACH` bytes after `at`, on a character boundary.
pub fn reach_forward(text: &str, at: usize) -> usize {
    let mut end = (at + CUE_REACH).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// The (at most `CUE_REACH`-byte) text just before byte `at`.
pub fn text_before(text: &str, at: usize) -> &str {
    &text[reach_back(text, at)..at]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digit_is_found_wherever_it_stands() {
        // Every byte value, at every place of texts longer and shorter than
        // a chunk, among bytes that are not digits (the digits' neighbours
        // and bytes beyond ASCII, which a carry could confuse).
        let fillers = [b'/', b':', b'a', 0x7f, 0x80, 0xb0, 0xff, 0x00];
        for len in 1..=19 {
            for filler in fillers {
                for at in 0..len {
                    for byte in 0..=255u8 {
                        let mut bytes = vec![filler; len];
                        bytes[at] = byte;
                        assert_eq!(has_ascii_digit(&bytes), byte.is_ascii_digit(), "{bytes:?}");
                    }
                }
            }
        }
        assert!(!has_ascii_digit(b""));
        assert!(!has_ascii_digit("no digits here, only ½ and ٣".as_bytes()));
    }

    #[test]
    fn finds_needles_whatever_their_case() {
        assert!(contains_ignore_ascii_case("All TIMES are UTC", "times"));
        assert!(contains_ignore_ascii_case("timezone", "time"));
        assert!(contains_ignore_ascii_case("x", ""));
        assert!(!contains_ignore_ascii_case("tim", "time"));
        assert!(!contains_ignore_ascii_case("tíme", "time"));
        assert!(!contains_ignore_ascii_case("", "t"));
        // Against lower-casing both, at every place and near the ends.
        let pieces = ["t", "T", "ti", "Time", "tIMe", "im", "e", "x", " ", "é", "-", "tt"];
        for needle in ["time", "t", "ti", "-x", "éx"] {
            let mut draws = crate::cue::equivalence::Draws::new(0x5eed_0f71_e5e5);
            for _ in 0..5_000 {
                let text: String = (0..draws.below(8)).map(|_| draws.pick(&pieces)).collect();
                let expected = text.to_ascii_lowercase().contains(&needle.to_ascii_lowercase());
                assert_eq!(
                    contains_ignore_ascii_case(&text, needle),
                    expected,
                    "{text:?} {needle:?}"
                );
            }
        }
    }

    #[test]
    fn never_splits_a_character() {
        assert!(!starts_with_ignore_case("— x", "-"));
        assert!(starts_with_ignore_case("AT noon", "at "));
        assert!(!starts_with_ignore_case("a", "at "));
        assert_eq!(truncate_at_boundary("é🔥", 3), "é");
    }

    #[test]
    fn reach_stays_on_character_boundaries() {
        let text = format!("{}on{}5", "a".repeat(10), " ".repeat(CUE_REACH - 2));
        assert_eq!(reach_back(&text, text.find('5').unwrap()), 10);
        let wide = "é".repeat(CUE_REACH);
        assert_eq!(reach_back(&wide, CUE_REACH + 1), 2);
        assert_eq!(reach_forward(&wide, 1), CUE_REACH);
        assert_eq!(text_before("abc", 2), "ab");
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
