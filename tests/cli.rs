//! The command line: exit codes, formats, stdin, configuration, bad input.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

mod common;

fn pmlint() -> Command {
    let mut cmd = Command::cargo_bin("pmlint").expect("binary builds");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .env("COLUMNS", "100");
    cmd
}

const OUT_OF_ORDER: &str = "# Outage\n\n## Timeline\n- 09:00 UTC: alert\n- 08:00 UTC: deploy\n";

#[test]
fn clean_documents_exit_zero() {
    pmlint()
        .args(["fixtures/clean"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("no problems in 3 files"));
}

#[test]
fn error_findings_exit_one() {
    pmlint()
        .args(["--format", "concise", "fixtures/numbered-italic"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "fixtures/numbered-italic/inventory-api-outage.md:10:6: error[timeline-order]",
        ));
}

#[test]
fn warnings_alone_exit_zero() {
    pmlint()
        .args([
            "--format",
            "concise",
            "fixtures/rules/missing-section/fail-no-root-cause.md",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("warning[missing-section]"));
}

#[test]
fn check_subcommand_is_the_default_command() {
    pmlint()
        .args(["check", "--format", "concise", "fixtures/numbered-italic"])
        .assert()
        .code(1);
}

#[test]
fn reads_standard_input() {
    pmlint()
        .args(["--format", "concise", "-"])
        .write_stdin(OUT_OF_ORDER)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("<stdin>:5:3: error[timeline-order]"));
}

#[test]
fn missing_file_exits_two_and_names_it() {
    pmlint()
        .args(["no/such/file.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/file.md: no such file or directory"));
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    pmlint()
        .args(["--format", "concise", "no/such/file.md", "fixtures/numbered-italic"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("error[timeline-order]"));
}

#[test]
fn non_utf8_and_binary_files_are_refused_with_the_offset() {
    let dir = tempfile::tempdir().unwrap();
    let latin1 = dir.path().join("latin1.md");
    std::fs::write(&latin1, b"# Caf\xe9 outage\n").unwrap();
    let binary = dir.path().join("binary.md");
    std::fs::write(&binary, b"PK\x03\x04\0\0").unwrap();
    pmlint()
        .arg(&latin1)
        .arg(&binary)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not valid UTF-8 (invalid byte at offset 5)"))
        .stderr(predicate::str::contains("binary file (NUL byte at offset 4)"));
}

#[test]
fn empty_file_is_linted_not_crashed() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.md");
    std::fs::write(&empty, "").unwrap();
    pmlint()
        .args(["--no-config", "--format", "concise"])
        .arg(&empty)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("missing-section"));
}

#[test]
fn bad_config_names_the_key_and_suggests() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("pmlint.toml"),
        "[rules.timline-order]\nlevel = \"off\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("report.md"), OUT_OF_ORDER).unwrap();
    pmlint()
        .arg(dir.path().join("report.md"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "pmlint.toml:1:8: unknown rule `timline-order`",
        ))
        .stderr(predicate::str::contains("did you mean `timeline-order`?"));
}

