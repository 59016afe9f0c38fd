//! Timeline entries from the blocks of a timeline section.
//!
//! An entry is a list item, a table row, a heading, or a line of text that
//! starts with a time. Nested items under a timed item are its details, not
//! entries. A line, item or heading that holds only a date (`**2023-08-04**`)
//! carries that date to the entries below it.

use crate::hash::HashSet;

use crate::lazy_regex::LazyRegex;

use super::markdown::{Block, BlockKind, Line, Markdown};
use super::roles::RoleTable;
use crate::cue::{Ahead, Before, Words};
use crate::model::{EntryOrigin, Spanned, TimelineEntry, WrittenTime};
use crate::source::Span;
use crate::text::starts_with_ignore_case;
use crate::time::clock::ClockOptions;
use crate::time::date::DateParts;
use crate::time::timestamp::{Timestamp, find_timestamps, parse_timestamp_prefix, shift};
use crate::time::zone::ZoneTable;

/// Words people put before a time at the start of an entry.
const LEAD_WORDS: &[&str] = &[
    "at ",
    "around ",
    "about ",
    "approximately ",
    "approx. ",
    "approx ",
    "by ",
    "on ",
    "from ",
    "~",
];

/// A short label before the time: `Detection time: 11:00 AM`.
static LEADING_LABEL: LazyRegex = LazyRegex::new(r"^([A-Za-z][A-Za-z /'&-]{0,30}?)\s*:\s+").needing(b":");
/// A time inside an item's sentence: "... forwarded the ticket at 3:17 PM".
const AT_WORDS: Words = Words::new(&["at", "around", "by", "about", "approximately"]);

fn at_time(b: Before<'_>) -> bool {
    b.space().and_then(|b| b.any_word(&AT_WORDS)).is_some() || b.spaces().literal("@").is_some()
}

const TIME: Words = Words::new(&["time", "times"]);
const ZONE: Words = Words::new(&["zone", "zones"]);

/// `time zone`, `time-zone`, `timezones` at `a`.
pub(crate) fn time_zone_at(a: Ahead<'_>) -> Option<Ahead<'_>> {
    let spaced = a.literal("time").and_then(|a| {
        let a = a.spaces();
        a.literal("-").map_or(a, Ahead::spaces).any_word(&ZONE)
    });
    spaced.or_else(|| a.any_word(&Words::new(&["timezone", "timezones"])))
}

/// `Timezone: PST`, `All times UTC`: a declaration, not an event.
pub(crate) fn is_zone_declaration(text: &str) -> bool {
    let start = text
        .find(|c: char| c.is_ascii_alphanumeric() || c == '_')
        .unwrap_or(text.len());
    let a = Ahead::new(text).skip(start);
    let all_times = a.literal("all").and_then(Ahead::space).map(|a| {
        let a = a.literal("the").and_then(Ahead::space).unwrap_or(a);
        a.any_word(&TIME)
    });
    time_zone_at(a).is_some() || a.word("tz").is_some() || all_times.flatten().is_some()
}

static PARENTHETICAL: LazyRegex = LazyRegex::new(r"\([^)]*\)").needing(b"(");

/// Whether the text after a date tells of an event, so the date heads an
/// entry rather than the entries below it: "2019-10-21 (all times UTC)" and
/// "**March 3**" are date lines, "March 3 - errors began on the API" an event.
fn is_event(description: &str) -> bool {
    PARENTHETICAL.replace_all(description, "").split_whitespace().count() >= 3
}

/// A time in the middle of an item's first line, after "at": the event's time
/// when the item does not start with one.
fn time_in_sentence(text: &str, zones: &ZoneTable) -> Option<Timestamp> {
    find_timestamps(text, zones)
        .into_iter()
        .find(|ts| ts.time.is_some() && at_time(Before::point(text, ts.range.start)))
}

/// A time at the start of a line of text, and where the description starts.
struct LeadingTime {
    ts: Timestamp,
    description_start: usize,
    /// A label before the time (`Detection time:`), as a range of the text.
    label: Option<std::ops::Range<usize>>,
}

fn leading_time(text: &str, zones: &ZoneTable, opts: ClockOptions) -> Option<LeadingTime> {
    let decoration = |c: char| {
        c.is_whitespace()
            || matches!(c, '•' | '·' | '-' | '–' | '—' | '*' | '>' | '|' | '[' | '(' | '#' | '+')
            || crate::text::is_pictograph(c)
    };
    let mut start = text.len() - text.trim_start_matches(decoration).len();
    start += ordered_marker_len(&text[start..]);
    let rest = &text[start..];
    if let Some(word) = LEAD_WORDS
        .iter()
        .find(|w| rest.len() > w.len() && starts_with_ignore_case(rest, w))
    {
        start += word.len();
    }
    let mut label = None;
    let mut ts = match parse_timestamp_prefix(&text[start..], zones, opts) {
        Some(ts) => ts,
        // `Issue Detected: June 15, 2023, 08:00 AM (PST) through alerts`
        None => {
            let caps = LEADING_LABEL.captures(&text[start..])?;
            let (whole, name) = (caps.get(0)?, caps.get(1)?);
            label = Some(start + name.start()..start + name.end());
            start += whole.end();
            parse_timestamp_prefix(&text[start..], zones, opts)?
        }
    };
    shift(&mut ts, start);
    let after = &text[ts.range.end..];
    // A time glued to a word (`9:00am-ish`) is fine; a date glued to digits is not.
    let separators = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ':' | '-' | '–' | '—' | '|' | ')' | ']' | '>' | '→' | ',' | '.' | '*' | '_'
            )
    };
    let description_start = ts.range.end + (after.len() - after.trim_start_matches(separators).len());
    Some(LeadingTime {
        ts,
        description_start,
        label,
    })
}

