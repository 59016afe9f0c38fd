//! Sections, title and metadata from the block list.
//!
//! A heading is anything that acts as one: markdown and HTML headings, a bold
//! or italic line, a short plain line that names a section ("Root Cause."), a
//! bold label that starts a paragraph, a one-item list naming a section.
//! Text that only acts as a heading gets level 7, so it nests under markdown
//! headings. A section runs to the next heading at the same or a higher level,
//! or to the next heading of a known kind: authors nest headings carelessly,
//! and "## Root cause" under "# Timeline" is still its own section.

use std::borrow::Cow;

use crate::lazy_regex::LazyRegex;

use super::headings::{Classification, SectionTable, Strictness, normalize};
use super::markdown::{Block, BlockKind, Line, Markdown};
use crate::model::{Heading, HeadingStyle, KindSet, MetadataField, Section, SectionKind, Title};
use crate::source::Span;
use crate::time::date::parse_date_prefix;

/// A heading that text-acting-as-heading gets, below every markdown level.
pub const PSEUDO_LEVEL: u8 = 7;

/// Longest bold or italic line that may act as a heading.
const MAX_EMPHATIC_HEADING_WORDS: usize = 12;

/// Metadata keys that may also be written as a heading with a one-line body.
const METADATA_HEADINGS: &[&str] = &[
    "date",
    "author",
    "authors",
    "status",
    "severity",
    "owner",
    "owners",
    "incident id",
    "id",
    "incident date",
    "date of incident",
    "reported by",
];

pub(crate) struct Candidate<'a> {
    pub heading: Heading<'a>,
    pub class: Classification,
    pub content_start: usize,
}

static HTML_HEADING: LazyRegex = LazyRegex::new(r"(?is)<h([1-6])\b[^>]*>(.*?)</h[1-6]\s*>").needing(b"<");
static HTML_TAG: LazyRegex = LazyRegex::new(r"(?s)<!--.*?-->|<[^>]*>").needing(b"<");
static ATX_LINE: LazyRegex = LazyRegex::new(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$").needing(b"#");
static PLAIN_LABEL: LazyRegex = LazyRegex::new(r"^\s*([A-Za-z][A-Za-z0-9 &/'()-]{0,40}?)\s*:\s*\S").needing(b":");
static METADATA_LINE: LazyRegex =
    LazyRegex::new(r"^\s*([A-Za-z][A-Za-z0-9 #/'-]{0,30}?)\s*:\s*(\S.*?)\s*$").needing(b":");

fn joined_text<'a>(lines: &[Line<'a>]) -> Cow<'a, str> {
    match lines {
        [one] => one.text.clone(),
        many => Cow::Owned(many.iter().map(|l| l.text.trim()).collect::<Vec<_>>().join(" ")),
    }
}

fn lines_span(lines: &[Line<'_>], fallback: Span) -> Span {
    match (lines.first(), lines.last()) {
        (Some(first), Some(last)) => Span::new(first.span.start, last.span.end),
        _ => fallback,
    }
}

fn is_date_like(text: &str) -> bool {
    let t = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    parse_date_prefix(t).is_some() || {
        let lower = t.to_ascii_lowercase();
        lower.starts_with("day ") && lower[4..].starts_with(|c: char| c.is_ascii_digit())
    }
}

/// A bold line that could be an unlisted heading ("**Closing remarks**"),
/// as opposed to an emphasised sentence.
fn looks_like_title(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.len() <= 80
        && t.split_whitespace().count() <= 8
        && !t.ends_with(['.', '!', ','])
        && !is_date_like(t)
}

pub(crate) fn collect_candidates<'a>(src: &'a str, md: &Markdown<'a>, table: &SectionTable) -> Vec<Candidate<'a>> {
    let mut out = Vec::new();
    for block in &md.blocks {
        match block.kind {
            BlockKind::Heading { level } => {
                let text = joined_text(&block.lines);
                let span = lines_span(&block.lines, block.span);
                let after_indent = block.span.slice(src).trim_start();
                let style = if after_indent.starts_with('#') {
                    HeadingStyle::Atx
                } else {
                    HeadingStyle::Setext
                };
                out.push(Candidate {
                    class: table.classify(&text, Strictness::Heading),
                    heading: Heading {
                        text,
                        span,
                        level,
                        style,
                    },
                    content_start: block.span.end,
                });
            }
            BlockKind::Html => html_candidates(block, table, &mut out),
            BlockKind::Paragraph if block.item.is_none() => paragraph_candidates(block, table, &mut out),
            BlockKind::Paragraph => {
                list_item_candidate(src, md, block, table, &mut out);
                lazy_line_candidates(src, block, table, &mut out);
            }
            _ => {}
        }
    }
    out.sort_by_key(|c| c.heading.span.start);
    out
}

fn html_candidates<'a>(block: &Block<'a>, table: &SectionTable, out: &mut Vec<Candidate<'a>>) {
    for line in &block.lines {
        // An HTML block swallows the markdown after it up to a blank line;
        // authors still mean `## Issue Summary` there as a heading.
        if let Some(caps) = ATX_LINE.captures(&line.text)
            && let (Some(hashes), Some(text)) = (caps.get(1), caps.get(2))
        {
            let span = line.source_span(text.range());
            out.push(Candidate {
                class: table.classify(text.as_str(), Strictness::Heading),
                heading: Heading {
                    text: Cow::Owned(text.as_str().to_string()),
                    span,
                    level: hashes.as_str().len() as u8,
                    style: HeadingStyle::Atx,
                },
                content_start: line.span.end,
            });
            continue;
        }
        for caps in HTML_HEADING.captures_iter(&line.text) {
            let (Some(all), Some(level), Some(inner)) = (caps.get(0), caps.get(1), caps.get(2)) else {
                continue;
            };
            let text = HTML_TAG.replace_all(inner.as_str(), "").trim().to_string();
            let span = line.source_span(all.range());
            out.push(Candidate {
                class: table.classify(&text, Strictness::Heading),
                heading: Heading {
                    text: Cow::Owned(text),
                    span,
                    level: level.as_str().parse().unwrap_or(2),
                    style: HeadingStyle::Html,
                },
                content_start: span.end,
            });
        }
    }
}

