//! Action items: the list items, table rows and lines of the action-items
//! sections, each with what it says about owner, due date, tracking and
//! priority.

use crate::hash::HashMap;

use crate::lazy_regex::LazyRegex;

use super::markdown::{Block, BlockKind, Line, Markdown};
use crate::cue::{Ahead, Words};
use crate::model::{ActionItem, Section, SectionKind, Spanned};
use crate::source::Span;
use crate::time::date::parse_date_prefix;

/// `@amina` at the start of the text or after a space, `(`, `[` or `,`.
fn handle(text: &str) -> Option<std::ops::Range<usize>> {
    let handle_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-');
    // Each `@` found by a vectorised search: most items hold none, and
    // reading every character for one was half of an owner's search.
    memchr::memchr_iter(b'@', text.as_bytes()).find_map(|at| {
        let previous = text[..at].chars().next_back();
        let after_break = previous.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | ','));
        if !after_break || !text[at + 1..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
            return None;
        }
        let name = Ahead::new(text).skip(at + 1).run(handle_char)?;
        Some(at..name.position())
    })
}
const OWNER_LABELS: Words = Words::new(&["owner", "assignee", "responsible", "dri"]);
const OWNER_VERBS: Words = Words::new(&["owned by", "assigned to"]);

/// The name after "owner:", "DRI =", "assigned to": up to a `,`, `;`, `)`,
/// `]` or the end of the line. Read as the regex
/// `(?i)\b(?:(?:owner|assignee|responsible|dri)\s*[:=]\s*|(?:owned by|assigned to)\s+)([^,;)\]\n]+?)\s*(?:[,;)\]]|$)`
/// would (its first group; the test keeps the regex).
fn owner_label(text: &str) -> Option<std::ops::Range<usize>> {
    // A name cut by a line break holds no stop: a later name starting before
    // that break is cut by it too, and is not read again (a line of labels
    // stays linear).
    let mut cut_at = 0;
    Ahead::word_starts(text).find_map(|a| {
        // Where the name may start: after the label's white space, or, when
        // nothing can start there, inside it (the regex's `\s*` gives back).
        let (first, greedy) = match a.any_prefix(&OWNER_LABELS) {
            Some(label) => {
                let mark = label.spaces().char(|c| c == ':' || c == '=')?;
                (mark.position(), mark.spaces().position())
            }
            None => {
                let verb = a.any_prefix(&OWNER_VERBS)?;
                let space = verb.char(char::is_whitespace)?;
                (space.position(), verb.spaces().position())
            }
        };
        match text[greedy..].chars().next() {
            Some(_) if greedy < cut_at => None,
            Some(c) if !ends_owner(c) => match owner_end(text, greedy) {
                Ok(end) => Some(greedy..end),
                Err(line_break) => {
                    cut_at = line_break;
                    None
                }
            },
            // At the end or before a stop: the name is the last white-space
            // character that is not a line break.
            _ => {
                let (at, c) = text[first..greedy].char_indices().rev().find(|&(_, c)| c != '\n')?;
                Some(first + at..first + at + c.len_utf8())
            }
        }
    })
}

/// What ends a name after "owner:".
fn ends_owner(c: char) -> bool {
    matches!(c, ',' | ';' | ')' | ']' | '\n')
}

/// The shortest name from `start` (a character that may start one) that white
/// space and then a stop or the end follow; or the line break that comes first.
fn owner_end(text: &str, start: usize) -> Result<usize, usize> {
    let mut end = start + text[start..].chars().next().map_or(0, char::len_utf8);
    loop {
        let gap = text[end..].len() - text[end..].trim_start().len();
        let after = end + gap;
        // `c` is no white space: a stop ends the name, anything else is
        // part of it, and so is the white space before it, if no line break.
        match text[after..].chars().next() {
            None => return Ok(end),
            Some(c) if ends_owner(c) => return Ok(end),
            Some(_) => {
                if let Some(i) = text[end..after].find('\n') {
                    return Err(end + i);
                }
                end = after + text[after..].chars().next().map_or(0, char::len_utf8);
            }
        }
    }
}
/// "(Jane)", "(Jane Doe)" at the end of an item.
static OWNER_PAREN: LazyRegex = LazyRegex::new(r"\(([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\)\s*\.?\s*$").needing(b"(");
const DUE_WORDS: Words = Words::new(&["due", "by", "deadline", "eta", "before"]);

