//! The `pmlint` command line: parse arguments, call the library, exit.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use pmlint::app::{self, ConfigChoice, Exit, ExitPolicy, FixMode, Format, LintRequest, Selection};
use pmlint::diagnostic::Severity;
use pmlint::fix::FixLevel;

/// A linter for incident postmortems: checks that a postmortem's timeline,
/// durations, timezones and sections agree with themselves.
#[derive(Parser)]
#[command(
    name = "pmlint",
    version,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    lint: LintArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Lint files and folders (the default command).
    Check(LintArgs),
    /// List every rule with its default severity.
    Rules {
        /// Print the list as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print a rule's documentation.
    Explain {
        /// The rule id, as `pmlint rules` lists it.
        rule: String,
    },
    /// Show the configuration that applies to a file or folder, and where
    /// each setting comes from.
    Config {
        /// The file or folder (default: the current folder).
        #[arg(default_value = ".")]
        path: PathBuf,
        #[command(flatten)]
        config: ConfigArgs,
        #[command(flatten)]
        selection: SelectionArgs,
    },
    /// Write a commented pmlint.toml with every option at its default.
    Init {
        /// Where to write it.
        #[arg(default_value = "pmlint.toml")]
        path: PathBuf,
        /// Replace an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Start a postmortem: write YYYY-MM-DD-title.md from the template.
    New {
        /// The incident's title.
        title: String,
        /// The incident's date (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<chrono::NaiveDate>,
        /// The folder to write it in.
        #[arg(long, default_value = ".")]
        dir: PathBuf,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Print the incident model pmlint reads from a document.
    Parse {
        /// The document (`-` for standard input).
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = ParseFormat::Json)]
        format: ParseFormat,
        #[command(flatten)]
        config: ConfigArgs,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ParseFormat {
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    /// Source snippets with labels and help (the default).
    Human,
    /// One line per problem: `path:line:col: severity[rule] message`.
    Concise,
    /// A JSON array of problems.
    Json,
    /// One JSON object per line.
    JsonLines,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// GitLab Code Quality JSON.
    Gitlab,
    /// JUnit XML.
    Junit,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(Args, Clone)]
struct SelectionArgs {
    /// Run only these rules (comma-separated ids), even ones off by default.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    select: Vec<String>,
    /// Do not run these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    ignore: Vec<String>,
    /// Lint the files of folders that match these globs, instead of the
    /// configuration's `include` (relative to the current folder).
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// Skip the files of folders that match these globs, instead of the
    /// configuration's `exclude`. Files named on the command line are
    /// always linted.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
}

impl SelectionArgs {
    fn selection(&self) -> Selection {
        Selection {
            select: self.select.clone(),
            ignore: self.ignore.clone(),
            include: self.include.clone(),
            exclude: self.exclude.clone(),
        }
    }
}

#[derive(Args, Clone)]
struct ConfigArgs {
    /// Use this configuration file for every document.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore configuration files; use the built-in defaults.
    #[arg(long)]
    no_config: bool,
}

impl ConfigArgs {
    fn choice(&self) -> ConfigChoice {
        match (&self.config, self.no_config) {
            (_, true) => ConfigChoice::Defaults,
            (Some(path), false) => ConfigChoice::File(path.clone()),
            (None, false) => ConfigChoice::Discover,
        }
    }
}

#[derive(Args, Clone)]
#[command(group = clap::ArgGroup::new("fixing").args(["fix", "diff"]))]
struct LintArgs {
    /// Files and folders to lint; `-` reads standard input. Folders are
    /// searched for *.md and *.markdown files. Default: the current folder.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Print how many findings each rule reported, instead of the findings.
    #[arg(long)]
    statistics: bool,
    /// Print the findings and nothing else (no summary, no notes).
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Exit 0 even when findings would fail the run.
    #[arg(long)]
    exit_zero: bool,
    /// Findings of this severity or worse fail the run (exit 1).
    #[arg(long, value_enum, default_value_t = FailOn::Error, value_name = "SEVERITY")]
    fail_on: FailOn,
    /// Refuse files larger than this (bytes, or with a unit: 512KiB, 64MiB);
    /// such a file is reported and the run exits 2.
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "16MiB")]
    max_file_size: u64,
    /// Fail the run (exit 1) when there are more than N warnings.
    #[arg(long, value_name = "N")]
    max_warnings: Option<usize>,
    /// Apply safe fixes and write the files back, then report what is left.
    #[arg(long)]
    fix: bool,
    /// Print the fixes as a unified diff instead of writing them; exit 1
    /// if there is anything to fix.
    #[arg(long)]
    diff: bool,
    /// With --fix or --diff, apply unsafe fixes too (they change what the
    /// document says: re-sorting a timeline, relabelling a timezone).
    #[arg(long, requires = "fixing")]
    unsafe_fixes: bool,
    #[command(flatten)]
    config: ConfigArgs,
    #[command(flatten)]
    selection: SelectionArgs,
}

/// `4096`, `512KiB`, `64MiB`, `1GiB` (also `KB`, `MB`, `GB`, `k`, `M`, `G`,
/// all in powers of 1024).
fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let number: u64 = digits
        .parse()
        .map_err(|_| format!("`{text}` is not a size such as 4096 or 64MiB"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        other => return Err(format!("unknown size unit `{other}` (use KiB, MiB or GiB)")),
    };
    number
        .checked_mul(factor)
        .ok_or_else(|| format!("`{text}` is too large"))
}

