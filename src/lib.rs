//! pmlint: a linter for incident postmortems.
//!
//! ```text
//! paths ──input──▶ Source ──parse──▶ Incident ──rules──▶ Vec<Diagnostic> ──render──▶ output
//! ```
//! Each arrow is one module. The parser knows no rule; a rule reads the
//! [`model::Incident`] and nothing else; a renderer reads diagnostics and the
//! source and nothing else.

/// A table of `rules/` as JSON, which `build.rs` converted from its TOML:
/// the tables are read at every start, and JSON parses four times faster.
macro_rules! builtin_json {
    ($name:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/rules/", $name, ".json"))
    };
}

pub mod app;
pub mod config;
pub mod cue;
pub mod diagnostic;
pub mod effort;
pub mod fix;
pub mod hash;
pub mod input;
pub mod lazy_regex;
pub mod lean_regex;
pub mod model;
pub mod parse;
pub mod phrase;
pub mod render;
pub mod rules;
pub mod scaffold;
pub mod settings;
pub mod source;
pub mod suppress;
pub mod text;
pub mod time;

use config::Config;
use diagnostic::Diagnostic;
use model::Incident;
use rules::LintContext;
use source::Source;

/// Parse a document and run every enabled rule on it.
pub fn lint(source: &Source, config: &Config) -> Vec<Diagnostic> {
    lint_document(source, config).0
}

/// Lint a document, and return what it claims about its identity for the
/// checks across documents.
pub fn lint_document(source: &Source, config: &Config) -> (Vec<Diagnostic>, rules::duplicate_incident_id::DocumentKey) {
    let incident = parse::parse_source(source, &config.parse_options());
    let diagnostics = lint_incident(&incident, config, &source.name);
    (
        diagnostics,
        rules::duplicate_incident_id::document_key(&incident, &source.name),
    )
}

/// Run every enabled rule on a parsed incident from the file `path`.
/// Diagnostics come back sorted by position, then rule id.
pub fn lint_incident(incident: &Incident<'_>, config: &Config, path: &str) -> Vec<Diagnostic> {
    let ctx = LintContext::new(incident, &config.settings, path, config.data_gate());
    let mut out = Vec::new();
    for active in &config.rules {
        let start = out.len();
        active.rule.check(&ctx, &mut out);
        let id = active.rule.id();
        for d in &mut out[start..] {
            d.rule = match rules::find(id) {
                Some(entry) => std::borrow::Cow::Borrowed(entry.meta().id),
                None => std::borrow::Cow::Owned(id.to_string()),
            };
            d.severity = active.severity;
        }
    }
    out.sort_by(|a, b| {
        (a.primary.span.start, a.primary.span.end, &a.rule).cmp(&(b.primary.span.start, b.primary.span.end, &b.rule))
    });
    suppress::apply(incident, out, config)
}
