//! Word and phrase lists matched case-insensitively on word boundaries: the
//! event-role table, the future-work cues, the `words` of data rules.
//!
//! A list of a hundred phrases as one regex alternation costs about a
//! millisecond to compile; as an Aho-Corasick automaton it costs tens of
//! microseconds and searches as fast. Start-up is most of the time pmlint
//! takes on the one file a pre-commit hook gives it, so lists are not regexes.

use aho_corasick::{AhoCorasick, MatchKind};

use crate::text::is_word_char;

/// One phrase found in a text. `label` is the group the phrase was given in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhraseMatch {
    pub start: usize,
    pub end: usize,
    pub label: usize,
}

impl PhraseMatch {
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// Phrases in labelled groups. A phrase matches whole words only, ignoring
/// case. A trailing `*` continues it over ASCII word characters: `restor*`
/// matches "restored" and "restoration".
#[derive(Clone, Debug)]
pub struct PhraseSet {
    automaton: AhoCorasick,
    /// Per automaton pattern: its group, and whether it is a stem.
    patterns: Vec<(usize, bool)>,
    /// Whether the automaton holds lower-case literals and is searched in a
    /// lower-cased copy of the text, instead of folding case itself.
    folds_text: bool,
}

fn word_before(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_some_and(is_word_char)
}

fn word_after(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(is_word_char)
}

/// A word boundary at `at`, as `\b` means it: a word character on one side only.
fn is_boundary(text: &str, at: usize) -> bool {
    word_before(text, at) != word_after(text, at)
}

/// What a phrase is searched for: the phrase without a stem's `*`, and
/// whether it is a stem. None for an empty phrase.
fn literal_of(phrase: &str) -> Option<(&str, bool)> {
    let phrase = phrase.trim();
    let (literal, stem) = match phrase.strip_suffix('*') {
        Some(stem) => (stem.trim_end(), true),
        None => (phrase, false),
    };
    (!literal.is_empty()).then_some((literal, stem))
}

/// The spellings of a literal a search folding ASCII case must look for:
/// other letters are given in the three cases a writer uses ("störung",
/// "Störung", "STÖRUNG").
fn spellings(literal: &str) -> Vec<String> {
    let mut variants = vec![literal.to_string()];
    if !literal.is_ascii() {
        let lower = literal.to_lowercase();
        let mut title: String = lower.chars().take(1).flat_map(char::to_uppercase).collect();
        title.extend(lower.chars().skip(1));
        for variant in [lower, title, literal.to_uppercase()] {
            if !variants.contains(&variant) {
                variants.push(variant);
            }
        }
    }
    variants
}

/// Texts one of which (ignoring ASCII case) every match of `phrase` holds:
/// for a cheap test of whether a text may hold the phrase at all.
pub fn required_spellings(phrase: &str) -> Vec<String> {
    literal_of(phrase)
        .map(|(literal, _)| spellings(literal))
        .unwrap_or_default()
}

impl PhraseSet {
    /// `phrases` are (label, phrase) pairs; empty phrases are ignored.
    pub fn new<'p>(phrases: impl IntoIterator<Item = (usize, &'p str)>) -> Result<PhraseSet, String> {
        PhraseSet::build(phrases, crate::effort::quick_start())
    }

    /// `folds_text`: an automaton that folds ASCII case takes three times as
    /// long to build as one over lower-case literals (BENCHMARKS.md); the
    /// other searches a lower-cased copy of each text, which costs more than
    /// it saves over many documents but not over a few. Same matches either way.
    fn build<'p>(phrases: impl IntoIterator<Item = (usize, &'p str)>, folds_text: bool) -> Result<PhraseSet, String> {
        let mut literals: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        for (label, phrase) in phrases {
            let Some((literal, stem)) = literal_of(phrase) else {
                continue;
            };
            let mut variants = spellings(literal);
            if folds_text {
                // Lower-cased, "Störung" is "störung" again.
                let mut folded: Vec<String> = Vec::new();
                for variant in variants.iter().map(|v| v.to_ascii_lowercase()) {
                    if !folded.contains(&variant) {
                        folded.push(variant);
                    }
                }
                variants = folded;
            }
            for variant in variants {
                literals.push(variant);
                patterns.push((label, stem));
            }
        }
        let automaton = crate::effort::aho_corasick_builder()
            .ascii_case_insensitive(!folds_text)
            .match_kind(MatchKind::Standard)
            .build(&literals)
            .map_err(|e| format!("cannot build the phrase list: {e}"))?;
        Ok(PhraseSet {
            automaton,
            patterns,
            folds_text,
        })
    }

    /// Every phrase in `text` that stands on word boundaries, overlapping
    /// ones included, by start (longest first at one start).
    pub fn find_all(&self, text: &str) -> Vec<PhraseMatch> {
        // One search: a text holding no phrase allocates nothing. A search
        // for any match first saved nothing on those and read the others twice.
        let mut found: Vec<PhraseMatch> = Vec::new();
        self.for_each_match(text, |m| found.push(m));
        found.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end), m.label));
        found.dedup();
        found
    }

    /// Calls `f` with every phrase in `text` that stands on word boundaries,
    /// as the search finds them: by end, not by start, and a phrase spelt
    /// in two ways may come twice. For a caller that wants one of them
    /// (the first, the longest) without collecting and sorting them all.
    pub fn for_each_match(&self, text: &str, mut f: impl FnMut(PhraseMatch)) {
        let haystack = &*crate::text::ascii_lowercase_if(text, self.folds_text);
        for m in self.automaton.find_overlapping_iter(haystack) {
            let (label, stem) = self.patterns[m.pattern().as_usize()];
            let mut end = m.end();
            if stem {
                end += text[end..]
                    .bytes()
                    .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                    .count();
            }
            if is_boundary(text, m.start()) && is_boundary(text, end) {
                f(PhraseMatch {
                    start: m.start(),
                    end,
                    label,
                });
            }
        }
    }

    /// The phrases of `text` that do not overlap, leftmost first, the
    /// longest at each start.
    pub fn find_iter(&self, text: &str) -> impl Iterator<Item = PhraseMatch> {
        let mut taken_to = 0;
        self.find_all(text).into_iter().filter(move |m| {
            let free = m.start >= taken_to;
            if free {
                taken_to = m.end;
            }
            free
        })
    }

    pub fn is_match(&self, text: &str) -> bool {
        !self.find_all(text).is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(phrases: &[&str]) -> PhraseSet {
        PhraseSet::new(phrases.iter().map(|p| (0, *p))).unwrap()
    }

    fn found(set: &PhraseSet, text: &str) -> Vec<String> {
        set.find_iter(text).map(|m| text[m.range()].to_string()).collect()
    }

    #[test]
    fn whole_words_only_any_case() {
        let s = set(&["down", "went down", "human error"]);
        assert_eq!(found(&s, "The site WENT DOWN."), ["WENT DOWN"]);
        assert_eq!(
            found(&s, "a downtime, a breakdown, a down_stream"),
            Vec::<String>::new()
        );
        assert_eq!(found(&s, "Human Error, human errors"), ["Human Error"]);
        assert!(!s.is_match("downstream"));
        assert!(s.is_match("(down)"));
    }

    #[test]
    fn the_longest_phrase_at_a_start_wins() {
        let s = set(&["careless", "carelessly"]);
        assert_eq!(found(&s, "carelessly, careless"), ["carelessly", "careless"]);
    }

    #[test]
    fn stems_continue_over_word_characters() {
        let s = set(&["restor*", "alert*"]);
        assert_eq!(
            found(&s, "Service restored; restoration done"),
            ["restored", "restoration"]
        );
        assert_eq!(found(&s, "alerts fired"), ["alerts"]);
        assert_eq!(found(&s, "unrestored"), Vec::<String>::new());
    }

    #[test]
    fn labels_are_kept() {
        let s = PhraseSet::new([(0, "went down"), (1, "restored"), (1, "down")]).unwrap();
        let labels: Vec<usize> = s.find_all("went down, restored").iter().map(|m| m.label).collect();
        assert_eq!(labels, [0, 1, 1]);
    }

    /// An automaton over lower-case literals, searched in a lower-cased
    /// copy, finds what the one that folds case finds.
    #[test]
    fn folding_the_text_finds_the_same() {
        let lists: [&[&str]; 4] = [
            &["down", "went down", "human error", "DOWN"],
            &["restor*", "alert*", "Störung", "é", "ÉTÉ"],
            &["careless", "carelessly", "on-call", "SRE"],
            &["the", "th*", "Ünï", "x"],
        ];
        let texts = crate::cue::equivalence::sample_texts(
            "",
            &[
                "down",
                "WENT",
                "went down",
                "Human",
                "error",
                "restored",
                "alerts",
                "STÖRUNG",
                "störung",
                "Störung",
                "é",
                "É",
                "été",
                "ÉTÉ",
                "careless",
                "Carelessly",
                "on-call",
                "sre",
                "the",
                "THEN",
                "ünï",
                "ÜNÏ",
                "x",
            ],
            5000,
        );
        let mut found = 0;
        for list in lists {
            let phrases = || list.iter().enumerate().map(|(i, p)| (i % 2, *p));
            let (folding, folded) = (
                PhraseSet::build(phrases(), false).unwrap(),
                PhraseSet::build(phrases(), true).unwrap(),
            );
            for text in &texts {
                let expected = folding.find_all(text);
                found += expected.len();
                assert_eq!(expected, folded.find_all(text), "{list:?} in {text:?}");
            }
        }
        assert!(found > 5000, "{found}");
    }

    #[test]
    fn letters_beyond_ascii_match_in_the_usual_cases() {
        let s = set(&["Störung"]);
        assert_eq!(found(&s, "eine STÖRUNG, die störung"), ["STÖRUNG", "störung"]);
        // Word boundaries see letters of any script.
        assert!(!set(&["down"]).is_match("downé"));
        assert!(set(&["é"]).is_match("x é y"));
    }
}