/// Whether the time that starts line `i` of a paragraph, before any entry
/// of it, is prose wrapped onto a new line ("... the page only went out
/// at" / "14:15 UTC, once the threshold was crossed."): the line before it ends in
/// the middle of a sentence, and the line after it does not start with a
/// time as well (as entries after an introduction do). A plain-text
/// heading (`Timeline`) is not a line before it: it is not in `body`.
fn wraps_prose(lines: &[Line<'_>], i: usize, body: Span, zones: &ZoneTable) -> bool {
    let Some(before) = i
        .checked_sub(1)
        .and_then(|p| lines.get(p))
        .filter(|before| body.contains(before.span))
    else {
        return false;
    };
    let mid_sentence = before
        .text
        .trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == ',');
    mid_sentence
        && lines
            .get(i + 1)
            .is_none_or(|after| leading_time(&after.text, zones, ClockOptions::default()).is_none())
}

/// The length of an ordered-list marker (`1. `, `12) `) with the blanks
/// after it, or 0. The markdown parser reads most as list items; these are
/// the ones it leaves as text: inside an HTML block, which runs on to the
/// next blank line after `<h3>Timeline</h3>`, and in a paragraph, which only
/// a list starting at 1 may interrupt.
fn ordered_marker_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if !(1..=3).contains(&digits) || !matches!(bytes.get(digits), Some(b'.' | b')')) {
        return 0;
    }
    let blanks = bytes[digits + 1..]
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    if blanks == 0 { 0 } else { digits + 1 + blanks }
}

/// A timestamp parsed from a line's plain text, with source spans.
pub(crate) fn written(line: &Line<'_>, ts: &Timestamp) -> WrittenTime {
    let span = |r: &std::ops::Range<usize>| line.source_span(r.clone());
    WrittenTime {
        span: span(&ts.range),
        date: ts.date.as_ref().map(|d| Spanned::new(d.value, span(&d.range))),
        time: ts.time.as_ref().map(|t| Spanned::new(t.value, span(&t.range))),
        end_time: ts.end_time.as_ref().map(|t| Spanned::new(t.value, span(&t.range))),
        zone: ts.zone.as_ref().map(|z| Spanned::new(z.value.clone(), span(&z.range))),
    }
}

/// Collects entries in document order and carries dates down.
struct Builder<'t> {
    src: &'t str,
    /// The timeline section being read.
    section: Option<usize>,
    /// Where that section's body ends: no description runs past it.
    body_end: usize,
    zones: &'t ZoneTable,
    roles: &'t RoleTable,
    entries: Vec<TimelineEntry>,
    carried: Option<Spanned<DateParts>>,
}

