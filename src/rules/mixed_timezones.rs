//! ## What it does
//! Reports a timeline whose entries are in different zones when not every
//! entry says its zone: one entry in UTC in a timeline declared EAT.
//!
//! ## Why is this bad?
//! A reader takes the declared zone for every entry; the one that differs
//! silently shifts by hours and reorders the story.
//!
//! A timeline where every entry names its zone is fine: its entries are
//! compared as instants.
//!
//! ## Example
//! `## Timeline (EAT)` with one entry `14:05 UTC`.

use super::{LintContext, NoOptions, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{TimelineEntry, ZoneRef, ZoneSource};

pub struct MixedTimezones;

fn describe(incident: &crate::model::Incident<'_>, z: &ZoneRef) -> String {
    let name = z.zone.describe();
    match z.span.map(|s| incident.text(s)) {
        Some(label) if label != name && label != "Z" => format!("{label} ({name})"),
        _ => name,
    }
}

impl Rule for MixedTimezones {
    const META: RuleMeta = RuleMeta {
        id: "mixed-timezones",
        default_severity: Severity::Warning,
        enabled_by_default: true,
        summary: "Timeline entries are in different zones and not every entry says its zone",
        doc: include_str!("../../rules/mixed-timezones.md"),
    };
    type Options = NoOptions;

    fn check(ctx: &LintContext<'_, '_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        let incident = ctx.incident;
        for (_, group) in incident.timeline.by_section() {
            let zoned: Vec<(&TimelineEntry, &ZoneRef)> = group
                .iter()
                .filter_map(|e| Some((*e, e.resolved.as_ref()?.zone.as_ref()?)))
                .collect();
            let all_own = zoned.iter().all(|(_, z)| z.source == ZoneSource::Own);
            let Some(&(base_entry, base)) = zoned
                .iter()
                .find(|(_, z)| z.source != ZoneSource::Own)
                .or(zoned.first())
            else {
                continue;
            };
            if all_own {
                continue;
            }
            let Some(&(odd_entry, odd)) = zoned.iter().find(|(_, z)| !z.zone.same_clock(&base.zone)) else {
                continue;
            };
            let base_span = base
                .span
                .filter(|_| base.source != ZoneSource::Own)
                .unwrap_or(base_entry.time_span());
            out.push(
                Diagnostic::new(
                    odd_entry.time_span(),
                    format!(
                        "this entry is in {}, the timeline's other times in {}",
                        describe(incident, odd),
                        describe(incident, base)
                    ),
                )
                .with_label("a different zone")
                .with_secondary(base_span, "the other times' zone")
                .with_help("use one zone for the whole timeline, or write the zone on every entry"),
            );
        }
    }
}
