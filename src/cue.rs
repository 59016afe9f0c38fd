//! Cues: the few words right before or after a match that say what it
//! means ("lasted" before a duration, "ended at" before a time, "ago" after).
//!
//! Each cue used to be a regex anchored at one end (`\b(?:at|by)\s+$`).
//! pmlint compiled some sixty such patterns on every run, and on the one file
//! a pre-commit hook gives it that was most of its time (BENCHMARKS.md). A cue
//! is a handful of words, so it is read here by hand: [`Before`] walks back
//! from a point, [`Ahead`] forward, and [`Words`] is a word list matched on
//! word boundaries, ignoring ASCII case.
//!
//! The readers keep the regexes' meaning: `\s` is Unicode white space, a word
//! character is a letter or digit of any script or `_`, and `\b` looks at the
//! whole text even where a cue may not start.

use crate::text::{is_word_char, reach_back};

/// Text read backwards from a point, one piece at a time. Each step returns
/// the reader moved back past what it read, or `None` when the text there is
/// something else; a reader is `Copy`, so trying an alternative is keeping
/// the old one.
#[derive(Clone, Copy, Debug)]
pub struct Before<'a> {
    /// Everything before the point: word boundaries and the text start are
    /// judged on all of it.
    text: &'a str,
    /// How far back a cue may start.
    limit: usize,
    /// Where the text not yet read ends.
    end: usize,
}

impl<'a> Before<'a> {
    /// The text before byte `at`, read back at most `CUE_REACH` bytes.
    pub fn point(text: &'a str, at: usize) -> Before<'a> {
        Before {
            text: &text[..at],
            limit: reach_back(text, at),
            end: at,
        }
    }

    /// All of `text`, read back from its end.
    pub fn end_of(text: &'a str) -> Before<'a> {
        Before {
            text,
            limit: 0,
            end: text.len(),
        }
    }

    /// Where the reader stands: every cue read so far starts here.
    pub fn position(&self) -> usize {
        self.end
    }

    fn unread(&self) -> &'a str {
        &self.text[self.limit..self.end]
    }

    fn moved_to(self, end: usize) -> Before<'a> {
        Before { end, ..self }
    }

