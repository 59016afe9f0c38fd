//! Source text, byte spans and the byte-offset to line/column mapping.
//!
//! Everything downstream of reading a file speaks in byte [`Span`]s into the
//! original text. Only renderers turn them into lines and columns, through
//! [`LineIndex`], which is where CRLF, lone CR and multi-byte characters are
//! handled once for everybody.

use std::fmt;
use std::ops::Range;

/// A half-open byte range `start..end` into a document's text.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn empty_at(offset: usize) -> Self {
        Span {
            start: offset,
            end: offset,
        }
    }

    pub const fn len(self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub const fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The whole lines `self` touches in `src`, through the last line's break.
    pub fn whole_lines(self, src: &str) -> Span {
        let start = src[..self.start].rfind('\n').map_or(0, |i| i + 1);
        let end = src[self.end..].find('\n').map_or(src.len(), |i| self.end + i + 1);
        Span::new(start, end)
    }

    /// Whether the two share a byte.
    pub const fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span that covers both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The text this span covers, or `""` if it does not fit `text`.
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// This span shifted by `base` bytes (a span relative to a sub-slice made absolute).
    pub const fn offset(self, base: usize) -> Span {
        Span::new(self.start + base, self.end + base)
    }

    pub const fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// A 1-based line and a 1-based column counted in characters (not bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Start offsets of every line of a text.
///
/// A line ends at `\n`, at `\r\n`, or at a lone `\r` (old Mac files), the
/// same three endings CommonMark recognises, so that line numbers agree with
/// what the markdown parser saw.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Every [`CHECKPOINT`] bytes (moved forward to a character boundary):
    /// the byte offset and how many characters come before it. Columns count
    /// characters, and counting from a checkpoint keeps a column cheap on a
    /// megabyte-long line. Empty for ASCII text, where bytes are characters.
    checkpoints: Vec<(usize, usize)>,
    /// The text starts with a UTF-8 byte-order mark, which no editor counts
    /// as a column.
    bom: bool,
}

/// Bytes between character-count checkpoints.
const CHECKPOINT: usize = 256;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 40 + 1);
        starts.push(0);
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        LineIndex {
            starts,
            checkpoints: if text.is_ascii() { Vec::new() } else { checkpoints(text) },
            bom: text.starts_with('\u{feff}'),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where 1-based `line` starts.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
    }

    /// The 1-based line that byte `offset` is on.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// Where the line holding byte `offset` starts.
    pub fn start_of_line_at(&self, offset: usize) -> usize {
        self.starts[self.line_of(offset).saturating_sub(1)]
    }

    /// Where the line after the one holding byte `offset` starts (past its
    /// line break), or `None` on the last line.
    pub fn next_line_start(&self, offset: usize) -> Option<usize> {
        self.starts.get(self.line_of(offset)).copied()
    }

    /// Characters before byte `offset` (a character boundary) in `text`.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        if self.checkpoints.is_empty() {
            return offset;
        }
        let i = self.checkpoints.partition_point(|(at, _)| *at <= offset);
        let (at, chars) = i.checked_sub(1).map_or((0, 0), |i| self.checkpoints[i]);
        chars + text[at..offset].chars().count()
    }

    /// The position of byte `offset` in `text`. An offset inside a multi-byte
    /// character counts as that character; an offset past the end is clamped.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line_idx = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line_idx];
        let mut column = self.chars_before(text, offset) - self.chars_before(text, start) + 1;
        if self.bom && line_idx == 0 && offset >= '\u{feff}'.len_utf8() {
            column -= 1;
        }
        Position {
            line: line_idx + 1,
            column,
        }
    }
}

