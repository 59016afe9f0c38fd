//! ## What it does
//! Reports a heading with nothing under it: no text, list, table or code
//! before the next heading at the same or a higher level.
//!
//! ## Why is this bad?
//! An empty section is a template left half filled: the reader expects the
//! root cause under "Root cause" and finds nothing.
//!
//! A heading followed directly by deeper headings, or by headings that name
//! its parts, is a parent, not empty. Not reported either: the document's
//! title, bold text that only might be a heading, a heading that carries its
//! own value (`### Date: 2024-03-25`), a date heading over timed entries, and
//! a sentence formatted as a heading.
//!
//! ## Example
//! `## Root cause` followed directly by `## Resolution`.

use super::{LintContext, NoOptions, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::HeadingStyle;
use crate::time::date::parse_date_prefix;

/// More words than this and a "heading" is a sentence someone marked up.
const MAX_HEADING_WORDS: usize = 12;

/// A heading that is not the name of a section: a sentence, a `Key: value`
/// pair, or a date that heads the timed entries below it.
fn is_self_contained(text: &str) -> bool {
    let text = text.trim();
    let sentence = text.ends_with(['.', '!']) || text.split_whitespace().count() > MAX_HEADING_WORDS;
    let carries_value = text
        .split_once(':')
        .is_some_and(|(_, value)| value.chars().any(char::is_alphanumeric));
    let undecorated = text.trim_start_matches(|c: char| crate::text::is_pictograph(c) || c.is_whitespace());
    sentence || carries_value || parse_date_prefix(undecorated).is_some()
}

pub struct EmptySection;

impl Rule for EmptySection {
    const META: RuleMeta = RuleMeta {
        id: "empty-section",
        default_severity: Severity::Warning,
        enabled_by_default: true,
        summary: "A section heading has nothing under it",
        doc: include_str!("../../rules/empty-section.md"),
    };
    type Options = NoOptions;

    fn check(ctx: &LintContext<'_, '_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        let incident = ctx.incident;
        let title = incident.title.as_ref().map(|t| t.span);
        for section in &incident.sections {
            let heading = &section.heading;
            let sure_heading = heading.style.is_markup() || section.kinds.is_known();
            if section.has_content
                || section.has_subsections
                || !sure_heading
                || heading.style == HeadingStyle::Label
                || Some(heading.span) == title
                || is_self_contained(&heading.text)
            {
                continue;
            }
            out.push(
                Diagnostic::new(heading.span, format!("section \"{}\" is empty", heading.text.trim()))
                    .with_label("nothing under this heading")
                    .with_help("write the section's content, or remove the heading"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_self_contained;

    #[test]
    fn headings_that_carry_their_own_meaning() {
        assert!(is_self_contained("Date: 2024-03-25"));
        assert!(is_self_contained("August 15, 2024"));
        assert!(is_self_contained("📌 August 15, 2024"), "a date behind an emoji");
        assert!(is_self_contained("The cache filled up."));
        assert!(!is_self_contained("📌 Root cause"));
        assert!(!is_self_contained("Impact"));
    }
}
