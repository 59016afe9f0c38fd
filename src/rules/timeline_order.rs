//! ## What it does
//! Reports a timeline entry whose time is earlier than the entry before it.
//!
//! ## Why is this bad?
//! A timeline is the spine of a postmortem; an entry out of order is either a
//! typo in the time (and every duration computed from it is wrong) or an event
//! told out of sequence.
//!
//! Entries with dates compare by date and time. Undated entries that step from
//! evening to early morning cross midnight, and a bare `1:00` after `12:30`
//! reads as the afternoon.
//!
//! ## Example
//! `9:15 AM` followed by `8:30 AM` on the same day.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use super::{LintContext, NoOptions, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::TimelineEntry;

pub struct TimelineOrder;

/// An undated entry earlier than the one before it is the next day when the
/// step forward across midnight is at most this long.
const ROLLOVER_WINDOW_HOURS: i64 = 12;

/// Words that say an entry is on a later day than the one before it.
const NEXT_DAY_CUES: &[&str] = &[
    "next day",
    "following day",
    "next morning",
    "day after",
    "overnight",
    "following morning",
];

struct Moment {
    date: Option<NaiveDate>,
    /// The date is the entry's own, not carried from a line above.
    own_date: bool,
    time: NaiveTime,
    meridiem_ambiguous: bool,
}

fn moment(entry: &TimelineEntry, year_hint: Option<i32>) -> Option<Moment> {
    let time = entry.time()?;
    let date = entry
        .date()
        .and_then(|d| d.value.resolve(year_hint.or(Some(2000)), None));
    Some(Moment {
        date,
        own_date: entry.written.as_ref().is_some_and(|w| w.date.is_some()),
        time: time.value.naive()?,
        meridiem_ambiguous: time.value.is_meridiem_ambiguous(),
    })
}

fn year_of(entry: &TimelineEntry) -> Option<i32> {
    entry.date().and_then(|d| d.value.year)
}

/// Whether `cur` can follow `prev` under some reading of the times.
/// `says_next_day` is true when the entry's text says it is a later day.
fn in_order(prev: &Moment, cur: &Moment, says_next_day: bool) -> bool {
    let pm = |m: &Moment| m.time.with_hour(m.time.hour() + 12).filter(|_| m.meridiem_ambiguous);
    // An entry that only inherits its date from the entry above may have
    // crossed midnight; compare it like an undated one.
    let carried_same_day = !cur.own_date && prev.date == cur.date;
    let dates = if carried_same_day {
        (None, None)
    } else {
        (prev.date, cur.date)
    };
    match dates {
        (Some(pd), Some(cd)) => {
            let at = |d: NaiveDate, t: NaiveTime| NaiveDateTime::new(d, t);
            at(cd, cur.time) >= at(pd, prev.time) || pm(cur).is_some_and(|t| at(cd, t) >= at(pd, prev.time))
        }
        (None, None) => {
            let secs = |t: NaiveTime| i64::from(t.num_seconds_from_midnight());
            let step_over_midnight = secs(cur.time) + 86_400 - secs(prev.time);
            cur.time >= prev.time
                || pm(cur).is_some_and(|t| t >= prev.time)
                || says_next_day
                || step_over_midnight <= ROLLOVER_WINDOW_HOURS * 3600
        }
        // One dated and one not: nothing certain to compare.
        _ => true,
    }
}

impl Rule for TimelineOrder {
    const META: RuleMeta = RuleMeta {
        id: "timeline-order",
        default_severity: Severity::Error,
        summary: "A timeline entry is earlier than the entry before it",
        doc: include_str!("../../rules/timeline-order.md"),
    };
    type Options = NoOptions;

    fn check(ctx: &LintContext<'_, '_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        let incident = ctx.incident;
        let timed: Vec<&TimelineEntry> = incident.timeline.timed_entries().collect();
        for pair in timed.windows(2) {
            let (prev, cur) = (pair[0], pair[1]);
            // Two timelines (a document holding two versions of a report) are not one sequence.
            if prev.section != cur.section {
                continue;
            }
            let year = year_of(cur).or_else(|| year_of(prev));
            let (Some(p), Some(c)) = (moment(prev, year), moment(cur, year)) else {
                continue;
            };
            let description = incident.text(cur.description).to_lowercase();
            let says_next_day = NEXT_DAY_CUES.iter().any(|cue| description.contains(cue));
            if in_order(&p, &c, says_next_day) {
                continue;
            }
            let cur_text = incident.text(cur.time_span());
            let prev_text = incident.text(prev.time_span());
            out.push(
                Diagnostic::new(
                    cur.time_span(),
                    format!("timeline entry at {cur_text} comes after an entry at {prev_text}"),
                )
                .with_label("earlier than the entry before it")
                .with_secondary(prev.time_span(), "previous entry")
                .with_help("put the entries in the order they happened, or correct the time"),
            );
        }
    }
}
