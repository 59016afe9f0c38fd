//! The incident model: what a postmortem says, with a source span for every fact.
//!
//! The parser builds an [`Incident`]; rules read it and nothing else. The model
//! borrows the document's text (`'a`) and never copies it wholesale.

mod kind;
mod statement;
mod suppression;
mod timeline;

use std::borrow::Cow;

pub use kind::{KindSet, SectionKind};
pub use statement::{DocumentDate, MentionPlace, StatedTime, Statement, TimeMention};
pub use suppression::{Suppression, SuppressionKind};
pub use timeline::{
    DateFrom, EntryOrigin, EventRole, MeridiemReading, Metric, Metrics, Resolved, Spanned, Timeline, TimelineEntry,
    WrittenTime, ZoneRef, ZoneSource,
};

use crate::parse::markdown::{Line, Markdown};
use crate::source::Span;
use crate::time::date::{DateOrder, DateParts};
use chrono::NaiveDate;

/// How a heading was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeadingStyle {
    /// `## Timeline`
    Atx,
    /// `Timeline` underlined with `===` or `---`
    Setext,
    /// `<h2>Timeline</h2>`
    Html,
    /// A paragraph that is all bold or italic: `**Timeline**`
    Emphasis,
    /// A short line of its own in a plain-text document: `Root Cause.`
    PlainText,
    /// A label that starts a paragraph: `**Root cause:** the disk filled`
    Label,
    /// A one-item list whose item names a section: `2. Timeline`
    ListItem,
}

impl HeadingStyle {
    pub const fn as_str(self) -> &'static str {
        match self {
            HeadingStyle::Atx => "atx",
            HeadingStyle::Setext => "setext",
            HeadingStyle::Html => "html",
            HeadingStyle::Emphasis => "emphasis",
            HeadingStyle::PlainText => "plain-text",
            HeadingStyle::Label => "label",
            HeadingStyle::ListItem => "list-item",
        }
    }

    /// Markdown headings, as opposed to text that only acts as one.
    pub const fn is_markup(self) -> bool {
        matches!(self, HeadingStyle::Atx | HeadingStyle::Setext | HeadingStyle::Html)
    }
}

#[derive(Clone, Debug)]
pub struct Heading<'a> {
    /// The heading's text without markup.
    pub text: Cow<'a, str>,
    /// The heading's text in the source.
    pub span: Span,
    /// 1 to 6 for markdown headings; 7 for text acting as a heading, which
    /// nests under any markdown heading.
    pub level: u8,
    pub style: HeadingStyle,
}

#[derive(Clone, Debug)]
pub struct Section<'a> {
    pub heading: Heading<'a>,
    /// The canonical kinds the heading names (empty set means `other`).
    pub kinds: KindSet,
    /// From the heading to the end of the section.
    pub span: Span,
    /// The section's own content: after the heading, up to the next heading
    /// at the same or a higher level, or the next heading of a known kind.
    pub body: Span,
    /// Whether the body holds anything but blank lines, rules and `<br>`.
    pub has_content: bool,
    /// Whether a deeper heading follows directly (the section is a parent).
    pub has_subsections: bool,
}

impl Section<'_> {
    pub fn is(&self, kind: SectionKind) -> bool {
        self.kinds.contains(kind)
    }
}

/// A `Key: value` line at the top of the document, front matter, or a
/// heading such as `## Date` with a one-line body.
#[derive(Clone, Debug)]
pub struct MetadataField<'a> {
    /// The key, lower-cased: `date`, `author`, `title`.
    pub key: String,
    pub key_span: Span,
    pub value: Cow<'a, str>,
    pub value_span: Span,
}

/// Front matter that could not be read, and where it breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatterError {
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug)]
pub struct Title<'a> {
    pub text: Cow<'a, str>,
    pub span: Span,
}

/// A section kind whose content appears inside another section: the timeline
/// that tells how service was restored stands in for a resolution section.
#[derive(Clone, Debug)]
pub struct FoldedKind {
    pub kind: SectionKind,
    /// The text that shows the kind's content.
    pub evidence: Span,
    /// Index of the section it was found in (none for text above every heading).
    pub section: Option<usize>,
}

/// A follow-up task from an action-items section.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionItem {
    /// The item: a list item's first line, a table row, a line of text.
    pub span: Span,
    /// The action-items section it is in.
    pub section: usize,
    /// Who owns it: `@jane`, `Owner: Jane`, an owner column, `(Jane)`.
    pub owner: Option<Span>,
    /// When it is due: `due 2024-03-01`, a due column.
    pub due: Option<Spanned<DateParts>>,
    /// Where it is tracked: a link, `JIRA-123`, `#42`.
    pub tracking: Option<Span>,
    /// `P1`, `priority: high`, a priority column.
    pub priority: Option<Span>,
}

