//! How much a run spends building its matchers.
//!
//! An automaton that is quick to search is slow to build, and the other way
//! round. A pre-commit hook lints one or two files per process, where building
//! is most of the time; a CI run lints thousands, where searching is. The
//! front end says how many documents it expects before the first matcher is
//! built (they are built once per process, on first use), and the builders
//! ask here which kind to build.
//!
//! Measured (BENCHMARKS.md): an NFA instead of a DFA for the phrase and
//! prefilter automata saves 9% of the instructions of a one-file run and
//! costs about 70 µs of search per document, so it pays up to about fifteen
//! documents. The noncontiguous NFA (the one the others are built from) is
//! quicker still to have: 4% fewer instructions for one file, 1.5% for twelve.
//! The phrase and literal automata hold lower-case literals and search a
//! lower-cased copy of each line rather than folding case themselves
//! (`crate::phrase`, `rules::prefilter`), and regexes are built without
//! their literal prefilter and full DFA (`crate::lazy_regex`, `rules::custom`).

use std::sync::atomic::{AtomicBool, Ordering};

use aho_corasick::{AhoCorasickBuilder, AhoCorasickKind};

/// Up to this many documents, matchers are built for a quick start.
pub const FEW_DOCUMENTS: usize = 12;

static QUICK_START: AtomicBool = AtomicBool::new(false);

/// Tell the builders how many documents this process will lint.
pub fn expect_documents(count: usize) {
    QUICK_START.store(count <= FEW_DOCUMENTS, Ordering::Relaxed);
}

/// Whether matchers should be quick to build rather than quick to search.
pub fn quick_start() -> bool {
    QUICK_START.load(Ordering::Relaxed)
}

/// The Aho-Corasick automaton to build: the library's choice (a DFA for
/// small sets) for many documents, the plain NFA for a few.
pub fn aho_corasick_kind() -> Option<AhoCorasickKind> {
    quick_start().then_some(AhoCorasickKind::NoncontiguousNFA)
}

/// A builder for the automaton `aho_corasick_kind` says.
pub fn aho_corasick_builder() -> AhoCorasickBuilder {
    let mut builder = AhoCorasickBuilder::new();
    builder.kind(aho_corasick_kind());
    builder
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_few_documents_start_quickly() {
        expect_documents(1);
        assert_eq!(aho_corasick_kind(), Some(AhoCorasickKind::NoncontiguousNFA));
        expect_documents(FEW_DOCUMENTS + 1);
        assert_eq!(aho_corasick_kind(), None);
        assert!(!quick_start());
    }
}
