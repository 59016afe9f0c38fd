//! Source text to [`Incident`]: markdown blocks, sections, metadata, title,
//! timeline entries, and section kinds folded into other sections.
//!
//! The parser knows nothing about rules. Its tables (section synonyms,
//! timezones, event roles) come in through [`ParseOptions`] so configuration
//! can extend them.

mod action_items;
mod entities;
mod fence;
mod front_matter;
pub mod headings;
pub mod markdown;
mod mentions;
mod resolve;
pub mod roles;
mod sections;
mod statements;
mod suppressions;
mod timeline;

use std::sync::LazyLock;

use crate::lazy_regex::LazyRegex;

pub use fence::document_body;
pub use headings::SectionTable;
pub use roles::RoleTable;

use crate::model::{EventRole, FoldedKind, Incident, KindSet, SectionKind, Timeline, TimelineEntry};
use crate::settings::Settings;
use crate::source::Span;
use crate::time::zone::ZoneTable;
use markdown::{BlockKind, Markdown};

/// The data tables and settings the parser reads, built-in or from config.
#[derive(Clone, Copy)]
pub struct ParseOptions<'c> {
    pub sections: &'c SectionTable,
    pub zones: &'c ZoneTable,
    pub roles: &'c RoleTable,
    pub settings: &'c Settings,
}

static DEFAULT_SETTINGS: LazyLock<Settings> = LazyLock::new(Settings::default);

impl Default for ParseOptions<'static> {
    fn default() -> Self {
        ParseOptions {
            sections: SectionTable::builtin(),
            zones: ZoneTable::builtin(),
            roles: RoleTable::builtin(),
            settings: &DEFAULT_SETTINGS,
        }
    }
}

/// Fewest timed list items or table rows that make an unheaded timeline.
const UNHEADED_TIMELINE_MIN: usize = 3;
/// Fewest words of opening prose that stand in for a summary section.
const OPENING_SUMMARY_MIN_WORDS: usize = 12;

static ROOT_CAUSE_STATEMENT: LazyRegex = LazyRegex::new(r"(?i)\b(?:root|primary|underlying|main)\s+cause\b[^.]{0,60}?\b(?:was|is|were|are|turned out|traced|boiled down|came down|comes down|lies|lay|stemmed|stems)\b|\bwas caused by\b|\bwere caused by\b").needing(b"eE");

pub fn parse<'a>(src: &'a str, opts: &ParseOptions<'_>) -> Incident<'a> {
    parse_indexed(src, crate::source::LineIndex::new(src), opts)
}

/// A document read from a file: its lines are already indexed, and copying
/// the index costs a tenth of making it again.
pub fn parse_source<'a>(source: &'a crate::source::Source, opts: &ParseOptions<'_>) -> Incident<'a> {
    parse_indexed(&source.text, source.lines.clone(), opts)
}

/// `lines`: the line index of `src`.
fn parse_indexed<'a>(src: &'a str, lines: crate::source::LineIndex, opts: &ParseOptions<'_>) -> Incident<'a> {
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
    let (front_matter_fields, front_matter_error) = front_matter::read(src, body);
    let mut metadata = front_matter_fields;
    metadata.extend(sections::collect_metadata(&md, &section_list));
    let title = sections::find_title(&section_list, &metadata);

    let timeline_sections: Vec<usize> = section_list
        .iter()
        .enumerate()
        .filter(|(_, s)| s.is(SectionKind::Timeline))
        .map(|(i, _)| i)
        .collect();
    let bodies: Vec<(Option<usize>, Span)> = timeline_sections
        .iter()
        .map(|&i| (Some(i), section_list[i].body))
        .collect();
    let mut timeline = Timeline {
        entries: timeline::extract_entries(src, &md, &bodies, opts.zones, opts.roles),
        sections: timeline_sections,
        ..Timeline::default()
    };

    let mut folded = Vec::new();
    if timeline.sections.is_empty() {
        fold_unheaded_timeline(src, &md, body, opts, &section_list, &mut timeline, &mut folded);
    }
    let mut incident = Incident {
        src,
        lines,
        body,
        markdown: md,
        title,
        metadata,
        sections: section_list,
        folded,
        timeline,
        document_date: None,
        document_zone: None,
        date_order: None,
        statements: Vec::new(),
        mentions: Vec::new(),
        entities: Vec::new(),
        action_items: Vec::new(),
        incident_id: None,
        suppressions: Vec::new(),
        front_matter_error,
    };
    fold_resolution(&mut incident, opts);
    fold_root_cause(&mut incident);
    fold_opening_summary(&mut incident);
    let stamps;
    (incident.mentions, stamps) = mentions::collect_mentions(
        &incident.markdown,
        body,
        &incident.metadata,
        &incident.timeline.entries,
        opts.zones,
    );
    resolve::resolve(&mut incident, opts);
    incident.statements = statements::extract_statements(&incident, opts, &stamps);
    drop(stamps);
    statements::resolve_statements(&mut incident, opts);
    incident.entities = entities::collect_entities(src, &incident.markdown, body, &incident.sections);
    incident.action_items = action_items::collect_action_items(src, &incident.markdown, &incident.sections);
    incident.incident_id = incident_id(&incident);
    incident.suppressions = suppressions::collect_suppressions(src, &incident.markdown, body);
    incident
}