impl Builder<'_> {
    fn push(&mut self, mut entry: TimelineEntry, description_text: &str) {
        let end = entry.description.end.min(self.body_end).max(entry.description.start);
        let text = Span::new(entry.description.start, end).slice(self.src);
        entry.description.end = entry.description.start + text.trim_end().len();
        if let Some(date) = entry.written.as_ref().and_then(|w| w.date.clone()) {
            self.carried = Some(date);
        } else {
            entry.carried_date = self.carried.clone();
        }
        entry.role = self.roles.classify(description_text);
        self.entries.push(entry);
    }

    /// A line that may be an entry or a date heading. Returns whether it was either.
    fn line(&mut self, line: &Line<'_>, origin: EntryOrigin, block_end: usize, opts: ClockOptions) -> bool {
        let Some(found) = leading_time(&line.text, self.zones, opts) else {
            return false;
        };
        self.timed_line(line, found, origin, block_end)
    }

    /// `line`, which starts with the time `found`, as an entry (or, a date
    /// alone, as the date of the entries after it).
    fn timed_line(&mut self, line: &Line<'_>, found: LeadingTime, origin: EntryOrigin, block_end: usize) -> bool {
        let description = line.text[found.description_start..].trim_end();
        if found.ts.is_date_only() && !is_event(description) {
            if let Some(d) = &found.ts.date {
                self.carried = Some(Spanned::new(d.value, line.source_span(d.range.clone())));
            }
            return true;
        }
        let written = written(line, &found.ts);
        let description_span = line.source_span(found.description_start..line.text.len());
        // The description runs to the end of the entry's block (an item's
        // wrapped lines); `push` keeps it inside the timeline's body.
        let description_span = Span::new(description_span.start, description_span.end.max(block_end));
        let entry = TimelineEntry {
            span: line.span,
            origin,
            label: found.label.map(|r| line.source_span(r)),
            written: Some(written),
            description: description_span,
            carried_date: None,
            role: None,
            section: self.section,
            resolved: None,
        };
        self.push(entry, description);
        true
    }
}

/// Entries of the timeline sections whose bodies are `bodies`, each with the
/// index of its section (`None` for a body that is not a timeline section).
pub(crate) fn extract_entries(
    src: &str,
    md: &Markdown<'_>,
    bodies: &[(Option<usize>, Span)],
    zones: &ZoneTable,
    roles: &RoleTable,
) -> Vec<TimelineEntry> {
    let mut b = Builder {
        src,
        section: None,
        body_end: usize::MAX,
        zones,
        roles,
        entries: Vec::new(),
        carried: None,
    };
    // Items that became entries: their descendants are details.
    let mut entry_items: HashSet<u32> = HashSet::default();
    let mut table_columns: Option<(u32, TableColumns)> = None;
    let default_opts = ClockOptions::default();
    // Each block belongs to the first body it overlaps; bodies come in
    // document order, so blocks are visited in document order.
    let mut owner: Vec<Option<usize>> = vec![None; md.blocks.len()];
    for (b_index, (_, body)) in bodies.iter().enumerate() {
        for i in md.block_range(*body) {
            owner[i].get_or_insert(b_index);
        }
    }
    for (block_index, (block, owner)) in md.blocks.iter().zip(owner).enumerate() {
        let Some(&(section, body)) = owner.and_then(|o| bodies.get(o)) else {
            continue;
        };
        if b.section != section || b.body_end != body.end {
            // A new timeline: dates do not carry over from another one.
            b.carried = None;
        }
        b.section = section;
        b.body_end = body.end;
        match block.kind {
            BlockKind::TableRow { table, header } => {
                if table_columns.as_ref().is_none_or(|(id, _)| *id != table) {
                    // The table's first row: this block, or the ones just before it.
                    let first = md.blocks[..block_index]
                        .iter()
                        .rev()
                        .take_while(|b| matches!(b.kind, BlockKind::TableRow { table: t, .. } if t == table))
                        .count();
                    table_columns = Some((table, TableColumns::find(md, block_index - first, table, zones)));
                }
                if header {
                    continue;
                }
                if let Some((_, cols)) = &table_columns {
                    table_row(src, &mut b, block, cols);
                }
            }
            // A list item whose first line is the heading itself (`2. Timeline`
            // followed by lazy lines) is read line by line like a paragraph.
            BlockKind::Paragraph
                if block.item.is_some() && block.lines.first().is_some_and(|l| body.contains(l.span)) =>
            {
                list_item(md, &mut b, block, &mut entry_items, default_opts);
            }
            BlockKind::Paragraph | BlockKind::Code { fenced: false } => {
                let mut last_entry: Option<usize> = None;
                let mut read_entry = false;
                for (at, line) in block.lines.iter().enumerate().filter(|(_, l)| body.contains(l.span)) {
                    let found = leading_time(&line.text, zones, default_opts)
                        .filter(|_| read_entry || !wraps_prose(&block.lines, at, body, zones));
                    if let Some(found) = found
                        && b.timed_line(line, found, EntryOrigin::Line, line.span.end)
                    {
                        read_entry = true;
                        last_entry = (b.entries.last().map(|e| e.span) == Some(line.span)).then(|| b.entries.len() - 1);
                    } else if let Some(i) = last_entry
                        && !line.text.trim().is_empty()
                    {
                        // A line that continues the entry above it.
                        let e = &mut b.entries[i];
                        e.description = Span::new(e.description.start, line.span.end);
                    }
                }
            }
            // An HTML block runs on to the next blank line and swallows the
            // markdown after `<h3>Timeline</h3>`; its text lines still are entries.
            // `<li>14:05: alert</li>` and `<p>`s read as the text a reader sees.
            BlockKind::Html => {
                for line in block.prose.iter().filter(|l| body.contains(l.span)) {
                    b.line(line, EntryOrigin::Line, line.span.end, default_opts);
                }
            }
            BlockKind::Heading { .. } => {
                if let Some(line) = block.lines.first() {
                    b.line(line, EntryOrigin::Heading, line.span.end, default_opts);
                }
            }
            _ => {}
        }
    }
    b.entries
}

