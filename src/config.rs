//! `pmlint.toml`: which rules run at which level, rule options, and the data
//! tables (section synonyms, event-role phrases, timezone labels) users extend.
//!
//! Every key is checked: an unknown key or rule id is an error that names the
//! key and suggests the closest valid one. A configuration is resolved once
//! into a [`Config`] that the engine shares between files.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::parse::{ParseOptions, RoleTable, SectionTable};
use crate::rules::{self, ConfiguredRule, custom};
pub use crate::settings::Settings;
use crate::text::suggest;
use crate::time::date::DateOrder;
use crate::time::zone::{ZoneTable, parse_zone_setting};

/// File names searched for, in each folder from a document's own upwards.
pub const CONFIG_FILE_NAMES: [&str; 2] = ["pmlint.toml", ".pmlint.toml"];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    rules: BTreeMap<toml::Spanned<String>, toml::Spanned<toml::Value>>,
    #[serde(default)]
    sections: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    roles: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    timezones: BTreeMap<String, String>,
    default_timezone: Option<toml::Spanned<String>>,
    date_order: Option<DateOrder>,
    rollover_hours: Option<toml::Spanned<u32>>,
    preset: Option<toml::Spanned<String>>,
    #[serde(default)]
    custom_rules: Vec<custom::CustomRuleDef>,
}

/// Presets from `rules/presets.toml`: name to rule levels.
static PRESETS: LazyLock<BTreeMap<String, BTreeMap<String, String>>> = LazyLock::new(|| {
    toml::from_str(include_str!("../rules/presets.toml"))
        .unwrap_or_else(|e| panic!("built-in rules/presets.toml is invalid: {e}"))
});

pub struct ActiveRule {
    pub rule: Box<dyn ConfiguredRule>,
    pub severity: Severity,
}

/// A resolved configuration.
pub struct Config {
    /// The file it came from; `None` for the defaults.
    pub path: Option<PathBuf>,
    /// The enabled rules, in registry order.
    pub rules: Vec<ActiveRule>,
    pub settings: Settings,
    sections: Option<SectionTable>,
    zones: Option<ZoneTable>,
    roles: Option<RoleTable>,
    /// The ids of the configuration's custom rules, enabled or not.
    custom_ids: Vec<String>,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("path", &self.path)
            .field(
                "rules",
                &self.rules.iter().map(|r| (r.rule.id(), r.severity)).collect::<Vec<_>>(),
            )
            .field("settings", &self.settings)
            .finish()
    }
}

/// A configuration file that cannot be used, and why.
#[derive(Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    /// The file's text, when it could be read, for showing the offending line.
    pub text: Option<String>,
    pub span: Option<Range<usize>>,
    pub message: String,
    pub help: Option<String>,
}

impl ConfigError {
    fn new(path: &Path, text: &str, span: Option<Range<usize>>, message: impl Into<String>) -> Self {
        ConfigError {
            path: path.to_path_buf(),
            text: Some(text.to_string()),
            span,
            message: message.into(),
            help: None,
        }
    }

    fn with_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// `line:column` of the error in the file, if known.
    pub fn location(&self) -> Option<(usize, usize)> {
        let text = self.text.as_deref()?;
        let span = self.span.as_ref()?;
        let pos = crate::source::LineIndex::new(text).position(text, span.start);
        Some((pos.line, pos.column))
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some((line, column)) = self.location() {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

static UNKNOWN_FIELD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"unknown (?:field|variant) `([^`]*)`, expected (.*)").expect("valid regex"));
static BACKTICKED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"`([^`]*)`").expect("valid regex"));

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

fn parse_level(value: &str) -> Result<Option<Severity>, String> {
    match value {
        "error" => Ok(Some(Severity::Error)),
        "warning" | "warn" => Ok(Some(Severity::Warning)),
        "info" => Ok(Some(Severity::Info)),
        "off" => Ok(None),
        other => Err(format!(
            "unknown level `{other}` (expected error, warning, info or off)"
        )),
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            path: None,
            rules: rules::all()
                .filter(|entry| entry.meta().enabled_by_default)
                .map(|entry| ActiveRule {
                    rule: entry
                        .configure(toml::Table::new())
                        .unwrap_or_else(|e| panic!("rule {} rejects its own default options: {e}", entry.meta().id)),
                    severity: entry.meta().default_severity,
                })
                .collect(),
            settings: Settings::default(),
            sections: None,
            zones: None,
            roles: None,
            custom_ids: Vec::new(),
        }
    }
}

