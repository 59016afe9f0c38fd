//! ## What it does
//! Compares a duration the prose states ("the outage lasted 2 hours") with
//! the timeline's incident window and reports a disagreement.
//!
//! ## Why is this bad?
//! Readers quote the summary's duration; if the timeline says otherwise, one
//! of them is wrong, and the error travels into every report built on it.
//!
//! The window may start at the impact start, the first entry or the first
//! detection, and end at any mitigation or resolution or the last entry: the
//! rule stays silent if any of those windows matches within tolerance.
//!
//! ## Example
//! "spanned 2 hours" with a timeline from 9:00 AM to 11:30 AM.

use serde::Deserialize;

use super::{LintContext, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{EventRole, Incident, SectionKind, Statement, TimelineEntry};
use crate::time::duration::format_duration;

pub struct DurationMismatch;

#[derive(Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    /// Differences up to the larger of these pass.
    pub tolerance_minutes: u32,
    pub tolerance_percent: u32,
    /// The same, for durations stated as approximate ("about 2 hours").
    pub approximate_tolerance_minutes: u32,
    pub approximate_tolerance_percent: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            tolerance_minutes: 10,
            tolerance_percent: 10,
            approximate_tolerance_minutes: 15,
            approximate_tolerance_percent: 25,
        }
    }
}

impl Options {
    fn tolerance_seconds(&self, stated: i64, approximate: bool) -> i64 {
        let (minutes, percent) = if approximate {
            (self.approximate_tolerance_minutes, self.approximate_tolerance_percent)
        } else {
            (self.tolerance_minutes, self.tolerance_percent)
        };
        (i64::from(minutes) * 60).max(stated * i64::from(percent) / 100)
    }
}

/// A window of the timeline: from one entry to a later one.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Window {
    from: usize,
    to: usize,
    seconds: i64,
}

/// The most windows a timeline section is read for. One with thousands of
/// impact starts and restorations tells no one window, and would make
/// millions of them; it is left out, and the rule says nothing about it.
const MAX_WINDOWS_IN_A_SECTION: usize = 4096;

/// Every plausible incident window, within one timeline section.
fn windows(entries: &[TimelineEntry]) -> Vec<Window> {
    let mut out = Vec::new();
    // Timed entries with their index, grouped by section in one pass.
    let mut groups: Vec<Vec<(usize, &TimelineEntry)>> = Vec::new();
    let mut slots: crate::hash::HashMap<Option<usize>, usize> = crate::hash::HashMap::default();
    for (i, e) in entries.iter().enumerate().filter(|(_, e)| e.resolved.is_some()) {
        let slot = *slots.entry(e.section).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[slot].push((i, e));
    }
    for group in groups {
        let (Some(first), Some(last)) = (group.first(), group.last()) else {
            continue;
        };
        let has = |e: &TimelineEntry, role| e.role == Some(role);
        let mut starts: Vec<usize> = vec![first.0];
        starts.extend(
            group
                .iter()
                .filter(|(_, e)| has(e, EventRole::ImpactStart))
                .map(|(i, _)| *i),
        );
        starts.extend(
            group
                .iter()
                .find(|(_, e)| has(e, EventRole::Detection))
                .map(|(i, _)| *i),
        );
        let mut ends: Vec<usize> = vec![last.0];
        ends.extend(
            group
                .iter()
                .filter(|(_, e)| has(e, EventRole::Resolution) || has(e, EventRole::Mitigation))
                .map(|(i, _)| *i),
        );
        if starts.len().saturating_mul(ends.len()) > MAX_WINDOWS_IN_A_SECTION {
            continue;
        }
        for &from in &starts {
            for &to in &ends {
                let (Some(a), Some(b)) = (&entries[from].resolved, &entries[to].resolved) else {
                    continue;
                };
                if let Some(seconds) = a.seconds_until(b).filter(|s| *s > 0) {
                    out.push(Window { from, to, seconds });
                }
            }
        }
    }
    out
}

/// The windows, by length, for finding the one closest to a stated length
/// by halving rather than by reading them all.
struct ByLength {
    /// (seconds, index in the windows as made); ties keep that order.
    sorted: Vec<(i64, usize)>,
}

