//! Every date and time written in the document: in prose, metadata,
//! headings and the timeline. Rules that check dates and times as written
//! (invalid times, wrong weekdays, ambiguous day/month order) read these.

use crate::hash::{HashMap, HashSet};

use super::markdown::{BlockKind, Markdown};
use super::timeline::written;
use crate::model::{MentionPlace, MetadataField, TimeMention, TimelineEntry};
use crate::source::Span;
use crate::time::timestamp::find_timestamps;
use crate::time::zone::ZoneTable;

pub(crate) fn collect_mentions(
    md: &Markdown<'_>,
    body: Span,
    metadata: &[MetadataField<'_>],
    entries: &[TimelineEntry],
    zones: &ZoneTable,
) -> Vec<TimeMention> {
    let mut mentions = Vec::new();
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
            for ts in find_timestamps(&line.text, zones) {
                let written = written(line, &ts);
                let place = if let Some(&i) = entry_at.get(&written.span) {
                    MentionPlace::Timeline(i)
                } else if front_matter || in_metadata(written.span) {
                    MentionPlace::Metadata
                } else {
                    MentionPlace::Prose
                };
                mentions.push(TimeMention { written, place });
            }
        }
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
    mentions
}
