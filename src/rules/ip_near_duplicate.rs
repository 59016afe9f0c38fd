//! ## What it does
//! Reports an IP address that appears once and differs from an address used
//! several times by one octet, or one digit: `10.0.4.17` once among many
//! `10.0.4.71`. Likely a typo.
//!
//! ## Why is this bad?
//! A mistyped address sends a reader, or a script built from the postmortem,
//! to the wrong machine.
//!
//! Addresses introduced as new, replacement or standby machines ("new servers
//! 100.54.52.78") are never reported.
//!
//! ## Example
//! `192.168.10.25` three times and `192.168.10.52` once.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::{LintContext, NoOptions, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Entity, EntityKind};

pub struct IpNearDuplicate;

/// Words that introduce an address as a different machine on purpose.
static INTRODUCED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:new|replacement|replaced|replacing|migrat\w*|moved|switched|failover|fail over|backup|standby|secondary|another|second|additional|spare|instead)\b")
        .expect("valid regex")
});

fn octets(ip: &str) -> Option<[&str; 4]> {
    let mut parts = ip.split('.');
    let o = [parts.next()?, parts.next()?, parts.next()?, parts.next()?];
    parts.next().is_none().then_some(o)
}

/// Whether two IPv4 addresses differ in exactly one octet.
fn one_octet_apart(a: &str, b: &str) -> bool {
    match (octets(a), octets(b)) {
        (Some(x), Some(y)) => x.iter().zip(y.iter()).filter(|(p, q)| p != q).count() == 1,
        _ => false,
    }
}

impl Rule for IpNearDuplicate {
    const META: RuleMeta = RuleMeta {
        id: "ip-near-duplicate",
        default_severity: Severity::Info,
        enabled_by_default: true,
        summary: "An IP address used once is one octet away from one used often: a typo?",
        doc: include_str!("../../rules/ip-near-duplicate.md"),
    };
    type Options = NoOptions;

    fn check(ctx: &LintContext<'_, '_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        let incident = ctx.incident;
        let mut by_address: BTreeMap<&str, Vec<&Entity>> = BTreeMap::new();
        for e in incident.entities.iter().filter(|e| e.kind == EntityKind::Address) {
            by_address.entry(e.key.as_str()).or_default().push(e);
        }
        for (once, mentions) in &by_address {
            let [mention] = mentions.as_slice() else {
                continue;
            };
            let line_start = incident.src[..mention.span.start].rfind('\n').map_or(0, |i| i + 1);
            if INTRODUCED.is_match(&incident.src[line_start..mention.span.start]) {
                continue;
            }
            let twin = by_address
                .iter()
                .filter(|(other, uses)| uses.len() >= 2 && one_octet_apart(once, other))
                .max_by_key(|(_, uses)| uses.len());
            if let Some((other, uses)) = twin {
                out.push(
                    Diagnostic::new(
                        mention.span,
                        format!(
                            "{once} appears once and differs by one octet from {other}, used {} times",
                            uses.len()
                        ),
                    )
                    .with_label("a typo?")
                    .with_secondary(uses[0].span, "the address used elsewhere")
                    .with_help(format!(
                        "if this is {other}, correct it; if it is another machine, say so"
                    )),
                );
            }
        }
    }
}