    /// White space or none (`\s*`).
    pub fn spaces(self) -> Before<'a> {
        let kept = self.unread().trim_end_matches(char::is_whitespace).len();
        self.moved_to(self.limit + kept)
    }

    /// At least one white-space character (`\s+`).
    pub fn space(self) -> Option<Before<'a>> {
        let after = self.spaces();
        (after.end < self.end).then_some(after)
    }

    /// Exactly `s`, ignoring ASCII case.
    pub fn literal(self, s: &str) -> Option<Before<'a>> {
        let start = self.end.checked_sub(s.len()).filter(|&start| start >= self.limit)?;
        let read = self.text.get(start..self.end)?;
        read.eq_ignore_ascii_case(s).then(|| self.moved_to(start))
    }

    /// The last character, if `accept` takes it.
    pub fn char(self, accept: impl Fn(char) -> bool) -> Option<Before<'a>> {
        let c = self.unread().chars().next_back().filter(|&c| accept(c))?;
        Some(self.moved_to(self.end - c.len_utf8()))
    }

    /// The word or phrase `w` (starting with a word character) ending here,
    /// on a word boundary at its start (`\bw`).
    pub fn word(self, w: &str) -> Option<Before<'a>> {
        let read = self.literal(w)?;
        let glued = self.text[..read.end].chars().next_back().is_some_and(is_word_char);
        (!glued).then_some(read)
    }

    /// The first of `words` ending here.
    pub fn any_word(self, words: &Words) -> Option<Before<'a>> {
        if !words.1.may_end(self.unread().as_bytes().last().copied()) {
            return None;
        }
        self.candidates(words).find_map(|w| self.word(w))
    }

    /// The words of `words` that may end here, in their order: those whose
    /// last byte matches the one before the reader (ASCII case ignored).
    pub fn candidates<'w>(&self, words: &'w Words) -> impl Iterator<Item = &'static str> + 'w {
        let last = self.unread().as_bytes().last().map(u8::to_ascii_lowercase);
        words.0.iter().copied().filter(move |w| match w.as_bytes().last() {
            Some(end) => Some(end.to_ascii_lowercase()) == last,
            None => true,
        })
    }

    /// One character or more that `accept` takes, as many as there are.
    pub fn run(self, accept: impl Fn(char) -> bool) -> Option<Before<'a>> {
        let kept = self.unread().trim_end_matches(accept).len();
        (kept < self.end - self.limit).then(|| self.moved_to(self.limit + kept))
    }

    /// A parenthesis ending here (`\([^)]*\)`): the reader at each `(` it
    /// may open at, nearest first.
    pub fn parenthesis(self) -> impl Iterator<Item = Before<'a>> {
        let inside = self.literal(")").map(|b| (b, b.unread()));
        inside.into_iter().flat_map(|(b, text)| {
            text.char_indices()
                .rev()
                .take_while(|&(_, c)| c != ')')
                .filter(|&(_, c)| c == '(')
                .map(move |(i, _)| b.moved_to(b.limit + i))
        })
    }

    /// Whether the reader stands at the start of the whole text (`^`).
    pub fn at_text_start(&self) -> bool {
        self.end == 0
    }

    /// Whether one of `words`, standing on word boundaries, ends at most
    /// `max_chars` characters back, with none of `stops` after it:
    /// `\b(?:words)\b[^stops]{0,max_chars}$`.
    pub fn word_within(self, words: &Words, max_chars: usize, stops: &[char]) -> bool {
        let gap = self.unread();
        let mut floor = gap.len();
        for (taken, (i, c)) in gap.char_indices().rev().enumerate() {
            if taken == max_chars || stops.contains(&c) {
                break;
            }
            floor = i;
        }
        // Each word ending in the gap is a whole run of word characters.
        let mut end = gap.len();
        loop {
            let run_end = gap[..end].trim_end_matches(|c| !is_word_char(c)).len();
            if run_end < floor {
                return false;
            }
            let run_start = gap[..run_end].trim_end_matches(is_word_char).len();
            let starts_a_word = run_start > 0 || !self.text[..self.limit].chars().next_back().is_some_and(is_word_char);
            if starts_a_word && words.contains(&gap[run_start..run_end]) {
                return true;
            }
            if run_start == 0 {
                return false;
            }
            end = run_start;
        }
    }
}

/// ASCII letters, digits and `_`: the bytes of a word that need no decoding.
static ASCII_WORD_BYTE: [bool; 256] =
    crate::text::byte_set(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");

/// Text read forwards from a point, the mirror of [`Before`].
#[derive(Clone, Copy, Debug)]
pub struct Ahead<'a> {
    text: &'a str,
    start: usize,
}

impl<'a> Ahead<'a> {
    pub fn new(text: &'a str) -> Ahead<'a> {
        Ahead { text, start: 0 }
    }

    /// The reader moved `bytes` on.
    pub fn skip(self, bytes: usize) -> Ahead<'a> {
        Ahead {
            start: (self.start + bytes).min(self.text.len()),
            ..self
        }
    }

    /// Where the reader stands: everything before it has been read.
    pub fn position(&self) -> usize {
        self.start
    }