/// Where a date may follow "due", "by", "deadline:", "target date on".
fn due_cue_end(a: Ahead<'_>) -> Option<usize> {
    let target = a
        .literal("target")
        .map(|t| t.space().and_then(|d| d.word("date")).unwrap_or(t));
    let cue = a.any_word(&DUE_WORDS).or_else(|| target.and_then(Ahead::word_end))?;
    let cue = cue.spaces();
    let cue = cue.literal(":").unwrap_or(cue).spaces();
    Some(cue.literal("on").and_then(Ahead::space).unwrap_or(cue).position())
}
static TICKET: LazyRegex =
    LazyRegex::new(r"https?://\S+|\b[A-Z][A-Z0-9]{1,9}-[0-9]+\b|(?:^|\s)#[0-9]+\b|\b(?i:ticket|issue)\s*#?\s*[0-9]+")
        .needing(b"0123456789:");
const PRIORITY_LEVELS: Words = Words::new(&[
    "high", "medium", "low", "critical", "urgent", "p0", "p1", "p2", "p3", "p4",
]);

/// `P1`, `Priority: high`.
fn priority(text: &str) -> Option<std::ops::Range<usize>> {
    if !may_hold_priority(text) {
        return None;
    }
    priority_at_word_starts(text)
}

/// Whether `text` holds `P` and a digit up to 4, or "priority" in any case,
/// as every priority does: one vectorised search for `p` instead of a
/// reader at every word start, on lines most of which hold none.
fn may_hold_priority(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr2_iter(b'p', b'P', b).any(|at| {
        let after = &b[at + 1..];
        b[at] == b'P' && after.first().is_some_and(|d| (b'0'..=b'4').contains(d))
            || after.get(..7).is_some_and(|rest| rest.eq_ignore_ascii_case(b"riority"))
    })
}

fn priority_at_word_starts(text: &str) -> Option<std::ops::Range<usize>> {
    Ahead::word_starts(text).find_map(|a| {
        // `P1` in capitals; a lower-case `p1` counts only after "priority".
        let short = a
            .char(|c| c == 'P')
            .and_then(|p| p.char(|c| ('0'..='4').contains(&c)))
            .and_then(Ahead::word_end);
        let long = || {
            let p = a.literal("priority")?.spaces();
            let p = p.char(|c| c == ':' || c == '=').unwrap_or(p).spaces();
            p.any_word(&PRIORITY_LEVELS)
        };
        let end = short.or_else(long)?;
        Some(a.position()..end.position())
    })
}

/// Table columns an action table may have, by what its header says.
#[derive(Default)]
struct Columns {
    action: Option<usize>,
    owner: Option<usize>,
    due: Option<usize>,
    tracking: Option<usize>,
    priority: Option<usize>,
}

impl Columns {
    fn from_header(header: &Block<'_>) -> Columns {
        let mut c = Columns::default();
        for (i, cell) in header.lines.iter().enumerate() {
            let h = cell.text.to_lowercase();
            let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
            if c.owner.is_none() && has(&["owner", "assignee", "who", "responsible", "dri"]) {
                c.owner = Some(i);
            } else if c.due.is_none() && has(&["due", "deadline", "eta", "date", "when"]) {
                c.due = Some(i);
            } else if c.tracking.is_none() && has(&["ticket", "issue", "link", "jira", "tracking", "bug"]) {
                c.tracking = Some(i);
            } else if c.priority.is_none() && has(&["priority", "pri", "severity"]) {
                c.priority = Some(i);
            } else if c.action.is_none() && has(&["action", "task", "item", "description", "what", "fix"]) {
                c.action = Some(i);
            }
        }
        c
    }
}

