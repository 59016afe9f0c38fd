//! Acceptance checks on the five seed postmortems and a no-crash sweep over
//! the corpus. Both live in `../shared`, which a user's clone does not have:
//! every test here skips cleanly when it is absent.

use std::path::{Path, PathBuf};

use pmlint::config::Config;
use pmlint::diagnostic::Diagnostic;
use pmlint::model::SectionKind;
use pmlint::parse::{ParseOptions, parse};
use pmlint::source::Source;

fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("../shared is absent: skipping");
        None
    }
}

fn seed(shared: &Path, number: &str) -> Source {
    let dir = shared.join("seeds");
    let path = std::fs::read_dir(&dir)
        .expect("seeds folder")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(number)))
        .unwrap_or_else(|| panic!("seed {number} not found"));
    let text = std::fs::read_to_string(&path).expect("seed is UTF-8");
    Source::new(path.display().to_string(), text)
}

fn lint(source: &Source) -> Vec<Diagnostic> {
    pmlint::lint(source, &Config::default())
}

fn rule_lines(source: &Source, rule: &str) -> Vec<usize> {
    lint(source)
        .iter()
        .filter(|d| d.rule == rule)
        .map(|d| source.position(d.primary.span.start).line)
        .collect()
}

#[test]
fn seed_000_timeline_and_order() {
    let Some(shared) = shared() else { return };
    let source = seed(&shared, "000");
    let incident = parse(&source.text, &ParseOptions::default());
    assert_eq!(incident.timeline.entries.len(), 6);
    assert_eq!(rule_lines(&source, "timeline-order"), vec![10]);
}

#[test]
fn seed_003_table_rows() {
    let Some(shared) = shared() else { return };
    let source = seed(&shared, "003");
    let incident = parse(&source.text, &ParseOptions::default());
    assert_eq!(incident.timeline.timed_entries().count(), 8);
}

#[test]
fn seed_002_misses_only_the_timeline() {
    let Some(shared) = shared() else { return };
    let source = seed(&shared, "002");
    let messages: Vec<String> = lint(&source)
        .into_iter()
        .filter(|d| d.rule == "missing-section")
        .map(|d| d.message)
        .collect();
    assert_eq!(messages, vec!["the postmortem has no timeline section".to_string()]);
}

#[test]
fn seeds_with_every_required_section() {
    let Some(shared) = shared() else { return };
    for number in ["000", "001", "003", "004"] {
        let source = seed(&shared, number);
        assert_eq!(
            rule_lines(&source, "missing-section"),
            Vec::<usize>::new(),
            "seed {number}"
        );
    }
}

#[test]
fn seed_004_plain_text_headings() {
    let Some(shared) = shared() else { return };
    let source = seed(&shared, "004");
    let incident = parse(&source.text, &ParseOptions::default());
    let kinds: Vec<SectionKind> = incident.sections.iter().flat_map(|s| s.kinds.iter()).collect();
    assert_eq!(
        kinds,
        vec![
            SectionKind::Summary,
            SectionKind::Timeline,
            SectionKind::RootCause,
            SectionKind::ActionItems
        ]
    );
    assert_eq!(incident.timeline.entries.len(), 6);
}

#[test]
fn every_seed_and_corpus_document_parses_and_lints() {
    let Some(shared) = shared() else { return };
    let mut files = Vec::new();
    for dir in [shared.join("seeds"), shared.join("corpus")] {
        let mut stack = vec![dir];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            for entry in entries.filter_map(|e| e.ok()) {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "md" || e == "txt") {
                    files.push(path);
                }
            }
        }
    }
    assert!(files.len() > 5, "found only {} documents", files.len());
    let config = Config::default();
    for path in files {
        let bytes = std::fs::read(&path).expect("readable");
        let Ok(text) = String::from_utf8(bytes) else { continue };
        let source = Source::new(path.display().to_string(), text);
        for d in pmlint::lint(&source, &config) {
            let span = d.primary.span;
            assert!(span.end <= source.text.len(), "{}: span past the end", path.display());
            assert!(source.text.is_char_boundary(span.start) && source.text.is_char_boundary(span.end));
        }
    }
}

/// Rules about time, as opposed to structure.
const TIME_RULES: &[&str] = &[
    "timeline-order",
    "timeline-entry-missing-time",
    "duration-mismatch",
    "start-time-mismatch",
    "end-time-mismatch",
    "date-mismatch",
    "dst-mismatch",
    "timezone-missing",
    "timezone-ambiguous",
    "mixed-timezones",
    "invalid-time",
    "date-ambiguous",
    "weekday-mismatch",
];

fn time_findings(source: &Source) -> Vec<(String, usize)> {
    lint(source)
        .into_iter()
        .filter(|d| TIME_RULES.contains(&d.rule.as_ref()))
        .map(|d| (d.rule.to_string(), source.position(d.primary.span.start).line))
        .collect()
}

fn zones_of(source: &Source) -> Vec<String> {
    let incident = parse(&source.text, &ParseOptions::default());
    incident
        .timeline
        .entries
        .iter()
        .filter_map(|e| e.resolved.as_ref()?.zone.as_ref().map(|z| z.zone.describe()))
        .collect()
}

