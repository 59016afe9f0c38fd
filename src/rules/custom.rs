//! Rules written as data: a regex or a word list, a message and help,
//! optionally scoped to section kinds and carrying a replacement.
//!
//! Users write them in pmlint.toml as `[[custom_rules]]`; the built-in lexical
//! rules (`blameful-language`, `placeholder-text`, `action-item-vague`) are
//! written the same way in `rules/*.toml`. Entries that share an id form one
//! rule with several matchers.

use crate::hash::HashSet;
use crate::lean_regex::LeanRegex;
use std::sync::OnceLock;

use serde::Deserialize;

use super::prefilter::{Prefilter, gate_owners};
use super::{ConfiguredRule, LintContext};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::model::{KindSet, SectionKind};
use crate::parse::markdown::Line;
use crate::phrase::PhraseSet;
use crate::source::Span;

/// Compiled patterns may not grow past this, so a hostile pattern cannot
/// exhaust memory (the regex crate's matching time is linear already).
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// One `[[custom_rules]]` entry as written.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomRuleDef {
    pub id: String,
    /// `error`, `warning` (the default), `info`.
    pub level: Option<String>,
    /// The diagnostic's message; `{match}` stands for the matched text.
    pub message: String,
    pub help: Option<String>,
    /// One line for `pmlint rules`.
    pub summary: Option<String>,
    /// A regular expression (Rust `regex` syntax). A group named `m`, when
    /// there is one, is what the diagnostic points at.
    pub pattern: Option<String>,
    /// Several regular expressions, any of which matches.
    pub patterns: Option<Vec<String>>,
    /// Words or phrases, matched case-insensitively on word boundaries; a
    /// trailing `*` also matches longer words that start so.
    pub words: Option<Vec<String>>,
    /// Section kinds the rule looks in; everywhere when absent.
    pub sections: Option<Vec<SectionKind>>,
    /// Text that replaces the match (`{match}` stands for it), offered as an unsafe fix.
    pub replacement: Option<String>,
    /// Leave section headings alone ("TODO:" heading a list of tasks).
    #[serde(default)]
    pub skip_headings: bool,
    /// Leave tables alone (a Status column holding "TODO").
    #[serde(default)]
    pub skip_tables: bool,
}

/// A custom rule that cannot be compiled, and why.
#[derive(Debug, PartialEq, Eq)]
pub struct CustomRuleError {
    /// Position of the entry among the `[[custom_rules]]`.
    pub index: usize,
    pub id: String,
    /// The key of the entry that is wrong (`pattern`, `words`, `id`...).
    pub field: &'static str,
    pub message: String,
}

/// A pattern, compiled when first needed: the rule's prefilter tells which
/// lines need it, and most documents have none. Compiling a regex costs more than
/// linting a short document, and pre-commit lints one document per process.
#[derive(Clone, Debug)]
struct Pattern {
    source: String,
    regex: OnceLock<Option<LeanRegex>>,
}

impl Pattern {
    fn new(source: String) -> Pattern {
        Pattern {
            source,
            regex: OnceLock::new(),
        }
    }

    /// Compile now, so that a user's bad pattern is an error at load.
    fn validated(source: String) -> Result<Pattern, String> {
        let regex = compile_pattern(&source)?;
        Ok(Pattern {
            source,
            regex: OnceLock::from(Some(regex)),
        })
    }

    fn regex(&self) -> Option<&LeanRegex> {
        self.regex.get_or_init(|| compile_pattern(&self.source).ok()).as_ref()
    }
}

#[derive(Clone, Debug)]
struct Matcher {
    /// One per pattern (each may name its own `m` group).
    patterns: Vec<Pattern>,
    words: Option<PhraseSet>,
    /// Texts one of which each match of `words` holds, for the rule's gate.
    word_spellings: Vec<String>,
    message: String,
    help: Option<String>,
    sections: Option<KindSet>,
    replacement: Option<String>,
    skip_headings: bool,
    skip_tables: bool,
}

