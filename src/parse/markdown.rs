//! Markdown to blocks: the only place pulldown-cmark is used.
//!
//! A document becomes a flat list of leaf [`Block`]s (headings, paragraphs,
//! table rows, code, HTML) in source order, each with its [`Line`]s of plain
//! text. A line's text has inline markup removed (`**09:12**` reads `09:12`)
//! but remembers where each piece came from, so anything found in the plain
//! text maps back to an exact source [`Span`].
//!
//! Containers are not nested objects: a block records the list item it sits in
//! and its blockquote depth, and [`ListItem`]s record their parent. Everything
//! above this layer can then walk blocks linearly.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use crate::source::Span;

/// Inline style bits of a piece of text.
pub mod style {
    pub const STRONG: u8 = 1;
    pub const EMPHASIS: u8 = 2;
    pub const CODE: u8 = 4;
    pub const LINK: u8 = 8;
    pub const STRIKE: u8 = 16;
    /// Bold or italic: what makes a paragraph act as a heading.
    pub const EMPHATIC: u8 = STRONG | EMPHASIS;
}

#[derive(Clone, Copy, Debug)]
struct Piece {
    /// Where the piece starts in the line's plain text.
    text_start: usize,
    text_len: usize,
    /// Where it came from. When `exact`, byte `i` of the piece is byte `src.start + i`
    /// of the source; otherwise (escapes, entities) only the whole piece maps.
    src: Span,
    exact: bool,
    style: u8,
}

/// One line of plain text with a map back to the source.
#[derive(Clone, Debug)]
pub struct Line<'a> {
    pub text: Cow<'a, str>,
    /// Source span from the first to the last character of the line's content.
    pub span: Span,
    pieces: Vec<Piece>,
}

impl<'a> Line<'a> {
    /// A line whose text is exactly `src[span]`.
    pub fn verbatim(src: &'a str, span: Span) -> Self {
        Line {
            text: Cow::Borrowed(span.slice(src)),
            span,
            pieces: vec![Piece {
                text_start: 0,
                text_len: span.len(),
                src: span,
                exact: true,
                style: 0,
            }],
        }
    }

    /// The source span of a byte range of this line's text.
    pub fn source_span(&self, range: Range<usize>) -> Span {
        let start = self.map_offset(range.start, false);
        let end = self.map_offset(range.end, true);
        if end < start {
            Span::empty_at(start)
        } else {
            Span::new(start, end)
        }
    }

    fn map_offset(&self, offset: usize, is_end: bool) -> usize {
        // Pieces are in text order and do not overlap: binary search, so a
        // line of thousands of pieces maps each offset in logarithmic time.
        let found = if is_end {
            let i = self.pieces.partition_point(|p| p.text_start < offset);
            i.checked_sub(1)
                .map(|i| &self.pieces[i])
                .filter(|p| offset <= p.text_start + p.text_len)
        } else {
            let i = self.pieces.partition_point(|p| p.text_start <= offset);
            i.checked_sub(1)
                .map(|i| &self.pieces[i])
                .filter(|p| offset < p.text_start + p.text_len)
        };
        match found {
            Some(p) if p.exact => p.src.start + (offset - p.text_start),
            Some(p) => {
                if is_end {
                    p.src.end
                } else {
                    p.src.start
                }
            }
            // Between pieces (a space we inserted) or past the end.
            None => {
                let next = self.pieces.get(self.pieces.partition_point(|p| p.text_start < offset));
                match (is_end, next) {
                    (false, Some(p)) => p.src.start,
                    _ => {
                        let before = self.pieces.partition_point(|p| p.text_start + p.text_len <= offset);
                        before.checked_sub(1).map_or(self.span.end, |i| self.pieces[i].src.end)
                    }
                }
            }
        }
    }

    /// Style bits of the text at `offset`.
    pub fn style_at(&self, offset: usize) -> u8 {
        let i = self.pieces.partition_point(|p| p.text_start <= offset);
        i.checked_sub(1)
            .map(|i| &self.pieces[i])
            .filter(|p| offset < p.text_start + p.text_len)
            .map_or(0, |p| p.style)
    }

    /// True if every visible character is bold or italic, ignoring trailing
    /// `:` or `.` outside the emphasis (`**Timeline**:`).
    pub fn is_wholly_emphatic(&self) -> bool {
        let mut any = false;
        for p in &self.pieces {
            let text = &self.text[p.text_start..p.text_start + p.text_len];
            if text.trim().is_empty() {
                continue;
            }
            if p.style & style::EMPHATIC != 0 {
                any = true;
            } else if !text.trim().chars().all(|c| matches!(c, ':' | '.' | '-' | '*' | '_')) {
                return false;
            }
        }
        any
    }

