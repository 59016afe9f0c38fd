//! The rule trait and the registry of every built-in rule.
//!
//! A rule is a zero-sized type implementing [`Rule`]: its metadata (id,
//! default severity, one-line summary, and its doc from `rules/<id>.md`), the
//! options it accepts in `[rules.<id>]`, and a `check` that reads the
//! [`Incident`] and pushes [`Diagnostic`]s. Rules never see markdown.
//!
//! Adding a rule: write `src/rules/<name>.rs`, its doc `rules/<id>.md`, its
//! fixtures, and one line in [`REGISTRY`].

mod date_ambiguous;
mod date_mismatch;
mod dst_mismatch;
mod duration_mismatch;
mod empty_section;
mod end_time_mismatch;
mod invalid_time;
mod missing_section;
mod mixed_timezones;
mod start_time_mismatch;
mod timeline_entry_missing_time;
mod timeline_order;
mod timezone_ambiguous;
mod timezone_missing;
mod timing;
mod weekday_mismatch;

use std::marker::PhantomData;

use serde::de::DeserializeOwned;

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Incident;

/// What every rule declares about itself.
#[derive(Debug)]
pub struct RuleMeta {
    /// Kebab-case id, used in config, suppressions and output.
    pub id: &'static str,
    pub default_severity: Severity,
    /// One line for `pmlint rules`.
    pub summary: &'static str,
    /// The rule's documentation (`rules/<id>.md`), shown by `pmlint explain`.
    pub doc: &'static str,
}

/// What a rule sees: the incident and the settings that apply to its file.
pub struct LintContext<'m, 'a> {
    pub incident: &'m Incident<'a>,
    pub settings: &'m Settings,
}

pub trait Rule: Send + Sync + 'static {
    const META: RuleMeta;
    /// The rule's `[rules.<id>]` options; unknown keys are rejected.
    type Options: DeserializeOwned + Default + Send + Sync + 'static;

    fn check(ctx: &LintContext<'_, '_>, options: &Self::Options, out: &mut Vec<Diagnostic>);
}

/// The options of a rule that takes none: any key in its table is an error.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoOptions {}

/// A rule with its options read from config, ready to run.
pub trait ConfiguredRule: Send + Sync {
    fn id(&self) -> &str;
    fn check(&self, ctx: &LintContext<'_, '_>, out: &mut Vec<Diagnostic>);
}

/// A registry entry: a rule's metadata and how to configure it.
pub trait RuleEntry: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    /// Read the rule's options (the `[rules.<id>]` table without `level`).
    fn configure(&self, options: toml::Table) -> Result<Box<dyn ConfiguredRule>, String>;
}

pub struct Registered<R>(PhantomData<R>);

impl<R: Rule> Registered<R> {
    pub const ENTRY: Self = Registered(PhantomData);
}

struct Configured<R: Rule> {
    options: R::Options,
}

impl<R: Rule> ConfiguredRule for Configured<R> {
    fn id(&self) -> &str {
        R::META.id
    }

    fn check(&self, ctx: &LintContext<'_, '_>, out: &mut Vec<Diagnostic>) {
        R::check(ctx, &self.options, out);
    }
}

impl<R: Rule> RuleEntry for Registered<R> {
    fn meta(&self) -> &'static RuleMeta {
        &R::META
    }

    fn configure(&self, options: toml::Table) -> Result<Box<dyn ConfiguredRule>, String> {
        let options = if options.is_empty() {
            R::Options::default()
        } else {
            toml::Value::Table(options)
                .try_into::<R::Options>()
                .map_err(|e| e.message().to_string())?
        };
        Ok(Box::new(Configured::<R> { options }))
    }
}

/// Every built-in rule, in the order `pmlint rules` lists them.
pub static REGISTRY: &[&dyn RuleEntry] = &[
    &Registered::<missing_section::MissingSection>::ENTRY,
    &Registered::<empty_section::EmptySection>::ENTRY,
    &Registered::<timeline_order::TimelineOrder>::ENTRY,
    &Registered::<timeline_entry_missing_time::TimelineEntryMissingTime>::ENTRY,
    &Registered::<duration_mismatch::DurationMismatch>::ENTRY,
    &Registered::<start_time_mismatch::StartTimeMismatch>::ENTRY,
    &Registered::<end_time_mismatch::EndTimeMismatch>::ENTRY,
    &Registered::<date_mismatch::DateMismatch>::ENTRY,
    &Registered::<dst_mismatch::DstMismatch>::ENTRY,
    &Registered::<timezone_missing::TimezoneMissing>::ENTRY,
    &Registered::<timezone_ambiguous::TimezoneAmbiguous>::ENTRY,
    &Registered::<mixed_timezones::MixedTimezones>::ENTRY,
    &Registered::<invalid_time::InvalidTime>::ENTRY,
    &Registered::<date_ambiguous::DateAmbiguous>::ENTRY,
    &Registered::<weekday_mismatch::WeekdayMismatch>::ENTRY,
];

pub fn find(id: &str) -> Option<&'static dyn RuleEntry> {
    REGISTRY.iter().copied().find(|r| r.meta().id == id)
}

pub fn ids() -> impl Iterator<Item = &'static str> {
    REGISTRY.iter().map(|r| r.meta().id)
}
