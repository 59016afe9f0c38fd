//! Applying fixes: in passes, each pass taking every fix that does not
//! overlap one already taken, re-linting in between, until nothing changes.
//!
//! Writing the result back is the caller's job ([`write_atomically`] does it
//! safely); this module only turns text into fixed text.

use std::io::Write;
use std::path::Path;

use crate::config::Config;
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::source::{Source, Span};

/// Passes before giving up on fixes that keep producing new fixes.
const MAX_PASSES: usize = 10;

/// Which fixes to apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixLevel {
    Safe,
    /// Safe and unsafe fixes (`--unsafe-fixes`).
    Unsafe,
}

impl FixLevel {
    fn allows(self, fix: &Fix) -> bool {
        fix.applicability == Applicability::Safe || self == FixLevel::Unsafe
    }
}

/// The fixed text of a document and how many fixes went into it.
#[derive(Debug)]
pub struct Fixed {
    pub text: String,
    pub applied: usize,
}

/// Apply the allowed fixes of `diagnostics` to `text` in one pass: fixes
/// in order of position, skipping any that overlaps one already taken.
/// Returns the new text and how many fixes were applied.
pub fn apply_once(text: &str, diagnostics: &[Diagnostic], level: FixLevel) -> (String, usize) {
    let mut fixes: Vec<&Fix> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| level.allows(f) && !f.edits.is_empty())
        .collect();
    fixes.sort_by_key(|f| f.edits.iter().map(|e| e.span.start).min());
    let mut taken = Taken::default();
    let mut edits = Vec::new();
    let mut applied = 0;
    for fix in fixes {
        let in_bounds = fix.edits.iter().all(|e| {
            e.span.start <= e.span.end
                && e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        if !in_bounds || fix.edits.iter().any(|e| taken.clashes(e.span)) {
            continue;
        }
        for e in &fix.edits {
            taken.insert(e.span);
        }
        edits.extend(fix.edits.iter());
        applied += 1;
    }
    // One pass over the text: a million fixes cost no more than one copy.
    // An insertion goes before a replacement that starts where it stands.
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for e in edits {
        out.push_str(&text[copied..e.span.start]);
        out.push_str(&e.replacement);
        copied = e.span.end;
    }
    out.push_str(&text[copied..]);
    (out, applied)
}

/// The spans already taken by fixes of one pass. They never overlap, so only
/// the last one starting before a new edit's end can clash with it.
#[derive(Default)]
struct Taken(std::collections::BTreeSet<(usize, usize)>);

impl Taken {
    /// Whether `span` overlaps a taken span. Two edits touching at a point (an
    /// insertion where another edit ends) do not clash, but two insertions at
    /// one point do: their order would be a guess.
    fn clashes(&self, span: Span) -> bool {
        self.0.contains(&(span.start, span.end))
            || self
                .0
                .range(..(span.end, 0))
                .next_back()
                .is_some_and(|&(_, end)| span.start < end)
    }

    fn insert(&mut self, span: Span) {
        self.0.insert((span.start, span.end));
    }
}

/// Fix a document until it is stable. `lint` runs the rules on a text.
pub fn fix_until_stable(text: &str, level: FixLevel, mut lint: impl FnMut(&str) -> Vec<Diagnostic>) -> Fixed {
    let mut current = text.to_string();
    let mut applied = 0;
    for _ in 0..MAX_PASSES {
        let diagnostics = lint(&current);
        let (next, n) = apply_once(&current, &diagnostics, level);
        if n == 0 || next == current {
            break;
        }
        applied += n;
        current = next;
    }
    Fixed { text: current, applied }
}

/// Fix a document with a configuration's rules.
pub fn fix_document(source: &Source, config: &Config, level: FixLevel) -> Fixed {
    // Fixes edit the text as written; `Source::new` reads each pass's text
    // as the linter does, with the same offsets.
    let fixed = fix_until_stable(source.as_written(), level, |text| {
        crate::lint(&Source::new(source.name.clone(), text.to_string()), config)
    });
    Fixed {
        text: source.with_own_line_endings(fixed.text),
        applied: fixed.applied,
    }
}

/// Why a fixed file was not written.
#[derive(Debug)]
pub enum WriteError {
    /// The file changed on disk after pmlint read it.
    Changed,
    Io(std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Changed => f.write_str("changed on disk while pmlint was fixing it; not written"),
            WriteError::Io(e) => write!(f, "cannot write the fixed file: {e}"),
        }
    }
}

