//! A regex built cheaply: the parser's patterns on a quick start, and the
//! data rules' patterns, which search only the lines their gate picks.
//!
//! `regex_automata::meta` builds a reverse NFA for its lazy DFA (a third of
//! the build) and a fresh NFA compiler per pattern, whose UTF-8 table alone
//! is 400 KB, allocated, filled and dropped each time. Over many documents
//! that is noise; in a pre-commit run of one document it is most of the cost
//! of a pattern. This engine compiles the forward NFA only, with one compiler
//! per thread, and searches with it so:
//!
//! - a forward lazy DFA answers "any match here?" in a few instructions a
//!   byte, and most texts searched have none;
//! - a text that has one is searched again by the bounded backtracker for
//!   spans and groups;
//! - a text too long for the backtracker (a few thousand bytes) is searched
//!   by a `meta` regex, built the first time one comes: its lazy DFAs find
//!   each match's bounds, so a megabyte-long line with a match every fifty
//!   bytes costs what it costs `meta` (the PikeVM alone took three times as
//!   long);
//! - when the lazy DFA cannot decide (a Unicode `\b` next to non-ASCII text
//!   makes it quit), the NFA engines search the text as `meta` would.
//!
//! Each engine finds the leftmost-first matches `meta` and the `regex` crate
//! find (the tests compare them); only speed differs.

use std::cell::RefCell;
use std::fmt;
use std::ops::Range;
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::{Arc, OnceLock};

use regex_automata::hybrid;
use regex_automata::meta;
use regex_automata::nfa::thompson::{self, NFA, WhichCaptures, backtrack::BoundedBacktracker, pikevm::PikeVM};
use regex_automata::util::captures::Captures;
use regex_automata::util::look::LookMatcher;
use regex_automata::util::pool::Pool;
use regex_automata::util::syntax;
use regex_automata::{Input, Span};

/// At most what the `regex` crate lets a lazy DFA's cache grow to.
const DFA_CACHE_CAPACITY: usize = 2 * (1 << 20);

thread_local! {
    /// Reused across patterns: a compiler keeps its UTF-8 table between builds.
    static COMPILER: RefCell<thompson::Compiler> = RefCell::new(thompson::Compiler::new());
}

/// The forward NFA of `pattern`, configured as `meta` configures its own:
/// every group captured, `^` and `$` at the ends of the text, empty matches
/// only between characters.
fn compile(pattern: &str, size_limit: usize) -> Result<NFA, String> {
    let hir = syntax::parse_with(pattern, &syntax::Config::new()).map_err(|e| e.to_string())?;
    let mut look = LookMatcher::new();
    look.set_line_terminator(b'\n');
    let config = thompson::Config::new()
        .utf8(true)
        .nfa_size_limit(Some(size_limit))
        .shrink(false)
        .which_captures(WhichCaptures::All)
        .look_matcher(look);
    COMPILER.with(|compiler| {
        let mut compiler = compiler.borrow_mut();
        compiler.configure(config);
        compiler.build_from_hir(&hir).map_err(|e| match e.size_limit() {
            Some(limit) => format!("the compiled pattern exceeds the size limit of {limit} bytes"),
            None => e.to_string(),
        })
    })
}

/// The engines of one pattern, built from one NFA.
#[derive(Debug)]
struct Engines {
    /// None when the pattern is too large for the lazy DFA's cache.
    dfa: Option<hybrid::dfa::DFA>,
    backtracker: BoundedBacktracker,
    /// For texts too long for the backtracker when `long_texts` fails to build.
    pikevm: PikeVM,
    /// For texts too long for the backtracker, built when the first comes.
    long_texts: OnceLock<Option<meta::Regex>>,
    pattern: String,
    size_limit: usize,
}

/// Each engine's mutable search state; one set per thread that searches.
struct Caches {
    dfa: Option<hybrid::dfa::Cache>,
    backtracker: thompson::backtrack::Cache,
    /// Made when first needed: its tables are sized by the NFA, and the
    /// PikeVM searches only when `meta` could not be built.
    pikevm: Option<thompson::pikevm::Cache>,
}

impl Engines {
    fn caches(&self) -> Caches {
        Caches {
            dfa: self.dfa.as_ref().map(hybrid::dfa::Cache::new),
            backtracker: self.backtracker.create_cache(),
            pikevm: None,
        }
    }

