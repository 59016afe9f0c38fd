//! Which files a folder walk lints: `include` and `exclude` globs.
//!
//! Globs are matched against a file's path relative to the folder of the
//! configuration that names them (the current folder for the command line
//! and the defaults). `*` stays within a folder and `**` crosses folders; a
//! glob without a `/` also matches a file's name in any folder, so
//! `draft-*.md` skips drafts everywhere.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use globset::{Candidate, Glob, GlobBuilder, GlobSet, GlobSetBuilder};

/// What a folder walk picks up when nothing says otherwise.
pub const DEFAULT_INCLUDE: &[&str] = &["**/*.md", "**/*.markdown"];

/// A set of globs, as written and compiled.
#[derive(Clone, Debug)]
pub struct Globs {
    pub patterns: Vec<String>,
    /// Globs with a `/`, matched against the relative path.
    by_path: GlobSet,
    /// Globs without one, matched against the file name too.
    by_name: GlobSet,
}

impl Globs {
    pub fn new(patterns: &[String]) -> Result<Globs, String> {
        let mut by_path = GlobSetBuilder::new();
        let mut by_name = GlobSetBuilder::new();
        for pattern in patterns {
            let glob = compile(pattern)?;
            if pattern.contains('/') {
                by_path.add(glob);
            } else {
                by_name.add(glob);
            }
        }
        let build = |b: GlobSetBuilder| b.build().map_err(|e| e.to_string());
        Ok(Globs {
            patterns: patterns.to_vec(),
            by_path: build(by_path)?,
            by_name: build(by_name)?,
        })
    }

    pub fn matches(&self, relative: &Path) -> bool {
        if self.patterns.is_empty() {
            return false;
        }
        // One candidate for both sets: making one copies and normalises the path.
        let candidate = Candidate::new(relative);
        self.by_path.is_match_candidate(&candidate)
            || self.by_name.is_match_candidate(&candidate)
            || relative.file_name().is_some_and(|name| self.by_name.is_match(name))
    }
}

fn compile(pattern: &str) -> Result<Glob, String> {
    // `./docs/**` means `docs/**`: paths are matched without the `./`.
    let pattern = pattern.strip_prefix("./").unwrap_or(pattern);
    GlobBuilder::new(pattern)
        .literal_separator(true)
        .backslash_escape(true)
        .build()
        .map_err(|e| format!("invalid glob `{pattern}`: {}", e.kind()))
}

/// The files a configuration lets a folder walk lint.
#[derive(Clone, Debug)]
pub struct FileSelection {
    /// The folder the globs are relative to.
    pub root: PathBuf,
    pub include: Globs,
    pub exclude: Globs,
}

impl Default for FileSelection {
    fn default() -> Self {
        let include: Vec<String> = DEFAULT_INCLUDE.iter().map(|s| s.to_string()).collect();
        FileSelection {
            root: PathBuf::from("."),
            include: Globs::new(&include).unwrap_or_else(|e| panic!("built-in include globs are invalid: {e}")),
            exclude: Globs::new(&[]).unwrap_or_else(|e| panic!("an empty glob set is invalid: {e}")),
        }
    }
}

/// `path` relative to `root`, when both can be made absolute and one holds
/// the other; else `path` without a leading `./`.
fn relative_to(root: &Path, path: &Path) -> PathBuf {
    // Both relative (a folder named on the command line, and the defaults'
    // `.`): the current folder is a prefix of both, so the answer is the
    // same without joining it to either, which cost more than matching.
    if root.is_relative() && path.is_relative() && CURRENT_DIR.is_some() {
        let path = without_cur_dir(path);
        return match path.strip_prefix(without_cur_dir(root)) {
            Ok(rel) => rel.to_path_buf(),
            Err(_) => path.into_owned(),
        };
    }
    relative_by_absolute(root, path)
}

/// pmlint never changes its folder; asking once spares a system call a file.
static CURRENT_DIR: LazyLock<Option<PathBuf>> = LazyLock::new(|| std::env::current_dir().ok());

/// `p` as its components spell it, without `.`: borrowed when that is how
/// `p` is already written, as the paths of a walk under a plain root are
/// (rebuilding each, twice, was a third of choosing the files to lint).
fn without_cur_dir(p: &Path) -> Cow<'_, Path> {
    if is_plainly_written(p) {
        return Cow::Borrowed(p);
    }
    Cow::Owned(
        p.components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect(),
    )
}

/// Whether `p` is written as its components, without `.`, would write it:
/// no `.` part, no doubled or trailing separator.
fn is_plainly_written(p: &Path) -> bool {
    if !cfg!(unix) {
        return false;
    }
    let bytes = p.as_os_str().as_encoded_bytes();
    let parts_ok = bytes
        .split(|&b| b == b'/')
        .enumerate()
        .all(|(i, part)| part != b"." && (!part.is_empty() || i == 0));
    !bytes.is_empty() && parts_ok
}

