//! ## What it does
//! Compares the start time the prose states ("On March 6th, 2023, at 5am GMT",
//! "From August 4, 2023 4:25 PM to ...") with the timeline's impact start
//! ("Outage begins", "errors started", **OUTAGE BEGINS**), and reports a
//! detection the timeline places before the stated start.
//!
//! ## Why is this bad?
//! The start time anchors time-to-detect and the outage's length. When the
//! summary and the timeline disagree, readers cannot tell which is true.
//!
//! A timeline that names no impact start is only checked for a detection
//! before the stated start: its first entry is often the alert, which comes
//! after the outage began. Dates are compared only when both are written; a
//! time the timeline mentions anywhere in its text passes.
//!
//! ## Example
//! The summary says 4:25 PM; the timeline's "Outage begins" is at 3:25 PM.

use serde::Deserialize;

use super::timing::{closest, describe, gap_seconds, timed, timeline_mentions, with_roles};
use super::{LintContext, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{DateFrom, EventRole, Statement};
use crate::time::duration::format_duration;

pub struct StartTimeMismatch;

#[derive(Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    /// How far apart the stated and the timeline's start may be.
    pub tolerance_minutes: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options { tolerance_minutes: 15 }
    }
}

impl Rule for StartTimeMismatch {
    const META: RuleMeta = RuleMeta {
        id: "start-time-mismatch",
        default_severity: Severity::Error,
        enabled_by_default: true,
        summary: "A stated start time disagrees with the timeline's impact start",
        doc: include_str!("../../rules/start-time-mismatch.md"),
    };
    type Options = Options;

    fn check(ctx: &LintContext<'_, '_>, options: &Options, out: &mut Vec<Diagnostic>) {
        let incident = ctx.incident;
        let tolerance = i64::from(options.tolerance_minutes) * 60;
        let starts = with_roles(incident, &[EventRole::ImpactStart]);
        for statement in &incident.statements {
            let Statement::Window { start: Some(start), .. } = statement else {
                continue;
            };
            let Some(stated) = &start.resolved else {
                continue;
            };
            let stated_text = describe(incident, stated, Some(&start.written));
            // Authors often date the outage from the timeline's first entry
            // (the first alert or complaint); that agrees with the timeline too.
            let matches_first_entry = timed(incident)
                .next()
                .and_then(|(_, _, first)| gap_seconds(stated, first))
                .is_some_and(|gap| gap.abs() <= tolerance);
            if let Some((i, gap)) = closest(incident, stated, &starts)
                && gap.abs() > tolerance
                && !matches_first_entry
                && !timeline_mentions(incident, stated, tolerance)
            {
                let entry = &incident.timeline.entries[i];
                let Some(resolved) = &entry.resolved else {
                    continue;
                };
                out.push(
                    Diagnostic::new(
                        start.written.span,
                        format!(
                            "stated start {stated_text} disagrees with the timeline's impact start at {}",
                            describe(incident, resolved, entry.written.as_ref())
                        ),
                    )
                    .with_label(format!("{} apart", format_duration(gap.abs())))
                    .with_secondary(entry.time_span(), "impact start")
                    .with_help("correct the start time in the summary or in the timeline"),
                );
                continue;
            }
            // A detection before the stated start: one of the two is wrong.
            // A start whose date is only inferred from the document may be the
            // day before the timeline's written dates, so it is not compared
            // with them.
            let early_detection = timed(incident).find(|(_, e, r)| {
                e.role == Some(EventRole::Detection)
                    && (stated.date_from == DateFrom::Written || r.date_from == stated.date_from)
                    && gap_seconds(r, stated).is_some_and(|g| g > tolerance)
            });
            if let Some((_, entry, resolved)) = early_detection {
                out.push(
                    Diagnostic::new(
                        start.written.span,
                        format!(
                            "the timeline detects the problem at {}, before the stated start {stated_text}",
                            describe(incident, resolved, entry.written.as_ref()),
                        ),
                    )
                    .with_label("stated start")
                    .with_secondary(entry.time_span(), "detected before the start")
                    .with_help("an outage cannot be detected before it starts: correct one of the times"),
                );
            }
        }
    }
}
