//! One JSON object per line, the same objects as `--format json`: easy to
//! stream, grep and append.

use super::Renderer;
use super::json::to_json;
use crate::diagnostic::Diagnostic;
use crate::source::Source;

pub struct JsonLines;

impl Renderer for JsonLines {
    fn file(&self, source: &Source, diagnostics: &[Diagnostic], out: &mut Vec<u8>) {
        for d in diagnostics {
            // Serialising plain structs of strings and numbers cannot fail.
            let _ = serde_json::to_writer(&mut *out, &to_json(source, d));
            out.push(b'\n');
        }
    }
}
