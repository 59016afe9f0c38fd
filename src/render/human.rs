//! miette's graphical report: the source snippet with the primary label on
//! the offending span, secondary labels, and help.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};

use super::Renderer;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{Source, Span};

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
}

impl SourceCode for NamedText<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let inner = self.text.read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            *inner.span(),
            inner.line(),
            inner.column(),
            inner.line_count(),
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
