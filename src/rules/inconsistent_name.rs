//! ## What it does
//! Reports one thing spelled two ways: a host or service whose names normalise
//! to the same thing but are written differently (`web-01`, `web01`, `web_1`;
//! `docker-shim`, `dockershim`), and a single-site incident whose site is
//! named differently in different sections ("Data Center A" in the timeline,
//! "Holberton Data Center" in the root cause).
//!
//! ## Why is this bad?
//! A reader cannot tell whether two spellings are one machine or two; a
//! search for one spelling misses the other.
//!
//! A difference of case alone is not reported: host names are case-insensitive
//! and sentences capitalise. Sites named together on one line are two sites
//! (a failover from DC1 to DC2), not one named twice.
//!
//! ## Example
//! `web-01` in the timeline, `web01` in the root cause.

use crate::hash::HashSet;
use std::collections::BTreeMap;

use super::{LintContext, NoOptions, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Entity, EntityKind, Incident};

pub struct InconsistentName;

/// The section a span is in, as a reader would name it.
fn where_in(incident: &Incident<'_>, entity: &Entity) -> String {
    match entity.section.and_then(|s| incident.sections.get(s)) {
        Some(section) => match section.kinds.iter().next() {
            Some(kind) => format!("the {}", kind.title()),
            None => format!("\"{}\"", section.heading.text.trim()),
        },
        None => "the opening".to_string(),
    }
}

/// Spellings of one host, first occurrence of each, when they differ by more than case.
fn host_spellings<'e>(incident: &Incident<'_>, mentions: &[&'e Entity]) -> Vec<&'e Entity> {
    let mut seen: HashSet<String> = HashSet::default();
    mentions
        .iter()
        .filter(|e| seen.insert(incident.text(e.span).to_lowercase()))
        .copied()
        .collect()
}

impl Rule for InconsistentName {
    const META: RuleMeta = RuleMeta {
        id: "inconsistent-name",
        default_severity: Severity::Warning,
        enabled_by_default: true,
        summary: "One host, service or site is named two ways",
        doc: include_str!("../../rules/inconsistent-name.md"),
    };
    type Options = NoOptions;

    fn check(ctx: &LintContext<'_, '_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        let incident = ctx.incident;
        let mut hosts: BTreeMap<&str, Vec<&Entity>> = BTreeMap::new();
        for e in incident
            .entities
            .iter()
            .filter(|e| matches!(e.kind, EntityKind::Host | EntityKind::Service))
        {
            hosts.entry(e.key.as_str()).or_default().push(e);
        }
        for mentions in hosts.values() {
            let spellings = host_spellings(incident, mentions);
            let [first, second, ..] = spellings.as_slice() else {
                continue;
            };
            let names: Vec<String> = spellings
                .iter()
                .map(|e| format!("`{}`", incident.text(e.span)))
                .collect();
            let mut d = Diagnostic::new(
                second.span,
                format!("{} is also written {}", names[0], names[1..].join(" and ")),
            )
            .with_label("another spelling")
            .with_secondary(first.span, "first spelling")
            .with_help("pick one spelling and use it everywhere");
            for other in spellings.iter().skip(2) {
                d = d.with_secondary(other.span, "and another");
            }
            out.push(d);
        }
        check_sites(incident, out);
    }
}

/// How many spellings of a site beyond the first two a finding labels.
const MORE_SITE_LABELS: usize = 8;

/// Several site names, never two on the same line: one site named two ways.
fn check_sites(incident: &Incident<'_>, out: &mut Vec<Diagnostic>) {
    let sites: Vec<&Entity> = incident
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Site)
        .collect();
    let mut keys: Vec<&str> = sites.iter().map(|e| e.key.as_str()).collect();
    keys.sort();
    keys.dedup();
    if keys.len() < 2 {
        return;
    }
    // Line numbers counted once over the text, the sites being in order.
    let mut by_line: BTreeMap<usize, HashSet<&str>> = BTreeMap::new();
    let (mut line, mut counted_to) = (0, 0);
    for e in &sites {
        let at = e.span.start.max(counted_to);
        line += incident.src[counted_to..at].matches('\n').count();
        counted_to = at;
        by_line.entry(line).or_default().insert(e.key.as_str());
    }
    if by_line.values().any(|keys| keys.len() > 1) {
        return;
    }
    // The first mention of the first two names, in document order.
    let mut firsts = sites.iter().filter({
        let mut named: HashSet<&str> = HashSet::default();
        move |e| named.insert(e.key.as_str())
    });
    let (Some(first), Some(second)) = (firsts.next(), firsts.next()) else {
        return;
    };
    let mut d = Diagnostic::new(
        second.span,
        format!(
            "the site is called \"{}\" in {} and \"{}\" in {}",
            incident.text(first.span),
            where_in(incident, first),
            incident.text(second.span),
            where_in(incident, second)
        ),
    )
    .with_label("another name for the site")
    .with_secondary(first.span, "first name")
    .with_help("if this is one site, call it by one name throughout; if two, say how they relate");
    // Each other spelling once, the first few: a document naming thousands
    // of sites would otherwise get a finding of thousands of labels.
    let mut labelled: HashSet<&str> = [first.span, second.span]
        .map(|s| incident.text(s))
        .into_iter()
        .collect();
    let others = sites
        .iter()
        .filter(|e| labelled.insert(incident.text(e.span)))
        .take(MORE_SITE_LABELS);
    for e in others {
        d = d.with_secondary(e.span, "and here");
    }
    out.push(d);
}
