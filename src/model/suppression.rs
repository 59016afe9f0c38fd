//! Suppression comments: `<!-- pmlint-disable rule-a rule-b -->` and kin.

use crate::source::Span;

use super::Spanned;

/// What a suppression comment does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuppressionKind {
    /// `pmlint-disable`: from this comment on, until a `pmlint-enable`.
    Disable,
    /// `pmlint-enable`: ends a `pmlint-disable`.
    Enable,
    /// `pmlint-disable-line`: the lines the comment is on.
    DisableLine,
    /// `pmlint-disable-next-line`: the next line that is not blank.
    DisableNextLine,
    /// `pmlint-disable-file`: the whole document.
    DisableFile,
}

impl SuppressionKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            SuppressionKind::Disable => "pmlint-disable",
            SuppressionKind::Enable => "pmlint-enable",
            SuppressionKind::DisableLine => "pmlint-disable-line",
            SuppressionKind::DisableNextLine => "pmlint-disable-next-line",
            SuppressionKind::DisableFile => "pmlint-disable-file",
        }
    }
}

/// One suppression comment.
#[derive(Clone, Debug, PartialEq)]
pub struct Suppression {
    pub kind: SuppressionKind,
    /// The whole comment, `<!--` to `-->`.
    pub span: Span,
    /// The rule ids it names; none means every rule.
    pub rules: Vec<Spanned<String>>,
}
