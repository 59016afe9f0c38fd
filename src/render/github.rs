//! GitHub Actions workflow commands: each finding becomes an annotation on
//! the pull request's changed lines.
//!
//! `::error file=a.md,line=3,col=5,endLine=3,endColumn=9,title=rule::message`

use std::io::Write;

use super::{Renderer, line_columns};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Source;

pub struct Github;

/// A command's message: `%`, CR and LF are escaped.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A command's property value: `:` and `,` too.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

impl Renderer for Github {
    fn file(&self, source: &Source, diagnostics: &[Diagnostic], out: &mut Vec<u8>) {
        let file = escape_property(super::relative_path(&source.name).as_ref());
        for d in diagnostics {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let (line, col, end_line, end_col) = line_columns(source, d.primary.span);
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            // Writing to a Vec cannot fail.
            let _ = writeln!(
                out,
                "::{level} file={file},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
                escape_property(&format!("pmlint {}", d.rule)),
                escape_data(&message)
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
