//! Which of a rule's regexes can match a line, without compiling them.
//!
//! Each pattern is read (parsed, not compiled) for literals its matches must
//! contain: `\b(?:TBD|TBA)\b` needs "tbd" or "tba"; `<(?i:name|date)>` needs
//! "<", one of "name" and "date", and ">". One Aho-Corasick automaton over
//! all of them says which patterns a line may match; only those are compiled
//! (once) and run. Compiling a regex costs a millisecond where a short
//! document takes a few microseconds to lint, and most data-rule patterns
//! never meet a line that could match them.
//!
//! The literals are read by `super::literals` (for the built-in rules, when
//! pmlint is built); the automaton ignores ASCII case, as they assume.

use aho_corasick::{AhoCorasick, MatchKind};

pub use super::literals::required_literals;
use crate::text::contains_ignore_ascii_case;

/// The built-in data rules' patterns and their literal sets, worked out by
/// `build.rs` with `super::literals` when pmlint is built.
static BUILTIN_LITERALS: &[(&str, Option<&[&[&str]]>)] = include!(concat!(env!("OUT_DIR"), "/builtin_literals.rs"));

/// `required_literals`, looked up for a built-in pattern (reading 14 patterns
/// on each run was a tenth of a one-file run) and worked out for others.
fn literals_of(pattern: &str) -> Option<Vec<Vec<String>>> {
    match BUILTIN_LITERALS.iter().find(|(builtin, _)| *builtin == pattern) {
        Some((_, sets)) => sets.map(|sets| {
            sets.iter()
                .map(|set| set.iter().map(|l| l.to_string()).collect())
                .collect()
        }),
        None => required_literals(pattern),
    }
}

#[derive(Clone, Debug)]
pub struct Prefilter {
    /// The literals of each pattern's most selective set.
    automaton: Option<AhoCorasick>,
    /// The pattern each literal of the automaton belongs to.
    owners: Vec<usize>,
    /// Patterns with no required literal: every line is a candidate.
    always: Vec<usize>,
    /// Per pattern, its other sets (for a few documents), checked only on
    /// lines that hold a literal of the first (few do).
    more: Vec<Vec<Vec<String>>>,
    /// Whether the automaton holds lower-case literals and is searched in a
    /// lower-cased copy of the line (for a few documents; see `PhraseSet`).
    folds_text: bool,
}

impl Prefilter {
    /// `few_documents`: build for a quick start. Then all of each pattern's
    /// sets are checked, not only the most selective, which saves compiling
    /// a pattern for a line that only looks like a match (over many
    /// documents every pattern is compiled anyway, and checking the sets
    /// costs more than running the regex); and the automaton is built over
    /// lower-case literals, a third of the cost of one that folds case, and
    /// searched in a lower-cased copy of each line.
    pub fn new<'p>(patterns: impl IntoIterator<Item = &'p str>, few_documents: bool) -> Prefilter {
        let mut literals = Vec::new();
        let mut owners = Vec::new();
        let mut always = Vec::new();
        let mut more = Vec::new();
        for (index, pattern) in patterns.into_iter().enumerate() {
            let mut sets = literals_of(pattern).unwrap_or_default().into_iter();
            match sets.next() {
                Some(first) => {
                    owners.extend(std::iter::repeat_n(index, first.len()));
                    literals.extend(first);
                }
                None => always.push(index),
            }
            more.push(if few_documents { sets.collect() } else { Vec::new() });
        }
        if few_documents {
            // The literals are ASCII (`super::literals`).
            literals.iter_mut().for_each(|l| l.make_ascii_lowercase());
        }
        let automaton = crate::effort::aho_corasick_builder()
            .ascii_case_insensitive(!few_documents)
            .match_kind(MatchKind::Standard)
            .build(&literals)
            .ok();
        if automaton.is_none() {
            // Cannot happen with literals this short; if it did, run everything.
            always = (0..more.len()).collect();
            more.iter_mut().for_each(Vec::clear);
        }
        Prefilter {
            automaton,
            owners,
            always,
            more,
            folds_text: few_documents,
        }
    }

    /// The patterns that may match somewhere in `text`, in order.
    pub fn candidates(&self, text: &str) -> Vec<usize> {
        let haystack = &*crate::text::ascii_lowercase_if(text, self.folds_text);
        // Most lines hold no literal at all: one search, nothing allocated.
        if self.always.is_empty() && !self.automaton.as_ref().is_some_and(|a| a.is_match(haystack)) {
            return Vec::new();
        }
        let mut hit = vec![false; self.more.len()];
        for &i in &self.always {
            hit[i] = true;
        }
        if let Some(automaton) = &self.automaton {
            for m in automaton.find_overlapping_iter(haystack) {
                hit[self.owners[m.pattern().as_usize()]] = true;
            }
        }
        let holds_all = |sets: &[Vec<String>]| {
            sets.iter()
                .all(|set| set.iter().any(|literal| contains_ignore_ascii_case(text, literal)))
        };
        (0..hit.len()).filter(|&i| hit[i] && holds_all(&self.more[i])).collect()
    }
}

