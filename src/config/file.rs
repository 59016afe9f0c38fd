//! A configuration file as written, and the chain of files it extends.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::lazy_regex::LazyRegex;
use serde::Deserialize;

use super::ConfigError;
use crate::rules::custom;
use crate::text::suggest;
use crate::time::date::DateOrder;

/// Files a chain of `extend` may hold before pmlint calls it a mistake.
const MAX_CHAIN: usize = 16;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ConfigFile {
    /// Another configuration this one builds on, relative to this file.
    pub extend: Option<toml::Spanned<String>>,
    #[serde(default)]
    pub rules: BTreeMap<toml::Spanned<String>, toml::Spanned<toml::Value>>,
    #[serde(default)]
    pub sections: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub roles: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub timezones: BTreeMap<String, String>,
    pub default_timezone: Option<toml::Spanned<String>>,
    pub date_order: Option<toml::Spanned<DateOrder>>,
    pub rollover_hours: Option<toml::Spanned<u32>>,
    pub preset: Option<toml::Spanned<String>>,
    /// Globs of the files a folder walk lints, relative to this file.
    pub include: Option<toml::Spanned<Vec<String>>>,
    /// Globs of files a folder walk skips, relative to this file.
    pub exclude: Option<toml::Spanned<Vec<String>>>,
    /// The template `pmlint new` writes, relative to this file.
    pub template: Option<toml::Spanned<String>>,
    #[serde(default)]
    pub overrides: Vec<OverrideDef>,
    #[serde(default)]
    pub custom_rules: Vec<custom::CustomRuleDef>,
}

/// `[[overrides]]`: rule levels for the files some globs match.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct OverrideDef {
    pub files: Vec<String>,
    #[serde(default)]
    pub rules: BTreeMap<toml::Spanned<String>, toml::Spanned<String>>,
}

/// One file of a configuration chain.
#[derive(Debug)]
pub(super) struct Layer {
    pub path: PathBuf,
    pub text: String,
    pub file: ConfigFile,
}

impl Layer {
    /// The folder this file's relative paths and globs start from.
    pub fn dir(&self) -> PathBuf {
        match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }

    pub fn error(&self, span: Option<Range<usize>>, message: impl Into<String>) -> ConfigError {
        ConfigError::new(&self.path, &self.text, span, message)
    }

    /// The 1-based line of byte `at`, for `pmlint config`'s provenance.
    pub fn line_of(&self, at: usize) -> usize {
        crate::source::LineIndex::new(&self.text).line_of(at)
    }
}

static UNKNOWN_FIELD: LazyRegex = LazyRegex::new(r"unknown (?:field|variant) `([^`]*)`, expected (.*)");
static BACKTICKED: LazyRegex = LazyRegex::new(r"`([^`]*)`");

/// serde says "unknown field `x`, expected one of `a`, `b`": add the likely one.
pub fn did_you_mean(message: &str) -> Option<String> {
    let caps = UNKNOWN_FIELD.captures(message)?;
    let unknown = caps.get(1)?.as_str();
    let expected = caps.get(2)?.as_str();
    let candidates: Vec<&str> = BACKTICKED
        .captures_iter(expected)
        .filter_map(|c| c.get(1))
        .map(|m| m.as_str())
        .collect();
    suggest(unknown, candidates).map(|s| format!("did you mean `{s}`?"))
}

/// The key of the `key = value` line that holds byte `at`.
fn key_at(text: &str, at: usize) -> Option<&str> {
    let start = text.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    let line = &text[start..];
    let key = line.split_once('=')?.0.trim();
    (!key.is_empty() && !key.starts_with('[')).then_some(key)
}

/// Where the `n`-th `header` (`[[custom_rules]]`) stands, for errors in array tables.
pub(super) fn nth_table_span(text: &str, header: &str, n: usize) -> Option<Range<usize>> {
    let (at, _) = text.match_indices(header).nth(n)?;
    Some(at..at + header.len())
}

/// Where `key = ...` stands in the table whose header starts at
/// `table_start` (a bare or quoted key, before the next header).
pub(super) fn key_in_table(text: &str, table_start: usize, key: &str) -> Option<Range<usize>> {
    let mut offset = table_start;
    for (i, line) in text.get(table_start..)?.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        if i > 0 && trimmed.starts_with('[') {
            break;
        }
        let bare = trimmed.strip_prefix(key);
        let quoted = trimmed
            .strip_prefix('"')
            .and_then(|t| t.strip_prefix(key))
            .and_then(|t| t.strip_prefix('"'));
        if i > 0
            && let Some(rest) = bare.or(quoted)
            && rest.trim_start().starts_with('=')
        {
            let start = offset + line.len() - trimmed.len();
            return Some(start..start + trimmed.len() - rest.len());
        }
        offset += line.len();
    }
    None
}

