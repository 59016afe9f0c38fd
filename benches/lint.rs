//! Micro-benchmarks: parse-to-model and full lint of one ~3 KB document, by
//! style. `cargo bench --bench lint`; figures in BENCHMARKS.md.

#[path = "support/corpus.rs"]
mod corpus;

use pmlint::config::Config;
use pmlint::parse::{ParseOptions, parse};
use pmlint::source::Source;

fn main() {
    divan::main();
}

/// One document of each style, the same every run.
fn documents() -> Vec<(&'static str, String)> {
    corpus::STYLES
        .iter()
        .enumerate()
        .map(|(i, style)| (style.name(), corpus::document(7, i).1))
        .collect()
}

/// The document of one style.
fn document(style: &str) -> String {
    documents()
        .into_iter()
        .find(|(name, _)| *name == style)
        .map(|(_, text)| text)
        .unwrap_or_default()
}

#[divan::bench(args = corpus::STYLES.map(|s| s.name()))]
fn parse_to_model(bencher: divan::Bencher, style: &str) {
    let text = document(style);
    let options = ParseOptions::default();
    bencher.bench(|| parse(divan::black_box(&text), &options).timeline.entries.len());
}

#[divan::bench(args = corpus::STYLES.map(|s| s.name()))]
fn full_lint(bencher: divan::Bencher, style: &str) {
    let text = document(style);
    let config = Config::default();
    let source = Source::new("doc.md", text);
    bencher.bench(|| pmlint::lint(divan::black_box(&source), &config).len());
}