fn list_item(
    md: &Markdown<'_>,
    b: &mut Builder<'_>,
    block: &Block<'_>,
    entry_items: &mut HashSet<u32>,
    opts: ClockOptions,
) {
    let Some(item_ref) = block.item else {
        return;
    };
    if !item_ref.first_block {
        return;
    }
    let Some(item) = md.items.get(item_ref.id as usize) else {
        return;
    };
    let mut ancestor = item.parent;
    while let Some(id) = ancestor {
        if entry_items.contains(&id) {
            return;
        }
        ancestor = md.items.get(id as usize).and_then(|i| i.parent);
    }
    let Some(line) = block.lines.first() else {
        return;
    };
    if is_zone_declaration(&line.text) {
        return;
    }
    let before = b.entries.len();
    let block_end = block.lines.last().map_or(line.span.end, |l| l.span.end);
    let block_end = block_end.min(b.body_end);
    let origin = EntryOrigin::ListItem {
        depth: item.depth,
        list: item.list,
    };
    if b.line(line, origin, block_end, opts) {
        if b.entries.len() > before {
            entry_items.insert(item_ref.id);
        }
        return;
    }
    // "Customer support forwarded the ticket at 3:17 PM."
    if let Some(ts) = time_in_sentence(&line.text, b.zones) {
        let entry = TimelineEntry {
            span: line.span,
            origin,
            label: None,
            written: Some(written(line, &ts)),
            description: Span::new(line.span.start, block_end),
            carried_date: None,
            role: None,
            section: b.section,
            resolved: None,
        };
        b.push(entry, &line.text);
        entry_items.insert(item_ref.id);
        return;
    }
    // An item with text and no time: an entry without a time, unless its
    // children carry the times (`- **Detection:**` then `  - 15:30 UTC`).
    if line.text.trim().is_empty() || item.has_children {
        return;
    }
    // "**Actions taken:** investigated the logs": a stage of the story, labelled.
    let label = line
        .leading_emphatic_label()
        .map(|(range, _)| range)
        .or_else(|| {
            LEADING_LABEL
                .captures(&line.text)
                .and_then(|c| c.get(1))
                .map(|m| m.range())
        })
        .map(|range| line.source_span(range));
    b.entries.push(TimelineEntry {
        span: line.span,
        origin: EntryOrigin::ListItem {
            depth: item.depth,
            list: item.list,
        },
        label,
        written: None,
        description: Span::new(line.span.start, block_end),
        carried_date: b.carried.clone(),
        role: b.roles.classify(&line.text),
        section: b.section,
        resolved: None,
    });
}