    /// A bold or italic label at the start of the line followed by a colon:
    /// `**Root cause:** the disk...` or `*Owner*: Jane`. Returns the label's
    /// range in the text (colon excluded) and where the rest starts.
    pub fn leading_emphatic_label(&self) -> Option<(Range<usize>, usize)> {
        let first = self
            .pieces
            .iter()
            .find(|p| !self.text[p.text_start..p.text_start + p.text_len].trim().is_empty())?;
        if first.style & style::EMPHATIC == 0 {
            return None;
        }
        let mut end = first.text_start;
        for p in &self.pieces {
            if p.text_start < first.text_start {
                continue;
            }
            if p.style & style::EMPHATIC == 0 {
                break;
            }
            end = p.text_start + p.text_len;
        }
        let label_start = first.text_start;
        let emphatic = &self.text[label_start..end];
        let trimmed = emphatic.trim_end();
        if let Some(label) = trimmed.strip_suffix(':') {
            return Some((label_start..label_start + label.len(), end));
        }
        let after = &self.text[end..];
        let after_trimmed = after.trim_start();
        if after_trimmed.starts_with(':') {
            let rest = end + (after.len() - after_trimmed.len()) + 1;
            return Some((label_start..label_start + trimmed.len(), rest));
        }
        None
    }

    /// True if the line is nothing but a link (a table-of-contents entry).
    pub fn is_link_only(&self) -> bool {
        self.pieces
            .iter()
            .filter(|p| !self.text[p.text_start..p.text_start + p.text_len].trim().is_empty())
            .all(|p| p.style & style::LINK != 0)
            && !self.pieces.is_empty()
    }

    /// Byte ranges of the text written as inline code.
    /// Whether any code span overlaps `range` of the text. A binary search, so
    /// checking every match of a line with thousands of pieces stays linear.
    pub fn overlaps_code(&self, range: Range<usize>) -> bool {
        let first = self
            .pieces
            .partition_point(|p| p.text_start + p.text_len <= range.start);
        self.pieces[first..]
            .iter()
            .take_while(|p| p.text_start < range.end)
            .any(|p| p.style & style::CODE != 0)
    }

    /// Whether any code span overlaps `span` of the source.
    pub fn overlaps_code_in_source(&self, span: Span) -> bool {
        let first = self.pieces.partition_point(|p| p.src.end <= span.start);
        self.pieces[first..]
            .iter()
            .take_while(|p| p.src.start < span.end)
            .any(|p| p.style & style::CODE != 0)
    }

    pub fn code_ranges(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.pieces
            .iter()
            .filter(|p| p.style & style::CODE != 0)
            .map(|p| p.text_start..p.text_start + p.text_len)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Heading {
        level: u8,
    },
    /// A paragraph, or the text of a tight list item.
    Paragraph,
    /// One line per cell.
    TableRow {
        table: u32,
        header: bool,
    },
    Code {
        fenced: bool,
    },
    Html,
    ThematicBreak,
    FrontMatter,
}

/// The list item a block sits in (the innermost one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ItemRef {
    pub id: u32,
    /// True for the item's first block, whose first line follows the marker.
    pub first_block: bool,
}

#[derive(Clone, Debug)]
pub struct Block<'a> {
    pub kind: BlockKind,
    pub span: Span,
    pub lines: Vec<Line<'a>>,
    /// For an HTML block, the text a reader sees, one line per source line:
    /// tags, comments and `<code>`/`<pre>` contents removed, entities read.
    /// Empty for other blocks, whose `lines` are already prose.
    pub prose: Vec<Line<'a>>,
    pub item: Option<ItemRef>,
    pub quote_depth: u16,
}

/// The lines of a block that may lie in `span` (a superset of those it
/// contains), found by binary search: a plain-text document is often one
/// paragraph of thousands of lines, and scanning it whole for every section
/// would be quadratic. Lines are in order and do not overlap.
pub fn lines_near<'l, 'a>(lines: &'l [Line<'a>], span: Span) -> &'l [Line<'a>] {
    let first =
        lines.partition_point(|l| l.span.end < span.start || (l.span.end == span.start && l.span.start < span.start));
    let count = lines[first..].iter().take_while(|l| l.span.start <= span.end).count();
    &lines[first..first + count]
}

impl Block<'_> {
    pub fn is_blank(&self) -> bool {
        self.lines.iter().all(|l| l.text.trim().is_empty())
    }
}

#[derive(Clone, Debug)]
pub struct ListItem {
    pub span: Span,
    /// 1 for an item of a top-level list.
    pub depth: u16,
    pub ordered: bool,
    pub parent: Option<u32>,
    pub list: u32,
    /// Whether any item is nested in this one.
    pub has_children: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Markdown<'a> {
    pub blocks: Vec<Block<'a>>,
    pub items: Vec<ListItem>,
    /// Number of items in each list, by list id.
    pub list_sizes: Vec<u32>,
}

