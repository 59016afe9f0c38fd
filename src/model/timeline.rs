//! Timeline entries and what they say about time.

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

/// Where in the markdown a timeline entry came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryOrigin {
    ListItem {
        depth: u16,
    },
    TableRow {
        empty: bool,
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
}

impl Timeline {
    pub fn timed_entries(&self) -> impl Iterator<Item = &TimelineEntry> {
        self.entries.iter().filter(|e| e.time().is_some())
    }
}
