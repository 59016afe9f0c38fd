//! ## What it does
//! Reports a timeline whose times have no timezone: none on the times, none
//! declared for the timeline or the document, and no `default_timezone`.
//!
//! ## Why is this bad?
//! "09:00" means nothing to a team in three zones, and cannot be lined up with
//! logs and alerts, which are in UTC.
//!
//! ## Example
//! `## Timeline` followed by `- 09:00: alert fired` and no zone anywhere.

use super::{LintContext, NoOptions, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub struct TimezoneMissing;

impl Rule for TimezoneMissing {
    const META: RuleMeta = RuleMeta {
        id: "timezone-missing",
        default_severity: Severity::Warning,
        enabled_by_default: true,
        summary: "A timeline's times have no timezone",
        doc: include_str!("../../rules/timezone-missing.md"),
    };
    type Options = NoOptions;

    fn check(ctx: &LintContext<'_, '_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        let incident = ctx.incident;
        for (group, entries) in incident.timeline.by_section() {
            let mut timed = entries
                .iter()
                .filter_map(|e| e.resolved.as_ref().map(|r| (*e, r)))
                .peekable();
            let Some((first, _)) = timed.peek().copied() else {
                continue;
            };
            if timed.any(|(_, r)| r.zone.is_some()) {
                continue;
            }
            let anchor = group
                .and_then(|s| incident.sections.get(s))
                .map_or(first.time_span(), |s| s.heading.span);
            out.push(
                Diagnostic::new(anchor, "the timeline's times have no timezone")
                    .with_label("no timezone for the times below")
                    .with_secondary(first.time_span(), "in which zone?")
                    .with_help(
                        "name the zone in the heading (\"Timeline (UTC)\") or on each time, or set `default_timezone` in pmlint.toml",
                    ),
            );
        }
    }
}
