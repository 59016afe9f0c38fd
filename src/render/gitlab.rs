//! GitLab Code Quality report: a JSON array of issues that GitLab shows in
//! merge requests.

use std::io::{self, Write};

use serde::Serialize;

use super::{Renderer, Totals, line_columns};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Source;

pub struct Gitlab;

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

/// 64-bit FNV-1a: stable across runs, platforms and Rust versions, which
/// is all a fingerprint needs (std's hasher promises none of that).
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

impl Renderer for Gitlab {
    fn start(&self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"[")
    }

    fn file(&self, source: &Source, diagnostics: &[Diagnostic], out: &mut Vec<u8>) {
        let path = super::relative_path(&source.name);
        // The same finding twice in a file (same rule, message and text)
        // still needs two fingerprints.
        let mut seen: Vec<u64> = Vec::new();
        for (i, d) in diagnostics.iter().enumerate() {
            let (line, _, end_line, _) = line_columns(source, d.primary.span);
            let base = fnv1a(&[path.as_ref(), &d.rule, &d.message, d.primary.span.slice(&source.text)]);
            let occurrence = seen.iter().filter(|h| **h == base).count();
            seen.push(base);
            let fingerprint = format!("{:016x}", fnv1a(&[&base.to_string(), &occurrence.to_string()]));
            let issue = Issue {
                description: format!("[{}] {}", d.rule, d.message),
                check_name: &d.rule,
                fingerprint,
                severity: match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Info => "info",
                },
                location: Location {
                    path: path.as_ref(),
                    lines: Lines {
                        begin: line,
                        end: end_line,
                    },
                },
            };
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"\n  ");
            // Serialising plain structs of strings and numbers cannot fail.
            let _ = serde_json::to_writer(&mut *out, &issue);
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

#[cfg(test)]
mod tests {
    use super::fnv1a;

    #[test]
    fn fingerprints_are_stable_and_separate_their_parts() {
        assert_eq!(fnv1a(&[""]), 0xaf63_bd4c_8601_b7df);
        assert_ne!(fnv1a(&["ab", "c"]), fnv1a(&["a", "bc"]));
    }
}