impl Config {
    /// The ids of the configuration's custom rules.
    pub fn custom_ids(&self) -> impl Iterator<Item = &str> {
        self.custom_ids.iter().map(String::as_str)
    }

    /// Read and resolve a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_path_buf(),
            text: None,
            span: None,
            message: format!("cannot read the configuration: {e}"),
            help: None,
        })?;
        Config::from_toml(&text, path)
    }

    /// Resolve configuration text; `path` names it in errors.
    pub fn from_toml(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let file: ConfigFile = toml::from_str(text).map_err(|e| {
            let message = e.message().trim();
            // "invalid type: string, expected u32" does not say which key: add it.
            let message = match e.span().and_then(|s| key_at(text, s.start)) {
                Some(key) if !message.contains(key) && message.starts_with("invalid") => format!("{key}: {message}"),
                _ => message.to_string(),
            };
            ConfigError::new(path, text, e.span(), message).with_help(did_you_mean(e.message()))
        })?;
        let mut config = Config {
            path: Some(path.to_path_buf()),
            ..Config::default()
        };
        config.apply_rules(&file, text, path)?;
        let table_error = |key: &str, e: String| {
            let span = find_key(text, key);
            ConfigError::new(path, text, span, format!("[{key}] {e}"))
        };
        if !file.sections.is_empty() {
            config.sections = Some(
                SectionTable::builtin()
                    .extended(&file.sections)
                    .map_err(|e| table_error("sections", e))?,
            );
        }
        if !file.roles.is_empty() {
            config.roles = Some(
                RoleTable::builtin()
                    .extended(&file.roles)
                    .map_err(|e| table_error("roles", e))?,
            );
        }
        if !file.timezones.is_empty() {
            let overrides = file.timezones.iter().map(|(k, v)| (k.as_str(), v.as_str()));
            config.zones = Some(
                ZoneTable::builtin()
                    .with_overrides(overrides)
                    .map_err(|e| table_error("timezones", e))?,
            );
        }
        if let Some(zone) = &file.default_timezone {
            let parsed = parse_zone_setting(zone.get_ref())
                .map_err(|e| ConfigError::new(path, text, Some(zone.span()), format!("default_timezone: {e}")))?;
            config.settings.default_timezone = Some(parsed);
        }
        config.settings.date_order = file.date_order;
        if let Some(hours) = &file.rollover_hours {
            if *hours.get_ref() > 24 {
                return Err(ConfigError::new(
                    path,
                    text,
                    Some(hours.span()),
                    "rollover_hours: must be between 0 and 24",
                ));
            }
            config.settings.rollover_hours = *hours.get_ref();
        }
        Ok(config)
    }

    fn apply_rules(&mut self, file: &ConfigFile, text: &str, path: &Path) -> Result<(), ConfigError> {
        let builtin: HashSet<&str> = rules::ids().collect();
        let customs = custom::compile(&file.custom_rules, &builtin).map_err(|e| {
            ConfigError::new(
                path,
                text,
                nth_table_span(text, "[[custom_rules]]", e.index),
                format!("custom_rules[{}] (id `{}`): {}", e.index, e.id, e.message),
            )
        })?;
        let known: Vec<&str> = builtin
            .iter()
            .copied()
            .chain(customs.iter().map(|r| r.id.as_str()))
            .collect();

        let mut levels: BTreeMap<String, Option<Severity>> = BTreeMap::new();
        if let Some(preset) = &file.preset {
            let table = PRESETS.get(preset.get_ref()).ok_or_else(|| {
                let names = PRESETS.keys().map(String::as_str);
                let help = suggest(preset.get_ref(), names).map(|s| format!("did you mean `{s}`?"));
                ConfigError::new(
                    path,
                    text,
                    Some(preset.span()),
                    format!("unknown preset `{}`", preset.get_ref()),
                )
                .with_help(help)
            })?;
            for (id, level) in table {
                levels.insert(id.clone(), parse_level(level).unwrap_or(None));
            }
        }
        let mut options: BTreeMap<String, (toml::Table, Range<usize>)> = BTreeMap::new();
        for (id, value) in &file.rules {
            let rule_id = id.get_ref().as_str();
            if !known.contains(&rule_id) {
                let help = suggest(rule_id, known.iter().copied()).map(|s| format!("did you mean `{s}`?"));
                return Err(
                    ConfigError::new(path, text, Some(id.span()), format!("unknown rule `{rule_id}`")).with_help(help),
                );
            }
            let level_error =
                |e: String| ConfigError::new(path, text, Some(value.span()), format!("rules.{rule_id}: {e}"));
            match value.get_ref() {
                toml::Value::String(level) => {
                    levels.insert(rule_id.to_string(), parse_level(level).map_err(level_error)?);
                }
                toml::Value::Table(table) => {
                    let mut table = table.clone();
                    if let Some(level) = table.remove("level") {
                        let level = level
                            .as_str()
                            .ok_or_else(|| level_error("`level` must be a string".to_string()))?;
                        levels.insert(rule_id.to_string(), parse_level(level).map_err(level_error)?);
                    }
                    options.insert(rule_id.to_string(), (table, value.span()));
                }
                _ => {
                    return Err(level_error(
                        "expected a level such as \"warning\" or a table such as { level = \"warning\" }".to_string(),
                    ));
                }
            }
        }
        let mut active = Vec::new();
        for entry in rules::all() {
            let meta = entry.meta();
            let default = meta.enabled_by_default.then_some(meta.default_severity);
            let Some(severity) = levels.get(meta.id).copied().unwrap_or(default) else {
                continue;
            };
            let (table, span) = options.remove(meta.id).unwrap_or_default();
            let rule = entry.configure(table).map_err(|e| {
                ConfigError::new(path, text, Some(span), format!("rules.{}: {e}", meta.id)).with_help(did_you_mean(&e))
            })?;
            active.push(ActiveRule { rule, severity });
        }
        self.custom_ids = customs.iter().map(|r| r.id.clone()).collect();
        for rule in customs {
            if let Some((table, span)) = options.remove(&rule.id)
                && let Some(key) = table.keys().next()
            {
                return Err(ConfigError::new(
                    path,
                    text,
                    Some(span),
                    format!(
                        "rules.{}: unknown field `{key}`: a custom rule takes only `level`",
                        rule.id
                    ),
                ));
            }
            let Some(severity) = levels.get(&rule.id).copied().unwrap_or(Some(rule.severity)) else {
                continue;
            };
            active.push(ActiveRule {
                rule: Box::new(rule),
                severity,
            });
        }
        self.rules = active;
        Ok(())
    }

    /// The parser's tables and settings under this configuration.
    pub fn parse_options(&self) -> ParseOptions<'_> {
        ParseOptions {
            sections: self.sections.as_ref().unwrap_or_else(|| SectionTable::builtin()),
            zones: self.zones.as_ref().unwrap_or_else(|| ZoneTable::builtin()),
            roles: self.roles.as_ref().unwrap_or_else(|| RoleTable::builtin()),
            settings: &self.settings,
        }
    }
}