fn owner_in(line: &Line<'_>) -> Option<Span> {
    let text: &str = &line.text;
    if let Some(range) = handle(text) {
        return Some(line.source_span(range));
    }
    if let Some(range) = owner_label(text) {
        return Some(line.source_span(range));
    }
    OWNER_PAREN
        .captures(text)
        .and_then(|c| c.get(1))
        .filter(|m| !m.as_str().split(' ').any(|w| NOT_NAMES.contains(&w)))
        .map(|m| line.source_span(m.range()))
}

/// Capitalised words that a parenthesis at the end of an item holds when it
/// gives a status, a level or a schedule rather than a person: "(Advanced)".
const NOT_NAMES: &[&str] = &[
    "Advanced",
    "Optional",
    "Mandatory",
    "Required",
    "Recommended",
    "Bonus",
    "Completed",
    "Complete",
    "Done",
    "Pending",
    "Ongoing",
    "Planned",
    "Blocked",
    "Open",
    "Closed",
    "Fixed",
    "High",
    "Medium",
    "Low",
    "Critical",
    "Urgent",
    "Immediate",
    "Short",
    "Long",
    "Term",
    "Beginner",
    "Intermediate",
    "Example",
    "Draft",
    "Todo",
    "Later",
    "Soon",
    "Now",
    "Daily",
    "Weekly",
    "Monthly",
    "Quarterly",
    "Yearly",
    "Annually",
    "Data",
    "Quality",
    "Diagram",
    "Phase",
    "Step",
    "Priority",
    "Proposed",
    "Implemented",
    "Recurring",
    "Automated",
    "Manual",
    "Team",
];

fn due_in(line: &Line<'_>) -> Option<Spanned<crate::time::date::DateParts>> {
    let text: &str = &line.text;
    let mut from = 0;
    while let Some((start, end)) =
        Ahead::word_starts_from(text, from).find_map(|a| Some((a.position(), due_cue_end(a)?)))
    {
        if let Some((date, len)) = parse_date_prefix(&text[end..]) {
            return Some(Spanned::new(date, line.source_span(end..end + len)));
        }
        from = end.max(start + 1);
    }
    None
}

fn find_in(find: impl Fn(&str) -> Option<std::ops::Range<usize>>, line: &Line<'_>, src: &str) -> Option<Span> {
    // Links keep their address only in the source, not in the plain text.
    let source = line.span.slice(src);
    if let Some(m) = find(source) {
        return Some(Span::new(line.span.start + m.start, line.span.start + m.end));
    }
    // Most lines hold no markup: their text is their source, searched already.
    if *line.text == *source {
        return None;
    }
    find(&line.text).map(|m| line.source_span(m))
}

fn ticket(text: &str) -> Option<std::ops::Range<usize>> {
    TICKET.find(text).map(|m| m.range())
}

fn item_from_line(src: &str, line: &Line<'_>, section: usize) -> ActionItem {
    // `**Review**: ...` starts at its markup, and `**Review**` ends at it.
    let opening = src[..line.span.start].len() - src[..line.span.start].trim_end_matches(['*', '_']).len();
    let rest = &src[line.span.end..];
    let closing = rest.len() - rest.trim_start_matches(['*', '_']).len();
    ActionItem {
        span: Span::new(line.span.start - opening, line.span.end + closing),
        section,
        owner: owner_in(line),
        due: due_in(line),
        tracking: find_in(ticket, line, src),
        priority: find_in(priority, line, src),
    }
}

/// A list item whose details follow on its other lines or paragraphs
/// ("Owner: @amina" under the action): the item is its first line, its
/// owner, due date, ticket and priority may be anywhere in it.
fn item_from_lines(src: &str, first: &Line<'_>, rest: &[&Line<'_>], section: usize) -> ActionItem {
    let mut item = item_from_line(src, first, section);
    for line in rest {
        item.owner = item.owner.or_else(|| owner_in(line));
        item.due = item.due.take().or_else(|| due_in(line));
        item.tracking = item.tracking.or_else(|| find_in(ticket, line, src));
        item.priority = item.priority.or_else(|| find_in(priority, line, src));
    }
    item
}