/// What kind of thing an entity names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntityKind {
    /// An IPv4 or IPv6 address.
    Address,
    /// A host: `web-01`, `db01.prod.example.com`, a numbered name in backticks.
    Host,
    /// A service or program named in backticks: `nginx`.
    Service,
    /// A data centre or server room with a name: "Data Center A", "DC2".
    Site,
    /// A cloud region: `us-east-1`.
    Region,
}

impl EntityKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            EntityKind::Address => "address",
            EntityKind::Host => "host",
            EntityKind::Service => "service",
            EntityKind::Site => "site",
            EntityKind::Region => "region",
        }
    }
}

/// A mention of a named thing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    pub kind: EntityKind,
    pub span: Span,
    /// What identifies the thing across spellings: `web1` for `web-01` and
    /// `web_1`; a site's name (`holberton`) for "Holberton Data Center".
    pub key: String,
    /// The section it is mentioned in.
    pub section: Option<usize>,
}

#[derive(Debug)]
pub struct Incident<'a> {
    pub src: &'a str,
    /// Where each line of `src` starts, for line and column lookups.
    pub lines: crate::source::LineIndex,
    /// The part of `src` that is the postmortem: all of it, or the inside of a
    /// ```` ```markdown ```` fence when the document is a pasted chat answer.
    pub body: Span,
    pub markdown: Markdown<'a>,
    pub title: Option<Title<'a>>,
    pub metadata: Vec<MetadataField<'a>>,
    pub sections: Vec<Section<'a>>,
    pub folded: Vec<FoldedKind>,
    pub timeline: Timeline,
    /// The date the incident happened, as the document states it.
    pub document_date: Option<DocumentDate>,
    /// A zone declared for the whole document ("All times are in UTC").
    pub document_zone: Option<ZoneRef>,
    /// How numeric dates read, and the date that settles it (`None` when
    /// configuration settles it or nothing does).
    pub date_order: Option<(DateOrder, Option<Span>)>,
    /// Durations, windows and dates stated in the summary, impact and opening.
    pub statements: Vec<Statement>,
    /// Every date and time written in the document's prose, metadata and timeline.
    pub mentions: Vec<TimeMention>,
    /// Addresses, hosts, services and sites the document names.
    pub entities: Vec<Entity>,
    /// The items of the action-items sections.
    pub action_items: Vec<ActionItem>,
    /// The incident's id: `Incident ID: INC-42`, front matter `id`, "Incident #42" in the title.
    pub incident_id: Option<Spanned<String>>,
    /// `<!-- pmlint-disable ... -->` comments, in document order.
    pub suppressions: Vec<Suppression>,
    /// Front matter that is not valid YAML or TOML.
    pub front_matter_error: Option<FrontMatterError>,
}

impl<'a> Incident<'a> {
    pub fn text(&self, span: Span) -> &'a str {
        span.slice(self.src)
    }

    pub fn sections_of(&self, kind: SectionKind) -> impl Iterator<Item = &Section<'a>> {
        self.sections.iter().filter(move |s| s.is(kind))
    }

    /// Whether the document has the kind, as a heading or folded into another section.
    pub fn has_kind(&self, kind: SectionKind) -> bool {
        self.sections_of(kind).next().is_some() || self.folded.iter().any(|f| f.kind == kind)
    }

    pub fn metadata(&self, key: &str) -> Option<&MetadataField<'a>> {
        self.metadata.iter().find(|m| m.key == key)
    }

    /// Every prose line inside `span` (code and HTML blocks left out).
    pub fn lines_in(&self, span: Span) -> impl Iterator<Item = &Line<'a>> {
        self.markdown.lines_in(span)
    }

    /// A written date on the calendar: the document's day/month order and
    /// year fill what it leaves out. `None` if it names no real day.
    pub fn calendar_date(&self, date: &DateParts) -> Option<NaiveDate> {
        let order = self.date_order.map(|(o, _)| o);
        let year = self.document_date.as_ref().and_then(|d| d.date.value.year);
        date.resolve(date.year.or(year), order)
    }

    /// Where a document-level diagnostic points: the title, else the first line.
    pub fn anchor(&self) -> Span {
        if let Some(title) = &self.title {
            return title.span;
        }
        let start = self.body.start;
        let rest = &self.src[start..self.body.end];
        let first = rest.trim_start();
        let start = start + (rest.len() - first.len());
        let len = first.find(['\n', '\r']).unwrap_or(first.len());
        Span::new(start, start + len)
    }
}