/// The owners of a gate over `patterns` and `word_lists` (see
/// `LineGate::new`): each pattern's most selective literal set, then each
/// list. None when a pattern needs no literal.
pub fn gate_owners<'p>(
    patterns: impl IntoIterator<Item = &'p str>,
    word_lists: impl IntoIterator<Item = Vec<String>>,
) -> Option<Vec<Vec<String>>> {
    let mut owners = Vec::new();
    for pattern in patterns {
        owners.push(literals_of(pattern)?.into_iter().next()?);
    }
    owners.extend(word_lists);
    Some(owners)
}

/// Whether a gate can stand for these owners: some literal is given, and
/// none is empty (every line would hold it) or holds a line break (a match
/// could span two lines).
pub fn gate_worthy(owners: &[Vec<String>]) -> bool {
    let mut literals = owners.iter().flatten().peekable();
    literals.peek().is_some() && literals.all(|l| !l.is_empty() && !l.contains(LINE_BREAK))
}

/// Which lines of a document may hold a match of any of the data rules'
/// patterns or words (`super::data_gate`), found by one search over the
/// lines joined. Searching each line
/// apart costs a call per line, and most lines hold nothing. It also says
/// which patterns and word lists a line may match, so that a line is not
/// searched again for the literals of each.
///
/// For many documents only: for a few, building the automaton costs more
/// than the searches it spares.
#[derive(Clone, Debug)]
pub struct LineGate {
    automaton: AhoCorasick,
    /// The owner of each literal of the automaton: its index among the
    /// owners given to `from_owners` (patterns and word lists).
    owners: Vec<usize>,
    /// How many owners there are.
    owner_count: usize,
}

/// Joins lines in the gate's haystack. No literal holds it, so no match
/// spans two lines.
const LINE_BREAK: char = '\n';