#[derive(Clone, Debug)]
pub struct CustomRule {
    pub id: String,
    pub severity: Severity,
    pub summary: String,
    matchers: Vec<Matcher>,
    /// Every pattern of every matcher read for the literals it needs: one
    /// pass over a line says which patterns may match it. Most lines need
    /// none, and a pattern no line needs is never compiled. Built on first use.
    prefilter: OnceLock<Prefilter>,
    /// The (matcher, pattern) of each pattern of `prefilter`.
    pattern_index: Vec<(usize, usize)>,
}

impl CustomRule {
    fn index_patterns(&mut self) {
        self.pattern_index = self
            .matchers
            .iter()
            .enumerate()
            .flat_map(|(mi, m)| (0..m.patterns.len()).map(move |ri| (mi, ri)))
            .collect();
    }

    fn prefilter(&self) -> &Prefilter {
        self.prefilter.get_or_init(|| {
            Prefilter::new(
                self.matchers
                    .iter()
                    .flat_map(|m| m.patterns.iter().map(|p| p.source.as_str())),
                crate::effort::quick_start(),
            )
        })
    }

    /// What the data gate (`super::data_gate`) searches a document for on
    /// this rule's behalf: the literals of each pattern, in `pattern_index`
    /// order, then each matcher's word spellings (empty for a matcher
    /// without words). None when a pattern needs no literal.
    pub fn gate_owners(&self) -> Option<Vec<Vec<String>>> {
        gate_owners(
            self.matchers
                .iter()
                .flat_map(|m| m.patterns.iter().map(|p| p.source.as_str())),
            self.matchers.iter().map(|m| m.word_spellings.clone()),
        )
    }
}

pub fn parse_level(level: &str) -> Result<Severity, String> {
    match level {
        "error" => Ok(Severity::Error),
        "warning" | "warn" => Ok(Severity::Warning),
        "info" => Ok(Severity::Info),
        other => Err(format!("unknown level `{other}` (expected error, warning or info)")),
    }
}

fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| !part.is_empty())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A data-rule pattern, built lean: the rule's gate already picks the lines
/// a pattern may match, and most of those hold none, which the lean engine's
/// lazy DFA tells fast; `meta`'s literal prefilter and reverse DFA would cost
/// more to build than they save.
fn compile_pattern(pattern: &str) -> Result<LeanRegex, String> {
    LeanRegex::new(pattern, REGEX_SIZE_LIMIT).map_err(|reason| format!("invalid pattern: {reason}"))
}

/// The matcher of one entry, or the key that is wrong and why. `validate`
/// compiles the patterns now (a user's file); built-in data is compiled when
/// first needed, and a test compiles it all.
fn matcher(def: &CustomRuleDef, validate: bool) -> Result<Matcher, (&'static str, String)> {
    let pattern = |source: String, field: &'static str| {
        if validate {
            Pattern::validated(source).map_err(|e| (field, e))
        } else {
            Ok(Pattern::new(source))
        }
    };
    let mut regexes: Vec<Pattern> = Vec::new();
    if let Some(p) = &def.pattern {
        regexes.push(pattern(p.clone(), "pattern")?);
    }
    for p in def.patterns.iter().flatten() {
        regexes.push(pattern(p.clone(), "patterns")?);
    }
    if def.words.iter().flatten().any(|w| w.trim().is_empty()) {
        return Err(("words", "`words` has an empty entry".to_string()));
    }
    let words = def
        .words
        .as_ref()
        .map(|words| PhraseSet::new(words.iter().map(|w| (0, w.as_str()))))
        .transpose()
        .map_err(|e| ("words", e))?;
    if regexes.is_empty() && words.is_none() {
        return Err(("id", "needs `pattern`, `patterns` or `words`".to_string()));
    }
    Ok(Matcher {
        patterns: regexes,
        words,
        word_spellings: def
            .words
            .iter()
            .flatten()
            .flat_map(|w| crate::phrase::required_spellings(w))
            .collect(),
        message: def.message.clone(),
        help: def.help.clone(),
        sections: def.sections.as_ref().map(|kinds| kinds.iter().copied().collect()),
        replacement: def.replacement.clone(),
        skip_headings: def.skip_headings,
        skip_tables: def.skip_tables,
    })
}

