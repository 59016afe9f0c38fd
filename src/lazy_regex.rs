//! The parser's and rules' own regexes: compiled on first use, and built
//! lean when the process lints only a few documents.
//!
//! A `regex::Regex` always builds the engines that make searching many long
//! texts fast (a literal prefilter, a lazy DFA and its reverse automaton).
//! For a pre-commit hook that lints one document, building them is most of
//! the run, for searches over a few hundred short lines (BENCHMARKS.md). So
//! a `Regex` here is `regex_automata::meta::Regex`, configured as the `regex`
//! crate configures it, over many documents, and `crate::lean_regex` on a
//! quick start (`crate::effort`). Either finds the same matches; only speed
//! differs.
//!
//! The API is the part of `regex::Regex` pmlint uses, with the same names.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::meta;
use regex_automata::util::captures::Captures as Slots;
use regex_automata::util::syntax;
use regex_automata::{Input, MatchKind};

use crate::lean_regex::LeanRegex;

/// The `regex` crate's limits, so a pattern compiles here if it compiles there.
const NFA_SIZE_LIMIT: usize = 10 * (1 << 20);
const HYBRID_CACHE_CAPACITY: usize = 2 * (1 << 20);

/// A compiled regular expression.
#[derive(Clone, Debug)]
pub struct Regex {
    engine: Engine,
}

#[derive(Clone, Debug)]
enum Engine {
    /// Every engine `regex` builds: for runs over many documents.
    Full(meta::Regex),
    /// For a quick start (`crate::lean_regex`).
    Lean(LeanRegex),
}

impl Regex {
    /// Compile `pattern` in `regex` crate syntax, leanly on a quick start.
    pub fn new(pattern: &str) -> Result<Regex, String> {
        if crate::effort::quick_start() {
            return LeanRegex::new(pattern, NFA_SIZE_LIMIT).map(|lean| Regex {
                engine: Engine::Lean(lean),
            });
        }
        let config = meta::Config::new()
            .match_kind(MatchKind::LeftmostFirst)
            .utf8_empty(true)
            .nfa_size_limit(Some(NFA_SIZE_LIMIT))
            .hybrid_cache_capacity(HYBRID_CACHE_CAPACITY);
        meta::Builder::new()
            .configure(config)
            .syntax(syntax::Config::new().utf8(true))
            .build(pattern)
            .map(|meta| Regex {
                engine: Engine::Full(meta),
            })
            .map_err(|e| e.to_string())
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        match &self.engine {
            Engine::Full(meta) => meta.search_half(&Input::new(haystack).earliest(true)).is_some(),
            Engine::Lean(lean) => lean.is_match(haystack),
        }
    }

    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        let range = match &self.engine {
            Engine::Full(meta) => meta.find(haystack).map(|m| m.range()),
            Engine::Lean(lean) => lean.find(haystack),
        };
        range.map(|r| Match::new(haystack, r))
    }

    pub fn find_iter<'r, 'h>(&'r self, haystack: &'h str) -> impl Iterator<Item = Match<'h>> + use<'r, 'h> {
        let spans = match &self.engine {
            Engine::Full(meta) => Either::Left(meta.find_iter(haystack).map(|m| m.span())),
            Engine::Lean(lean) => Either::Right(lean.find_all(haystack).into_iter()),
        };
        spans.map(move |s| Match::new(haystack, s.range()))
    }

    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        let slots = match &self.engine {
            Engine::Full(meta) => {
                let mut slots = meta.create_captures();
                meta.captures(haystack, &mut slots);
                slots.is_match().then_some(slots)
            }
            Engine::Lean(lean) => lean.captures(haystack),
        };
        slots.map(|slots| Captures { haystack, slots })
    }

    pub fn captures_iter<'r, 'h>(&'r self, haystack: &'h str) -> impl Iterator<Item = Captures<'h>> + use<'r, 'h> {
        let all = match &self.engine {
            Engine::Full(meta) => Either::Left(meta.captures_iter(haystack)),
            Engine::Lean(lean) => Either::Right(lean.captures_all(haystack).into_iter()),
        };
        all.map(move |slots| Captures { haystack, slots })
    }

    /// Every match replaced by `with`, taken literally (no `$1`).
    pub fn replace_all<'h>(&self, haystack: &'h str, with: &str) -> Cow<'h, str> {
        let mut out = String::new();
        let mut copied = 0;
        let mut replaced = false;
        for m in self.find_iter(haystack) {
            out.push_str(&haystack[copied..m.start()]);
            out.push_str(with);
            copied = m.end();
            replaced = true;
        }
        if !replaced {
            return Cow::Borrowed(haystack);
        }
        out.push_str(&haystack[copied..]);
        Cow::Owned(out)
    }
}

/// The items of one of two kinds of iterator.
enum Either<L, R> {
    Left(L),
    Right(R),
}

impl<T, L: Iterator<Item = T>, R: Iterator<Item = T>> Iterator for Either<L, R> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        match self {
            Either::Left(l) => l.next(),
            Either::Right(r) => r.next(),
        }
    }
}

