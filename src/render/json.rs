//! A JSON array of diagnostics, one object each. The schema is in the README.

use std::io::{self, Write};

use serde::Serialize;

use super::{Renderer, Totals, line_columns};
use crate::diagnostic::{Applicability, Diagnostic};
use crate::source::{Source, Span};

pub struct Json;

#[derive(Serialize)]
struct Location {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

impl Location {
    fn of(source: &Source, span: Span) -> Self {
        let (line, column, end_line, end_column) = line_columns(source, span);
        Location {
            line,
            column,
            end_line,
            end_column,
        }
    }
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    message: Option<&'a str>,
    #[serde(flatten)]
    location: Location,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    replacement: &'a str,
    #[serde(flatten)]
    location: Location,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    description: &'a str,
    applicability: Applicability,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    rule: &'a str,
    severity: &'static str,
    message: &'a str,
    #[serde(flatten)]
    location: Location,
    help: Option<&'a str>,
    labels: Vec<JsonLabel<'a>>,
    fix: Option<JsonFix<'a>>,
}

pub(crate) fn to_json<'a>(source: &'a Source, d: &'a Diagnostic) -> impl Serialize + 'a {
    let labels = std::iter::once(&d.primary)
        .chain(&d.secondary)
        .map(|l| JsonLabel {
            message: l.message.as_deref(),
            location: Location::of(source, l.span),
        })
        .collect();
    JsonDiagnostic {
        path: &source.name,
        rule: &d.rule,
        severity: d.severity.as_str(),
        message: &d.message,
        location: Location::of(source, d.primary.span),
        help: d.help.as_deref(),
        labels,
        fix: d.fix.as_ref().map(|f| JsonFix {
            description: &f.description,
            applicability: f.applicability,
            edits: f
                .edits
                .iter()
                .map(|e| JsonEdit {
                    replacement: &e.replacement,
                    location: Location::of(source, e.span),
                })
                .collect(),
        }),
    }
}

impl Renderer for Json {
    fn start(&self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"[")
    }

    fn file(&self, source: &Source, diagnostics: &[Diagnostic], out: &mut Vec<u8>) {
        for (i, d) in diagnostics.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(b",");
            }
            out.extend_from_slice(b"\n  ");
            // Serialising plain structs of strings and numbers cannot fail.
            let _ = serde_json::to_writer(&mut *out, &to_json(source, d));
        }
    }

    fn separator(&self) -> &'static [u8] {
        b","
    }

    fn end(&self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        if totals.problems() > 0 {
            out.write_all(b"\n")?;
        }
        out.write_all(b"]\n")
    }
}
