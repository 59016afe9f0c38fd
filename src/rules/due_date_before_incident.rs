//! ## What it does
//! Reports an action item due before the incident happened: a typo in the
//! due date, or a date copied from another postmortem.
//!
//! ## Why is this bad?
//! A follow-up "due" before the outage it follows up on is already overdue
//! on the day it is written; trackers and reminders built from it misfire.
//!
//! ## Example
//! An incident on 4 March 2024 with `- Add alerts (due 2024-02-01)`.

use chrono::NaiveDate;

use super::{LintContext, NoOptions, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{DateFrom, Incident};

pub struct DueDateBeforeIncident;

/// The day the incident started: the timeline's first written date, else the document's.
fn incident_date(incident: &Incident<'_>) -> Option<NaiveDate> {
    incident
        .timeline
        .entries
        .iter()
        .filter_map(|e| e.resolved.as_ref())
        .find(|r| r.date_from != DateFrom::StandIn && r.year_known)
        .map(|r| r.local.date())
        .or_else(|| {
            let date = incident.document_date.as_ref()?;
            date.date.value.year?;
            incident.calendar_date(&date.date.value)
        })
}

impl Rule for DueDateBeforeIncident {
    const META: RuleMeta = RuleMeta {
        id: "due-date-before-incident",
        default_severity: Severity::Error,
        enabled_by_default: true,
        summary: "An action item is due before the incident happened",
        doc: include_str!("../../rules/due-date-before-incident.md"),
    };
    type Options = NoOptions;

    fn check(ctx: &LintContext<'_, '_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        let incident = ctx.incident;
        let Some(happened) = incident_date(incident) else {
            return;
        };
        for item in &incident.action_items {
            let Some(due) = &item.due else {
                continue;
            };
            let Some(due_date) = incident.calendar_date(&due.value) else {
                continue;
            };
            if due_date < happened {
                out.push(
                    Diagnostic::new(
                        due.span,
                        format!(
                            "due {} is before the incident, on {}",
                            due_date.format("%B %-d, %Y"),
                            happened.format("%B %-d, %Y")
                        ),
                    )
                    .with_label("due before the incident")
                    .with_help("check the year and month of the due date"),
                );
            }
        }
    }
}
