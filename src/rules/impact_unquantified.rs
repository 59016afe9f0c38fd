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

use super::{LintContext, NoOptions, Rule, RuleMeta};
use crate::cue::{Ahead, Words};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{SectionKind, Statement};
use crate::time::duration::find_durations;

pub struct ImpactUnquantified;

/// What a figure after a number counts: "40 users", "1,200 failed payments".
const COUNTED: Words = Words::new(&[
    "users",
    "user",
    "customers",
    "customer",
    "clients",
    "client",
    "requests",
    "request",
    "orders",
    "order",
    "transactions",
    "transaction",
    "errors",
    "error",
    "calls",
    "call",
    "sessions",
    "session",
    "accounts",
    "account",
    "merchants",
    "merchant",
    "queries",
    "messages",
    "message",
    "emails",
    "email",
    "payments",
    "payment",
    "visitors",
    "visitor",
    "pages",
    "page",
    "jobs",
    "job",
    "tickets",
    "ticket",
    "complaints",
    "complaint",
    "sign-ins",
    "sign-in",
    "signins",
    "signin",
    "logins",
    "login",
    "people",
    "devices",
    "servers",
    "hosts",
    "stores",
    "store",
    "sites",
    "site",
    "regions",
    "region",
]);
const CURRENCIES: Words = Words::new(&["usd", "eur", "gbp", "kes", "ngn", "dollars", "dollar"]);
/// `5k`, `2m`, `10x`.
const MAGNITUDES: Words = Words::new(&["k", "m", "x"]);
/// "a complete outage", "total downtime".
const WHOLE: Words = Words::new(&["complete", "total", "full"]);
const WHOLE_LOSS: Words = Words::new(&["outage", "downtime"]);
/// "all users", "none of the customers", "the entire platform".
const SHARES: Words = Words::new(&[
    "all",
    "every",
    "no",
    "none of the",
    "half of",
    "a third of",
    "a quarter of",
    "most of",
    "entire",
    "whole",
]);
const SHARED: Words = Words::new(&[
    "users",
    "user",
    "customers",
    "customer",
    "clients",
    "client",
    "traffic",
    "requests",
    "request",
    "visitors",
    "visitor",
    "merchants",
    "merchant",
    "accounts",
    "account",
    "service",
    "site",
    "platform",
    "regions",
    "region",
    "countries",
    "markets",
    "market",
]);

/// After a number: "%", "percent", "5k", "30 USD", "40 users", "1,200 failed payments".
fn counts_something(a: Ahead<'_>) -> bool {
    let unit = a.spaces();
    let counted = |a: Ahead<'_>| a.any_word(&COUNTED).is_some();
    unit.literal("%").or_else(|| unit.literal("percent")).is_some()
        || unit.any_word(&MAGNITUDES).is_some()
        || unit.any_word(&CURRENCIES).is_some()
        || a.space().is_some_and(|a| {
            counted(a)
                || a.run(|c| c.is_ascii_alphanumeric() || c == '_')
                    .and_then(Ahead::space)
                    .is_some_and(counted)
        })
}

/// "all users", "the whole user base", "a complete outage".
fn tells_a_share(a: Ahead<'_>) -> bool {
    fn loss_of_service(a: Ahead<'_>) -> Option<Ahead<'_>> {
        a.literal("loss")?.space()?.literal("of")?.space()?.word("service")
    }
    let whole = a
        .any_word(&WHOLE)
        .and_then(Ahead::space)
        .and_then(|a| a.any_word(&WHOLE_LOSS).or_else(|| loss_of_service(a)));
    let share = a.any_word(&SHARES).and_then(Ahead::space).is_some_and(|a| {
        let a = a.literal("of").and_then(Ahead::space).unwrap_or(a);
        let a = a
            .literal("the")
            .or_else(|| a.literal("our"))
            .and_then(Ahead::space)
            .unwrap_or(a);
        let user_base = a.literal("user").map(Ahead::spaces).and_then(|a| a.word("base"));
        a.any_word(&SHARED).or(user_base).is_some()
    });
    whole.is_some() || share
}

/// Whether a line gives a figure: a count, a share, a sum of money.
fn has_figure(text: &str) -> bool {
    let number_char = |c: char| c.is_ascii_digit() || c == ',' || c == '.';
    // A number starts at the first digit of a run of digits, commas and
    // points; a later digit of the run reads a shorter number to the same end.
    let mut digit_in_run = false;
    for (i, c) in text.char_indices() {
        let starts_number = c.is_ascii_digit() && !digit_in_run;
        digit_in_run = number_char(c) && (digit_in_run || c.is_ascii_digit());
        // A currency sign is `$` or beyond ASCII: most characters are
        // dismissed by one comparison, not a search of the signs.
        let currency = c == '$' || !c.is_ascii() && "€£¥₦".contains(c);
        if currency
            && Ahead::new(text)
                .skip(i + c.len_utf8())
                .spaces()
                .char(|c| c.is_ascii_digit())
                .is_some()
        {
            return true;
        }
        if starts_number
            && let Some(number) = Ahead::new(text).skip(i).run(number_char)
            && counts_something(number)
        {
            return true;
        }
    }
    Ahead::word_starts(text).any(tells_a_share)
}

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
            // Figures first, over every line: a line's durations cost more
            // to read, and most impact sections give a figure somewhere.
            incident.lines_in(s.span).any(|l| has_figure(&l.text))
                || incident.lines_in(s.span).any(|l| !find_durations(&l.text).is_empty())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_as_the_regex_did() {
        let mut words: Vec<&str> = [COUNTED, CURRENCIES, MAGNITUDES, WHOLE, WHOLE_LOSS, SHARES, SHARED]
            .iter()
            .flat_map(|l| l.0.iter().copied())
            .collect();
        words.extend([
            "5",
            "1,200",
            "3.5",
            ",",
            "2.",
            "%",
            "percent",
            "$",
            "€",
            "£",
            "¥",
            "₦",
            "é",
            "—",
            "failed",
            "loss",
            "of",
            "service",
            "user",
            "base",
            "the",
            "our",
            "sign",
            "in",
            "signin",
            "sign-ins",
            "user base",
        ]);
        crate::cue::equivalence::assert_same_text(
            r"(?i)[0-9][0-9,.]*\s*(?:%|percent|k\b|m\b|x\b)|[$€£¥₦]\s*[0-9]|[0-9][0-9,.]*\s*(?:usd|eur|gbp|kes|ngn|dollars?)\b|[0-9][0-9,.]*\s+(?:(?-u:\w)+\s+)?(?:users?|customers?|clients?|requests?|orders?|transactions?|errors?|calls?|sessions?|accounts?|merchants?|queries|messages?|emails?|payments?|visitors?|pages?|jobs?|tickets?|complaints?|sign-?ins?|logins?|people|devices|servers|hosts|stores?|sites?|regions?)\b|\b(?:complete|total|full)\s+(?:outage|downtime|loss\s+of\s+service)\b|\b(?:all|every|no|none of the|half of|a third of|a quarter of|most of|entire|whole)\s+(?:of\s+)?(?:the\s+|our\s+)?(?:users?|customers?|clients?|traffic|requests?|visitors?|merchants?|accounts?|user\s*base|service|site|platform|regions?|countries|markets?)\b",
            &words,
            has_figure,
        );
    }
}