    fn unread(&self) -> &'a str {
        &self.text[self.start..]
    }

    /// White space or none (`\s*`).
    pub fn spaces(self) -> Ahead<'a> {
        let rest = self.unread();
        Ahead {
            start: self.start + rest.len() - rest.trim_start_matches(char::is_whitespace).len(),
            ..self
        }
    }

    /// At least one white-space character (`\s+`).
    pub fn space(self) -> Option<Ahead<'a>> {
        let after = self.spaces();
        (after.start > self.start).then_some(after)
    }

    /// Exactly `s`, ignoring ASCII case.
    pub fn literal(self, s: &str) -> Option<Ahead<'a>> {
        let read = self.unread().get(..s.len())?;
        read.eq_ignore_ascii_case(s).then_some(Ahead {
            start: self.start + s.len(),
            ..self
        })
    }

    /// Exactly `s`, case included.
    pub fn literal_exact(self, s: &str) -> Option<Ahead<'a>> {
        self.unread().starts_with(s).then(|| self.skip(s.len()))
    }

    /// The bytes not yet read.
    pub fn unread_bytes(&self) -> &'a [u8] {
        self.unread().as_bytes()
    }

    /// The word or phrase `w` starting here, on a word boundary at its end (`w\b`).
    pub fn word(self, w: &str) -> Option<Ahead<'a>> {
        let read = self.literal(w)?;
        let glued = read.unread().chars().next().is_some_and(is_word_char);
        (!glued).then_some(read)
    }

    /// The reader itself, if it stands at the end of a word (`\b` after a word).
    pub fn word_end(self) -> Option<Ahead<'a>> {
        self.word("")
    }

    /// The first of `words` that starts here, whatever follows it.
    pub fn any_prefix(self, words: &Words) -> Option<Ahead<'a>> {
        if !words.1.may_start(self.unread_bytes().first().copied()) {
            return None;
        }
        self.candidates(words).find_map(|w| self.literal(w))
    }

    /// Whether one of `words` starts here and ends on a word boundary (`(?:words)\b`).
    pub fn any_word(self, words: &Words) -> Option<Ahead<'a>> {
        if !words.1.may_start(self.unread_bytes().first().copied()) {
            return None;
        }
        self.candidates(words).find_map(|w| self.word(w))
    }

    /// The words of `words` that may start here, in their order: those whose
    /// first two bytes match the next two (ASCII case ignored). Most readers
    /// stand before a word no list entry starts like; a byte or two dismiss it.
    pub fn candidates<'w>(&self, words: &'w Words) -> impl Iterator<Item = &'static str> + 'w {
        let next = self.unread().as_bytes();
        let (first, second) = (next.first().copied(), next.get(1).copied());
        words.0.iter().copied().filter(move |w| match w.as_bytes() {
            [] => true,
            [a] => first.is_some_and(|f| f.eq_ignore_ascii_case(a)),
            [a, b, ..] => {
                first.is_some_and(|f| f.eq_ignore_ascii_case(a)) && second.is_some_and(|s| s.eq_ignore_ascii_case(b))
            }
        })
    }

    /// A reader at the start of each word of `text` (`\b\w`).
    pub fn word_starts(text: &'a str) -> impl Iterator<Item = Ahead<'a>> {
        Self::word_starts_from(text, 0)
    }

    /// A reader at the start of each word of `text` at or after byte `from`.
    pub fn word_starts_from(text: &'a str, from: usize) -> impl Iterator<Item = Ahead<'a>> {
        let mut after_word = text[..from].chars().next_back().is_some_and(is_word_char);
        let bytes = text.as_bytes();
        let mut at = from;
        // Byte by byte, decoding only non-ASCII characters: this runs over
        // every line of a document.
        std::iter::from_fn(move || {
            loop {
                // The rest of a word's ASCII letters, in a tight loop: most
                // bytes of a line are letters inside words.
                if after_word {
                    while bytes.get(at).is_some_and(|&b| ASCII_WORD_BYTE[usize::from(b)]) {
                        at += 1;
                    }
                }
                let &b = bytes.get(at)?;
                let start = at;
                let is_word = if b.is_ascii() {
                    at += 1;
                    b.is_ascii_alphanumeric() || b == b'_'
                } else {
                    let c = text[at..].chars().next()?;
                    at += c.len_utf8();
                    is_word_char(c)
                };
                let starts = !after_word && is_word;
                after_word = is_word;
                if starts {
                    return Some(Ahead { text, start });
                }
            }
        })
    }

    /// One character or more that `accept` takes, as many as there are.
    pub fn run(self, accept: impl Fn(char) -> bool) -> Option<Ahead<'a>> {
        let rest = self.unread();
        let taken = rest.len() - rest.trim_start_matches(accept).len();
        (taken > 0).then(|| self.skip(taken))
    }

    pub fn next_char(&self) -> Option<char> {
        self.unread().chars().next()
    }

    /// The next character, if `accept` takes it.
    pub fn char(self, accept: impl Fn(char) -> bool) -> Option<Ahead<'a>> {
        let c = self.unread().chars().next().filter(|&c| accept(c))?;
        Some(self.skip(c.len_utf8()))
    }
}

