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
//! Patterns are read as syntax trees, not translated: translation builds the
//! Unicode classes case-insensitivity needs, four times the cost of parsing,
//! for nothing a literal filter uses. The automaton ignores ASCII case, so
//! literals are found whatever the pattern's case flags; a case-insensitive
//! `k` or `s` also matches the Kelvin sign and the long s, and a line
//! spelling a word with those is let through by no literal (a miss accepted:
//! no writer does).

use aho_corasick::{AhoCorasick, MatchKind};
use regex_syntax::ast::{self, Ast, ClassSet, ClassSetItem, RepetitionKind, RepetitionRange};

use crate::text::contains_ignore_ascii_case;

/// Literals longer than this are cut: the cut is still required.
const MAX_LITERAL: usize = 32;
/// More alternatives than this is no filter worth having.
const MAX_LITERALS: usize = 256;
/// Sets of literals kept per pattern, the most selective first.
const MAX_GROUPS: usize = 3;

#[derive(Clone, Debug)]
pub struct Prefilter {
    /// The literals of each pattern's most selective set.
    automaton: Option<AhoCorasick>,
    /// The pattern each literal of the automaton belongs to.
    owners: Vec<usize>,
    /// Patterns with no required literal: every line is a candidate.
    always: Vec<usize>,
    /// Per pattern, its other sets (when asked for), checked only on lines
    /// that hold a literal of the first (few do).
    more: Vec<Vec<Vec<String>>>,
}