/// `Improvements:` with items below it: a label for a group, not an item.
fn is_group_label(text: &str) -> bool {
    introduces(text) && text.split_whitespace().count() <= 8
}

/// "The following measures were agreed:": introduces items, is not one.
/// Emphasis the parser left as text (`*- Improvements:*`) does not hide it.
fn introduces(text: &str) -> bool {
    text.trim_end_matches(|c: char| c.is_whitespace() || c == '*' || c == '_')
        .ends_with(':')
}

/// Where a section's list of actions ends and its closing words begin:
/// "In conclusion, ...", "Regards,", "Hope this helps".
const CLOSING_OPENERS: Words = Words::new(&[
    "in conclusion",
    "to conclude",
    "to sum up",
    "in summary",
    "overall,",
    "hope this helps",
    "best wishes",
]);
const SIGN_OFFS: Words = Words::new(&[
    "kind regards",
    "best regards",
    "warm regards",
    "regards",
    "thanks",
    "thank you",
    "cheers",
    "sincerely",
]);

fn is_closing(text: &str) -> bool {
    let start = text
        .find(|c: char| c.is_ascii_alphanumeric() || c == '_')
        .unwrap_or(text.len());
    let a = Ahead::new(text).skip(start);
    a.any_prefix(&CLOSING_OPENERS).is_some() || a.any_word(&SIGN_OFFS).is_some()
}

/// The lines of text that may be items: up to any closing words, without
/// the lines that introduce items or ask a question ("What can be improved?").
fn listed<'l, 'a>(mut lines: Vec<&'l Line<'a>>) -> Vec<&'l Line<'a>> {
    if let Some(end) = lines.iter().position(|l| is_closing(&l.text)) {
        lines.truncate(end);
    }
    lines.retain(|l| {
        let t = l.text.trim();
        !t.is_empty() && !introduces(t) && !t.ends_with('?')
    });
    lines
}

/// A line that starts with a verb telling someone to do something.
fn is_imperative(text: &str) -> bool {
    const VERBS: &[&str] = &[
        "add",
        "adopt",
        "alert",
        "audit",
        "automate",
        "build",
        "change",
        "check",
        "conduct",
        "configure",
        "create",
        "deploy",
        "disable",
        "document",
        "enable",
        "enforce",
        "ensure",
        "establish",
        "fix",
        "implement",
        "improve",
        "increase",
        "install",
        "introduce",
        "limit",
        "make",
        "migrate",
        "monitor",
        "move",
        "patch",
        "reduce",
        "remove",
        "replace",
        "require",
        "restrict",
        "review",
        "rotate",
        "run",
        "schedule",
        "set",
        "set up",
        "switch",
        "test",
        "train",
        "update",
        "upgrade",
        "use",
        "validate",
        "verify",
        "write",
    ];
    let first = text
        .trim_start()
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase();
    VERBS.contains(&first.as_str())
}

