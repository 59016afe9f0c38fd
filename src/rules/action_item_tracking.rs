//! ## What it does
//! Reports action items that nothing tracks: no ticket (`OPS-123`, `#42`),
//! no link, and no due date. One report per action-items section.
//!
//! ## Why is this bad?
//! Follow-ups that live only in the postmortem are forgotten; a ticket or a
//! date is what brings them back.
//!
//! Info by default; `preset = "strict"` makes it a warning.
//!
//! ## Example
//! `- Rotate the certificates (owner: @li)` with no ticket and no date.

use super::action_item_owner::report_per_section;
use super::{LintContext, NoOptions, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub struct ActionItemTracking;

impl Rule for ActionItemTracking {
    const META: RuleMeta = RuleMeta {
        id: "action-item-tracking",
        default_severity: Severity::Info,
        // Few postmortems outside a ticketing organisation link their action
        // items; `preset = "strict"` turns this on.
        enabled_by_default: false,
        summary: "Action items with no ticket, link or due date",
        doc: include_str!("../../rules/action-item-tracking.md"),
    };
    type Options = NoOptions;

    fn check(ctx: &LintContext<'_, '_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        report_per_section(
            ctx,
            |i| i.tracking.is_none() && i.due.is_none(),
            "no ticket, link or due date",
            "link each item to a ticket (`OPS-123`, an issue URL) or give it a due date",
            out,
        );
    }
}
