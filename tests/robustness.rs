//! No input may panic pmlint or produce a span that is not on character
//! boundaries. Every fixture is linted as written and after transformations
//! that put multi-byte characters, odd line endings and markup where the
//! parser meets them: punctuation, separators, times, headings.

use std::path::Path;

use pmlint::config::Config;
use pmlint::fix::{FixLevel, fix_document};
use pmlint::source::Source;

mod common;

/// The text of every fixture.
fn fixtures() -> Vec<String> {
    common::fixtures()
        .iter()
        .map(|path| std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect("UTF-8 fixture"))
        .collect()
}

/// Ways to make a document harder without changing what it says.
fn transformations(text: &str) -> Vec<String> {
    vec![
        text.replace(' ', "\u{a0}"),
        text.replace('-', "—").replace(':', "："),
        text.replace('\'', "’").replace('"', "“"),
        text.replace(' ', " 🐾 "),
        text.replace('\n', "\r\n"),
        text.replace('\n', "\r"),
        text.replace("  ", "\t"),
        format!("\u{feff}{text}"),
        text.replace("AM", "ＡＭ").replace("UTC", "ＵＴＣ"),
        text.replace('a', "ä").replace('e', "é"),
        text.replace("##", "## 🔥"),
        text.chars().rev().collect(),
        text.replace('\n', "\n> "),
        text.replace('\n', "\n- "),
        text.replace('|', "¦"),
        format!("שלום עולם {text} مرحبا"),
    ]
}

fn check(text: &str, config: &Config) {
    let source = Source::new("doc.md", text.to_string());
    for d in pmlint::lint(&source, config) {
        for span in std::iter::once(d.primary.span).chain(d.secondary.iter().map(|l| l.span)) {
            assert!(
                span.start <= span.end && span.end <= text.len(),
                "{}: span out of range",
                d.rule
            );
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{}: span off a character boundary",
                d.rule
            );
        }
        for edit in d.fix.iter().flat_map(|f| &f.edits) {
            assert!(text.is_char_boundary(edit.span.start) && text.is_char_boundary(edit.span.end));
        }
    }
}

#[test]
fn fixtures_and_their_transformations_lint_without_panics() {
    let config = Config::default();
    for text in fixtures() {
        check(&text, &config);
        for variant in transformations(&text) {
            check(&variant, &config);
        }
    }
}

#[test]
fn degenerate_documents() {
    let config = Config::default();
    for text in [
        "",
        " ",
        "\n\n\n",
        "\u{feff}",
        "#",
        "# ",
        "- ",
        "|",
        "| --- |",
        "```",
        "```markdown",
        "---\n---",
        "<h2>",
        "**",
        "9:",
        "12:60 PM",
        "February 30",
        "\u{0}",
        "🔥",
        "## Timeline\n- \n- 9:\n- 25:99\n|||\n",
    ] {
        check(text, &config);
    }
}

/// Inputs that once crashed the fuzzer (`scripts/fuzz.sh`) or failed a
/// property, replayed through the fuzz target's checks.
#[test]
fn fuzz_regressions_stay_fixed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz-regressions");
    let config = Config::default();
    let mut replayed = 0;
    for entry in std::fs::read_dir(&dir).expect("regression folder") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("readable");
        let Ok(source) = pmlint::input::decode(path.display().to_string(), bytes) else {
            continue;
        };
        check(&source.text, &config);
        let fixed = fix_document(&source, &config, FixLevel::Unsafe);
        let again = fix_document(&Source::new("again.md", fixed.text.clone()), &config, FixLevel::Unsafe);
        assert_eq!(again.applied, 0, "{}: fixes do not settle", path.display());
        replayed += 1;
    }
    assert!(replayed >= 3, "the regression inputs are missing");
}