    fn long_texts(&self) -> Option<&meta::Regex> {
        self.long_texts
            .get_or_init(|| {
                let config = meta::Config::new()
                    .nfa_size_limit(Some(self.size_limit))
                    .hybrid_cache_capacity(self.size_limit.min(DFA_CACHE_CAPACITY));
                meta::Builder::new().configure(config).build(&self.pattern).ok()
            })
            .as_ref()
    }
}

impl Caches {
    fn pikevm(&mut self, engine: &PikeVM) -> &mut thompson::pikevm::Cache {
        self.pikevm.get_or_insert_with(|| engine.create_cache())
    }
}

type CacheFn = Box<dyn Fn() -> Caches + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// What the lazy DFA says of a text.
enum Verdict {
    NoMatch,
    Match,
    Unsure,
}

/// A compiled pattern.
pub struct LeanRegex {
    engines: Arc<Engines>,
    caches: Pool<Caches, CacheFn>,
}

impl LeanRegex {
    /// Compile `pattern` (`regex` crate syntax), or say why it does not;
    /// no automaton may grow past `size_limit` bytes.
    pub fn new(pattern: &str, size_limit: usize) -> Result<LeanRegex, String> {
        let nfa = compile(pattern, size_limit)?;
        let backtracker = BoundedBacktracker::builder()
            .build_from_nfa(nfa.clone())
            .map_err(|e| e.to_string())?;
        let pikevm = PikeVM::builder()
            .build_from_nfa(nfa.clone())
            .map_err(|e| e.to_string())?;
        let dfa = hybrid::dfa::DFA::builder()
            .configure(
                hybrid::dfa::DFA::config()
                    .unicode_word_boundary(true)
                    .cache_capacity(size_limit.min(DFA_CACHE_CAPACITY)),
            )
            .build_from_nfa(nfa)
            .ok();
        Ok(LeanRegex::from_engines(Arc::new(Engines {
            dfa,
            backtracker,
            pikevm,
            long_texts: OnceLock::new(),
            pattern: pattern.to_string(),
            size_limit,
        })))
    }

    fn from_engines(engines: Arc<Engines>) -> LeanRegex {
        let for_caches = Arc::clone(&engines);
        let create: CacheFn = Box::new(move || for_caches.caches());
        LeanRegex {
            engines,
            caches: Pool::new(create),
        }
    }

    fn verdict(&self, caches: &mut Caches, haystack: &str) -> Verdict {
        let (Some(dfa), Some(cache)) = (&self.engines.dfa, caches.dfa.as_mut()) else {
            return Verdict::Unsure;
        };
        match dfa.try_search_fwd(cache, &Input::new(haystack).earliest(true)) {
            Ok(None) => Verdict::NoMatch,
            Ok(Some(_)) => Verdict::Match,
            // The DFA gave up (non-ASCII text under a Unicode `\b`).
            Err(_) => Verdict::Unsure,
        }
    }

