//! Source text to [`Incident`]: markdown blocks, sections, metadata, title,
//! timeline entries, and section kinds folded into other sections.
//!
//! The parser knows nothing about rules. Its tables (section synonyms,
//! timezones, event roles) come in through [`ParseOptions`] so configuration
//! can extend them.

mod fence;
pub mod headings;
pub mod markdown;
pub mod roles;
mod sections;
mod timeline;

use std::sync::LazyLock;

use regex::Regex;

pub use fence::document_body;
pub use headings::SectionTable;
pub use roles::RoleTable;

use crate::model::{EventRole, FoldedKind, Incident, KindSet, SectionKind, Timeline, TimelineEntry};
use crate::source::Span;
use crate::time::zone::ZoneTable;
use markdown::{BlockKind, Markdown};

/// The data tables the parser reads, built-in or extended by config.
#[derive(Clone, Copy)]
pub struct ParseOptions<'c> {
    pub sections: &'c SectionTable,
    pub zones: &'c ZoneTable,
    pub roles: &'c RoleTable,
}

impl Default for ParseOptions<'static> {
    fn default() -> Self {
        ParseOptions {
            sections: SectionTable::builtin(),
            zones: ZoneTable::builtin(),
            roles: RoleTable::builtin(),
        }
    }
}

/// Fewest timed list items or table rows that make an unheaded timeline.
const UNHEADED_TIMELINE_MIN: usize = 3;
/// Fewest words of opening prose that stand in for a summary section.
const OPENING_SUMMARY_MIN_WORDS: usize = 12;

static ROOT_CAUSE_STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:root|primary|underlying|main)\s+cause\b[^.]{0,60}?\b(?:was|is|were|are|turned out|traced)\b|\bwas caused by\b|\bwere caused by\b",
    )
    .expect("valid regex")
});

pub fn parse<'a>(src: &'a str, opts: &ParseOptions<'_>) -> Incident<'a> {
    let body = fence::document_body(src);
    let md = markdown::parse_markdown(src, body);
    let candidates = sections::collect_candidates(src, &md, opts.sections);
    let outline = sections::build_outline(src, &md, candidates, body.end);
    let mut section_list = outline.sections;
    for (section, ambiguous) in section_list.iter_mut().zip(outline.ambiguous) {
        if ambiguous {
            section.kinds = section.kinds.union(kinds_from_content(&md, section.body, opts));
        }
    }
    let metadata = sections::collect_metadata(&md, &section_list);
    let title = sections::find_title(&section_list, &metadata);

    let timeline_sections: Vec<usize> = section_list
        .iter()
        .enumerate()
        .filter(|(_, s)| s.is(SectionKind::Timeline))
        .map(|(i, _)| i)
        .collect();
    let bodies: Vec<Span> = timeline_sections.iter().map(|&i| section_list[i].body).collect();
    let mut timeline = Timeline {
        entries: timeline::extract_entries(src, &md, &bodies, opts.zones, opts.roles),
        sections: timeline_sections,
    };

    let mut folded = Vec::new();
    if timeline.sections.is_empty() {
        fold_unheaded_timeline(src, &md, body, opts, &section_list, &mut timeline, &mut folded);
    }
    let mut incident = Incident {
        src,
        body,
        markdown: md,
        title,
        metadata,
        sections: section_list,
        folded,
        timeline,
    };
    fold_resolution(&mut incident, opts);
    fold_root_cause(&mut incident);
    fold_opening_summary(&mut incident);
    incident
}

/// "Mitigation": action items if it talks of the future, resolution if it
/// tells what was done, resolution if it says neither.
fn kinds_from_content(md: &Markdown<'_>, body: Span, opts: &ParseOptions<'_>) -> KindSet {
    let mut kinds = KindSet::EMPTY;
    let mut future = false;
    let mut done = false;
    for line in md.lines_in(body) {
        future |= opts.sections.mentions_future_work(&line.text);
        done |= opts.roles.find_restoration(&line.text).is_some();
    }
    if future {
        kinds.insert(SectionKind::ActionItems);
    }
    if done || !future {
        kinds.insert(SectionKind::Resolution);
    }
    kinds
}

