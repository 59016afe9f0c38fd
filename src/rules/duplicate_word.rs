//! ## What it does
//! Reports a word written twice in a row: "On August August 4", "the the".
//! Carries a safe fix that removes the second copy.
//!
//! ## Why is this bad?
//! A doubled word is a slip a reader trips over, and in a date it makes the
//! reader wonder what was meant.
//!
//! Words that may legitimately repeat ("had had", "that that") and numbers
//! are left alone.
//!
//! ## Example
//! "the the database"

use super::{LintContext, NoOptions, Rule, RuleMeta};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::source::Span;

pub struct DuplicateWord;

/// Words English repeats on purpose.
const MAY_REPEAT: &[&str] = &[
    "had", "that", "is", "do", "ha", "bye", "no", "yes", "very", "so", "really", "go", "la",
];

/// Punctuation that may stand around a word without being part of it.
const AROUND: &[char] = &[
    '.', ',', ';', ':', '!', '?', '"', '\'', '(', ')', '[', ']', '“', '”', '‘', '’', '*', '_',
];

/// Whitespace-separated words of a line, with surrounding punctuation
/// trimmed, and the byte range of each. `nginx:nginx` and `nginx.conf` stay
/// whole, so they are not words repeated.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            i = run_end(text, i, true);
            if i == bytes.len() {
                return None;
            }
            let start = i;
            i = run_end(text, i, false);
            let chunk = &text[start..i];
            // Most words start and end with an ASCII letter or digit, which
            // no character of `AROUND` is: only the others are trimmed.
            let trimmed = if chunk.as_bytes()[0].is_ascii_alphanumeric() {
                chunk
            } else {
                chunk.trim_start_matches(AROUND)
            };
            let word = match trimmed.as_bytes().last() {
                Some(last) if last.is_ascii_alphanumeric() => trimmed,
                _ => trimmed.trim_end_matches(AROUND),
            };
            if !word.is_empty() {
                return Some((start + chunk.len() - trimmed.len(), word));
            }
        }
    })
}

/// ASCII white space as `char::is_whitespace` reads it.
static ASCII_SPACE: [bool; 256] = crate::text::byte_set(crate::text::ASCII_WHITESPACE);

/// The ASCII characters of `AROUND`, as a table.
static ASCII_AROUND: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < AROUND.len() {
        if AROUND[i].is_ascii() {
            table[AROUND[i] as usize] = true;
        }
        i += 1;
    }
    table
};

/// Whether an ASCII `text` may hold a doubled word: two chunks with only
/// spaces and tabs between them, the second starting with the first's word
/// (ignoring ASCII case) and adding only `AROUND` characters. Every finding
/// is such a pair: a word is its chunk less the `AROUND` characters at
/// either end, and `check` passes two words by when anything but spaces and
/// tabs lies between them (a trimmed character, code, another chunk). Most
/// lines hold no such pair and are dismissed in one pass over their bytes
/// instead of being split into words; text beyond ASCII is always split.
fn may_hold_duplicate(text: &str) -> bool {
    if !text.is_ascii() {
        return true;
    }
    let bytes = text.as_bytes();
    // The chunks are read from the white space between them, found eight
    // bytes at a time: a byte at a time, the scan cost 17 instructions a
    // byte, the most of any rule. `word_start` is where the chunk before the
    // current run of white space starts; `run` is that run and whether it
    // is only spaces and tabs.
    let mut word_start = 0;
    let mut run: Option<(usize, usize, bool)> = None;
    let blank = |b: u8| matches!(b, b' ' | b'\t');
    let mut chunks = bytes.chunks_exact(8);
    // The last few bytes padded with a letter, which is no white space.
    let mut last = [b'x'; 8];
    last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    let mut base = 0;
    for chunk in (&mut chunks).chain(std::iter::once(&last[..])) {
        let lanes = chunk.try_into().map_or(0, u64::from_le_bytes);
        let mut spaces = ascii_space_lanes(lanes);
        while spaces != 0 {
            let at = base + (spaces.trailing_zeros() / 8) as usize;
            spaces &= spaces - 1;
            run = match run {
                Some((start, end, only_blank)) if end == at => Some((start, at + 1, only_blank && blank(bytes[at]))),
                Some((start, end, only_blank)) => {
                    if only_blank && doubled(bytes, word_start..start, end..at) {
                        return true;
                    }
                    word_start = end;
                    Some((at, at + 1, blank(bytes[at])))
                }
                None => Some((at, at + 1, blank(bytes[at]))),
            };
        }
        base += 8;
    }
    run.is_some_and(|(start, end, only_blank)| only_blank && doubled(bytes, word_start..start, end..bytes.len()))
}