/// The items of an iterator that may not be there. `Option::into_iter().flatten()`
/// holds three copies of the iterator (a regex's search state: hundreds of
/// bytes), all built and moved even when there is none; this holds one.
struct Maybe<I>(Option<I>);

impl<I: Iterator> Iterator for Maybe<I> {
    type Item = I::Item;

    fn next(&mut self) -> Option<I::Item> {
        self.0.as_mut()?.next()
    }
}

/// A regex compiled on first use: `static X: LazyRegex = LazyRegex::new(r"...")`.
/// Patterns are pmlint's own, so a test compiles each (`patterns_compile_and_need_what_they_say`
/// in the modules that hold them) and a bad one fails there, not at a user's.
pub struct LazyRegex {
    pattern: &'static str,
    /// Bytes one of which every match holds (checked by a test, from the
    /// pattern's syntax): text without any is not searched, and a pattern
    /// no text needs is never compiled.
    needs: &'static [u8],
    /// `needs` as a table, looked up once per byte of a haystack.
    needed: [bool; 256],
    regex: OnceLock<Regex>,
}

impl LazyRegex {
    pub const fn new(pattern: &'static str) -> LazyRegex {
        LazyRegex {
            pattern,
            needs: &[],
            needed: [false; 256],
            regex: OnceLock::new(),
        }
    }

    /// Every match of the pattern holds one of `bytes`.
    pub const fn needing(mut self, bytes: &'static [u8]) -> LazyRegex {
        self.needs = bytes;
        self.needed = crate::text::byte_set(bytes);
        self
    }

    /// The regex, unless `haystack` cannot hold a match.
    fn regex_for(&self, haystack: &str) -> Option<&Regex> {
        let possible = self.needs.is_empty() || haystack.bytes().any(|b| self.needed[usize::from(b)]);
        possible.then(|| self.regex())
    }

    fn regex(&self) -> &Regex {
        self.regex
            .get_or_init(|| Regex::new(self.pattern).expect("pmlint's own patterns are valid"))
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.regex_for(haystack).is_some_and(|r| r.is_match(haystack))
    }

    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        self.regex_for(haystack)?.find(haystack)
    }

    pub fn find_iter<'r, 'h>(&'r self, haystack: &'h str) -> impl Iterator<Item = Match<'h>> + use<'r, 'h> {
        Maybe(self.regex_for(haystack).map(|r| r.find_iter(haystack)))
    }

    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        self.regex_for(haystack)?.captures(haystack)
    }

    pub fn captures_iter<'r, 'h>(&'r self, haystack: &'h str) -> impl Iterator<Item = Captures<'h>> + use<'r, 'h> {
        Maybe(self.regex_for(haystack).map(|r| r.captures_iter(haystack)))
    }

    pub fn replace_all<'h>(&self, haystack: &'h str, with: &str) -> Cow<'h, str> {
        match self.regex_for(haystack) {
            Some(regex) => regex.replace_all(haystack, with),
            None => Cow::Borrowed(haystack),
        }
    }

    /// Compile now, and check that every match needs what the pattern is
    /// said to need; for the tests of the modules that hold patterns.
    #[cfg(test)]
    pub fn check(&self) {
        self.regex();
        if !self.needs.is_empty() {
            let pattern = self.pattern;
            let hir = regex_syntax::parse(pattern).expect("valid pattern");
            assert!(
                needs_one_of(&hir, self.needs),
                "a match of {pattern} may hold none of {:?}",
                String::from_utf8_lossy(self.needs)
            );
        }
    }
}

/// Whether every match of `hir` holds one of `bytes` (sound, not complete:
/// `false` when unsure).
#[cfg(test)]
fn needs_one_of(hir: &regex_syntax::hir::Hir, bytes: &[u8]) -> bool {
    use regex_syntax::hir::{Class, HirKind};
    let wanted = |c: char| c.is_ascii() && bytes.contains(&(c as u8));
    match hir.kind() {
        HirKind::Literal(literal) => literal.0.iter().any(|b| bytes.contains(b)),
        HirKind::Class(Class::Unicode(class)) => class.ranges().iter().all(|r| (r.start()..=r.end()).all(wanted)),
        HirKind::Class(Class::Bytes(class)) => class
            .ranges()
            .iter()
            .all(|r| (r.start()..=r.end()).all(|b| bytes.contains(&b))),
        HirKind::Capture(capture) => needs_one_of(&capture.sub, bytes),
        HirKind::Repetition(rep) => rep.min > 0 && needs_one_of(&rep.sub, bytes),
        HirKind::Concat(parts) => parts.iter().any(|p| needs_one_of(p, bytes)),
        HirKind::Alternation(branches) => branches.iter().all(|b| needs_one_of(b, bytes)),
        HirKind::Empty | HirKind::Look(_) => false,
    }
}

/// Where a match or a group lies in the haystack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match<'h> {
    haystack: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    fn new(haystack: &'h str, range: Range<usize>) -> Match<'h> {
        Match {
            haystack,
            start: range.start,
            end: range.end,
        }
    }

    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn as_str(&self) -> &'h str {
        // Match boundaries of a UTF-8 regex on a `str` are char boundaries.
        &self.haystack[self.start..self.end]
    }
}