impl<'a> Markdown<'a> {
    /// The blocks that overlap `span`, in order.
    pub fn blocks_in(&self, span: Span) -> impl Iterator<Item = &Block<'a>> {
        self.blocks[self.block_range(span)].iter()
    }

    /// The indices of the blocks that overlap `span`.
    pub fn block_range(&self, span: Span) -> std::ops::Range<usize> {
        let first = self.blocks.partition_point(|b| b.span.end <= span.start);
        let count = self.blocks[first..]
            .iter()
            .take_while(|b| b.span.start < span.end)
            .count();
        first..first + count
    }

    /// Every prose line inside `span`: fenced code is left out, and HTML
    /// blocks give the text a reader sees.
    pub fn lines_in(&self, span: Span) -> impl Iterator<Item = &Line<'a>> {
        self.blocks_in(span)
            .filter(|b| !matches!(b.kind, BlockKind::Code { fenced: true }))
            .flat_map(move |b| {
                let lines = if b.kind == BlockKind::Html { &b.prose } else { &b.lines };
                lines_near(lines, span).iter()
            })
            .filter(move |l| span.contains(l.span))
    }
}

/// pulldown-cmark's metadata-block options are left off: they take any
/// `---` ... `---` pair anywhere in a document for YAML, and postmortems use
/// `---` as a separator. Front matter is recognised only at the very top, by
/// [`front_matter`].
/// HTML tags that format text; anything else in angle brackets is kept as text.
fn is_formatting_tag(tag: &str) -> bool {
    const TAGS: &[&str] = &[
        "a",
        "abbr",
        "b",
        "big",
        "blockquote",
        "center",
        "cite",
        "code",
        "del",
        "details",
        "div",
        "em",
        "font",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "tt",
        "u",
        "ul",
        "var",
        "!--",
    ];
    let name = tag
        .trim_start_matches('<')
        .trim_start_matches('/')
        .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .next()
        .unwrap_or("");
    tag.starts_with("<!--") || TAGS.contains(&name)
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// YAML (`---`) or TOML (`+++`) front matter at the start of `region`:
/// the whole block and the lines between its fences.
pub(crate) fn front_matter(src: &str, region: Span) -> Option<(Span, Span)> {
    let text = region.slice(src);
    let fence = ["---", "+++"].into_iter().find(|f| text.starts_with(f))?;
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != fence {
        return None;
    }
    let inner_start = first_end + 1;
    let mut offset = inner_start;
    for line in text[inner_start..].split_inclusive('\n') {
        let content = line.trim_end();
        if content == fence || fence == "---" && content == "..." {
            let inner = Span::new(inner_start, offset).offset(region.start);
            let whole = Span::new(0, offset + line.len()).offset(region.start);
            return Some((whole, inner));
        }
        offset += line.len();
    }
    None
}

/// Where a scan of HTML stands at the end of a line: tags, comments and
/// code elements may run over several lines.
#[derive(Default)]
struct HtmlScan {
    in_tag: bool,
    in_comment: bool,
    /// Inside `<code>`, `<pre>`, `<script>` or `<style>`: not prose.
    hidden: Option<&'static str>,
}

/// HTML elements beyond the formatting ones, as an HTML block holds them
/// (CommonMark's block-level names, and media).
const OTHER_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "audio",
    "body",
    "br",
    "button",
    "caption",
    "col",
    "colgroup",
    "dd",
    "dialog",
    "dir",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "head",
    "header",
    "html",
    "iframe",
    "input",
    "label",
    "legend",
    "link",
    "main",
    "menu",
    "meta",
    "nav",
    "noscript",
    "option",
    "picture",
    "script",
    "section",
    "select",
    "source",
    "style",
    "svg",
    "tfoot",
    "time",
    "title",
    "track",
    "video",
    "wbr",
];

/// Elements whose contents are not prose.
const HIDDEN_ELEMENTS: &[&str] = &["code", "pre", "script", "style", "kbd", "samp"];

