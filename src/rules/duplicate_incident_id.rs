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

/// How many of the other documents a finding names; the rest are counted.
/// A template copied a thousand times with its id would otherwise give a
/// thousand findings of a thousand names each.
const OTHERS_NAMED: usize = 5;

/// Diagnostics for documents that share an identity, by index into `docs`,
/// in the order of `docs`, at most one a document. Each is made when the
/// iterator reaches it, so that a caller can write it out before the next.
pub fn cross_check(docs: &[DocumentKey]) -> impl Iterator<Item = (usize, Diagnostic)> + '_ {
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
    // A group of one shares nothing: only the documents of larger groups are visited.
    let mut shared: Vec<usize> = by_id
        .values()
        .chain(by_title_date.values())
        .filter(|group| group.len() > 1)
        .flatten()
        .copied()
        .collect();
    shared.sort_unstable();
    shared.dedup();
    shared.into_iter().filter_map(move |i| {
        let doc = &docs[i];
        let others =
            |group: &Vec<usize>| others_named(group.iter().filter(|&&j| j != i).map(|&j| docs[j].path.as_str()));
        if let Some((id, span)) = &doc.id
            && let Some(group) = by_id.get(id.as_str()).filter(|group| group.len() > 1)
        {
            let (names, _) = others(group);
            return Some((
                i,
                Diagnostic::new(*span, format!("incident id {id} is also claimed by {names}"))
                    .with_label("claimed twice")
                    .with_help("give each incident its own id; if both documents tell one incident, merge them"),
            ));
        }
        let (title, date, span) = doc.title_date.as_ref()?;
        let group = by_title_date
            .get(&(title.as_str(), *date))
            .filter(|group| group.len() > 1)?;
        let (names, count) = others(group);
        let verb = if count == 1 { "has" } else { "have" };
        Some((
            i,
            Diagnostic::new(
                *span,
                format!("{names} {verb} the same title and date ({})", date.format("%B %-d, %Y")),
            )
            .with_label("same title and date elsewhere")
            .with_help("if both documents tell one incident, merge them; if not, give each a title of its own"),
        ))
    })
}

/// The first `OTHERS_NAMED` names, joined, with how many more there are; and
/// how many there are in all.
fn others_named<'p>(paths: impl Iterator<Item = &'p str>) -> (String, usize) {
    let mut names = String::new();
    let mut count = 0;
    for path in paths {
        if count < OTHERS_NAMED {
            if count > 0 {
                names.push_str(", ");
            }
            names.push_str(path);
        }
        count += 1;
    }
    if count > OTHERS_NAMED {
        names.push_str(&format!(" and {} more", count - OTHERS_NAMED));
    }
    (names, count)
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
        let found: Vec<(usize, String)> = cross_check(&docs).map(|(i, d)| (i, d.message)).collect();
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

    #[test]
    fn many_others_are_named_five_and_counted() {
        let mut docs: Vec<DocumentKey> = (0..8).map(|n| key(&format!("{n}.md"), Some("INC-9"), None)).collect();
        docs.extend((0..3).map(|n| key(&format!("t{n}.md"), None, Some(("cache outage", (2025, 1, 2))))));
        let found: Vec<(usize, String)> = cross_check(&docs).map(|(i, d)| (i, d.message)).collect();
        assert_eq!(found.len(), 11);
        assert_eq!(
            found[0],
            (
                0,
                "incident id INC-9 is also claimed by 1.md, 2.md, 3.md, 4.md, 5.md and 2 more".to_string()
            )
        );
        assert_eq!(
            found[7],
            (
                7,
                "incident id INC-9 is also claimed by 0.md, 1.md, 2.md, 3.md, 4.md and 2 more".to_string()
            )
        );
        // Two others have the same title: the verb agrees.
        assert_eq!(
            found[9],
            (
                9,
                "t0.md, t2.md have the same title and date (January 2, 2025)".to_string()
            )
        );
    }

    #[test]
    fn five_others_are_all_named() {
        let docs: Vec<DocumentKey> = (0..6).map(|n| key(&format!("{n}.md"), Some("INC-3"), None)).collect();
        let (_, first) = cross_check(&docs).next().unwrap();
        assert_eq!(
            first.message,
            "incident id INC-3 is also claimed by 1.md, 2.md, 3.md, 4.md, 5.md"
        );
    }
}