/// Replace `path`'s contents with `text` without ever leaving a half-written
/// file: write a temporary file in the same folder with the original's
/// permissions, check the original still holds `original`, then rename the
/// temporary file over it.
pub fn write_atomically(path: &Path, original: &[u8], text: &str) -> Result<(), WriteError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let permissions = std::fs::metadata(path).map_err(WriteError::Io)?.permissions();
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(WriteError::Io)?;
    temp.write_all(text.as_bytes()).map_err(WriteError::Io)?;
    temp.as_file().sync_all().map_err(WriteError::Io)?;
    std::fs::set_permissions(temp.path(), permissions).map_err(WriteError::Io)?;
    // The window between this check and the rename is as small as it gets
    // without locking; an editor saving in between would lose to us, but a
    // file changed during the (much longer) lint and fix is caught.
    let now = std::fs::read(path).map_err(WriteError::Io)?;
    if now != original {
        return Err(WriteError::Changed);
    }
    temp.persist(path).map_err(|e| WriteError::Io(e.error))?;
    Ok(())
}

/// A unified diff of a document before and after fixing, `--diff` style.
pub fn unified_diff(name: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Diagnostic, Edit};

    fn fix(span: Span, replacement: &str, applicability: Applicability) -> Diagnostic {
        Diagnostic::new(span, "m").with_fix(Fix {
            description: "d".to_string(),
            edits: vec![Edit {
                span,
                replacement: replacement.to_string(),
            }],
            applicability,
        })
    }

    #[test]
    fn overlapping_fixes_wait_for_the_next_pass() {
        let text = "abcdef";
        let d = vec![
            fix(Span::new(0, 2), "X", Applicability::Safe),
            fix(Span::new(1, 3), "Y", Applicability::Safe),
            fix(Span::new(4, 5), "Z", Applicability::Safe),
            fix(Span::new(5, 6), "U", Applicability::Unsafe),
        ];
        assert_eq!(apply_once(text, &d, FixLevel::Safe), ("XcdZf".to_string(), 2));
        assert_eq!(apply_once(text, &d, FixLevel::Unsafe), ("XcdZU".to_string(), 3));
    }

    #[test]
    fn insertions_touching_an_edit_apply_but_two_at_one_point_clash() {
        let text = "abcdef";
        let d = vec![
            fix(Span::new(1, 3), "X", Applicability::Safe),
            fix(Span::new(3, 3), "+", Applicability::Safe),
            fix(Span::new(3, 3), "-", Applicability::Safe),
            fix(Span::new(1, 1), "<", Applicability::Safe),
            fix(Span::new(2, 5), "Y", Applicability::Safe),
            fix(Span::new(5, 6), "Z", Applicability::Safe),
        ];
        assert_eq!(apply_once(text, &d, FixLevel::Safe), ("a<X+deZ".to_string(), 4));
    }

    #[test]
    fn many_fixes_apply_in_one_pass() {
        let text = "ab".repeat(100_000);
        let d: Vec<Diagnostic> = (0..100_000)
            .map(|i| fix(Span::new(2 * i, 2 * i + 1), "", Applicability::Safe))
            .collect();
        let (fixed, applied) = apply_once(&text, &d, FixLevel::Safe);
        assert_eq!(applied, 100_000);
        assert_eq!(fixed, "b".repeat(100_000));
    }

    #[test]
    fn passes_run_until_stable() {
        // A "rule" that removes one doubled letter per pass.
        let lint = |t: &str| -> Vec<Diagnostic> {
            t.find("aa")
                .map(|i| vec![fix(Span::new(i, i + 1), "", Applicability::Safe)])
                .unwrap_or_default()
        };
        let fixed = fix_until_stable("aaaab", FixLevel::Safe, lint);
        assert_eq!((fixed.text.as_str(), fixed.applied), ("ab", 3));
    }

    #[test]
    fn out_of_bounds_edits_are_ignored() {
        let d = vec![fix(Span::new(2, 40), "", Applicability::Safe)];
        assert_eq!(apply_once("abc", &d, FixLevel::Safe), ("abc".to_string(), 0));
    }

    #[test]
    fn writes_keep_permissions_and_refuse_changed_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.md");
        std::fs::write(&path, "old\\r\\n").expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        }
        write_atomically(&path, b"old\\r\\n", "new\\r\\n").expect("written");
        assert_eq!(std::fs::read(&path).expect("read"), b"new\\r\\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode, 0o640);
        }
        let e = write_atomically(&path, b"old\\r\\n", "newer").expect_err("changed since read");
        assert!(matches!(e, WriteError::Changed));
        assert_eq!(std::fs::read(&path).expect("read"), b"new\\r\\n");
        assert_eq!(
            std::fs::read_dir(dir.path()).expect("dir").count(),
            1,
            "no temporary file left"
        );
    }
}
