//! The regex engine of data-rule patterns (`custom`).
//!
//! A data rule's gate (`prefilter`, `data_gate`) passes a line that holds
//! one of a pattern's literals, and most such lines hold no match: "error"
//! lets the blameful "their error" pattern look at every line about error
//! rates. `regex_automata::meta` would search such a line with the bounded
//! backtracker (hundreds of instructions a byte for the built-in patterns)
//! unless it also builds a lazy DFA, which needs a reverse automaton: a
//! third of the build, and most of a one-document run's share of it.
//!
//! So this engine builds the forward NFA once and runs three engines on it:
//! a forward lazy DFA answers "any match in this line?" a few instructions a
//! byte, and only a line that has one is searched again, by the backtracker
//! (or the PikeVM on a line too long for it), for the spans and groups. When
//! the lazy DFA cannot decide (a Unicode `\b` next to non-ASCII text makes it
//! quit), the NFA engines search the line as `meta` would. Every engine here
//! finds the leftmost-first matches `meta` finds; the tests compare them.

use std::fmt;
use std::ops::Range;
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::Arc;

use regex_automata::Input;
use regex_automata::hybrid;
use regex_automata::nfa::thompson::{self, WhichCaptures, backtrack::BoundedBacktracker, pikevm::PikeVM};
use regex_automata::util::captures::Captures;
use regex_automata::util::look::LookMatcher;
use regex_automata::util::pool::Pool;
use regex_automata::util::syntax;

/// The engines of one pattern, built from one NFA.
#[derive(Debug)]
struct Engines {
    /// None when the pattern is too large for the lazy DFA's cache.
    dfa: Option<hybrid::dfa::DFA>,
    backtracker: BoundedBacktracker,
    pikevm: PikeVM,
}

/// Each engine's mutable search state; one set per thread that searches.
struct Caches {
    dfa: Option<hybrid::dfa::Cache>,
    backtracker: thompson::backtrack::Cache,
    pikevm: thompson::pikevm::Cache,
}

impl Engines {
    fn caches(&self) -> Caches {
        Caches {
            dfa: self.dfa.as_ref().map(hybrid::dfa::Cache::new),
            backtracker: self.backtracker.create_cache(),
            pikevm: self.pikevm.create_cache(),
        }
    }
}

type CacheFn = Box<dyn Fn() -> Caches + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// A compiled data-rule pattern.
pub struct DataRegex {
    engines: Arc<Engines>,
    caches: Pool<Caches, CacheFn>,
}