/// The text a reader sees in an HTML block's raw lines (see [`Block::prose`]).
fn html_prose<'a>(src: &'a str, raw: &[Line<'a>]) -> Vec<Line<'a>> {
    let mut scan = HtmlScan::default();
    let mut out = Vec::new();
    for line in raw {
        let mut builder = LineBuilder::default();
        let text = line.text.as_ref();
        let mut pos = 0;
        // Text since the last tag, written out when the next tag (or the
        // line's end) closes it.
        let mut text_start: Option<usize> = None;
        let mut gap = false;
        let flush = |builder: &mut LineBuilder, from: Option<usize>, to: usize, gap: &mut bool| {
            let Some(from) = from else {
                return;
            };
            let segment = &text[from..to];
            if segment.is_empty() {
                return;
            }
            if *gap && !builder.text.is_empty() && !builder.text.ends_with(' ') && !segment.starts_with(' ') {
                builder.push(src, " ", Span::empty_at(line.source_span(from..from).start), 0);
            }
            *gap = false;
            push_decoded(builder, src, line, from, segment);
        };
        while pos < text.len() {
            let rest = &text[pos..];
            if scan.in_comment {
                match rest.find("-->") {
                    Some(i) => {
                        scan.in_comment = false;
                        pos += i + 3;
                    }
                    None => pos = text.len(),
                }
                continue;
            }
            if scan.in_tag {
                match rest.find('>') {
                    Some(i) => {
                        scan.in_tag = false;
                        pos += i + 1;
                    }
                    None => pos = text.len(),
                }
                continue;
            }
            if let Some(hidden) = scan.hidden {
                let close = format!("</{hidden}");
                match find_ignore_case(rest, &close) {
                    Some(i) => {
                        scan.hidden = None;
                        scan.in_tag = true;
                        pos += i + close.len();
                        gap = true;
                    }
                    None => pos = text.len(),
                }
                continue;
            }
            let Some(i) = rest.find('<') else {
                text_start.get_or_insert(pos);
                pos = text.len();
                continue;
            };
            let after = &rest[i + 1..];
            let name: String = after
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            let is_comment = after.starts_with("!--");
            let is_tag = is_comment
                || (!name.is_empty()
                    && (is_formatting_tag(&format!("<{name}")) || OTHER_ELEMENTS.contains(&name.as_str())));
            if !is_tag {
                // `<date>`, `a < b`: text a reader sees.
                text_start.get_or_insert(pos);
                pos += i + 1;
                continue;
            }
            if i > 0 {
                text_start.get_or_insert(pos);
            }
            flush(&mut builder, text_start.take(), pos + i, &mut gap);
            gap = true;
            if is_comment {
                scan.in_comment = true;
                pos += i + 4;
                continue;
            }
            scan.in_tag = true;
            if !after.starts_with('/') {
                scan.hidden = HIDDEN_ELEMENTS.iter().copied().find(|h| *h == name);
            }
            pos += i + 1;
        }
        flush(&mut builder, text_start.take(), text.len(), &mut gap);
        match builder.finish(src) {
            Some(l) if !l.text.trim().is_empty() => out.push(l),
            _ => {}
        }
    }
    out
}

/// Push `segment` (at `from` in `line`'s text), reading `&amp;`-style
/// entities: each becomes its own piece that maps to the whole entity.
fn push_decoded(builder: &mut LineBuilder, src: &str, line: &Line<'_>, from: usize, segment: &str) {
    let mut last = 0;
    for (i, _) in segment.match_indices('&') {
        if i < last {
            continue;
        }
        let Some(len) = segment[i..].find(';').filter(|&n| (2..=8).contains(&n)) else {
            continue;
        };
        let entity = &segment[i + 1..i + len];
        let decoded = match entity {
            "amp" => "&",
            "lt" => "<",
            "gt" => ">",
            "quot" => "\"",
            "apos" | "#39" => "'",
            _ if entity.chars().all(|c| c.is_ascii_alphanumeric() || c == '#') => " ",
            _ => continue,
        };
        if i > last {
            builder.push(src, &segment[last..i], line.source_span(from + last..from + i), 0);
        }
        builder.push(src, decoded, line.source_span(from + i..from + i + len + 1), 0);
        last = i + len + 1;
    }
    if last < segment.len() {
        builder.push(
            src,
            &segment[last..],
            line.source_span(from + last..from + segment.len()),
            0,
        );
    }
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack.char_indices().map(|(i, _)| i).find(|&i| {
        haystack[i..]
            .get(..needle.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(needle))
    })
}

#[derive(Default)]
struct LineBuilder {
    /// The line's text, once it has more than one piece or a piece that is
    /// not a copy of the source. Most lines are one such piece and borrow
    /// the source (see `finish`); they are never copied here.
    text: String,
    pieces: Vec<Piece>,
}

impl LineBuilder {
    fn push(&mut self, src: &str, text: &str, range: Span, style: u8) {
        if text.is_empty() {
            return;
        }
        if let [first] = self.pieces.as_slice()
            && first.exact
        {
            self.text.push_str(first.src.slice(src));
        }
        let exact = range.slice(src) == text;
        let (src_span, exact) = if exact {
            (range, true)
        } else if let Some(pos) = range.slice(src).find(text) {
            // Inline code: the event covers the backticks, the text is inside.
            (Span::new(range.start + pos, range.start + pos + text.len()), true)
        } else {
            (range, false)
        };
        self.pieces.push(Piece {
            text_start: self.text.len(),
            text_len: text.len(),
            src: src_span,
            exact,
            style,
        });
        if self.pieces.len() > 1 || !exact {
            self.text.push_str(text);
        }
    }

    fn finish<'a>(&mut self, src: &'a str) -> Option<Line<'a>> {
        let pieces = std::mem::take(&mut self.pieces);
        let text = std::mem::take(&mut self.text);
        let first = pieces.first()?;
        let last = pieces.last()?;
        let span = Span::new(first.src.start, last.src.end.max(first.src.start));
        let text = if pieces.len() == 1 && first.exact {
            Cow::Borrowed(first.src.slice(src))
        } else {
            Cow::Owned(text)
        };
        Some(Line { text, span, pieces })
    }
}

