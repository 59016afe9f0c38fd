//! SARIF 2.1.0, for GitHub code scanning and other SARIF viewers: one run,
//! every built-in rule described (summary, documentation, help URI, default
//! level), one result per finding with its related locations and fixes.

use std::io::{self, Write};

use serde_json::json;
use serde_sarif::sarif::{
    ArtifactChange, ArtifactContent, ArtifactLocation, Fix, Location, Message, MultiformatMessageString,
    PhysicalLocation, Region, Replacement, ReportingConfiguration, ReportingDescriptor, Result as SarifResult,
    ResultLevel, Tool, ToolComponent,
};

use super::{Renderer, Totals, line_columns};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{Source, Span};

/// Where each rule's documentation is published: `rules/<id>.md` in the
/// repository.
fn help_uri(rule: &str) -> String {
    format!("{}/blob/main/rules/{rule}.md", env!("CARGO_PKG_REPOSITORY"))
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

pub struct Sarif {
    /// The run's header up to its results, written once.
    header: String,
}

impl Default for Sarif {
    fn default() -> Self {
        Self::new()
    }
}

impl Sarif {
    pub fn new() -> Self {
        let rules: Vec<ReportingDescriptor> = crate::rules::all()
            .map(|entry| {
                let meta = entry.meta();
                ReportingDescriptor::builder()
                    .id(meta.id)
                    .short_description(MultiformatMessageString::builder().text(meta.summary).build())
                    .full_description(MultiformatMessageString::builder().text(meta.summary).build())
                    .help(
                        MultiformatMessageString::builder()
                            .text(meta.doc)
                            .markdown(meta.doc)
                            .build(),
                    )
                    .help_uri(help_uri(meta.id))
                    .default_configuration(
                        ReportingConfiguration::builder()
                            .enabled(meta.enabled_by_default)
                            .level(json!(level(meta.default_severity)))
                            .build(),
                    )
                    .build()
            })
            .collect();
        let driver = ToolComponent::builder()
            .name("pmlint")
            .version(env!("CARGO_PKG_VERSION"))
            .semantic_version(env!("CARGO_PKG_VERSION"))
            .information_uri(env!("CARGO_PKG_REPOSITORY"))
            .rules(rules)
            .build();
        let tool = Tool::builder().driver(driver).build();
        // Serialising the crate's own structs of strings cannot fail.
        let tool = serde_json::to_string(&tool).unwrap_or_default();
        let header = format!(
            "{{\"$schema\":\"{}\",\"version\":\"2.1.0\",\"runs\":[{{\"tool\":{tool},\"columnKind\":\"unicodeCodePoints\",\"results\":[",
            serde_sarif::sarif::SCHEMA_URL
        );
        Sarif { header }
    }
}

fn region(source: &Source, span: Span) -> Region {
    let (line, column, end_line, end_column) = line_columns(source, span);
    Region::builder()
        .start_line(line as i64)
        .start_column(column as i64)
        .end_line(end_line as i64)
        .end_column(end_column as i64)
        .build()
}

fn artifact(source: &Source) -> ArtifactLocation {
    ArtifactLocation::builder().uri(file_uri(&source.name)).build()
}

/// A relative URI reference for a path: forward slashes, and the characters
/// a URI gives meaning to escaped.
fn file_uri(path: &str) -> String {
    let mut uri = String::with_capacity(path.len());
    for c in super::relative_path(path).chars() {
        match c {
            '%' => uri.push_str("%25"),
            ' ' => uri.push_str("%20"),
            '#' => uri.push_str("%23"),
            '?' => uri.push_str("%3F"),
            '[' => uri.push_str("%5B"),
            ']' => uri.push_str("%5D"),
            c => uri.push(c),
        }
    }
    uri
}

fn result(source: &Source, d: &Diagnostic) -> SarifResult {
    let location = Location::builder()
        .physical_location(
            PhysicalLocation::builder()
                .artifact_location(artifact(source))
                .region(region(source, d.primary.span))
                .build(),
        )
        .build();
    let related: Vec<Location> = d
        .secondary
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let physical = PhysicalLocation::builder()
                .artifact_location(artifact(source))
                .region(region(source, label.span))
                .build();
            let mut location = Location::builder().id(i as i64).physical_location(physical).build();
            location.message = label
                .message
                .as_ref()
                .map(|m| Message::builder().text(m.clone()).build());
            location
        })
        .collect();
    let mut text = d.message.clone();
    if let Some(help) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    let mut result = SarifResult::builder()
        .rule_id(d.rule.to_string())
        .level(match d.severity {
            Severity::Error => ResultLevel::Error,
            Severity::Warning => ResultLevel::Warning,
            Severity::Info => ResultLevel::Note,
        })
        .message(Message::builder().text(text).build())
        .locations(vec![location])
        .build();
    if !related.is_empty() {
        result.related_locations = Some(related);
    }
    if let Some(fix) = &d.fix {
        let replacements: Vec<Replacement> = fix
            .edits
            .iter()
            .map(|e| {
                Replacement::builder()
                    .deleted_region(region(source, e.span))
                    .inserted_content(ArtifactContent::builder().text(e.replacement.clone()).build())
                    .build()
            })
            .collect();
        let change = ArtifactChange::builder()
            .artifact_location(artifact(source))
            .replacements(replacements)
            .build();
        result.fixes = Some(vec![
            Fix::builder()
                .description(Message::builder().text(fix.description.clone()).build())
                .artifact_changes(vec![change])
                .build(),
        ]);
    }
    result
}

impl Renderer for Sarif {
    fn start(&self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(self.header.as_bytes())
    }

    fn file(&self, source: &Source, diagnostics: &[Diagnostic], out: &mut Vec<u8>) {
        for (i, d) in diagnostics.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            // Serialising the crate's own structs of strings and numbers cannot fail.
            let _ = serde_json::to_writer(&mut *out, &result(source, d));
        }
    }

    fn separator(&self) -> &'static [u8] {
        b","
    }

    fn end(&self, out: &mut dyn Write, _: &Totals) -> io::Result<()> {
        out.write_all(b"]}]}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::file_uri;

    #[test]
    fn paths_become_relative_uris() {
        assert_eq!(file_uri("./post mortems/a#1.md"), "post%20mortems/a%231.md");
        assert_eq!(file_uri("docs\\b.md"), "docs/b.md");
    }
}
