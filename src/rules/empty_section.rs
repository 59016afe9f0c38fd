//! ## What it does
//! Reports a heading with nothing under it: no text, list, table or code
//! before the next heading at the same or a higher level.
//!
//! ## Why is this bad?
//! An empty section is a template left half filled: the reader expects the
//! root cause under "Root cause" and finds nothing.
//!
//! A heading followed directly by deeper headings is a parent, not empty. The
//! document's title is never reported, nor bold text that only might be a
//! heading.
//!
//! ## Example
//! `## Root cause` followed directly by `## Resolution`.

use super::{LintContext, NoOptions, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::HeadingStyle;

pub struct EmptySection;

impl Rule for EmptySection {
    const META: RuleMeta = RuleMeta {
        id: "empty-section",
        default_severity: Severity::Warning,
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
