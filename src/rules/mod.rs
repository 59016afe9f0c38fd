//! The rule trait and the registry of every built-in rule.
//!
//! A rule is a zero-sized type implementing [`Rule`]: its metadata (id,
//! default severity, one-line summary, and its doc from `rules/<id>.md`), the
//! options it accepts in `[rules.<id>]`, and a `check` that reads the
//! [`Incident`] and pushes [`Diagnostic`]s. Rules never see markdown.
//!
//! Adding a rule: write `src/rules/<name>.rs`, its doc `rules/<id>.md`, its
//! fixtures, and one line in [`REGISTRY`]. A rule that is only a regex or a
//! word list is written as data instead (`rules/<id>.toml`, in the format of
//! `[[custom_rules]]`) and listed in [`DATA_RULE_FILES`].

mod action_item_owner;
mod action_item_tracking;
pub mod custom;
pub mod data_gate;
mod date_ambiguous;
mod date_mismatch;
mod dst_mismatch;
mod due_date_before_incident;
pub mod duplicate_incident_id;
mod duplicate_word;
mod duration_mismatch;
mod empty_section;
mod end_time_mismatch;
mod filename_date_mismatch;
mod impact_unquantified;
mod inconsistent_name;
mod invalid_suppression;
mod invalid_time;
mod ip_near_duplicate;
mod literals;
mod metadata_required;
mod missing_section;
mod mixed_timezones;
mod no_action_items;
mod prefilter;
mod start_time_mismatch;
mod timeline_entry_missing_time;
mod timeline_order;
mod timezone_ambiguous;
mod timezone_missing;
mod timing;
mod unused_suppression;
mod weekday_mismatch;

use crate::hash::HashSet;
use std::marker::PhantomData;
use std::sync::LazyLock;

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
    /// Opt-in rules (false) run only when a preset or `[rules]` sets a level.
    pub enabled_by_default: bool,
    /// One line for `pmlint rules`.
    pub summary: &'static str,
    /// The rule's documentation (`rules/<id>.md`), shown by `pmlint explain`.
    pub doc: &'static str,
}

/// What a rule sees: the incident, the settings that apply to its file, and
/// the file's name as given (`<stdin>` for standard input).
pub struct LintContext<'m, 'a> {
    pub incident: &'m Incident<'a>,
    pub settings: &'m Settings,
    pub path: &'m str,
    /// The lines the data rules read, searched once for all of them.
    data: data_gate::DataLines<'m, 'a>,
}

impl<'m, 'a> LintContext<'m, 'a> {
    /// `gate`: the configuration's data gate (`Config::data_gate`).
    pub fn new(
        incident: &'m Incident<'a>,
        settings: &'m Settings,
        path: &'m str,
        gate: Option<&'m data_gate::DataGate>,
    ) -> Self {
        LintContext {
            incident,
            settings,
            path,
            data: data_gate::DataLines::new(incident, gate),
        }
    }
}

pub trait Rule: Send + Sync + 'static {
    const META: RuleMeta;
    /// The rule's `[rules.<id>]` options; unknown keys are rejected.
    type Options: DeserializeOwned + serde::Serialize + Default + Send + Sync + 'static;

    fn check(ctx: &LintContext<'_, '_>, options: &Self::Options, out: &mut Vec<Diagnostic>);
}

/// The options of a rule that takes none: any key in its table is an error.
#[derive(Debug, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct NoOptions {}

/// A rule with its options read from config, ready to run.
pub trait ConfiguredRule: Send + Sync {
    fn id(&self) -> &str;
    fn check(&self, ctx: &LintContext<'_, '_>, out: &mut Vec<Diagnostic>);
    /// A rule written as data, for the configuration's shared data gate.
    fn as_data_rule(&self) -> Option<&custom::CustomRule> {
        None
    }
}

/// A registry entry: a rule's metadata and how to configure it.
pub trait RuleEntry: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    /// Read the rule's options (the `[rules.<id>]` table without `level`).
    fn configure(&self, options: toml::Table) -> Result<Box<dyn ConfiguredRule>, String>;
    /// The rule's options at their defaults, as `pmlint init` writes them.
    fn default_options(&self) -> toml::Table {
        toml::Table::new()
    }
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

    fn default_options(&self) -> toml::Table {
        toml::Table::try_from(R::Options::default()).unwrap_or_default()
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
    &Registered::<inconsistent_name::InconsistentName>::ENTRY,
    &Registered::<ip_near_duplicate::IpNearDuplicate>::ENTRY,
    &Registered::<no_action_items::NoActionItems>::ENTRY,
    &Registered::<action_item_owner::ActionItemOwner>::ENTRY,
    &Registered::<action_item_tracking::ActionItemTracking>::ENTRY,
    &Registered::<due_date_before_incident::DueDateBeforeIncident>::ENTRY,
    &Registered::<impact_unquantified::ImpactUnquantified>::ENTRY,
    &Registered::<duplicate_word::DuplicateWord>::ENTRY,
    &Registered::<filename_date_mismatch::FilenameDateMismatch>::ENTRY,
    &Registered::<duplicate_incident_id::DuplicateIncidentId>::ENTRY,
    &Registered::<metadata_required::MetadataRequired>::ENTRY,
    &Registered::<invalid_suppression::InvalidSuppression>::ENTRY,
    &Registered::<unused_suppression::UnusedSuppression>::ENTRY,
];

