//! Which section kind a heading names, from the synonym table in
//! `rules/sections.toml` (extendable with `[sections]` in config).

use crate::hash::{HashMap, HashSet};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::cue::Ahead;
use crate::model::{KindSet, SectionKind};
use crate::phrase::PhraseSet;

/// Longest unrecognised part of a combined heading ("Root cause and heroic
/// resolution") before the heading stops counting as a section name.
const MAX_UNKNOWN_PART_WORDS: usize = 3;

/// Shortest one-word heading checked for a misspelling.
const MIN_MISSPELT_LEN: usize = 6;

/// How sure a heading's text must be to count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strictness {
    /// Markdown headings and bold lines: the text is certainly a heading, so
    /// "The Grand Resolution" and "Timeline of Chaos" count.
    Heading,
    /// A plain line of text: only a section name, possibly with qualifiers
    /// ("Issue Summary") or bracketed asides ("Timeline (EAT).").
    Line,
}

/// What a heading names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Classification {
    pub kinds: KindSet,
    /// The heading is "Mitigation" or similar: its content decides the kind.
    pub ambiguous: bool,
}

impl Classification {
    pub fn is_section(&self) -> bool {
        !self.kinds.is_empty() || self.ambiguous
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableDef {
    kinds: BTreeMap<String, Vec<String>>,
    ambiguous: AmbiguousDef,
    qualifiers: QualifiersDef,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AmbiguousDef {
    headings: Vec<String>,
    future_cues: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QualifiersDef {
    words: Vec<String>,
    suffixes: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct SectionTable {
    phrases: HashMap<String, KindSet>,
    ambiguous: HashSet<String>,
    qualifiers: HashSet<String>,
    /// Trailing phrases that do not change the kind: " of the incident".
    suffixes: Vec<String>,
    future_cues: PhraseSet,
}

static BUILTIN: LazyLock<SectionTable> = LazyLock::new(|| {
    SectionTable::from_json(builtin_json!("sections"))
        .unwrap_or_else(|e| panic!("built-in rules/sections.toml is invalid: {e}"))
});

impl SectionTable {
    pub fn builtin() -> &'static SectionTable {
        &BUILTIN
    }

    fn from_json(text: &str) -> Result<SectionTable, String> {
        let def: TableDef = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let mut table = SectionTable {
            phrases: HashMap::default(),
            ambiguous: def.ambiguous.headings.iter().map(|h| normalize(h)).collect(),
            qualifiers: def.qualifiers.words.iter().map(|w| w.to_lowercase()).collect(),
            suffixes: def
                .qualifiers
                .suffixes
                .iter()
                .map(|w| format!(" {}", w.to_lowercase()))
                .collect(),
            future_cues: PhraseSet::new(def.ambiguous.future_cues.iter().map(|c| (0, c.as_str())))?,
        };
        table.extend(&def.kinds)?;
        Ok(table)
    }

    /// This table with the user's synonyms added (`[sections] timeline = ["sequence"]`).
    pub fn extended(&self, extra: &BTreeMap<String, Vec<String>>) -> Result<SectionTable, String> {
        let mut table = self.clone();
        table.extend(extra)?;
        Ok(table)
    }

    fn extend(&mut self, extra: &BTreeMap<String, Vec<String>>) -> Result<(), String> {
        for (kind, phrases) in extra {
            let kind: SectionKind = kind.parse()?;
            for phrase in phrases {
                let key = normalize(phrase);
                self.phrases.entry(key).or_default().insert(kind);
            }
        }
        Ok(())
    }

    /// True if `text` reads as future work: "to prevent this in the future we will...".
    pub fn mentions_future_work(&self, text: &str) -> bool {
        self.future_cues.is_match(text)
    }

    /// The kinds a heading's text names.
    pub fn classify(&self, heading: &str, strictness: Strictness) -> Classification {
        let normalized = normalize(heading);
        if normalized.is_empty() {
            return Classification::default();
        }
        if strictness == Strictness::Line && normalized.split(' ').count() > 7 {
            return Classification::default();
        }
        if strictness == Strictness::Line {
            return self.classify_segment(&normalized, strictness);
        }
        if let Some(found) = self.lookup(&normalized) {
            return found;
        }
        // "Issue Summary: The Authentication Apocalypse", "The Dramatic Climax: Root Cause".
        let segments: Vec<&str> = normalized
            .split([':', '|'])
            .flat_map(|s| s.split(" - "))
            .flat_map(|s| s.split(" – "))
            .flat_map(|s| s.split(" — "))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        segments
            .into_iter()
            .map(|segment| self.classify_segment(segment, strictness))
            .find(Classification::is_section)
            .unwrap_or_default()
    }

    fn classify_segment(&self, segment: &str, strictness: Strictness) -> Classification {
        let segment = segment.trim_matches(|c: char| c == ':' || c == ' ' || c == '-');
        if let Some(found) = self.lookup(segment) {
            return found;
        }
        // "Root cause and resolution", "Improvements/Fixes", "Detection & Response".
        let parts: Vec<&str> = split_conjunction(segment);
        if parts.len() > 1 {
            let mut all = Classification::default();
            let mut unknown = 0;
            let mut long_unknown = false;
            for part in &parts {
                match self
                    .lookup(part)
                    .or_else(|| (strictness == Strictness::Heading).then(|| self.loose(part)).flatten())
                {
                    Some(c) => {
                        all.kinds = all.kinds.union(c.kinds);
                        all.ambiguous |= c.ambiguous;
                    }
                    None => {
                        unknown += 1;
                        long_unknown |= part.split(' ').count() > MAX_UNKNOWN_PART_WORDS;
                    }
                }
            }
            if all.is_section() && (unknown == 0 || strictness == Strictness::Heading && !long_unknown) {
                return all;
            }
        }
        if strictness == Strictness::Heading
            && let Some(found) = self.loose(segment)
        {
            return found;
        }
        Classification::default()
    }

    /// An exact phrase, possibly after qualifiers ("incident timeline") or
    /// before a suffix ("summary of the incident").
    fn lookup(&self, text: &str) -> Option<Classification> {
        let text = self
            .suffixes
            .iter()
            .find_map(|s| text.strip_suffix(s.as_str()))
            .unwrap_or(text);
        let mut rest = text;
        loop {
            if let Some(kinds) = self.phrases.get(rest) {
                return Some(Classification {
                    kinds: *kinds,
                    ambiguous: false,
                });
            }
            if self.ambiguous.contains(rest) {
                return Some(Classification {
                    kinds: KindSet::EMPTY,
                    ambiguous: true,
                });
            }
            let Some((word, tail)) = rest.split_once(' ') else {
                return self.lookup_misspelt(rest);
            };
            if !self.qualifiers.contains(word) {
                return None;
            }
            rest = tail;
        }
    }

    /// A one-word section name with one letter wrong, missing, extra or swapped
    /// ("Sumary", "Timline", "Resoultion"). Short words are too easily confused.
    fn lookup_misspelt(&self, word: &str) -> Option<Classification> {
        if word.len() < MIN_MISSPELT_LEN || word.contains(' ') {
            return None;
        }
        self.phrases
            .iter()
            .filter(|(phrase, _)| !phrase.contains(' ') && phrase.len() >= MIN_MISSPELT_LEN)
            // One edit changes the length by at most one: skip the rest cheaply.
            .filter(|(phrase, _)| phrase.len().abs_diff(word.len()) <= 1)
            .filter(|(phrase, _)| strsim::damerau_levenshtein(word, phrase) == 1)
            // The table is a hash map: pick the same phrase every run.
            .min_by(|a, b| a.0.cmp(b.0))
            .map(|(_, kinds)| Classification {
                kinds: *kinds,
                ambiguous: false,
            })
    }

    /// A phrase with a few words around it: "The Grand Resolution",
    /// "Timeline of Chaos", "Resolution steps".
    fn loose(&self, text: &str) -> Option<Classification> {
        let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
        if words.len() > 8 {
            return None;
        }
        // The words one space apart, and where each starts in that text: the
        // text itself when it is so written (normalized text is), so each
        // run of words tried below is a slice of it, not a new string.
        let trimmed = text.trim_matches(' ');
        let joined = if trimmed.len() == words.iter().map(|w| w.len() + 1).sum::<usize>().saturating_sub(1) {
            Cow::Borrowed(trimmed)
        } else {
            Cow::Owned(words.join(" "))
        };
        let starts: Vec<usize> = words
            .iter()
            .scan(0, |at, word| {
                let start = *at;
                *at += word.len() + 1;
                Some(start)
            })
            .collect();
        // The phrase at the end after up to two words of colour.
        for skip in 1..=2.min(words.len().saturating_sub(1)) {
            if let Some(found) = self.lookup(&joined[starts[skip]..]) {
                return Some(found);
            }
        }
        // The phrase at the start, then "of ..." or up to two more words.
        for take in (1..words.len()).rev() {
            if loose_tail(&words[take..])
                && let Some(found) = self.lookup(&joined[..starts[take] - 1])
            {
                return Some(found);
            }
        }
        None
    }
}

/// Whether the words after a phrase still let it name a section: up to
/// two, or any number after "of", "for", "during" and the like.
fn loose_tail(tail: &[&str]) -> bool {
    tail.len() <= 2
        || matches!(
            tail[0],
            "of" | "for" | "in" | "on" | "to" | "during" | "and" | "with" | "against"
        )
}

fn split_conjunction(text: &str) -> Vec<&str> {
    // Most segments hold no joining word or mark: one part, found without
    // the six passes below.
    if !text.bytes().any(|b| matches!(b, b'/' | b'&' | b',' | b'+'))
        && !text.contains(" and ")
        && !text.contains(" or ")
    {
        let part = text.trim();
        return if part.is_empty() { Vec::new() } else { vec![part] };
    }
    split_in_passes(text)
}

/// `text` split at each joining word or mark in turn, its parts trimmed.
fn split_in_passes(text: &str) -> Vec<&str> {
    let mut parts = vec![text];
    for sep in [" and ", " & ", "/", ", ", " + ", " or "] {
        parts = parts
            .into_iter()
            .flat_map(|p| p.split(sep))
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
    }
    parts
}

/// The numbering a heading starts with, and the white space after it:
/// `section 2:`, `2.1.`, `3 `, `(4)`, `iv.`, `b)`, `0x19.`. Read as the regex
/// `^(?:(?:section|step|part|chapter)\s+[0-9]+\s*[.:)\-]?|[0-9]+(?:\.[0-9]+)*\s*[.):\-]|[0-9]+\s|\([0-9]+\)|[ivx]{1,4}\s*[.)]|[a-h]\s*[.)]|0x[0-9a-f]+\.?)\s*`
/// would, alternatives tried in that order (its test keeps the regex).
fn numbering_len(text: &str) -> Option<usize> {
    fn digits(a: Ahead<'_>) -> Option<Ahead<'_>> {
        a.run(|c| c.is_ascii_digit())
    }
    let a = Ahead::new(text);
    let labelled = || {
        let word = ["section", "step", "part", "chapter"]
            .into_iter()
            .find_map(|w| a.literal_exact(w))?;
        let number = digits(word.space()?)?.spaces();
        Some(number.char(|c| matches!(c, '.' | ':' | ')' | '-')).unwrap_or(number))
    };
    // `2.1.` before `2.1 `: the most parts first, then fewer.
    let dotted = || {
        let mut ends = vec![digits(a)?];
        while let Some(part) = ends.last().and_then(|e| e.literal(".")).and_then(digits) {
            ends.push(part);
        }
        ends.into_iter()
            .rev()
            .find_map(|end| end.spaces().char(|c| matches!(c, '.' | ')' | ':' | '-')))
    };
    let spaced = || digits(a)?.char(char::is_whitespace);
    let parenthesised = || a.literal("(").and_then(digits)?.literal(")");
    let roman = || {
        let run = a
            .unread_bytes()
            .iter()
            .take_while(|b| matches!(b, b'i' | b'v' | b'x'))
            .count();
        (run > 0).then(|| a.skip(run.min(4)).spaces().char(|c| matches!(c, '.' | ')')))?
    };
    let lettered = || {
        a.char(|c| matches!(c, 'a'..='h'))?
            .spaces()
            .char(|c| matches!(c, '.' | ')'))
    };
    let hex = || {
        let number = a.literal_exact("0x")?.run(|c| matches!(c, '0'..='9' | 'a'..='f'))?;
        Some(number.literal(".").unwrap_or(number))
    };
    let end = labelled()
        .or_else(dotted)
        .or_else(spaced)
        .or_else(parenthesised)
        .or_else(roman)
        .or_else(lettered)
        .or_else(hex)?;
    Some(end.spaces().position())
}

/// Whether `text` is ASCII words of letters with one space between them,
/// as most headings are ("Root cause"): nothing in it is blanked out, split,
/// collapsed or trimmed, and no numbering can start it (each kind needs a
/// digit or a mark), so its normal form is its lower case.
fn is_plain_words(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && bytes.last().is_some_and(u8::is_ascii_alphabetic)
        && bytes
            .iter()
            .zip(&bytes[1..])
            .all(|(&a, &b)| b.is_ascii_alphabetic() || b == b' ' && a != b' ')
}

/// `text` with each match of `find` (given the text and a byte where a
/// match may start, the end of the match starting there) replaced by a space.
fn blank_out(text: &str, find: impl Fn(&[u8], usize) -> Option<usize>) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let (mut copied, mut at) = (0, 0);
    while at < bytes.len() {
        match find(bytes, at) {
            Some(end) => {
                out.push_str(&text[copied..at]);
                out.push(' ');
                (copied, at) = (end, end);
            }
            None => at += 1,
        }
    }
    if copied == 0 {
        // Nothing found (a find never ends at 0): most headings.
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// `:globe_with_meridians:`, as `:[a-z0-9_+\-]+:` finds it.
fn shortcode_at(bytes: &[u8], at: usize) -> Option<usize> {
    if bytes[at] != b':' {
        return None;
    }
    let name = bytes[at + 1..]
        .iter()
        .take_while(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'_' | b'+' | b'-'))
        .count();
    let close = at + 1 + name;
    (name > 0 && bytes.get(close) == Some(&b':')).then_some(close + 1)
}

/// An aside: `(...)` or `[...]` up to its closing bracket or the end of the
/// text, `<...>` only when closed, as `\([^)]*\)?|\[[^\]]*\]?|<[^>]*>` finds it.
fn bracketed_at(bytes: &[u8], at: usize) -> Option<usize> {
    let (close, open_ended) = match bytes[at] {
        b'(' => (b')', true),
        b'[' => (b']', true),
        b'<' => (b'>', false),
        _ => return None,
    };
    match bytes[at + 1..].iter().position(|&b| b == close) {
        Some(i) => Some(at + 1 + i + 1),
        None => open_ended.then_some(bytes.len()),
    }
}

/// How much of a heading is read to name its section.
const MAX_HEADING_BYTES: usize = 400;

/// Lower-case a heading and strip what does not name the section: numbering,
/// emoji, `:shortcodes:`, markup characters, bracketed asides, trailing punctuation.
pub fn normalize(text: &str) -> String {
    // No heading is this long; the cap keeps the clean-up below (which strips
    // numbering one level at a time) constant-time on a megabyte-long line.
    let text = crate::text::truncate_at_boundary(text, MAX_HEADING_BYTES);
    if is_plain_words(text) {
        return text.to_ascii_lowercase();
    }
    let lower = text.to_lowercase();
    // Most headings hold neither: a vectorised look spares the byte-by-byte one.
    let lower = match memchr::memchr(b':', lower.as_bytes()) {
        Some(_) => blank_out(&lower, shortcode_at),
        None => Cow::Borrowed(lower.as_str()),
    };
    let lower = match memchr::memchr3(b'(', b'[', b'<', lower.as_bytes()) {
        Some(_) => blank_out(&lower, bracketed_at),
        None => Cow::Borrowed(&*lower),
    };
    // Every character but letters, digits and the marks below becomes a
    // space; runs of spaces become one, none at either end.
    let mut collapsed = String::with_capacity(lower.len());
    let mut gap = false;
    for c in lower.chars() {
        let kept = c.is_alphanumeric()
            || matches!(
                c,
                '&' | '/' | ',' | ':' | '-' | '–' | '—' | '\'' | ';' | '+' | '|' | '.' | '?'
            );
        if !kept {
            gap = true;
            continue;
        }
        if gap && !collapsed.is_empty() {
            collapsed.push(' ');
        }
        gap = false;
        collapsed.push(c);
    }
    // The name is `collapsed[start..end]`, cut in place when found.
    let (mut start, mut end) = (0, collapsed.len());
    loop {
        let name = &collapsed[start..end];
        let numbering = numbering_len(name).unwrap_or(0);
        let stripped = &name[numbering..];
        let cut = |c: char| matches!(c, ':' | '.' | '-' | '–' | '—' | '|' | '?' | ',' | ';' | ' ' | '+' | '/');
        let from_front = stripped.trim_start_matches(cut);
        let trimmed = from_front.trim_end_matches(cut);
        if trimmed.len() == name.len() {
            break;
        }
        start += numbering + (stripped.len() - from_front.len());
        end = start + trimmed.len();
    }
    collapsed.truncate(end);
    collapsed.drain(..start);
    if collapsed.contains(" :") {
        collapsed = collapsed.replace(" :", ":");
    }
    collapsed
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `blank_out` as first written: always a copy.
    fn blank_out_plainly(text: &str, find: impl Fn(&[u8], usize) -> Option<usize>) -> String {
        let bytes = text.as_bytes();
        let mut out = String::with_capacity(text.len());
        let (mut copied, mut at) = (0, 0);
        while at < bytes.len() {
            match find(bytes, at) {
                Some(end) => {
                    out.push_str(&text[copied..at]);
                    out.push(' ');
                    (copied, at) = (end, end);
                }
                None => at += 1,
            }
        }
        out.push_str(&text[copied..]);
        out
    }

    /// `normalize` as first written, one step and one copy at a time.
    fn normalize_plainly(text: &str) -> String {
        let text = crate::text::truncate_at_boundary(text, MAX_HEADING_BYTES);
        let lower = text.to_lowercase();
        let lower = blank_out_plainly(&lower, shortcode_at);
        let lower = blank_out_plainly(&lower, bracketed_at);
        let mut cleaned = String::with_capacity(lower.len());
        for c in lower.chars() {
            if c.is_alphanumeric()
                || matches!(
                    c,
                    '&' | '/' | ',' | ':' | '-' | '–' | '—' | '\'' | ';' | '+' | '|' | '.' | '?'
                )
            {
                cleaned.push(c);
            } else {
                cleaned.push(' ');
            }
        }
        let mut collapsed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
        loop {
            let stripped = &collapsed[numbering_len(&collapsed).unwrap_or(0)..];
            let trimmed = stripped
                .trim_matches(|c: char| {
                    matches!(c, ':' | '.' | '-' | '–' | '—' | '|' | '?' | ',' | ';' | ' ' | '+' | '/')
                })
                .to_string();
            if trimmed == collapsed {
                break;
            }
            collapsed = trimmed;
        }
        collapsed.replace(" :", ":")
    }

    /// `SectionTable::loose` as first written, joining the words it tries.
    fn loose_plainly(table: &SectionTable, text: &str) -> Option<Classification> {
        let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
        if words.len() > 8 {
            return None;
        }
        for skip in 1..=2.min(words.len().saturating_sub(1)) {
            if let Some(found) = table.lookup(&words[skip..].join(" ")) {
                return Some(found);
            }
        }
        for take in (1..words.len()).rev() {
            if loose_tail(&words[take..])
                && let Some(found) = table.lookup(&words[..take].join(" "))
            {
                return Some(found);
            }
        }
        None
    }

    #[test]
    fn unknown_heading_readers_agree_with_their_plain_readings() {
        const PIECES: &[&str] = &[
            "root",
            "cause",
            "timeline",
            "the",
            "of",
            "incident",
            "grand",
            "resolution",
            "steps",
            "and",
            "or",
            "in",
            "summary",
            "what",
            "happened",
            "x",
            " ",
            " ",
            " ",
            "  ",
            " and ",
            " or ",
            "/",
            "&",
            ",",
            ", ",
            "+",
            " + ",
            "\u{a0}",
            "é",
        ];
        let table = SectionTable::builtin();
        let mut draws = crate::cue::equivalence::Draws::new(0x51c3_0e7a_92bd_4f16);
        let (mut found, mut split) = (0, 0);
        for _ in 0..30_000 {
            let text: String = (0..draws.below(10)).map(|_| draws.pick(PIECES)).collect();
            let parts = split_conjunction(&text);
            assert_eq!(parts, split_in_passes(&text), "{text:?}");
            split += usize::from(parts.len() > 1);
            let loose = table.loose(&text);
            assert_eq!(loose, loose_plainly(table, &text), "{text:?}");
            found += usize::from(loose.is_some());
        }
        assert!(found > 1_000 && split > 3_000, "{found} {split}");
    }

    #[test]
    fn normalize_agrees_with_its_plain_reading() {
        const PIECES: &[&str] = &[
            "Root", "cause", "Timeline", "step", "Section", "2", "2.1", "3)", "10.", "IV", ":", " :", "::", ":fire:",
            ":a-b:", "(", ")", "(UTC)", "[", "]", "[draft", "<", ">", "<b>", "*", "**", "_", "#", "-", "–", "—", "|",
            "?", ",", ";", "+", "/", "&", "'", ".", "🔥", "É", "İ", "ß", "Ünï", "\t", " ", "  ", "\u{a0}", "\u{3000}",
        ];
        let mut draws = crate::cue::equivalence::Draws::new(0x7c3a_9e1f_0b5d_2468);
        let mut changed = 0;
        for _ in 0..30_000 {
            let text: String = (0..draws.below(12)).map(|_| draws.pick(PIECES)).collect();
            let expected = normalize_plainly(&text);
            changed += usize::from(expected != text.to_lowercase());
            assert_eq!(normalize(&text), expected, "{text:?}");
        }
        assert!(changed > 20_000, "{changed}");
        // Words and spaces alone, which mostly take the shortcut.
        const WORDS: &[&str] = &[
            "Root", "cause", "step", "Section", "iv", "a", "h", "x", "Ab", " ", "  ", "-", "2",
        ];
        let mut plain = 0;
        for _ in 0..20_000 {
            let text: String = (0..draws.below(6)).map(|_| draws.pick(WORDS)).collect();
            plain += usize::from(is_plain_words(&text));
            assert_eq!(normalize(&text), normalize_plainly(&text), "{text:?}");
        }
        assert!(plain > 3_000, "{plain}");
        let long = "Root cause (".repeat(100);
        assert_eq!(normalize(&long), normalize_plainly(&long));
    }

    fn kinds(text: &str, strictness: Strictness) -> Vec<&'static str> {
        let c = SectionTable::builtin().classify(text, strictness);
        let mut v: Vec<&str> = c.kinds.iter().map(|k| k.as_str()).collect();
        if c.ambiguous {
            v.push("ambiguous");
        }
        v
    }

    fn heading(text: &str) -> Vec<&'static str> {
        kinds(text, Strictness::Heading)
    }

    fn line(text: &str) -> Vec<&'static str> {
        kinds(text, Strictness::Line)
    }

    #[test]
    fn cleaners_read_as_the_regexes_did() {
        use crate::cue::equivalence::sample_texts;
        use regex::Regex;
        let numbering = r"^(?:(?:section|step|part|chapter)\s+[0-9]+\s*[.:)\-]?|[0-9]+(?:\.[0-9]+)*\s*[.):\-]|[0-9]+\s|\([0-9]+\)|[ivx]{1,4}\s*[.)]|[a-h]\s*[.)]|0x[0-9a-f]+\.?)\s*";
        let bracketed = r"\([^)]*\)?|\[[^\]]*\]?|<[^>]*>";
        let shortcode = r":[a-z0-9_+\-]+:";
        let words = [
            "section",
            "step",
            "part",
            "chapter",
            "2",
            "12",
            "2.",
            "2.1",
            "1.2.3",
            "(3)",
            "3)",
            "iv",
            "xii",
            "iiiii",
            "vi.",
            "b",
            "h)",
            "0x19",
            "0xaf.",
            "0x",
            ":",
            "::",
            ":fire:",
            ":a_b-c+d:",
            "(",
            ")",
            "[",
            "]",
            "<",
            ">",
            "<b>",
            "[x]",
            "(utc)",
            "timeline",
            "é",
            "ß",
        ];
        let pattern = format!("{numbering} {bracketed} {shortcode}");
        let (numbering, bracketed, shortcode) = (
            Regex::new(numbering).unwrap(),
            Regex::new(bracketed).unwrap(),
            Regex::new(shortcode).unwrap(),
        );
        for text in sample_texts(&pattern, &words, 20000) {
            for text in [text.clone(), text.to_lowercase()] {
                assert_eq!(
                    numbering.find(&text).map(|m| m.end()),
                    numbering_len(&text),
                    "numbering of {text:?}"
                );
                assert_eq!(
                    bracketed.replace_all(&text, " "),
                    blank_out(&text, bracketed_at),
                    "{text:?}"
                );
                assert_eq!(
                    shortcode.replace_all(&text, " "),
                    blank_out(&text, shortcode_at),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn normalization() {
        assert_eq!(normalize("## 🔥 Timeline"), "timeline");
        assert_eq!(normalize("2. Root cause"), "root cause");
        assert_eq!(normalize("Timeline (East African Time - EAT)"), "timeline");
        assert_eq!(
            normalize("*Timeline (All the times are in EAT time-zone):*"),
            "timeline"
        );
        assert_eq!(normalize("Root Cause."), "root cause");
        assert_eq!(normalize(":globe_with_meridians:  Timeline (UTC−05:00)"), "timeline");
        assert_eq!(normalize("Section 2: Timeline:"), "timeline");
        assert_eq!(normalize("IV. Lessons Learned"), "lessons learned");
        assert_eq!(normalize("#Timeline:"), "timeline");
        assert_eq!(normalize("--Timeline--:"), "timeline");
        assert_eq!(normalize("0x19. Postmortem"), "postmortem");
    }

    #[test]
    fn headings_of_every_kind() {
        assert_eq!(heading("Issue Summary"), vec!["summary"]);
        assert_eq!(heading("Executive summary"), vec!["summary"]);
        assert_eq!(heading("TL;DR"), vec!["summary"]);
        assert_eq!(heading("What happened?"), vec!["summary"]);
        assert_eq!(heading("Customer impact"), vec!["impact"]);
        assert_eq!(heading("Consequences"), vec!["impact"]);
        assert_eq!(heading("Timeline of events"), vec!["timeline"]);
        assert_eq!(heading("Chronology"), vec!["timeline"]);
        assert_eq!(heading("Incident Timeline"), vec!["timeline"]);
        assert_eq!(heading("Detection"), vec!["detection"]);
        assert_eq!(heading("Root Cause Analysis:"), vec!["root-cause"]);
        assert_eq!(heading("Contributing factors"), vec!["root-cause"]);
        assert_eq!(heading("Trigger"), vec!["root-cause"]);
        assert_eq!(heading("Resolution and recovery"), vec!["resolution"]);
        assert_eq!(heading("Immediate Actions Taken:"), vec!["resolution"]);
        assert_eq!(heading("Corrective and preventative"), vec!["action-items"]);
        assert_eq!(heading("Corrective and Preventive Measures."), vec!["action-items"]);
        assert_eq!(heading("Follow-ups"), vec!["action-items"]);
        assert_eq!(heading("Next steps"), vec!["action-items"]);
        assert_eq!(heading("Prevention"), vec!["action-items"]);
        assert_eq!(heading("Lessons Learned"), vec!["lessons-learned"]);
        assert_eq!(heading("Closing Remarks"), vec!["other"]);
        assert_eq!(heading("Conclusion"), vec!["other"]);
        assert_eq!(heading("Postmortem"), Vec::<&str>::new());
    }

    #[test]
    fn combined_and_decorated_headings() {
        assert_eq!(heading("Root cause and resolution"), vec!["root-cause", "resolution"]);
        assert_eq!(heading("🕵️‍♂️ Root Cause & Resolution"), vec!["root-cause", "resolution"]);
        assert_eq!(
            heading("The Dramatic Climax: Root Cause and Heroic Resolution"),
            vec!["root-cause", "resolution"]
        );
        assert_eq!(heading("Timeline: The Rollercoaster Ride"), vec!["timeline"]);
        assert_eq!(heading("⏰ Timeline of Chaos:"), vec!["timeline"]);
        assert_eq!(heading("The Grand Resolution"), vec!["resolution"]);
        assert_eq!(
            heading("Mitigation and Preventive Measures:"),
            vec!["action-items", "ambiguous"]
        );
        assert_eq!(heading("Mitigation"), vec!["ambiguous"]);
        assert_eq!(heading("<span>Timeline:</span>"), vec!["timeline"]);
        assert_eq!(
            heading("Earlier this week our server failed; here is a report that details the outage and the response"),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn plain_lines_are_strict() {
        assert_eq!(line("Issue Summary"), vec!["summary"]);
        assert_eq!(line("Root Cause."), vec!["root-cause"]);
        assert_eq!(line("Timeline (EAT)."), vec!["timeline"]);
        assert_eq!(line("Description:"), vec!["summary"]);
        assert_eq!(line("Lessons Learned:"), vec!["lessons-learned"]);
        assert_eq!(line("The Grand Resolution"), Vec::<&str>::new());
        assert_eq!(line("Resolution was quick"), Vec::<&str>::new());
        assert_eq!(
            line("The root cause was some aging infrastructure we had in the company."),
            Vec::<&str>::new()
        );
        assert_eq!(line("Monitoring and Maintenance"), Vec::<&str>::new());
        assert_eq!(line("SUMMARY OF THE INCIDENT*"), vec!["summary"]);
        assert_eq!(heading("DETECTION AND DURATION OF THE ISSUE"), vec!["detection"]);
        assert_eq!(
            heading("Resolution and preventive methods"),
            vec!["resolution", "action-items"]
        );
        assert_eq!(heading("MEASURES TAKEN TO ARREST THE ISSUE"), vec!["resolution"]);
        assert_eq!(heading("Sumary Issue"), vec!["summary"]);
        assert_eq!(heading("Timline"), vec!["timeline"]);
        assert_eq!(heading("Summary of issues:"), vec!["summary"]);
        assert_eq!(heading("Causes"), vec!["root-cause"]);
        assert_eq!(heading("Cases"), Vec::<&str>::new());
    }

    #[test]
    fn config_synonyms_extend_the_table() {
        let mut extra = BTreeMap::new();
        extra.insert("timeline".to_string(), vec!["Sequence".to_string()]);
        let t = SectionTable::builtin().extended(&extra).unwrap();
        assert!(
            t.classify("Sequence", Strictness::Line)
                .kinds
                .contains(SectionKind::Timeline)
        );
        extra.insert("timelines".to_string(), vec![]);
        assert!(SectionTable::builtin().extended(&extra).is_err());
    }

    #[test]
    fn future_cues() {
        let t = SectionTable::builtin();
        assert!(t.mentions_future_work("To avoid a similar incident in the future, we have"));
        assert!(!t.mentions_future_work("We replaced the disk and restored service."));
    }
}
