//! Snapshots of the human, concise and JSON output for every fixture.
//! Each `.snap` is reviewed by hand when it changes.

use std::path::{Path, PathBuf};

use pmlint::app::{ConfigChoice, Format, LintRequest, lint};

mod common;
use common::fixtures;

fn run(path: &Path, format: Format) -> String {
    // Paths relative to the crate root keep the snapshots machine-independent.
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).expect("crate root");
    let request = LintRequest::new(vec![path.to_path_buf()], format, ConfigChoice::Defaults);
    let mut out = Vec::new();
    let mut err = Vec::new();
    let exit = lint(&request, &mut out, &mut err).expect("writes to memory");
    format!(
        "exit: {:?}\n--- stdout\n{}--- stderr\n{}",
        exit,
        String::from_utf8_lossy(&out),
        String::from_utf8_lossy(&err)
    )
}

fn snapshot_name(path: &Path, format: &str) -> String {
    let stem = path
        .strip_prefix("fixtures")
        .unwrap_or(path)
        .with_extension("")
        .to_string_lossy()
        .replace(['/', '\\'], "__");
    format!("{stem}.{format}")
}

#[test]
fn fixture_outputs() {
    let files = fixtures();
    assert!(files.len() >= 15, "expected the fixture set, found {}", files.len());
    for path in files {
        insta::assert_snapshot!(snapshot_name(&path, "human"), run(&path, Format::Human));
        insta::assert_snapshot!(snapshot_name(&path, "concise"), run(&path, Format::Concise));
        insta::assert_snapshot!(snapshot_name(&path, "json"), run(&path, Format::Json));
    }
}

/// Every rule has fixtures in `fixtures/rules/<id>/`: those named `*fail*`
/// fire it, those named `*pass*` do not. The fixtures of a folder are linted
/// together too, for the rule that compares documents.
#[test]
fn rule_fixtures_fire_or_stay_silent() {
    use pmlint::config::Config;
    use pmlint::rules::duplicate_incident_id::{cross_check, document_key};
    for rule in pmlint::rules::all() {
        let id = rule.meta().id;
        // Opt-in rules are switched on for their own fixtures.
        let enable = format!("[rules]\n{id} = \"{}\"\n", rule.meta().default_severity);
        let config = Config::from_toml(&enable, Path::new("pmlint.toml")).expect("enabling a rule is valid");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules").join(id);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("fixtures/rules/{id} is missing"))
            .map(|e| e.expect("entry").path())
            .collect();
        files.sort();
        for kind in ["fail", "pass"] {
            let group: Vec<&PathBuf> = files
                .iter()
                .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().contains(kind)))
                .collect();
            assert!(!group.is_empty(), "{id}: needs a *{kind}*.md fixture");
            let mut fired: Vec<bool> = Vec::new();
            let mut keys = Vec::new();
            for path in &group {
                let name = path.file_name().expect("name").to_string_lossy().into_owned();
                let text = std::fs::read_to_string(path).expect("UTF-8 fixture");
                let incident = pmlint::parse::parse(&text, &config.parse_options());
                keys.push(document_key(&incident, &name));
                fired.push(
                    pmlint::lint_incident(&incident, &config, &name)
                        .iter()
                        .any(|d| d.rule == id),
                );
            }
            for (i, _) in cross_check(&keys) {
                fired[i] |= id == "duplicate-incident-id";
            }
            for (path, fired) in group.iter().zip(fired) {
                let name = path.display();
                match kind {
                    "fail" => assert!(fired, "{id}: {name} should fire"),
                    _ => assert!(!fired, "{id}: {name} must not fire"),
                }
            }
        }
    }
}

/// The error-level rules a document fires, each as often as it fires.
fn errors(text: &str) -> Vec<String> {
    let source = pmlint::source::Source::new("doc.md", text.to_string());
    let mut rules: Vec<String> = pmlint::lint(&source, &pmlint::config::Config::default())
        .into_iter()
        .filter(|d| d.severity == pmlint::diagnostic::Severity::Error)
        .map(|d| d.rule.to_string())
        .collect();
    rules.sort();
    rules
}

