//! ## What it does
//! Reports timeline entries without a time: a list item or table row with
//! text but no time while most of its siblings have one, and empty table
//! rows. A timeline none of whose entries has a time is reported once, on
//! its heading.
//!
//! ## Why is this bad?
//! An entry without a time cannot be placed in the sequence; a timeline
//! without times is a story, not a timeline, and nothing in it can be checked.
//!
//! Items nested under a timed entry are its details and are never reported,
//! nor labelled stages of the story (`**Actions taken:** investigated ...`),
//! nor an entry that ends in a colon: it introduces the ones after it
//! (`1. Everything below happened on March 8:`).
//!
//! ## Example
//! A table row `|                |` at the end of the timeline table.

use crate::hash::HashMap;

use super::{LintContext, NoOptions, Rule, RuleMeta};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::model::{EntryOrigin, Incident, TimelineEntry};

pub struct TimelineEntryMissingTime;

/// The list or table an entry belongs to.
fn group_of(e: &TimelineEntry) -> Option<(bool, u32)> {
    match e.origin {
        EntryOrigin::ListItem { list, .. } => Some((false, list)),
        EntryOrigin::TableRow { table, .. } => Some((true, table)),
        EntryOrigin::Line | EntryOrigin::Heading => None,
    }
}

fn empty_row(incident: &Incident<'_>, e: &TimelineEntry) -> Diagnostic {
    Diagnostic::new(e.span, "empty row in the timeline table")
        .with_label("no time, no event")
        .with_help("remove the row, or fill in its time and event")
        .with_fix(Fix {
            description: "remove the empty row".to_string(),
            edits: vec![Edit {
                span: e.span.whole_lines(incident.src),
                replacement: String::new(),
            }],
            applicability: Applicability::Safe,
        })
}

/// An entry ending in a colon introduces the ones after it ("Everything
/// below happened on March 8:", "Still open:"); it is not an event.
fn introduces(incident: &Incident<'_>, e: &TimelineEntry) -> bool {
    incident
        .text(e.description)
        .trim_end()
        .trim_end_matches(['*', '_'])
        .ends_with(':')
}

impl Rule for TimelineEntryMissingTime {
    const META: RuleMeta = RuleMeta {
        id: "timeline-entry-missing-time",
        default_severity: Severity::Warning,
        enabled_by_default: true,
        summary: "A timeline entry, or a whole timeline, has no time",
        doc: include_str!("../../rules/timeline-entry-missing-time.md"),
    };
    type Options = NoOptions;

    fn check(ctx: &LintContext<'_, '_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        let incident = ctx.incident;
        let groups = incident.timeline.by_section();
        let by_section: crate::hash::HashMap<Option<usize>, &Vec<&TimelineEntry>> =
            groups.iter().map(|(s, entries)| (*s, entries)).collect();
        let none = Vec::new();
        for &section_index in &incident.timeline.sections {
            let Some(section) = incident.sections.get(section_index) else {
                continue;
            };
            let in_section: &Vec<&TimelineEntry> = by_section.get(&Some(section_index)).copied().unwrap_or(&none);
            if !in_section.iter().any(|e| e.time().is_some()) {
                if section.has_content {
                    out.push(
                        Diagnostic::new(section.heading.span, "the timeline gives no times")
                            .with_label("no entry below has a time")
                            .with_help(
                                "start each entry with the time it happened, such as `- 14:05 UTC: alert fired`",
                            ),
                    );
                }
                continue;
            }
            // How many of each list's or table's entries have a time.
            let mut counts: HashMap<(bool, u32), (usize, usize)> = HashMap::default();
            for e in in_section {
                if let Some(g) = group_of(e) {
                    let c = counts.entry(g).or_default();
                    c.0 += usize::from(e.time().is_some());
                    c.1 += 1;
                }
            }
            for e in in_section {
                // A labelled stage ("**Actions taken:** ...") is not an event.
                if e.written.is_some() || e.label.is_some() || introduces(incident, e) {
                    continue;
                }
                if matches!(e.origin, EntryOrigin::TableRow { empty: true, .. }) {
                    out.push(empty_row(incident, e));
                    continue;
                }
                let Some(&(timed, total)) = group_of(e).and_then(|g| counts.get(&g)) else {
                    continue;
                };
                if timed * 2 > total {
                    out.push(
                        Diagnostic::new(e.span, "timeline entry has no time")
                            .with_label("when did this happen?")
                            .with_help("start the entry with its time, as its siblings do"),
                    );
                }
            }
        }
    }
}