/// Compile `[[custom_rules]]` entries into rules, one per id, in order of
/// first appearance. `reserved` are the ids of built-in rules; `validate`
/// compiles every pattern now, to report a bad one.
pub fn compile(
    defs: &[CustomRuleDef],
    reserved: &HashSet<&str>,
    validate: bool,
) -> Result<Vec<CustomRule>, CustomRuleError> {
    let mut rules: Vec<CustomRule> = Vec::new();
    for (index, def) in defs.iter().enumerate() {
        let err = |(field, message): (&'static str, String)| CustomRuleError {
            index,
            id: def.id.clone(),
            field,
            message,
        };
        if !is_kebab_case(&def.id) {
            return Err(err((
                "id",
                "the id must be kebab-case: lower-case letters, digits and dashes".to_string(),
            )));
        }
        if reserved.contains(def.id.as_str()) {
            return Err(err(("id", "the id is a built-in rule's; choose another".to_string())));
        }
        let severity = def
            .level
            .as_deref()
            .map(parse_level)
            .transpose()
            .map_err(|e| err(("level", e)))?;
        let matcher = matcher(def, validate).map_err(err)?;
        match rules.iter_mut().find(|r| r.id == def.id) {
            Some(rule) => rule.matchers.push(matcher),
            None => rules.push(CustomRule {
                id: def.id.clone(),
                severity: severity.unwrap_or(Severity::Warning),
                summary: def
                    .summary
                    .clone()
                    .unwrap_or_else(|| def.message.replace("{match}", "…")),
                matchers: vec![matcher],
                prefilter: OnceLock::new(),
                pattern_index: Vec::new(),
            }),
        }
    }
    for rule in &mut rules {
        rule.index_patterns();
    }
    Ok(rules)
}

/// Overlapping spans joined, sorted by start.
fn merged(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_by_key(|s| s.start);
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        match out.last_mut() {
            Some(last) if span.start < last.end => last.end = last.end.max(span.end),
            _ => out.push(span),
        }
    }
    out
}

/// Whether one of the sorted, disjoint `spans` contains `span`.
fn within(spans: &[Span], span: Span) -> bool {
    let i = spans.partition_point(|s| s.start <= span.start);
    i > 0 && spans[i - 1].contains(span)
}

/// Whether `span` shares a byte with one of the sorted, disjoint `spans`.
fn overlaps_any(spans: &[Span], span: Span) -> bool {
    let i = spans.partition_point(|s| s.start < span.end);
    // Spans starting before `span` ends; of them only the last few can reach it.
    spans[..i]
        .iter()
        .rev()
        .take(2)
        .any(|s| s.start < span.end && span.start < s.end)
}

impl ConfiguredRule for CustomRule {
    fn id(&self) -> &str {
        &self.id
    }

    fn as_data_rule(&self) -> Option<&CustomRule> {
        Some(self)
    }