struct Leaf<'a> {
    kind: BlockKind,
    start: usize,
    end: usize,
    lines: Vec<Line<'a>>,
    current: LineBuilder,
    implicit: bool,
}

struct Walker<'a> {
    src: &'a str,
    out: Markdown<'a>,
    leaf: Option<Leaf<'a>>,
    /// Open items: (item id, has produced a block yet).
    items: Vec<(u32, bool)>,
    lists: Vec<(bool, u32)>,
    quote_depth: u16,
    strong: u32,
    emphasis: u32,
    links: u32,
    strike: u32,
    images: u32,
    table: u32,
    row: Option<(Vec<Line<'a>>, usize, bool)>,
    cell: Option<LineBuilder>,
}

/// Parse `src[region]` (the whole text, or the inside of a pasted fence).
/// Every span in the result is relative to `src`.
pub fn parse_markdown(src: &str, region: Span) -> Markdown<'_> {
    let mut w = Walker {
        src,
        out: Markdown::default(),
        leaf: None,
        items: Vec::new(),
        lists: Vec::new(),
        quote_depth: 0,
        strong: 0,
        emphasis: 0,
        links: 0,
        strike: 0,
        images: 0,
        table: 0,
        row: None,
        cell: None,
    };
    let mut region = region;
    if let Some((whole, inner)) = front_matter(src, region) {
        w.open_leaf(BlockKind::FrontMatter, whole.start, false);
        w.push_raw(inner.slice(src), inner);
        if let Some(leaf) = &mut w.leaf {
            leaf.end = whole.end;
        }
        w.close_leaf();
        region = Span::new(whole.end, region.end);
    }
    let text = region.slice(src);
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        let span = Span::from(range).offset(region.start);
        w.event(event, span);
    }
    w.close_leaf();
    w.out
}

impl<'a> Walker<'a> {
    fn style(&self) -> u8 {
        let mut s = 0;
        if self.strong > 0 {
            s |= style::STRONG;
        }
        if self.emphasis > 0 {
            s |= style::EMPHASIS;
        }
        if self.links > 0 {
            s |= style::LINK;
        }
        if self.strike > 0 {
            s |= style::STRIKE;
        }
        s
    }

    fn open_leaf(&mut self, kind: BlockKind, start: usize, implicit: bool) {
        self.close_leaf();
        self.leaf = Some(Leaf {
            kind,
            start,
            end: start,
            lines: Vec::new(),
            current: LineBuilder::default(),
            implicit,
        });
    }

    fn close_leaf(&mut self) {
        let Some(mut leaf) = self.leaf.take() else {
            return;
        };
        if let Some(line) = leaf.current.finish(self.src) {
            leaf.lines.push(line);
        }
        let item = self.items.last_mut().map(|(id, seen)| {
            let first_block = !*seen;
            *seen = true;
            ItemRef { id: *id, first_block }
        });
        let end = if leaf.implicit {
            leaf.lines.last().map_or(leaf.end, |l| l.span.end.max(leaf.end))
        } else {
            leaf.end
        };
        let prose = if leaf.kind == BlockKind::Html {
            html_prose(self.src, &leaf.lines)
        } else {
            Vec::new()
        };
        self.out.blocks.push(Block {
            kind: leaf.kind,
            span: Span::new(leaf.start, end.max(leaf.start)),
            lines: leaf.lines,
            prose,
            item,
            quote_depth: self.quote_depth,
        });
    }

    /// Inline content outside any leaf is the text of a tight list item.
    fn ensure_leaf(&mut self, start: usize) {
        if self.leaf.is_none() && self.cell.is_none() {
            self.open_leaf(BlockKind::Paragraph, start, true);
        }
    }

    fn push_text(&mut self, text: &str, span: Span, extra_style: u8) {
        if self.images > 0 {
            return;
        }
        let style = self.style() | extra_style;
        if let Some(cell) = &mut self.cell {
            cell.push(self.src, text, span, style);
            return;
        }
        self.ensure_leaf(span.start);
        if let Some(leaf) = &mut self.leaf {
            leaf.current.push(self.src, text, span, style);
            if leaf.implicit {
                leaf.end = leaf.end.max(span.end);
            }
        }
    }

    fn line_break(&mut self, span: Span) {
        if let Some(cell) = &mut self.cell {
            cell.push(self.src, " ", Span::empty_at(span.start), 0);
            return;
        }
        if let Some(leaf) = &mut self.leaf
            && let Some(line) = leaf.current.finish(self.src)
        {
            leaf.lines.push(line);
        }
    }