impl DataRegex {
    /// Compile `pattern` (`regex` crate syntax), or say why it does not;
    /// no automaton may grow past `size_limit` bytes.
    pub fn new(pattern: &str, size_limit: usize) -> Result<DataRegex, String> {
        let hir = syntax::parse_with(pattern, &syntax::Config::new()).map_err(|e| e.to_string())?;
        // As `meta` configures its NFA: every group captured, `$` and `^`
        // at the ends of the text, empty matches only between characters.
        let mut look = LookMatcher::new();
        look.set_line_terminator(b'\n');
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .utf8(true)
                    .nfa_size_limit(Some(size_limit))
                    .shrink(false)
                    .which_captures(WhichCaptures::All)
                    .look_matcher(look),
            )
            .build_from_hir(&hir)
            .map_err(|e| match e.size_limit() {
                Some(limit) => format!("the compiled pattern exceeds the size limit of {limit} bytes"),
                None => e.to_string(),
            })?;
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
                    .cache_capacity(size_limit),
            )
            .build_from_nfa(nfa)
            .ok();
        Ok(DataRegex::from_engines(Arc::new(Engines {
            dfa,
            backtracker,
            pikevm,
        })))
    }

    fn from_engines(engines: Arc<Engines>) -> DataRegex {
        let for_caches = Arc::clone(&engines);
        let create: CacheFn = Box::new(move || for_caches.caches());
        DataRegex {
            engines,
            caches: Pool::new(create),
        }
    }

    /// Each match in `haystack`, leftmost first: the span of its group named
    /// `m` when that took part, else of the whole match.
    pub fn spans(&self, haystack: &str) -> Vec<Range<usize>> {
        let engines = &*self.engines;
        let mut caches = self.caches.get();
        let caches = &mut *caches;
        if let (Some(dfa), Some(cache)) = (&engines.dfa, caches.dfa.as_mut()) {
            // Ok(None): no match anywhere. An error means the DFA gave up
            // (non-ASCII text under a Unicode `\b`): the NFA engines decide.
            if let Ok(None) = dfa.try_search_fwd(cache, &Input::new(haystack).earliest(true)) {
                return Vec::new();
            }
        }
        let mut spans = Vec::new();
        let mut take = |caps: &Captures| {
            if let Some(span) = caps.get_group_by_name("m").or_else(|| caps.get_group(0)) {
                spans.push(span.range());
            }
        };
        if haystack.len() <= engines.backtracker.max_haystack_len() {
            for caps in engines.backtracker.try_captures_iter(&mut caches.backtracker, haystack) {
                // Only a haystack too long for the backtracker is an error,
                // and this one is not.
                let Ok(caps) = caps else { break };
                take(&caps);
            }
        } else {
            for caps in engines.pikevm.captures_iter(&mut caches.pikevm, haystack) {
                take(&caps);
            }
        }
        spans
    }
}

impl Clone for DataRegex {
    fn clone(&self) -> DataRegex {
        DataRegex::from_engines(Arc::clone(&self.engines))
    }
}

impl fmt::Debug for DataRegex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DataRegex").field("engines", &self.engines).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans_by_regex(pattern: &str, haystack: &str) -> Vec<Range<usize>> {
        let re = regex::Regex::new(pattern).unwrap();
        re.captures_iter(haystack)
            .filter_map(|c| c.name("m").or_else(|| c.get(0)).map(|m| m.range()))
            .collect()
    }

    /// The spans are the `regex` crate's, whichever engine finds them.
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
        ];
        for pattern in patterns {
            let regex = DataRegex::new(pattern, 1 << 20).unwrap();
            for haystack in haystacks {
                assert_eq!(
                    regex.spans(haystack),
                    spans_by_regex(pattern, haystack),
                    "{pattern} on {haystack:?}"
                );
            }
        }
    }

    /// A line longer than the backtracker takes goes to the PikeVM, and a
    /// line the lazy DFA gives up on goes to the NFA engines: same spans.
    #[test]
    fn long_and_non_ascii_lines_find_the_same_spans() {
        let pattern = r"\b(?i:their)\s+(?P<m>error)\b";
        let regex = DataRegex::new(pattern, 1 << 20).unwrap();
        let long = format!("{} their error{}", "word ".repeat(200_000), " naïve".repeat(10));
        assert!(long.len() > regex.engines.backtracker.max_haystack_len());
        assert_eq!(regex.spans(&long), spans_by_regex(pattern, &long));
        assert_eq!(regex.spans(&long).len(), 1);
        let quits = "naïve: their error";
        assert!(
            regex
                .engines
                .dfa
                .as_ref()
                .unwrap()
                .try_search_fwd(
                    &mut hybrid::dfa::Cache::new(regex.engines.dfa.as_ref().unwrap()),
                    &Input::new(quits)
                )
                .is_err(),
            "the lazy DFA quits on non-ASCII text under a Unicode \\b"
        );
        assert_eq!(regex.spans(quits), spans_by_regex(pattern, quits));
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let syntax = DataRegex::new("(unclosed", 1 << 20).unwrap_err();
        assert!(syntax.contains("unclosed group"), "{syntax}");
        let large = DataRegex::new(r"\w{1000}", 1 << 20).unwrap_err();
        assert_eq!(large, "the compiled pattern exceeds the size limit of 1048576 bytes");
    }
}