/// A fixed word list, matched ignoring ASCII case. A phrase's spaces are
/// single spaces. Lists read by [`Before::any_word`] in the middle of a cue
/// hold no phrase that ends another on a word boundary ("not", "could not"),
/// since the first found is the one taken.
#[derive(Clone, Copy, Debug)]
pub struct Words(
    pub &'static [&'static str],
    /// The bytes a word of the list starts with, and those it ends with.
    Edges,
);

/// The first and last bytes of a list's words, both ASCII cases: a reader
/// standing before (or after) any other byte has no candidate, which one
/// lookup tells instead of a comparison with each word. Most readers stand
/// at words no list holds.
#[derive(Clone, Copy, Debug)]
struct Edges {
    /// Byte tables, as `text::byte_set` makes them.
    first: [bool; 256],
    last: [bool; 256],
    /// Whether the list holds "", which matches before and after anything.
    empty: bool,
}

/// `table` with `b` in both ASCII cases.
const fn with_either_case(mut table: [bool; 256], b: u8) -> [bool; 256] {
    table[b.to_ascii_lowercase() as usize] = true;
    table[b.to_ascii_uppercase() as usize] = true;
    table
}

impl Edges {
    /// Whether a word of the list may start before `next` (None: the text's end).
    fn may_start(&self, next: Option<u8>) -> bool {
        self.empty || next.is_some_and(|b| self.first[usize::from(b)])
    }

    /// Whether a word of the list may end after `last` (None: the text's start).
    fn may_end(&self, last: Option<u8>) -> bool {
        self.empty || last.is_some_and(|b| self.last[usize::from(b)])
    }
}

