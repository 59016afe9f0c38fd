//! ## What it does
//! Reports a timezone abbreviation that names several zones (IST, CST, BST,
//! AST) when the configuration does not say which one the team means.
//!
//! ## Why is this bad?
//! IST is India, Ireland or Israel: five and a half hours apart. Nobody
//! reading "14:00 IST" can be sure which.
//!
//! ## Example
//! `14:00 IST` with no `[timezones] IST = "..."` in pmlint.toml.

use crate::hash::HashSet;

use super::{LintContext, NoOptions, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Span;
use crate::time::zone::Zone;

pub struct TimezoneAmbiguous;

/// Places shown beside the first, at most.
const MAX_LABELS: usize = 8;

impl Rule for TimezoneAmbiguous {
    const META: RuleMeta = RuleMeta {
        id: "timezone-ambiguous",
        default_severity: Severity::Warning,
        enabled_by_default: true,
        summary: "A timezone abbreviation names several zones",
        doc: include_str!("../../rules/timezone-ambiguous.md"),
    };
    type Options = NoOptions;

    fn check(ctx: &LintContext<'_, '_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        let incident = ctx.incident;
        let written = incident
            .mentions
            .iter()
            .filter_map(|m| m.written.zone.as_ref())
            .map(|z| (&z.value, Some(z.span)));
        let declared = incident
            .timeline
            .declared_zones
            .iter()
            .map(|(_, z)| z)
            .chain(incident.document_zone.as_ref())
            .map(|z| (&z.zone, z.span));
        // One report per label: "CST" on every entry is one question.
        let mut groups: Vec<(&str, &Zone, Vec<Span>)> = Vec::new();
        let mut seen: HashSet<Span> = HashSet::default();
        for (zone, span) in written.chain(declared) {
            let (Zone::Ambiguous(_), Some(span)) = (zone, span) else {
                continue;
            };
            if !seen.insert(span) {
                continue;
            }
            let label = incident.text(span);
            match groups.iter_mut().find(|(l, _, _)| *l == label) {
                Some((_, _, spans)) => spans.push(span),
                None => groups.push((label, zone, vec![span])),
            }
        }
        for (label, zone, mut spans) in groups {
            let Zone::Ambiguous(candidates) = zone else {
                continue;
            };
            spans.sort();
            let names: Vec<&str> = candidates.iter().map(|t| t.name()).collect();
            let mut diagnostic = Diagnostic::new(
                spans[0],
                format!("{label} is ambiguous: it may mean {}", names.join(", ")),
            )
            .with_label("which zone?")
            .with_help(format!(
                "say which in pmlint.toml (`[timezones] {label} = \"{}\"`), or write a UTC offset",
                names.first().copied().unwrap_or("Area/City")
            ));
            for span in spans.iter().skip(1).take(MAX_LABELS) {
                diagnostic = diagnostic.with_secondary(*span, format!("{label} again"));
            }
            out.push(diagnostic);
        }
    }
}
