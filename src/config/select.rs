//! Which files a folder walk lints: `include` and `exclude` globs.
//!
//! Globs are matched against a file's path relative to the folder of the
//! configuration that names them (the current folder for the command line
//! and the defaults). `*` stays within a folder and `**` crosses folders; a
//! glob without a `/` also matches a file's name in any folder, so
//! `draft-*.md` skips drafts everywhere.

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
    // pmlint never changes its folder; asking once spares a system call a file.
    static CURRENT_DIR: LazyLock<Option<PathBuf>> = LazyLock::new(|| std::env::current_dir().ok());
    let absolute = |p: &Path| {
        if p.is_absolute() {
            Some(p.to_path_buf())
        } else {
            CURRENT_DIR.as_ref().map(|cwd| cwd.join(p))
        }
    };
    let clean = |p: PathBuf| -> PathBuf {
        p.components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect()
    };
    if let (Some(root), Some(abs)) = (absolute(root), absolute(path))
        && let Ok(rel) = clean(abs).strip_prefix(clean(root))
    {
        return rel.to_path_buf();
    }
    clean(path.to_path_buf())
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

    #[test]
    fn bad_globs_are_named() {
        let e = Globs::new(&["docs/[".to_string()]).unwrap_err();
        assert!(e.contains("invalid glob `docs/[`"), "{e}");
    }
}