/// The white space of eight ASCII bytes (`ASCII_WHITESPACE`): each such
/// byte's lane has its high bit set, the others none. No lane carries or
/// borrows into the next, as every byte is below 128.
fn ascii_space_lanes(x: u64) -> u64 {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES * 0x80;
    // A space is a lane that is zero once XORed with spaces.
    let y = x ^ (ONES * u64::from(b' '));
    let space = !((y + ONES * 0x7f) | y) & HIGH;
    // Tab, line feed, vertical tab, form feed, carriage return: 9 to 13.
    let controls = (ONES * (127 + 14) - x) & (x + ONES * (127 - 8)) & HIGH;
    space | controls
}

/// Whether the chunk `next` repeats the word of the chunk `before` (less
/// its leading `AROUND` characters), ignoring ASCII case, adding only
/// `AROUND` characters.
#[inline(always)]
fn doubled(bytes: &[u8], before: std::ops::Range<usize>, next: std::ops::Range<usize>) -> bool {
    // Most neighbours differ in their first byte, and most words start with
    // one that is not an `AROUND` character: told apart in one comparison.
    if let (Some(&a), Some(&b)) = (bytes.get(before.start), bytes.get(next.start))
        && !ASCII_AROUND[usize::from(a)]
        && !a.eq_ignore_ascii_case(&b)
    {
        return false;
    }
    let chunk = &bytes[before];
    let word = &chunk[chunk.iter().take_while(|&&b| ASCII_AROUND[usize::from(b)]).count()..];
    let next = &bytes[next];
    !word.is_empty()
        && next.len() >= word.len()
        && next[..word.len()].eq_ignore_ascii_case(word)
        && next[word.len()..].iter().all(|&b| ASCII_AROUND[usize::from(b)])
}

/// Where the run of white space (`space`) or of other characters that
/// starts at byte `i` (a boundary) of `text` ends. Bytes are read in a tight
/// loop: a line is ASCII but for a few characters, and only those are decoded.
#[inline(always)]
fn run_end(text: &str, mut i: usize, space: bool) -> usize {
    let bytes = text.as_bytes();
    while let Some(&byte) = bytes.get(i) {
        let (is_space, len) = if byte.is_ascii() {
            (ASCII_SPACE[usize::from(byte)], 1)
        } else {
            text[i..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8()))
        };
        if is_space != space {
            break;
        }
        i += len;
    }
    i
}

/// The same word, whatever its case; cheap for the ASCII words most are.
/// Inlined: it runs on every pair of neighbours, and most differ in their
/// first letter.
#[inline(always)]
fn same_word(a: &str, b: &str) -> bool {
    match (a.as_bytes().first(), b.as_bytes().first()) {
        // Most neighbours differ in their first letter.
        (Some(x), Some(y)) if x.is_ascii() && y.is_ascii() && !x.eq_ignore_ascii_case(y) => false,
        _ if a.eq_ignore_ascii_case(b) => true,
        _ if a.is_ascii() && b.is_ascii() => false,
        _ => a.to_lowercase() == b.to_lowercase(),
    }
}

fn is_plain_word(word: &str) -> bool {
    word.chars().all(|c| c.is_alphabetic() || c == '\'' || c == '’')
}

impl Rule for DuplicateWord {
    const META: RuleMeta = RuleMeta {
        id: "duplicate-word",
        default_severity: Severity::Warning,
        enabled_by_default: true,
        summary: "A word written twice in a row",
        doc: include_str!("../../rules/duplicate-word.md"),
    };
    type Options = NoOptions;