/// Where an action-items section's items are: its own body, and the bodies
/// of the sections below it whose headings name no kind ("### Enhanced
/// monitoring" under "## Corrective measures"). Such a section belongs to
/// its nearest ancestor by heading level that names a kind, if that kind is
/// action items; or, at the same level, to the empty action-items section
/// its parts follow ("**Corrective measures**" then "**Alerting**": bold
/// headings have one level).
fn regions(sections: &[Section<'_>]) -> HashMap<usize, Vec<Span>> {
    let mut regions: HashMap<usize, Vec<Span>> = HashMap::default();
    // The open ancestors of the current section: levels strictly rise, so
    // the stack is at most as deep as there are heading levels.
    let mut ancestors: Vec<usize> = Vec::new();
    // The last section that names a kind, when it is an action-items
    // section with nothing of its own but its parts, at its own level.
    let mut parts_of: Option<usize> = None;
    for (index, section) in sections.iter().enumerate() {
        let level = section.heading.level;
        while ancestors.last().is_some_and(|&a| sections[a].heading.level >= level) {
            ancestors.pop();
        }
        if section.is(SectionKind::ActionItems) {
            regions.entry(index).or_default().push(section.body);
        } else if section.kinds.is_empty() {
            // The nearest ancestor that names a kind decides.
            let owner = ancestors
                .iter()
                .rev()
                .find(|&&a| !sections[a].kinds.is_empty())
                .filter(|&&a| sections[a].is(SectionKind::ActionItems))
                .copied()
                .or(parts_of.filter(|&p| sections[p].heading.level == level));
            if let Some(owner) = owner {
                regions.entry(owner).or_default().push(section.body);
            }
        }
        if !section.kinds.is_empty() {
            parts_of = (section.is(SectionKind::ActionItems) && section.has_subsections && !section.has_content)
                .then_some(index);
        }
        ancestors.push(index);
    }
    regions
}

pub(crate) fn collect_action_items(src: &str, md: &Markdown<'_>, sections: &[Section<'_>]) -> Vec<ActionItem> {
    let mut items = Vec::new();
    let mut heading_spans: Vec<Span> = sections.iter().map(|s| s.heading.span).collect();
    heading_spans.sort_by_key(|s| s.start);
    // Headings do not overlap each other: only the last one starting before
    // the line ends can overlap it.
    let is_heading = |l: &Line<'_>| {
        let i = heading_spans.partition_point(|h| h.start < l.span.end);
        i.checked_sub(1).is_some_and(|i| heading_spans[i].overlaps(l.span))
    };
    let regions = regions(sections);
    let mut owners: Vec<usize> = regions.keys().copied().collect();
    owners.sort_unstable();
    for index in owners {
        let bodies = &regions[&index];
        // A parent's body may already hold its untitled subsections.
        let mut blocks: Vec<&Block<'_>> = bodies.iter().flat_map(|body| md.blocks_in(*body)).collect();
        blocks.sort_by_key(|b| b.span.start);
        blocks.dedup_by_key(|b| b.span);
        let in_bodies = |span: Span| bodies.iter().any(|b| b.contains(span));
        // Items at the shallowest depth of the section, and the items under a group label.
        let min_depth = blocks
            .iter()
            .filter_map(|b| b.item)
            .filter_map(|r| md.items.get(r.id as usize))
            .map(|i| i.depth)
            .min();
        let has_list_or_table = blocks
            .iter()
            .any(|b| b.item.is_some() || matches!(b.kind, BlockKind::TableRow { header: false, .. }));
        let mut group_labels: HashMap<u32, bool> = HashMap::default();
        let mut columns: Option<(u32, Columns)> = None;
        // Lines of prose, which are items only if they read like a list.
        let mut prose: Vec<&Line<'_>> = Vec::new();
        for block in blocks {
            match block.kind {
                BlockKind::TableRow { table, header } => {
                    if header {
                        columns = Some((table, Columns::from_header(block)));
                        continue;
                    }
                    if block.is_blank() {
                        continue;
                    }
                    let cols = match &columns {
                        Some((t, c)) if *t == table => c,
                        _ => continue,
                    };
                    items.push(item_from_row(src, block, cols, index));
                }
                BlockKind::Paragraph if block.item.is_some() => {
                    let Some(item_ref) = block.item.filter(|r| r.first_block) else {
                        continue;
                    };
                    let Some(item) = md.items.get(item_ref.id as usize) else {
                        continue;
                    };
                    let Some(line) = block.lines.first() else {
                        continue;
                    };
                    let label = is_group_label(&line.text) || is_heading(line);
                    if label && block.lines.len() > 1 {
                        // `* **Fixes:**` with the items on the lines below it.
                        let rest = block.lines[1..]
                            .iter()
                            .filter(|l| in_bodies(l.span) && !l.text.trim().is_empty());
                        items.extend(rest.map(|l| item_from_line(src, l, index)));
                        continue;
                    }
                    if !in_bodies(line.span) {
                        continue;
                    }
                    let label = label && item.has_children;
                    group_labels.insert(item_ref.id, label);
                    let under_label = item.parent.is_some_and(|p| group_labels.get(&p) == Some(&true));
                    if !label && (Some(item.depth) == min_depth || under_label) && !line.text.trim().is_empty() {
                        // The item's other lines: this paragraph's, and its later paragraphs'.
                        let rest: Vec<&Line<'_>> = block.lines[1..]
                            .iter()
                            .chain(
                                md.blocks_in(item.span)
                                    .filter(|b| b.item.is_some_and(|r| r.id == item_ref.id && !r.first_block))
                                    .flat_map(|b| b.lines.iter()),
                            )
                            .collect();
                        items.push(item_from_lines(src, line, &rest, index));
                    }
                }
                // A section with a real list keeps its prose (and signature) out.
                BlockKind::Paragraph | BlockKind::Code { fenced: false } if !has_list_or_table => {
                    prose.extend(block.lines.iter().filter(|l| in_bodies(l.span) && !is_heading(l)));
                }
                // `<ul><li>...` and `<p>` items: one per line of text.
                BlockKind::Html if !has_list_or_table => {
                    prose.extend(block.prose.iter().filter(|l| in_bodies(l.span) && !is_heading(l)));
                }
                _ => {}
            }
        }
        // Plain-text documents list their actions one per line or paragraph;
        // a lone paragraph is advice, not a list, unless it is an order
        // ("Create a backup job on a second server.").
        let prose = listed(prose);
        if prose.len() >= 2 || prose.first().is_some_and(|l| is_imperative(&l.text)) {
            items.extend(prose.into_iter().map(|l| item_from_line(src, l, index)));
        }
    }
    items.sort_by_key(|i| i.span.start);
    items
}