impl ByLength {
    fn new(windows: &[Window]) -> ByLength {
        let mut sorted: Vec<(i64, usize)> = windows.iter().enumerate().map(|(i, w)| (w.seconds, i)).collect();
        sorted.sort_unstable();
        ByLength { sorted }
    }

    /// The index of the window closest to `seconds`: of several as close,
    /// the one made first (as a search through them all in order finds).
    fn closest(&self, seconds: i64) -> Option<usize> {
        let at = self.sorted.partition_point(|&(s, _)| s < seconds);
        // The first window of the longest length below, and of the shortest
        // at or above: each the first made of its length.
        let below = at
            .checked_sub(1)
            .map(|i| self.sorted[i].0)
            .map(|len| self.sorted[self.sorted.partition_point(|&(s, _)| s < len)]);
        let above = self.sorted.get(at).copied();
        match (below, above) {
            (Some((b, bi)), Some((a, ai))) => Some(match (seconds - b).cmp(&(a - seconds)) {
                std::cmp::Ordering::Less => bi,
                std::cmp::Ordering::Greater => ai,
                std::cmp::Ordering::Equal => bi.min(ai),
            }),
            (Some((_, i)), None) | (None, Some((_, i))) => Some(i),
            (None, None) => None,
        }
    }
}

fn where_stated(incident: &Incident<'_>, at: usize) -> &'static str {
    let in_kind = |kind| {
        incident
            .sections_of(kind)
            .any(|s| s.body.start <= at && at < s.body.end)
    };
    if in_kind(SectionKind::Impact) {
        "the impact section"
    } else if in_kind(SectionKind::Summary) {
        "the summary"
    } else {
        "the document"
    }
}

impl Rule for DurationMismatch {
    const META: RuleMeta = RuleMeta {
        id: "duration-mismatch",
        default_severity: Severity::Error,
        enabled_by_default: true,
        summary: "A stated duration disagrees with the timeline",
        doc: include_str!("../../rules/duration-mismatch.md"),
    };
    type Options = Options;

    fn check(ctx: &LintContext<'_, '_>, options: &Options, out: &mut Vec<Diagnostic>) {
        let incident = ctx.incident;
        let entries = &incident.timeline.entries;
        let windows = windows(entries);
        if windows.is_empty() {
            return;
        }
        let by_length = ByLength::new(&windows);
        for statement in &incident.statements {
            let Statement::Duration {
                span,
                seconds,
                approximate,
            } = statement
            else {
                continue;
            };
            let tolerance = options.tolerance_seconds(*seconds, *approximate);
            let Some(closest) = by_length.closest(*seconds).map(|i| &windows[i]) else {
                continue;
            };
            let off_by = (closest.seconds - seconds).abs();
            if off_by <= tolerance {
                continue;
            }
            let from = &entries[closest.from];
            let to = &entries[closest.to];
            let from_text = incident.text(from.time_span());
            let to_text = incident.text(to.time_span());
            out.push(
                Diagnostic::new(
                    *span,
                    format!(
                        "{} says {}; the timeline runs {} from {from_text} to {to_text}",
                        where_stated(incident, span.start),
                        incident.text(*span),
                        format_duration(closest.seconds),
                    ),
                )
                .with_label(format!("off by {}", format_duration(off_by)))
                .with_secondary(from.time_span(), "from here")
                .with_secondary(to.time_span(), "to here")
                .with_help(format!(
                    "correct the stated duration or the timeline; differences up to {} are accepted",
                    format_duration(tolerance)
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Halving finds the window a search through them all finds: the
    /// closest, and of several as close the first, shorter or longer.
    #[test]
    fn the_closest_window_is_found_by_halving() {
        let mut draws = crate::cue::equivalence::Draws::new(0x5be0_cd19_137e_2179);
        for _ in 0..20_000 {
            let windows: Vec<Window> = (0..draws.below(8))
                .map(|i| Window {
                    from: i,
                    to: i,
                    seconds: 60 * draws.below(6) as i64,
                })
                .collect();
            let by_length = ByLength::new(&windows);
            for stated in (0..12).map(|m| 30 * m) {
                let all = windows.iter().min_by_key(|w| (w.seconds - stated).abs());
                assert_eq!(
                    by_length.closest(stated).map(|i| &windows[i]),
                    all,
                    "{stated} in {windows:?}"
                );
            }
        }
    }
}
