//! Configuration chains, overrides, file selection and folder walking,
//! driven through the binary in temporary folders.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn pmlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("pmlint").expect("binary builds");
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

fn write(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// A document whose only findings are a doubled word and missing sections.
const DOUBLED: &str = "# Outage\n\nthe the cache\n";

fn rules_reported(output: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(output)
        .lines()
        .filter_map(|l| {
            let path = l.split(':').next()?;
            let rule = l.split('[').nth(1)?.split(']').next()?;
            Some(format!("{path} {rule}"))
        })
        .collect()
}

#[test]
fn extend_chains_and_overrides() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    write(
        d,
        "base.toml",
        "[rules]\nmissing-section = \"off\"\nduplicate-word = \"error\"\n",
    );
    write(
        d,
        "team/pmlint.toml",
        "extend = \"../base.toml\"\n\n[[overrides]]\nfiles = [\"legacy/**\"]\nrules = { duplicate-word = \"off\" }\n",
    );
    write(d, "team/new.md", DOUBLED);
    write(d, "team/legacy/old.md", DOUBLED);
    let out = pmlint(d)
        .args(["--format", "concise", "team"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert_eq!(rules_reported(&out), vec!["team/new.md duplicate-word"]);
    let text = String::from_utf8(out).expect("UTF-8");
    assert!(
        text.contains("error[duplicate-word]"),
        "the base file's level applies: {text}"
    );
}

#[test]
fn extend_errors_name_the_file_and_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    write(d, "a.toml", "extend = \"b.toml\"\n");
    write(d, "b.toml", "extend = \"a.toml\"\n");
    write(d, "doc.md", DOUBLED);
    pmlint(d)
        .args(["--config", "a.toml", "doc.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("extends itself through a cycle"));
    write(d, "c.toml", "extend = \"missing.toml\"\n");
    pmlint(d)
        .args(["--config", "c.toml", "doc.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("c.toml:1:10: extend:").and(predicate::str::contains("is not a file")));
    write(d, "bad.toml", "extend = \"ok.toml\"\n");
    write(d, "ok.toml", "[rules]\ntimline-order = \"off\"\n");
    pmlint(d)
        .args(["--config", "bad.toml", "doc.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ok.toml:2:1: unknown rule `timline-order`"));
}

#[test]
fn include_and_exclude_choose_the_files_of_folders() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    write(
        d,
        "pmlint.toml",
        "include = [\"**/*.md\", \"**/*.txt\"]\nexclude = [\"drafts/**\", \"scratch-*\"]\n[rules]\nmissing-section = \"off\"\n",
    );
    write(d, "a.md", DOUBLED);
    write(d, "notes/b.txt", DOUBLED);
    write(d, "c.markdown", DOUBLED);
    write(d, "drafts/d.md", DOUBLED);
    write(d, "deep/scratch-e.md", DOUBLED);
    let out = pmlint(d)
        .args(["--format", "concise", "."])
        .assert()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        rules_reported(&out),
        vec!["./a.md duplicate-word", "./notes/b.txt duplicate-word"]
    );
    // A file named on the command line is linted even when excluded.
    let out = pmlint(d)
        .args(["--format", "concise", "drafts/d.md"])
        .assert()
        .get_output()
        .stdout
        .clone();
    assert_eq!(rules_reported(&out), vec!["drafts/d.md duplicate-word"]);
    // The command line's globs replace the configuration's.
    let out = pmlint(d)
        .args(["--format", "concise", "--include", "**/*.markdown", "."])
        .assert()
        .get_output()
        .stdout
        .clone();
    assert_eq!(rules_reported(&out), vec!["./c.markdown duplicate-word"]);
    pmlint(d)
        .args(["--include", "[", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--include: invalid glob"));
}

#[test]
fn select_and_ignore() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    write(d, "a.md", DOUBLED);
    let out = pmlint(d)
        .args([
            "--no-config",
            "--format",
            "concise",
            "--select",
            "duplicate-word,action-item-tracking",
            "a.md",
        ])
        .assert()
        .get_output()
        .stdout
        .clone();
    assert_eq!(rules_reported(&out), vec!["a.md duplicate-word"]);
    let out = pmlint(d)
        .args([
            "--no-config",
            "--format",
            "concise",
            "--ignore",
            "missing-section",
            "a.md",
        ])
        .assert()
        .get_output()
        .stdout
        .clone();
    assert_eq!(rules_reported(&out), vec!["a.md duplicate-word"]);
    pmlint(d)
        .args(["--no-config", "--select", "duplicate-wrd", "a.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `duplicate-word`?"));
}

#[test]
fn config_command_shows_values_and_their_origins() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    write(d, "base.toml", "preset = \"strict\"\ndefault_timezone = \"UTC\"\n");
    write(
        d,
        "team/pmlint.toml",
        "extend = \"../base.toml\"\n[rules]\nduplicate-word = \"error\"\n[[overrides]]\nfiles = [\"legacy/**\"]\nrules = { timeline-order = \"off\" }\n",
    );
    write(d, "team/legacy/a.md", DOUBLED);
    let out = pmlint(d)
        .args(["config", "team/legacy/a.md"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).expect("UTF-8");
    assert!(
        out.contains("configuration: team/pmlint.toml extends base.toml"),
        "{out}"
    );
    let line = |id: &str| {
        out.lines()
            .find(|l| l.starts_with(&format!("{id} ")))
            .unwrap_or_default()
            .to_string()
    };
    assert!(line("duplicate-word").contains("error") && line("duplicate-word").contains("team/pmlint.toml:3"));
    assert!(line("timeline-order").contains("off") && line("timeline-order").contains("override (team/pmlint.toml:4)"));
    assert!(
        line("action-item-tracking").contains("preset \"strict\" (base.toml:1)"),
        "{out}"
    );
    assert!(line("empty-section").contains("# default"));
    assert!(out.contains("default_timezone = UTC  # base.toml:2"), "{out}");
}

#[test]
fn walking_skips_ignored_and_hidden_files_and_survives_symlink_loops() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    write(d, ".gitignore", "build/\n");
    write(d, ".ignore", "vendor/\n");
    write(d, "a.md", DOUBLED);
    write(d, "build/generated.md", DOUBLED);
    write(d, "vendor/theirs.md", DOUBLED);
    write(d, ".hidden/secret.md", DOUBLED);
    #[cfg(unix)]
    std::os::unix::fs::symlink(d, d.join("loop")).expect("symlink");
    let assert = pmlint(d)
        .args(["--no-config", "--format", "concise", "--select", "duplicate-word", "."])
        .assert()
        .code(0);
    let output = assert.get_output();
    assert_eq!(rules_reported(&output.stdout), vec!["./a.md duplicate-word"]);
    #[cfg(unix)]
    assert!(String::from_utf8_lossy(&output.stderr).contains("loop"));
}
