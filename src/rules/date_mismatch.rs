//! ## What it does
//! Compares a date the prose states for the incident ("occurred on August 5,
//! 2023", "On January 20, 2024, ...", a title "Outage on ...") with the
//! date the timeline starts on.
//!
//! ## Why is this bad?
//! A postmortem filed under the wrong date is found by nobody, and every
//! cross-reference to deploys and alerts of that day points at the wrong day.
//!
//! Only dates the timeline itself states count: a timeline whose dates come
//! from the document's date cannot disagree with it.
//!
//! ## Example
//! "occurred on August 5, 2023" while the timeline's outage begins August 4.

use super::timing::with_roles;
use super::{LintContext, NoOptions, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{DateFrom, EventRole, Statement};

pub struct DateMismatch;

impl Rule for DateMismatch {
    const META: RuleMeta = RuleMeta {
        id: "date-mismatch",
        default_severity: Severity::Error,
        enabled_by_default: true,
        summary: "A date stated for the incident disagrees with the timeline's dates",
        doc: include_str!("../../rules/date-mismatch.md"),
    };
    type Options = NoOptions;

    fn check(ctx: &LintContext<'_, '_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        let incident = ctx.incident;
        let mut candidates = with_roles(incident, &[EventRole::ImpactStart]);
        candidates.extend(incident.timeline.entries.iter().position(|e| e.resolved.is_some()));
        let starts: Vec<(usize, chrono::NaiveDate)> = candidates
            .into_iter()
            .filter_map(|i| {
                let r = incident.timeline.entries.get(i)?.resolved.as_ref()?;
                (r.date_from == DateFrom::Written && r.year_known).then(|| (i, r.local.date()))
            })
            .collect();
        let Some(&(named, start_date)) = starts.first() else {
            return;
        };
        for statement in &incident.statements {
            let Statement::IncidentDate { date, .. } = statement else {
                continue;
            };
            let Some(stated) = incident.calendar_date(&date.value) else {
                continue;
            };
            if starts.iter().any(|(_, d)| *d == stated) {
                continue;
            }
            let entry = &incident.timeline.entries[named];
            out.push(
                Diagnostic::new(
                    date.span,
                    format!(
                        "the incident is dated {} here, but the timeline starts on {}",
                        stated.format("%B %-d, %Y"),
                        start_date.format("%B %-d, %Y")
                    ),
                )
                .with_label("stated date")
                .with_secondary(entry.time_span(), "the timeline's start")
                .with_help("use the date the incident started, or correct the timeline's dates"),
            );
        }
    }
}
