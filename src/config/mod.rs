//! `pmlint.toml`: which rules run at which level, rule options, the files a
//! folder walk lints, and the data tables (section synonyms, event-role
//! phrases, timezone labels) users extend.
//!
//! A configuration may `extend` another; the chain is read base first and
//! each file overrides what came before. `[[overrides]]` set rule levels for
//! the files some globs match. Every key is checked: an unknown key or rule
//! id is an error that names the file, line and column and suggests the
//! closest valid name. Each value remembers where it came from, for
//! `pmlint config`.

mod file;
mod select;

use crate::hash::HashSet;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, OnceLock};

pub use file::did_you_mean;
use file::{Layer, find_key, key_in_table, nth_table_span, plain_serde_words};
pub use select::{DEFAULT_INCLUDE, FileSelection, Globs};

use crate::diagnostic::Severity;
use crate::parse::{ParseOptions, RoleTable, SectionTable};
use crate::rules::data_gate::DataGate;
use crate::rules::{self, ConfiguredRule, custom};
pub use crate::settings::Settings;
use crate::text::suggest;
use crate::time::zone::{ZoneTable, parse_zone_setting};

/// File names searched for, in each folder from a document's own upwards.
pub const CONFIG_FILE_NAMES: [&str; 2] = ["pmlint.toml", ".pmlint.toml"];

/// Presets from `rules/presets.toml`: name to rule levels.
static PRESETS: LazyLock<BTreeMap<String, BTreeMap<String, String>>> = LazyLock::new(|| {
    serde_json::from_str(builtin_json!("presets"))
        .unwrap_or_else(|e| panic!("built-in rules/presets.toml is invalid: {e}"))
});

/// Where a setting's value came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    Default,
    /// A line of a configuration file.
    File {
        path: PathBuf,
        line: usize,
    },
    /// A preset named on a line of a configuration file.
    Preset {
        name: String,
        path: PathBuf,
        line: usize,
    },
    /// An `[[overrides]]` entry whose globs match the file.
    Override {
        path: PathBuf,
        line: usize,
    },
    /// A command-line option.
    CommandLine(&'static str),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File { path, line } => write!(f, "{}:{line}", path.display()),
            Origin::Preset { name, path, line } => write!(f, "preset \"{name}\" ({}:{line})", path.display()),
            Origin::Override { path, line } => write!(f, "override ({}:{line})", path.display()),
            Origin::CommandLine(option) => f.write_str(option),
        }
    }
}

pub struct ActiveRule {
    pub rule: Arc<dyn ConfiguredRule>,
    pub severity: Severity,
}

/// A rule as configured, whether it runs or not.
#[derive(Clone)]
struct RuleSetting {
    rule: Arc<dyn ConfiguredRule>,
    level: Option<Severity>,
    origin: Origin,
}

/// `[[overrides]]`, compiled.
#[derive(Clone, Debug)]
struct Override {
    files: FileSelection,
    levels: Vec<(String, Option<Severity>, Origin)>,
}

/// A resolved configuration.
#[derive(Clone)]
pub struct Config {
    /// The file it came from; `None` for the defaults.
    pub path: Option<PathBuf>,
    /// Every file of its `extend` chain, base first.
    pub chain: Vec<PathBuf>,
    /// The enabled rules, in registry order.
    pub rules: Vec<ActiveRule>,
    /// Every rule, configured, with its level (`None`: off) and origin.
    all: Vec<RuleSetting>,
    pub settings: Settings,
    /// Where each setting (`default_timezone`, `include`, ...) came from.
    origins: BTreeMap<&'static str, Origin>,
    sections: Option<SectionTable>,
    zones: Option<ZoneTable>,
    roles: Option<RoleTable>,
    /// The ids of the configuration's custom rules, enabled or not.
    custom_ids: Vec<String>,
    /// The files a folder walk lints.
    pub files: FileSelection,
    overrides: Vec<Override>,
    /// The template for `pmlint new`, if the configuration names one.
    pub template: Option<PathBuf>,
    /// The enabled data rules' shared gate, built on first use; a new one
    /// whenever `rules` changes.
    data_gate: Arc<OnceLock<Option<DataGate>>>,
}