    /// Code and HTML blocks: raw text, one line per source line.
    fn push_raw(&mut self, text: &str, span: Span) {
        let Some(leaf) = &mut self.leaf else {
            return;
        };
        let exact = span.slice(self.src) == text;
        let mut offset = 0;
        for piece in text.split_inclusive('\n') {
            let content = piece.trim_end_matches(['\n', '\r']);
            let piece_span = if exact {
                Span::new(span.start + offset, span.start + offset + content.len())
            } else {
                span
            };
            offset += piece.len();
            leaf.current.push(self.src, content, piece_span, 0);
            if piece.ends_with('\n') {
                match leaf.current.finish(self.src) {
                    Some(line) => leaf.lines.push(line),
                    // Keep blank lines of code as empty lines so line counts stay honest.
                    None => leaf.lines.push(Line {
                        text: Cow::Borrowed(""),
                        span: Span::empty_at(piece_span.start),
                        pieces: Vec::new(),
                    }),
                }
            }
        }
    }

    fn event(&mut self, event: Event<'_>, span: Span) {
        match event {
            Event::Start(tag) => self.start(tag, span),
            Event::End(tag) => self.end(tag, span),
            Event::Text(text) => {
                let raw = matches!(
                    self.leaf.as_ref().map(|l| l.kind),
                    Some(BlockKind::Code { .. } | BlockKind::FrontMatter)
                );
                if raw {
                    self.push_raw(&text, span);
                } else {
                    self.push_text(&text, span, 0);
                }
            }
            Event::Code(text) => self.push_text(&text, span, style::CODE),
            Event::InlineMath(text) | Event::DisplayMath(text) => self.push_text(&text, span, style::CODE),
            Event::Html(text) => {
                if !matches!(self.leaf.as_ref().map(|l| l.kind), Some(BlockKind::Html)) {
                    self.open_leaf(BlockKind::Html, span.start, false);
                }
                self.push_raw(&text, span);
                if let Some(leaf) = &mut self.leaf {
                    leaf.end = leaf.end.max(span.end);
                }
            }
            Event::InlineHtml(html) => {
                let tag = html.trim().to_ascii_lowercase();
                if tag.starts_with("<br") || tag.starts_with("</br") {
                    self.line_break(span);
                } else if !is_formatting_tag(&tag) {
                    // `<date>`, `<X.Y.Z>`, `<your name>`: template placeholders,
                    // which a reader sees as text.
                    self.push_text(&html, span, 0);
                }
            }
            Event::SoftBreak | Event::HardBreak => self.line_break(span),
            Event::Rule => {
                self.open_leaf(BlockKind::ThematicBreak, span.start, false);
                if let Some(leaf) = &mut self.leaf {
                    leaf.end = span.end;
                }
                self.close_leaf();
            }
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, span: Span) {
        match tag {
            Tag::Paragraph => self.open_leaf(BlockKind::Paragraph, span.start, false),
            Tag::Heading { level, .. } => self.open_leaf(BlockKind::Heading { level: level as u8 }, span.start, false),
            Tag::CodeBlock(kind) => {
                let fenced = matches!(kind, CodeBlockKind::Fenced(_));
                self.open_leaf(BlockKind::Code { fenced }, span.start, false);
            }
            Tag::HtmlBlock => self.open_leaf(BlockKind::Html, span.start, false),
            Tag::MetadataBlock(_) => self.open_leaf(BlockKind::FrontMatter, span.start, false),
            Tag::BlockQuote(_) => {
                self.close_leaf();
                self.quote_depth = self.quote_depth.saturating_add(1);
            }
            Tag::List(start) => {
                self.close_leaf();
                let id = self.out.list_sizes.len() as u32;
                self.out.list_sizes.push(0);
                self.lists.push((start.is_some(), id));
            }
            Tag::Item => {
                self.close_leaf();
                let (ordered, list) = self.lists.last().copied().unwrap_or((false, 0));
                if let Some(size) = self.out.list_sizes.get_mut(list as usize) {
                    *size += 1;
                }
                let id = self.out.items.len() as u32;
                let parent = self.items.last().map(|(id, _)| *id);
                if let Some(p) = parent.and_then(|p| self.out.items.get_mut(p as usize)) {
                    p.has_children = true;
                }
                self.out.items.push(ListItem {
                    span,
                    depth: self.items.len() as u16 + 1,
                    ordered,
                    parent,
                    list,
                    has_children: false,
                });
                self.items.push((id, false));
            }
            Tag::Table(_) => {
                self.close_leaf();
                self.table += 1;
            }
            Tag::TableHead | Tag::TableRow => {
                self.close_leaf();
                self.row = Some((Vec::new(), span.start, matches!(tag, Tag::TableHead)));
            }
            Tag::TableCell => self.cell = Some(LineBuilder::default()),
            Tag::Emphasis => self.emphasis += 1,
            Tag::Strong => self.strong += 1,
            Tag::Strikethrough => self.strike += 1,
            Tag::Link { .. } => self.links += 1,
            Tag::Image { .. } => self.images += 1,
            Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Superscript
            | Tag::Subscript => {}
        }
    }

    fn end(&mut self, tag: TagEnd, span: Span) {
        match tag {
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::MetadataBlock(_) => {
                if let Some(leaf) = &mut self.leaf {
                    leaf.end = leaf.end.max(span.end);
                }
                self.close_leaf();
            }
            TagEnd::BlockQuote(_) => {
                self.close_leaf();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.close_leaf();
                self.lists.pop();
            }
            TagEnd::Item => {
                self.close_leaf();
                self.items.pop();
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some((cells, start, header)) = self.row.take() {
                    let item = self.items.last().map(|(id, _)| ItemRef {
                        id: *id,
                        first_block: false,
                    });
                    self.out.blocks.push(Block {
                        kind: BlockKind::TableRow {
                            table: self.table,
                            header,
                        },
                        span: Span::new(start, span.end.max(start)),
                        lines: cells,
                        prose: Vec::new(),
                        item,
                        quote_depth: self.quote_depth,
                    });
                }
            }
            TagEnd::TableCell => {
                if let Some(mut cell) = self.cell.take() {
                    let line = cell.finish(self.src).unwrap_or_else(|| Line {
                        text: Cow::Borrowed(""),
                        span: Span::empty_at(span.start),
                        pieces: Vec::new(),
                    });
                    if let Some((cells, _, _)) = &mut self.row {
                        cells.push(line);
                    }
                }
            }
            TagEnd::Table => {}
            TagEnd::Emphasis => self.emphasis = self.emphasis.saturating_sub(1),
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Strikethrough => self.strike = self.strike.saturating_sub(1),
            TagEnd::Link => self.links = self.links.saturating_sub(1),
            TagEnd::Image => self.images = self.images.saturating_sub(1),
            TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Superscript
            | TagEnd::Subscript => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Markdown<'_> {
        parse_markdown(src, Span::new(0, src.len()))
    }

    fn texts<'a>(md: &'a Markdown<'_>) -> Vec<(BlockKind, Vec<&'a str>)> {
        md.blocks
            .iter()
            .map(|b| (b.kind, b.lines.iter().map(|l| l.text.as_ref()).collect()))
            .collect()
    }

    #[test]
    fn headings_paragraphs_and_lines() {
        let src = "# Title\n\nSome **bold** text\nsecond line\n\nSetext\n---\n";
        let md = parse(src);
        assert_eq!(
            texts(&md),
            vec![
                (BlockKind::Heading { level: 1 }, vec!["Title"]),
                (BlockKind::Paragraph, vec!["Some bold text", "second line"]),
                (BlockKind::Heading { level: 2 }, vec!["Setext"]),
            ]
        );
    }

    #[test]
    fn plain_text_maps_back_to_source() {
        let src = "- **09:12** - alert `db-01` fired";
        let md = parse(src);
        let line = &md.blocks[0].lines[0];
        assert_eq!(line.text, "09:12 - alert db-01 fired");
        assert_eq!(line.source_span(0..5).slice(src), "09:12");
        let at = line.text.find("db-01").unwrap();
        assert_eq!(line.source_span(at..at + 5).slice(src), "db-01");
        assert_eq!(line.source_span(8..19).slice(src), "alert `db-01");
        assert!(line.code_ranges().any(|r| &line.text[r] == "db-01"));
        assert!(line.overlaps_code(at + 2..at + 3));
        assert!(line.overlaps_code(0..at + 1));
        assert!(!line.overlaps_code(0..at));
        assert!(!line.overlaps_code(at + 5..line.text.len()));
        let code = src.find("db-01").unwrap();
        assert!(line.overlaps_code_in_source(Span::new(code, code + 1)));
        assert!(!line.overlaps_code_in_source(Span::new(0, code - 1)));
    }

    #[test]
    fn lists_record_depth_and_parents() {
        let src = "- a\n  - b\n- c\n";
        let md = parse(src);
        assert_eq!(md.items.len(), 3);
        assert_eq!(md.items[1].depth, 2);
        assert_eq!(md.items[1].parent, Some(0));
        assert_eq!(md.blocks[1].item.map(|i| i.id), Some(1));
        assert_eq!(md.list_sizes, vec![2, 1]);
        assert_eq!(md.blocks[1].span.slice(src), "b");
    }

    #[test]
    fn tables_become_rows_of_cells() {
        let src = "| Time | What |\n|---|---|\n| 9:00 | x |\n| |\n";
        let md = parse(src);
        let rows: Vec<Vec<&str>> = md
            .blocks
            .iter()
            .map(|b| b.lines.iter().map(|l| l.text.as_ref()).collect())
            .collect();
        assert_eq!(rows, vec![vec!["Time", "What"], vec!["9:00", "x"], vec!["", ""]]);
        assert!(matches!(md.blocks[0].kind, BlockKind::TableRow { header: true, .. }));
        assert_eq!(md.blocks[2].span.slice(src).trim_end(), "| |");
    }

    #[test]
    fn emphasis_helpers() {
        let md = parse("**Timeline**:\n\n*Timeline (EAT):*\n\n**Root cause:** disk\n\nplain **bold**\n");
        let l = |i: usize| &md.blocks[i].lines[0];
        assert!(l(0).is_wholly_emphatic());
        assert!(l(1).is_wholly_emphatic());
        assert!(!l(2).is_wholly_emphatic());
        assert!(!l(3).is_wholly_emphatic());
        let (label, rest) = l(2).leading_emphatic_label().unwrap();
        assert_eq!(&l(2).text[label], "Root cause");
        assert_eq!(l(2).text[rest..].trim(), "disk");
    }

    #[test]
    fn html_blocks_give_the_text_a_reader_sees() {
        let src = "<h3>Issue Summary</h3>\n<p>&emsp;Down for <b>1 hour</b> &amp; 68% of users<br>hit. Ran <code>the the</code>\n<!-- a note\nspanning --> after <img src=\"x.png\"\n  width=100%> fill in <date></p>\n";
        let md = parse(src);
        assert_eq!(md.blocks[0].kind, BlockKind::Html);
        let prose: Vec<&str> = md.blocks[0].prose.iter().map(|l| l.text.as_ref()).collect();
        assert_eq!(
            prose,
            vec![
                "Issue Summary",
                " Down for 1 hour & 68% of users hit. Ran ",
                " after ",
                " fill in <date>"
            ]
        );
        // Spans map back to the source; an entity maps into itself.
        let line = &md.blocks[0].prose[1];
        let at = line.text.find("68%").unwrap();
        assert_eq!(line.source_span(at..at + 3).slice(src), "68%");
        let amp = line.text.find('&').unwrap();
        let entity = line.source_span(amp..amp + 1);
        assert_eq!(&src[entity.start..entity.start + 5], "&amp;");
        assert_eq!(md.lines_in(Span::new(0, src.len())).count(), 4);
    }

    #[test]
    fn html_and_code_blocks_keep_raw_lines() {
        let src = "<h2>Timeline</h2>\n\n```\n09:00 x\n10:00 y\n```\n";
        let md = parse(src);
        assert_eq!(md.blocks[0].kind, BlockKind::Html);
        assert_eq!(md.blocks[0].lines[0].text, "<h2>Timeline</h2>");
        assert_eq!(md.blocks[1].kind, BlockKind::Code { fenced: true });
        let lines: Vec<&str> = md.blocks[1].lines.iter().map(|l| l.text.as_ref()).collect();
        assert_eq!(lines, vec!["09:00 x", "10:00 y"]);
        assert_eq!(md.blocks[1].lines[1].span.slice(src), "10:00 y");
    }

    #[test]
    fn crlf_lines() {
        let src = "Title: x\r\nDate: y\r\n";
        let md = parse(src);
        let spans: Vec<&str> = md.blocks[0].lines.iter().map(|l| l.span.slice(src)).collect();
        assert_eq!(spans, vec!["Title: x", "Date: y"]);
    }

    #[test]
    fn front_matter_only_at_the_top() {
        let src = "---\ntitle: x\ndate: 2024-01-02\n---\n# T\n\ntext\n---\nnot: yaml\n---\n";
        let md = parse(src);
        assert_eq!(md.blocks[0].kind, BlockKind::FrontMatter);
        let lines: Vec<&str> = md.blocks[0].lines.iter().map(|l| l.text.as_ref()).collect();
        assert_eq!(lines, vec!["title: x", "date: 2024-01-02"]);
        assert!(md.blocks.iter().skip(1).all(|b| b.kind != BlockKind::FrontMatter));
        assert!(md.blocks.iter().any(|b| b.lines.iter().any(|l| l.text == "not: yaml")));
    }

    #[test]
    fn placeholder_tags_stay_text_and_formatting_tags_do_not() {
        let md = parse("Owner: <name>, due <date>, version <X.Y.Z> <span>ok</span>\n");
        assert_eq!(
            md.blocks[0].lines[0].text,
            "Owner: <name>, due <date>, version <X.Y.Z> ok"
        );
    }

    #[test]
    fn images_are_not_text() {
        let md = parse("![alt text](x.png) after");
        assert_eq!(md.blocks[0].lines[0].text, " after");
    }
}