/// `relative_to` by making both paths absolute.
fn relative_by_absolute(root: &Path, path: &Path) -> PathBuf {
    fn absolute(p: &Path) -> Option<Cow<'_, Path>> {
        if p.is_absolute() {
            Some(Cow::Borrowed(p))
        } else {
            CURRENT_DIR.as_ref().map(|cwd| Cow::Owned(cwd.join(p)))
        }
    }
    // Every file of a walk is read against the same root: its absolute form
    // is kept, one per thread, instead of being made again for each file.
    thread_local! {
        static ROOT: std::cell::RefCell<Option<(PathBuf, Option<PathBuf>)>> = const { std::cell::RefCell::new(None) };
    }
    let abs = absolute(path);
    ROOT.with_borrow_mut(|kept| {
        if kept.as_ref().is_none_or(|(was, _)| was != root) {
            *kept = Some((
                root.to_path_buf(),
                absolute(root).map(|r| without_cur_dir(&r).into_owned()),
            ));
        }
        let absolute_root = kept.as_ref().and_then(|(_, absolute_root)| absolute_root.as_ref())?;
        let rel = without_cur_dir(abs.as_ref()?)
            .strip_prefix(absolute_root)
            .ok()?
            .to_path_buf();
        Some(rel)
    })
    .unwrap_or_else(|| without_cur_dir(path).into_owned())
}

impl FileSelection {
    /// Whether a file found by a folder walk is linted.
    pub fn selects(&self, path: &Path) -> bool {
        let relative = relative_to(&self.root, path);
        self.include.matches(&relative) && !self.exclude.matches(&relative)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn selection(include: &[&str], exclude: &[&str]) -> FileSelection {
        let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        FileSelection {
            root: PathBuf::from("/repo"),
            include: Globs::new(&owned(include)).unwrap(),
            exclude: Globs::new(&owned(exclude)).unwrap(),
        }
    }

    #[test]
    fn globs_relative_to_the_root() {
        let s = selection(DEFAULT_INCLUDE, &["legacy/**", "draft-*.md"]);
        assert!(s.selects(Path::new("/repo/postmortems/2024-01-02-db.md")));
        assert!(s.selects(Path::new("/repo/top.markdown")));
        assert!(!s.selects(Path::new("/repo/notes.txt")));
        assert!(!s.selects(Path::new("/repo/legacy/old.md")));
        assert!(
            !s.selects(Path::new("/repo/a/b/draft-x.md")),
            "a glob without / matches names anywhere"
        );
        assert!(
            s.selects(Path::new("/repo/a/legacy/old.md")),
            "a glob with / is anchored at the root"
        );
        let only_docs = selection(&["docs/*.md"], &[]);
        assert!(only_docs.selects(Path::new("/repo/docs/a.md")));
        assert!(
            !only_docs.selects(Path::new("/repo/docs/deep/a.md")),
            "`*` stays in one folder"
        );
    }

    /// A path kept as written is spelt as rebuilding it from its
    /// components spells it, byte for byte (globs read the bytes).
    #[test]
    fn paths_kept_as_written_are_spelt_as_rebuilt() {
        const PARTS: &[&str] = &["", ".", "..", "a", "b.md", ".hidden", "..x", "x."];
        let mut draws = crate::cue::equivalence::Draws::new(0x3c6e_f372_fe94_f82b);
        let mut kept = 0;
        for _ in 0..5_000 {
            let parts: Vec<&str> = (0..=draws.below(5)).map(|_| draws.pick(PARTS)).collect();
            let path = PathBuf::from(parts.join("/"));
            let rebuilt: PathBuf = path
                .components()
                .filter(|c| !matches!(c, std::path::Component::CurDir))
                .collect();
            let found = without_cur_dir(&path);
            assert_eq!(
                found.as_os_str().as_encoded_bytes(),
                rebuilt.as_os_str().as_encoded_bytes(),
                "{path:?}"
            );
            kept += usize::from(matches!(found, Cow::Borrowed(_)));
        }
        assert!(kept > 500, "{kept}");
    }

    /// Relative paths are read against each other as they would be once
    /// both were made absolute.
    #[test]
    fn relative_paths_need_not_be_made_absolute() {
        const PARTS: &[&str] = &[".", "..", "docs", "a", "b.md", "docs.md"];
        let mut draws = crate::cue::equivalence::Draws::new(0x0f1e_2d3c_4b5a_6978);
        let path_of = |draws: &mut crate::cue::equivalence::Draws| {
            let parts: Vec<&str> = (0..draws.below(4)).map(|_| draws.pick(PARTS)).collect();
            PathBuf::from(if parts.is_empty() {
                ".".to_string()
            } else {
                parts.join("/")
            })
        };
        let mut inside = 0;
        for _ in 0..5_000 {
            let (root, path) = (path_of(&mut draws), path_of(&mut draws));
            let rel = relative_to(&root, &path);
            assert_eq!(rel, relative_by_absolute(&root, &path), "{root:?} {path:?}");
            inside += usize::from(rel != without_cur_dir(&path));
        }
        assert!(inside > 100, "{inside}");
        // The root kept between calls is the one asked about: absolute roots
        // in turn, twice over.
        let cases = [
            (".", "./docs/a.md", "docs/a.md"),
            ("docs", "docs/a.md", "a.md"),
            ("/repo", "/repo/a/x.md", "a/x.md"),
            ("/other", "/repo/a/x.md", "/repo/a/x.md"),
            ("/repo/a", "/repo/a/x.md", "x.md"),
        ];
        for (root, path, relative) in cases.iter().chain(&cases) {
            assert_eq!(
                relative_to(Path::new(root), Path::new(path)),
                Path::new(relative),
                "{root} {path}"
            );
        }
    }

    #[test]
    fn bad_globs_are_named() {
        let e = Globs::new(&["docs/[".to_string()]).unwrap_err();
        assert!(e.contains("invalid glob `docs/[`"), "{e}");
    }
}