/// A time left without its AM/PM in a 12-hour timeline is read as a reader
/// would place it among its neighbours, so leaving AM/PM off every other
/// time of a fixture finds no error the fixture does not have.
#[test]
fn am_pm_left_off_every_other_time_adds_no_error() {
    let time = regex::Regex::new(r"\b(\d{1,2}:\d\d) ?(?:AM|PM|am|pm)\b").expect("pattern");
    let mut tried = 0;
    for path in fixtures() {
        let text = std::fs::read_to_string(&path).expect("fixture");
        if time.find_iter(&text).count() < 3 {
            continue;
        }
        for parity in [0, 1] {
            let mut k = 0;
            let without = time.replace_all(&text, |c: &regex::Captures<'_>| {
                k += 1;
                if k % 2 == parity {
                    c[1].to_string()
                } else {
                    c[0].to_string()
                }
            });
            assert_eq!(
                errors(&without),
                errors(&text),
                "{} (parity {parity}):\n{without}",
                path.display()
            );
            tried += 1;
        }
    }
    assert!(tried >= 8, "only {tried} fixtures write AM/PM");
}

/// Every finding of a fixture, by rule, line and column.
fn findings_at(text: &str) -> Vec<(String, usize, usize)> {
    let source = pmlint::source::Source::new("doc.md", text.to_string());
    pmlint::lint(&source, &pmlint::config::Config::default())
        .into_iter()
        .map(|d| {
            let at = source.position(d.primary.span.start);
            (d.rule.to_string(), at.line, at.column)
        })
        .collect()
}

/// CommonMark ends a line at `\n`, `\r\n` or a lone `\r`; so does every
/// reader of pmlint, so a fixture says the same with each.
#[test]
fn findings_are_the_same_whatever_the_line_endings() {
    for path in fixtures() {
        let text = std::fs::read_to_string(&path).expect("fixture");
        let lf = text.replace("\r\n", "\n");
        let expected = findings_at(&lf);
        for ending in ["\r\n", "\r"] {
            assert_eq!(
                findings_at(&lf.replace('\n', ending)),
                expected,
                "{} with {ending:?} line endings",
                path.display()
            );
        }
    }
}

/// A rewrite of a document: its name, how many lines it adds above the
/// document, and the rewrite (None when it does not apply).
type Rewrite<'r> = (&'static str, usize, &'r dyn Fn(&str) -> Option<String>);

/// Rewrites that keep what a document says: each fixture, rewritten, has the
/// findings it had (lines moved by the lines a rewrite adds above).
#[test]
fn rewrites_that_keep_the_meaning_keep_the_findings() {
    let meridiem = regex::Regex::new(r"(\d) ?([AaPp])[Mm]\b").expect("pattern");
    let heading = regex::Regex::new(r"(?m)^(#{2,6}) ").expect("pattern");
    let mut tried = 0;
    let rewrites: [Rewrite<'_>; 4] = [
        ("p.m. for PM", 0, &|t| {
            Some(
                meridiem
                    .replace_all(t, |c: &regex::Captures<'_>| {
                        format!("{} {}.m.", &c[1], c[2].to_lowercase())
                    })
                    .into_owned(),
            )
        }),
        ("an emoji before each heading", 0, &|t| {
            Some(heading.replace_all(t, "$1 📌 ").into_owned())
        }),
        ("numbered headings", 0, &|t| {
            let mut n = 0;
            Some(
                heading
                    .replace_all(t, |c: &regex::Captures<'_>| {
                        n += 1;
                        format!("{} {n}. ", &c[1])
                    })
                    .into_owned(),
            )
        }),
        ("a chat answer", 2, &|t| {
            (!t.contains("```") && !t.starts_with("---"))
                .then(|| format!("Here is the postmortem you asked for:\n```markdown\n{t}```\n"))
        }),
    ];
    for path in fixtures() {
        let text = std::fs::read_to_string(&path).expect("fixture").replace("\r\n", "\n");
        let expected = findings_at(&text);
        for (name, added_lines, rewrite) in &rewrites {
            let Some(rewritten) = rewrite(&text).filter(|r| *r != text) else {
                continue;
            };
            tried += 1;
            let found: Vec<(String, usize, usize)> = findings_at(&rewritten)
                .into_iter()
                .map(|(rule, line, _)| (rule, line - added_lines, 0))
                .collect();
            let expected: Vec<(String, usize, usize)> = expected
                .iter()
                .map(|(rule, line, _)| (rule.clone(), *line, 0))
                .collect();
            assert_eq!(found, expected, "{} with {name}:\n{rewritten}", path.display());
        }
    }
    assert!(tried >= 100, "only {tried} rewrites tried");
}