#[test]
fn seed_000_time_findings_and_zone() {
    let Some(shared) = shared() else { return };
    let source = seed(&shared, "000");
    assert_eq!(
        time_findings(&source),
        vec![("duration-mismatch".to_string(), 4), ("timeline-order".to_string(), 10)]
    );
    let duration = lint(&source)
        .into_iter()
        .find(|d| d.rule == "duration-mismatch")
        .unwrap();
    assert_eq!(
        duration.message,
        "the summary says 2 hours; the timeline runs 2 h 30 min from 9:00 AM to 11:30 AM"
    );
    let zones = zones_of(&source);
    assert_eq!(zones.len(), 6);
    assert!(zones.iter().all(|z| z == "Africa/Nairobi"), "{zones:?}");
}

#[test]
fn seed_001_start_end_and_date() {
    let Some(shared) = shared() else { return };
    let source = seed(&shared, "001");
    let rules: Vec<String> = time_findings(&source).into_iter().map(|(r, _)| r).collect();
    assert_eq!(rules, vec!["date-mismatch", "start-time-mismatch", "end-time-mismatch"]);
    let messages: Vec<String> = lint(&source).into_iter().map(|d| d.message).collect();
    assert!(
        messages.iter().any(|m| m.contains("4:25 PM") && m.contains("3:25 PM")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("7:30 PM") && m.contains("9:30 PM")),
        "{messages:?}"
    );
}

#[test]
fn seed_002_pacific_standard_time_in_may() {
    let Some(shared) = shared() else { return };
    let source = seed(&shared, "002");
    let dst: Vec<_> = lint(&source).into_iter().filter(|d| d.rule == "dst-mismatch").collect();
    assert_eq!(dst.len(), 1);
    assert_eq!(dst[0].primary.span.slice(&source.text), "Pacific Standard Time");
    assert!(
        dst[0]
            .help
            .as_deref()
            .is_some_and(|h| h.contains("Pacific Daylight Time"))
    );
}

#[test]
fn seed_003_table_timeline_in_gmt() {
    let Some(shared) = shared() else { return };
    let source = seed(&shared, "003");
    assert_eq!(
        time_findings(&source),
        vec![("timeline-entry-missing-time".to_string(), 27)]
    );
    let zones = zones_of(&source);
    assert_eq!(zones.len(), 8);
    assert!(zones.iter().all(|z| z == "UTC"), "{zones:?}");
}

#[test]
fn seed_004_no_time_findings_and_a_resolved_year() {
    let Some(shared) = shared() else { return };
    let source = seed(&shared, "004");
    assert_eq!(time_findings(&source), vec![]);
    let incident = parse(&source.text, &ParseOptions::default());
    let first = incident.timeline.entries[0].resolved.as_ref().unwrap();
    assert_eq!(first.local.format("%Y-%m-%d %H:%M").to_string(), "2024-02-14 09:00");
    let impact = incident.timeline.metrics.impact_duration.unwrap();
    assert_eq!(impact.seconds, 3600);
}

#[test]
fn seed_000_one_data_centre_two_names() {
    let Some(shared) = shared() else { return };
    let source = seed(&shared, "000");
    let found: Vec<Diagnostic> = lint(&source)
        .into_iter()
        .filter(|d| d.rule == "inconsistent-name")
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    let spellings: Vec<&str> = std::iter::once(&found[0].primary)
        .chain(&found[0].secondary)
        .map(|l| l.span.slice(&source.text))
        .collect();
    assert!(spellings.contains(&"Data Center A"), "{spellings:?}");
    assert!(spellings.iter().any(|s| s.starts_with("Holberton")), "{spellings:?}");
}

#[test]
fn seed_001_doubled_month_and_new_servers() {
    let Some(shared) = shared() else { return };
    let source = seed(&shared, "001");
    let doubled: Vec<Diagnostic> = lint(&source)
        .into_iter()
        .filter(|d| d.rule == "duplicate-word")
        .collect();
    assert_eq!(doubled.len(), 1);
    assert!(doubled[0].message.contains("August"));
    assert!(doubled[0].fix.is_some(), "removing a repeated word is a safe fix");
    // The new servers' addresses are told as new: no typo suspected.
    let incident = parse(&source.text, &ParseOptions::default());
    assert!(incident.entities.iter().any(|e| e.kind.as_str() == "address"));
    assert_eq!(rule_lines(&source, "ip-near-duplicate"), Vec::<usize>::new());
}

#[test]
fn seeds_use_blameless_filled_in_language() {
    let Some(shared) = shared() else { return };
    for number in ["000", "001", "002", "003", "004"] {
        let source = seed(&shared, number);
        for rule in [
            "blameful-language",
            "placeholder-text",
            "no-action-items",
            "inconsistent-name",
        ] {
            if number == "000" && rule == "inconsistent-name" {
                continue;
            }
            assert_eq!(rule_lines(&source, rule), Vec::<usize>::new(), "seed {number}: {rule}");
        }
    }
}
