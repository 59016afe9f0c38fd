//! ## What it does
//! Reports a word written twice in a row: "On August August 4", "the the".
//! Carries a safe fix that removes the second copy.
//!
//! ## Why is this bad?
//! A doubled word is a slip a reader trips over, and in a date it makes the
//! reader wonder what was meant.
//!
//! Words that may legitimately repeat ("had had", "that that") and numbers
//! are left alone.
//!
//! ## Example
//! "the the database"

use super::{LintContext, NoOptions, Rule, RuleMeta};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::source::Span;

pub struct DuplicateWord;

/// Words English repeats on purpose.
const MAY_REPEAT: &[&str] = &[
    "had", "that", "is", "do", "ha", "bye", "no", "yes", "very", "so", "really", "go", "la",
];

/// Punctuation that may stand around a word without being part of it.
const AROUND: &[char] = &[
    '.', ',', ';', ':', '!', '?', '"', '\'', '(', ')', '[', ']', '“', '”', '‘', '’', '*', '_',
];

/// Whitespace-separated words of a line, with surrounding punctuation
/// trimmed, and the byte range of each. `nginx:nginx` and `nginx.conf` stay
/// whole, so they are not words repeated.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = None;
    text.char_indices()
        .chain(std::iter::once((text.len(), ' ')))
        .filter_map(move |(i, c)| match (c.is_whitespace(), start) {
            (false, None) => {
                start = Some(i);
                None
            }
            (true, Some(s)) => {
                start = None;
                let chunk = &text[s..i];
                let trimmed = chunk.trim_start_matches(AROUND);
                let lead = chunk.len() - trimmed.len();
                let word = trimmed.trim_end_matches(AROUND);
                (!word.is_empty()).then_some((s + lead, word))
            }
            _ => None,
        })
}

/// The same word, whatever its case; cheap for the ASCII words most are.
fn same_word(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

fn is_plain_word(word: &str) -> bool {
    word.chars().all(|c| c.is_alphabetic() || c == '\'' || c == '’')
}

impl Rule for DuplicateWord {
    const META: RuleMeta = RuleMeta {
        id: "duplicate-word",
        default_severity: Severity::Warning,
        enabled_by_default: true,
        summary: "A word written twice in a row",
        doc: include_str!("../../rules/duplicate-word.md"),
    };
    type Options = NoOptions;

    fn check(ctx: &LintContext<'_, '_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        let incident = ctx.incident;
        // One buffer for every line's words.
        let mut buffer: Vec<(usize, &str)> = Vec::new();
        for line in incident.lines_in(incident.body) {
            let text: &str = &line.text;
            // Words and code ranges both come in text order: walk them together.
            let mut code = line.code_ranges().peekable();
            buffer.clear();
            buffer.extend(words(text).filter(|(at, _)| {
                while code.peek().is_some_and(|r| r.end <= *at) {
                    code.next();
                }
                !code.peek().is_some_and(|r| r.contains(at))
            }));
            let words = &buffer;
            for k in 1..words.len() {
                let (prev_start, prev) = words[k - 1];
                let (start, word) = words[k];
                if !same_word(prev, word) {
                    continue;
                }
                // "test test test": three in a row is rhythm, not a slip.
                let third = |i: Option<usize>| i.and_then(|i| words.get(i)).is_some_and(|(_, w)| same_word(w, word));
                let between = &text[prev_start + prev.len()..start];
                if !is_plain_word(word)
                    || !between.chars().all(|c| c == ' ' || c == '\t')
                    || MAY_REPEAT.contains(&word.to_lowercase().as_str())
                    || third(k.checked_sub(2))
                    || third(Some(k + 1))
                {
                    continue;
                }
                let span = line.source_span(start..start + word.len());
                let removed = line.source_span(prev_start + prev.len()..start + word.len());
                let mut d = Diagnostic::new(span, format!("\"{word}\" is written twice"))
                    .with_label("repeated word")
                    .with_help("remove the second copy");
                // Fix only where the source is exactly the plain text (no markup between).
                if removed.slice(incident.src) == format!("{between}{word}") {
                    d = d.with_fix(Fix {
                        description: format!("remove the repeated \"{word}\""),
                        edits: vec![Edit {
                            span: Span::new(removed.start, removed.end),
                            replacement: String::new(),
                        }],
                        applicability: Applicability::Safe,
                    });
                }
                out.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::words;

    #[test]
    fn word_offsets() {
        let found: Vec<_> = words("On August August 4, it's").collect();
        assert_eq!(
            found,
            vec![(0, "On"), (3, "August"), (10, "August"), (17, "4"), (20, "it's")]
        );
        let found: Vec<_> = words("chown nginx:nginx nginx.conf — “Test!” 🐾").collect();
        assert_eq!(
            found,
            vec![
                (0, "chown"),
                (6, "nginx:nginx"),
                (18, "nginx.conf"),
                (29, "—"),
                (36, "Test"),
                (45, "🐾")
            ]
        );
    }
}
