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

use crate::hash::HashMap;
use std::collections::BTreeMap;

use crate::lazy_regex::LazyRegex;

use super::{LintContext, NoOptions, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Entity, EntityKind};

pub struct IpNearDuplicate;

/// Words that introduce an address as a different machine on purpose.
static INTRODUCED: LazyRegex = LazyRegex::new(
    r"(?i)\b(?:new|replacement|replaced|replacing|migrat(?-u:\w)*|moved|switched|failover|fail over|backup|standby|secondary|another|second|additional|spare|instead)\b",
);

fn octets(ip: &str) -> Option<[&str; 4]> {
    let mut parts = ip.split('.');
    let o = [parts.next()?, parts.next()?, parts.next()?, parts.next()?];
    parts.next().is_none().then_some(o)
}

/// The three octets left when one is taken out.
fn without(o: [&str; 4], skip: usize) -> [&str; 3] {
    let mut rest = [""; 3];
    for (slot, value) in rest
        .iter_mut()
        .zip(o.iter().enumerate().filter(|(i, _)| *i != skip).map(|(_, v)| *v))
    {
        *slot = value;
    }
    rest
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
        // Addresses used twice or more, under each of their four "one octet
        // left out" keys, so a twin is found without comparing every pair.
        let mut by_pattern: HashMap<(usize, [&str; 3]), Vec<&str>> = HashMap::default();
        for (address, uses) in &by_address {
            if uses.len() < 2 {
                continue;
            }
            if let Some(o) = octets(address) {
                for skip in 0..4 {
                    by_pattern.entry((skip, without(o, skip))).or_default().push(address);
                }
            }
        }
        for (once, mentions) in &by_address {
            let [mention] = mentions.as_slice() else {
                continue;
            };
            // "the new server 10.0.0.7": look a little way back on the line.
            let line_start = incident.lines.start_of_line_at(mention.span.start);
            let mut from = mention.span.start.saturating_sub(120).max(line_start);
            while !incident.src.is_char_boundary(from) {
                from += 1;
            }
            if INTRODUCED.is_match(&incident.src[from..mention.span.start]) {
                continue;
            }
            let Some(o) = octets(once) else {
                continue;
            };
            let twin = (0..4)
                .filter_map(|skip| by_pattern.get(&(skip, without(o, skip))))
                .flatten()
                .filter(|other| one_octet_apart(once, other))
                .filter_map(|other| by_address.get_key_value(other))
                .max_by_key(|(other, uses)| (uses.len(), **other));
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

#[cfg(test)]
mod patterns {
    #[test]
    fn patterns_compile_and_need_what_they_say() {
        super::INTRODUCED.check();
    }
}
