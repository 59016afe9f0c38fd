//! Odd and hostile input, from the command line: each either lints or gets a
//! clear message, never a panic or a hang, and one bad file never stops the
//! others. Sizes are kept to what a debug build gets through in seconds;
//! `BENCHMARKS.md` times the same shapes at full size on a release build.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn pmlint() -> Command {
    let mut cmd = Command::cargo_bin("pmlint").expect("binary built");
    cmd.env("NO_COLOR", "1").args(["--no-config", "--format", "concise"]);
    cmd
}

/// Lint `text` given on standard input; returns the concise report.
fn lint_stdin(text: impl Into<Vec<u8>>) -> String {
    let output = pmlint().arg("-").write_stdin(text.into()).output().expect("runs");
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "status {:?}: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 report")
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

#[test]
fn whitespace_only_is_a_document_without_sections() {
    let report = lint_stdin(" \n\t\n   \r\n");
    assert!(report.contains("warning[missing-section]"), "{report}");
}

#[test]
fn a_20_mb_line_is_refused_by_default_with_its_size() {
    let dir = tempfile::tempdir().expect("temp dir");
    let line = "word 12:30 the cache ".repeat(1_000_000);
    let path = write(dir.path(), "huge.md", format!("# Huge\n\n{line}\n"));
    let other = write(dir.path(), "fine.md", "# Fine\n\nthe the cache\n");
    pmlint()
        .arg(&path)
        .arg(&other)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "huge.md: is 21000009 bytes, over the 16777216-byte limit",
        ))
        .stdout(predicate::str::contains("fine.md:3:5: warning[duplicate-word]"));
    pmlint().args(["--max-file-size", "1KiB"]).arg(&other).assert().code(0);
    pmlint()
        .args(["--max-file-size", "lots"])
        .arg(&other)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a size"));
}

#[test]
fn a_two_megabyte_line_is_linted() {
    let line = "word 12:30 the the cache ".repeat(80_000);
    let report = lint_stdin(format!("# Long\n\n{line}\n"));
    assert_eq!(report.matches("warning[duplicate-word]").count(), 80_000);
    // Columns are characters, counted to the end of the line.
    let last = format!("<stdin>:3:{}: warning[duplicate-word]", 25 * 79_999 + 16);
    assert!(report.contains(&last), "{}", &report[report.len() - 300..]);
}

#[test]
fn a_hundred_thousand_list_items() {
    let items: String = (0..100_000)
        .map(|i| format!("- {:02}:{:02} step {i}\n", (i / 60) % 24, i % 60))
        .collect();
    let report = lint_stdin(format!("# Many\n\n## Timeline (UTC)\n\n{items}"));
    assert!(!report.contains("timeline-order"), "times roll over midnight in order");
}

#[test]
fn ten_thousand_levels_of_nesting() {
    for opener in ["> ", "- ", "1. ", "* > "] {
        let report = lint_stdin(format!(
            "# Deep\n\n## Timeline\n\n{}09:00 the the x\n",
            opener.repeat(10_000)
        ));
        assert!(report.contains("missing-section"), "{opener:?}: {report}");
    }
    let emphasis = format!("# Deep\n\n{}x{}\n", "*".repeat(10_000), "*".repeat(10_000));
    lint_stdin(emphasis);
    let brackets = format!("# Deep\n\n{}x{}\n", "[".repeat(10_000), "]".repeat(10_000));
    lint_stdin(brackets);
}

#[test]
fn nul_bytes_and_invalid_utf8_name_the_offset() {
    pmlint()
        .arg("-")
        .write_stdin(b"# T\n\nab\0cd".to_vec())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "<stdin>: looks like a binary file (NUL byte at offset 7)",
        ));
    pmlint()
        .arg("-")
        .write_stdin(b"# T\n\n\xff".to_vec())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "<stdin>: is not valid UTF-8 (invalid byte at offset 5)",
        ));
}

#[test]
fn columns_count_characters_whatever_the_line_endings() {
    let at = |text: &str| {
        let report = lint_stdin(text);
        report
            .lines()
            .find(|l| l.contains("duplicate-word"))
            .and_then(|l| l.strip_prefix("<stdin>:"))
            .and_then(|l| l.split(": ").next())
            .map(str::to_string)
            .unwrap_or_else(|| panic!("no finding in {report}"))
    };
    assert_eq!(at("# T\n\nsome the the\n"), "3:10");
    assert_eq!(at("# T\r\n\r\nsome the the\r\n"), "3:10");
    assert_eq!(at("# T\r\rsome the the\r"), "3:10", "a lone CR ends a line");
    assert_eq!(at("\u{feff}the the cache\n"), "1:5", "a byte-order mark is no column");
    assert_eq!(at("# T\n\n\tsome the the\n"), "3:11", "a tab is one column");
    assert_eq!(
        at("# T\n\n- 09:00 🔥 الخادم the the down\n"),
        "3:22",
        "emoji and right-to-left text"
    );
}