impl Clone for ActiveRule {
    fn clone(&self) -> Self {
        ActiveRule {
            rule: self.rule.clone(),
            severity: self.severity,
        }
    }
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
        // The defaults are built-in data that a test resolves; failing here
        // means the binary was built from broken data.
        Config::from_layers(Vec::new()).unwrap_or_else(|e| panic!("the built-in defaults are invalid: {e}"))
    }
}

/// What the layers say, gathered before the rules are built.
#[derive(Default)]
struct Gathered {
    levels: BTreeMap<String, (Option<Severity>, Origin)>,
    /// Rule options: the merged table, and the layer and span that set them last.
    options: BTreeMap<String, (toml::Table, usize, Range<usize>)>,
    customs: Vec<custom::CustomRule>,
    sections: BTreeMap<String, Vec<String>>,
    roles: BTreeMap<String, Vec<String>>,
    timezones: BTreeMap<String, String>,
}

impl Config {
    /// The ids of the configuration's custom rules.
    pub fn custom_ids(&self) -> impl Iterator<Item = &str> {
        self.custom_ids.iter().map(String::as_str)
    }

    /// Every rule id this configuration knows: built-in and custom.
    pub fn known_ids(&self) -> Vec<String> {
        rules::ids()
            .map(str::to_string)
            .chain(self.custom_ids.iter().cloned())
            .collect()
    }

