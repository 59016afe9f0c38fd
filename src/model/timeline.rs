//! Timeline entries and what they say about time.

use chrono::{DateTime, NaiveDateTime, Utc};

use crate::source::Span;
use crate::time::clock::ClockTime;
use crate::time::date::DateParts;
use crate::time::zone::Zone;

/// A value and where the document states it.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// A point in time as the document writes it, before resolution: the parts
/// that are there, each with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct WrittenTime {
    /// All of it, from the first part to the last.
    pub span: Span,
    pub date: Option<Spanned<DateParts>>,
    pub time: Option<Spanned<ClockTime>>,
    /// The second end of a range (`9:00 - 9:15`).
    pub end_time: Option<Spanned<ClockTime>>,
    pub zone: Option<Spanned<Zone>>,
}

/// Where the zone of a time came from, most specific first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZoneSource {
    /// Written with the time: `14:05 UTC`.
    Own,
    /// Declared by the timeline: its heading, intro or time column header.
    Timeline,
    /// Declared for the whole document: "All times UTC".
    Document,
    /// `default_timezone` in the configuration.
    Config,
}

impl ZoneSource {
    pub const fn as_str(self) -> &'static str {
        match self {
            ZoneSource::Own => "own",
            ZoneSource::Timeline => "timeline",
            ZoneSource::Document => "document",
            ZoneSource::Config => "config",
        }
    }
}

/// A zone and where it was stated.
#[derive(Clone, Debug, PartialEq)]
pub struct ZoneRef {
    pub zone: Zone,
    /// The label in the document; `None` when it comes from configuration.
    pub span: Option<Span>,
    pub source: ZoneSource,
}

/// How a time without AM/PM was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MeridiemReading {
    /// As written: it has AM/PM, or the timeline uses a 24-hour clock.
    Written,
    /// AM/PM taken from the entries next to it on the same day: the only
    /// reading that keeps the timeline in order, or, when both do, the
    /// nearer one (`3:14` before `3:28 PM`).
    Inferred,
    /// Neither reading keeps the order, or both do and nothing tells them
    /// apart (no neighbour on the same day, or both equally near); read as
    /// written.
    Ambiguous,
}

/// Where a resolved time's date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateFrom {
    /// Written in the document for this time: its own date, a date line above
    /// the entry, or an earlier entry's written date.
    Written,
    /// The document's date (title, metadata, summary).
    Document,
    /// No date anywhere: a stand-in, good only for ordering.
    StandIn,
}

/// What a written time means once date, zone and clock are settled.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    /// Wall-clock date and time. When no date is known at all the date is a
    /// stand-in (2000-01-01, plus any days crossed), good only for ordering.
    pub local: NaiveDateTime,
    /// The date is real: written, carried, or the document's.
    pub date_known: bool,
    pub date_from: DateFrom,
    /// The year is real (not the stand-in for `14th February` with no year anywhere).
    pub year_known: bool,
    pub zone: Option<ZoneRef>,
    /// The absolute time, when the date is known and the zone resolves.
    pub instant: Option<DateTime<Utc>>,
    /// The date was moved to the next day because the time crossed midnight.
    pub rolled_over: bool,
    pub meridiem: MeridiemReading,
}

impl Resolved {
    /// Order two resolved times: by instant when both have one, else by wall
    /// clock when they share a zone or neither has one. `None` when they
    /// cannot be compared (two different zones, one unresolved).
    pub fn compare(&self, other: &Resolved) -> Option<std::cmp::Ordering> {
        if let (Some(a), Some(b)) = (self.instant, other.instant) {
            return Some(a.cmp(&b));
        }
        let same_zone = match (&self.zone, &other.zone) {
            (Some(a), Some(b)) => a.zone.same_clock(&b.zone),
            _ => true,
        };
        same_zone.then(|| self.local.cmp(&other.local))
    }

    /// Seconds from `self` to `later`, if they can be compared.
    pub fn seconds_until(&self, later: &Resolved) -> Option<i64> {
        if let (Some(a), Some(b)) = (self.instant, later.instant) {
            return Some((b - a).num_seconds());
        }
        self.compare(later)?;
        Some((later.local - self.local).num_seconds())
    }
}

/// Where in the markdown a timeline entry came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryOrigin {
    /// `list` and `table` identify the list or table, so siblings can be told
    /// apart from entries of another list.
    ListItem {
        depth: u16,
        list: u32,
    },
    TableRow {
        empty: bool,
        table: u32,
    },
    /// A line of a paragraph or of an indented block.
    Line,
    Heading,
}

impl EntryOrigin {
    pub const fn as_str(self) -> &'static str {
        match self {
            EntryOrigin::ListItem { .. } => "list-item",
            EntryOrigin::TableRow { .. } => "table-row",
            EntryOrigin::Line => "line",
            EntryOrigin::Heading => "heading",
        }
    }
}

/// What a timeline entry marks in the life of the incident.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventRole {
    ImpactStart,
    Detection,
    Mitigation,
    Resolution,
}

impl EventRole {
    pub const ALL: [EventRole; 4] = [
        EventRole::ImpactStart,
        EventRole::Detection,
        EventRole::Mitigation,
        EventRole::Resolution,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            EventRole::ImpactStart => "impact-start",
            EventRole::Detection => "detection",
            EventRole::Mitigation => "mitigation",
            EventRole::Resolution => "resolution",
        }
    }
}