    fn check(&self, ctx: &LintContext<'_, '_>, out: &mut Vec<Diagnostic>) {
        let incident = ctx.incident;
        let mut headings: Vec<Span> = incident.sections.iter().map(|s| s.heading.span).collect();
        headings.sort_by_key(|s| s.start);
        let scopes: Vec<Option<Vec<Span>>> = self
            .matchers
            .iter()
            .map(|m| {
                m.sections.map(|kinds| {
                    merged(
                        incident
                            .sections
                            .iter()
                            .filter(|s| s.kinds.intersects(kinds))
                            .map(|s| s.span)
                            .collect(),
                    )
                })
            })
            .collect();
        let scope = Scope {
            headings: &headings,
            sections: &scopes,
        };
        // Two matchers of one rule finding the same text report it once.
        let mut reported: HashSet<Span> = HashSet::default();
        let lines = ctx.data.lines();
        // Over many documents, one search of the document for every data
        // rule's literals names the lines that may match and, for each, the
        // patterns and word lists that may; a line is not searched again
        // for their literals.
        let Some(owners) = ctx.data.owners_of(&self.id) else {
            let admitted = lines.iter().filter(|&&(line, table)| {
                (0..self.matchers.len()).any(|mi| scope.admits(&self.matchers[mi], mi, line, table))
            });
            for &line in admitted {
                let candidates = if self.pattern_index.is_empty() {
                    Vec::new()
                } else {
                    self.prefilter().candidates(&line.0.text)
                };
                self.check_line(line, &candidates, |_| true, &scope, &mut reported, out);
            }
            return;
        };
        let patterns = self.pattern_index.len();
        for held in owners.chunk_by(|a, b| a.0 == b.0) {
            let candidates: Vec<usize> = held.iter().map(|&(_, o)| o).take_while(|&o| o < patterns).collect();
            let words_held = |mi: usize| held.iter().any(|&(_, o)| o == patterns + mi);
            self.check_line(lines[held[0].0], &candidates, words_held, &scope, &mut reported, out);
        }
    }
}

/// Where a rule's matchers look: not in headings or tables for those that
/// skip them, only in their sections for those that name some.
struct Scope<'s> {
    /// Section headings' spans, by start.
    headings: &'s [Span],
    /// Per matcher, the merged spans of its sections (None: everywhere).
    sections: &'s [Option<Vec<Span>>],
}

impl Scope<'_> {
    fn admits(&self, m: &Matcher, mi: usize, line: &Line<'_>, table: bool) -> bool {
        !(m.skip_tables && table
            || self.sections[mi].as_ref().is_some_and(|s| !within(s, line.span))
            || m.skip_headings && overlaps_any(self.headings, line.span))
    }
}

impl CustomRule {
    /// `candidates`: the patterns that may match the line, in order;
    /// `words_held`: whether the line holds a spelling of a matcher's words.
    fn check_line(
        &self,
        (line, table): (&Line<'_>, bool),
        candidates: &[usize],
        words_held: impl Fn(usize) -> bool,
        scope: &Scope<'_>,
        reported: &mut HashSet<Span>,
        out: &mut Vec<Diagnostic>,
    ) {
        for (mi, ri) in candidates.iter().map(|&i| self.pattern_index[i]) {
            let m = &self.matchers[mi];
            if !scope.admits(m, mi, line, table) {
                continue;
            }
            let Some(regex) = m.patterns[ri].regex() else {
                continue;
            };
            regex.for_each_captures(line.text.as_ref(), |caps| {
                if let Some(found) = caps.get_group_by_name("m").or_else(|| caps.get_group(0)) {
                    self.report(m, line, found.range(), reported, out);
                }
            });
        }
        for (mi, m) in self.matchers.iter().enumerate() {
            if let Some(words) = m
                .words
                .as_ref()
                .filter(|_| words_held(mi) && scope.admits(m, mi, line, table))
            {
                for found in words.find_iter(&line.text) {
                    self.report(m, line, found.range(), reported, out);
                }
            }
        }
    }
}

impl CustomRule {
    fn report(
        &self,
        m: &Matcher,
        line: &Line<'_>,
        found: std::ops::Range<usize>,
        reported: &mut HashSet<Span>,
        out: &mut Vec<Diagnostic>,
    ) {
        let matched = line.text[found.clone()].trim();
        // Code is quoted, not written: `TODO` in a command is not a placeholder.
        if matched.is_empty() || line.overlaps_code(found.clone()) {
            return;
        }
        let span = line.source_span(found);
        if !reported.insert(span) {
            return;
        }
        let mut d = Diagnostic::new(span, m.message.replace("{match}", matched));
        if let Some(help) = &m.help {
            d = d.with_help(help.replace("{match}", matched));
        }
        if let Some(replacement) = &m.replacement {
            d = d.with_fix(Fix {
                description: format!("replace \"{matched}\""),
                edits: vec![Edit {
                    span,
                    replacement: replacement.replace("{match}", matched),
                }],
                applicability: Applicability::Unsafe,
            });
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(id: &str, pattern: &str) -> CustomRuleDef {
        CustomRuleDef {
            id: id.to_string(),
            level: None,
            message: "found {match}".to_string(),
            help: None,
            summary: None,
            pattern: Some(pattern.to_string()),
            patterns: None,
            words: None,
            sections: None,
            replacement: None,
            skip_headings: false,
            skip_tables: false,
        }
    }

    #[test]
    fn errors_name_the_entry_and_the_problem() {
        let none = HashSet::default();
        let e = compile(&[def("ok-rule", "a"), def("bad", "(unclosed")], &none, true).unwrap_err();
        assert_eq!(e.index, 1);
        assert!(e.message.contains("invalid pattern"), "{}", e.message);
        assert!(e.message.contains("unclosed"), "{}", e.message);
        let reserved: HashSet<&str> = ["timeline-order"].into_iter().collect();
        let e = compile(&[def("timeline-order", "a")], &reserved, true).unwrap_err();
        assert!(e.message.contains("built-in"));
        let e = compile(&[def("Bad_Id", "a")], &none, true).unwrap_err();
        assert!(e.message.contains("kebab-case"));
    }

    #[test]
    fn entries_with_one_id_form_one_rule() {
        let rules = compile(
            &[def("x", "a"), def("x", "b"), def("y", "c")],
            &HashSet::default(),
            true,
        )
        .unwrap();
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0].matchers.len(), 2);
    }