impl Words {
    pub const fn new(list: &'static [&'static str]) -> Words {
        let mut edges = Edges {
            first: [false; 256],
            last: [false; 256],
            empty: false,
        };
        let mut i = 0;
        while i < list.len() {
            match list[i].as_bytes() {
                [] => edges.empty = true,
                [first, ..] => edges.first = with_either_case(edges.first, *first),
            }
            if let [.., last] = list[i].as_bytes() {
                edges.last = with_either_case(edges.last, *last);
            }
            i += 1;
        }
        Words(list, edges)
    }

    pub fn contains(&self, word: &str) -> bool {
        self.0.iter().any(|w| w.eq_ignore_ascii_case(word))
    }

    /// Whether one of the words stands in `text` on word boundaries. A word
    /// ending in `*` is a stem: it goes on over ASCII letters, digits and `_`.
    pub fn is_in(&self, text: &str) -> bool {
        Ahead::word_starts(text).any(|a| {
            let first = a.unread().as_bytes()[0];
            if !self.1.first[usize::from(first)] {
                return false;
            }
            let first = first.to_ascii_lowercase();
            self.0
                .iter()
                .any(|w| w.as_bytes().first().is_some_and(|b| b.to_ascii_lowercase() == first) && Self::stands_at(a, w))
        })
    }

    fn stands_at(a: Ahead<'_>, word: &str) -> bool {
        let Some(stem) = word.strip_suffix('*') else {
            return a.word(word).is_some();
        };
        a.literal(stem).is_some_and(|read| {
            let rest = read.unread();
            let stem_end = rest.len()
                - rest
                    .trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '_')
                    .len();
            !rest[stem_end..].chars().next().is_some_and(is_word_char)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AT: Words = Words::new(&["at", "by"]);

    /// Where `word_starts_from` says words start, against its definition:
    /// a word character after none (or after the text's start), from `from` on.
    #[test]
    fn words_start_where_a_word_character_follows_none() {
        let words = ["ab", "x_1", "é", "Ünï", "ſep", "٣", "a-b", "9:05", "_", "’s"];
        let texts = super::equivalence::sample_texts("", &words, 5_000);
        let mut starts = 0;
        for text in &texts {
            for from in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let expected: Vec<usize> = text
                    .char_indices()
                    .filter(|&(i, c)| {
                        i >= from && is_word_char(c) && !text[..i].chars().next_back().is_some_and(is_word_char)
                    })
                    .map(|(i, _)| i)
                    .collect();
                let found: Vec<usize> = Ahead::word_starts_from(text, from).map(|a| a.position()).collect();
                assert_eq!(found, expected, "{text:?} from {from}");
                starts += found.len();
            }
        }
        assert!(starts > 50_000, "{starts}");
    }

    /// The edge lookup turns a reader away only where no word of the list
    /// could match: `any_word` and `any_prefix` give what trying every
    /// candidate gives, at every point of texts in all cases, beyond ASCII
    /// and at both ends.
    #[test]
    fn edges_turn_away_only_readers_no_word_fits() {
        const LISTS: &[Words] = &[
            Words::new(&["Due", "by", "éta", "p0", "_x"]),
            Words::new(&["owned by", "Ünï", "a"]),
            Words::new(&["", "at"]),
            Words::new(&[]),
        ];
        let texts = super::equivalence::sample_texts(
            "",
            &["DUE", "By", "ÉTA", "P0", "_X", "owNed bY", "ünï", "a", "at"],
            3000,
        );
        let mut matched = 0;
        for words in LISTS {
            for text in texts.iter().map(String::as_str).chain(["", "a", "É"]) {
                for at in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
                    let ahead = Ahead::new(text).skip(at);
                    let every = ahead
                        .candidates(words)
                        .find_map(|w| ahead.word(w))
                        .map(|a| a.position());
                    assert_eq!(ahead.any_word(words).map(|a| a.position()), every, "{text:?} at {at}");
                    let every = ahead
                        .candidates(words)
                        .find_map(|w| ahead.literal(w))
                        .map(|a| a.position());
                    assert_eq!(ahead.any_prefix(words).map(|a| a.position()), every, "{text:?} at {at}");
                    let before = Before::point(text, at);
                    let every = before
                        .candidates(words)
                        .find_map(|w| before.word(w))
                        .map(|b| b.position());
                    assert_eq!(before.any_word(words).map(|b| b.position()), every, "{text:?} at {at}");
                    matched += usize::from(every.is_some());
                }
            }
        }
        assert!(matched > 5_000, "{matched}");
        // `is_in` looks at first bytes only; a stem's `*` is none of them.
        let stems = Words::new(&["Roll*", "é"]);
        assert!(stems.is_in("we ROLLED back"));
        assert!(stems.is_in("x é y"));
        // ASCII case only: "É" is another word.
        assert!(!stems.is_in("x É y"));
        assert!(!stems.is_in("patrolled"));
    }

    #[test]
    fn before_reads_back_piece_by_piece() {
        let b = Before::end_of("It ended AT  ");
        let b = b.space().and_then(|b| b.any_word(&AT)).unwrap();
        assert_eq!(b.position(), 9);
        assert!(b.space().and_then(|b| b.word("ended")).is_some());
        // `\b`: "bat" does not end with the word "at".
        assert!(Before::end_of("bat").any_word(&AT).is_none());
        assert!(Before::end_of("(at").any_word(&AT).is_some());
        assert!(Before::end_of("at").space().is_none());
        assert!(Before::end_of("").spaces().at_text_start());
    }

    #[test]
    fn a_cue_starts_within_reach_yet_boundaries_see_the_whole_text() {
        let text = format!("{}at{}5", "x".repeat(10), " ".repeat(crate::text::CUE_REACH - 2));
        let at = text.find('5').unwrap();
        // "at" starts exactly at the reach, but is glued to the x before it.
        assert!(Before::point(&text, at).space().and_then(|b| b.any_word(&AT)).is_none());
        let far = format!("at{}5", " ".repeat(crate::text::CUE_REACH));
        assert!(
            Before::point(&far, far.len() - 1)
                .space()
                .and_then(|b| b.any_word(&AT))
                .is_none()
        );
    }

    #[test]
    fn word_within_a_few_characters() {
        let cues = Words::new(&["from", "since"]);
        assert!(Before::end_of("from the 3rd, at ").word_within(&cues, 40, &['.']));
        assert!(!Before::end_of("from it. At ").word_within(&cues, 40, &['.']));
        assert!(!Before::end_of("from a long way back, more than ten chars ").word_within(&cues, 10, &[]));
        // The word may start before the window, as long as it ends in it.
        assert!(Before::end_of("since ").word_within(&cues, 2, &[]));
        assert!(!Before::end_of("fromage ").word_within(&cues, 40, &[]));
        assert!(Before::end_of("é from").word_within(&cues, 40, &[]));
    }

    #[test]
    fn parentheses_and_runs() {
        let b = Before::end_of("start (a (b) ").spaces();
        let opens: Vec<usize> = b.parenthesis().map(|b| b.position()).collect();
        assert_eq!(opens, [9, 6]);
        assert!(Before::end_of("x) (y").parenthesis().next().is_none());
        let b = Before::end_of("start- \ttime").literal("time").unwrap();
        assert_eq!(b.run(|c| c == '-' || c.is_whitespace()).unwrap().position(), 5);
        assert!(Before::end_of("x").run(char::is_whitespace).is_none());
    }

    #[test]
    fn words_in_a_text() {
        let words = Words::new(&["timed out", "crash*", "down"]);
        assert!(words.is_in("The job TIMED OUT."));
        assert!(!words.is_in("it timed outright"));
        assert!(words.is_in("crashes, then"));
        assert!(!words.is_in("a crashé"));
        assert!(!words.is_in("downtime; breakdown"));
        assert!(words.is_in("é down"));
    }

    #[test]
    fn ahead_reads_forward() {
        let a = Ahead::new("  AT noon");
        let a = a.space().and_then(|a| a.any_word(&AT)).unwrap();
        assert_eq!(a.position(), 4);
        assert!(Ahead::new("attic").any_word(&AT).is_none());
        assert!(Ahead::new("attic").any_prefix(&AT).is_some());
        assert!(Ahead::new("é").literal("e").is_none());
    }
}

