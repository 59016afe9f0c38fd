//! ## What it does
//! Reports a timeline entry whose time is earlier than the entry before it.
//!
//! ## Why is this bad?
//! A timeline is the spine of a postmortem; an entry out of order is either a
//! typo in the time (and every duration computed from it is wrong) or an event
//! told out of sequence.
//!
//! Entries compare by their resolved times: as instants when their zones are
//! known, else by wall clock. Dates and midnight roll-over come from the
//! resolver: an undated entry earlier than the one before it is the next day
//! when the step forward across midnight is short (`rollover_hours`).
//!
//! ## Example
//! `9:15 AM` followed by `8:30 AM` on the same day.

use std::cmp::Ordering;

use super::{LintContext, NoOptions, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Resolved, TimelineEntry};

pub struct TimelineOrder;

impl Rule for TimelineOrder {
    const META: RuleMeta = RuleMeta {
        id: "timeline-order",
        default_severity: Severity::Error,
        enabled_by_default: true,
        summary: "A timeline entry is earlier than the entry before it",
        doc: include_str!("../../rules/timeline-order.md"),
    };
    type Options = NoOptions;

    fn check(ctx: &LintContext<'_, '_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        let incident = ctx.incident;
        let timed: Vec<(&TimelineEntry, &Resolved)> = incident
            .timeline
            .entries
            .iter()
            .filter_map(|e| e.resolved.as_ref().map(|r| (e, r)))
            .collect();
        for pair in timed.windows(2) {
            let [(prev, prev_at), (cur, cur_at)] = pair else {
                continue;
            };
            // Two timelines (a document holding two versions of a report) are not one sequence.
            if prev.section != cur.section || prev_at.compare(cur_at) != Some(Ordering::Greater) {
                continue;
            }
            let mut cur_text = incident.text(cur.time_span()).to_string();
            let mut prev_text = incident.text(prev.time_span()).to_string();
            // Different zones compare as instants: show them in UTC.
            let zones_differ = match (&prev_at.zone, &cur_at.zone) {
                (Some(a), Some(b)) => !a.zone.same_clock(&b.zone),
                _ => false,
            };
            if zones_differ && let (Some(a), Some(b)) = (prev_at.instant, cur_at.instant) {
                prev_text.push_str(&format!(" ({} UTC)", a.format("%H:%M")));
                cur_text.push_str(&format!(" ({} UTC)", b.format("%H:%M")));
            }
            out.push(
                Diagnostic::new(
                    cur.time_span(),
                    format!("timeline entry at {cur_text} comes after an entry at {prev_text}"),
                )
                .with_label("earlier than the entry before it")
                .with_secondary(prev.time_span(), "previous entry")
                .with_help("put the entries in the order they happened, or correct the time"),
            );
        }
    }
}
