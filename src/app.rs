//! The commands behind the CLI, writing to the streams they are given so
//! tests can drive them. `main.rs` only parses arguments and calls these.

use crate::hash::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::{self, Config, ConfigError};
use crate::diagnostic::Severity;
use crate::fix::{self, FixLevel};
use crate::input::{self, FileError, Input};
use crate::render::{self, Renderer, Totals};
use crate::rules;
use crate::rules::Rule;
use crate::rules::duplicate_incident_id::{self, DocumentKey};
use crate::text::suggest;

/// What a run ends with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// No error-severity findings.
    Clean = 0,
    /// At least one error-severity finding.
    Findings = 1,
    /// A usage, configuration or I/O error.
    Failure = 2,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Concise,
    Json,
    JsonLines,
    Sarif,
    Github,
    Gitlab,
    Junit,
}

/// Whether the run reports findings, fixes files, or shows the fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixMode {
    /// Report findings (the default).
    Report,
    /// Apply fixes and write the files back (`--fix`), then report what is left.
    Apply(FixLevel),
    /// Print the fixes as a unified diff and write nothing (`--diff`).
    Diff(FixLevel),
}

/// When a run with findings fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExitPolicy {
    /// Exit 0 whatever is found (`--exit-zero`); I/O and configuration
    /// errors still exit 2.
    pub exit_zero: bool,
    /// Findings at this severity or above fail the run (`--fail-on`).
    pub fail_on: Severity,
    /// More warnings than this fail the run (`--max-warnings`).
    pub max_warnings: Option<usize>,
}

impl Default for ExitPolicy {
    fn default() -> Self {
        ExitPolicy {
            exit_zero: false,
            fail_on: Severity::Error,
            max_warnings: None,
        }
    }
}

impl ExitPolicy {
    fn exit(&self, totals: &Totals) -> Exit {
        if self.exit_zero {
            return Exit::Clean;
        }
        let failing = match self.fail_on {
            Severity::Error => totals.errors,
            Severity::Warning => totals.errors + totals.warnings,
            Severity::Info => totals.problems(),
        };
        let too_many_warnings = self.max_warnings.is_some_and(|max| totals.warnings > max);
        if failing > 0 || too_many_warnings {
            Exit::Findings
        } else {
            Exit::Clean
        }
    }
}

/// Which configuration applies.
#[derive(Clone, Debug)]
pub enum ConfigChoice {
    /// The nearest `pmlint.toml` above each document.
    Discover,
    /// One file for every document (`--config`).
    File(PathBuf),
    /// Built-in defaults only (`--no-config`).
    Defaults,
}

pub struct LintRequest {
    pub paths: Vec<PathBuf>,
    pub format: Format,
    pub config: ConfigChoice,
    /// Colour in human output (a terminal, and `NO_COLOR` unset).
    pub color: bool,
    pub width: usize,
    pub max_file_size: u64,
    /// Counts per rule instead of the findings (`--statistics`).
    pub statistics: bool,
    /// Only the findings: no summary, no notes (`--quiet`).
    pub quiet: bool,
    pub exit: ExitPolicy,
    pub fix: FixMode,
    /// `--select`, `--ignore`, `--include`, `--exclude`.
    pub selection: Selection,
}

impl LintRequest {
    /// A request with the defaults of the command line.
    pub fn new(paths: Vec<PathBuf>, format: Format, config: ConfigChoice) -> Self {
        LintRequest {
            paths,
            format,
            config,
            color: false,
            width: 100,
            max_file_size: input::DEFAULT_MAX_FILE_SIZE,
            statistics: false,
            quiet: false,
            exit: ExitPolicy::default(),
            fix: FixMode::Report,
            selection: Selection::default(),
        }
    }
}

/// Files linted together before their output is written: enough to keep both
/// cores busy, few enough that memory stays flat on huge folders.
const CHUNK: usize = 128;