fn paragraph_candidates<'a>(block: &Block<'a>, table: &SectionTable, out: &mut Vec<Candidate<'a>>) {
    let single_line = block.lines.len() == 1;
    for (i, line) in block.lines.iter().enumerate() {
        let text = line.text.trim();
        if text.is_empty() {
            continue;
        }
        let pseudo = |text: Cow<'a, str>, span: Span, style, class, content_start| Candidate {
            heading: Heading {
                text,
                span,
                level: PSEUDO_LEVEL,
                style,
            },
            class,
            content_start,
        };
        if line.is_wholly_emphatic() {
            // An emphasised sentence is emphasis, not a heading.
            if text.split_whitespace().count() > MAX_EMPHATIC_HEADING_WORDS || text.contains(". ") {
                continue;
            }
            let class = table.classify(text, Strictness::Heading);
            if class.is_section() || single_line && looks_like_title(text) {
                out.push(pseudo(
                    trimmed(line),
                    line.span,
                    HeadingStyle::Emphasis,
                    class,
                    line.span.end,
                ));
            }
            continue;
        }
        if text.len() <= 80 {
            let class = table.classify(text, Strictness::Line);
            if class.is_section() {
                out.push(pseudo(
                    trimmed(line),
                    line.span,
                    HeadingStyle::PlainText,
                    class,
                    line.span.end,
                ));
                continue;
            }
        }
        if let Some((label, rest)) = line.leading_emphatic_label() {
            let class = table.classify(&line.text[label.clone()], Strictness::Heading);
            if class.is_section() {
                let span = line.source_span(label.clone());
                let content_start = line.source_span(rest..line.text.len()).start;
                let text = Cow::Owned(line.text[label].to_string());
                out.push(pseudo(text, span, HeadingStyle::Label, class, content_start));
            }
            continue;
        }
        if i == 0
            && let Some(caps) = PLAIN_LABEL.captures(&line.text)
            && let Some(label) = caps.get(1)
            && label.as_str().split_whitespace().count() <= 5
        {
            let class = table.classify(label.as_str(), Strictness::Line);
            if class.is_section() {
                let span = line.source_span(label.range());
                let colon = line.text[label.end()..]
                    .find(':')
                    .map_or(label.end(), |c| label.end() + c + 1);
                let content_start = line.source_span(colon..line.text.len()).start;
                let text = Cow::Owned(label.as_str().to_string());
                out.push(pseudo(text, span, HeadingStyle::Label, class, content_start));
            }
        }
    }
}