/// Which columns of a table hold the time, the date and the description.
#[derive(Debug)]
struct TableColumns {
    time: Option<usize>,
    date: Option<usize>,
}

impl TableColumns {
    /// The columns of the table whose first row is `md.blocks[first]`; a
    /// table's rows are consecutive blocks.
    fn find(md: &Markdown<'_>, first: usize, table: u32, zones: &ZoneTable) -> TableColumns {
        let rows: Vec<&Block<'_>> = md.blocks[first..]
            .iter()
            .take_while(|b| matches!(b.kind, BlockKind::TableRow { table: t, .. } if t == table))
            .collect();
        let header = rows
            .iter()
            .find(|b| matches!(b.kind, BlockKind::TableRow { header: true, .. }));
        let mut time = None;
        let mut date = None;
        if let Some(header) = header {
            for (i, cell) in header.lines.iter().enumerate() {
                let h = cell.text.to_lowercase();
                if time.is_none()
                    && ["time", "when", "timestamp", "hour", "clock"]
                        .iter()
                        .any(|k| h.contains(k))
                {
                    time = Some(i);
                } else if date.is_none() && (h.contains("date") || h.trim() == "day") {
                    date = Some(i);
                }
            }
        }
        if time.is_none() {
            // No header says which: take the column whose cells start with times.
            let body: Vec<&&Block<'_>> = rows
                .iter()
                .filter(|b| !matches!(b.kind, BlockKind::TableRow { header: true, .. }))
                .collect();
            let width = body.iter().map(|b| b.lines.len()).max().unwrap_or(0);
            let opts = ClockOptions {
                dot_without_meridiem: true,
            };
            let best = (0..width)
                .map(|col| {
                    let n = body
                        .iter()
                        .filter(|row| {
                            row.lines
                                .get(col)
                                .and_then(|c| leading_time(&c.text, zones, opts))
                                .is_some_and(|t| t.ts.time.is_some())
                        })
                        .count();
                    (n, col)
                })
                .max_by_key(|(n, col)| (*n, std::cmp::Reverse(*col)));
            if let Some((n, col)) = best
                && n > 0
                && n * 2 >= body.len()
            {
                time = Some(col);
            }
        }
        if time.is_none() && date.is_some() {
            time = date.take();
        }
        TableColumns { time, date }
    }
}

fn table_id(block: &Block<'_>) -> u32 {
    match block.kind {
        BlockKind::TableRow { table, .. } => table,
        _ => 0,
    }
}