/// A row of an action table; the columns say which cell holds what.
fn item_from_row(src: &str, block: &Block<'_>, cols: &Columns, index: usize) -> ActionItem {
    let cell = |i: Option<usize>| i.and_then(|i| block.lines.get(i)).filter(|c| !c.text.trim().is_empty());
    let row_span = Span::new(
        block.span.start,
        block.span.start + block.span.slice(src).trim_end().len(),
    );
    let action = cell(cols.action).or_else(|| block.lines.iter().find(|c| !c.text.trim().is_empty()));
    let mut item = action.map_or(
        ActionItem {
            span: row_span,
            section: index,
            owner: None,
            due: None,
            tracking: None,
            priority: None,
        },
        |line| item_from_line(src, line, index),
    );
    item.span = row_span;
    item.owner = cell(cols.owner).map(|c| c.span).or(item.owner);
    item.due = cell(cols.due)
        .and_then(|c| {
            let (date, len) = parse_date_prefix(c.text.trim_start())?;
            let at = c.text.len() - c.text.trim_start().len();
            Some(Spanned::new(date, c.source_span(at..at + len)))
        })
        .or(item.due);
    item.tracking = cell(cols.tracking).map(|c| c.span).or(item.tracking);
    item.priority = cell(cols.priority).map(|c| c.span).or(item.priority);
    item
}

#[cfg(test)]
mod tests {
    use regex::Regex;

    use crate::parse::{ParseOptions, parse};

    /// An action item's text and its optional parts, as written.
    type Found = (String, Option<String>, Option<String>, Option<String>, Option<String>);

    fn items(src: &str) -> Vec<Found> {
        let incident = parse(src, &ParseOptions::default());
        let text = |s: Option<crate::source::Span>| s.map(|s| incident.text(s).to_string());
        incident
            .action_items
            .iter()
            .map(|i| {
                (
                    incident.text(i.span).to_string(),
                    text(i.owner),
                    text(i.due.as_ref().map(|d| d.span)),
                    text(i.tracking),
                    text(i.priority),
                )
            })
            .collect()
    }