fn section_at(sections: &[crate::model::Section<'_>], offset: usize) -> Option<usize> {
    sections
        .iter()
        .rposition(|s| s.span.start <= offset && offset < s.span.end.max(s.span.start + 1))
}

/// A timeline written as a list or table under another heading ("Issue
/// Summary" holding timed bullets) still is the document's timeline.
fn fold_unheaded_timeline(
    src: &str,
    md: &Markdown<'_>,
    body: Span,
    opts: &ParseOptions<'_>,
    sections: &[crate::model::Section<'_>],
    timeline: &mut Timeline,
    folded: &mut Vec<FoldedKind>,
) {
    let entries = timeline::extract_entries(src, md, &[body], opts.zones, opts.roles);
    let structured: Vec<TimelineEntry> = entries
        .into_iter()
        .filter(|e| {
            e.time().is_some()
                && !matches!(
                    e.origin,
                    crate::model::EntryOrigin::Line | crate::model::EntryOrigin::Heading
                )
        })
        .collect();
    if structured.len() < UNHEADED_TIMELINE_MIN {
        return;
    }
    let first = structured[0].span;
    folded.push(FoldedKind {
        kind: SectionKind::Timeline,
        evidence: first,
        section: section_at(sections, first.start),
    });
    timeline.entries = structured;
}

/// Resolution told by the timeline ("100% of traffic back online") or by the
/// root cause ("corrected by replacing the faulty parts").
fn fold_resolution(incident: &mut Incident<'_>, opts: &ParseOptions<'_>) {
    if incident.sections_of(SectionKind::Resolution).next().is_some() {
        return;
    }
    let from_timeline = incident
        .timeline
        .entries
        .iter()
        .find(|e| e.role == Some(EventRole::Resolution))
        .or_else(|| {
            incident
                .timeline
                .entries
                .iter()
                .find(|e| e.role == Some(EventRole::Mitigation))
        })
        .map(|e| e.span);
    let evidence = from_timeline.or_else(|| {
        incident
            .sections
            .iter()
            .filter(|s| s.is(SectionKind::RootCause))
            .flat_map(|s| incident.markdown.lines_in(s.body))
            .find_map(|line| opts.roles.find_restoration(&line.text).map(|r| line.source_span(r)))
    });
    if let Some(evidence) = evidence {
        let section = section_at(&incident.sections, evidence.start);
        incident.folded.push(FoldedKind {
            kind: SectionKind::Resolution,
            evidence,
            section,
        });
    }
}

/// "The root cause was a failed disk" in the summary.
fn fold_root_cause(incident: &mut Incident<'_>) {
    if incident.sections_of(SectionKind::RootCause).next().is_some() {
        return;
    }
    let evidence = incident.markdown.lines_in(incident.body).find_map(|line| {
        ROOT_CAUSE_STATEMENT
            .find(&line.text)
            .map(|m| line.source_span(m.range()))
    });
    if let Some(evidence) = evidence {
        let section = section_at(&incident.sections, evidence.start);
        incident.folded.push(FoldedKind {
            kind: SectionKind::RootCause,
            evidence,
            section,
        });
    }
}

/// Opening prose before the first section heading is the summary.
fn fold_opening_summary(incident: &mut Incident<'_>) {
    if incident.sections_of(SectionKind::Summary).next().is_some() {
        return;
    }
    let first_known = incident
        .sections
        .iter()
        .find(|s| s.kinds.is_known())
        .map_or(incident.body.end, |s| s.span.start);
    let metadata_lines: Vec<Span> = incident
        .metadata
        .iter()
        .map(|m| m.key_span.cover(m.value_span))
        .collect();
    let opening = incident
        .markdown
        .blocks_in(Span::new(incident.body.start, first_known))
        .filter(|b| b.kind == BlockKind::Paragraph && b.item.is_none() && b.span.end <= first_known)
        .find(|b| {
            let words: usize = b
                .lines
                .iter()
                .filter(|l| !metadata_lines.iter().any(|m| l.span.contains(*m)))
                .map(|l| l.text.split_whitespace().count())
                .sum();
            words >= OPENING_SUMMARY_MIN_WORDS
        });
    if let Some(block) = opening {
        let evidence = block.lines.first().map_or(block.span, |l| l.span);
        let section = section_at(&incident.sections, evidence.start);
        incident.folded.push(FoldedKind {
            kind: SectionKind::Summary,
            evidence,
            section,
        });
    }
}
