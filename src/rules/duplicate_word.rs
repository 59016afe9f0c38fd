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
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                let chunk = &text[s..i];
                let trimmed = chunk.trim_start_matches(AROUND);
                let lead = chunk.len() - trimmed.len();
                let word = trimmed.trim_end_matches(AROUND);
                if !word.is_empty() {
                    out.push((s + lead, word));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
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
        for line in incident.lines_in(incident.body) {
            let text: &str = &line.text;
            // Words and code ranges both come in text order: walk them together.
            let mut code = line.code_ranges().peekable();
            let words: Vec<(usize, &str)> = words(text)
                .into_iter()
                .filter(|(at, _)| {
                    while code.peek().is_some_and(|r| r.end <= *at) {
                        code.next();
                    }
                    !code.peek().is_some_and(|r| r.contains(at))
                })
                .collect();
            for k in 1..words.len() {
                let (prev_start, prev) = words[k - 1];
                let (start, word) = words[k];
                let same = prev.to_lowercase() == word.to_lowercase();
                // "test test test": three in a row is rhythm, not a slip.
                let third = |i: Option<usize>| {
                    i.and_then(|i| words.get(i))
                        .is_some_and(|(_, w)| w.to_lowercase() == word.to_lowercase())
                };
                let between = &text[prev_start + prev.len()..start];
                if !same
                    || !is_plain_word(word)
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
        let found = words("On August August 4, it's");
        assert_eq!(
            found,
            vec![(0, "On"), (3, "August"), (10, "August"), (17, "4"), (20, "it's")]
        );
        let found = words("chown nginx:nginx nginx.conf — “Test!” 🐾");
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