/// Rules and files chosen on the command line, over the configuration.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// Only these rules (`--select`); all when empty.
    pub select: Vec<String>,
    /// Not these rules (`--ignore`).
    pub ignore: Vec<String>,
    /// Replace the configuration's `include` globs (`--include`).
    pub include: Vec<String>,
    /// Replace the configuration's `exclude` globs (`--exclude`).
    pub exclude: Vec<String>,
}

/// Why a run could not start.
pub enum SetupError {
    Config(ConfigError),
    /// A bad command-line value: an unknown rule id, an invalid glob.
    Usage(String),
}

impl From<ConfigError> for SetupError {
    fn from(e: ConfigError) -> Self {
        SetupError::Config(e)
    }
}

impl SetupError {
    fn print(&self, err: &mut dyn Write) -> io::Result<()> {
        match self {
            SetupError::Config(e) => writeln!(err, "pmlint: error: {e}"),
            SetupError::Usage(message) => writeln!(err, "pmlint: error: {message}"),
        }
    }
}

/// Configurations by file, each file read and resolved once, and each set
/// of `[[overrides]]` applied once.
struct ConfigCache {
    choice: ConfigChoice,
    selection: Selection,
    /// `--include`/`--exclude`, relative to the current folder.
    files: Option<config::FileSelection>,
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
    loaded: HashMap<PathBuf, Arc<Config>>,
    /// Configurations with overrides applied: (base, overrides matched).
    derived: HashMap<(usize, Vec<usize>), Arc<Config>>,
    defaults: Arc<Config>,
}

impl ConfigCache {
    fn new(choice: ConfigChoice, selection: &Selection) -> Result<ConfigCache, SetupError> {
        let defaults = Config::default()
            .restricted(&selection.select, &selection.ignore)
            .map_err(SetupError::Usage)?;
        let files = if selection.include.is_empty() && selection.exclude.is_empty() {
            None
        } else {
            let mut files = config::FileSelection::default();
            let globs = |option: &str, patterns: &[String]| {
                config::Globs::new(patterns).map_err(|e| SetupError::Usage(format!("{option}: {e}")))
            };
            if !selection.include.is_empty() {
                files.include = globs("--include", &selection.include)?;
            }
            if !selection.exclude.is_empty() {
                files.exclude = globs("--exclude", &selection.exclude)?;
            }
            Some(files)
        };
        let mut cache = ConfigCache {
            choice: choice.clone(),
            selection: selection.clone(),
            files,
            by_dir: HashMap::default(),
            loaded: HashMap::default(),
            derived: HashMap::default(),
            defaults: Arc::new(defaults),
        };
        if let ConfigChoice::File(path) = &choice {
            cache.load(path)?;
        }
        Ok(cache)
    }

    fn load(&mut self, path: &Path) -> Result<Arc<Config>, SetupError> {
        if let Some(config) = self.loaded.get(path) {
            return Ok(config.clone());
        }
        let config = Config::load(path)?
            .restricted(&self.selection.select, &self.selection.ignore)
            .map_err(SetupError::Usage)?;
        let config = Arc::new(config);
        self.loaded.insert(path.to_path_buf(), config.clone());
        Ok(config)
    }

    /// The configuration that governs a document's folder, before overrides.
    fn base(&mut self, input: &Input) -> Result<Arc<Config>, SetupError> {
        let path = match &self.choice {
            ConfigChoice::Defaults => return Ok(self.defaults.clone()),
            ConfigChoice::File(path) => path.clone(),
            ConfigChoice::Discover => {
                let dir = input.config_dir();
                let found = self.by_dir.entry(dir.clone()).or_insert_with(|| config::discover(&dir));
                match found {
                    Some(path) => path.clone(),
                    None => return Ok(self.defaults.clone()),
                }
            }
        };
        self.load(&path)
    }