/// Lines of a list item that start at column 0 are "lazy continuation"
/// lines in CommonMark, but in a plain-text document a heading line right
/// after a list ("Root Cause and Resolution:") is a heading all the same.
fn lazy_line_candidates<'a>(src: &str, block: &Block<'a>, table: &SectionTable, out: &mut Vec<Candidate<'a>>) {
    for line in block.lines.iter().skip(1) {
        let text = line.text.trim();
        if !starts_line(src, line.span.start) || text.is_empty() || text.len() > 80 {
            continue;
        }
        let class = table.classify(text, Strictness::Line);
        if class.is_section() {
            out.push(Candidate {
                heading: Heading {
                    text: trimmed(line),
                    span: line.span,
                    level: PSEUDO_LEVEL,
                    style: HeadingStyle::PlainText,
                },
                class,
                content_start: line.span.end,
            });
        }
    }
}

fn trimmed<'a>(line: &Line<'a>) -> Cow<'a, str> {
    match &line.text {
        Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
        Cow::Owned(s) => Cow::Owned(s.trim().to_string()),
    }
}

/// A list item that is a heading: `2. Timeline` alone in its list, or
/// `1. Issue Summary:` followed by unindented text (a plain-text document
/// that numbers its headings, where the text lazily continues the item).
fn list_item_candidate<'a>(
    src: &str,
    md: &Markdown<'a>,
    block: &Block<'a>,
    table: &SectionTable,
    out: &mut Vec<Candidate<'a>>,
) {
    let Some(item_ref) = block.item else {
        return;
    };
    let Some(item) = md.items.get(item_ref.id as usize) else {
        return;
    };
    let Some(line) = block.lines.first() else {
        return;
    };
    if item.depth != 1 || !item_ref.first_block || line.is_link_only() {
        return;
    }
    let rest_of_item = Span::new(block.span.end, item.span.end.max(block.span.end)).slice(src);
    let alone =
        md.list_sizes.get(item.list as usize) == Some(&1) && block.lines.len() == 1 && rest_of_item.trim().is_empty();
    let lazy_text_follows = block.lines.get(1).is_some_and(|next| starts_line(src, next.span.start));
    if !alone && !lazy_text_follows {
        return;
    }
    let strictness = if line.is_wholly_emphatic() {
        Strictness::Heading
    } else {
        Strictness::Line
    };
    let class = table.classify(&line.text, strictness);
    if class.is_section() {
        out.push(Candidate {
            heading: Heading {
                text: trimmed(line),
                span: line.span,
                level: PSEUDO_LEVEL,
                style: HeadingStyle::ListItem,
            },
            class,
            content_start: if alone { item.span.end } else { line.span.end },
        });
    }
}

/// Whether `offset` is the first byte of a source line.
fn starts_line(src: &str, offset: usize) -> bool {
    offset == 0 || matches!(src.as_bytes().get(offset - 1), Some(b'\n' | b'\r'))
}

/// Whether `span` holds anything a reader would call content.
pub(crate) fn has_content(src: &str, md: &Markdown<'_>, span: Span) -> bool {
    if span.is_empty() {
        return false;
    }
    md.blocks_in(span).any(|b| {
        let part = Span::new(b.span.start.max(span.start), b.span.end.min(span.end));
        let text = part.slice(src);
        match b.kind {
            BlockKind::ThematicBreak => false,
            BlockKind::Code { .. } => !text.trim().is_empty(),
            _ => shows_content(text),
        }
    })
}

/// Whether prose or HTML shows a letter or digit outside its tags, or an image.
fn shows_content(text: &str) -> bool {
    // A letter or digit before any `<` is outside every tag: most blocks
    // start with one, and need no further reading.
    match text.find(char::is_alphanumeric) {
        None => false,
        Some(at) if !text[..at].contains('<') => true,
        Some(_) => text.contains("<img") || shows_outside_tags(text),
    }
}

/// Whether a letter or digit stands outside the comments and tags of
/// `text`, cut as `HTML_TAG` cuts them: a comment to its first `-->`, else a
/// tag to its first `>`. Read in one pass; stripping the tags with the regex
/// built a copy of the text and cost some 12,000 instructions a block.
fn shows_outside_tags(text: &str) -> bool {
    let mut rest = text;
    // Once a search for a comment's end fails, every later one would.
    let mut comments_end = true;
    loop {
        let Some(open) = rest.find('<') else {
            return rest.chars().any(char::is_alphanumeric);
        };
        if rest[..open].chars().any(char::is_alphanumeric) {
            return true;
        }
        let tag = &rest[open..];
        let comment_end = match tag.strip_prefix("<!--") {
            Some(inside) if comments_end => {
                let end = inside.find("-->").map(|end| "<!--".len() + end + "-->".len());
                comments_end = end.is_some();
                end
            }
            _ => None,
        };
        match comment_end.or_else(|| tag.find('>').map(|end| end + 1)) {
            Some(end) => rest = &tag[end..],
            // No `>` ahead: no tag either, the rest is text.
            None => return tag.chars().any(char::is_alphanumeric),
        }
    }
}