impl LineGate {
    /// `patterns` are regexes; `word_lists` give, for each list, texts one
    /// of which a match of the list holds, ASCII case aside (see
    /// `phrase::required_spellings`); a list may be empty. None when a
    /// pattern needs no literal (every line may match it) or a literal holds
    /// a line break. (pmlint builds its gates with `from_owners`, over the
    /// owners of several rules.)
    #[cfg(test)]
    pub fn new<'p>(
        patterns: impl IntoIterator<Item = &'p str>,
        word_lists: impl IntoIterator<Item = Vec<String>>,
    ) -> Option<LineGate> {
        LineGate::from_owners(gate_owners(patterns, word_lists)?)
    }

    /// A gate over owners given by their literals: a line holding one of
    /// an owner's literals is named for that owner. None when no owner has a
    /// literal, or a literal is empty or holds a line break.
    pub fn from_owners(owners: Vec<Vec<String>>) -> Option<LineGate> {
        if !gate_worthy(&owners) {
            return None;
        }
        let owner_of = owners
            .iter()
            .enumerate()
            .flat_map(|(owner, literals)| std::iter::repeat_n(owner, literals.len()))
            .collect();
        let owner_count = owners.len();
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(owners.into_iter().flatten())
            .ok()?;
        Some(LineGate {
            automaton,
            owners: owner_of,
            owner_count,
        })
    }

    /// The lines joined by `LINE_BREAK`, and where each starts.
    fn joined<'t>(lines: impl ExactSizeIterator<Item = &'t str> + Clone) -> (String, Vec<usize>) {
        let mut starts = Vec::with_capacity(lines.len());
        // Sized once: grown line by line, it was copied a dozen times.
        let mut joined = String::with_capacity(lines.clone().map(|line| line.len() + LINE_BREAK.len_utf8()).sum());
        for line in lines {
            starts.push(joined.len());
            joined.push_str(line);
            joined.push(LINE_BREAK);
        }
        (joined, starts)
    }

    /// The owners whose literals each line holds: (line, owner) pairs, by
    /// line, then owner, each once. A pattern of the first set's owners may
    /// match the line (the same test as `Prefilter::candidates` for many
    /// documents); a word list that is not among them cannot.
    pub fn owners_by_line<'t>(&self, lines: impl ExactSizeIterator<Item = &'t str> + Clone) -> Vec<(usize, usize)> {
        let (joined, starts) = Self::joined(lines);
        let mut found: Vec<(usize, usize)> = Vec::new();
        let mut line = 0;
        // Each owner once a line as the matches come, so a huge line full of
        // one literal keeps a short list: the owners named for this line
        // start at `line_from` in `found`.
        let mut named = vec![false; self.owner_count];
        let mut line_from = 0;
        match self.automaton.try_find_overlapping_iter(&joined) {
            Ok(matches) => {
                for m in matches {
                    // Matches come by their end; a match ends in the line it starts in.
                    if starts.get(line + 1).is_some_and(|&next| next < m.end()) {
                        while starts.get(line + 1).is_some_and(|&next| next < m.end()) {
                            line += 1;
                        }
                        found[line_from..].iter().for_each(|&(_, owner)| named[owner] = false);
                        line_from = found.len();
                    }
                    let owner = self.owners[m.pattern().as_usize()];
                    if !std::mem::replace(&mut named[owner], true) {
                        found.push((line, owner));
                    }
                }
            }
            // Cannot happen (a standard automaton searches overlapping);
            // if it did, every line may match anything.
            Err(_) => {
                let all = self.owner_count;
                found.extend((0..starts.len()).flat_map(|line| (0..all).map(move |owner| (line, owner))));
            }
        }
        // By line already; by owner within a line.
        found.sort_unstable();
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The required sets, lowercased.
    fn lits(pattern: &str) -> Option<Vec<Vec<String>>> {
        required_literals(pattern).map(|sets| {
            sets.into_iter()
                .map(|set| set.into_iter().map(|l| l.to_lowercase()).collect())
                .collect()
        })
    }

    fn sets(v: &[&[&str]]) -> Option<Vec<Vec<String>>> {
        Some(
            v.iter()
                .map(|set| set.iter().map(|s| s.to_string()).collect())
                .collect(),
        )
    }

    #[test]
    fn literals_every_match_needs() {
        assert_eq!(lits(r"\b(?:TBD|TBA|TBC)\b"), sets(&[&["tbd", "tba", "tbc"]]));
        assert_eq!(lits(r"(?i)\bhuman error\b"), sets(&[&["human error"]]));
        assert_eq!(lits(r"(?:^|\s)\?{2,}(?:\s|$)"), sets(&[&["??"]]));
        assert_eq!(
            lits(r"\b(?:[Xx]{1,2}:[Xx]{2}|HH:MM|hh:mm)\b"),
            sets(&[&[":xx", "hh:mm", "hh:mm"]])
        );
        // Each part of a concatenation is a set of its own, best first;
        // inside an alternation, the best part of each branch.
        assert_eq!(
            lits(r"(?i)\b(?:caus[a-z]*|due to)\b[^.;]{0,40}?\b(?P<m>human error|pilot error)\b"),
            sets(&[&["human error", "pilot error"], &["caus", "due to"]])
        );
        // A bracket is rarer in prose than any of the words.
        assert_eq!(
            lits(r"<(?i:name|date|your [^>]{1,30})>"),
            sets(&[&["<"], &[">"], &["name", "date", "your "]])
        );
        assert_eq!(
            lits(r"\{\{ ?(?:time|team) ?\}\}"),
            sets(&[&["{{"], &["}}"], &["time", "team"]])
        );
        assert_eq!(lits(r"[A-Z]\.\d+<x"), sets(&[&["<x"], &["."]]));
        assert_eq!(lits(r"consider(?:ing)?"), sets(&[&["consider"]]));
        assert_eq!(lits(r"a(?i)b[Cc]"), sets(&[&["abc"]]));
    }

    #[test]
    fn no_literal_means_no_filter() {
        assert_eq!(lits(r"\d+:\d+"), sets(&[&[":"]]));
        assert_eq!(lits(r"\w+"), None);
        assert_eq!(lits(r"(?:foo)?bar|\d"), None);
        assert_eq!(lits(r"(unclosed"), None);
        assert_eq!(lits(r"[^x]y?"), None);
        // A letter beyond ASCII is no literal; the rest still is.
        assert_eq!(lits(r"(?i)störung"), sets(&[&["rung"], &["st"]]));
    }

    #[test]
    fn candidates_are_the_patterns_a_line_may_match() {
        let patterns = [r"\bTBD\b", r"\w+", r"(?i)human error", r"\w+@\w+", r"<(?:name|date)>"];
        for few_documents in [false, true] {
            let filter = Prefilter::new(patterns, few_documents);
            assert_eq!(filter.candidates("all done"), [1]);
            assert_eq!(filter.candidates("mail ops@example"), [1, 3]);
            assert_eq!(filter.candidates("tbd: Human ERROR"), [0, 1, 2]);
        }
        // Every set must be met: a name without brackets is no placeholder.
        let thorough = Prefilter::new(patterns, true);
        assert_eq!(thorough.candidates("# Name"), [1]);
        assert_eq!(thorough.candidates("a <b> then a name"), [1, 4]);
        // The most selective set alone lets it through.
        assert_eq!(Prefilter::new(patterns, false).candidates("a <b>"), [1, 4]);
        assert_eq!(Prefilter::new(patterns, false).candidates("# Name"), [1]);
    }

    /// Every built-in pattern's literals are worked out at build time, as
    /// they would be at run time.
    #[test]
    fn built_in_literals_are_looked_up() {
        let mut patterns = 0;
        for (id, toml_text, _, _) in super::super::DATA_RULE_FILES {
            let file: super::super::DataRuleFile = toml::from_str(toml_text).unwrap();
            for def in &file.custom_rules {
                for source in def.pattern.iter().chain(def.patterns.iter().flatten()) {
                    patterns += 1;
                    let built = BUILTIN_LITERALS.iter().find(|(p, _)| p == source);
                    assert!(built.is_some(), "{id}: {source} is not in the build's table");
                    assert_eq!(literals_of(source), required_literals(source), "{id}: {source}");
                }
            }
        }
        assert_eq!(patterns, BUILTIN_LITERALS.len());
        assert_eq!(literals_of(r"(?i)\bcustom\b"), Some(vec![vec!["custom".to_string()]]));
    }

    /// The filter may let through lines a pattern does not match, never the
    /// other way: every match of every data-rule pattern contains a literal.
    #[test]
    fn a_filtered_line_never_holds_a_match() {
        let texts = [
            "Owner: TBD",
            "see [name] and <date> or {{ owner }}",
            "human error caused it",
            "Human Error",
            "at XX:XX UTC",
            "HH:MM",
            "?? unknown",
            "TODO",
            "lorem ipsum dolor",
            "engineer forgot to check",
            "It was John's fault",
            "be more careful",
            "consider adding",
            "Improve monitoring.",
            "<A.B>",
            "the KELVIN",
        ];
        let mut matched = 0;
        for (id, toml_text, _, _) in super::super::DATA_RULE_FILES {
            let file: super::super::DataRuleFile = toml::from_str(toml_text).unwrap();
            for def in &file.custom_rules {
                for source in def.pattern.iter().chain(def.patterns.iter().flatten()) {
                    let regex = regex::Regex::new(source).unwrap();
                    let filters = [
                        Prefilter::new([source.as_str()], false),
                        Prefilter::new([source.as_str()], true),
                    ];
                    // The pattern's own words in random runs, among brackets and marks.
                    let marks = [
                        "<", ">", "[", "]", "{{", "}}", "{", "}", "'s", ":", "?", "??", "xx", ".",
                    ];
                    let samples = crate::cue::equivalence::sample_texts(source, &marks, 3000);
                    for text in texts.iter().copied().chain(samples.iter().map(String::as_str)) {
                        if regex.is_match(text) {
                            matched += 1;
                            for filter in &filters {
                                assert_eq!(filter.candidates(text), [0], "{id}: {source} on {text:?}");
                            }
                        }
                    }
                }
            }
        }
        assert!(matched >= 2000, "the texts should exercise the patterns ({matched})");
    }

    /// Whole documents: the gate names, for each line, every pattern and
    /// word list of the rule that matches it, exactly the patterns the
    /// prefilter names for the line, and says of each line in a document what
    /// it says of the line alone (so the joined search loses no line and
    /// invents none).
    #[test]
    fn the_gate_names_every_pattern_and_word_list_a_line_may_match() {
        let mut draws = crate::cue::equivalence::Draws::new(0x2545_f491_4f6c_dd1d);
        let mut matched = 0;
        for (id, toml_text, _, _) in super::super::DATA_RULE_FILES {
            let file: super::super::DataRuleFile = toml::from_str(toml_text).unwrap();
            let patterns: Vec<&str> = file
                .custom_rules
                .iter()
                .flat_map(|d| d.pattern.iter().chain(d.patterns.iter().flatten()))
                .map(String::as_str)
                .collect();
            let lists: Vec<Vec<&str>> = file
                .custom_rules
                .iter()
                .map(|d| d.words.iter().flatten().map(String::as_str).collect())
                .collect();
            let regexes: Vec<regex::Regex> = patterns.iter().map(|p| regex::Regex::new(p).unwrap()).collect();
            let phrases: Vec<Option<crate::phrase::PhraseSet>> = lists
                .iter()
                .map(|words| {
                    (!words.is_empty()).then(|| crate::phrase::PhraseSet::new(words.iter().map(|w| (0, *w))).unwrap())
                })
                .collect();
            let spellings = || {
                lists.iter().map(|words| {
                    words
                        .iter()
                        .flat_map(|w| crate::phrase::required_spellings(w))
                        .collect::<Vec<_>>()
                })
            };
            let mut marks: Vec<&str> = vec!["<", ">", "{{", "}}", "'s", ":", "??", "xx", "."];
            marks.extend(lists.iter().flatten());
            let samples = crate::cue::equivalence::sample_texts(&patterns.join(" "), &marks, 3000);
            let gate = LineGate::new(patterns.iter().copied(), spellings())
                .unwrap_or_else(|| panic!("{id}: every pattern needs a literal"));
            let prefilter = Prefilter::new(patterns.iter().copied(), false);
            let mut rest = samples.as_slice();
            while !rest.is_empty() {
                let (lines, after) = rest.split_at((1 + draws.below(40)).min(rest.len()));
                rest = after;
                let owners = gate.owners_by_line(lines.iter().map(String::as_str));
                assert!(
                    owners.windows(2).all(|w| w[0] < w[1]),
                    "{id}: by line, then owner, once"
                );
                for (i, line) in lines.iter().enumerate() {
                    let named: Vec<usize> = owners.iter().filter(|(l, _)| *l == i).map(|&(_, o)| o).collect();
                    let alone: Vec<usize> = gate
                        .owners_by_line(std::iter::once(line.as_str()))
                        .into_iter()
                        .map(|(_, o)| o)
                        .collect();
                    assert_eq!(named, alone, "{id}: {line:?} in a document and alone");
                    let named_patterns: Vec<usize> = named.iter().copied().filter(|&o| o < patterns.len()).collect();
                    assert_eq!(named_patterns, prefilter.candidates(line), "{id}: {line:?}");
                    for (k, regex) in regexes.iter().enumerate() {
                        if regex.is_match(line) {
                            matched += 1;
                            assert!(
                                named.contains(&k),
                                "{id}: the gate misses {:?} in {line:?}",
                                patterns[k]
                            );
                        }
                    }
                    for (k, phrases) in phrases.iter().enumerate() {
                        if phrases.as_ref().is_some_and(|p| p.is_match(line)) {
                            matched += 1;
                            assert!(
                                named.contains(&(patterns.len() + k)),
                                "{id}: the gate misses list {k} in {line:?}"
                            );
                        }
                    }
                }
            }
        }
        assert!(matched >= 500, "the texts should exercise the rules ({matched})");
    }

    /// The lines the gate names any owner for.
    fn passed(gate: &LineGate, lines: &[&str]) -> Vec<bool> {
        let owners = gate.owners_by_line(lines.iter().copied());
        (0..lines.len()).map(|i| owners.iter().any(|&(l, _)| l == i)).collect()
    }

    #[test]
    fn no_gate_when_a_line_would_pass_anyway() {
        assert!(LineGate::new([r"\w+"], []).is_none());
        assert!(LineGate::new([r"a\nb"], []).is_none());
        assert!(LineGate::new([], [Vec::new()]).is_none());
        let gate = LineGate::new([r"\bTBD\b"], [crate::phrase::required_spellings("störung*")]).unwrap();
        assert_eq!(
            passed(&gate, &["tbd", "", "STÖRUNGEN", "x störung", "nothing"]),
            [true, false, true, true, false]
        );
        // A phrase broken over two lines is in neither.
        let gate = LineGate::new([], [crate::phrase::required_spellings("human error")]).unwrap();
        assert_eq!(
            passed(&gate, &["a human", "error", "human error"]),
            [false, false, true]
        );
        // Owners: patterns by index, then word lists; an empty list is an owner too.
        let gate = LineGate::new(
            [r"\bTBD\b", r"(?i)todo"],
            [Vec::new(), crate::phrase::required_spellings("human error")],
        )
        .unwrap();
        assert_eq!(
            gate.owners_by_line(["todo: tbd", "human error", "", "TBD TBD human error"].into_iter()),
            [(0, 0), (0, 1), (1, 3), (3, 0), (3, 3)]
        );
    }
}