    /// The configuration for a document, its overrides applied.
    fn for_input(&mut self, input: &Input) -> Result<Arc<Config>, SetupError> {
        let base = self.base(input)?;
        let Input::Path(path) = input else {
            return Ok(base);
        };
        let Some((matched, config)) = base.for_path(path) else {
            return Ok(base);
        };
        let key = (Arc::as_ptr(&base) as usize, matched);
        if let Some(config) = self.derived.get(&key) {
            return Ok(config.clone());
        }
        let config = Arc::new(
            config
                .restricted(&self.selection.select, &self.selection.ignore)
                .map_err(SetupError::Usage)?,
        );
        self.derived.insert(key, config.clone());
        Ok(config)
    }

    /// Whether a file found in a folder is linted: by `--include` and
    /// `--exclude` if given, else by its configuration's.
    fn selects(&mut self, path: &Path, config: &Config) -> bool {
        match &self.files {
            Some(files) => files.selects(path),
            None => config.files.selects(path),
        }
    }
}

fn renderer(format: Format, color: bool, width: usize) -> Box<dyn Renderer> {
    match format {
        Format::Human => Box::new(render::Human::new(color, width)),
        Format::Concise => Box::new(render::Concise),
        Format::Json => Box::new(render::Json),
        Format::JsonLines => Box::new(render::JsonLines),
        Format::Sarif => Box::new(render::Sarif::new()),
        Format::Github => Box::new(render::Github),
        Format::Gitlab => Box::new(render::Gitlab),
        Format::Junit => Box::new(render::Junit::default()),
    }
}

/// Renders nothing: `--statistics` prints counts instead.
struct Silent;

impl Renderer for Silent {
    fn file(&self, _: &crate::source::Source, _: &[crate::diagnostic::Diagnostic], _: &mut Vec<u8>) {}
}

