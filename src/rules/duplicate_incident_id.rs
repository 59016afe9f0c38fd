//! ## What it does
//! Across the documents of one run (a folder in CI), reports two postmortems
//! that claim the same incident id (`Incident ID: INC-42`, front matter `id`,
//! "Incident #42" in the title), or that have the same title and date.
//!
//! ## Why is this bad?
//! Two documents for one incident split the discussion and the follow-ups; a
//! copied template that kept the last incident's id points readers at the
//! wrong report.
//!
//! This rule looks across files, so it runs after all of them are linted; a
//! single file never triggers it.
//!
//! ## Example
//! `2024-03-04-db.md` and `2024-03-09-cache.md` both saying `Incident ID: INC-42`.

use chrono::NaiveDate;

use super::{LintContext, NoOptions, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Incident;
use crate::source::Span;

pub struct DuplicateIncidentId;

impl Rule for DuplicateIncidentId {
    const META: RuleMeta = RuleMeta {
        id: "duplicate-incident-id",
        default_severity: Severity::Error,
        enabled_by_default: true,
        summary: "Two documents claim the same incident id, or the same title and date",
        doc: include_str!("../../rules/duplicate-incident-id.md"),
    };
    type Options = NoOptions;

    /// Nothing to see in one document; see [`cross_check`].
    fn check(_: &LintContext<'_, '_>, _: &NoOptions, _: &mut Vec<Diagnostic>) {}
}

/// What one document claims about its identity.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentKey {
    pub path: String,
    /// The incident id, upper-cased, and where it is written.
    pub id: Option<(String, Span)>,
    /// The title, lower-cased with spaces collapsed, the incident's date, and the title's span.
    pub title_date: Option<(String, NaiveDate, Span)>,
}

/// The identity a document claims.
pub fn document_key(incident: &Incident<'_>, path: &str) -> DocumentKey {
    let id = incident
        .incident_id
        .as_ref()
        .map(|id| (id.value.to_uppercase(), id.span));
    let title_date = incident.title.as_ref().and_then(|t| {
        let date = incident.document_date.as_ref()?;
        date.date.value.year?;
        let day = incident.calendar_date(&date.date.value)?;
        let title = t.text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        Some((title, day, t.span))
    });
    DocumentKey {
        path: path.to_string(),
        id,
        title_date,
    }
}

/// Diagnostics for documents that share an identity, by index into `docs`.
pub fn cross_check(docs: &[DocumentKey]) -> Vec<(usize, Diagnostic)> {
    use crate::hash::HashMap;
    // Documents by id and by title and date: one pass, not every pair.
    let mut by_id: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut by_title_date: HashMap<(&str, NaiveDate), Vec<usize>> = HashMap::default();
    for (i, doc) in docs.iter().enumerate() {
        if let Some((id, _)) = &doc.id {
            by_id.entry(id.as_str()).or_default().push(i);
        }
        if let Some((title, date, _)) = &doc.title_date {
            by_title_date.entry((title.as_str(), *date)).or_default().push(i);
        }
    }
    let others_of = |group: Option<&Vec<usize>>, i: usize| -> Vec<&str> {
        group
            .into_iter()
            .flatten()
            .filter(|&&j| j != i)
            .map(|&j| docs[j].path.as_str())
            .collect()
    };
    let mut out = Vec::new();
    for (i, doc) in docs.iter().enumerate() {
        if let Some((id, span)) = &doc.id {
            let others = others_of(by_id.get(id.as_str()), i);
            if !others.is_empty() {
                out.push((
                    i,
                    Diagnostic::new(
                        *span,
                        format!("incident id {id} is also claimed by {}", others.join(", ")),
                    )
                    .with_label("claimed twice")
                    .with_help("give each incident its own id; if both documents tell one incident, merge them"),
                ));
                continue;
            }
        }
        if let Some((title, date, span)) = &doc.title_date {
            let others = others_of(by_title_date.get(&(title.as_str(), *date)), i);
            if !others.is_empty() {
                out.push((
                    i,
                    Diagnostic::new(
                        *span,
                        format!(
                            "{} has the same title and date ({})",
                            others.join(", "),
                            date.format("%B %-d, %Y")
                        ),
                    )
                    .with_label("same title and date elsewhere")
                    .with_help("if both documents tell one incident, merge them; if not, give each a title of its own"),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(path: &str, id: Option<&str>, title: Option<(&str, (i32, u32, u32))>) -> DocumentKey {
        DocumentKey {
            path: path.to_string(),
            id: id.map(|i| (i.to_string(), Span::new(0, 1))),
            title_date: title.map(|(t, (y, m, d))| {
                (
                    t.to_string(),
                    NaiveDate::from_ymd_opt(y, m, d).unwrap(),
                    Span::new(0, 1),
                )
            }),
        }
    }

    #[test]
    fn shared_ids_and_titles() {
        let docs = vec![
            key("a.md", Some("INC-42"), None),
            key("b.md", Some("INC-42"), None),
            key("c.md", Some("INC-7"), Some(("db outage", (2024, 3, 4)))),
            key("d.md", None, Some(("db outage", (2024, 3, 4)))),
            key("e.md", None, Some(("db outage", (2024, 3, 5)))),
        ];
        let found: Vec<(usize, String)> = cross_check(&docs).into_iter().map(|(i, d)| (i, d.message)).collect();
        assert_eq!(
            found,
            vec![
                (0, "incident id INC-42 is also claimed by b.md".to_string()),
                (1, "incident id INC-42 is also claimed by a.md".to_string()),
                (2, "d.md has the same title and date (March 4, 2024)".to_string()),
                (3, "c.md has the same title and date (March 4, 2024)".to_string()),
            ]
        );
    }
}