fn use_color() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color && std::io::stdout().is_terminal()
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|w: &usize| *w >= 40)
        .unwrap_or(100)
}

fn run(cli: Cli) -> std::io::Result<Exit> {
    // Locked per write, not for the whole run: the lint runs on worker
    // threads, and one that printed (a debugging `eprintln!`) would wait
    // forever for a lock this thread held while waiting for it.
    let mut out = std::io::BufWriter::new(std::io::stdout());
    let mut err = std::io::stderr();
    let exit = match cli.command {
        Some(Command::Rules { json }) => {
            app::list_rules(json, &mut out)?;
            Exit::Clean
        }
        Some(Command::Explain { rule }) => app::explain(&rule, &mut out, &mut err)?,
        Some(Command::Init { path, force }) => app::init(&path, force, &mut out, &mut err)?,
        Some(Command::New {
            title,
            date,
            dir,
            config,
        }) => {
            let date = date.unwrap_or_else(|| chrono::Local::now().date_naive());
            app::new_postmortem(&title, date, &dir, &config.choice(), &mut out, &mut err)?
        }
        Some(Command::Config {
            path,
            config,
            selection,
        }) => app::show_config(&path, &config.choice(), &selection.selection(), &mut out, &mut err)?,
        Some(Command::Parse {
            file,
            format: ParseFormat::Json,
            config,
        }) => app::parse(&file, &config.choice(), &mut out, &mut err)?,
        Some(Command::Check(args)) => lint(args, &mut out, &mut err)?,
        None => lint(cli.lint, &mut out, &mut err)?,
    };
    out.flush()?;
    Ok(exit)
}

fn lint(args: LintArgs, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<Exit> {
    let format = match args.format {
        OutputFormat::Human => Format::Human,
        OutputFormat::Concise => Format::Concise,
        OutputFormat::Json => Format::Json,
        OutputFormat::JsonLines => Format::JsonLines,
        OutputFormat::Sarif => Format::Sarif,
        OutputFormat::Github => Format::Github,
        OutputFormat::Gitlab => Format::Gitlab,
        OutputFormat::Junit => Format::Junit,
    };
    let mut request = LintRequest::new(args.paths, format, args.config.choice());
    // A report written to a file has no terminal to colour.
    request.color = args.output.is_none() && use_color();
    request.width = terminal_width();
    request.max_file_size = args.max_file_size;
    request.statistics = args.statistics;
    request.selection = args.selection.selection();
    request.quiet = args.quiet;
    request.exit = ExitPolicy {
        exit_zero: args.exit_zero,
        fail_on: match args.fail_on {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        },
        max_warnings: args.max_warnings,
    };
    let level = if args.unsafe_fixes {
        FixLevel::Unsafe
    } else {
        FixLevel::Safe
    };
    request.fix = match (args.fix, args.diff) {
        (true, _) => FixMode::Apply(level),
        (_, true) => FixMode::Diff(level),
        _ => FixMode::Report,
    };
    match &args.output {
        None => app::lint(&request, out, err),
        Some(path) => write_report_to(path, |file, err| app::lint(&request, file, err), err),
    }
}

/// Write a report to `path` through a temporary file beside it, so readers
/// never see half a report and a failed run leaves the old one.
fn write_report_to(
    path: &std::path::Path,
    produce: impl FnOnce(&mut dyn Write, &mut dyn Write) -> std::io::Result<Exit>,
    err: &mut dyn Write,
) -> std::io::Result<Exit> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let fail = |err: &mut dyn Write, e: std::io::Error| -> std::io::Result<Exit> {
        writeln!(err, "pmlint: error: cannot write the report to {}: {e}", path.display())?;
        Ok(Exit::Failure)
    };
    let mut temp = match tempfile::NamedTempFile::new_in(&dir) {
        Ok(t) => t,
        Err(e) => return fail(err, e),
    };
    let exit = {
        let mut writer = std::io::BufWriter::new(temp.as_file_mut());
        let exit = produce(&mut writer, err)?;
        writer.flush()?;
        exit
    };
    if let Err(e) = temp.persist(path) {
        return fail(err, e.error);
    }
    Ok(exit)
}

#[cfg(all(
    unix,
    not(target_os = "openbsd"),
    any(target_arch = "x86_64", target_arch = "aarch64")
))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(exit) => ExitCode::from(exit as u8),
        // A closed pipe (`pmlint ... | head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::from(Exit::Clean as u8),
        Err(e) => {
            eprintln!("pmlint: error: {e}");
            ExitCode::from(Exit::Failure as u8)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_take_binary_units() {
        assert_eq!(parse_size("4096"), Ok(4096));
        assert_eq!(parse_size("512KiB"), Ok(512 * 1024));
        assert_eq!(parse_size("64mb"), Ok(64 << 20));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert!(parse_size("12 parsecs").is_err());
        assert!(parse_size("MiB").is_err());
        assert!(parse_size("99999999999999999999GiB").is_err());
    }

    #[test]
    fn the_default_size_limit_is_the_library_default() {
        assert_eq!(parse_size("16MiB"), Ok(pmlint::input::DEFAULT_MAX_FILE_SIZE));
    }
}
