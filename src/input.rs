//! Finding the documents to lint and reading them safely.
//!
//! A file that cannot be linted (missing, unreadable, a directory where a file
//! was expected, binary, not UTF-8, too large) yields a [`FileError`] that names
//! the path and the cause; it never stops the other files.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::source::Source;

/// Largest document pmlint reads by default; a postmortem is a few kilobytes.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// What to lint: a file on disk or standard input.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    Path(PathBuf),
    Stdin,
}

impl Input {
    pub fn display_name(&self) -> String {
        match self {
            Input::Path(p) => p.display().to_string(),
            Input::Stdin => "<stdin>".to_string(),
        }
    }

    /// The folder where this document's configuration search starts.
    pub fn config_dir(&self) -> PathBuf {
        match self {
            Input::Path(p) => match p.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
                _ => PathBuf::from("."),
            },
            Input::Stdin => PathBuf::from("."),
        }
    }
}

#[derive(Debug)]
pub struct FileError {
    pub path: String,
    pub message: String,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for FileError {}

/// A document to lint, and whether the command line named it (a named
/// file is linted whatever its name; a file found in a folder only if the
/// configuration's `include` and `exclude` select it).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Found {
    pub input: Input,
    pub named: bool,
}

/// Expand command-line paths into documents: files as given, folders walked
/// (honouring `.gitignore` and `.ignore`, skipping hidden files, surviving
/// symlink loops), `-` as stdin. The result is sorted and free of duplicates
/// so output order is stable.
pub fn collect_inputs(paths: &[PathBuf]) -> Collected {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    let mut notes = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            found.push(Found {
                input: Input::Stdin,
                named: true,
            });
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut found, &mut errors, &mut notes),
            Ok(_) => found.push(Found {
                input: Input::Path(path.clone()),
                named: true,
            }),
            Err(e) => errors.push(FileError {
                path: path.display().to_string(),
                message: describe_io_error(&e),
            }),
        }
    }
    sort_found(&mut found);
    // A file both named and found in a folder counts as named.
    found.dedup_by(|later, earlier| {
        if later.input == earlier.input {
            earlier.named |= later.named;
            true
        } else {
            false
        }
    });
    Collected { found, errors, notes }
}

/// Sort documents as `Found`'s order does, each path's key made once.
/// `Path`'s own comparison walks both paths' components on every call
/// (about 740 instructions); over 10,000 files the sort took 107 M
/// instructions on the main thread before any file was linted, 78% of
/// finding the files. Compared as keys, the same order costs a `memcmp`.
pub fn sort_found(found: &mut Vec<Found>) {
    // A path with a Windows prefix (`C:`) orders by the prefix's kind,
    // which the key does not encode.
    let Some(keys) = found
        .iter()
        .map(|f| input_order_key(&f.input))
        .collect::<Option<Vec<_>>>()
    else {
        found.sort();
        return;
    };
    let mut keyed: Vec<(Vec<u8>, Found)> = keys.into_iter().zip(found.drain(..)).collect();
    // Stable, as `sort` is: `a//b` and `a/b` are equal paths, and the first
    // given is the one kept and shown.
    keyed.sort_by(|(a, fa), (b, fb)| a.cmp(b).then(fa.named.cmp(&fb.named)));
    found.extend(keyed.into_iter().map(|(_, f)| f));
}

/// Bytes that compare as `Input`'s order does: paths as `path_order_key`,
/// every path before standard input.
pub fn input_order_key(input: &Input) -> Option<Vec<u8>> {
    match input {
        Input::Path(path) => path_order_key(path),
        Input::Stdin => Some(vec![u8::MAX]),
    }
}

/// Bytes that compare as paths do (`Path`'s `Ord`, component by
/// component). Each component is a tag in `Component`'s order, and a name
/// ends with a NUL, which no name holds, so a name comes before a longer
/// one it starts ("a" before "ab" and "a\u{1}"). None for a path with a
/// prefix.
pub fn path_order_key(path: &Path) -> Option<Vec<u8>> {
    use std::path::Component;
    let mut key = Vec::with_capacity(path.as_os_str().len() + 8);
    for component in path.components() {
        match component {
            Component::Prefix(_) => return None,
            Component::RootDir => key.push(1),
            Component::CurDir => key.push(2),
            Component::ParentDir => key.push(3),
            Component::Normal(name) => {
                key.push(4);
                key.extend_from_slice(name.as_encoded_bytes());
                key.push(0);
            }
        }
    }
    Some(key)
}

/// What expanding the command-line paths gave.
#[derive(Debug, Default)]
pub struct Collected {
    pub found: Vec<Found>,
    /// Paths that cannot be linted: the run fails.
    pub errors: Vec<FileError>,
    /// Things worth saying that do not fail the run (a symlink loop skipped).
    pub notes: Vec<String>,
}

/// Whether a walk error is a symbolic-link loop, which the walk skips.
fn is_loop(e: &ignore::Error) -> bool {
    match e {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => is_loop(err),
        ignore::Error::Partial(errs) => errs.iter().all(is_loop),
        _ => false,
    }
}

