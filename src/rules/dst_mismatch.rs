//! ## What it does
//! Reports a timezone label that names standard time on a date when its zone
//! observed daylight time, or the reverse: "Pacific Standard Time" on May
//! 15, 2023, when the Pacific zone was on PDT (UTC-7).
//!
//! ## Why is this bad?
//! PST and PDT are an hour apart. A reader who converts "10:00 PM PST" gets
//! a time an hour off, and correlates the wrong logs.
//!
//! Labels correct all year somewhere (MST, in Arizona) are never reported.
//! One label written many times is reported once, with every place labelled.
//!
//! ## Example
//! "10:00 PM (Pacific Standard Time)" on May 15, 2023.

use crate::hash::HashSet;

use super::{LintContext, NoOptions, Rule, RuleMeta};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::model::{Resolved, Statement};
use crate::source::Span;
use crate::time::zone::{Zone, ZoneTable, format_offset};

pub struct DstMismatch;

/// Places shown beside the first, at most.
const MAX_LABELS: usize = 8;

/// A label used on a date when its zone kept the other time.
struct Wrong<'r> {
    span: Span,
    resolved: &'r Resolved,
    label_daylight: bool,
}

/// A time with a seasonal label, and whether the label is wrong for its date.
fn judge(resolved: &Resolved) -> Option<(Wrong<'_>, bool)> {
    let zone_ref = resolved.zone.as_ref()?;
    let span = zone_ref.span?;
    let Zone::Region {
        daylight: Some(label_daylight),
        dst_check: true,
        ..
    } = zone_ref.zone
    else {
        return None;
    };
    if !resolved.date_known || !resolved.year_known {
        return None;
    }
    let observed = zone_ref.zone.observes_daylight_at(resolved.local)?;
    let place = Wrong {
        span,
        resolved,
        label_daylight,
    };
    Some((place, observed != label_daylight))
}

/// `right` holds the label spans that are also right for some other time: a
/// timeline heading's "(EST)" over entries from February and from July.
/// Relabelling those would only move the mistake, so they get no fix.
fn report(label: &str, places: &[Wrong<'_>], right: &HashSet<Span>) -> Option<Diagnostic> {
    let first = places.first()?;
    let zone = first.resolved.zone.as_ref()?;
    let Zone::Region { tz, .. } = zone.zone else {
        return None;
    };
    let offset = zone
        .zone
        .offset_at(first.resolved.local)
        .map(format_offset)
        .unwrap_or_default();
    let (named, actual) = if first.label_daylight {
        ("daylight", "standard")
    } else {
        ("standard", "daylight")
    };
    let counterpart = ZoneTable::builtin().counterpart(label);
    let mut message = format!(
        "{label} names {named} time, but on {} {} was on {actual} time ({offset})",
        first.resolved.local.format("%B %-d, %Y"),
        tz.name()
    );
    let mut spans: Vec<Span> = places.iter().map(|p| p.span).collect();
    spans.sort();
    spans.dedup();
    if spans.len() > 1 {
        message.push_str(&format!("; written {} times", spans.len()));
    }
    let serves_both = spans.iter().any(|s| right.contains(s));
    let help = match &counterpart {
        _ if serves_both => format!(
            "this {label} also labels times when {} was on {named} time: give each time its own zone, or write offsets",
            tz.name()
        ),
        Some(c) => format!("write {c}, or the offset {offset}"),
        None => format!("write the label for {actual} time, or the offset {offset}"),
    };
    let mut diagnostic = Diagnostic::new(first.span, message)
        .with_label(format!("{named} time"))
        .with_help(help);
    for span in spans.iter().filter(|s| **s != first.span).take(MAX_LABELS) {
        diagnostic = diagnostic.with_secondary(*span, format!("{label} again"));
    }
    if let Some(c) = counterpart.filter(|_| !serves_both) {
        diagnostic = diagnostic.with_fix(Fix {
            description: format!("replace {label} with {c}"),
            edits: spans
                .iter()
                .map(|span| Edit {
                    span: *span,
                    replacement: c.clone(),
                })
                .collect(),
            applicability: Applicability::Unsafe,
        });
    }
    Some(diagnostic)
}

impl Rule for DstMismatch {
    const META: RuleMeta = RuleMeta {
        id: "dst-mismatch",
        default_severity: Severity::Error,
        enabled_by_default: true,
        summary: "A standard-time label on a daylight-time date, or the reverse",
        doc: include_str!("../../rules/dst-mismatch.md"),
    };
    type Options = NoOptions;

    fn check(ctx: &LintContext<'_, '_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        let incident = ctx.incident;
        let from_statements = incident.statements.iter().flat_map(|s| match s {
            Statement::Window { start, end, .. } => [start, end]
                .into_iter()
                .flatten()
                .filter_map(|t| t.resolved.as_ref())
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        });
        let from_entries = incident.timeline.entries.iter().filter_map(|e| e.resolved.as_ref());
        // Group by the label as written: "PST" on eleven entries is one mistake.
        let mut groups: Vec<(String, Vec<Wrong<'_>>)> = Vec::new();
        let mut right: HashSet<Span> = HashSet::default();
        for (w, is_wrong) in from_statements.chain(from_entries).filter_map(judge) {
            if !is_wrong {
                right.insert(w.span);
                continue;
            }
            let label = incident.text(w.span).to_string();
            match groups.iter_mut().find(|(l, _)| *l == label) {
                Some((_, places)) => places.push(w),
                None => groups.push((label, vec![w])),
            }
        }
        for (label, places) in &groups {
            out.extend(report(label, places, &right));
        }
    }
}
