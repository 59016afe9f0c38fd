//! One renderer per output format. A renderer reads diagnostics and the
//! source they point into, and nothing else.
//!
//! Files are linted in parallel and rendered into byte buffers by the worker
//! that linted them; the buffers are written in path order. So a renderer
//! renders one file at a time ([`Renderer::file`]) and may frame the whole
//! output ([`Renderer::start`], [`Renderer::end`]).

mod concise;
mod github;
mod gitlab;
mod human;
mod json;
mod json_lines;
mod junit;
pub mod model_json;
mod sarif;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, Write};

pub use concise::Concise;
pub use github::Github;
pub use gitlab::Gitlab;
pub use human::Human;
pub use json::Json;
pub use json_lines::JsonLines;
pub use junit::Junit;
pub use sarif::Sarif;

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Source;

/// Counts over a whole run, for summaries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings per rule, with the severity they were reported at (the
    /// highest, when overrides differ between files).
    pub by_rule: BTreeMap<String, (Severity, usize)>,
    /// Findings that carry a fix, by applicability: (safe, unsafe).
    pub fixable: (usize, usize),
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
            let entry = self.by_rule.entry(d.rule.to_string()).or_insert((d.severity, 0));
            entry.0 = entry.0.max(d.severity);
            entry.1 += 1;
            match d.fix.as_ref().map(|f| f.applicability) {
                Some(crate::diagnostic::Applicability::Safe) => self.fixable.0 += 1,
                Some(crate::diagnostic::Applicability::Unsafe) => self.fixable.1 += 1,
                None => {}
            }
        }
    }

    pub fn merge(&mut self, other: &Totals) {
        self.files += other.files;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
        for (rule, (severity, count)) in &other.by_rule {
            let entry = self.by_rule.entry(rule.clone()).or_insert((*severity, 0));
            entry.0 = entry.0.max(*severity);
            entry.1 += count;
        }
        self.fixable.0 += other.fixable.0;
        self.fixable.1 += other.fixable.1;
    }

    pub fn problems(&self) -> usize {
        self.errors + self.warnings + self.infos
    }

    /// "2 fixable with --fix (1 more with --unsafe-fixes)", when any are.
    pub fn fixable_sentence(&self) -> Option<String> {
        match self.fixable {
            (0, 0) => None,
            (safe, 0) => Some(format!("{safe} fixable with --fix")),
            (0, unsafe_) => Some(format!("{unsafe_} fixable with --fix --unsafe-fixes")),
            (safe, unsafe_) => Some(format!(
                "{safe} fixable with --fix ({unsafe_} more with --unsafe-fixes)"
            )),
        }
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

/// A path as a report names it: forward slashes, no leading `./`.
pub(crate) fn relative_path(path: &str) -> Cow<'_, str> {
    let path = path.strip_prefix("./").unwrap_or(path);
    if path.contains('\\') {
        Cow::Owned(path.replace('\\', "/"))
    } else {
        Cow::Borrowed(path)
    }
}

/// 1-based line and character column of both ends of a span.
pub(crate) fn line_columns(source: &Source, span: crate::source::Span) -> (usize, usize, usize, usize) {
    let start = source.position(span.start);
    let end = source.position(span.end);
    (start.line, start.column, end.line, end.column)
}