/// Every kind of bad configuration value: the message names the file, the
/// line and column of the culprit, the key, and what to write instead.
#[test]
fn every_bad_config_value_gets_a_located_message() {
    let cases: &[(&str, &str)] = &[
        ("rulez = 1\n", "pmlint.toml:1:1: unknown field `rulez`"),
        ("rulez = 1\n", "did you mean `rules`?"),
        (
            "[rules]\ntimline-order = \"off\"\n",
            "pmlint.toml:2:1: unknown rule `timline-order`",
        ),
        (
            "[rules]\ntimeline-order = \"loud\"\n",
            "pmlint.toml:2:18: rules.timeline-order: unknown level `loud`",
        ),
        (
            "[rules.missing-section]\nrequird = [\"timeline\"]\n",
            "pmlint.toml:2:1: rules.missing-section: unknown field `requird`",
        ),
        (
            "[rules.missing-section]\nlevel = \"error\"\nrequired = \"timeline\"\n",
            "pmlint.toml:3:1: rules.missing-section.required: invalid type: string \"timeline\", expected a list",
        ),
        (
            "rollover_hours = \"12h\"\n",
            "pmlint.toml:1:18: rollover_hours: invalid type: string \"12h\", expected a whole number",
        ),
        (
            "rollover_hours = 30\n",
            "pmlint.toml:1:18: rollover_hours: must be between 0 and 24",
        ),
        (
            "date_order = \"ymd\"\n",
            "pmlint.toml:1:14: date_order: unknown variant `ymd`, expected `dmy` or `mdy`",
        ),
        (
            "default_timezone = \"Mars/Base\"\n",
            "pmlint.toml:1:20: default_timezone: `Mars/Base` is not a timezone",
        ),
        (
            "[timezones]\nCST = \"America/Chicago\"\nIST = \"Nowhere/City\"\n",
            "pmlint.toml:3:1: timezones.IST: `Nowhere/City` is not a timezone",
        ),
        (
            "[[custom_rules]]\nid = \"ok\"\nmessage = \"m\"\nwords = [\"a\"]\n\n[[custom_rules]]\nid = \"bad\"\nmessage = \"m\"\npattern = \"error (x|y\"\n",
            "pmlint.toml:9:1: custom_rules[1] (id `bad`): invalid pattern: regex parse error:\n    error (x|y\n          ^\nerror: unclosed group",
        ),
        (
            "[[custom_rules]]\nid = \"timeline-order\"\nmessage = \"m\"\nwords = [\"a\"]\n",
            "pmlint.toml:2:1: custom_rules[0] (id `timeline-order`): the id is a built-in rule's",
        ),
        (
            "exclude = [\"[bad\"]\n",
            "pmlint.toml:1:11: exclude: invalid glob `[bad`",
        ),
        ("this is not toml\n", "pmlint.toml:1:"),
    ];
    for (config, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("pmlint.toml"), config).unwrap();
        std::fs::write(dir.path().join("report.md"), "# Fine\n").unwrap();
        let output = pmlint().arg(dir.path().join("report.md")).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{config}");
        assert!(
            stderr.contains(expected),
            "config:\n{config}\nexpected: {expected}\ngot: {stderr}"
        );
    }
}

#[test]
fn config_is_discovered_upwards_and_no_config_ignores_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pmlint.toml"), "[rules]\ntimeline-order = \"off\"\n").unwrap();
    let nested = dir.path().join("2024/q1");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::write(nested.join("report.md"), OUT_OF_ORDER).unwrap();
    pmlint().arg(nested.join("report.md")).assert().code(0);
    pmlint()
        .arg("--no-config")
        .arg(nested.join("report.md"))
        .assert()
        .code(1);
}

#[test]
fn explicit_config_file() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("strict.toml");
    std::fs::write(&config, "[rules.missing-section]\nlevel = \"error\"\n").unwrap();
    pmlint()
        .arg("--config")
        .arg(&config)
        .arg("fixtures/plain-headings")
        .assert()
        .code(1);
    pmlint()
        .args(["--config", "no/such/pmlint.toml", "fixtures/clean"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no/such/pmlint.toml: cannot read the configuration",
        ));
}