/// Where `[key]` first appears, for errors in tables validated here.
pub(super) fn find_key(text: &str, key: &str) -> Option<Range<usize>> {
    let header = format!("[{key}]");
    text.find(&header).map(|i| i..i + header.len())
}

/// Serde names types as Rust does; say what to write instead.
pub(super) fn plain_serde_words(message: &str) -> String {
    [
        ("expected u32", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected usize", "expected a whole number"),
        ("expected a sequence", "expected a list such as [\"a\", \"b\"]"),
        ("expected a map", "expected a table"),
    ]
    .iter()
    .fold(message.to_string(), |m, (from, to)| m.replace(from, to))
}

/// Parse one file's text.
pub(super) fn parse_layer(text: &str, path: &Path) -> Result<Layer, ConfigError> {
    let file: ConfigFile = toml::from_str(text).map_err(|e| {
        let message = plain_serde_words(e.message().trim());
        // "invalid type: string, expected u32" does not say which key: add it.
        let message = match e.span().and_then(|s| key_at(text, s.start)) {
            Some(key)
                if !message.contains(key)
                    && (message.starts_with("invalid") || message.starts_with("unknown variant")) =>
            {
                format!("{key}: {message}")
            }
            _ => message,
        };
        ConfigError::new(path, text, e.span(), message).with_help(did_you_mean(e.message()))
    })?;
    Ok(Layer {
        path: path.to_path_buf(),
        text: text.to_string(),
        file,
    })
}

fn read(path: &Path) -> Result<String, ConfigError> {
    std::fs::read_to_string(path).map_err(|e| ConfigError {
        path: path.to_path_buf(),
        text: None,
        span: None,
        message: format!("cannot read the configuration: {}", crate::input::describe_io_error(&e)),
        help: None,
    })
}

/// The chain of layers that `top` stands on, base first, `top` last.
pub(super) fn chain(top: Layer) -> Result<Vec<Layer>, ConfigError> {
    let mut layers = vec![top];
    while let Some(layer) = layers.last() {
        let Some(extend) = &layer.file.extend else {
            break;
        };
        let target = normalize(&layer.dir().join(extend.get_ref()));
        let error = |message: String| layer.error(Some(extend.span()), message);
        if layers.len() >= MAX_CHAIN {
            return Err(error(format!("extend: more than {MAX_CHAIN} files extend each other")));
        }
        let canonical = target.canonicalize().ok();
        let seen = layers
            .iter()
            .any(|l| l.path.canonicalize().ok().is_some_and(|p| Some(p) == canonical));
        if seen {
            return Err(error(format!(
                "extend: `{}` extends itself through a cycle",
                extend.get_ref()
            )));
        }
        if !target.is_file() {
            return Err(error(format!("extend: `{}` is not a file", target.display())));
        }
        let text = read(&target)?;
        let next = parse_layer(&text, &target)?;
        layers.push(next);
    }
    layers.reverse();
    Ok(layers)
}

/// `a/b/../c` as `a/c`, without touching the disk, so paths read well in
/// messages and `pmlint config`.
fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.components().next_back(), Some(Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    if out.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        out
    }
}

/// Read a configuration file and the files it extends.
pub(super) fn load_chain(path: &Path) -> Result<Vec<Layer>, ConfigError> {
    let text = read(path)?;
    chain(parse_layer(&text, path)?)
}

#[cfg(test)]
mod tests {
    use super::key_in_table;

    #[test]
    fn keys_are_found_in_their_own_table_only() {
        let text = "[a]\nx = 1\n\"IST\" = 2\n\n[b]\ny = 3\n";
        let at = |table: usize, key: &str| key_in_table(text, table, key).map(|r| &text[r]);
        assert_eq!(at(0, "x"), Some("x"));
        assert_eq!(at(0, "IST"), Some("\"IST\""));
        assert_eq!(at(0, "y"), None, "past the next header");
        assert_eq!(at(0, "xx"), None);
        assert_eq!(at(text.find("[b]").unwrap(), "y"), Some("y"));
    }
}

#[cfg(test)]
mod patterns {
    #[test]
    fn patterns_compile_and_need_what_they_say() {
        for pattern in [&super::UNKNOWN_FIELD, &super::BACKTICKED] {
            pattern.check();
        }
    }
}