/// `--statistics`: one line per rule that reported something, most first.
fn write_statistics(format: Format, totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
    let mut rows: Vec<(&String, &(Severity, usize))> = totals.by_rule.iter().collect();
    rows.sort_by(|a, b| b.1.1.cmp(&a.1.1).then(a.0.cmp(b.0)));
    if format == Format::Json {
        let list: Vec<serde_json::Value> = rows
            .iter()
            .map(|(rule, (severity, count))| {
                serde_json::json!({ "rule": rule, "severity": severity.as_str(), "count": count })
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &list)?;
        return writeln!(out);
    }
    let width = rows.iter().map(|(r, _)| r.len()).max().unwrap_or(0);
    let count_width = rows.iter().map(|(_, (_, n))| n.to_string().len()).max().unwrap_or(1);
    for (rule, (severity, count)) in rows {
        let summary = rules::find(rule).map_or("", |r| r.meta().summary);
        writeln!(
            out,
            "{count:>count_width$}  {:<7}  {rule:<width$}  {summary}",
            severity.as_str()
        )?;
    }
    Ok(())
}

/// What linting one file produced.
struct FileOutcome {
    rendered: Vec<u8>,
    totals: Totals,
    error: Option<FileError>,
    /// Fixes applied (or, with `--diff`, that would be).
    fixed: usize,
    /// What the document claims about its identity, when its configuration
    /// runs the check across documents.
    key: Option<(DocumentKey, Severity)>,
}

/// The severity of the check across documents under `config`, if it runs.
fn cross_severity(config: &Config) -> Option<Severity> {
    config
        .rules
        .iter()
        .find(|r| r.rule.id() == duplicate_incident_id::DuplicateIncidentId::META.id)
        .map(|r| r.severity)
}

fn lint_one(input: &Input, config: &Config, renderer: &dyn Renderer, max_size: u64, mode: FixMode) -> FileOutcome {
    let mut totals = Totals::default();
    let failed = |error: FileError| FileOutcome {
        rendered: Vec::new(),
        totals: Totals::default(),
        error: Some(error),
        fixed: 0,
        key: None,
    };
    let source = match input::read_input(input, max_size) {
        Ok(source) => source,
        Err(error) => return failed(error),
    };
    let mut fixed = 0;
    let source = match mode {
        FixMode::Report => source,
        FixMode::Apply(level) | FixMode::Diff(level) => {
            let result = fix::fix_document(&source, config, level);
            fixed = result.applied;
            if matches!(mode, FixMode::Apply(_)) && *input == Input::Stdin {
                // Standard input's text, fixed or not, goes to standard output in place of a report.
                return FileOutcome {
                    rendered: result.text.into_bytes(),
                    totals,
                    error: None,
                    fixed,
                    key: None,
                };
            }
            if fixed == 0 {
                source
            } else if let FixMode::Diff(_) = mode {
                let diff = fix::unified_diff(&source.name, source.as_written(), &result.text);
                return FileOutcome {
                    rendered: diff.into_bytes(),
                    totals,
                    error: None,
                    fixed,
                    key: None,
                };
            } else {
                if let Input::Path(path) = input
                    && let Err(e) = fix::write_atomically(path, source.as_written().as_bytes(), &result.text)
                {
                    return failed(FileError {
                        path: source.name,
                        message: e.to_string(),
                    });
                }
                crate::source::Source::new(source.name, result.text)
            }
        }
    };
    if let FixMode::Diff(_) = mode {
        // Nothing to fix in this file: `--diff` shows only changes.
        totals.files += 1;
        return FileOutcome {
            rendered: Vec::new(),
            totals,
            error: None,
            fixed,
            key: None,
        };
    }
    let (diagnostics, key) = crate::lint_document(&source, config);
    totals.add(&diagnostics);
    let mut rendered = Vec::new();
    renderer.file(&source, &diagnostics, &mut rendered);
    FileOutcome {
        rendered,
        totals,
        error: None,
        fixed,
        key: cross_severity(config).map(|s| (key, s)),
    }
}

/// The checks across documents, once every file is linted: findings for the
/// few documents involved, rendered from a fresh read of each and handed to
/// `emit` one document at a time, so that none is kept after it is written.
/// `keys` are the documents' claims; `owners` the job and the severity of each.
fn cross_document(
    keys: &[DocumentKey],
    owners: &[(usize, Severity)],
    jobs: &[(Input, Arc<Config>)],
    renderer: &dyn Renderer,
    max_size: u64,
    mut emit: impl FnMut(&[u8], &Totals) -> io::Result<()>,
) -> io::Result<()> {
    let mut findings = duplicate_incident_id::cross_check(keys).peekable();
    while let Some((i, first)) = findings.next() {
        let mut diagnostics = vec![first];
        while let Some((_, d)) = findings.next_if(|(j, _)| *j == i) {
            diagnostics.push(d);
        }
        let (job, severity) = owners[i];
        for d in &mut diagnostics {
            d.rule = std::borrow::Cow::Borrowed(duplicate_incident_id::DuplicateIncidentId::META.id);
            d.severity = severity;
        }
        let Ok(source) = input::read_input(&jobs[job].0, max_size) else {
            continue;
        };
        let mut totals = Totals::default();
        totals.add(&diagnostics);
        totals.files = 0;
        let mut rendered = Vec::new();
        renderer.file(&source, &diagnostics, &mut rendered);
        emit(&rendered, &totals)?;
    }
    Ok(())
}

/// Lint every document the request names and write the report to `out`;
/// problems with files or configuration go to `err`.
pub fn lint(req: &LintRequest, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Exit> {
    let paths = if req.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        req.paths.clone()
    };
    let collected = input::collect_inputs(&paths);
    // Before any matcher is built (configuration files may build some).
    crate::effort::expect_documents(collected.found.len());
    let mut failed = false;
    for e in &collected.errors {
        writeln!(err, "pmlint: error: {e}")?;
        failed = true;
    }
    if !req.quiet {
        for note in &collected.notes {
            writeln!(err, "pmlint: warning: {note}")?;
        }
    }
    let mut cache = match ConfigCache::new(req.config.clone(), &req.selection) {
        Ok(cache) => cache,
        Err(e) => {
            e.print(err)?;
            return Ok(Exit::Failure);
        }
    };
    let mut jobs = Vec::with_capacity(collected.found.len());
    for found in collected.found {
        let config = match cache.for_input(&found.input) {
            Ok(config) => config,
            Err(e) => {
                e.print(err)?;
                return Ok(Exit::Failure);
            }
        };
        let selected = match &found.input {
            Input::Path(path) => found.named || cache.selects(path, &config),
            Input::Stdin => true,
        };
        if selected {
            jobs.push((found.input, config));
        }
    }
    if jobs.is_empty() && collected.errors.is_empty() && !req.quiet {
        writeln!(
            err,
            "pmlint: warning: no files to lint (folders are searched for *.md and *.markdown, or the `include` globs)"
        )?;
    }

    let renderer = if req.statistics {
        Box::new(Silent)
    } else {
        renderer(req.format, req.color, req.width)
    };
    let diffing = matches!(req.fix, FixMode::Diff(_));
    // A diff is only diffs; standard input fixed is only the fixed text.
    let raw = diffing || (matches!(req.fix, FixMode::Apply(_)) && jobs.iter().all(|(i, _)| *i == Input::Stdin));
    if !raw {
        renderer.start(out)?;
    }
    let mut totals = Totals::default();
    let mut wrote_any = false;
    // What each document claims about its identity, and its job and the
    // check's severity for it.
    let mut keys: Vec<DocumentKey> = Vec::new();
    let mut key_owners: Vec<(usize, Severity)> = Vec::new();
    // Fixes applied, and in how many files.
    let mut fixed = (0usize, 0usize);
    let mut write = |rendered: &[u8], out: &mut dyn Write| -> io::Result<()> {
        if !rendered.is_empty() {
            if wrote_any && !raw {
                out.write_all(renderer.separator())?;
            }
            out.write_all(rendered)?;
            wrote_any = true;
        }
        Ok(())
    };
    for (chunk_index, chunk) in jobs.chunks(CHUNK).enumerate() {
        let lint = |(input, config): &(Input, Arc<Config>)| {
            lint_one(input, config, renderer.as_ref(), req.max_file_size, req.fix)
        };
        // One file (the pre-commit case) is linted on this thread: starting
        // the thread pool, and a second heap arena for it, costs more than
        // the file.
        let outcomes: Vec<FileOutcome> = if chunk.len() == 1 {
            chunk.iter().map(lint).collect()
        } else {
            chunk.par_iter().map(lint).collect()
        };
        for (offset, outcome) in outcomes.into_iter().enumerate() {
            if let Some(e) = outcome.error {
                writeln!(err, "pmlint: error: {e}")?;
                failed = true;
                continue;
            }
            totals.merge(&outcome.totals);
            if outcome.fixed > 0 {
                fixed.0 += outcome.fixed;
                fixed.1 += 1;
            }
            if let Some((key, severity)) = outcome.key {
                keys.push(key);
                key_owners.push((chunk_index * CHUNK + offset, severity));
            }
            write(&outcome.rendered, out)?;
        }
    }
    if keys.len() > 1 {
        cross_document(
            &keys,
            &key_owners,
            &jobs,
            renderer.as_ref(),
            req.max_file_size,
            |rendered, found| {
                totals.merge(found);
                write(rendered, out)
            },
        )?;
    }
    if !raw {
        renderer.end(out, &totals)?;
    }
    if req.statistics {
        write_statistics(req.format, &totals, out)?;
    }
    out.flush()?;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    if !req.quiet && !matches!(req.fix, FixMode::Report) {
        let verb = if diffing { "would fix" } else { "fixed" };
        writeln!(
            err,
            "{verb} {} in {}",
            plural(fixed.0, "problem"),
            plural(fixed.1, "file")
        )?;
    }
    if req.format == Format::Human && !req.quiet && !raw {
        writeln!(err, "{}", totals.sentence())?;
        if let Some(fixable) = totals.fixable_sentence() {
            writeln!(err, "{fixable}")?;
        }
    }
    Ok(if failed {
        Exit::Failure
    } else if diffing {
        if fixed.0 > 0 { Exit::Findings } else { Exit::Clean }
    } else {
        req.exit.exit(&totals)
    })
}

/// `pmlint rules`: every rule with its default severity and summary.
pub fn list_rules(json: bool, out: &mut dyn Write) -> io::Result<()> {
    if json {
        let list: Vec<serde_json::Value> = rules::all()
            .map(|r| {
                let m = r.meta();
                serde_json::json!({
                    "id": m.id,
                    "severity": m.default_severity.as_str(),
                    "enabled_by_default": m.enabled_by_default,
                    "summary": m.summary,
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &list)?;
        return writeln!(out);
    }
    let width = rules::ids().map(str::len).max().unwrap_or(0);
    for r in rules::all() {
        let m = r.meta();
        let level = if m.enabled_by_default {
            m.default_severity.as_str()
        } else {
            "off"
        };
        writeln!(out, "{:<width$}  {:<7}  {}", m.id, level, m.summary)?;
    }
    Ok(())
}

/// `pmlint explain <RULE>`: the rule's documentation.
pub fn explain(id: &str, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Exit> {
    match rules::find(id) {
        Some(rule) => {
            out.write_all(rule.meta().doc.as_bytes())?;
            Ok(Exit::Clean)
        }
        None => {
            write!(err, "pmlint: error: unknown rule `{id}`")?;
            match suggest(id, rules::ids()) {
                Some(s) => writeln!(err, "; did you mean `{s}`?")?,
                None => writeln!(err, "; `pmlint rules` lists them")?,
            }
            Ok(Exit::Failure)
        }
    }
}

/// `pmlint parse <FILE>`: the incident model as JSON.
pub fn parse(path: &Path, config: &ConfigChoice, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Exit> {
    let input = if path.as_os_str() == "-" {
        Input::Stdin
    } else {
        Input::Path(path.to_path_buf())
    };
    let config = match ConfigCache::new(config.clone(), &Selection::default()).and_then(|mut c| c.for_input(&input)) {
        Ok(config) => config,
        Err(e) => {
            e.print(err)?;
            return Ok(Exit::Failure);
        }
    };
    let source = match input::read_input(&input, input::DEFAULT_MAX_FILE_SIZE) {
        Ok(source) => source,
        Err(e) => {
            writeln!(err, "pmlint: error: {e}")?;
            return Ok(Exit::Failure);
        }
    };
    let incident = crate::parse::parse_source(&source, &config.parse_options());
    serde_json::to_writer_pretty(&mut *out, &render::model_json::incident_json(&source, &incident))?;
    writeln!(out)?;
    Ok(Exit::Clean)
}

/// `pmlint config [PATH]`: the settings that apply to a document (or to the
/// documents of a folder), and where each came from.
pub fn show_config(
    path: &Path,
    choice: &ConfigChoice,
    selection: &Selection,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Exit> {
    let input = Input::Path(path.to_path_buf());
    let config = match ConfigCache::new(choice.clone(), selection).and_then(|mut c| {
        // A folder's own configuration: look from inside it.
        let probe = if path.is_dir() {
            Input::Path(path.join("_"))
        } else {
            input.clone()
        };
        c.for_input(&probe)
    }) {
        Ok(config) => config,
        Err(e) => {
            e.print(err)?;
            return Ok(Exit::Failure);
        }
    };
    if config.chain.is_empty() {
        writeln!(out, "configuration: none found (built-in defaults)")?;
    } else {
        let chain: Vec<String> = config.chain.iter().rev().map(|p| p.display().to_string()).collect();
        writeln!(out, "configuration: {}", chain.join(" extends "))?;
    }
    writeln!(out)?;
    writeln!(out, "[rules]")?;
    let width = config.rule_levels().map(|(id, _, _)| id.len()).max().unwrap_or(0);
    for (id, level, origin) in config.rule_levels() {
        let level = level.map_or("off", Severity::as_str);
        writeln!(out, "{id:<width$}  {level:<7}  # {origin}")?;
    }
    writeln!(out)?;
    writeln!(out, "[settings]")?;
    let s = &config.settings;
    let zone = s.default_timezone.as_ref().map_or("none".to_string(), |z| z.describe());
    let order = s
        .date_order
        .map_or("none".to_string(), |o| format!("{o:?}").to_lowercase());
    let quoted = |globs: &[String]| {
        let items: Vec<String> = globs.iter().map(|g| format!("{g:?}")).collect();
        format!("[{}]", items.join(", "))
    };
    let template = config
        .template
        .as_ref()
        .map_or("built-in".to_string(), |p| p.display().to_string());
    let rows = [
        ("default_timezone", zone),
        ("date_order", order),
        ("rollover_hours", s.rollover_hours.to_string()),
        ("include", quoted(&config.files.include.patterns)),
        ("exclude", quoted(&config.files.exclude.patterns)),
        ("template", template),
    ];
    for (key, value) in rows {
        let origin = match key {
            "include" | "exclude" if !selection.include.is_empty() || !selection.exclude.is_empty() => {
                "--include/--exclude".to_string()
            }
            _ => config.origin_of(key).to_string(),
        };
        writeln!(out, "{key} = {value}  # {origin}")?;
    }
    for table in ["sections", "roles", "timezones"] {
        let origin = config.origin_of(table);
        if origin != config::Origin::Default {
            writeln!(out, "[{table}] extended  # {origin}")?;
        }
    }
    Ok(Exit::Clean)
}

/// `pmlint init`: write a commented `pmlint.toml` with every option at its
/// default; an existing file is kept unless `force`.
pub fn init(path: &Path, force: bool, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Exit> {
    let text = crate::scaffold::init_text();
    let written = if force {
        let original = std::fs::read(path).unwrap_or_default();
        if path.exists() {
            fix::write_atomically(path, &original, &text).map_err(|e| e.to_string())
        } else {
            crate::scaffold::create_new(path, &text).map_err(|e| input::describe_io_error(&e))
        }
    } else {
        crate::scaffold::create_new(path, &text).map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => "already exists; pass --force to replace it".to_string(),
            _ => input::describe_io_error(&e),
        })
    };
    match written {
        Ok(()) => {
            writeln!(out, "wrote {}", path.display())?;
            Ok(Exit::Clean)
        }
        Err(e) => {
            writeln!(err, "pmlint: error: {}: {e}", path.display())?;
            Ok(Exit::Failure)
        }
    }
}

/// `pmlint new "Title"`: write `DIR/YYYY-MM-DD-title.md` from the
/// configuration's template, or the built-in one.
pub fn new_postmortem(
    title: &str,
    date: chrono::NaiveDate,
    dir: &Path,
    choice: &ConfigChoice,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Exit> {
    let config = match ConfigCache::new(choice.clone(), &Selection::default())
        .and_then(|mut c| c.for_input(&Input::Path(dir.join("_"))))
    {
        Ok(config) => config,
        Err(e) => {
            e.print(err)?;
            return Ok(Exit::Failure);
        }
    };
    let template = match &config.template {
        None => crate::scaffold::BUILTIN_TEMPLATE.to_string(),
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                writeln!(
                    err,
                    "pmlint: error: template {}: {}",
                    path.display(),
                    input::describe_io_error(&e)
                )?;
                return Ok(Exit::Failure);
            }
        },
    };
    let path = crate::scaffold::new_path(dir, title, date);
    let text = crate::scaffold::new_document(&template, title, date);
    match crate::scaffold::create_new(&path, &text) {
        Ok(()) => {
            writeln!(out, "{}", path.display())?;
            Ok(Exit::Clean)
        }
        Err(e) => {
            let why = match e.kind() {
                io::ErrorKind::AlreadyExists => "already exists".to_string(),
                _ => input::describe_io_error(&e),
            };
            writeln!(err, "pmlint: error: {}: {why}", path.display())?;
            Ok(Exit::Failure)
        }
    }
}
