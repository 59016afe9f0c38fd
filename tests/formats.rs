//! Every output format, on the same documents: snapshots of the output, and
//! checks that each parses as what it claims to be (SARIF against the
//! official 2.1.0 schema).

use std::path::{Path, PathBuf};

use pmlint::app::{ConfigChoice, Format, LintRequest, lint};

/// Documents with errors, warnings, infos, secondary labels and fixes, and
/// one without findings.
const INPUTS: &[&str] = &[
    "fixtures/dated-bullets/payment-gateway-outage.md",
    "fixtures/rules/duplicate-word/fail-doubled.md",
    "fixtures/rules/dst-mismatch/fail-cest-in-winter.md",
    "fixtures/clean/cache-eviction-storm.md",
];

fn run(format: Format) -> (String, String) {
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).expect("crate root");
    let paths: Vec<PathBuf> = INPUTS.iter().map(PathBuf::from).collect();
    let request = LintRequest::new(paths, format, ConfigChoice::Defaults);
    let mut out = Vec::new();
    let mut err = Vec::new();
    lint(&request, &mut out, &mut err).expect("writes to memory");
    (
        String::from_utf8(out).expect("UTF-8 output"),
        String::from_utf8(err).expect("UTF-8 errors"),
    )
}

/// How many findings the inputs give, counted from the JSON output.
fn finding_count() -> usize {
    let (json, _) = run(Format::Json);
    let list: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    list.as_array().expect("array").len()
}

#[test]
fn json_and_json_lines_agree() {
    let (json, _) = run(Format::Json);
    let list: Vec<serde_json::Value> = serde_json::from_str(&json).expect("JSON array");
    assert!(list.len() > 5, "the inputs have findings");
    let (lines, _) = run(Format::JsonLines);
    let objects: Vec<serde_json::Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(objects, list);
    insta::assert_snapshot!("json-lines", lines);
}

#[test]
fn sarif_is_valid_against_the_schema() {
    let (sarif, _) = run(Format::Sarif);
    let value: serde_json::Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
    let schema_text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json"))
            .expect("schema");
    // The published schema's `language` pattern has a stray `]` (a known
    // erratum), which a validator that checks formats refuses to compile.
    let schema_text = schema_text.replace(
        "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$",
        "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$",
    );
    let schema: serde_json::Value = serde_json::from_str(&schema_text).expect("schema is JSON");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let run = &value["runs"][0];
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), finding_count());
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), pmlint::rules::all().count());
    for rule in rules {
        let id = rule["id"].as_str().expect("id");
        assert!(
            rule["helpUri"]
                .as_str()
                .expect("helpUri")
                .ends_with(&format!("rules/{id}.md"))
        );
        assert!(!rule["help"]["markdown"].as_str().expect("doc").is_empty());
    }
    let uri = |r: &serde_json::Value| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].clone();
    let dup = results
        .iter()
        .find(|r| r["ruleId"] == "duplicate-word" && uri(r) == "fixtures/rules/duplicate-word/fail-doubled.md")
        .expect("the duplicate-word result, its path a relative URI");
    assert_eq!(dup["level"], "warning");
    assert!(dup["fixes"][0]["artifactChanges"][0]["replacements"].is_array());
    // The rules' documentation is checked above; the snapshot keeps their ids
    // so that editing a doc does not churn it.
    let ids: Vec<serde_json::Value> = rules.iter().map(|r| r["id"].clone()).collect();
    let mut value = value.clone();
    value["runs"][0]["tool"]["driver"]["rules"] = serde_json::Value::Array(ids);
    value["runs"][0]["tool"]["driver"]["version"] = "(version)".into();
    value["runs"][0]["tool"]["driver"]["semanticVersion"] = "(version)".into();
    insta::assert_snapshot!("sarif", serde_json::to_string_pretty(&value).expect("pretty"));
}

#[test]
fn github_annotations() {
    let (out, _) = run(Format::Github);
    assert_eq!(out.lines().count(), finding_count());
    for line in out.lines() {
        assert!(
            line.starts_with("::error file=")
                || line.starts_with("::warning file=")
                || line.starts_with("::notice file="),
            "{line}"
        );
        assert!(line.contains(",line=") && line.contains(",col=") && line.contains(",title=pmlint "));
        assert!(!line.contains('\n'));
    }
    insta::assert_snapshot!("github", out);
}

#[test]
fn gitlab_code_quality() {
    let (out, _) = run(Format::Gitlab);
    let issues: Vec<serde_json::Value> = serde_json::from_str(&out).expect("JSON array");
    assert_eq!(issues.len(), finding_count());
    let mut fingerprints: Vec<&str> = issues.iter().map(|i| i["fingerprint"].as_str().expect("fp")).collect();
    fingerprints.sort();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), issues.len(), "fingerprints are unique");
    for issue in &issues {
        assert!(["info", "minor", "major", "critical", "blocker"].contains(&issue["severity"].as_str().expect("sev")));
        assert!(issue["location"]["lines"]["begin"].as_u64().expect("line") >= 1);
        assert!(issue["check_name"].is_string() && issue["description"].is_string());
    }
    insta::assert_snapshot!("gitlab", out);
}

#[test]
fn junit_report() {
    let (out, _) = run(Format::Junit);
    let report = quick_junit::Report::deserialize_from_str(&out).expect("JUnit XML");
    assert_eq!(report.test_suites.len(), INPUTS.len());
    let failures: usize = report.test_suites.iter().map(|s| s.failures).sum();
    assert_eq!(failures, finding_count());
    let clean = report
        .test_suites
        .iter()
        .find(|s| s.name.as_str().ends_with("cache-eviction-storm.md"))
        .expect("the clean file has a suite");
    assert_eq!((clean.tests, clean.failures), (1, 0));
    insta::assert_snapshot!("junit", out);
}

#[test]
fn statistics_count_per_rule() {
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).expect("crate root");
    let paths: Vec<PathBuf> = INPUTS.iter().map(PathBuf::from).collect();
    let mut request = LintRequest::new(paths, Format::Concise, ConfigChoice::Defaults);
    request.statistics = true;
    let mut out = Vec::new();
    let mut err = Vec::new();
    lint(&request, &mut out, &mut err).expect("writes to memory");
    let out = String::from_utf8(out).expect("UTF-8");
    let total: usize = out
        .lines()
        .map(|l| {
            l.split_whitespace()
                .next()
                .expect("count")
                .parse::<usize>()
                .expect("number")
        })
        .sum();
    assert_eq!(total, finding_count());
    insta::assert_snapshot!("statistics", out);
}