/// The groups of one match.
#[derive(Clone, Debug)]
pub struct Captures<'h> {
    haystack: &'h str,
    slots: Slots,
}

impl<'h> Captures<'h> {
    /// Group `index` (0 is the whole match), if it took part in the match.
    pub fn get(&self, index: usize) -> Option<Match<'h>> {
        self.slots
            .get_group(index)
            .map(|s| Match::new(self.haystack, s.range()))
    }

    /// The text of group `index`; empty when it took no part in the match
    /// (only optional groups can, so callers use it for required ones).
    pub fn text(&self, index: usize) -> &'h str {
        self.get(index).map_or("", |m| m.as_str())
    }

    /// The group named `name`, if it took part in the match.
    pub fn name(&self, name: &str) -> Option<Match<'h>> {
        self.slots
            .get_group_by_name(name)
            .map(|s| Match::new(self.haystack, s.range()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Matches, groups and replacements read as the `regex` crate reads
    /// them, in both builds.
    #[test]
    fn matches_as_the_regex_crate_does() {
        let patterns = [
            r"\b[a-z]+-[0-9]{2}\b",
            r"(?i)\b(?P<word>data\s*cent(?:er|re))\b(?:\s+([A-Z]))?",
            r"x*",
            r"(?s)<!--.*?-->|<[^>]*>",
            r"\([^)]*\)",
        ];
        let texts = [
            "",
            "web-01 and db-22, not web-1",
            "the Data Center B and the datacentre",
            "é x xx ☃",
            "keep <b>this</b> and <!-- that --> (and this)",
        ];
        for quick in [false, true] {
            crate::effort::expect_documents(if quick { 1 } else { 1000 });
            for pattern in patterns {
                let ours = Regex::new(pattern).expect("valid");
                let theirs = regex::Regex::new(pattern).expect("valid");
                for text in texts {
                    assert_eq!(ours.is_match(text), theirs.is_match(text), "{pattern} on {text:?}");
                    let found: Vec<_> = ours.find_iter(text).map(|m| m.range()).collect();
                    let expected: Vec<_> = theirs.find_iter(text).map(|m| m.range()).collect();
                    assert_eq!(found, expected, "{pattern} on {text:?}");
                    assert_eq!(
                        ours.find(text).map(|m| m.as_str()),
                        theirs.find(text).map(|m| m.as_str())
                    );
                    let groups = |c: &Captures<'_>| (0..3).map(|i| c.get(i).map(|m| m.range())).collect::<Vec<_>>();
                    let expected_groups =
                        |c: &regex::Captures<'_>| (0..3).map(|i| c.get(i).map(|m| m.range())).collect::<Vec<_>>();
                    let found: Vec<_> = ours.captures_iter(text).map(|c| groups(&c)).collect();
                    let expected: Vec<_> = theirs.captures_iter(text).map(|c| expected_groups(&c)).collect();
                    assert_eq!(found, expected, "{pattern} on {text:?}");
                    assert_eq!(
                        ours.captures(text).and_then(|c| c.name("word").map(|m| m.as_str())),
                        theirs.captures(text).and_then(|c| c.name("word").map(|m| m.as_str()))
                    );
                    assert_eq!(
                        ours.replace_all(text, "_"),
                        theirs.replace_all(text, regex::NoExpand("_")),
                        "{pattern} on {text:?}"
                    );
                }
            }
        }
        crate::effort::expect_documents(1000);
    }

    #[test]
    fn text_without_a_needed_byte_is_not_searched() {
        static LABEL: LazyRegex = LazyRegex::new(r"^([A-Za-z]+)\s*:").needing(b":");
        assert!(LABEL.find("no label here").is_none());
        assert!(
            LABEL.regex.get().is_none(),
            "nothing could match, so nothing was compiled"
        );
        assert_eq!(LABEL.captures("Owner: Ada").map(|c| c.text(1)), Some("Owner"));
        LABEL.check();
    }

    #[test]
    fn what_a_pattern_needs_is_checked() {
        let needs = |pattern: &str, bytes: &[u8]| needs_one_of(&regex_syntax::parse(pattern).unwrap(), bytes);
        assert!(needs(r"a:b|c:", b":"));
        assert!(needs(r"(?i)cause|INC-?[0-9]", b"cCnN"));
        assert!(needs(r"x(?:<[^>]*>)+", b"<"));
        assert!(!needs(r"a:b|c", b":"));
        assert!(!needs(r"(?:<)?x", b"<"));
        assert!(!needs(r"(?i)c", b"c"), "(?i)c matches C too");
        assert!(!needs(r"[^a]", b"b"));
    }

    #[test]
    fn patterns_compile_on_first_use() {
        static WORD: LazyRegex = LazyRegex::new("[a-z]+");
        assert!(WORD.regex.get().is_none());
        assert_eq!(WORD.find("12 abc").map(|m| m.range()), Some(3..6));
        assert!(WORD.regex.get().is_some());
    }
}
