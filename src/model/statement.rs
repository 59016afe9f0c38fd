//! What the prose states about time: durations, start and end times,
//! incident dates, and every date or time written anywhere.

use crate::source::Span;
use crate::time::date::DateParts;

use super::timeline::{Resolved, Spanned, WrittenTime};

/// A time stated in prose, and what it means.
#[derive(Clone, Debug, PartialEq)]
pub struct StatedTime {
    pub written: WrittenTime,
    pub resolved: Option<Resolved>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Statement {
    /// "lasted approximately 4 hours", "Duration: 2 hours 15 minutes".
    Duration {
        span: Span,
        seconds: i64,
        approximate: bool,
    },
    /// "at 9AM (EAT)", "From August 4, 2023 4:25 PM to August 8, 2023 7:30 PM",
    /// "between 14:05 and 15:20 UTC", "Start Time: ...": either end may be missing.
    Window {
        span: Span,
        start: Option<Box<StatedTime>>,
        end: Option<Box<StatedTime>>,
    },
    /// "occurred on August 5, 2023", "On January 20, 2024, ...".
    IncidentDate { span: Span, date: Spanned<DateParts> },
}

impl Statement {
    pub fn span(&self) -> Span {
        match self {
            Statement::Duration { span, .. }
            | Statement::Window { span, .. }
            | Statement::IncidentDate { span, .. } => *span,
        }
    }
}

/// Where a written date or time was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionPlace {
    /// Timeline entry, by index.
    Timeline(usize),
    Prose,
    Metadata,
}

/// A date or time written anywhere in the document.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeMention {
    pub written: WrittenTime,
    pub place: MentionPlace,
}

/// The date the document is about, and where it says so.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentDate {
    pub date: Spanned<DateParts>,
    /// `title`, `metadata`, `summary` or `document`.
    pub source: &'static str,
}
