//! ## What it does
//! Reports an impact section (or, without one, a summary) that gives no
//! figure: no share of users, no count of requests, orders or errors, no
//! money, no duration.
//!
//! ## Why is this bad?
//! "Some users were affected" cannot be compared with the next incident or
//! weighed against the cost of the fix. A number can.
//!
//! Info by default; `preset = "strict"` makes it a warning.
//!
//! ## Example
//! `## Impact` followed by "Users had a bad experience."

use std::sync::LazyLock;

use regex::Regex;

use super::{LintContext, NoOptions, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{SectionKind, Statement};
use crate::time::duration::find_durations;

pub struct ImpactUnquantified;

static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)[0-9][0-9,.]*\s*(?:%|percent|k\b|m\b|x\b)|[$€£¥₦]\s*[0-9]|[0-9][0-9,.]*\s*(?:usd|eur|gbp|kes|ngn|dollars?)\b|[0-9][0-9,.]*\s+(?:(?-u:\w)+\s+)?(?:users?|customers?|clients?|requests?|orders?|transactions?|errors?|calls?|sessions?|accounts?|merchants?|queries|messages?|emails?|payments?|visitors?|pages?|jobs?|tickets?|complaints?|sign-?ins?|logins?|people|devices|servers|hosts|stores?|sites?|regions?)\b|\b(?:complete|total|full)\s+(?:outage|downtime|loss\s+of\s+service)\b|\b(?:all|every|no|none of the|half of|a third of|a quarter of|most of|entire|whole)\s+(?:of\s+)?(?:the\s+|our\s+)?(?:users?|customers?|clients?|traffic|requests?|visitors?|merchants?|accounts?|user\s*base|service|site|platform|regions?|countries|markets?)\b",
    )
    .expect("valid regex")
});

impl Rule for ImpactUnquantified {
    const META: RuleMeta = RuleMeta {
        id: "impact-unquantified",
        default_severity: Severity::Info,
        enabled_by_default: true,
        summary: "The impact is told without a figure",
        doc: include_str!("../../rules/impact-unquantified.md"),
    };
    type Options = NoOptions;

    fn check(ctx: &LintContext<'_, '_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        let incident = ctx.incident;
        let impact: Vec<_> = incident.sections_of(SectionKind::Impact).collect();
        let sections = if impact.is_empty() {
            incident.sections_of(SectionKind::Summary).collect()
        } else {
            impact
        };
        let Some(first) = sections.first() else {
            return;
        };
        // Any length of time counts, cue or not: "search was empty for
        // forty minutes" is a figure even where duration-mismatch, which
        // needs a cue to know the outage is meant, stays out of it. So does a
        // window told with both ends ("from 23:10 to 01:30", "started at ...
        // and ended at ...").
        let quantified = sections.iter().any(|s| {
            let windows = || {
                incident.statements.iter().filter_map(|st| match st {
                    Statement::Window { span, start, end } if s.span.contains(*span) => Some((start, end)),
                    _ => None,
                })
            };
            incident
                .lines_in(s.span)
                .any(|l| FIGURE.is_match(&l.text) || !find_durations(&l.text).is_empty())
                || (windows().any(|(start, _)| start.is_some()) && windows().any(|(_, end)| end.is_some()))
        });
        if quantified || !first.has_content {
            return;
        }
        out.push(
            Diagnostic::new(first.heading.span, "the impact is not quantified")
                .with_label("no figure in this section")
                .with_help("say how many users, requests, orders or how much money was affected, and for how long"),
        );
    }
}