pub(crate) struct Outline<'a> {
    pub sections: Vec<Section<'a>>,
    /// For each section, whether its kind depends on its content ("Mitigation").
    pub ambiguous: Vec<bool>,
}

/// Turn candidates into sections with spans.
pub(crate) fn build_outline<'a>(
    src: &str,
    md: &Markdown<'a>,
    candidates: Vec<Candidate<'a>>,
    end: usize,
) -> Outline<'a> {
    let starts: Vec<(u8, bool, usize)> = candidates
        .iter()
        .map(|c| (c.heading.level, c.class.is_section(), c.heading.span.start))
        .collect();
    let parents: Vec<bool> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| candidates.get(i + 1).is_some_and(|next| introduces(c, next)))
        .collect();
    let mut sections = Vec::with_capacity(candidates.len());
    let mut ambiguous = Vec::with_capacity(candidates.len());
    for (i, c) in candidates.into_iter().enumerate() {
        let section_end = starts[i + 1..]
            .iter()
            .find(|(level, known, _)| *level <= c.heading.level || *known)
            .map_or(end, |(_, _, start)| *start);
        let content_start = c.content_start.min(section_end);
        let body = Span::new(content_start, section_end);
        sections.push(Section {
            span: Span::new(c.heading.span.start, section_end.max(c.heading.span.end)),
            has_content: has_content(src, md, body),
            heading: c.heading,
            kinds: c.class.kinds,
            body,
            has_subsections: parents[i],
        });
        ambiguous.push(c.class.ambiguous);
    }
    absorb_timeline_parts(src, md, &mut sections, end);
    Outline { sections, ambiguous }
}

/// Whether `heading` is a parent of the heading that follows it: the next one
/// is deeper; or it shares a kind with this one ("Root Cause and Resolution"
/// then "Root Cause:", "Corrective measures" then "Improvements/Fixes:"); or
/// the next one names no section, and this one ends with a colon that
/// announces what follows ("Improvements:" then "Enhanced monitoring") or is
/// a section named in bold followed by bold text.
fn introduces(heading: &Candidate<'_>, next: &Candidate<'_>) -> bool {
    if next.heading.level > heading.heading.level {
        return true;
    }
    let kinds = heading.class.kinds;
    let next_kinds = next.class.kinds;
    if kinds.is_known() && next_kinds.intersects(kinds) {
        return true;
    }
    // Bold headings have a single level, so a section named in bold is
    // followed at once by the bold names of its parts ("**Issue Summary**"
    // then "**Duration:**").
    let bold_part = heading.heading.style == HeadingStyle::Emphasis
        && kinds.is_known()
        && matches!(next.heading.style, HeadingStyle::Emphasis | HeadingStyle::Label);
    (bold_part || heading.heading.text.trim_end().ends_with(':')) && !next.class.is_section()
}

/// The postmortem template many authors follow breaks the timeline into
/// "Detection:", "Actions taken:", "Misleading paths:", "Escalation:",
/// "Resolution:" headings at the timeline's own level. When an empty timeline
/// heading is followed by such parts, they are its content.
fn absorb_timeline_parts(src: &str, md: &Markdown<'_>, sections: &mut [Section<'_>], document_end: usize) {
    let part_kinds = KindSet::of(SectionKind::Detection).union(KindSet::of(SectionKind::Resolution));
    for i in 0..sections.len() {
        let s = &sections[i];
        if !s.is(SectionKind::Timeline) || s.has_content || s.has_subsections {
            continue;
        }
        if !sections.get(i + 1).is_some_and(|next| next.is(SectionKind::Detection)) {
            continue;
        }
        let level = s.heading.level;
        let end = sections[i + 1..]
            .iter()
            .find(|next| next.heading.level < level || !next.kinds.is_subset(part_kinds))
            .map_or(document_end, |next| next.span.start);
        let s = &mut sections[i];
        s.span = Span::new(s.span.start, end);
        s.body = Span::new(s.body.start, end);
        s.has_content = has_content(src, md, s.body);
        s.has_subsections = true;
    }
}