/// The key of the `key = value` line that holds byte `at`.
fn key_at(text: &str, at: usize) -> Option<&str> {
    let start = text.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    let line = &text[start..];
    let key = line.split_once('=')?.0.trim();
    (!key.is_empty() && !key.starts_with('[')).then_some(key)
}

/// Where the `n`-th `header` (`[[custom_rules]]`) stands, for errors in array tables.
fn nth_table_span(text: &str, header: &str, n: usize) -> Option<Range<usize>> {
    let (at, _) = text.match_indices(header).nth(n)?;
    Some(at..at + header.len())
}

/// Where `[key]` or `key =` first appears, for errors in tables we validate ourselves.
fn find_key(text: &str, key: &str) -> Option<Range<usize>> {
    let header = format!("[{key}]");
    text.find(&header).map(|i| i..i + header.len())
}

/// The configuration file that governs a document in `dir`: the nearest
/// `pmlint.toml` or `.pmlint.toml` in it or a folder above it.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find_map(|d| CONFIG_FILE_NAMES.iter().map(|name| d.join(name)).find(|p| p.is_file()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Config, ConfigError> {
        Config::from_toml(text, Path::new("pmlint.toml"))
    }

    fn error(text: &str) -> String {
        load(text).expect_err("config should be rejected").to_string()
    }

    #[test]
    fn defaults_enable_every_rule_but_the_opt_in_ones() {
        let ids = |c: &Config| c.rules.iter().map(|r| r.rule.id().to_string()).collect::<Vec<_>>();
        let defaults = ids(&Config::default());
        assert!(!defaults.contains(&"action-item-tracking".to_string()));
        assert_eq!(
            defaults.len(),
            rules::all().filter(|r| r.meta().enabled_by_default).count()
        );
        assert_eq!(defaults, ids(&load("").unwrap()), "an empty file means the defaults");
        let strict = ids(&load("preset = \"strict\"\n").unwrap());
        assert!(strict.contains(&"action-item-tracking".to_string()));
    }

    #[test]
    fn levels_and_options() {
        let c = load("[rules]\ntimeline-order = \"off\"\n\n[rules.missing-section]\nlevel = \"error\"\nrequired = [\"timeline\"]\n")
            .unwrap();
        assert!(c.rules.iter().all(|r| r.rule.id() != "timeline-order"));
        let ms = c.rules.iter().find(|r| r.rule.id() == "missing-section").unwrap();
        assert_eq!(ms.severity, Severity::Error);
    }

    #[test]
    fn unknown_keys_are_named_with_a_suggestion() {
        let e = error("rulez = 1\n");
        assert!(e.contains("pmlint.toml:1:1"), "{e}");
        assert!(e.contains("unknown field `rulez`"), "{e}");
        assert!(e.contains("did you mean `rules`?"), "{e}");
    }

    #[test]
    fn unknown_rule_ids_are_named_with_a_suggestion() {
        let e = error("[rules.timline-order]\nlevel = \"off\"\n");
        assert!(e.contains("unknown rule `timline-order`"), "{e}");
        assert!(e.contains("did you mean `timeline-order`?"), "{e}");
        assert!(e.contains(":1:8"), "{e}");
    }

    #[test]
    fn unknown_rule_options_are_named_with_a_suggestion() {
        let e = error("[rules.missing-section]\nrequird = [\"timeline\"]\n");
        assert!(e.contains("rules.missing-section: unknown field `requird`"), "{e}");
        assert!(e.contains("did you mean `required`?"), "{e}");
    }

    #[test]
    fn bad_values() {
        assert!(error("[rules]\ntimeline-order = \"loud\"\n").contains("unknown level `loud`"));
        assert!(
            error("[rules.missing-section]\nrequired = [\"timelines\"]\n").contains("unknown section kind `timelines`")
        );
        assert!(error("default_timezone = \"Mars/Base\"\n").contains("default_timezone"));
        assert!(error("[timezones]\nIST = \"Nowhere/City\"\n").contains("timezones.IST"));
        assert!(error("[sections]\ntimelin = [\"x\"]\n").contains("unknown section kind `timelin`"));
        assert!(error("date_order = \"ymd\"\n").contains("unknown variant `ymd`"));
        assert!(error("rollover_hours = 30\n").contains("rollover_hours"));
        assert!(error("rollover_hours = \"12h\"\n").contains("rollover_hours"));
        assert!(error("this is not toml").contains("pmlint.toml:1"));
    }

    #[test]
    fn custom_rules() {
        let c = load("[[custom_rules]]\nid = \"no-yolo\"\nmessage = \"no {match}\"\nwords = [\"yolo\"]\n\n[rules]\nno-yolo = \"error\"\n").unwrap();
        let rule = c.rules.iter().find(|r| r.rule.id() == "no-yolo").unwrap();
        assert_eq!(rule.severity, Severity::Error);
        let e = error(
            "[[custom_rules]]\nid = \"ok\"\nmessage = \"m\"\nwords = [\"a\"]\n\n[[custom_rules]]\nid = \"bad\"\nmessage = \"m\"\npattern = \"(x\"\n",
        );
        assert!(e.contains("pmlint.toml:6:1"), "{e}");
        assert!(e.contains("custom_rules[1] (id `bad`): invalid pattern"), "{e}");
        let e = error("[[custom_rules]]\nid = \"timeline-order\"\nmessage = \"m\"\nwords = [\"a\"]\n");
        assert!(e.contains("built-in"), "{e}");
        let e = error("[[custom_rules]]\nid = \"x\"\nmesage = \"m\"\n");
        assert!(e.contains("did you mean `message`?"), "{e}");
    }

    #[test]
    fn presets() {
        let c = load("preset = \"strict\"\n[rules]\naction-item-vague = \"off\"\n").unwrap();
        let level = |id: &str| c.rules.iter().find(|r| r.rule.id() == id).map(|r| r.severity);
        assert_eq!(level("action-item-owner"), Some(Severity::Warning));
        assert_eq!(level("action-item-vague"), None);
        assert!(error("preset = \"strikt\"\n").contains("did you mean `strict`?"));
    }

    #[test]
    fn settings() {
        let c = load("default_timezone = \"Africa/Nairobi\"\ndate_order = \"dmy\"\n").unwrap();
        assert_eq!(c.settings.date_order, Some(DateOrder::Dmy));
        assert_eq!(
            c.settings.default_timezone.map(|z| z.describe()),
            Some("Africa/Nairobi".to_string())
        );
    }
}