/// Metadata keys that hold the incident's id.
const ID_KEYS: &[&str] = &[
    "incident id",
    "incident_id",
    "incident-id",
    "id",
    "incident number",
    "incident no",
    "incident no.",
    "incident #",
];

static TITLE_ID: LazyRegex =
    LazyRegex::new(r"(?i)\bincident\s*(?:#|no\.?|number)\s*([A-Za-z0-9][A-Za-z0-9-]*)|\b(INC-?[0-9]+)\b")
        .needing(b"nN");

/// The id the document gives its incident: metadata first, then the title.
fn incident_id(incident: &Incident<'_>) -> Option<crate::model::Spanned<String>> {
    if let Some(field) = ID_KEYS.iter().find_map(|k| incident.metadata(k)) {
        let value = field.value.trim();
        if !value.is_empty() && value.len() <= 40 {
            return Some(crate::model::Spanned::new(value.to_string(), field.value_span));
        }
    }
    let title = incident.title.as_ref()?;
    let caps = TITLE_ID.captures(&title.text)?;
    let id = caps.get(1).or_else(|| caps.get(2))?;
    let at = title.span.slice(incident.src).find(id.as_str())?;
    let span = Span::new(title.span.start + at, title.span.start + at + id.len());
    Some(crate::model::Spanned::new(id.as_str().to_string(), span))
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
    let entries = timeline::extract_entries(src, md, &[(None, body)], opts.zones, opts.roles);
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
    let mut metadata_lines: Vec<Span> = incident
        .metadata
        .iter()
        .map(|m| m.key_span.cover(m.value_span))
        .collect();
    metadata_lines.sort_by_key(|m| m.start);
    // Whether a line holds a metadata field: the last field starting in it.
    let holds_metadata = |l: &markdown::Line<'_>| {
        let i = metadata_lines.partition_point(|m| m.start < l.span.end);
        metadata_lines[..i]
            .iter()
            .rev()
            .take_while(|m| m.start >= l.span.start)
            .any(|m| l.span.contains(*m))
    };
    let opening = incident
        .markdown
        .blocks_in(Span::new(incident.body.start, first_known))
        .filter(|b| b.kind == BlockKind::Paragraph && b.item.is_none() && b.span.end <= first_known)
        .find(|b| {
            let words: usize = b
                .lines
                .iter()
                .filter(|l| !holds_metadata(l))
                .map(|l| l.text.split_whitespace().count())
                .sum();
            words >= OPENING_SUMMARY_MIN_WORDS
        });
    // The summary many templates ask for is the outage's duration and its
    // impact; written as `Duration:` and `Impact:` at the top, it is one.
    let duration_and_impact = incident
        .metadata
        .iter()
        .find(|m| m.key.starts_with("duration") || m.key == "start time")
        .filter(|_| incident.sections_of(SectionKind::Impact).next().is_some())
        .map(|m| m.key_span.cover(m.value_span));
    let evidence = opening
        .map(|block| block.lines.first().map_or(block.span, |l| l.span))
        .or(duration_and_impact);
    if let Some(evidence) = evidence {
        let section = section_at(&incident.sections, evidence.start);
        incident.folded.push(FoldedKind {
            kind: SectionKind::Summary,
            evidence,
            section,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::HeadingStyle;

    fn kinds_of(src: &str) -> Vec<(String, Vec<&'static str>)> {
        let incident = parse(src, &ParseOptions::default());
        incident
            .sections
            .iter()
            .map(|s| (s.heading.text.to_string(), s.kinds.iter().map(|k| k.as_str()).collect()))
            .collect()
    }

    fn section<'a>(src: &'a str, heading: &str) -> crate::model::Section<'a> {
        parse(src, &ParseOptions::default())
            .sections
            .into_iter()
            .find(|s| s.heading.text == heading)
            .unwrap_or_else(|| panic!("no section {heading}"))
    }

    #[test]
    fn headings_of_every_style() {
        let src = "# Title\n\n**Timeline**\n- 09:00 x\n\n<h2>Root cause</h2>\n\nDisk.\n\nResolution:\nRestarted.\n\n**Action items:** add alerts\n";
        let found = kinds_of(src);
        let styles: Vec<HeadingStyle> = parse(src, &ParseOptions::default())
            .sections
            .iter()
            .map(|s| s.heading.style)
            .collect();
        assert_eq!(
            styles,
            vec![
                HeadingStyle::Atx,
                HeadingStyle::Emphasis,
                HeadingStyle::Html,
                HeadingStyle::PlainText,
                HeadingStyle::Label
            ]
        );
        assert_eq!(found[4], ("Action items".to_string(), vec!["action-items"]));
    }

    #[test]
    fn numbered_plain_text_headings_with_lazy_text() {
        let src = "1. Issue Summary:\nOn March 3 the site failed.\n2. Timeline\n14:45 UTC: alert\n15:00 UTC: fixed\n3. Root cause and resolution:\nA typo, corrected.\n";
        let incident = parse(src, &ParseOptions::default());
        let kinds: Vec<Vec<&str>> = incident
            .sections
            .iter()
            .map(|s| s.kinds.iter().map(|k| k.as_str()).collect())
            .collect();
        assert_eq!(
            kinds,
            vec![vec!["summary"], vec!["timeline"], vec!["root-cause", "resolution"]]
        );
        assert_eq!(incident.timeline.timed_entries().count(), 2);
    }

    #[test]
    fn heading_lines_after_a_list_are_headings() {
        let src = "Timeline:\n- 10:45 AM: alert\n- 1:00 PM: fixed\nRoot Cause and Resolution:\nA bad config.\n";
        let incident = parse(src, &ParseOptions::default());
        assert!(incident.has_kind(SectionKind::RootCause));
        let entry = &incident.timeline.entries[1];
        assert_eq!(incident.text(entry.description), "fixed");
    }

    #[test]
    fn headings_swallowed_by_an_html_block() {
        let src = "# Report\n<img src=\"x.png\">\n## Issue Summary\nText.\n\n<h3>Timeline</h3>\n- 8:50 PM: alert\n- 9:40 PM: restored\n";
        let incident = parse(src, &ParseOptions::default());
        assert!(incident.has_kind(SectionKind::Summary));
        assert_eq!(incident.timeline.timed_entries().count(), 2);
        // Numbered the same way, the items stay text in the HTML block too.
        let numbered = src.replace("- 8:50", "1. 8:50").replace("- 9:40", "2. 9:40");
        assert_eq!(entry_times(&numbered), ["8:50 PM", "9:40 PM"]);
    }

    /// The times of a document's timeline entries, as written.
    fn entry_times(src: &str) -> Vec<String> {
        let incident = parse(src, &ParseOptions::default());
        incident
            .timeline
            .timed_entries()
            .filter_map(|e| e.written.as_ref())
            .map(|w| incident.text(w.span).to_string())
            .collect()
    }

    #[test]
    fn a_time_that_wraps_onto_a_line_of_prose_is_no_entry() {
        let src = "## Timeline\n\n- 14:20 UTC: alert\n- 14:34 UTC: recovered\n\nErrors began well before the page, which only went out at\n14:15 UTC, once the threshold was crossed.\n";
        assert_eq!(entry_times(src), ["14:20 UTC", "14:34 UTC"]);
        // Lines of entries after an introduction, a plain-text heading, or an
        // entry the line before continues, are entries.
        let plain = "Timeline\nWhat happened on the day\n14:05 alert fired\n14:10 rolled back\n";
        assert_eq!(entry_times(plain), ["14:05", "14:10"]);
        let one = "Timeline\n14:05 alert fired\n";
        assert_eq!(entry_times(one), ["14:05"]);
        let continued = "Timeline\n14:05 alert fired and the on-call\nengineer was paged\n14:10 rolled back\n";
        assert_eq!(entry_times(continued), ["14:05", "14:10"]);
        let sentence = "## Timeline\n\nEverything below is in UTC.\n14:05 alert fired\n";
        assert_eq!(entry_times(sentence), ["14:05"]);
    }

    #[test]
    fn template_timeline_parts_belong_to_the_timeline() {
        let src = "## Timeline:\n\n## Detection:\n- 2:00 PM (UTC): alerts fired\n\n## Actions Taken:\n- 2:30 PM (UTC): rolled back\n\n## Root Cause:\nA bad deploy.\n";
        let timeline = section(src, "Timeline:");
        assert!(timeline.has_content && timeline.has_subsections);
        let incident = parse(src, &ParseOptions::default());
        assert_eq!(incident.timeline.timed_entries().count(), 2);
    }

    #[test]
    fn parents_of_same_level_parts() {
        let src = "## Root Cause and Resolution\n## Root Cause:\nDisk.\n## Resolution:\nFreed.\n## Improvements:\n## Monitoring\nAdd alerts.\n## Impact\n## Summary\nx\n";
        assert!(section(src, "Root Cause and Resolution").has_subsections);
        assert!(section(src, "Improvements:").has_subsections);
        assert!(!section(src, "Impact").has_subsections);
    }

    #[test]
    fn documents_in_a_fence() {
        let pasted = "Sure, here it is:\n```markdown\n# Outage\n## Summary\nDown.\n```\n";
        assert!(parse(pasted, &ParseOptions::default()).has_kind(SectionKind::Summary));
        let plain = "```\nSummary:\nThe API was down.\nRoot cause:\nDisk.\n```\n";
        assert!(parse(plain, &ParseOptions::default()).has_kind(SectionKind::RootCause));
    }

    #[test]
    fn folded_kinds() {
        let src = "# Outage\n\nOn 2 May the export job failed for five hours because a renamed column broke it, and the root cause was a schema change.\n\n## Timeline\n- 09:00 deploy\n- 14:00 exports working again, service restored\n";
        let incident = parse(src, &ParseOptions::default());
        let folded: Vec<&str> = incident.folded.iter().map(|f| f.kind.as_str()).collect();
        assert_eq!(folded, vec!["resolution", "root-cause", "summary"]);
    }

    #[test]
    fn unheaded_timeline() {
        let src = "## Issue Summary\n- 10:00 alert\n- 10:10 paged\n- 10:40 restored\n";
        let incident = parse(src, &ParseOptions::default());
        assert!(incident.has_kind(SectionKind::Timeline));
        assert_eq!(incident.timeline.entries.len(), 3);
        let two = "## Issue Summary\n- 10:00 alert\n- 10:40 restored\n";
        assert!(!parse(two, &ParseOptions::default()).has_kind(SectionKind::Timeline));
    }

    #[test]
    fn dates_carry_down_and_stop_at_a_new_timeline() {
        let src = "## Timeline\n**2024-02-11**\n- 23:40 deploy\n- 23:55 alert\n";
        let incident = parse(src, &ParseOptions::default());
        let dates: Vec<Option<&str>> = incident
            .timeline
            .entries
            .iter()
            .map(|e| e.date().map(|d| incident.text(d.span)))
            .collect();
        assert_eq!(dates, vec![Some("2024-02-11"), Some("2024-02-11")]);
    }

    #[test]
    fn metadata_from_lines_front_matter_and_headings() {
        let src = "---\ntitle: Disk full\n---\nAuthor: Ada\n\n## Date\n\n2024-03-01\n\n## Summary\nx\n";
        let incident = parse(src, &ParseOptions::default());
        let keys: Vec<(&str, &str)> = incident
            .metadata
            .iter()
            .map(|m| (m.key.as_str(), m.value.as_ref()))
            .collect();
        assert_eq!(
            keys,
            vec![("title", "Disk full"), ("author", "Ada"), ("date", "2024-03-01")]
        );
    }

    #[test]
    fn labelled_stages_dates_lines_and_image_rows() {
        let src = "## Timeline\n2019-10-21 (*all times UTC*)\n\n- **Detection time:** 10:15 UTC, alert fired\n- **Actions taken:** restarted the pods\n\n| Time | Event |\n| --- | --- |\n| 10:20 | a |\n![img](x.png)\n| 10:30 | b |\n";
        let incident = parse(src, &ParseOptions::default());
        let entries = &incident.timeline.entries;
        let labels: Vec<Option<&str>> = entries.iter().map(|e| e.label.map(|l| incident.text(l))).collect();
        assert_eq!(labels, vec![Some("Detection time"), Some("Actions taken"), None, None]);
        // The date line carries its date instead of being an entry.
        assert_eq!(entries[0].date().map(|d| incident.text(d.span)), Some("2019-10-21"));
        assert!(
            entries
                .iter()
                .all(|e| !matches!(e.origin, crate::model::EntryOrigin::Line))
        );
    }
}

#[cfg(test)]
mod patterns {
    #[test]
    fn patterns_compile_and_need_what_they_say() {
        for pattern in [&super::ROOT_CAUSE_STATEMENT, &super::TITLE_ID] {
            pattern.check();
        }
    }
}