/// `Key: value` lines before the first known section, front matter, and
/// headings such as `## Date` whose body is one short line.
pub(crate) fn collect_metadata<'a>(md: &Markdown<'a>, sections: &[Section<'a>]) -> Vec<MetadataField<'a>> {
    let mut fields = Vec::new();
    let top_end = sections
        .iter()
        .find(|s| s.kinds.is_known())
        .map_or(usize::MAX, |s| s.span.start);
    for block in &md.blocks {
        // Front matter is read as YAML or TOML (see `front_matter`).
        let in_scope = match block.kind {
            BlockKind::FrontMatter => false,
            BlockKind::Paragraph => block.item.is_none() && block.span.start < top_end,
            _ => false,
        };
        if !in_scope {
            continue;
        }
        for line in &block.lines {
            if line.span.start >= top_end {
                break;
            }
            if let Some(field) = metadata_line(line) {
                fields.push(field);
            }
        }
    }
    for section in sections {
        // Normalized only for an unknown section: a known one is not a field.
        if section.kinds.is_known() || !section.heading.style.is_markup() {
            continue;
        }
        let key = normalize(&section.heading.text);
        if !METADATA_HEADINGS.contains(&key.as_str()) {
            continue;
        }
        let value_line = md
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph && section.body.contains(b.span))
            .flat_map(|b| b.lines.iter())
            .find(|l| !l.text.trim().is_empty());
        if let Some(line) = value_line
            && line.text.len() <= 120
        {
            fields.push(MetadataField {
                key,
                key_span: section.heading.span,
                value: trimmed(line),
                value_span: line.span,
            });
        }
    }
    fields
}

fn metadata_line<'a>(line: &Line<'a>) -> Option<MetadataField<'a>> {
    let caps = METADATA_LINE.captures(&line.text)?;
    let key = caps.get(1)?;
    let value = caps.get(2)?;
    if key.as_str().split_whitespace().count() > 4 {
        return None;
    }
    let value_text = match &line.text {
        Cow::Borrowed(s) => Cow::Borrowed(&s[value.range()]),
        Cow::Owned(s) => Cow::Owned(s[value.range()].to_string()),
    };
    Some(MetadataField {
        key: key
            .as_str()
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        key_span: line.source_span(key.range()),
        value: Cow::Owned(value_text.trim_matches('"').to_string()),
        value_span: line.source_span(value.range()),
    })
}

/// The document's title: a markdown heading that names no section and comes
/// before every section, else `Title:` metadata, else a bold first line.
pub(crate) fn find_title<'a>(sections: &[Section<'a>], metadata: &[MetadataField<'a>]) -> Option<Title<'a>> {
    let first_known = sections
        .iter()
        .position(|s| s.kinds.is_known())
        .unwrap_or(sections.len());
    let heading = sections[..first_known]
        .iter()
        .find(|s| s.heading.style.is_markup() && !s.heading.text.trim().is_empty())
        .filter(|s| !METADATA_HEADINGS.contains(&normalize(&s.heading.text).as_str()));
    if let Some(s) = heading {
        return Some(Title {
            text: s.heading.text.clone(),
            span: s.heading.span,
        });
    }
    if let Some(m) = metadata.iter().find(|m| m.key == "title") {
        return Some(Title {
            text: m.value.clone(),
            span: m.value_span,
        });
    }
    sections[..first_known]
        .iter()
        .find(|s| s.heading.style == HeadingStyle::Emphasis)
        .map(|s| Title {
            text: s.heading.text.clone(),
            span: s.heading.span,
        })
}

#[cfg(test)]
mod patterns {
    #[test]
    fn patterns_compile_and_need_what_they_say() {
        for pattern in [
            &super::HTML_HEADING,
            &super::HTML_TAG,
            &super::ATX_LINE,
            &super::PLAIN_LABEL,
            &super::METADATA_LINE,
        ] {
            pattern.check();
        }
    }

    #[test]
    fn content_is_told_as_the_tags_stripped_would_tell_it() {
        let plainly = |text: &str| {
            text.contains("<img") || super::HTML_TAG.replace_all(text, "").chars().any(char::is_alphanumeric)
        };
        let words = [
            "<b>",
            "</b>",
            "<!--",
            "-->",
            "<img src=x>",
            "<br/>",
            "<",
            ">",
            "x",
            "9",
            "é",
            " ",
            "*",
            "<p",
            "-",
        ];
        let mut contentless = 0;
        for text in crate::cue::equivalence::sample_texts("", &words, 20_000) {
            let expected = plainly(&text);
            contentless += usize::from(!expected);
            assert_eq!(super::shows_content(&text), expected, "{text:?}");
        }
        assert!(contentless > 500, "{contentless}");
    }
}