    /// The engine for `haystack` after the lazy DFA: the backtracker when
    /// the text fits it.
    fn engine_for(&self, haystack: &str) -> Engine<'_> {
        let engines = &*self.engines;
        if haystack.len() <= engines.backtracker.max_haystack_len() {
            Engine::Backtracker(&engines.backtracker)
        } else if let Some(meta) = engines.long_texts() {
            Engine::Meta(meta)
        } else {
            Engine::PikeVM(&engines.pikevm)
        }
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        let mut caches = self.caches.get();
        match self.verdict(&mut caches, haystack) {
            Verdict::NoMatch => false,
            Verdict::Match => true,
            Verdict::Unsure => {
                let input = Input::new(haystack).earliest(true);
                match self.engine_for(haystack) {
                    // Only a text too long for the backtracker is an
                    // error, and this one is not.
                    Engine::Backtracker(e) => e.try_is_match(&mut caches.backtracker, input).unwrap_or(false),
                    Engine::Meta(e) => e.is_match(input),
                    Engine::PikeVM(e) => e.is_match(caches.pikevm(e), input),
                }
            }
        }
    }

    /// The leftmost-first match.
    pub fn find(&self, haystack: &str) -> Option<Range<usize>> {
        let mut caches = self.caches.get();
        if let Verdict::NoMatch = self.verdict(&mut caches, haystack) {
            return None;
        }
        let found = match self.engine_for(haystack) {
            Engine::Backtracker(e) => e.try_find(&mut caches.backtracker, haystack).ok().flatten(),
            Engine::Meta(e) => e.find(haystack),
            Engine::PikeVM(e) => e.find(caches.pikevm(e), haystack),
        };
        found.map(|m| m.range())
    }

    /// Every match, leftmost first.
    pub fn find_all(&self, haystack: &str) -> Vec<Span> {
        let mut caches = self.caches.get();
        if let Verdict::NoMatch = self.verdict(&mut caches, haystack) {
            return Vec::new();
        }
        match self.engine_for(haystack) {
            Engine::Backtracker(e) => e
                .try_find_iter(&mut caches.backtracker, haystack)
                .map_while(Result::ok)
                .map(|m| m.span())
                .collect(),
            Engine::Meta(e) => e.find_iter(haystack).map(|m| m.span()).collect(),
            Engine::PikeVM(e) => e.find_iter(caches.pikevm(e), haystack).map(|m| m.span()).collect(),
        }
    }

    /// The groups of the leftmost-first match.
    pub fn captures(&self, haystack: &str) -> Option<Captures> {
        let mut caches = self.caches.get();
        if let Verdict::NoMatch = self.verdict(&mut caches, haystack) {
            return None;
        }
        let mut slots = self.engines.pikevm.create_captures();
        match self.engine_for(haystack) {
            Engine::Backtracker(e) => e.try_captures(&mut caches.backtracker, haystack, &mut slots).ok()?,
            Engine::Meta(e) => e.captures(haystack, &mut slots),
            Engine::PikeVM(e) => e.captures(caches.pikevm(e), haystack, &mut slots),
        }
        slots.is_match().then_some(slots)
    }

    /// Calls `each` with the groups of every match, leftmost first.
    pub fn for_each_captures(&self, haystack: &str, mut each: impl FnMut(Captures)) {
        let mut caches = self.caches.get();
        if let Verdict::NoMatch = self.verdict(&mut caches, haystack) {
            return;
        }
        match self.engine_for(haystack) {
            Engine::Backtracker(e) => {
                for caps in e
                    .try_captures_iter(&mut caches.backtracker, haystack)
                    .map_while(Result::ok)
                {
                    each(caps);
                }
            }
            Engine::Meta(e) => e.captures_iter(haystack).for_each(each),
            Engine::PikeVM(e) => {
                e.captures_iter(caches.pikevm(e), haystack).for_each(each);
            }
        }
    }

    /// The groups of every match, leftmost first.
    pub fn captures_all(&self, haystack: &str) -> Vec<Captures> {
        let mut all = Vec::new();
        self.for_each_captures(haystack, |caps| all.push(caps));
        all
    }
}

