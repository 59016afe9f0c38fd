//! ## What it does
//! Reports an action-items section ("Corrective and preventative measures",
//! "Follow-ups") that lists no items: only prose, or nothing.
//!
//! ## Why is this bad?
//! Prose recommendations are not commitments; a list of items can be
//! ticketed, owned and checked off.
//!
//! ## Example
//! `## Follow-ups` followed by a paragraph of advice.

use super::{LintContext, NoOptions, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::SectionKind;

pub struct NoActionItems;

impl Rule for NoActionItems {
    const META: RuleMeta = RuleMeta {
        id: "no-action-items",
        default_severity: Severity::Warning,
        enabled_by_default: true,
        summary: "An action-items section that lists no items",
        doc: include_str!("../../rules/no-action-items.md"),
    };
    type Options = NoOptions;

    fn check(ctx: &LintContext<'_, '_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        let incident = ctx.incident;
        if !incident.action_items.is_empty() {
            return;
        }
        // Report the first action-items section; the others share its fate.
        if let Some(section) = incident.sections_of(SectionKind::ActionItems).next() {
            let what = if section.has_content || section.has_subsections {
                "lists no action items, only prose"
            } else {
                "lists no action items"
            };
            out.push(
                Diagnostic::new(
                    section.heading.span,
                    format!("\"{}\" {what}", section.heading.text.trim()),
                )
                .with_label("no items under this heading")
                .with_help("list each follow-up as its own item: `- Add a disk-usage alert at 80% (owner: @ana)`"),
            );
        }
    }
}