    #[test]
    fn list_items_with_owners_dates_and_tickets() {
        let found = items(
            "## Action items\n- Add a disk alert (owner: @mei, due 2024-10-01) OPS-123\n- Review quotas (Jane)\n- Document the runbook P2 https://wiki.example.com/x\n",
        );
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].1.as_deref(), Some("@mei"));
        assert_eq!(found[0].2.as_deref(), Some("2024-10-01"));
        assert_eq!(found[0].3.as_deref(), Some("OPS-123"));
        assert_eq!(found[1].1.as_deref(), Some("Jane"));
        assert_eq!(found[2].3.as_deref(), Some("https://wiki.example.com/x"));
        assert_eq!(found[2].4.as_deref(), Some("P2"));
    }

    #[test]
    fn details_on_an_items_later_lines() {
        let found = items(
            "## Action items\n- Release pool connections on error.\n  Owner: @amina\n- Alert on pool use above 70%.\n\n  Tracking: OPS-77, due 2026-08-01\n",
        );
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].0, "Release pool connections on error.");
        assert_eq!(found[0].1.as_deref(), Some("@amina"));
        assert_eq!(found[1].1, None);
        assert_eq!(found[1].2.as_deref(), Some("2026-08-01"));
        assert_eq!(found[1].3.as_deref(), Some("OPS-77"));
    }

    #[test]
    fn owners_need_a_label_not_the_word() {
        let found = items(
            "## Action items\n- **Guidelines**: teach responsible API usage.\n- Fix the cron job (responsible: Ana)\n- **Write a flowchart** (Advanced)\n",
        );
        assert_eq!(found[0].0, "**Guidelines**: teach responsible API usage.");
        assert_eq!(found[0].1, None);
        assert_eq!(found[1].1.as_deref(), Some("Ana"));
        assert_eq!(found[2].0, "**Write a flowchart** (Advanced)");
        assert_eq!(found[2].1, None, "a level is not a person");
    }

    #[test]
    fn tables_and_group_labels() {
        let found = items(
            "## Action items\n| Action | Owner | Due |\n| --- | --- | --- |\n| Route reports | @mei | 2024-10-01 |\n\n## Follow-ups\n- Improvements:\n  - add alerts\n  - add dashboards\n",
        );
        let texts: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(
            texts,
            vec!["| Route reports | @mei | 2024-10-01 |", "add alerts", "add dashboards"]
        );
        assert_eq!(found[0].1.as_deref(), Some("@mei"));
        assert_eq!(found[0].2.as_deref(), Some("2024-10-01"));
    }

    #[test]
    fn html_lists_labels_with_lazy_lines_and_untitled_subsections() {
        let html = items(
            "## Corrective measures\n<ul>\n<li>Check the service after a reload.</li>\n<li>Lint configs.</li>\n</ul>\n",
        );
        let texts: Vec<&str> = html.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(texts, vec!["Check the service after a reload.", "Lint configs."]);
        let lazy = items("## Corrective measures\n* **Fixes:**\nScale the pool.\nAlert on saturation.\n");
        assert_eq!(lazy.len(), 2);
        let nested = items(
            "## Corrective measures\n### Improvements:\n### Enhanced monitoring\n- Alert on load balancer errors\n### Docs\n- Update the runbook\n## Conclusion\n- Not an item\n",
        );
        let texts: Vec<&str> = nested.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(texts, vec!["Alert on load balancer errors", "Update the runbook"]);
        // Bold headings have one level: the parts follow an empty section.
        let bold = items(
            "**Follow-ups**\n\n**Renewal**\n\n- Move renewal\n\n**Monitoring**\n\n- Alert early\n\n**Root cause**\n\n- Not an item\n",
        );
        let texts: Vec<&str> = bold.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(texts, vec!["Move renewal", "Alert early"]);
        // A section with items of its own is followed by its siblings.
        let siblings = items("## Corrective measures:\n- Check settings\n## Team notes:\n- Cake on Friday\n");
        let texts: Vec<&str> = siblings.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(texts, vec!["Check settings"]);
    }

    #[test]
    fn plain_text_lines() {
        let found = items(
            "Corrective and Preventive Measures.\nHardware Upgrades: Replace old disks\nMonitoring: Deploy health checks\n",
        );
        assert_eq!(found.len(), 2);
        let advice = items("## Corrective measures\nWe should test configurations before deploying them.\n");
        assert_eq!(advice.len(), 0, "a lone paragraph of advice is not a list");
        let paragraphs = items(
            "## Corrective measures\nThe following steps were agreed:\n\nTest configs before deploying.\n\nAdd an uptime check.\n",
        );
        let texts: Vec<&str> = paragraphs.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(texts, vec!["Test configs before deploying.", "Add an uptime check."]);
        let signed =
            items("## Preventive measures\n- Review the power supply.\n\nJane Doe\nhttps://example.com/jane\n");
        assert_eq!(signed.len(), 1);
    }

    #[test]
    fn cues_read_as_the_regexes_did() {
        use super::*;
        use crate::cue::equivalence::sample_texts;
        let mut words: Vec<&str> = [DUE_WORDS, PRIORITY_LEVELS, CLOSING_OPENERS, SIGN_OFFS]
            .iter()
            .flat_map(|l| l.0.iter().copied())
            .collect();
        words.extend([
            "@amina",
            "@j.doe-2",
            "@",
            "@_x",
            "target",
            "date",
            "on",
            "P1",
            "P5",
            "p2",
            "priority",
            "=",
            "[",
            "Overall",
            "kind",
            "owner",
            "owner:",
            "DRI =",
            "assignee:",
            "responsible",
            "owned by",
            "assigned to",
            ")",
            "]",
            ",",
            ";",
            "\n",
            "Jane Doe",
            "ops-team",
        ]);
        let handle_re = Regex::new(r"(?:^|[\s(\[,])(@[A-Za-z0-9][A-Za-z0-9_.-]*)").unwrap();
        let due_re =
            Regex::new(r"(?i)\b(?:due|by|deadline|eta|before|target(?:\s+date)?)\b\s*:?\s*(?:on\s+)?").unwrap();
        let priority_re =
            Regex::new(r"\bP[0-4]\b|(?i)\bpriority\s*[:=]?\s*(?:high|medium|low|critical|urgent|p[0-4])\b").unwrap();
        let closing_re = Regex::new(r"(?i)^[^A-Za-z0-9_]*(?:in conclusion|to conclude|to sum up|in summary|overall,|(?:kind |best |warm )?regards\b|thanks\b|thank you\b|cheers\b|sincerely\b|hope this helps|best wishes)").unwrap();
        let owner_re = Regex::new(r"(?i)\b(?:(?:owner|assignee|responsible|dri)\s*[:=]\s*|(?:owned by|assigned to)\s+)([^,;)\]\n]+?)\s*(?:[,;)\]]|$)").unwrap();
        let all = [
            owner_re.as_str(),
            handle_re.as_str(),
            due_re.as_str(),
            priority_re.as_str(),
            closing_re.as_str(),
        ]
        .join(" ");
        for text in sample_texts(&all, &words, 20000) {
            let text = text.as_str();
            assert_eq!(
                handle_re.captures(text).and_then(|c| c.get(1)).map(|m| m.range()),
                handle(text),
                "{text:?}"
            );
            let cues: Vec<usize> = due_re.find_iter(text).map(|m| m.end()).collect();
            let mut by_hand = Vec::new();
            let mut from = 0;
            while let Some((start, end)) =
                Ahead::word_starts_from(text, from).find_map(|a| Some((a.position(), due_cue_end(a)?)))
            {
                by_hand.push(end);
                from = end.max(start + 1);
            }
            assert_eq!(cues, by_hand, "{text:?}");
            assert_eq!(priority_re.find(text).map(|m| m.range()), priority(text), "{text:?}");
            assert_eq!(closing_re.is_match(text), is_closing(text), "{text:?}");
            assert_eq!(
                owner_re.captures(text).and_then(|c| c.get(1)).map(|m| m.range()),
                owner_label(text),
                "owner in {text:?}"
            );
        }
    }
}

#[cfg(test)]
mod patterns {
    #[test]
    fn patterns_compile_and_need_what_they_say() {
        for pattern in [&super::OWNER_PAREN, &super::TICKET] {
            pattern.check();
        }
    }
}
