//! ## What it does
//! Reports action items with no owner: no `@handle`, no `Owner: X`, no owner
//! column, no `(Jane)`. One report per action-items section, labelling every
//! item without an owner.
//!
//! ## Why is this bad?
//! An action item nobody owns is an action item nobody does; the next
//! postmortem finds it still open.
//!
//! Info by default; `preset = "strict"` makes it a warning.
//!
//! ## Example
//! `- Add an alert on disk usage` with no owner.

use super::{LintContext, NoOptions, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::ActionItem;

pub struct ActionItemOwner;

impl Rule for ActionItemOwner {
    const META: RuleMeta = RuleMeta {
        id: "action-item-owner",
        default_severity: Severity::Info,
        enabled_by_default: true,
        summary: "Action items without an owner",
        doc: include_str!("../../rules/action-item-owner.md"),
    };
    type Options = NoOptions;

    fn check(ctx: &LintContext<'_, '_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        report_per_section(
            ctx,
            |i| i.owner.is_none(),
            "no owner",
            "name who will do each item: `@handle`, `Owner: Name`, or an Owner column",
            out,
        );
    }
}

/// One diagnostic per action-items section, on its first item that fails
/// `lacks`, with every other such item labelled; `label` says what such an
/// item has ("no owner") and ends the message.
pub(super) fn report_per_section(
    ctx: &LintContext<'_, '_>,
    lacks: impl Fn(&ActionItem) -> bool,
    label: &str,
    help: &str,
    out: &mut Vec<Diagnostic>,
) {
    // Items by section, sections in the order their first item appears.
    let mut groups: Vec<Vec<&ActionItem>> = Vec::new();
    let mut slots: crate::hash::HashMap<usize, usize> = crate::hash::HashMap::default();
    for item in &ctx.incident.action_items {
        let slot = *slots.entry(item.section).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[slot].push(item);
    }
    for in_section in groups {
        let lacking: Vec<&&ActionItem> = in_section.iter().filter(|i| lacks(i)).collect();
        let Some(first) = lacking.first() else {
            continue;
        };
        let verb = if lacking.len() == 1 { "has" } else { "have" };
        let message = format!("{} of {} action items {verb} {label}", lacking.len(), in_section.len());
        let mut d = Diagnostic::new(first.span, message).with_label(label).with_help(help);
        for item in lacking.iter().skip(1) {
            d = d.with_secondary(item.span, label);
        }
        out.push(d);
    }
}