#[test]
fn a_folder_named_like_a_file_is_walked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("notes.md");
    std::fs::create_dir(&folder).expect("mkdir");
    write(&folder, "inner.md", "# Inner\n\nthe the x\n");
    pmlint()
        .arg(&folder)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("inner.md:3:5: warning[duplicate-word]"));
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_an_io_error_and_the_others_go_on() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let locked = write(dir.path(), "locked.md", "# Locked\n");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&locked).is_ok() {
        eprintln!("skipped: this user reads files whatever their mode (root)");
        return;
    }
    let other = write(dir.path(), "open.md", "# Open\n\nthe the x\n");
    pmlint()
        .arg(&locked)
        .arg(&other)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("locked.md: permission denied"))
        .stdout(predicate::str::contains("open.md:3:5"));
}

#[cfg(unix)]
#[test]
fn fifos_are_refused_by_name_and_skipped_in_folders() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("pipe.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: no mkfifo here");
        return;
    }
    write(dir.path(), "real.md", "# Real\n\nthe the x\n");
    // Opening a FIFO with no writer would block for ever: neither path opens it.
    pmlint()
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pipe.md: is not a regular file"));
    pmlint()
        .arg(dir.path())
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("real.md:3:5").and(predicate::str::contains("pipe.md").not()));
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_named_directly_is_survived() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = dir.path().join("a.md");
    let b = dir.path().join("b.md");
    std::os::unix::fs::symlink(&b, &a).expect("link");
    std::os::unix::fs::symlink(&a, &b).expect("link");
    let other = write(dir.path(), "c.md", "# C\n\nthe the x\n");
    pmlint()
        .arg(&a)
        .arg(&other)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a.md"))
        .stdout(predicate::str::contains("c.md:3:5"));
}

/// Thousands of site names, each in a line of its own: every line is read
/// once for all of them (a regex a name over every line took minutes), and
/// the one finding labels ten of them, not thousands.
#[test]
fn thousands_of_site_names() {
    let lines: String = (0..3_000)
        .map(|i| format!("- Zone{i} Data Centre went dark; the racks in Zone{i} were restarted\n"))
        .collect();
    let output = Command::cargo_bin("pmlint")
        .expect("binary built")
        .args(["--no-config", "--format", "json", "--select", "inconsistent-name", "-"])
        .write_stdin(format!("# Sites\n\n## Timeline\n\n{lines}"))
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let found: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).expect("JSON");
    let [finding] = found.as_slice() else {
        panic!("one finding: {found:?}");
    };
    assert_eq!(
        finding["message"],
        "the site is called \"Zone0 Data Centre\" in the timeline and \"Zone1 Data Centre\" in the timeline"
    );
    assert_eq!(finding["labels"].as_array().map(Vec::len), Some(10), "{finding}");
}

/// A line of twenty thousand links with a host after each: a host is looked
/// up among the line's links by halving, not by reading every link.
#[test]
fn a_line_of_links_and_hosts() {
    let line: String = (0..20_000)
        // A numbered host has four digits at most.
        .map(|i| format!("https://a{i}.example.com/web-{n} web-{n} ", n = i % 10_000))
        .collect();
    let output = Command::cargo_bin("pmlint")
        .expect("binary built")
        .args(["parse", "-"])
        .write_stdin(format!("# Links\n\n{line}\n"))
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let model: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let entities = model["entities"].as_array().expect("entities");
    assert_eq!(entities.len(), 20_000);
    assert!(
        entities
            .iter()
            .all(|e| e["text"].as_str().is_some_and(|t| t.starts_with("web-")))
    );
}

/// A timeline of thousands of impact starts and restorations: it tells no
/// one incident window, and is not read for millions of them.
#[test]
fn thousands_of_impact_starts_and_restorations() {
    let entries: String = (0..6_000)
        .map(|i| {
            let what = if i % 2 == 0 {
                "customers began to see errors"
            } else {
                "service was restored"
            };
            format!("- {:02}:{:02} UTC: {what}\n", (i / 60) % 24, i % 60)
        })
        .collect();
    let report = lint_stdin(format!(
        // No window is this long: were the windows read, the closest would be reported.
        "# Flapping\n\n## Summary\n\nThe outage lasted 30 days.\n\n## Timeline\n\n{entries}"
    ));
    assert!(report.contains("[missing-section]"), "{report}");
    assert!(!report.contains("duration-mismatch"), "{report}");
}
