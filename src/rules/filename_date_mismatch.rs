//! ## What it does
//! Reports a file named for a date (`2024-01-20-db-outage.md`) whose incident
//! happened on another day, as the document or its timeline tells.
//!
//! ## Why is this bad?
//! Folders of postmortems are sorted and searched by file name; a file under
//! the wrong date hides the incident from anyone looking for that day.
//!
//! ## Example
//! `2024-01-21-db-outage.md` for an incident on January 20, 2024.

use crate::lazy_regex::LazyRegex;
use chrono::NaiveDate;

use super::{LintContext, NoOptions, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::DateFrom;

pub struct FilenameDateMismatch;

static FILE_DATE: LazyRegex = LazyRegex::new(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[^0-9]|$)").needing(b"-");

impl Rule for FilenameDateMismatch {
    const META: RuleMeta = RuleMeta {
        id: "filename-date-mismatch",
        default_severity: Severity::Warning,
        enabled_by_default: true,
        summary: "A file named for a date describes an incident on another day",
        doc: include_str!("../../rules/filename-date-mismatch.md"),
    };
    type Options = NoOptions;

    fn check(ctx: &LintContext<'_, '_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        let incident = ctx.incident;
        let name = ctx.path.rsplit(['/', '\\']).next().unwrap_or(ctx.path);
        let Some(caps) = FILE_DATE.captures(name) else {
            return;
        };
        let number = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let (Some(y), Some(m), Some(d)) = (number(1), number(2), number(3)) else {
            return;
        };
        let Some(file_date) = NaiveDate::from_ymd_opt(y as i32, m, d) else {
            return;
        };
        // The document's own date, else the first date the timeline writes.
        let stated = incident
            .document_date
            .as_ref()
            .filter(|d| d.date.value.year.is_some())
            .and_then(|d| Some((incident.calendar_date(&d.date.value)?, d.date.span)))
            .or_else(|| {
                incident.timeline.entries.iter().find_map(|e| {
                    let r = e.resolved.as_ref()?;
                    (r.date_from == DateFrom::Written && r.year_known).then(|| (r.local.date(), e.time_span()))
                })
            });
        let Some((date, span)) = stated else {
            return;
        };
        if date != file_date {
            out.push(
                Diagnostic::new(
                    span,
                    format!(
                        "the file is named for {}, but the incident happened on {}",
                        file_date.format("%B %-d, %Y"),
                        date.format("%B %-d, %Y")
                    ),
                )
                .with_label("the incident's date")
                .with_help(format!(
                    "rename the file to start with {}, or correct the date",
                    date.format("%Y-%m-%d")
                )),
            );
        }
    }
}

#[cfg(test)]
mod patterns {
    #[test]
    fn patterns_compile_and_need_what_they_say() {
        super::FILE_DATE.check();
    }
}