    /// Where the rule reports in `src`: byte offsets.
    fn findings(rule: &CustomRule, src: &str) -> Vec<usize> {
        let incident = crate::parse::parse(src, &crate::parse::ParseOptions::default());
        let settings = crate::config::Settings::default();
        let ctx = LintContext::new(&incident, &settings, "x.md", None);
        let mut out = Vec::new();
        rule.check(&ctx, &mut out);
        out.iter().map(|d| d.primary.span.start).collect()
    }

    #[test]
    fn matches_prose_and_html_text_but_not_code() {
        let mut d = def("todo", "TODO");
        d.pattern = None;
        d.words = Some(vec!["TODO".to_string()]);
        let rule = compile(&[d], &HashSet::default(), true).unwrap().remove(0);
        let src = "# Report\n\nOwner: TODO, run `make TODO` later.\n\n```\nTODO\n```\n\n<p>Cause: <b>TODO</b></p>\n";
        assert_eq!(
            findings(&rule, src),
            vec![src.find("TODO,").unwrap(), src.find("TODO</b>").unwrap()]
        );
    }

    #[test]
    fn words_and_patterns_of_one_rule_report_each_finding_once() {
        let mut words = def("prod", "");
        words.pattern = None;
        words.words = Some(vec!["prod*".to_string(), "prd".to_string()]);
        let rule = compile(&[words, def("prod", r"\bprd\b")], &HashSet::default(), true)
            .unwrap()
            .remove(0);
        let src = "# Report\n\nThe PRD and production hosts, not reprod or prd.\n";
        let mut found = findings(&rule, src);
        found.sort();
        assert_eq!(
            found,
            vec![
                src.find("PRD").unwrap(),
                src.find("production").unwrap(),
                src.find("prd.").unwrap()
            ]
        );
    }

    #[test]
    fn huge_patterns_are_refused() {
        let e = compile(&[def("big", "(?:a{1000}){1000}")], &HashSet::default(), true).unwrap_err();
        assert!(e.message.contains("invalid pattern"), "{}", e.message);
    }
}
