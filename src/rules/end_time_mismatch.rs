//! ## What it does
//! Compares the end time the prose states ("... to August 8, 2023 7:30 PM",
//! "End time: 14:15 UTC") with the timeline's resolution, and reports a
//! stated window whose end comes before its start.
//!
//! ## Why is this bad?
//! The end time decides how long customers were affected. A summary that ends
//! the outage two hours before the timeline does hides two hours of impact.
//!
//! Only entries that tell of a resolution or mitigation ("back online",
//! "restored", **OUTAGE ENDS**) count as the timeline's end; a timeline
//! without one is not checked. A time the timeline mentions anywhere passes.
//!
//! ## Example
//! The summary says 7:30 PM; the timeline's "Servers are back online" is at 9:30 PM.

use std::cmp::Ordering;

use serde::Deserialize;

use super::timing::{closest, describe, timed, timeline_mentions, with_roles};
use super::{LintContext, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{EventRole, Statement};
use crate::time::duration::format_duration;

pub struct EndTimeMismatch;

#[derive(Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    /// How far apart the stated end and the timeline's resolution may be.
    pub tolerance_minutes: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options { tolerance_minutes: 15 }
    }
}

impl Rule for EndTimeMismatch {
    const META: RuleMeta = RuleMeta {
        id: "end-time-mismatch",
        default_severity: Severity::Error,
        enabled_by_default: true,
        summary: "A stated end time disagrees with the timeline's resolution, or ends before it starts",
        doc: include_str!("../../rules/end-time-mismatch.md"),
    };
    type Options = Options;

    fn check(ctx: &LintContext<'_, '_>, options: &Options, out: &mut Vec<Diagnostic>) {
        let incident = ctx.incident;
        let tolerance = i64::from(options.tolerance_minutes) * 60;
        let mut ends = with_roles(incident, &[EventRole::Resolution, EventRole::Mitigation]);
        // A last entry that tells of no event role ("the team closed the
        // incident") may be the end the summary means.
        if !ends.is_empty()
            && let Some((last, entry, _)) = timed(incident).last()
            && entry.role.is_none()
        {
            ends.push(last);
        }
        for statement in &incident.statements {
            let Statement::Window {
                start, end: Some(end), ..
            } = statement
            else {
                continue;
            };
            let Some(stated) = &end.resolved else {
                continue;
            };
            let stated_text = describe(incident, stated, Some(&end.written));
            if let Some(start) = start
                && let Some(start_resolved) = &start.resolved
                && start_resolved.compare(stated) == Some(Ordering::Greater)
            {
                out.push(
                    Diagnostic::new(
                        end.written.span,
                        format!(
                            "the stated window ends at {stated_text}, before it starts at {}",
                            describe(incident, start_resolved, Some(&start.written))
                        ),
                    )
                    .with_label("end")
                    .with_secondary(start.written.span, "start")
                    .with_help("correct one of the two times, or give the end its date if it is on a later day"),
                );
                continue;
            }
            let Some((i, gap)) = closest(incident, stated, &ends) else {
                continue;
            };
            if gap.abs() <= tolerance || timeline_mentions(incident, stated, tolerance) {
                continue;
            }
            // Name the last resolution: the timeline's end, not the nearest mitigation.
            let named = ends
                .iter()
                .rev()
                .find(|&&j| incident.timeline.entries[j].role == Some(EventRole::Resolution))
                .copied()
                .unwrap_or(i);
            let entry = &incident.timeline.entries[named];
            let Some(resolved) = &entry.resolved else {
                continue;
            };
            let what = if entry.role == Some(EventRole::Resolution) {
                "resolution"
            } else {
                "mitigation"
            };
            out.push(
                Diagnostic::new(
                    end.written.span,
                    format!(
                        "stated end {stated_text} disagrees with the timeline's {what} at {}",
                        describe(incident, resolved, entry.written.as_ref())
                    ),
                )
                .with_label(format!(
                    "{} from the nearest resolution or mitigation",
                    format_duration(gap.abs())
                ))
                .with_secondary(entry.time_span(), what)
                .with_help("correct the end time in the summary or in the timeline"),
            );
        }
    }
}
