//! ## What it does
//! Reports times and dates that do not exist: `25:00`, `9:75`, `13:45 PM`,
//! `3:AM`, `February 30, 2023`.
//!
//! ## Why is this bad?
//! An impossible time is a typo whose intended value nobody can recover with
//! certainty, and every duration computed from it is a guess.
//!
//! ## Example
//! `- 25:10 UTC: rollback finished`

use crate::hash::HashSet;

use super::{LintContext, NoOptions, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::time::clock::{ClockProblem, ClockTime};

pub struct InvalidTime;

fn help(problem: ClockProblem, clock: &ClockTime) -> String {
    match problem {
        ClockProblem::HourOutOfRange => "hours run from 0 to 23 (or 1 to 12 with AM/PM)".to_string(),
        ClockProblem::MinuteOutOfRange => "minutes run from 00 to 59".to_string(),
        ClockProblem::SecondOutOfRange => "seconds run from 00 to 59".to_string(),
        ClockProblem::MeridiemOn24Hour => format!(
            "write {:02}:{:02} or {}:{:02} {}",
            clock.hour,
            clock.minute,
            clock.hour - 12 * u32::from(clock.hour > 12),
            clock.minute,
            if clock.hour >= 12 { "PM" } else { "AM" }
        ),
        ClockProblem::MissingMinutes => format!("write {}:00 or {} without the colon", clock.hour, clock.hour),
    }
}

impl Rule for InvalidTime {
    const META: RuleMeta = RuleMeta {
        id: "invalid-time",
        default_severity: Severity::Warning,
        enabled_by_default: true,
        summary: "A time or date that does not exist (25:00, 13:45 PM, February 30)",
        doc: include_str!("../../rules/invalid-time.md"),
    };
    type Options = NoOptions;

    fn check(ctx: &LintContext<'_, '_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        let incident = ctx.incident;
        let order = incident.date_order.map(|(o, _)| o);
        let mut seen = HashSet::default();
        for mention in &incident.mentions {
            let w = &mention.written;
            for clock in [&w.time, &w.end_time].into_iter().flatten() {
                if let Some(problem) = clock.value.problem()
                    && seen.insert(clock.span)
                {
                    out.push(
                        Diagnostic::new(
                            clock.span,
                            format!(
                                "{} is not a valid time: {}",
                                incident.text(clock.span),
                                problem.describe()
                            ),
                        )
                        .with_label("invalid time")
                        .with_help(help(problem, &clock.value)),
                    );
                }
            }
            if let Some(date) = &w.date
                && !date.value.is_valid(order)
                && seen.insert(date.span)
            {
                out.push(
                    Diagnostic::new(date.span, format!("{} is not a valid date", incident.text(date.span)))
                        .with_label("no such day")
                        .with_help("check the day of the month"),
                );
            }
        }
    }
}
