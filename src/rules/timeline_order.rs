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

use crate::lazy_regex::LazyRegex;

use super::{LintContext, NoOptions, Rule, RuleMeta};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::model::{Incident, MeridiemReading, Resolved, TimelineEntry};
use crate::source::Span;

/// An ordered list's marker, which stays in place when items move.
static ORDERED_MARKER: LazyRegex = LazyRegex::new(r"^[ \t]*[0-9]{1,9}[.)][ \t]+").needing(b"0123456789");

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
        let first = out.len();
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
        // One fix sorts a whole timeline; it rides on the timeline's first finding.
        let section_of: crate::hash::HashMap<_, _> = incident
            .timeline
            .entries
            .iter()
            .map(|e| (e.time_span(), e.section))
            .collect();
        let groups: crate::hash::HashMap<Option<usize>, Vec<&TimelineEntry>> =
            incident.timeline.by_section().into_iter().collect();
        let mut sorted_sections = crate::hash::HashSet::default();
        for d in &mut out[first..] {
            let Some(&section) = section_of.get(&d.primary.span) else {
                continue;
            };
            if !sorted_sections.insert(section) {
                continue;
            }
            if let Some(fix) = groups.get(&section).and_then(|entries| sort_fix(incident, entries)) {
                d.fix = Some(fix);
            }
        }
    }
}

/// Reorder a timeline's entries by time, when that is a matter of moving
/// whole lines: every entry of the timeline has a time that compares with
/// the others, and each entry is one line, next to the one before it (no
/// continuation lines, date headings or notes in between). Otherwise `None`.
fn sort_fix(incident: &Incident<'_>, entries: &[&TimelineEntry]) -> Option<Fix> {
    let src = incident.src;
    let resolved: Vec<&Resolved> = entries.iter().map(|e| e.resolved.as_ref()).collect::<Option<_>>()?;
    let lines: Vec<Span> = entries.iter().map(|e| e.span.whole_lines(src)).collect();
    if lines.windows(2).any(|w| w[0].end != w[1].start) {
        return None;
    }
    // An entry without its own date takes the one of the entry above it, and
    // a time after midnight rolls over from the one above: moving such an
    // entry would change what it means, not just where it stands.
    let own_date = |e: &&TimelineEntry| e.written.as_ref().is_some_and(|w| w.date.is_some());
    let all_dated = entries.iter().all(own_date);
    let none_dated = !entries.iter().any(own_date) && !resolved.iter().any(|r| r.rolled_over);
    if !all_dated && !none_dated {
        return None;
    }
    // A time without AM/PM in a 12-hour timeline is read from its
    // neighbours: among new ones it may read otherwise, and the sorted
    // timeline would not be in order.
    if resolved.iter().any(|r| r.meridiem != MeridiemReading::Written) {
        return None;
    }
    let by_instant = resolved.iter().all(|r| r.instant.is_some());
    if !by_instant && resolved.iter().any(|r| r.compare(resolved[0]).is_none()) {
        return None;
    }
    let mut order: Vec<usize> = (0..entries.len()).collect();
    // Stable: entries at the same time keep their order.
    order.sort_by(|&a, &b| {
        if by_instant {
            resolved[a].instant.cmp(&resolved[b].instant)
        } else {
            resolved[a].local.cmp(&resolved[b].local)
        }
    });
    let whole = lines.first()?.cover(*lines.last()?);
    let newline = if src[whole.start..whole.end].contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    // Each line's text without its break, and its ordered-list marker.
    let bodies: Vec<&str> = lines
        .iter()
        .map(|l| l.slice(src).trim_end_matches(['\n', '\r']))
        .collect();
    let markers: Vec<Option<&str>> = bodies
        .iter()
        .map(|b| ORDERED_MARKER.find(b).map(|m| m.as_str()))
        .collect();
    let renumber = markers.iter().all(Option::is_some);
    let mut replacement = String::with_capacity(whole.len());
    for (position, &index) in order.iter().enumerate() {
        let body = bodies[index];
        match (renumber, markers[position], markers[index]) {
            (true, Some(slot), Some(own)) => {
                replacement.push_str(slot);
                replacement.push_str(&body[own.len()..]);
            }
            _ => replacement.push_str(body),
        }
        let last = position + 1 == order.len();
        if !last || whole.slice(src).ends_with('\n') {
            replacement.push_str(newline);
        }
    }
    Some(Fix {
        description: "sort the timeline's entries by time".to_string(),
        edits: vec![Edit {
            span: whole,
            replacement,
        }],
        applicability: Applicability::Unsafe,
    })
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::source::Source;

    /// Whether the document's first timeline-order finding offers the sort.
    fn sorts(text: &str) -> Option<bool> {
        let source = Source::new("doc.md", text.to_string());
        crate::lint(&source, &Config::default())
            .into_iter()
            .find(|d| d.rule == "timeline-order")
            .map(|d| d.fix.is_some())
    }

    #[test]
    fn times_read_from_their_neighbours_are_not_sorted() {
        let written = "## Timeline\n\n- 1:00 PM: a\n- 3:00 PM: b\n- 2:00 PM: c\n- 4:00 PM: d\n";
        assert_eq!(sorts(written), Some(true));
        // `3:00` has no AM/PM: where it stands decides how it reads.
        let inferred = "## Timeline\n\n- 1:00 PM: a\n- 3:00: b\n- 2:00 PM: c\n- 4:00 PM: d\n";
        assert_eq!(sorts(inferred), Some(false));
    }

    #[test]
    fn patterns_compile_and_need_what_they_say() {
        super::ORDERED_MARKER.check();
    }
}