fn walk(root: &Path, found: &mut Vec<Found>, errors: &mut Vec<FileError>, notes: &mut Vec<String>) {
    let walker = ignore::WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .ignore(true)
        .require_git(false)
        .follow_links(true)
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                if entry.file_type().is_some_and(|t| t.is_file()) {
                    found.push(Found {
                        input: Input::Path(entry.into_path()),
                        named: false,
                    });
                }
            }
            Err(e) => {
                // A dangling link is nothing to lint; a loop is skipped with a
                // note; an unreadable folder fails the run, since its files
                // would go unchecked.
                if e.io_error().is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound) {
                    continue;
                }
                if is_loop(&e) {
                    notes.push(format!("{e}; skipped"));
                    continue;
                }
                errors.push(FileError {
                    path: root.display().to_string(),
                    message: e.to_string(),
                });
            }
        }
    }
}

pub fn describe_io_error(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Turn raw bytes into a [`Source`], refusing what is not a text document.
pub fn decode(name: String, bytes: Vec<u8>) -> Result<Source, FileError> {
    if bytes.contains(&0) {
        let at = bytes.iter().position(|b| *b == 0).unwrap_or(0);
        return Err(FileError {
            path: name,
            message: format!("looks like a binary file (NUL byte at offset {at}); not linted"),
        });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source::new(name, text)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            Err(FileError {
                path: name,
                message: format!("is not valid UTF-8 (invalid byte at offset {at}); save it as UTF-8 to lint it"),
            })
        }
    }
}

/// Read one input, refusing directories, oversized files and non-text.
pub fn read_input(input: &Input, max_size: u64) -> Result<Source, FileError> {
    let name = input.display_name();
    let err = |message: String| FileError {
        path: name.clone(),
        message,
    };
    let mut bytes = Vec::new();
    match input {
        Input::Stdin => {
            std::io::stdin()
                .take(max_size + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| err(format!("cannot read standard input: {}", describe_io_error(&e))))?;
        }
        Input::Path(path) => {
            let meta = std::fs::metadata(path).map_err(|e| err(describe_io_error(&e)))?;
            if meta.is_dir() {
                return Err(err("is a directory, not a file".to_string()));
            }
            if !meta.is_file() {
                return Err(err(
                    "is not a regular file (a FIFO, socket or device); not linted".to_string()
                ));
            }
            if meta.len() > max_size {
                return Err(err(format!(
                    "is {} bytes, over the {max_size}-byte limit; not linted",
                    meta.len()
                )));
            }
            let file = std::fs::File::open(path).map_err(|e| err(describe_io_error(&e)))?;
            // Sized from the metadata so the file is read in one call, plus
            // one that finds its end, instead of in doubling steps: a
            // folder of small files otherwise pays about nine reads each.
            // The `take` still guards a file that grew since `metadata`.
            bytes.reserve_exact(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
            file.take(max_size + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| err(describe_io_error(&e)))?;
        }
    }
    if bytes.len() as u64 > max_size {
        return Err(err(format!("is over the {max_size}-byte limit; not linted")));
    }
    decode(name, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_refuses_binary_and_bad_utf8_naming_the_offset() {
        let e = decode("x.md".into(), b"ab\0c".to_vec()).unwrap_err();
        assert!(e.message.contains("offset 2"), "{e}");
        let e = decode("x.md".into(), b"abc\xff".to_vec()).unwrap_err();
        assert!(e.message.contains("offset 3"), "{e}");
        assert!(decode("x.md".into(), "é".as_bytes().to_vec()).is_ok());
    }

    /// The keyed sort gives `Found`'s own order: paths of names that start
    /// one another, control bytes, odd separators, `.` and `..`, absolute and relative,
    /// names beyond ASCII, standard input, the same file named and found.
    #[test]
    fn keyed_sort_orders_as_paths_do() {
        const NAMES: &[&str] = &[
            "a", "ab", "a-b", "a.b", "a b", "b", "B", "é", "~", "0", "a0", ".", "..", "", ".hidden", "z\\y",
            // Bytes below the tags: a name's end must still come first.
            "a\u{1}", "a\u{4}b",
        ];
        const JOINS: &[&str] = &["/", "//", "/./"];
        let mut draws = crate::cue::equivalence::Draws::new(0x9e37_79b9_7f4a_7c15);
        for _ in 0..3000 {
            let mut found: Vec<Found> = (0..draws.below(12))
                .map(|_| {
                    let mut path = String::from(draws.pick(&["", "/", "./", "../"]));
                    for k in 0..=draws.below(4) {
                        if k > 0 {
                            path.push_str(draws.pick(JOINS));
                        }
                        path.push_str(draws.pick(NAMES));
                    }
                    let input = if draws.below(20) == 0 {
                        Input::Stdin
                    } else {
                        Input::Path(PathBuf::from(path))
                    };
                    Found {
                        input,
                        named: draws.below(2) == 0,
                    }
                })
                .collect();
            let mut expected = found.clone();
            expected.sort();
            sort_found(&mut found);
            // Equal paths may be spelt apart (`a//b`, `a/b`): the spelling, too.
            let spelt = |f: &[Found]| -> Vec<(String, bool)> {
                f.iter().map(|f| (format!("{:?}", f.input), f.named)).collect()
            };
            assert_eq!(spelt(&found), spelt(&expected));
        }
    }
}