    fn check(ctx: &LintContext<'_, '_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        let incident = ctx.incident;
        // One buffer for every line's words.
        let mut buffer: Vec<(usize, &str)> = Vec::new();
        for line in incident.lines_in(incident.body) {
            let text: &str = &line.text;
            if !may_hold_duplicate(text) {
                continue;
            }
            // Words and code ranges both come in text order: walk them together.
            let mut code = line.code_ranges().peekable();
            buffer.clear();
            buffer.extend(words(text).filter(|(at, _)| {
                while code.peek().is_some_and(|r| r.end <= *at) {
                    code.next();
                }
                !code.peek().is_some_and(|r| r.contains(at))
            }));
            let words = &buffer;
            for k in 1..words.len() {
                let (prev_start, prev) = words[k - 1];
                let (start, word) = words[k];
                if !same_word(prev, word) {
                    continue;
                }
                // "test test test": three in a row is rhythm, not a slip.
                let third = |i: Option<usize>| i.and_then(|i| words.get(i)).is_some_and(|(_, w)| same_word(w, word));
                let between = &text[prev_start + prev.len()..start];
                if !is_plain_word(word)
                    || !between.chars().all(|c| c == ' ' || c == '\t')
                    || MAY_REPEAT.contains(&word.to_lowercase().as_str())
                    || third(k.checked_sub(2))
                    || third(Some(k + 1))
                {
                    continue;
                }
                let span = line.source_span(start..start + word.len());
                let removed = line.source_span(prev_start + prev.len()..start + word.len());
                let mut d = Diagnostic::new(span, format!("\"{word}\" is written twice"))
                    .with_label("repeated word")
                    .with_help("remove the second copy");
                // Fix only where the source is exactly the plain text (no markup between).
                if removed.slice(incident.src) == format!("{between}{word}") {
                    d = d.with_fix(Fix {
                        description: format!("remove the repeated \"{word}\""),
                        edits: vec![Edit {
                            span: Span::new(removed.start, removed.end),
                            replacement: String::new(),
                        }],
                        applicability: Applicability::Safe,
                    });
                }
                out.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{AROUND, ASCII_AROUND, ASCII_SPACE, may_hold_duplicate, same_word, words};

    /// The pre-check as it was first written, a byte at a time: the
    /// definition the eight-byte scan must keep.
    fn may_hold_duplicate_bytewise(text: &str) -> bool {
        if !text.is_ascii() {
            return true;
        }
        let bytes = text.as_bytes();
        let at = |i: usize| bytes.get(i).copied();
        let mut i = bytes.iter().take_while(|&&b| ASCII_SPACE[usize::from(b)]).count();
        while i < bytes.len() {
            // A chunk: its leading `AROUND` characters, then the word.
            while at(i).is_some_and(|b| ASCII_AROUND[usize::from(b)]) {
                i += 1;
            }
            let start = i;
            while at(i).is_some_and(|b| !ASCII_SPACE[usize::from(b)]) {
                i += 1;
            }
            let end = i;
            let mut blank = true;
            while let Some(b) = at(i).filter(|&b| ASCII_SPACE[usize::from(b)]) {
                blank &= matches!(b, b' ' | b'\t');
                i += 1;
            }
            let (word, next) = (&bytes[start..end], &bytes[i..]);
            if blank
                && !word.is_empty()
                && next.len() >= word.len()
                && next[..word.len()].eq_ignore_ascii_case(word)
                && next[word.len()..]
                    .iter()
                    .take_while(|&&b| !ASCII_SPACE[usize::from(b)])
                    .all(|&b| ASCII_AROUND[usize::from(b)])
            {
                return true;
            }
        }
        false
    }

    /// Every ASCII byte in every lane, among other bytes.
    #[test]
    fn space_lanes_are_the_ascii_white_space() {
        for byte in 0..128u8 {
            for lane in 0..8 {
                for fill in [b'a', b' ', 0, 127] {
                    let mut lanes = [fill; 8];
                    lanes[lane] = byte;
                    let found = super::ascii_space_lanes(u64::from_le_bytes(lanes)).to_le_bytes();
                    for (i, &b) in lanes.iter().enumerate() {
                        assert_eq!(found[i] == 0x80, ASCII_SPACE[usize::from(b)], "{lanes:?} {i}");
                        assert!(found[i] == 0 || found[i] == 0x80);
                    }
                }
            }
        }
    }

    #[test]
    fn eight_bytes_at_a_time_dismisses_what_one_at_a_time_did() {
        let pieces = [
            "the", "The", "THE", "then", "t", "a", "A", " ", "  ", "\t", "\n", "\r", "\x0b", "\x0c", "\x08", "\x0e",
            "\x1f", "\x7f", "é", "`", "-", "4", "44",
        ];
        let around: Vec<String> = AROUND.iter().map(char::to_string).collect();
        let pieces: Vec<&str> = pieces.into_iter().chain(around.iter().map(String::as_str)).collect();
        let mut draws = crate::cue::equivalence::Draws::new(0x5851_f42d_4c95_7f2d);
        let mut kept = 0;
        for _ in 0..40_000 {
            let mut text = String::new();
            for _ in 0..draws.below(24) {
                let piece = draws.pick(&pieces);
                text.push_str(piece);
                if draws.below(3) == 0 {
                    text.push_str(draws.pick(&[" ", "\t", " \t", "\n", "\x0b", "  "]));
                    text.push_str(piece);
                }
            }
            let expected = may_hold_duplicate_bytewise(&text);
            assert_eq!(may_hold_duplicate(&text), expected, "{text:?}");
            kept += usize::from(expected);
        }
        assert!(kept > 5_000 && kept < 35_000, "{kept}");
    }

    /// The definitions `words` and `same_word` implement: characters split
    /// on `char::is_whitespace`, words compared lower-cased.
    fn plain_words(text: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            match (c.is_whitespace(), start) {
                (false, None) => start = Some(i),
                (true, Some(s)) => {
                    start = None;
                    let chunk = &text[s..i];
                    let trimmed = chunk.trim_start_matches(AROUND);
                    let word = trimmed.trim_end_matches(AROUND);
                    if !word.is_empty() {
                        out.push((s + chunk.len() - trimmed.len(), word));
                    }
                }
                _ => {}
            }
        }
        out
    }

    #[test]
    fn words_are_read_as_characters_would_split_them() {
        let pieces = [
            "the", "The", "THE", " ", "  ", "\t", "\x0b", "\u{a0}", "\u{2003}", "\u{3000}", "\u{85}", "é", "É",
            "straße", "STRASSE", "k", "\u{212a}", "“", "”", "(", ")", ".", "—", "🐾", "İ", "i̇", "ǅ", "a", "«", "-",
            "~", "@",
        ];
        // Every character trimmed from a word's ends, too.
        let around: Vec<String> = AROUND.iter().map(char::to_string).collect();
        let pieces: Vec<&str> = pieces.into_iter().chain(around.iter().map(String::as_str)).collect();
        let mut draws = crate::cue::equivalence::Draws::new(11);
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..draws.below(12) {
                text.push_str(draws.pick(&pieces));
            }
            let found: Vec<_> = words(&text).collect();
            let expected = plain_words(&text);
            assert_eq!(found, expected, "{text:?}");
            for pair in expected.windows(2) {
                let (a, b) = (pair[0].1, pair[1].1);
                assert_eq!(same_word(a, b), a.to_lowercase() == b.to_lowercase(), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn lines_dismissed_without_splitting_hold_no_doubled_word() {
        let pieces = [
            "the", "The", "THE", "then", "t", "it's", "a", " ", "  ", "\t", "\n", "\r", "\x0b", "\u{a0}", "é", "É",
            "`", "-", "~", "4", "—",
        ];
        let around: Vec<String> = AROUND.iter().map(char::to_string).collect();
        let pieces: Vec<&str> = pieces.into_iter().chain(around.iter().map(String::as_str)).collect();
        let mut draws = crate::cue::equivalence::Draws::new(23);
        let (mut dismissed, mut doubled) = (0, 0);
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..draws.below(10) {
                let piece = draws.pick(&pieces);
                text.push_str(piece);
                // Doubled pieces, so that doubled words turn up.
                if draws.below(4) == 0 {
                    text.push_str(draws.pick(&[" ", "\t", "  ", "\n", "\u{a0}"]));
                    text.push_str(piece);
                }
            }
            let found: Vec<_> = words(&text).collect();
            let holds_pair = found.windows(2).any(|pair| {
                let ((a_at, a), (b_at, b)) = (pair[0], pair[1]);
                same_word(a, b) && text[a_at + a.len()..b_at].chars().all(|c| c == ' ' || c == '\t')
            });
            let kept = may_hold_duplicate(&text);
            assert!(kept || !holds_pair, "{text:?}");
            dismissed += usize::from(!kept);
            doubled += usize::from(holds_pair);
        }
        // Many draws are dismissed, and many hold doubled words.
        assert!(dismissed > 5_000 && doubled > 1_000, "{dismissed} {doubled}");
        assert!(!may_hold_duplicate("the team then ran the test, then the theme"));
        assert!(may_hold_duplicate("(The the) end"));
    }

    #[test]
    fn word_offsets() {
        let found: Vec<_> = words("On August August 4, it's").collect();
        assert_eq!(
            found,
            vec![(0, "On"), (3, "August"), (10, "August"), (17, "4"), (20, "it's")]
        );
        let found: Vec<_> = words("chown nginx:nginx nginx.conf — “Test!” 🐾").collect();
        assert_eq!(
            found,
            vec![
                (0, "chown"),
                (6, "nginx:nginx"),
                (18, "nginx.conf"),
                (29, "—"),
                (36, "Test"),
                (45, "🐾")
            ]
        );
    }
}