/// A checkpoint at the first character boundary at or past every
/// [`CHECKPOINT`] bytes from the last, with the characters before it.
fn checkpoints(text: &str) -> Vec<(usize, usize)> {
    // A character is a byte that does not continue one (10xxxxxx): counted a
    // block at a time, which the compiler vectorises, rather than decoded.
    let chars_in = |bytes: &[u8]| bytes.iter().filter(|&&b| (b as i8) >= -0x40).count();
    let mut checkpoints = Vec::with_capacity(text.len() / CHECKPOINT + 1);
    let (mut at, mut chars) = (0, 0);
    while at < text.len() {
        checkpoints.push((at, chars));
        let mut next = at + CHECKPOINT;
        while next < text.len() && !text.is_char_boundary(next) {
            next += 1;
        }
        chars += chars_in(&text.as_bytes()[at..next.min(text.len())]);
        at = next;
    }
    checkpoints
}

/// A document as read: its display name, its text and its line index.
#[derive(Debug)]
pub struct Source {
    /// What diagnostics call the document: the path as given, or `<stdin>`.
    pub name: String,
    /// The text every reader sees: as written, except that a lone `\r` (an
    /// old Mac line ending) is a `\n`. One byte stands for one, so offsets
    /// into it are offsets into the file.
    pub text: String,
    pub lines: LineIndex,
    /// The text as written, when it differs from `text`: what a fix edits
    /// and what a rewrite checks the file against.
    as_written: Option<String>,
}

impl Source {
    pub fn new(name: impl Into<String>, text: String) -> Self {
        let (text, as_written) = match lone_cr_as_lf(&text) {
            Some(read) => (read, Some(text)),
            None => (text, None),
        };
        let lines = LineIndex::new(&text);
        Source {
            name: name.into(),
            text,
            lines,
            as_written,
        }
    }

    /// The text as written in the file.
    pub fn as_written(&self) -> &str {
        self.as_written.as_deref().unwrap_or(&self.text)
    }

    /// `fixed`, a fix of `as_written`, with the file's own line endings: in
    /// a file that ends its lines with lone `\r`s and nothing else, the
    /// lines a fix wrote (which end in `\n`, as `text` does) end in `\r` too.
    pub fn with_own_line_endings(&self, fixed: String) -> String {
        match &self.as_written {
            Some(written) if !written.contains('\n') => fixed.replace('\n', "\r"),
            _ => fixed,
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(&self.text, offset)
    }
}

/// `text` with each lone `\r` (not followed by `\n`) turned into `\n`, or
/// None when it has none. CommonMark ends a line there, and so does
/// [`LineIndex`]; the parsers, which split lines at `\n`, then read the
/// same lines.
fn lone_cr_as_lf(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut lone = memchr::memchr_iter(b'\r', bytes)
        .filter(|&i| bytes.get(i + 1) != Some(&b'\n'))
        .peekable();
    lone.peek()?;
    let mut read = String::with_capacity(text.len());
    let mut copied = 0;
    for i in lone {
        read.push_str(&text[copied..i]);
        read.push('\n');
        copied = i + 1;
    }
    read.push_str(&text[copied..]);
    Some(read)
}

#[cfg(test)]
mod tests {
    #[test]
    fn lone_carriage_returns_read_as_line_feeds() {
        let source = Source::new("x", "a\rb\r\nc\r\rd\ne\r".to_string());
        assert_eq!(source.text, "a\nb\r\nc\n\nd\ne\n");
        assert_eq!(source.as_written(), "a\rb\r\nc\r\rd\ne\r");
        // Mixed endings: what a fix wrote keeps its `\n`.
        assert_eq!(source.with_own_line_endings("a\nz\n".into()), "a\nz\n");
        let old_mac = Source::new("x", "a\rb\r".to_string());
        assert_eq!(old_mac.with_own_line_endings("b\na\n".into()), "b\ra\r");
        let usual = Source::new("x", "a\r\nb\n".to_string());
        assert_eq!(usual.text, "a\r\nb\n");
        assert_eq!(usual.as_written(), usual.text);
        assert_eq!(usual.with_own_line_endings("b\n".into()), "b\n");
    }

    #[test]
    fn the_next_line_starts_past_the_break() {
        let text = "ab\r\ncd\nef";
        let index = LineIndex::new(text);
        assert_eq!(index.next_line_start(0), Some(4));
        assert_eq!(index.next_line_start(2), Some(4));
        assert_eq!(index.next_line_start(4), Some(7));
        assert_eq!(index.next_line_start(8), None);
    }

