//! ## What it does
//! Reports metadata keys a team requires that a document lacks (`owner`,
//! `severity`, `status`...), read from YAML or TOML front matter or from
//! `Key: value` lines at the top; and front matter that is not valid YAML
//! or TOML, which hides every key in it.
//!
//! ## Why is this bad?
//! Postmortems feed dashboards and reviews that sort by severity and chase
//! owners; a document without the keys falls out of them.
//!
//! ## Example
//! `keys = ["owner"]` and front matter with only `title:`.

use serde::Deserialize;

use super::{LintContext, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub struct MetadataRequired;

#[derive(Debug, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// Keys every postmortem must have (case, `_` and `-` do not matter).
    pub keys: Vec<String>,
}

/// `Incident_ID` and `incident id` are one key.
fn normalize(key: &str) -> String {
    key.to_lowercase()
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Rule for MetadataRequired {
    const META: RuleMeta = RuleMeta {
        id: "metadata-required",
        default_severity: Severity::Warning,
        enabled_by_default: true,
        summary: "Required metadata keys are missing, or the front matter cannot be read",
        doc: include_str!("../../rules/metadata-required.md"),
    };
    type Options = Options;

    fn check(ctx: &LintContext<'_, '_>, options: &Options, out: &mut Vec<Diagnostic>) {
        let incident = ctx.incident;
        if let Some(error) = &incident.front_matter_error {
            out.push(
                Diagnostic::new(error.span, error.message.clone())
                    .with_label("the front matter breaks here")
                    .with_help("fix the syntax: until then none of its keys (title, date, owner...) are read"),
            );
            return;
        }
        let anchor = incident
            .metadata
            .first()
            .map_or_else(|| incident.anchor(), |m| m.key_span);
        for key in &options.keys {
            let wanted = normalize(key);
            let present = incident
                .metadata
                .iter()
                .any(|m| normalize(&m.key) == wanted && !m.value.trim().is_empty());
            if !present {
                out.push(
                    Diagnostic::new(anchor, format!("metadata `{key}` is missing"))
                        .with_label("metadata starts here")
                        .with_help(format!(
                            "add `{key}: ...` to the front matter or as a `{key}:` line at the top"
                        )),
                );
            }
        }
    }
}