#[test]
fn json_output_has_the_documented_fields() {
    let output = pmlint()
        .args(["--format", "json", "fixtures/numbered-italic"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let all = value.as_array().expect("an array");
    let keys = [
        "path",
        "rule",
        "severity",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "help",
        "labels",
    ];
    for d in all {
        for key in keys {
            assert!(d.get(key).is_some(), "missing `{key}` in {d}");
        }
    }
    let order = all
        .iter()
        .find(|d| d["rule"] == "timeline-order")
        .expect("a timeline-order finding");
    assert_eq!(order["line"], 10);
    assert_eq!(order["column"], 6);
    assert_eq!(order["end_column"], 14);
}

#[test]
fn json_output_of_a_clean_run_is_an_empty_array() {
    pmlint()
        .args(["--format", "json", "fixtures/clean"])
        .assert()
        .code(0)
        .stdout("[]\n");
}

#[test]
fn human_output_has_no_colour_off_a_terminal() {
    pmlint()
        .args(["fixtures/numbered-italic"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\u{1b}[").not())
        .stdout(predicate::str::contains(
            "help: put the entries in the order they happened",
        ));
}

#[test]
fn rules_lists_every_rule() {
    let assert = pmlint().arg("rules").assert().code(0);
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    for rule in pmlint::rules::all() {
        assert!(
            out.contains(rule.meta().id),
            "{} missing from `pmlint rules`",
            rule.meta().id
        );
    }
}

#[test]
fn explain_prints_the_doc_or_suggests() {
    pmlint()
        .args(["explain", "timeline-order"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("# timeline-order"));
    pmlint()
        .args(["explain", "timline-order"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `timeline-order`?"));
}

#[test]
fn parse_prints_the_model() {
    let output = pmlint()
        .args([
            "parse",
            "fixtures/table-timeline/image-cdn-outage.md",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let model: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let entries = model["timeline"]["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), 8);
    assert_eq!(entries[0]["time"]["time"]["text"], "5:40 AM");
    assert_eq!(entries[0]["origin"], "table-row");
    assert_eq!(entries[7]["origin"], "table-row");
    assert!(entries[7]["time"].is_null());
    let kinds: Vec<&str> = model["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["kinds"].as_array().unwrap().iter().filter_map(|k| k.as_str()))
        .collect();
    assert_eq!(kinds, vec!["summary", "timeline", "root-cause", "action-items"]);
}

#[test]
fn usage_errors_exit_two() {
    pmlint().args(["--format", "yaml", "x.md"]).assert().code(2);
    pmlint().args(["explain"]).assert().code(2);
}

#[test]
fn a_folder_without_markdown_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "hello").unwrap();
    pmlint()
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains("no problems in 0 files"));
    assert!(Path::new(dir.path()).exists());
}

#[test]
fn exit_policies() {
    let warnings_only = "fixtures/rules/missing-section/fail-no-root-cause.md";
    pmlint().args(["--fail-on", "warning", warnings_only]).assert().code(1);
    pmlint().args(["--max-warnings", "0", warnings_only]).assert().code(1);
    pmlint().args(["--max-warnings", "50", warnings_only]).assert().code(0);
    pmlint()
        .args(["--exit-zero", "fixtures/numbered-italic"])
        .assert()
        .code(0);
    // I/O errors are not findings: --exit-zero does not hide them.
    pmlint().args(["--exit-zero", "no-such-file.md"]).assert().code(2);
}

#[test]
fn quiet_prints_findings_only() {
    pmlint()
        .args(["--quiet", "fixtures/numbered-italic"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("timeline-order"))
        .stderr(predicate::str::is_empty());
}

#[test]
fn output_writes_the_report_to_a_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let report = dir.path().join("report.sarif");
    pmlint()
        .args(["--format", "sarif", "--output"])
        .arg(&report)
        .arg("fixtures/numbered-italic")
        .assert()
        .code(1)
        .stdout(predicate::str::is_empty());
    let text = std::fs::read_to_string(&report).expect("report written");
    let value: serde_json::Value = serde_json::from_str(&text).expect("SARIF is JSON");
    assert_eq!(value["version"], "2.1.0");
    // Only the report is there: the temporary file was renamed over it.
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
}

#[test]
fn every_format_is_accepted() {
    for format in [
        "human",
        "concise",
        "json",
        "json-lines",
        "sarif",
        "github",
        "gitlab",
        "junit",
    ] {
        pmlint().args(["--format", format, "fixtures/clean"]).assert().code(0);
    }
}

/// A document with a safe fix (a doubled word), an unsafe one (entries out
/// of order) and an empty table row, in CRLF.
const FIXABLE: &str = "# Cache outage\r\n\r\n## Timeline (UTC)\r\n\r\n| Time | Event |\r\n| --- | --- |\r\n| 09:40 | cache restarted |\r\n| 09:00 | the the alert fires |\r\n| 09:20 | on-call paged |\r\n|  |  |\r\n";

#[test]
fn fix_applies_safe_fixes_keeps_crlf_and_is_idempotent() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("outage.md");
    std::fs::write(&path, FIXABLE).expect("write");
    pmlint()
        .args(["--no-config", "--fix", "--format", "concise"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("fixed 2 problems in 1 file"))
        .stdout(predicate::str::contains("error[timeline-order]"));
    let fixed = std::fs::read_to_string(&path).expect("read");
    assert!(fixed.contains("| 09:00 | the alert fires |\r\n"), "{fixed:?}");
    assert!(!fixed.contains("|  |  |"), "the empty row is gone");
    assert!(
        fixed.contains("| 09:40 | cache restarted |\r\n| 09:00"),
        "unsafe fixes wait for --unsafe-fixes"
    );
    assert_eq!(fixed.matches('\n').count(), fixed.matches("\r\n").count(), "CRLF kept");
    // A second run has nothing safe left to fix.
    pmlint()
        .args(["--no-config", "--fix"])
        .arg(&path)
        .assert()
        .stderr(predicate::str::contains("fixed 0 problems in 0 files"));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), fixed);

    pmlint()
        .args(["--no-config", "--fix", "--unsafe-fixes", "--format", "concise"])
        .arg(&path)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("timeline-order").not());
    let sorted = std::fs::read_to_string(&path).expect("read");
    assert!(
        sorted.contains("| 09:00 | the alert fires |\r\n| 09:20 | on-call paged |\r\n| 09:40 | cache restarted |\r\n"),
        "{sorted:?}"
    );
}

/// A file from an old Mac ends its lines with lone CRs: it lints as the
/// CRLF one does, and its fixed lines, the moved ones too, keep them.
#[test]
fn fix_keeps_lone_cr_line_endings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("outage.md");
    let old_mac = FIXABLE.replace("\r\n", "\r");
    std::fs::write(&path, &old_mac).expect("write");
    let report = |path: &Path| {
        let out = pmlint()
            .args(["--no-config", "--format", "concise"])
            .arg(path)
            .output()
            .expect("runs");
        String::from_utf8(out.stdout)
            .expect("UTF-8")
            .replace(&path.display().to_string(), "")
    };
    let crlf = dir.path().join("crlf.md");
    std::fs::write(&crlf, FIXABLE).expect("write");
    assert_eq!(report(&path), report(&crlf));
    pmlint()
        .args(["--no-config", "--fix", "--unsafe-fixes", "--format", "concise"])
        .arg(&path)
        .assert()
        .code(0);
    let sorted = std::fs::read_to_string(&path).expect("read");
    assert_eq!(
        sorted,
        "# Cache outage\r\r## Timeline (UTC)\r\r| Time | Event |\r| --- | --- |\r| 09:00 | the alert fires |\r| 09:20 | on-call paged |\r| 09:40 | cache restarted |\r"
    );
}

#[test]
fn timelines_whose_dates_carry_are_not_sorted() {
    // The undated 09:00 entries take 2024-05-03 from the line above; moving
    // the dated entry above them would hand them its date instead.
    let text = "# Outage\n\n## Timeline (UTC)\n\n**2024-05-03**\n- 09:00 - deploy started\n- 09:30 - errors\n- 2024-05-02 15:25 - restored\n";
    pmlint()
        .args(["--no-config", "--diff", "--unsafe-fixes", "-"])
        .write_stdin(text)
        .assert()
        .code(0)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("would fix 0 problems"));
    pmlint()
        .args(["--no-config", "--format", "concise", "-"])
        .write_stdin(text)
        .assert()
        .stdout(predicate::str::contains("error[timeline-order]"));
    // All dated: sorting keeps every entry's meaning.
    let dated = "# Outage\n\n## Timeline (UTC)\n\n- 2024-05-03 09:00 - deploy started\n- 2024-05-02 15:25 - restored\n";
    pmlint()
        .args(["--no-config", "--fix", "--unsafe-fixes", "-"])
        .write_stdin(dated)
        .assert()
        .stdout(predicate::str::contains(
            "- 2024-05-02 15:25 - restored\n- 2024-05-03 09:00 - deploy started\n",
        ));
}

#[test]
fn a_zone_label_right_for_some_times_gets_no_fix() {
    // One heading label over a February entry (right) and a July one (wrong):
    // relabelling it would only move the mistake to February.
    let text = "# Login outage\n\n## Timeline (Eastern Standard Time)\n\n- 2024-02-28 11:50 cron jobs start\n- 2024-07-08 23:30 sign-ins fail\n";
    pmlint()
        .args(["--no-config", "--format", "concise", "-"])
        .write_stdin(text)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[dst-mismatch]"));
    pmlint()
        .args(["--no-config", "--diff", "--unsafe-fixes", "-"])
        .write_stdin(text)
        .assert()
        .stdout(predicate::str::is_empty());
    // Wrong for every time it labels: the fix relabels it.
    let july_only = text.replace("2024-02-28", "2024-07-08");
    pmlint()
        .args(["--no-config", "--fix", "--unsafe-fixes", "-"])
        .write_stdin(july_only)
        .assert()
        .stdout(predicate::str::contains("## Timeline (Eastern Daylight Time)"));
}

#[test]
fn output_is_the_same_on_any_number_of_threads() {
    // Files are linted in parallel; the report must not depend on how.
    let run = |threads: &str| {
        let output = pmlint()
            .env("RAYON_NUM_THREADS", threads)
            .args(["--no-config", "--format", "json", "fixtures"])
            .output()
            .expect("runs");
        assert!(!output.stdout.is_empty());
        output.stdout
    };
    let one = run("1");
    assert_eq!(one, run("2"), "1 thread vs 2");
    assert_eq!(one, run("7"), "1 thread vs 7");
    assert_eq!(one, run("2"), "two runs on 2 threads");
}

#[test]
fn a_file_reports_the_same_alone_as_among_many() {
    // One file (the pre-commit case) is linted with lean regexes and each
    // line searched alone; many files with full regexes and one search of
    // each document for every data rule's literals. The findings must not
    // depend on which.
    let files = common::fixtures();
    assert!(files.len() > 20, "enough files for the many-document build");
    // `duplicate-incident-id` compares documents with each other.
    let args = [
        "--no-config",
        "--format",
        "concise",
        "--ignore",
        "duplicate-incident-id",
    ];
    let lines = |out: std::process::Output| -> Vec<String> {
        String::from_utf8(out.stdout)
            .expect("UTF-8")
            .lines()
            .map(str::to_string)
            .collect()
    };
    let mut alone: Vec<String> = files
        .iter()
        .flat_map(|f| lines(pmlint().args(args).arg(f).output().expect("runs")))
        .collect();
    let mut together = lines(pmlint().args(args).args(&files).output().expect("runs"));
    alone.sort();
    together.sort();
    assert!(alone.iter().any(|l| l.contains("[blameful-language]")));
    assert!(alone.iter().any(|l| l.contains("[placeholder-text]")));
    assert!(alone.iter().any(|l| l.contains("[action-item-vague]")));
    assert_eq!(alone, together);
}

#[test]
fn diff_prints_changes_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("outage.md");
    std::fs::write(&path, FIXABLE).expect("write");
    pmlint()
        .args(["--no-config", "--diff"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("-| 09:00 | the the alert fires |")
                .and(predicate::str::contains("+| 09:00 | the alert fires |")),
        )
        .stderr(predicate::str::contains("would fix 2 problems in 1 file"));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), FIXABLE);
    let clean = dir.path().join("clean.md");
    std::fs::write(&clean, "# Fine\n").expect("write");
    pmlint()
        .args(["--no-config", "--diff"])
        .arg(&clean)
        .assert()
        .code(0)
        .stdout(predicate::str::is_empty());
}

#[test]
fn fix_on_standard_input_prints_the_fixed_text() {
    pmlint()
        .args(["--no-config", "--fix", "-"])
        .write_stdin("the the cache\n")
        .assert()
        .stdout("the cache\n");
}

#[test]
fn unsafe_fixes_need_fix_or_diff() {
    pmlint().args(["--unsafe-fixes", "fixtures/clean"]).assert().code(2);
}

#[test]
fn init_writes_a_valid_commented_config_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut cmd = Command::cargo_bin("pmlint").expect("binary");
    cmd.current_dir(dir.path())
        .arg("init")
        .assert()
        .code(0)
        .stdout("wrote pmlint.toml\n");
    let text = std::fs::read_to_string(dir.path().join("pmlint.toml")).expect("written");
    assert!(text.contains("# timeline-order"), "{text}");
    let mut again = Command::cargo_bin("pmlint").expect("binary");
    again
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists; pass --force"));
    // The written file is a configuration pmlint accepts.
    std::fs::write(dir.path().join("a.md"), "# A\n").expect("write");
    let mut lint = Command::cargo_bin("pmlint").expect("binary");
    lint.current_dir(dir.path()).arg("a.md").assert().code(0);
}

#[test]
fn new_writes_a_dated_postmortem_from_the_template() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut cmd = Command::cargo_bin("pmlint").expect("binary");
    cmd.current_dir(dir.path())
        .args(["new", "Queue stall: checkout", "--date", "2024-03-09"])
        .assert()
        .code(0)
        .stdout("./2024-03-09-queue-stall-checkout.md\n");
    let path = dir.path().join("2024-03-09-queue-stall-checkout.md");
    let text = std::fs::read_to_string(&path).expect("written");
    assert!(text.contains("title: \"Queue stall: checkout\"") && text.contains("date: 2024-03-09"));
    // Its placeholders are findings until they are filled in.
    let mut lint = Command::cargo_bin("pmlint").expect("binary");
    lint.current_dir(dir.path())
        .args(["--format", "concise", "2024-03-09-queue-stall-checkout.md"])
        .assert()
        .stdout(predicate::str::contains("placeholder-text"));
    // A configuration's own template, and no overwriting.
    std::fs::write(dir.path().join("tpl.md"), "# {title}\n\nOn {date}.\n").expect("write");
    std::fs::write(dir.path().join("pmlint.toml"), "template = \"tpl.md\"\n").expect("write");
    let mut own = Command::cargo_bin("pmlint").expect("binary");
    own.current_dir(dir.path())
        .args(["new", "Disk full", "--date", "2024-04-01"])
        .assert()
        .code(0);
    let text = std::fs::read_to_string(dir.path().join("2024-04-01-disk-full.md")).expect("written");
    assert_eq!(text, "# Disk full\n\nOn 2024-04-01.\n");
    let mut twice = Command::cargo_bin("pmlint").expect("binary");
    twice
        .current_dir(dir.path())
        .args(["new", "Disk full", "--date", "2024-04-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
}

#[test]
fn suppressions_work_from_the_command_line() {
    pmlint()
        .args(["--no-config", "--format", "concise", "-"])
        .write_stdin("# R\n\n<!-- pmlint-disable-next-line duplicate-word -->\nthe the cache\n\nthe the end\n<!-- pmlint-disable-file missing-section -->\n")
        .assert()
        .code(0)
        .stdout("<stdin>:6:5: warning[duplicate-word] \"the\" is written twice\n");
}

#[test]
fn documents_sharing_an_id_are_reported_after_the_rest_in_path_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let names = ["a.md", "b.md", "c.md", "d.md", "e.md", "f.md", "g.md"];
    for name in names {
        let text = format!("# Queue backlog ({name})\n\nIncident ID: inc-314\n");
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    std::fs::write(dir.path().join("other.md"), "# Other\n\nIncident ID: INC-2\n").expect("write");
    let output = pmlint()
        .args([
            "--no-config",
            "--format",
            "json",
            "--select",
            "duplicate-incident-id,missing-section",
        ])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let found: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).expect("JSON");
    let path_of = |v: &serde_json::Value| {
        Path::new(v["path"].as_str().expect("path"))
            .file_name()
            .and_then(|n| n.to_str())
            .expect("name")
            .to_string()
    };
    // Every document's own findings come first; the cross-document ones last.
    let first_shared = found
        .iter()
        .position(|v| v["rule"] == "duplicate-incident-id")
        .expect("a shared id is found");
    assert!(found[..first_shared].iter().all(|v| v["rule"] == "missing-section"));
    assert!(found[..first_shared].iter().any(|v| path_of(v) == "other.md"));
    let shared = &found[first_shared..];
    assert_eq!(shared.iter().map(path_of).collect::<Vec<_>>(), names);
    for (v, name) in shared.iter().zip(names) {
        assert_eq!(v["rule"], "duplicate-incident-id");
        assert_eq!(v["severity"], "error");
        assert_eq!((v["line"].as_u64(), v["column"].as_u64()), (Some(3), Some(14)));
        let message = v["message"].as_str().expect("message");
        assert!(
            message.starts_with("incident id INC-314 is also claimed by "),
            "{message}"
        );
        // Five others by name, the sixth counted; never the document itself.
        assert!(message.ends_with(" and 1 more"), "{message}");
        assert_eq!(message.matches(".md").count(), 5, "{message}");
        assert!(!message.contains(&format!("/{name}")), "{message}");
    }
}
