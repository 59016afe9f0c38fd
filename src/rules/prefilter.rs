//! Which of a rule's regexes can match a line, without compiling them.
//!
//! Each pattern is read (not compiled) for literals one of which every match
//! must contain: `\b(?:TBD|TBA)\b` needs "tbd" or "tba", `human error` needs
//! "human error". One Aho-Corasick automaton over all of them says which
//! patterns a line may match; only those are compiled (once) and run.
//! Compiling a regex costs a millisecond where a short document takes a few
//! microseconds to lint, and most data-rule patterns never meet a line that
//! could match them.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex_syntax::hir::{Class, Hir, HirKind};

/// Literals longer than this are cut: the cut is still required.
const MAX_LITERAL: usize = 32;
/// More alternatives than this is no filter worth having.
const MAX_LITERALS: usize = 256;

#[derive(Clone, Debug)]
pub struct Prefilter {
    automaton: Option<AhoCorasick>,
    /// The pattern each literal of the automaton belongs to.
    owners: Vec<usize>,
    /// Patterns with no required literal: every line is a candidate.
    always: Vec<usize>,
    patterns: usize,
}

impl Prefilter {
    pub fn new<'p>(patterns: impl IntoIterator<Item = &'p str>) -> Prefilter {
        let mut literals = Vec::new();
        let mut owners = Vec::new();
        let mut always = Vec::new();
        let mut count = 0;
        for (index, pattern) in patterns.into_iter().enumerate() {
            count += 1;
            match required_literals(pattern) {
                Some(required) => {
                    owners.extend(std::iter::repeat_n(index, required.len()));
                    literals.extend(required);
                }
                None => always.push(index),
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .kind(crate::effort::aho_corasick_kind())
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&literals)
            .ok();
        if automaton.is_none() {
            // Cannot happen with literals this short; if it did, run everything.
            always = (0..count).collect();
        }
        Prefilter {
            automaton,
            owners,
            always,
            patterns: count,
        }
    }

    /// The patterns that may match somewhere in `text`, in order.
    pub fn candidates(&self, text: &str) -> Vec<usize> {
        // Most lines hold no literal at all: one search, nothing allocated.
        if self.always.is_empty() && !self.automaton.as_ref().is_some_and(|a| a.is_match(text)) {
            return Vec::new();
        }
        let mut hit = vec![false; self.patterns];
        for &i in &self.always {
            hit[i] = true;
        }
        if let Some(automaton) = &self.automaton {
            for m in automaton.find_overlapping_iter(text) {
                hit[self.owners[m.pattern().as_usize()]] = true;
            }
        }
        hit.iter().enumerate().filter(|(_, h)| **h).map(|(i, _)| i).collect()
    }
}

/// Literals, one of which (ignoring ASCII case) every match of `pattern`
/// contains; `None` when there is no such set worth searching for.
pub fn required_literals(pattern: &str) -> Option<Vec<String>> {
    let hir = regex_syntax::parse(pattern).ok()?;
    required(&hir).filter(|set| set.len() <= MAX_LITERALS)
}

/// The required set of one expression.
fn required(hir: &Hir) -> Option<Vec<String>> {
    match hir.kind() {
        HirKind::Literal(_) | HirKind::Class(_) => piece(hir).map(|c| vec![c]),
        HirKind::Capture(capture) => required(&capture.sub),
        HirKind::Repetition(rep) if rep.min > 0 => match piece(&rep.sub) {
            // `x{2,}` holds "xx".
            Some(text) => Some(vec![text.repeat(rep.min.min(MAX_LITERAL as u32) as usize)]),
            None => required(&rep.sub),
        },
        HirKind::Alternation(branches) => {
            let mut union = Vec::new();
            for branch in branches {
                union.extend(required(branch)?);
                if union.len() > MAX_LITERALS {
                    return None;
                }
            }
            Some(union)
        }
        HirKind::Concat(parts) => concat(parts),
        HirKind::Empty | HirKind::Look(_) | HirKind::Repetition(_) => None,
    }
}

/// The best required set among a concatenation's parts, where adjacent
/// literal pieces join into one longer literal ("root" + "cause").
fn concat(parts: &[Hir]) -> Option<Vec<String>> {
    let mut best: Option<Vec<String>> = None;
    let mut run = String::new();
    for part in parts {
        let fixed = match part.kind() {
            HirKind::Repetition(rep) if rep.max == Some(rep.min) && rep.min > 0 => {
                piece(&rep.sub).map(|text| text.repeat(rep.min.min(MAX_LITERAL as u32) as usize))
            }
            _ => piece(part),
        };
        match fixed {
            Some(text) => run.push_str(&text),
            None => {
                keep_better(&mut best, Some(vec![std::mem::take(&mut run)]));
                keep_better(&mut best, required(part));
            }
        }
    }
    keep_better(&mut best, Some(vec![run]));
    best
}

