//! The literals a regex's matches must contain, read from its syntax.
//!
//! Patterns are read as syntax trees, not translated: translation builds the
//! Unicode classes case-insensitivity needs, four times the cost of parsing,
//! for nothing a literal filter uses. Literals are meant for a search that
//! ignores ASCII case, so they hold whatever the pattern's case flags; a
//! case-insensitive `k` or `s` also matches the Kelvin sign and the long s,
//! and a line spelling a word with those is let through by no literal (a miss
//! accepted: no writer does).
//!
//! Free of the rest of pmlint: `build.rs` includes this file to work out the
//! built-in data rules' literals when pmlint is built, not on every run.

use regex_syntax::ast::{self, Ast, ClassSet, ClassSetItem, RepetitionKind, RepetitionRange};

/// Literals longer than this are cut: the cut is still required.
const MAX_LITERAL: usize = 32;
/// More alternatives than this is no filter worth having.
const MAX_LITERALS: usize = 256;
/// Sets of literals kept per pattern, the most selective first.
const MAX_GROUPS: usize = 3;

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

/// Bytes that prose seldom holds: a literal with one lets through fewer
/// lines than most words (`<` than "time", `{` than "team").
const RARE_IN_PROSE: &[u8] = b"<>{}[]|?@#$%^&*~=+\\`\"_";
/// The word length a literal holding a rare byte counts as.
const RARE_COUNTS_AS: usize = 8;

/// How selective a literal is, counted in letters: the longer, the fewer
/// lines hold it, and a rare byte counts as a long word.
fn selectivity(literal: &str) -> usize {
    if literal.bytes().any(|b| RARE_IN_PROSE.contains(&b)) {
        literal.len().max(RARE_COUNTS_AS)
    } else {
        literal.len()
    }
}

/// The more selective the least selective literal, the fewer lines a set
/// lets through; then the fewer literals.
fn better(a: &[String], b: &[String]) -> bool {
    let least = |set: &[String]| set.iter().map(|l| selectivity(l)).min().unwrap_or(0);
    (least(a), std::cmp::Reverse(a.len())) > (least(b), std::cmp::Reverse(b.len()))
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
