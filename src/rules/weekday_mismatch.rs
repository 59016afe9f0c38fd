//! ## What it does
//! Checks a written weekday against the calendar: "Monday, August 11, 2023"
//! is wrong, August 11, 2023 was a Friday.
//!
//! ## Why is this bad?
//! A wrong weekday means the date or the weekday is a typo, and readers
//! cannot tell which one to trust.
//!
//! Dates without a year are checked against the document's year; without
//! any year they are left alone.
//!
//! ## Example
//! `**Posted:** Monday, August 11, 2023`

use crate::hash::HashSet;

use chrono::Datelike;

use super::{LintContext, NoOptions, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub struct WeekdayMismatch;

impl Rule for WeekdayMismatch {
    const META: RuleMeta = RuleMeta {
        id: "weekday-mismatch",
        default_severity: Severity::Warning,
        enabled_by_default: true,
        summary: "A written weekday disagrees with the calendar",
        doc: include_str!("../../rules/weekday-mismatch.md"),
    };
    type Options = NoOptions;

    fn check(ctx: &LintContext<'_, '_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        let incident = ctx.incident;
        let mut seen = HashSet::default();
        for mention in &incident.mentions {
            let Some(date) = &mention.written.date else {
                continue;
            };
            let Some(written) = date.value.weekday else {
                continue;
            };
            let Some(calendar) = incident.calendar_date(&date.value) else {
                continue;
            };
            let actual = calendar.weekday();
            if actual == written || !seen.insert(date.span) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    date.span,
                    format!(
                        "{} was a {}, not a {}",
                        calendar.format("%B %-d, %Y"),
                        calendar.format("%A"),
                        weekday_name(written)
                    ),
                )
                .with_label(format!("{} on the calendar", calendar.format("%A")))
                .with_help("correct the weekday, or the date if the weekday is right"),
            );
        }
    }
}

fn weekday_name(day: chrono::Weekday) -> &'static str {
    match day {
        chrono::Weekday::Mon => "Monday",
        chrono::Weekday::Tue => "Tuesday",
        chrono::Weekday::Wed => "Wednesday",
        chrono::Weekday::Thu => "Thursday",
        chrono::Weekday::Fri => "Friday",
        chrono::Weekday::Sat => "Saturday",
        chrono::Weekday::Sun => "Sunday",
    }
}