/// The engine that searches a text the lazy DFA did not rule out.
enum Engine<'e> {
    Backtracker(&'e BoundedBacktracker),
    Meta(&'e meta::Regex),
    PikeVM(&'e PikeVM),
}

impl Clone for LeanRegex {
    fn clone(&self) -> LeanRegex {
        LeanRegex::from_engines(Arc::clone(&self.engines))
    }
}

impl fmt::Debug for LeanRegex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LeanRegex").field("engines", &self.engines).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: usize = 1 << 20;

    fn groups(caps: &Captures) -> Vec<Option<Range<usize>>> {
        (0..caps.group_len())
            .map(|i| caps.get_group(i).map(|s| s.range()))
            .collect()
    }

    fn expected_groups(caps: &regex::Captures<'_>) -> Vec<Option<Range<usize>>> {
        (0..caps.len()).map(|i| caps.get(i).map(|m| m.range())).collect()
    }

    /// Every search finds what the `regex` crate finds, whichever engine
    /// answers: the lazy DFA alone, the backtracker after it, or the NFA
    /// engines when the DFA quits on non-ASCII text.
    #[test]
    fn finds_what_the_regex_crate_finds() {
        let patterns = [
            r"\b(?:[A-Z][a-z]+'s\s+(?i:fault|mistake)|(?i:his|her|their)\s+(?i:fault|error))\b",
            r"(?i)\b(?:caus[a-z]*|due to)\b[^.;]{0,40}?\b(?P<m>human error)\b",
            r"(?:^|:)\s*(?P<m>TODO|FIXME)\s*\.?\s*$",
            r"\b(?:TBD|TBA)\b",
            r"(?:^|\s)\?{2,}(?:\s|$)",
            r"x*",
            r"(?i)é+",
            r"^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[^0-9]|$)",
            r"\([^)]*\)",
        ];
        let haystacks = [
            "",
            "It was their error, and Bob's fault.",
            "The outage was caused by human error.",
            "Owner: TODO",
            "Owner: TODO.  ",
            "Due: TBD; team TBA. TBDx",
            "what ?? now ???",
            "Their error — naïve fault, and café's mistake, and their error.",
            "élan ÉÉ xx",
            "Their\u{a0}error near émigré's fault",
            "2024-03-05 (on call) and (é)",
        ];
        for pattern in patterns {
            let ours = LeanRegex::new(pattern, LIMIT).unwrap();
            let theirs = regex::Regex::new(pattern).unwrap();
            for haystack in haystacks {
                let context = format!("{pattern} on {haystack:?}");
                assert_eq!(ours.is_match(haystack), theirs.is_match(haystack), "{context}");
                assert_eq!(
                    ours.find(haystack),
                    theirs.find(haystack).map(|m| m.range()),
                    "{context}"
                );
                let found: Vec<_> = ours.find_all(haystack).iter().map(|s| s.range()).collect();
                let expected: Vec<_> = theirs.find_iter(haystack).map(|m| m.range()).collect();
                assert_eq!(found, expected, "{context}");
                assert_eq!(
                    ours.captures(haystack).map(|c| groups(&c)),
                    theirs.captures(haystack).map(|c| expected_groups(&c)),
                    "{context}"
                );
                let found: Vec<_> = ours.captures_all(haystack).iter().map(groups).collect();
                let expected: Vec<_> = theirs.captures_iter(haystack).map(|c| expected_groups(&c)).collect();
                assert_eq!(found, expected, "{context}");
            }
        }
    }

    /// A text longer than the backtracker takes goes to `meta`, and a text
    /// the lazy DFA gives up on goes to the NFA engines.
    #[test]
    fn long_and_non_ascii_texts_find_the_same_matches() {
        let pattern = r"\b(?i:their)\s+(?P<m>error)\b";
        let ours = LeanRegex::new(pattern, LIMIT).unwrap();
        let theirs = regex::Regex::new(pattern).unwrap();
        let long = format!("{} their error{}", "word ".repeat(200_000), " naïve".repeat(10));
        assert!(matches!(ours.engine_for(&long), Engine::Meta(_)));
        let quits = "naïve: their error";
        let mut caches = ours.caches.get();
        assert!(
            matches!(ours.verdict(&mut caches, quits), Verdict::Unsure),
            "the lazy DFA quits on non-ASCII text under a Unicode \\b"
        );
        drop(caches);
        for haystack in [long.as_str(), quits] {
            assert!(ours.is_match(haystack));
            assert_eq!(ours.find(haystack), theirs.find(haystack).map(|m| m.range()));
            let found: Vec<_> = ours.find_all(haystack).iter().map(|s| s.range()).collect();
            assert_eq!(found, theirs.find_iter(haystack).map(|m| m.range()).collect::<Vec<_>>());
            let found: Vec<_> = ours.captures_all(haystack).iter().map(groups).collect();
            assert_eq!(found.len(), 1);
            assert_eq!(found[0], expected_groups(&theirs.captures(haystack).unwrap()));
        }
    }

    /// The compiler kept between patterns starts each one afresh.
    #[test]
    fn patterns_compiled_one_after_another_do_not_mix() {
        let first = LeanRegex::new(r"(?i)\s+[^é]\w+", LIMIT).unwrap();
        let second = LeanRegex::new(r"é\s", LIMIT).unwrap();
        assert!(second.is_match("é "));
        assert!(!second.is_match(" x"));
        assert!(first.is_match(" xyz"));
        assert!(!first.is_match(" é"));
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let syntax = LeanRegex::new("(unclosed", LIMIT).unwrap_err();
        assert!(syntax.contains("unclosed group"), "{syntax}");
        let large = LeanRegex::new(r"\w{1000}", LIMIT).unwrap_err();
        assert_eq!(large, "the compiled pattern exceeds the size limit of 1048576 bytes");
    }
}
