//! Every rule has a doc in `rules/`, every doc a rule, and each doc's failing
//! example fires its rule while its passing example does not.

use std::path::Path;

use pmlint::config::Config;
use pmlint::rules;
use pmlint::source::Source;
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// An example and the file name it is linted under.
struct Example {
    text: String,
    path: String,
}

struct Examples {
    failing: Vec<Example>,
    passing: Vec<Example>,
    config: Option<String>,
}

/// Fenced blocks tagged `markdown fail`, `markdown pass` (optionally with
/// `path=NAME`, the file name to lint them under) and `toml config`.
fn examples(doc: &str) -> Examples {
    let mut ex = Examples {
        failing: Vec::new(),
        passing: Vec::new(),
        config: None,
    };
    let mut current: Option<(String, String)> = None;
    for event in Parser::new(doc) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                current = Some((info.to_string(), String::new()))
            }
            Event::Text(t) => {
                if let Some((_, body)) = &mut current {
                    body.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((info, body)) = current.take() {
                    let words: Vec<&str> = info.split_whitespace().collect();
                    let path = words
                        .iter()
                        .find_map(|w| w.strip_prefix("path="))
                        .unwrap_or("example.md")
                        .to_string();
                    let example = Example { text: body, path };
                    match words.get(..2) {
                        Some(["markdown", "fail"]) => ex.failing.push(example),
                        Some(["markdown", "pass"]) => ex.passing.push(example),
                        Some(["toml", "config"]) => ex.config = Some(example.text),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    ex
}

/// The rules each example fires, linted alone and, for the rules that look
/// across documents, together with the doc's other examples of its kind.
fn rules_fired(examples: &[Example], config: &Config) -> Vec<Vec<String>> {
    use pmlint::rules::duplicate_incident_id::{cross_check, document_key};
    let mut keys = Vec::new();
    let mut fired = Vec::new();
    for example in examples {
        let source = Source::new(example.path.clone(), example.text.clone());
        let incident = pmlint::parse::parse(&source.text, &config.parse_options());
        keys.push(document_key(&incident, &source.name));
        fired.push(
            pmlint::lint_incident(&incident, config, &source.name)
                .into_iter()
                .map(|d| d.rule.into_owned())
                .collect::<Vec<_>>(),
        );
    }
    for (i, _) in cross_check(&keys) {
        fired[i].push("duplicate-incident-id".to_string());
    }
    fired
}

#[test]
fn every_rule_has_a_doc_and_every_doc_a_rule() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut docs: Vec<String> = std::fs::read_dir(&dir)
        .expect("rules/ exists")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    docs.sort();
    let mut ids: Vec<String> = rules::all().map(|r| r.meta().id.to_string()).collect();
    ids.sort();
    assert_eq!(docs, ids, "rules/*.md and the registry must list the same rules");
}

#[test]
fn docs_have_the_expected_sections() {
    for rule in rules::all() {
        let meta = rule.meta();
        assert!(
            meta.doc.starts_with(&format!("# {}\n", meta.id)),
            "{}: doc must start with its id",
            meta.id
        );
        for heading in [
            "## What it checks",
            "## Why it matters",
            "## Options",
            "## Failing example",
            "## Passing example",
        ] {
            assert!(meta.doc.contains(heading), "{}: doc lacks `{heading}`", meta.id);
        }
        let severity = format!("Default severity: **{}**", meta.default_severity);
        assert!(meta.doc.contains(&severity), "{}: doc must state `{severity}`", meta.id);
        assert!(
            meta.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{}: ids are kebab-case",
            meta.id
        );
    }
}

#[test]
fn failing_examples_fire_and_passing_examples_do_not() {
    for rule in rules::all() {
        let meta = rule.meta();
        let ex = examples(meta.doc);
        assert!(!ex.failing.is_empty(), "{}: no `markdown fail` example", meta.id);
        assert!(!ex.passing.is_empty(), "{}: no `markdown pass` example", meta.id);
        let config = match &ex.config {
            Some(text) => Config::from_toml(text, Path::new("example.toml")).expect("doc config is valid"),
            None => Config::default(),
        };
        for (i, fired) in rules_fired(&ex.failing, &config).into_iter().enumerate() {
            assert!(
                fired.iter().any(|r| r == meta.id),
                "{}: failing example {i} did not fire; got {fired:?}",
                meta.id
            );
        }
        for (i, fired) in rules_fired(&ex.passing, &config).into_iter().enumerate() {
            assert!(
                !fired.iter().any(|r| r == meta.id),
                "{}: passing example {i} fired",
                meta.id
            );
        }
    }
}