fn keep_better(best: &mut Option<Vec<String>>, candidate: Option<Vec<String>>) {
    let Some(candidate) = candidate.filter(|c| !c.is_empty() && c.iter().all(|l| !l.is_empty())) else {
        return;
    };
    if best.as_ref().is_none_or(|b| better(&candidate, b)) {
        *best = Some(candidate);
    }
}

/// The longer the shortest literal, the fewer lines it lets through.
fn better(a: &[String], b: &[String]) -> bool {
    let shortest = |set: &[String]| set.iter().map(String::len).min().unwrap_or(0);
    (shortest(a), std::cmp::Reverse(a.len())) > (shortest(b), std::cmp::Reverse(b.len()))
}

/// The text of a literal, or of a class that is one ASCII character in its
/// cases (`(?i)x` is `[Xx]`); at most `MAX_LITERAL` bytes.
fn piece(hir: &Hir) -> Option<String> {
    let text = match hir.kind() {
        HirKind::Literal(literal) => String::from_utf8(literal.0.to_vec()).ok()?,
        HirKind::Class(Class::Unicode(class)) => {
            // Case folding adds the Kelvin sign to k and the long s to s;
            // a line spelling a word with those is not worth a compile.
            let mut ascii = class
                .ranges()
                .iter()
                .flat_map(|r| r.start()..=r.end())
                .take(8)
                .filter(char::is_ascii);
            let first = ascii.next()?;
            if !ascii.all(|c| c.eq_ignore_ascii_case(&first))
                || class
                    .ranges()
                    .iter()
                    .any(|r| !r.start().is_ascii() && !"\u{212A}\u{17F}".contains(r.start()))
            {
                return None;
            }
            first.to_string()
        }
        _ => return None,
    };
    let mut end = text.len().min(MAX_LITERAL);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Some(text[..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lits(pattern: &str) -> Option<Vec<String>> {
        required_literals(pattern).map(|v| v.into_iter().map(|l| l.to_lowercase()).collect())
    }

    fn strs(v: &[&str]) -> Option<Vec<String>> {
        Some(v.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn literals_every_match_needs() {
        assert_eq!(lits(r"\b(?:TBD|TBA|TBC)\b"), strs(&["tbd", "tba", "tbc"]));
        assert_eq!(lits(r"(?i)\bhuman error\b"), strs(&["human error"]));
        assert_eq!(lits(r"(?:^|\s)\?{2,}(?:\s|$)"), strs(&["??"]));
        assert_eq!(
            lits(r"\b(?:[Xx]{1,2}:[Xx]{2}|HH:MM|hh:mm)\b"),
            strs(&[":xx", "hh:mm", "hh:mm"])
        );
        // The longest piece of a concatenation is the one kept.
        assert_eq!(
            lits(r"(?i)\b(?:caus[a-z]*|due to)\b[^.;]{0,40}?\b(?P<m>human error|pilot error)\b"),
            strs(&["human error", "pilot error"])
        );
        assert_eq!(lits(r"consider(?:ing)?"), strs(&["consider"]));
    }

    #[test]
    fn no_literal_means_no_filter() {
        assert_eq!(lits(r"\d+:\d+"), strs(&[":"]));
        assert_eq!(lits(r"\w+"), None);
        assert_eq!(lits(r"(?:foo)?bar|\d"), None);
        assert_eq!(lits(r"(unclosed"), None);
        // A letter beyond ASCII in its cases is no literal; the rest still is.
        assert_eq!(lits(r"(?i)störung"), strs(&["rung"]));
    }

    #[test]
    fn candidates_are_the_patterns_a_line_may_match() {
        let filter = Prefilter::new([r"\bTBD\b", r"\w+", r"(?i)human error", r"\w+@\w+"]);
        assert_eq!(filter.candidates("all done"), [1]);
        assert_eq!(filter.candidates("mail ops@example"), [1, 3]);
        assert_eq!(filter.candidates("tbd: Human ERROR"), [0, 1, 2]);
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
                    let filter = Prefilter::new([source.as_str()]);
                    for text in texts {
                        if regex.is_match(text) {
                            matched += 1;
                            assert_eq!(filter.candidates(text), [0], "{id}: {source} on {text:?}");
                        }
                    }
                }
            }
        }
        assert!(matched >= 12, "the texts should exercise most patterns ({matched})");
    }
}