    #[test]
    fn a_byte_order_mark_is_no_column() {
        let text = "\u{feff}# Title\nx";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, text.find('#').unwrap()).column, 1);
        assert_eq!(index.position(text, text.find('T').unwrap()).column, 3);
        assert_eq!(index.position(text, text.find('x').unwrap()).column, 1);
    }

    #[test]
    fn columns_on_long_lines_match_a_plain_count() {
        let text = format!("ab\n{}\r\nz", "é🔥x ".repeat(500));
        let index = LineIndex::new(&text);
        for (offset, _) in text.char_indices().step_by(7) {
            let start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
            let expected = text[start..offset].chars().count() + 1;
            assert_eq!(index.position(&text, offset).column, expected, "at {offset}");
        }
        assert_eq!(index.start_of_line_at(text.len() - 1), text.len() - 1);
    }

    /// Line starts and checkpoints as the byte-at-a-time definitions give them.
    #[test]
    fn the_index_agrees_with_a_plain_reading() {
        let pieces = ["a", "é", "🔥", "\u{7ff}", "\n", "\r", "\r\n", "\n\r", " words ", "ü\r"];
        let mut draws = crate::cue::equivalence::Draws::new(7);
        for _ in 0..300 {
            let mut text = String::new();
            let len = draws.below(900);
            while text.len() < len {
                text.push_str(draws.pick(&pieces));
            }
            let index = LineIndex::new(&text);
            let bytes = text.as_bytes();
            let mut starts = vec![0];
            for (i, &b) in bytes.iter().enumerate() {
                if b == b'\n' || b == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
                    starts.push(i + 1);
                }
            }
            assert_eq!(index.starts, starts, "{text:?}");
            let mut expected = Vec::new();
            if !text.is_ascii() {
                let mut next = 0;
                for (chars, (at, _)) in text.char_indices().enumerate() {
                    if at >= next {
                        expected.push((at, chars));
                        next = at + CHECKPOINT;
                    }
                }
            }
            assert_eq!(index.checkpoints, expected, "{text:?}");
        }
    }

    use super::*;

    fn pos(text: &str, offset: usize) -> (usize, usize) {
        let p = LineIndex::new(text).position(text, offset);
        (p.line, p.column)
    }

    #[test]
    fn lf_lines() {
        let t = "ab\ncd\n";
        assert_eq!(pos(t, 0), (1, 1));
        assert_eq!(pos(t, 1), (1, 2));
        assert_eq!(pos(t, 3), (2, 1));
        assert_eq!(pos(t, 6), (3, 1));
    }

    #[test]
    fn crlf_lines_do_not_count_the_cr_as_a_line() {
        let t = "ab\r\ncd\r\nef";
        assert_eq!(pos(t, 4), (2, 1));
        assert_eq!(pos(t, 5), (2, 2));
        assert_eq!(pos(t, 8), (3, 1));
        assert_eq!(LineIndex::new(t).line_count(), 3);
    }

    #[test]
    fn lone_cr_ends_a_line() {
        let t = "ab\rcd";
        assert_eq!(pos(t, 3), (2, 1));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let t = "é🔥x\nü";
        // 'x' is at byte 6 (é = 2 bytes, 🔥 = 4 bytes), character column 3.
        assert_eq!(pos(t, 6), (1, 3));
        assert_eq!(pos(t, 8), (2, 1));
        assert_eq!(pos(t, 10), (2, 2));
    }

    #[test]
    fn offsets_inside_a_character_or_past_the_end_are_clamped() {
        let t = "é";
        assert_eq!(pos(t, 1), (1, 1));
        assert_eq!(pos(t, 99), (1, 2));
    }

    #[test]
    fn span_helpers() {
        let a = Span::new(2, 5);
        assert_eq!(a.len(), 3);
        assert!(a.contains(Span::new(3, 4)));
        assert_eq!(a.cover(Span::new(7, 9)), Span::new(2, 9));
        assert_eq!(a.slice("0123456"), "234");
        assert_eq!(Span::new(5, 99).slice("abc"), "");
    }
}
