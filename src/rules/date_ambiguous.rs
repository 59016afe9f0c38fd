//! ## What it does
//! Reports numeric dates whose day and month could be swapped (`02/08/2022`:
//! 2 August or February 8?) when nothing settles it: no date in the document
//! with a day above 12, and no `date_order` in pmlint.toml.
//!
//! ## Why is this bad?
//! Half the world reads `02/08` one way and half the other; the timeline is
//! then a week or months off for one of them.
//!
//! ## Example
//! `- 02/08/2022 14:00: deploy` with no other date in the document.

use super::{LintContext, NoOptions, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::time::date::MonthDay;

pub struct DateAmbiguous;

/// At most this many other ambiguous dates are labelled on the one report.
const MAX_LABELS: usize = 5;

fn month_name(month: u32) -> &'static str {
    u8::try_from(month)
        .ok()
        .and_then(|m| chrono::Month::try_from(m).ok())
        .map_or("?", |m| m.name())
}

impl Rule for DateAmbiguous {
    const META: RuleMeta = RuleMeta {
        id: "date-ambiguous",
        default_severity: Severity::Warning,
        enabled_by_default: true,
        summary: "A numeric date can be read day-first or month-first and nothing settles which",
        doc: include_str!("../../rules/date-ambiguous.md"),
    };
    type Options = NoOptions;

    fn check(ctx: &LintContext<'_, '_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        let incident = ctx.incident;
        if incident.date_order.is_some() {
            return;
        }
        let ambiguous: Vec<_> = incident
            .mentions
            .iter()
            .filter_map(|m| m.written.date.as_ref())
            .filter(|d| d.value.is_order_ambiguous())
            .collect();
        let Some(first) = ambiguous.first() else {
            return;
        };
        let MonthDay::Numeric { first: a, second: b } = first.value.month_day else {
            return;
        };
        let mut diagnostic = Diagnostic::new(
            first.span,
            format!(
                "{} could be {a} {} or {} {b}",
                incident.text(first.span),
                month_name(b),
                month_name(a)
            ),
        )
        .with_label("day or month first?")
        .with_help(
            "write the month as a word (2 Aug 2022) or use ISO dates (2022-08-02), or set `date_order = \"dmy\"` or `\"mdy\"` in pmlint.toml",
        );
        for other in ambiguous.iter().skip(1).take(MAX_LABELS) {
            diagnostic = diagnostic.with_secondary(other.span, "read the same way");
        }
        out.push(diagnostic);
    }
}