    /// Read and resolve a configuration file and the files it extends.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        Config::from_layers(file::load_chain(path)?)
    }

    /// Resolve configuration text; `path` names it in errors and anchors
    /// its relative paths. Files it extends are read from disk.
    pub fn from_toml(text: &str, path: &Path) -> Result<Config, ConfigError> {
        Config::from_layers(file::chain(file::parse_layer(text, path)?)?)
    }

    fn from_layers(layers: Vec<Layer>) -> Result<Config, ConfigError> {
        let mut config = Config {
            path: layers.last().map(|l| l.path.clone()),
            chain: layers.iter().map(|l| l.path.clone()).collect(),
            rules: Vec::new(),
            all: Vec::new(),
            settings: Settings::default(),
            origins: BTreeMap::new(),
            sections: None,
            zones: None,
            roles: None,
            custom_ids: Vec::new(),
            files: FileSelection::default(),
            overrides: Vec::new(),
            template: None,
            data_gate: Arc::default(),
        };
        if let Some(top) = layers.last() {
            config.files.root = top.dir();
        }
        let mut gathered = Gathered::default();
        for (index, layer) in layers.iter().enumerate() {
            config.gather(&mut gathered, layer, index)?;
        }
        config.build_rules(gathered, &layers)?;
        Ok(config)
    }

    /// Read one layer over what the layers before it said.
    fn gather(&mut self, g: &mut Gathered, layer: &Layer, index: usize) -> Result<(), ConfigError> {
        let file = &layer.file;
        let at = |span: Range<usize>| Origin::File {
            path: layer.path.clone(),
            line: layer.line_of(span.start),
        };
        let builtin: HashSet<&str> = rules::ids().collect();
        let compiled = custom::compile(&file.custom_rules, &builtin, true).map_err(|e| {
            let table = nth_table_span(&layer.text, "[[custom_rules]]", e.index);
            let key = table.as_ref().and_then(|t| key_in_table(&layer.text, t.start, e.field));
            layer.error(
                key.or(table),
                format!("custom_rules[{}] (id `{}`): {}", e.index, e.id, e.message),
            )
        })?;
        for rule in compiled {
            // A file's custom rule replaces a base file's of the same id.
            g.customs.retain(|c| c.id != rule.id);
            g.customs.push(rule);
        }
        let known: Vec<&str> = builtin
            .iter()
            .copied()
            .chain(g.customs.iter().map(|r| r.id.as_str()))
            .collect();
        let unknown_rule = |id: &str, span: Range<usize>| {
            let help = suggest(id, known.iter().copied()).map(|s| format!("did you mean `{s}`?"));
            layer.error(Some(span), format!("unknown rule `{id}`")).with_help(help)
        };

        if let Some(preset) = &file.preset {
            let table = PRESETS.get(preset.get_ref()).ok_or_else(|| {
                let names = PRESETS.keys().map(String::as_str);
                let help = suggest(preset.get_ref(), names).map(|s| format!("did you mean `{s}`?"));
                layer
                    .error(Some(preset.span()), format!("unknown preset `{}`", preset.get_ref()))
                    .with_help(help)
            })?;
            let origin = Origin::Preset {
                name: preset.get_ref().clone(),
                path: layer.path.clone(),
                line: layer.line_of(preset.span().start),
            };
            for (id, level) in table {
                g.levels
                    .insert(id.clone(), (parse_level(level).unwrap_or(None), origin.clone()));
            }
        }

        for (id, value) in &file.rules {
            let rule_id = id.get_ref().as_str();
            if !known.contains(&rule_id) {
                return Err(unknown_rule(rule_id, id.span()));
            }
            let level_error = |e: String| layer.error(Some(value.span()), format!("rules.{rule_id}: {e}"));
            let origin = at(id.span());
            match value.get_ref() {
                toml::Value::String(level) => {
                    let level = parse_level(level).map_err(level_error)?;
                    g.levels.insert(rule_id.to_string(), (level, origin));
                }
                toml::Value::Table(table) => {
                    let mut table = table.clone();
                    if let Some(level) = table.remove("level") {
                        let level = level
                            .as_str()
                            .ok_or_else(|| level_error("`level` must be a string".to_string()))?;
                        let level = parse_level(level).map_err(level_error)?;
                        g.levels.insert(rule_id.to_string(), (level, origin));
                    }
                    if !table.is_empty() {
                        let entry = g
                            .options
                            .entry(rule_id.to_string())
                            .or_insert_with(|| (toml::Table::new(), index, value.span()));
                        entry.0.extend(table);
                        entry.1 = index;
                        entry.2 = value.span();
                    }
                }
                _ => {
                    return Err(level_error(
                        "expected a level such as \"warning\" or a table such as { level = \"warning\" }".to_string(),
                    ));
                }
            }
        }

        // Tables extend the built-in ones; each file's part is checked on its own
        // so an error names the file that holds it.
        let table_error = |key: &str, e: String| layer.error(find_key(&layer.text, key), format!("[{key}] {e}"));
        let table_origin = |key: &str| Origin::File {
            path: layer.path.clone(),
            line: find_key(&layer.text, key).map_or(1, |s| layer.line_of(s.start)),
        };
        if !file.sections.is_empty() {
            SectionTable::builtin()
                .extended(&file.sections)
                .map_err(|e| table_error("sections", e))?;
            for (kind, phrases) in &file.sections {
                g.sections
                    .entry(kind.clone())
                    .or_default()
                    .extend(phrases.iter().cloned());
            }
            self.origins.insert("sections", table_origin("sections"));
        }
        if !file.roles.is_empty() {
            RoleTable::builtin()
                .extended(&file.roles)
                .map_err(|e| table_error("roles", e))?;
            for (role, phrases) in &file.roles {
                g.roles.entry(role.clone()).or_default().extend(phrases.iter().cloned());
            }
            self.origins.insert("roles", table_origin("roles"));
        }
        if !file.timezones.is_empty() {
            for (label, zone) in &file.timezones {
                ZoneTable::builtin()
                    .with_overrides([(label.as_str(), zone.as_str())])
                    .map_err(|e| {
                        let table = find_key(&layer.text, "timezones");
                        let key = table.as_ref().and_then(|t| key_in_table(&layer.text, t.start, label));
                        layer.error(key.or(table), e)
                    })?;
            }
            g.timezones
                .extend(file.timezones.iter().map(|(k, v)| (k.clone(), v.clone())));
            self.origins.insert("timezones", table_origin("timezones"));
        }

        if let Some(zone) = &file.default_timezone {
            let parsed = parse_zone_setting(zone.get_ref())
                .map_err(|e| layer.error(Some(zone.span()), format!("default_timezone: {e}")))?;
            self.settings.default_timezone = Some(parsed);
            self.origins.insert("default_timezone", at(zone.span()));
        }
        if let Some(order) = &file.date_order {
            self.settings.date_order = Some(*order.get_ref());
            self.origins.insert("date_order", at(order.span()));
        }
        if let Some(hours) = &file.rollover_hours {
            if *hours.get_ref() > 24 {
                return Err(layer.error(Some(hours.span()), "rollover_hours: must be between 0 and 24"));
            }
            self.settings.rollover_hours = *hours.get_ref();
            self.origins.insert("rollover_hours", at(hours.span()));
        }
        let globs = |key: &str, value: &toml::Spanned<Vec<String>>| {
            Globs::new(value.get_ref()).map_err(|e| layer.error(Some(value.span()), format!("{key}: {e}")))
        };
        if let Some(include) = &file.include {
            self.files.include = globs("include", include)?;
            self.files.root = layer.dir();
            self.origins.insert("include", at(include.span()));
        }
        if let Some(exclude) = &file.exclude {
            self.files.exclude = globs("exclude", exclude)?;
            self.files.root = layer.dir();
            self.origins.insert("exclude", at(exclude.span()));
        }
        if let Some(template) = &file.template {
            self.template = Some(layer.dir().join(template.get_ref()));
            self.origins.insert("template", at(template.span()));
        }
        for (n, def) in file.overrides.iter().enumerate() {
            let span = nth_table_span(&layer.text, "[[overrides]]", n);
            let origin = Origin::Override {
                path: layer.path.clone(),
                line: span.as_ref().map_or(0, |s| layer.line_of(s.start)),
            };
            let files =
                Globs::new(&def.files).map_err(|e| layer.error(span.clone(), format!("overrides[{n}].files: {e}")))?;
            let mut levels = Vec::new();
            for (id, level) in &def.rules {
                if !known.contains(&id.get_ref().as_str()) {
                    return Err(unknown_rule(id.get_ref(), id.span()));
                }
                let parsed = parse_level(level.get_ref()).map_err(|e| {
                    layer.error(
                        Some(level.span()),
                        format!("overrides[{n}].rules.{}: {e}", id.get_ref()),
                    )
                })?;
                levels.push((id.get_ref().clone(), parsed, origin.clone()));
            }
            self.overrides.push(Override {
                files: FileSelection {
                    root: layer.dir(),
                    include: files,
                    exclude: Globs::new(&[]).map_err(|e| layer.error(None, e))?,
                },
                levels,
            });
        }
        Ok(())
    }

    /// Configure every rule with what the layers gathered.
    fn build_rules(&mut self, mut g: Gathered, layers: &[Layer]) -> Result<(), ConfigError> {
        let mut all = Vec::new();
        for entry in rules::all() {
            let meta = entry.meta();
            let (table, layer, span) = g.options.remove(meta.id).unwrap_or_default();
            // Serde's "invalid type" does not say which option: find the one
            // that fails on its own, to name it and point at it.
            let culprit = |e: &str| {
                table.iter().find_map(|(key, value)| {
                    let alone = toml::Table::from_iter([(key.clone(), value.clone())]);
                    entry.configure(alone).err().filter(|own| own == e).map(|_| key.clone())
                })
            };
            let rule = entry.configure(table.clone()).map_err(|e| {
                let key = culprit(&e);
                let e = plain_serde_words(&e);
                let message = match &key {
                    Some(key) if !e.contains(&format!("`{key}`")) => format!("rules.{}.{key}: {e}", meta.id),
                    _ => format!("rules.{}: {e}", meta.id),
                };
                match layers.get(layer) {
                    Some(l) => {
                        let at = key.and_then(|k| key_in_table(&l.text, span.start, &k));
                        l.error(Some(at.unwrap_or(span)), message).with_help(did_you_mean(&e))
                    }
                    None => ConfigError {
                        path: PathBuf::from("(built-in)"),
                        text: None,
                        span: None,
                        message,
                        help: None,
                    },
                }
            })?;
            let (level, origin) = g.levels.remove(meta.id).unwrap_or((
                meta.enabled_by_default.then_some(meta.default_severity),
                Origin::Default,
            ));
            all.push(RuleSetting {
                rule: Arc::from(rule),
                level,
                origin,
            });
        }
        self.custom_ids = g.customs.iter().map(|r| r.id.clone()).collect();
        for rule in g.customs {
            if let Some((table, layer, span)) = g.options.remove(&rule.id)
                && let (Some(key), Some(l)) = (table.keys().next(), layers.get(layer))
            {
                return Err(l.error(
                    Some(span),
                    format!(
                        "rules.{}: unknown field `{key}`: a custom rule takes only `level`",
                        rule.id
                    ),
                ));
            }
            let (level, origin) = g
                .levels
                .remove(&rule.id)
                .unwrap_or((Some(rule.severity), Origin::Default));
            all.push(RuleSetting {
                rule: Arc::new(rule),
                level,
                origin,
            });
        }
        if !g.sections.is_empty() {
            self.sections = SectionTable::builtin().extended(&g.sections).ok();
        }
        if !g.roles.is_empty() {
            self.roles = RoleTable::builtin().extended(&g.roles).ok();
        }
        if !g.timezones.is_empty() {
            self.zones = ZoneTable::builtin()
                .with_overrides(g.timezones.iter().map(|(k, v)| (k.as_str(), v.as_str())))
                .ok();
        }
        self.all = all;
        self.rebuild();
        Ok(())
    }

    /// The shared gate of the enabled data rules (`rules::data_gate`).
    pub fn data_gate(&self) -> Option<&DataGate> {
        self.data_gate
            .get_or_init(|| DataGate::new(self.rules.iter().filter_map(|r| r.rule.as_data_rule())))
            .as_ref()
    }

    /// The enabled rules, from every rule's setting.
    fn rebuild(&mut self) {
        self.data_gate = Arc::default();
        self.rules = self
            .all
            .iter()
            .filter_map(|s| {
                s.level.map(|severity| ActiveRule {
                    rule: s.rule.clone(),
                    severity,
                })
            })
            .collect();
    }

    /// The configuration for one file: its `[[overrides]]` applied, if any
    /// match it. `None` when none does (use `self`). Also returns which
    /// overrides matched, as a key for caching.
    pub fn for_path(&self, path: &Path) -> Option<(Vec<usize>, Config)> {
        let matched: Vec<usize> = self
            .overrides
            .iter()
            .enumerate()
            .filter(|(_, o)| o.files.selects(path))
            .map(|(i, _)| i)
            .collect();
        if matched.is_empty() {
            return None;
        }
        let mut config = self.clone();
        for &i in &matched {
            for (id, level, origin) in &self.overrides[i].levels {
                if let Some(setting) = config.all.iter_mut().find(|s| s.rule.id() == id) {
                    setting.level = *level;
                    setting.origin = origin.clone();
                }
            }
        }
        config.rebuild();
        Some((matched, config))
    }

    /// Only the rules in `select` (when it is not empty), minus those in
    /// `ignore`: `--select` and `--ignore`. A selected rule runs even if it
    /// is off by default. An unknown id is an error with a suggestion.
    pub fn restricted(&self, select: &[String], ignore: &[String]) -> Result<Config, String> {
        let known = self.known_ids();
        for id in select.iter().chain(ignore) {
            if !known.contains(id) {
                let hint = suggest(id, known.iter().map(String::as_str))
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                return Err(format!("unknown rule `{id}`{hint}"));
            }
        }
        let mut config = self.clone();
        for setting in &mut config.all {
            let id = setting.rule.id().to_string();
            if !select.is_empty() {
                if select.contains(&id) {
                    if setting.level.is_none() {
                        setting.level = Some(default_severity(&id));
                        setting.origin = Origin::CommandLine("--select");
                    }
                } else {
                    setting.level = None;
                    setting.origin = Origin::CommandLine("--select");
                }
            }
            if ignore.contains(&id) {
                setting.level = None;
                setting.origin = Origin::CommandLine("--ignore");
            }
        }
        config.rebuild();
        Ok(config)
    }

    /// Every rule with its level (`None`: off) and where that came from.
    pub fn rule_levels(&self) -> impl Iterator<Item = (&str, Option<Severity>, &Origin)> {
        self.all.iter().map(|s| (s.rule.id(), s.level, &s.origin))
    }

    /// Where a setting came from: `default_timezone`, `date_order`,
    /// `rollover_hours`, `include`, `exclude`, `template`, `sections`, `roles`,
    /// `timezones`.
    pub fn origin_of(&self, setting: &str) -> Origin {
        self.origins.get(setting).cloned().unwrap_or(Origin::Default)
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

/// The severity a rule reports at when switched on without a level; a
/// custom rule that is off has only its configured level, so warning.
fn default_severity(id: &str) -> Severity {
    rules::find(id).map_or(Severity::Warning, |r| r.meta().default_severity)
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
    use crate::time::date::DateOrder;

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
        assert!(e.contains("pmlint.toml:9:1"), "{e}");
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