/// Checks that a hand-written cue reads exactly what the regex it replaced
/// matched, on texts made to trip it.
#[cfg(test)]
pub(crate) mod equivalence {
    use regex::Regex;

    use super::Before;
    use crate::text::reach_back;

    /// What a cue regex, anchored at its end (`...$`), said before byte `at`:
    /// the search started `CUE_REACH` bytes back, with `^` and `\b` seeing the
    /// real text around that point. The readers replaced this.
    pub(crate) fn cue_before(cue: &Regex, text: &str, at: usize) -> bool {
        cue.is_match_at(&text[..at], reach_back(text, at))
    }

    #[test]
    fn the_reference_reads_near_the_match_only() {
        let cue = Regex::new(r"(?:^|\.\s+)on\s*$").unwrap();
        assert!(cue_before(&cue, "on 5 May", 3));
        assert!(cue_before(&cue, "Outage. On it. on 5 May", 18));
        // The look-back window starts exactly at `on`, yet that is no line start.
        let text = format!("{}on{}5", "a".repeat(10), " ".repeat(crate::text::CUE_REACH - 2));
        assert!(!cue_before(&cue, &text, text.find('5').unwrap()));
        // Too far back to count.
        let far = format!("on{}5", " ".repeat(crate::text::CUE_REACH));
        assert!(!cue_before(&cue, &far, far.find('5').unwrap()));
    }

