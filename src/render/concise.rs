//! `path:line:col: severity[rule-id] message`, one line per diagnostic.

use std::io::Write;

use super::Renderer;
use crate::diagnostic::Diagnostic;
use crate::source::Source;

pub struct Concise;

impl Renderer for Concise {
    fn file(&self, source: &Source, diagnostics: &[Diagnostic], out: &mut Vec<u8>) {
        for d in diagnostics {
            let pos = source.position(d.primary.span.start);
            // Writing to a Vec cannot fail.
            let _ = writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                source.name, pos.line, pos.column, d.severity, d.rule, d.message
            );
        }
    }
}
