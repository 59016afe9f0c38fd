//! ## What it does
//! Reports a suppression comment, or a rule named in one, that silences no
//! finding, like ruff's unused-noqa. When nothing in the comment is used, a
//! safe fix removes it.
//!
//! ## Why is this bad?
//! A stale suppression hides the next real finding of its rule at that
//! place, and tells readers a problem is there when it is not.
//!
//! The engine reports this after every rule has run (see `crate::suppress`);
//! this entry gives it an id, a level and a doc.
//!
//! ## Example
//! `<!-- pmlint-disable-next-line timeline-order -->` above entries in order.

use super::{LintContext, NoOptions, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub struct UnusedSuppression;

impl Rule for UnusedSuppression {
    const META: RuleMeta = RuleMeta {
        id: crate::suppress::UNUSED,
        default_severity: Severity::Info,
        enabled_by_default: true,
        summary: "A suppression comment that silences nothing",
        doc: include_str!("../../rules/unused-suppression.md"),
    };
    type Options = NoOptions;

    fn check(_: &LintContext<'_, '_>, _: &NoOptions, _: &mut Vec<Diagnostic>) {}
}
