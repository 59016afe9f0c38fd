//! ## What it does
//! Reports a suppression comment that names a rule pmlint does not have:
//! `<!-- pmlint-disable timline-order -->`. The help names the closest id.
//!
//! ## Why is this bad?
//! A misspelt id silences nothing, so the finding it was meant to hide
//! comes back, and the comment misleads the next reader.
//!
//! The engine reports this after every rule has run (see `crate::suppress`);
//! this entry gives it an id, a level and a doc.
//!
//! ## Example
//! `<!-- pmlint-disable-next-line timline-order -->`

use super::{LintContext, NoOptions, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub struct InvalidSuppression;

impl Rule for InvalidSuppression {
    const META: RuleMeta = RuleMeta {
        id: crate::suppress::INVALID,
        default_severity: Severity::Warning,
        enabled_by_default: true,
        summary: "A suppression comment names an unknown rule",
        doc: include_str!("../../rules/invalid-suppression.md"),
    };
    type Options = NoOptions;

    fn check(_: &LintContext<'_, '_>, _: &NoOptions, _: &mut Vec<Diagnostic>) {}
}