    /// A fixed stream of pseudo-random numbers (xorshift) for generated test
    /// texts: the same seed gives the same texts, so a failure repeats.
    pub(crate) struct Draws(u64);

    impl Draws {
        /// `seed` must not be zero.
        pub(crate) fn new(seed: u64) -> Draws {
            Draws(seed)
        }

        /// A number below `n`.
        pub(crate) fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }

        /// One of `items`.
        pub(crate) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
            items[self.below(items.len())]
        }
    }

    /// Texts for checking a hand-written cue against the regex it replaced:
    /// random runs of `words`, the pattern's own words (so a word dropped from a
    /// list still turns up), punctuation, odd white space and letters beyond
    /// ASCII, in all cases. Deterministic, so a failure repeats.
    pub(crate) fn sample_texts(pattern: &str, words: &[&str], count: usize) -> Vec<String> {
        let literal = regex::Regex::new(r"[A-Za-z' ]{2,}").unwrap();
        let cleaned = pattern.replace(r"\s", " ").replace(r"\b", " ");
        let mut words = words.to_vec();
        words.extend(
            literal
                .find_iter(&cleaned)
                .map(|m| m.as_str().trim())
                .filter(|w| !w.is_empty()),
        );
        const EXTRA: &[&str] = &[
            "the", "our", "a", "and", "for", "to", "at", "on", "x", "it", "é", "Ünï", "2", "13:05", ".", ";", ":", ",",
            "!", "?", "(", ")", "-", "–", "~", "@", "&", "'", "time", "times", "zone", "half", "start", "end",
        ];
        const GAPS: &[&str] = &[" ", " ", " ", "  ", "\t", "", "\u{a0}", "-", "\n"];
        let mut draws = Draws::new(0x9e37_79b9_7f4a_7c15);
        let mut next = |n: usize| draws.below(n);
        (0..count)
            .map(|_| {
                let mut text = String::new();
                for _ in 0..1 + next(8) {
                    let word = if next(3) == 0 {
                        EXTRA[next(EXTRA.len())]
                    } else {
                        words[next(words.len())]
                    };
                    match next(4) {
                        0 => text.push_str(&word.to_uppercase()),
                        1 => {
                            let mut chars = word.chars();
                            text.extend(chars.next().map(|c| c.to_ascii_uppercase()));
                            text.push_str(chars.as_str());
                        }
                        _ => text.push_str(word),
                    }
                    text.push_str(GAPS[next(GAPS.len())]);
                }
                if next(10) == 0 {
                    text.insert_str(0, &"filler ".repeat(40));
                }
                text
            })
            .collect()
    }

    /// The regex, as a cue before a point, and the reader agree at every
    /// point of every sample.
    pub(crate) fn assert_same_before(pattern: &str, words: &[&str], reader: impl Fn(Before<'_>) -> bool) {
        let regex = Regex::new(pattern).unwrap();
        let mut found = Vec::new();
        for text in sample_texts(pattern, words, 4000) {
            for at in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
                if cue_before(&regex, &text, at) != reader(Before::point(&text, at)) {
                    found.push((text.clone(), at));
                }
            }
        }
        assert!(
            found.is_empty(),
            "{pattern}: {} disagreements, first {:?}",
            found.len(),
            found.first()
        );
    }

    /// The regex and the reader agree on whether each sample matches.
    pub(crate) fn assert_same_text(pattern: &str, words: &[&str], reader: impl Fn(&str) -> bool) {
        let regex = Regex::new(pattern).unwrap();
        for text in sample_texts(pattern, words, 20000) {
            assert_eq!(regex.is_match(&text), reader(&text), "{pattern} on {text:?}");
        }
    }
}