#[derive(Clone, Debug)]
pub struct TimelineEntry {
    /// The entry's first line (list item, table row or text line).
    pub span: Span,
    pub origin: EntryOrigin,
    /// A label the entry starts with: `Detection time:` before its time, or
    /// `**Actions taken:**` on an entry that tells a stage, not an event.
    pub label: Option<Span>,
    /// The time the entry states, if it starts with one.
    pub written: Option<WrittenTime>,
    /// What happened, without the time.
    pub description: Span,
    /// The nearest date stated above the entry (a date heading, or an
    /// earlier entry's date), for entries that state only a time.
    pub carried_date: Option<Spanned<DateParts>>,
    pub role: Option<EventRole>,
    /// The timeline section the entry belongs to; `None` for a timeline found
    /// under another heading.
    pub section: Option<usize>,
    /// What the entry's time means; `None` for entries without a time.
    pub resolved: Option<Resolved>,
}

impl TimelineEntry {
    pub fn time(&self) -> Option<&Spanned<ClockTime>> {
        self.written.as_ref()?.time.as_ref()
    }

    /// The entry's own date, else the carried one.
    pub fn date(&self) -> Option<&Spanned<DateParts>> {
        self.written
            .as_ref()
            .and_then(|w| w.date.as_ref())
            .or(self.carried_date.as_ref())
    }

    /// The span that best names the entry's time: the written time, else the entry.
    pub fn time_span(&self) -> Span {
        self.written.as_ref().map_or(self.span, |w| w.span)
    }
}

#[derive(Clone, Debug, Default)]
pub struct Timeline {
    /// Indices of the sections entries were taken from.
    pub sections: Vec<usize>,
    pub entries: Vec<TimelineEntry>,
    /// Zones declared by timeline sections (heading, intro, time column), by section index.
    pub declared_zones: Vec<(usize, ZoneRef)>,
    /// Figures derived from the entries' roles.
    pub metrics: Metrics,
}

impl Timeline {
    /// The entries grouped by the section they came from, groups in the
    /// order their first entry appears, entries in document order. One
    /// pass, so a document with thousands of timelines stays linear.
    pub fn by_section(&self) -> Vec<(Option<usize>, Vec<&TimelineEntry>)> {
        // Most documents have one timeline: one group, sized at once. Four
        // rules ask for the groups; grown entry by entry, they cost more
        // than the rules' own work.
        if let Some(first) = self.entries.first()
            && self.entries.iter().all(|e| e.section == first.section)
        {
            return vec![(first.section, self.entries.iter().collect())];
        }
        let mut groups: Vec<(Option<usize>, Vec<&TimelineEntry>)> = Vec::new();
        let mut index: crate::hash::HashMap<Option<usize>, usize> = crate::hash::HashMap::default();
        for entry in &self.entries {
            let slot = *index.entry(entry.section).or_insert_with(|| {
                groups.push((entry.section, Vec::new()));
                groups.len() - 1
            });
            groups[slot].1.push(entry);
        }
        groups
    }
}

/// A length of time between two timeline entries, named by them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Metric {
    /// Index of the entry it starts at.
    pub from: usize,
    /// Index of the entry it ends at.
    pub to: usize,
    pub seconds: i64,
}

/// What the timeline says about the incident's course.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Metrics {
    /// Impact start (or the first entry) to the last resolution (or the last entry).
    pub impact_duration: Option<Metric>,
    /// Impact start to the first detection after it.
    pub time_to_detect: Option<Metric>,
    /// Impact start to the first mitigation after it.
    pub time_to_mitigate: Option<Metric>,
    /// Detection to the last resolution.
    pub time_to_resolve: Option<Metric>,
}

impl Timeline {
    pub fn timed_entries(&self) -> impl Iterator<Item = &TimelineEntry> {
        self.entries.iter().filter(|e| e.time().is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timeline(sections: &[Option<usize>]) -> Timeline {
        let entries = sections
            .iter()
            .enumerate()
            .map(|(i, &section)| TimelineEntry {
                span: Span::new(i, i + 1),
                origin: EntryOrigin::Line,
                label: None,
                written: None,
                description: Span::new(i, i + 1),
                carried_date: None,
                role: None,
                section,
                resolved: None,
            })
            .collect();
        Timeline {
            entries,
            ..Timeline::default()
        }
    }

    /// Each group's section and its entries' starts.
    fn groups(sections: &[Option<usize>]) -> Vec<(Option<usize>, Vec<usize>)> {
        let t = timeline(sections);
        t.by_section()
            .into_iter()
            .map(|(section, entries)| (section, entries.iter().map(|e| e.span.start).collect()))
            .collect()
    }

    #[test]
    fn entries_are_grouped_by_section_in_order_of_first_appearance() {
        assert_eq!(groups(&[]), vec![]);
        assert_eq!(groups(&[Some(2), Some(2), Some(2)]), vec![(Some(2), vec![0, 1, 2])]);
        assert_eq!(groups(&[None, None]), vec![(None, vec![0, 1])]);
        assert_eq!(
            groups(&[Some(1), None, Some(1), Some(0), None]),
            vec![(Some(1), vec![0, 2]), (None, vec![1, 4]), (Some(0), vec![3])]
        );
        assert_eq!(
            groups(&[Some(0), Some(0), Some(1)]),
            vec![(Some(0), vec![0, 1]), (Some(1), vec![2])]
        );
    }
}
