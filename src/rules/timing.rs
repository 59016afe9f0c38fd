//! Comparing stated times with timeline entries, shared by the rules that do it.

use crate::model::{DateFrom, EventRole, Incident, MentionPlace, Resolved, TimelineEntry, WrittenTime};

/// Seconds from `a` to `b`. The full difference when both dates were
/// written; the time of day alone when either date is inferred (from the
/// document's date) or a stand-in, since an inferred date proves nothing.
pub fn gap_seconds(a: &Resolved, b: &Resolved) -> Option<i64> {
    if a.date_from == DateFrom::Written && b.date_from == DateFrom::Written {
        return a.seconds_until(b);
    }
    a.compare(b)?;
    let offset = |r: &Resolved| r.instant.map(|i| (r.local - i.naive_utc()).num_seconds()).unwrap_or(0);
    // Times of day in UTC when both have instants, else as written.
    let (ta, tb) = if a.instant.is_some() && b.instant.is_some() {
        (
            a.local.time() - chrono::Duration::seconds(offset(a)),
            b.local.time() - chrono::Duration::seconds(offset(b)),
        )
    } else {
        (a.local.time(), b.local.time())
    };
    let mut gap = (tb - ta).num_seconds();
    // Across midnight the short way round.
    if gap > 43_200 {
        gap -= 86_400;
    } else if gap < -43_200 {
        gap += 86_400;
    }
    Some(gap)
}

/// Timed entries of the timeline, with their index.
pub fn timed<'i>(incident: &'i Incident<'_>) -> impl Iterator<Item = (usize, &'i TimelineEntry, &'i Resolved)> {
    incident
        .timeline
        .entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.resolved.as_ref().map(|r| (i, e, r)))
}

/// Entries with one of `roles`, in order.
pub fn with_roles(incident: &Incident<'_>, roles: &[EventRole]) -> Vec<usize> {
    timed(incident)
        .filter(|(_, e, _)| e.role.is_some_and(|r| roles.contains(&r)))
        .map(|(i, _, _)| i)
        .collect()
}

/// The closest of `candidates` to `stated`, and the gap to it.
pub fn closest(incident: &Incident<'_>, stated: &Resolved, candidates: &[usize]) -> Option<(usize, i64)> {
    candidates
        .iter()
        .filter_map(|&i| {
            let resolved = incident.timeline.entries.get(i)?.resolved.as_ref()?;
            Some((i, gap_seconds(stated, resolved)?))
        })
        .min_by_key(|(_, gap)| gap.abs())
}

/// Whether the timeline's text mentions this time of day outside its entries'
/// own times: an entry's details ("complete recovery by 1:30 PM"). Entry
/// times do not count: a detection at 4:26 PM does not confirm a start at 4:25.
pub fn timeline_mentions(incident: &Incident<'_>, stated: &Resolved, tolerance: i64) -> bool {
    let bodies: Vec<_> = incident
        .timeline
        .sections
        .iter()
        .filter_map(|&i| incident.sections.get(i))
        .map(|s| s.body)
        .collect();
    let stated_time = stated.local.time();
    incident
        .mentions
        .iter()
        .filter(|m| m.place == MentionPlace::Prose && bodies.iter().any(|b| b.contains(m.written.span)))
        .filter_map(|m| m.written.time.as_ref()?.value.naive())
        .any(|t| (t - stated_time).num_seconds().abs() <= tolerance)
}

/// "4:25 PM EAT on August 4, 2023" (24-hour when the document writes a
/// 24-hour clock); the zone as written, and the date when it is real.
pub fn describe(incident: &Incident<'_>, resolved: &Resolved, written: Option<&WrittenTime>) -> String {
    let twelve_hour = written
        .and_then(|w| w.time.as_ref())
        .is_some_and(|t| t.value.meridiem.is_some());
    let mut text = if twelve_hour {
        resolved.local.format("%-I:%M %p").to_string()
    } else {
        resolved.local.format("%H:%M").to_string()
    };
    if let Some(zone) = &resolved.zone {
        let label = match zone.span.map(|s| incident.text(s)) {
            Some(label) if label != "Z" => label.to_string(),
            _ => zone.zone.describe(),
        };
        text.push(' ');
        text.push_str(&label);
    }
    if resolved.date_known && resolved.year_known {
        text.push_str(&format!(" on {}", resolved.local.format("%B %-d, %Y")));
    }
    text
}