fn table_row(src: &str, b: &mut Builder<'_>, block: &Block<'_>, cols: &TableColumns) {
    let Some(time_col) = cols.time else {
        return;
    };
    let row_span = {
        let text = block.span.slice(src);
        Span::new(block.span.start, block.span.start + text.trim_end().len())
    };
    // A row is empty when nothing but pipes and spaces is written in it (an
    // image in a cell has no text but is not nothing).
    if row_span.slice(src).chars().all(|c| c == '|' || c.is_whitespace()) {
        b.entries.push(TimelineEntry {
            span: row_span,
            label: None,
            origin: EntryOrigin::TableRow {
                empty: true,
                table: table_id(block),
            },
            written: None,
            description: Span::empty_at(row_span.end),
            carried_date: b.carried.clone(),
            role: None,
            section: b.section,
            resolved: None,
        });
        return;
    }
    // A row with no text (an image on its own line inside the table) is no entry.
    if block.is_blank() {
        return;
    }
    let opts = ClockOptions {
        dot_without_meridiem: true,
    };
    let description_cell = block
        .lines
        .iter()
        .enumerate()
        .find(|(i, c)| Some(*i) != cols.time && Some(*i) != cols.date && !c.text.trim().is_empty())
        .map(|(_, c)| c);
    let description_text = description_cell.map_or("", |c| c.text.as_ref());
    let description = description_cell.map_or(Span::empty_at(row_span.end), |c| c.span);
    let mut written_time = block
        .lines
        .get(time_col)
        .and_then(|cell| leading_time(&cell.text, b.zones, opts).map(|t| written(cell, &t.ts)));
    if let Some(date_col) = cols.date
        && let Some(cell) = block.lines.get(date_col)
        && let Some(found) = leading_time(&cell.text, b.zones, opts)
        && let Some(date) = &found.ts.date
    {
        let date = Spanned::new(date.value, cell.source_span(date.range.clone()));
        match &mut written_time {
            Some(w) if w.date.is_none() => {
                w.span = w.span.cover(date.span);
                w.date = Some(date);
            }
            Some(_) => {}
            None => {
                b.carried = Some(date);
            }
        }
    }
    let entry = TimelineEntry {
        span: row_span,
        label: None,
        origin: EntryOrigin::TableRow {
            empty: false,
            table: table_id(block),
        },
        written: written_time,
        description,
        carried_date: None,
        role: None,
        section: b.section,
        resolved: None,
    };
    if entry.written.is_none() {
        let mut entry = entry;
        entry.carried_date = b.carried.clone();
        entry.role = b.roles.classify(description_text);
        b.entries.push(entry);
    } else {
        b.push(entry, description_text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lead(text: &str) -> Option<(String, String)> {
        let t = leading_time(text, ZoneTable::builtin(), ClockOptions::default())?;
        Some((
            text[t.ts.range.clone()].to_string(),
            text[t.description_start..].to_string(),
        ))
    }

    #[test]
    fn leading_times() {
        assert_eq!(
            lead("9:00 AM: Alert fired"),
            Some(("9:00 AM".into(), "Alert fired".into()))
        );
        assert_eq!(lead("[10:00] deploy"), Some(("10:00".into(), "deploy".into())));
        assert_eq!(
            lead("At 10:15 AM, the team"),
            Some(("10:15 AM".into(), "the team".into()))
        );
        assert_eq!(
            lead("• 14:05 UTC — rollback"),
            Some(("14:05 UTC".into(), "rollback".into()))
        );
        assert_eq!(
            lead("10:05 AM Sitewide update"),
            Some(("10:05 AM".into(), "Sitewide update".into()))
        );
        assert_eq!(lead("The alert fired at 9:00"), None);
        assert_eq!(
            lead("Issue Detected: June 15, 2023, 08:00 AM (PST) through alerts"),
            Some(("June 15, 2023, 08:00 AM (PST)".into(), "through alerts".into()))
        );
        assert_eq!(lead("Detection: 3 users reported errors"), None);
        // Ordered-list markers the markdown parser left as text (inside an
        // HTML block, or a list that cannot interrupt a paragraph).
        assert_eq!(lead("1. 14:05 alert"), Some(("14:05".into(), "alert".into())));
        assert_eq!(lead("12) 9:00 AM: deploy"), Some(("9:00 AM".into(), "deploy".into())));
        assert_eq!(
            lead("3. March 4, 10:00 deploy"),
            Some(("March 4, 10:00".into(), "deploy".into()))
        );
        assert_eq!(
            lead("2. Detection: 14:05 alert"),
            Some(("14:05".into(), "alert".into()))
        );
        assert_eq!(lead("2. 10 minutes later the alert fired"), None);
        assert_eq!(lead("1.5 hours in, 14:05"), None);
        assert_eq!(lead("2024. 14:05 alert"), None);
        assert_eq!(lead("⏰ 14:05 alert"), Some(("14:05".into(), "alert".into())));
        assert_eq!(lead("📌 00:01: IDS alert"), Some(("00:01".into(), "IDS alert".into())));
        assert_eq!(lead("€14.05 refunded"), None);
    }

    #[test]
    fn cues_read_as_the_regexes_did() {
        let words = [
            "at",
            "around",
            "by",
            "about",
            "approximately",
            "time",
            "times",
            "zone",
            "zones",
            "tz",
            "all",
            "the",
        ];
        crate::cue::equivalence::assert_same_before(
            r"(?i)\b(?:at|around|by|about|approximately)\s+$|@\s*$",
            &words,
            at_time,
        );
        crate::cue::equivalence::assert_same_text(
            r"(?i)^[^A-Za-z0-9_]*(?:time\s*-?\s*zones?|timezones?|tz|all\s+(?:the\s+)?times?)\b",
            &words,
            is_zone_declaration,
        );
    }
}

#[cfg(test)]
mod patterns {
    #[test]
    fn patterns_compile_and_need_what_they_say() {
        for pattern in [&super::LEADING_LABEL, &super::PARENTHETICAL] {
            pattern.check();
        }
    }
}
