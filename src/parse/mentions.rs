//! Every date and time written in the document: in prose, metadata,
//! headings and the timeline. Rules that check dates and times as written
//! (invalid times, wrong weekdays, ambiguous day/month order) read these.

use crate::hash::{HashMap, HashSet};

use super::markdown::{BlockKind, Line, Markdown};
use super::timeline::written;
use crate::model::{MentionPlace, MetadataField, TimeMention, TimelineEntry};
use crate::source::Span;
use crate::time::timestamp::{Timestamp, find_timestamps};
use crate::time::zone::ZoneTable;

/// The timestamps found in each line of the body, kept for the statement
/// reader, which reads the summary's lines again: scanning them twice was
/// a fortieth of a document's cost.
#[derive(Default)]
pub(crate) struct LineStamps {
    /// By line, in document order: the line's span, its text's length, and
    /// its timestamps.
    lines: Vec<(Span, usize, Vec<Timestamp>)>,
}

impl LineStamps {
    /// The timestamps of `line`, if it was read. A leaf block's lines do not
    /// overlap another's, so a span and a length name one line.
    pub(crate) fn of(&self, line: &Line<'_>) -> Option<&[Timestamp]> {
        let i = self.lines.partition_point(|(span, _, _)| *span < line.span);
        self.lines
            .get(i)
            .filter(|(span, len, _)| *span == line.span && *len == line.text.len())
            .map(|(_, _, stamps)| stamps.as_slice())
    }
}

pub(crate) fn collect_mentions(
    md: &Markdown<'_>,
    body: Span,
    metadata: &[MetadataField<'_>],
    entries: &[TimelineEntry],
    zones: &ZoneTable,
) -> (Vec<TimeMention>, LineStamps) {
    let mut mentions = Vec::new();
    let mut stamps = LineStamps::default();
    // Lookups by span keep this linear on documents with huge timelines.
    let entry_at: HashMap<Span, usize> = entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.written.as_ref().map(|w| (w.span, i)))
        .collect();
    let mut metadata_spans: Vec<Span> = metadata.iter().map(|m| m.value_span).collect();
    metadata_spans.sort();
    let in_metadata = |span: Span| {
        let i = metadata_spans.partition_point(|m| m.start <= span.start);
        i > 0 && metadata_spans[i - 1].contains(span)
    };
    for block in md.blocks_in(body) {
        if matches!(block.kind, BlockKind::Code { fenced: true } | BlockKind::ThematicBreak) {
            continue;
        }
        // Broken front matter is still metadata, not prose; HTML is read as
        // the text a reader sees.
        let front_matter = block.kind == BlockKind::FrontMatter;
        let lines = if block.kind == BlockKind::Html {
            &block.prose
        } else {
            &block.lines
        };
        for line in lines {
            let found = find_timestamps(&line.text, zones);
            for ts in &found {
                let written = written(line, ts);
                let place = if let Some(&i) = entry_at.get(&written.span) {
                    MentionPlace::Timeline(i)
                } else if front_matter || in_metadata(written.span) {
                    MentionPlace::Metadata
                } else {
                    MentionPlace::Prose
                };
                mentions.push(TimeMention { written, place });
            }
            stamps.lines.push((line.span, line.text.len(), found));
        }
    }
    // Blocks come in document order; sorted all the same, as `of` needs.
    if !stamps.lines.is_sorted_by_key(|(span, _, _)| *span) {
        stamps.lines.sort_by_key(|(span, _, _)| *span);
    }
    // Times only the timeline reader finds (a table cell's `14.05`).
    let found: HashSet<Span> = mentions.iter().map(|m| m.written.span).collect();
    for (i, entry) in entries.iter().enumerate() {
        if let Some(w) = &entry.written
            && !found.contains(&w.span)
        {
            mentions.push(TimeMention {
                written: w.clone(),
                place: MentionPlace::Timeline(i),
            });
        }
    }
    mentions.sort_by_key(|m| (m.written.span.start, m.written.span.end));
    mentions.dedup_by_key(|m| m.written.span);
    (mentions, stamps)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::markdown::parse_markdown;

    /// What the statement reader gets from the kept timestamps is what it
    /// would find itself, for every line it reads, HTML prose included.
    #[test]
    fn kept_timestamps_are_each_lines_own() {
        let src = "# Outage\n\nStarted at 14:05 UTC, ended 15:40 UTC.\n\n\
                   - 09:00 first\n- 09:30 second, then 10:00\n\n\
                   <p>At 11:15 it paged.</p>\n\n```\n12:00 in code\n```\n\n\
                   | When | What |\n| --- | --- |\n| 13:20 | row |\n";
        let body = Span::new(0, src.len());
        let md = parse_markdown(src, body);
        let zones = ZoneTable::builtin();
        let (_, stamps) = collect_mentions(&md, body, &[], &[], zones);
        let mut read = 0;
        for line in md.lines_in(body) {
            let kept = stamps.of(line).expect("every line read by statements was read here");
            assert_eq!(kept, find_timestamps(&line.text, zones).as_slice(), "{:?}", line.text);
            read += usize::from(!kept.is_empty());
        }
        assert!(read >= 5, "{read} lines with times");
        // A line that is not the document's is not answered for.
        let other = "Started at 14:05 UTC";
        let other_md = parse_markdown(other, Span::new(0, other.len()));
        let line = other_md.lines_in(Span::new(0, other.len())).next().expect("one line");
        assert!(stamps.of(line).is_none());
    }
}
