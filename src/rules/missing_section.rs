//! ## What it does
//! Reports a postmortem that lacks a section a postmortem needs: by default a
//! summary, a timeline, a root cause, a resolution and action items.
//!
//! ## Why is this bad?
//! A postmortem without a timeline cannot be checked; one without a root cause
//! or action items teaches nothing and prevents nothing.
//!
//! A kind counts as present when its content is there without its own heading:
//! a timeline that tells how service was restored stands in for a resolution
//! section, opening prose stands in for a summary, "the root cause was ..."
//! stands in for a root-cause section.
//!
//! ## Example
//! A document with `## Summary`, `## Root cause` and `## Action items` but no
//! timeline is reported once, for the timeline.

use serde::Deserialize;

use super::{LintContext, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::SectionKind;

pub struct MissingSection;

#[derive(Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// The section kinds every postmortem must have.
    pub required: Vec<SectionKind>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            required: vec![
                SectionKind::Summary,
                SectionKind::Timeline,
                SectionKind::RootCause,
                SectionKind::Resolution,
                SectionKind::ActionItems,
            ],
        }
    }
}

impl Rule for MissingSection {
    const META: RuleMeta = RuleMeta {
        id: "missing-section",
        default_severity: Severity::Warning,
        enabled_by_default: true,
        summary: "A required section (summary, timeline, root cause, resolution, action items) is missing",
        doc: include_str!("../../rules/missing-section.md"),
    };
    type Options = Options;

    fn check(ctx: &LintContext<'_, '_>, options: &Options, out: &mut Vec<Diagnostic>) {
        let incident = ctx.incident;
        let anchor = incident.anchor();
        for &kind in &options.required {
            if kind == SectionKind::Other || incident.has_kind(kind) {
                continue;
            }
            let examples = kind
                .example_headings()
                .iter()
                .map(|h| format!("\"{h}\""))
                .collect::<Vec<_>>()
                .join(", ");
            out.push(
                Diagnostic::new(anchor, format!("the postmortem has no {} section", kind.title()))
                    .with_label(format!("no {} in this document", kind.title()))
                    .with_help(format!("add a section headed {examples}")),
            );
        }
    }
}
