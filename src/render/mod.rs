//! One renderer per output format. A renderer reads diagnostics and the
//! source they point into, and nothing else.
//!
//! Files are linted in parallel and rendered into byte buffers by the worker
//! that linted them; the buffers are written in path order. So a renderer
//! renders one file at a time ([`Renderer::file`]) and may frame the whole
//! output ([`Renderer::start`], [`Renderer::end`]).

mod concise;
mod human;
mod json;
pub mod model_json;

use std::io::{self, Write};

pub use concise::Concise;
pub use human::Human;
pub use json::Json;

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Source;

/// Counts over a whole run, for summaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Totals {
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        self.files += 1;
        for d in diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    pub fn merge(&mut self, other: &Totals) {
        self.files += other.files;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
    }

    pub fn problems(&self) -> usize {
        self.errors + self.warnings + self.infos
    }

    /// "12 problems (3 errors, 9 warnings) in 40 files"
    pub fn sentence(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let mut parts = Vec::new();
        if self.errors > 0 {
            parts.push(plural(self.errors, "error"));
        }
        if self.warnings > 0 {
            parts.push(plural(self.warnings, "warning"));
        }
        if self.infos > 0 {
            parts.push(plural(self.infos, "info"));
        }
        let files = plural(self.files, "file");
        if parts.is_empty() {
            format!("no problems in {files}")
        } else {
            format!(
                "{} ({}) in {files}",
                plural(self.problems(), "problem"),
                parts.join(", ")
            )
        }
    }
}

pub trait Renderer: Sync {
    fn start(&self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    /// Render one file's diagnostics (already sorted) into `out`.
    fn file(&self, source: &Source, diagnostics: &[Diagnostic], out: &mut Vec<u8>);

    /// Written between the output of two files that both rendered something.
    fn separator(&self) -> &'static [u8] {
        b""
    }

    fn end(&self, _out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        Ok(())
    }
}

/// 1-based line and character column of both ends of a span.
pub(crate) fn line_columns(source: &Source, span: crate::source::Span) -> (usize, usize, usize, usize) {
    let start = source.position(span.start);
    let end = source.position(span.end);
    (start.line, start.column, end.line, end.column)
}