/// Built-in rules written as data: id, `[[custom_rules]]` entries (as
/// written, and as JSON for the binary to read), doc.
const DATA_RULE_FILES: &[(&str, &str, &str, &str)] = &[
    (
        "blameful-language",
        include_str!("../../rules/blameful-language.toml"),
        builtin_json!("blameful-language"),
        include_str!("../../rules/blameful-language.md"),
    ),
    (
        "placeholder-text",
        include_str!("../../rules/placeholder-text.toml"),
        builtin_json!("placeholder-text"),
        include_str!("../../rules/placeholder-text.md"),
    ),
    (
        "action-item-vague",
        include_str!("../../rules/action-item-vague.toml"),
        builtin_json!("action-item-vague"),
        include_str!("../../rules/action-item-vague.md"),
    ),
];

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct DataRuleFile {
    custom_rules: Vec<custom::CustomRuleDef>,
}

/// A built-in data rule, compiled once.
struct DataRule {
    meta: &'static RuleMeta,
    rule: custom::CustomRule,
}

impl RuleEntry for DataRule {
    fn meta(&self) -> &'static RuleMeta {
        self.meta
    }

    fn configure(&self, options: toml::Table) -> Result<Box<dyn ConfiguredRule>, String> {
        if let Some(key) = options.keys().next() {
            return Err(format!("unknown field `{key}`: this rule takes no options"));
        }
        Ok(Box::new(self.rule.clone()))
    }
}

static DATA_RULES: LazyLock<Vec<DataRule>> = LazyLock::new(|| {
    DATA_RULE_FILES
        .iter()
        .map(|(id, _, json, doc)| {
            // Built-in data ships inside the binary and a test compiles it;
            // failing here means the binary was built from broken data.
            let file: DataRuleFile =
                serde_json::from_str(json).unwrap_or_else(|e| panic!("rules/{id}.toml is invalid: {e}"));
            let mut rules = custom::compile(&file.custom_rules, &HashSet::default(), false)
                .unwrap_or_else(|e| panic!("rules/{id}.toml is invalid: {}", e.message));
            assert!(
                rules.len() == 1 && rules[0].id == *id,
                "rules/{id}.toml must define the rule `{id}` only"
            );
            let rule = rules.remove(0);
            let meta: &'static RuleMeta = Box::leak(Box::new(RuleMeta {
                id,
                default_severity: rule.severity,
                enabled_by_default: true,
                summary: Box::leak(rule.summary.clone().into_boxed_str()),
                doc,
            }));
            DataRule { meta, rule }
        })
        .collect()
});

/// Every built-in rule: those written in Rust, then those written as data.
pub fn all() -> impl Iterator<Item = &'static dyn RuleEntry> {
    REGISTRY
        .iter()
        .copied()
        .chain(DATA_RULES.iter().map(|r| r as &dyn RuleEntry))
}

pub fn find(id: &str) -> Option<&'static dyn RuleEntry> {
    all().find(|r| r.meta().id == id)
}

pub fn ids() -> impl Iterator<Item = &'static str> {
    all().map(|r| r.meta().id)
}

#[cfg(test)]
mod tests {
    use crate::hash::HashSet;

    use super::{DATA_RULE_FILES, DataRuleFile, custom};

    /// The data rules' patterns compile only when first needed at run time;
    /// here every one of them is compiled, so a broken pattern fails the build.
    #[test]
    fn every_data_rule_pattern_compiles() {
        for (id, toml_text, _, _) in DATA_RULE_FILES {
            let file: DataRuleFile = toml::from_str(toml_text).unwrap_or_else(|e| panic!("rules/{id}.toml: {e}"));
            if let Err(e) = custom::compile(&file.custom_rules, &HashSet::default(), true) {
                panic!("rules/{id}.toml, entry {}: {}: {}", e.index, e.field, e.message);
            }
        }
    }
}
