//! miette's graphical report: the source snippet with the primary label on
//! the offending span, secondary labels, and help.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};

use super::Renderer;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{LineIndex, Source, Span};

pub struct Human {
    handler: GraphicalReportHandler,
}

impl Human {
    /// `color` only when writing to a terminal and `NO_COLOR` is unset; the
    /// caller decides.
    pub fn new(color: bool, width: usize) -> Self {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        Human {
            handler: GraphicalReportHandler::new_themed(theme)
                .with_width(width)
                .with_links(false),
        }
    }
}

/// A document's text under its display name, borrowed.
struct NamedText<'a> {
    name: &'a str,
    text: &'a str,
    lines: &'a LineIndex,
}

impl SourceCode for NamedText<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        // miette reads a `str` from its start, byte by byte, for every label
        // of every diagnostic: quadratic in a long document's findings. It
        // is given the text from the start of the line `context_lines_before
        // + 1` lines up instead (miette's line breaks are the index's), and
        // its answer moved to the whole text.
        let line = self
            .lines
            .line_of(span.offset())
            .saturating_sub(context_lines_before + 1)
            .max(1);
        let window = self.lines.line_start(line).unwrap_or(0);
        let breaks_before = line - 1;
        let local = SourceSpan::new(span.offset().saturating_sub(window).into(), span.len());
        let inner = self.text[window..].read_span(&local, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            SourceSpan::new((inner.span().offset() + window).into(), inner.span().len()),
            inner.line() + breaks_before,
            inner.column(),
            inner.line_count() + breaks_before,
        )))
    }
}

struct Report<'a> {
    diagnostic: &'a Diagnostic,
    source: NamedText<'a>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Report<'_> {}

fn source_span(span: Span) -> SourceSpan {
    SourceSpan::new(span.start.into(), span.len())
}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.diagnostic.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display + 'b>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let d = self.diagnostic;
        let primary = LabeledSpan::new_primary_with_span(d.primary.message.clone(), source_span(d.primary.span));
        let secondary = d
            .secondary
            .iter()
            .map(|l| LabeledSpan::new_with_span(l.message.clone(), source_span(l.span)));
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}

impl Renderer for Human {
    fn file(&self, source: &Source, diagnostics: &[Diagnostic], out: &mut Vec<u8>) {
        for d in diagnostics {
            let report = Report {
                diagnostic: d,
                source: NamedText {
                    name: &source.name,
                    text: &source.text,
                    lines: &source.lines,
                },
            };
            let mut text = String::new();
            if self.handler.render_report(&mut text, &report).is_err() {
                // miette could not lay the snippet out: fall back to one line.
                let pos = source.position(d.primary.span.start);
                text = format!(
                    "{}:{}:{}: {}[{}] {}\n",
                    source.name, pos.line, pos.column, d.severity, d.rule, d.message
                );
            }
            out.extend_from_slice(text.as_bytes());
            out.push(b'\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What miette says of a span read from the whole text, and what the
    /// windowed reading says: the same, on texts of every kind of line break.
    #[test]
    fn a_windowed_read_is_the_whole_texts_read() {
        const PIECES: &[&str] = &["a", "bc", "é", "日", " ", "\n", "\r", "\r\n", "\n\n", "\r\r\n"];
        let mut draws = crate::cue::equivalence::Draws::new(0x5851_f42d_4c95_7f2d);
        let mut compared = 0;
        for _ in 0..3000 {
            let text: String = (0..draws.below(40)).map(|_| draws.pick(PIECES)).collect();
            let lines = LineIndex::new(&text);
            let named = NamedText {
                name: "x.md",
                text: &text,
                lines: &lines,
            };
            let boundaries: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            for _ in 0..8 {
                let start = draws.pick(&boundaries);
                let len = draws.pick(&boundaries).saturating_sub(start) + draws.below(2) * 3;
                let span = SourceSpan::new(start.into(), len);
                let (before, after) = (draws.below(4), draws.below(4));
                let whole = text.as_str().read_span(&span, before, after);
                let windowed = named.read_span(&span, before, after);
                match (whole, windowed) {
                    (Ok(whole), Ok(windowed)) => {
                        let read = |c: &dyn SpanContents<'_>| {
                            (c.data().to_vec(), *c.span(), c.line(), c.column(), c.line_count())
                        };
                        assert_eq!(
                            read(whole.as_ref()),
                            read(windowed.as_ref()),
                            "{text:?} at {start}+{len}, {before} before, {after} after"
                        );
                        assert_eq!(windowed.name(), Some("x.md"));
                        compared += 1;
                    }
                    (Err(_), Err(_)) => {}
                    (whole, windowed) => panic!(
                        "{text:?} at {start}+{len}: whole {:?}, windowed {:?}",
                        whole.is_ok(),
                        windowed.is_ok()
                    ),
                }
            }
        }
        assert!(compared > 15_000, "{compared}");
    }
}