impl Prefilter {
    /// `every_set`: check all of each pattern's sets, not only the most
    /// selective. That saves compiling a pattern for a line that only looks
    /// like a match, worth it when a few documents are linted; over many,
    /// every pattern is compiled anyway and checking the sets costs more
    /// than running the regex.
    pub fn new<'p>(patterns: impl IntoIterator<Item = &'p str>, every_set: bool) -> Prefilter {
        let mut literals = Vec::new();
        let mut owners = Vec::new();
        let mut always = Vec::new();
        let mut more = Vec::new();
        for (index, pattern) in patterns.into_iter().enumerate() {
            let mut sets = required_literals(pattern).unwrap_or_default().into_iter();
            match sets.next() {
                Some(first) => {
                    owners.extend(std::iter::repeat_n(index, first.len()));
                    literals.extend(first);
                }
                None => always.push(index),
            }
            more.push(if every_set { sets.collect() } else { Vec::new() });
        }
        let automaton = crate::effort::aho_corasick_builder()
            .ascii_case_insensitive(true)
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
        }
    }

    /// The patterns that may match somewhere in `text`, in order.
    pub fn candidates(&self, text: &str) -> Vec<usize> {
        // Most lines hold no literal at all: one search, nothing allocated.
        if self.always.is_empty() && !self.automaton.as_ref().is_some_and(|a| a.is_match(text)) {
            return Vec::new();
        }
        let mut hit = vec![false; self.more.len()];
        for &i in &self.always {
            hit[i] = true;
        }
        if let Some(automaton) = &self.automaton {
            for m in automaton.find_overlapping_iter(text) {
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

/// Sets of literals such that every match of `pattern` contains (ignoring
/// ASCII case) a literal of each set; `None` when there is none worth
/// searching for, or `pattern` does not parse.
pub fn required_literals(pattern: &str) -> Option<Vec<Vec<String>>> {
    let ast = ast::parse::Parser::new().parse(pattern).ok()?;
    let mut sets = match ungrouped(&ast) {
        Ast::Concat(concat) => concat_sets(&concat.asts),
        other => required(other).into_iter().collect(),
    };
    sets.retain(|set| worth_searching(set));
    sets.sort_by(|a, b| {
        if better(a, b) {
            std::cmp::Ordering::Less
        } else if better(b, a) {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    });
    sets.truncate(MAX_GROUPS);
    (!sets.is_empty()).then_some(sets)
}

/// The expression inside any groups around it.
fn ungrouped(ast: &Ast) -> &Ast {
    match ast {
        Ast::Group(group) => ungrouped(&group.ast),
        other => other,
    }
}

fn worth_searching(set: &[String]) -> bool {
    !set.is_empty() && set.len() <= MAX_LITERALS && set.iter().all(|l| !l.is_empty())
}

/// The smallest and largest number of times a repetition repeats.
fn bounds(kind: &RepetitionKind) -> (u32, Option<u32>) {
    match kind {
        RepetitionKind::ZeroOrOne => (0, Some(1)),
        RepetitionKind::ZeroOrMore => (0, None),
        RepetitionKind::OneOrMore => (1, None),
        RepetitionKind::Range(RepetitionRange::Exactly(n)) => (*n, Some(*n)),
        RepetitionKind::Range(RepetitionRange::AtLeast(n)) => (*n, None),
        RepetitionKind::Range(RepetitionRange::Bounded(min, max)) => (*min, Some(*max)),
    }
}

/// One set every match of one expression needs a literal of.
fn required(ast: &Ast) -> Option<Vec<String>> {
    match ast {
        Ast::Literal(_) | Ast::ClassBracketed(_) => piece(ast).map(|c| vec![c]),
        Ast::Group(group) => required(&group.ast),
        Ast::Repetition(rep) => {
            let (min, _) = bounds(&rep.op.kind);
            if min == 0 {
                return None;
            }
            match piece(&rep.ast) {
                // `x{2,}` holds "xx".
                Some(text) => Some(vec![text.repeat(min.min(MAX_LITERAL as u32) as usize)]),
                None => required(&rep.ast),
            }
        }
        Ast::Alternation(alternation) => {
            let mut union = Vec::new();
            for branch in &alternation.asts {
                union.extend(required(branch)?);
                if union.len() > MAX_LITERALS {
                    return None;
                }
            }
            Some(union)
        }
        Ast::Concat(concat) => concat_sets(&concat.asts)
            .into_iter()
            .filter(|set| worth_searching(set))
            .reduce(|best, set| if better(&set, &best) { set } else { best }),
        Ast::Empty(_) | Ast::Flags(_) | Ast::Dot(_) | Ast::Assertion(_) | Ast::ClassUnicode(_) | Ast::ClassPerl(_) => {
            None
        }
    }
}

/// Every set a concatenation's parts need, where adjacent literal pieces
/// join into one longer literal ("root" + "cause").
fn concat_sets(parts: &[Ast]) -> Vec<Vec<String>> {
    let mut sets = Vec::new();
    let mut run = String::new();
    for part in parts {
        let fixed = match part {
            Ast::Repetition(rep) => match bounds(&rep.op.kind) {
                (min, Some(max)) if min == max && min > 0 => {
                    piece(&rep.ast).map(|text| text.repeat(min.min(MAX_LITERAL as u32) as usize))
                }
                _ => None,
            },
            // `(?i)` in the middle changes how letters match, and the
            // automaton ignores case anyway.
            Ast::Flags(_) => Some(String::new()),
            _ => piece(part),
        };
        match fixed {
            Some(text) => run.push_str(&text),
            None => {
                sets.push(vec![cut(std::mem::take(&mut run))]);
                sets.extend(required(part));
            }
        }
    }
    sets.push(vec![cut(run)]);
    sets
}

/// The longer the shortest literal, the fewer lines it lets through.
fn better(a: &[String], b: &[String]) -> bool {
    let shortest = |set: &[String]| set.iter().map(String::len).min().unwrap_or(0);
    (shortest(a), std::cmp::Reverse(a.len())) > (shortest(b), std::cmp::Reverse(b.len()))
}

/// The text of an ASCII literal, or of a class that is one ASCII letter in
/// its cases (`[Xx]`). A letter beyond ASCII is none: the automaton folds
/// ASCII case only, and `(?i)ö` matches "Ö".
fn piece(ast: &Ast) -> Option<String> {
    match ast {
        Ast::Literal(literal) if literal.c.is_ascii() => Some(literal.c.to_string()),
        Ast::ClassBracketed(class) if !class.negated => {
            let mut chars = Vec::new();
            class_chars(&class.kind, &mut chars)?;
            let first = *chars.first()?;
            chars
                .iter()
                .all(|c| c.eq_ignore_ascii_case(&first))
                .then(|| first.to_string())
        }
        _ => None,
    }
}

/// The characters a bracketed class lists one by one, if it lists nothing else.
fn class_chars(set: &ClassSet, out: &mut Vec<char>) -> Option<()> {
    let ClassSet::Item(item) = set else {
        return None;
    };
    let mut items = std::slice::from_ref(item);
    if let ClassSetItem::Union(union) = item {
        items = &union.items;
    }
    for item in items {
        match item {
            ClassSetItem::Literal(literal) if literal.c.is_ascii() => out.push(literal.c),
            ClassSetItem::Range(range) if range.start.c == range.end.c && range.start.c.is_ascii() => {
                out.push(range.start.c)
            }
            _ => return None,
        }
    }
    Some(())
}

/// `text`, at most `MAX_LITERAL` bytes of it (all ASCII).
fn cut(mut text: String) -> String {
    text.truncate(MAX_LITERAL);
    text
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
        assert_eq!(
            lits(r"<(?i:name|date|your [^>]{1,30})>"),
            sets(&[&["name", "date", "your "], &["<"], &[">"]])
        );
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
        for every_set in [false, true] {
            let filter = Prefilter::new(patterns, every_set);
            assert_eq!(filter.candidates("all done"), [1]);
            assert_eq!(filter.candidates("mail ops@example"), [1, 3]);
            assert_eq!(filter.candidates("tbd: Human ERROR"), [0, 1, 2]);
        }
        // Every set must be met: a name without brackets is no placeholder.
        let thorough = Prefilter::new(patterns, true);
        assert_eq!(thorough.candidates("# Name"), [1]);
        assert_eq!(thorough.candidates("a <b> then a name"), [1, 4]);
        // The most selective set alone lets it through.
        assert_eq!(Prefilter::new(patterns, false).candidates("# Name"), [1, 4]);
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
        for (id, toml_text, _) in super::super::DATA_RULE_FILES {
            let file: super::super::DataRuleFile = toml::from_str(toml_text).unwrap();
            for def in &file.custom_rules {
                for source in def.pattern.iter().chain(def.patterns.iter().flatten()) {
                    let regex = regex::Regex::new(source).unwrap();
                    let filter = Prefilter::new([source.as_str()], true);
                    // The pattern's own words in random runs, among brackets and marks.
                    let marks = [
                        "<", ">", "[", "]", "{{", "}}", "{", "}", "'s", ":", "?", "??", "xx", ".",
                    ];
                    let samples = crate::cue::equivalence::sample_texts(source, &marks, 3000);
                    for text in texts.iter().copied().chain(samples.iter().map(String::as_str)) {
                        if regex.is_match(text) {
                            matched += 1;
                            assert_eq!(filter.candidates(text), [0], "{id}: {source} on {text:?}");
                        }
                    }
                }
            }
        }
        assert!(matched >= 2000, "the texts should exercise the patterns ({matched})");
    }
}
