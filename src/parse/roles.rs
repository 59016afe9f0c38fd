//! What a timeline entry marks (impact start, detection, mitigation,
//! resolution), from the phrase table in `rules/event-roles.toml`.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::cue::{Before, Words};
use crate::model::EventRole;
use crate::phrase::{PhraseMatch, PhraseSet};

/// "attempt to restore", "not yet resolved", "tried to fix": the phrase is
/// there but the event is not.
const NEGATIONS: Words = Words::new(&[
    "attempt",
    "attempts",
    "attempted",
    "attempting",
    "try",
    "tries",
    "tried",
    "trying",
    "fail",
    "fails",
    "failed",
    "failing",
    "unable",
    "not",
    "never",
    "couldn't",
    "cannot",
    "can't",
    "without",
    "before",
    "until",
    "plan",
    "planned",
    "plans",
    "will",
]);
const WAITING: Words = Words::new(&["wait", "waited", "waiting"]);
const INFINITIVE: Words = Words::new(&["to", "be", "being", "been"]);

fn negated(b: Before<'_>) -> bool {
    let Some(b) = b.space() else {
        return false;
    };
    let b = b.any_word(&INFINITIVE).and_then(Before::space).unwrap_or(b);
    let after = |b: Option<Before<'_>>, word: &str| b.and_then(Before::space).and_then(|b| b.word(word)).is_some();
    b.any_word(&NEGATIONS).is_some()
        || after(b.word("yet"), "not")
        || after(b.word("longer"), "no")
        || b.word("for")
            .and_then(Before::space)
            .and_then(|b| b.any_word(&WAITING))
            .is_some()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableDef {
    markers: BTreeMap<String, Vec<String>>,
    phrases: BTreeMap<String, Vec<String>>,
}

#[derive(Clone, Debug)]
pub struct RoleTable {
    markers: Vec<(EventRole, Vec<String>)>,
    /// The first two bytes of every marker, and a table of their first
    /// bytes: a text without one of these pairs holds no marker, and most
    /// timeline entries are spared a substring search per marker.
    marker_pairs: Vec<[u8; 2]>,
    marker_initials: [bool; 256],
    /// A marker shorter than two bytes: every text may hold one.
    short_marker: bool,
    phrases: BTreeMap<String, Vec<String>>,
    /// Every role's phrases, labelled with the role's place in `EventRole::ALL`.
    compiled: Option<PhraseSet>,
}

static BUILTIN: LazyLock<RoleTable> = LazyLock::new(|| {
    RoleTable::from_json(builtin_json!("event-roles"))
        .unwrap_or_else(|e| panic!("built-in rules/event-roles.toml is invalid: {e}"))
});

pub fn parse_role(name: &str) -> Result<EventRole, String> {
    EventRole::ALL.into_iter().find(|r| r.as_str() == name).ok_or_else(|| {
        let names: Vec<&str> = EventRole::ALL.iter().map(|r| r.as_str()).collect();
        format!("unknown event role `{name}` (expected one of {})", names.join(", "))
    })
}

impl RoleTable {
    pub fn builtin() -> &'static RoleTable {
        &BUILTIN
    }

    fn from_json(text: &str) -> Result<RoleTable, String> {
        let def: TableDef = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let mut markers = Vec::new();
        for (role, list) in def.markers {
            markers.push((parse_role(&role)?, list));
        }
        let all = || markers.iter().flat_map(|(_, list)| list).map(|m| m.as_bytes());
        let marker_pairs: Vec<[u8; 2]> = all().filter_map(|m| Some([*m.first()?, *m.get(1)?])).collect();
        let mut marker_initials = [false; 256];
        for [first, _] in &marker_pairs {
            marker_initials[usize::from(*first)] = true;
        }
        let short_marker = all().any(|m| m.len() < 2);
        let mut table = RoleTable {
            markers,
            marker_pairs,
            marker_initials,
            short_marker,
            phrases: def.phrases,
            compiled: None,
        };
        table.compile()?;
        Ok(table)
    }

    fn compile(&mut self) -> Result<(), String> {
        for (role, _) in &self.markers {
            // Every marker's role is also a phrase role, so the set is complete.
            if !self.phrases.contains_key(role.as_str()) {
                return Err(format!("role `{}` has markers but no phrases", role.as_str()));
            }
        }
        let phrases = EventRole::ALL.iter().enumerate().flat_map(|(label, role)| {
            let list = self.phrases.get(role.as_str()).map_or(&[][..], Vec::as_slice);
            list.iter().map(move |p| (label, p.as_str()))
        });
        self.compiled = Some(PhraseSet::new(phrases)?);
        Ok(())
    }

    /// The role phrases of `text` that the words before them do not negate, by start.
    fn unnegated<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (PhraseMatch, EventRole)> + 'a {
        self.compiled
            .iter()
            .flat_map(move |set| set.find_all(text))
            .filter(move |m| !negated(Before::point(text, m.start)))
            .filter_map(|m| EventRole::ALL.get(m.label).map(|role| (m, *role)))
    }

    /// This table with the user's phrases added (`[roles] detection = ["..."]`).
    pub fn extended(&self, extra: &BTreeMap<String, Vec<String>>) -> Result<RoleTable, String> {
        let mut table = self.clone();
        for (role, list) in extra {
            parse_role(role)?;
            table
                .phrases
                .entry(role.clone())
                .or_default()
                .extend(list.iter().cloned());
        }
        table.compile()?;
        Ok(table)
    }

    /// The role an entry's text gives it: an upper-case marker if present,
    /// else the phrase that comes first in the text.
    pub fn classify(&self, text: &str) -> Option<EventRole> {
        if self.may_hold_marker(text) {
            for (role, markers) in &self.markers {
                if markers.iter().any(|m| text.contains(m.as_str())) {
                    return Some(*role);
                }
            }
        }
        // By start, then in role order: the first is the phrase that comes
        // first. Taken as the matches come, not collected and sorted: a
        // match that cannot come first is not even read for a negation.
        let mut first: Option<((usize, usize), EventRole)> = None;
        if let Some(set) = &self.compiled {
            set.for_each_match(text, |m| {
                let key = (m.start, m.label);
                if first.is_some_and(|(best, _)| best <= key) || negated(Before::point(text, m.start)) {
                    return;
                }
                if let Some(role) = EventRole::ALL.get(m.label) {
                    first = Some((key, *role));
                }
            });
        }
        first.map(|(_, role)| role)
    }

    /// Whether `text` holds the first two bytes of some marker.
    fn may_hold_marker(&self, text: &str) -> bool {
        let b = text.as_bytes();
        self.short_marker
            || (1..b.len())
                .any(|i| self.marker_initials[usize::from(b[i - 1])] && self.marker_pairs.contains(&[b[i - 1], b[i]]))
    }

    /// Where `text` tells that something was done to restore service.
    pub fn find_restoration(&self, text: &str) -> Option<std::ops::Range<usize>> {
        self.unnegated(text)
            .find(|(_, role)| matches!(role, EventRole::Mitigation | EventRole::Resolution))
            .map(|(m, _)| m.range())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(text: &str) -> Option<&'static str> {
        RoleTable::builtin().classify(text).map(EventRole::as_str)
    }

    /// Taking the first phrase as the matches come gives the role that
    /// sorting every unnegated match by start and role gave.
    #[test]
    fn first_phrase_is_found_without_sorting() {
        let table = RoleTable::builtin();
        let mut pieces: Vec<&str> = table.phrases.values().flatten().map(String::as_str).collect();
        pieces.extend([
            "not ",
            "no longer ",
            "yet not ",
            "never ",
            "to ",
            "waiting for ",
            " ",
            " ",
            ", ",
            "x",
            "É",
        ]);
        let mut draws = crate::cue::equivalence::Draws::new(0x3c6e_f372_fe94_f82b);
        let mut roles = [0usize; 2];
        for _ in 0..20_000 {
            let text: String = (0..1 + draws.below(6)).map(|_| draws.pick(&pieces)).collect();
            let sorted = table
                .unnegated(&text)
                .min_by_key(|(m, _)| (m.start, m.label))
                .map(|(_, role)| role);
            let found = table.classify(&text);
            if !table.may_hold_marker(&text) {
                assert_eq!(found, sorted, "{text:?}");
            }
            roles[usize::from(found.is_some())] += 1;
        }
        assert!(roles[0] > 5_000 && roles[1] > 3_000, "{roles:?}");
        // A user's phrase may hold another's: the one that starts first
        // wins, though the one inside it ends first.
        let extra = BTreeMap::from([
            (
                "mitigation".to_string(),
                vec!["restart of the alerting pipeline".to_string()],
            ),
            ("detection".to_string(), vec!["alerting".to_string()]),
        ]);
        let table = table.extended(&extra).expect("valid roles");
        let role = table
            .classify("restart of the alerting pipeline")
            .map(EventRole::as_str);
        assert_eq!(role, Some("mitigation"));
    }

    /// The quick test never hides a marker: every text holding one passes it.
    #[test]
    fn the_marker_test_passes_every_marker() {
        let table = RoleTable::builtin();
        let mut pieces: Vec<&str> = table.markers.iter().flat_map(|(_, l)| l).map(String::as_str).collect();
        pieces.extend([
            "OUT",
            "AGE",
            "IN",
            "CIDENT",
            "ENDS",
            " ",
            ":",
            "14:05",
            "outage begins",
            "UTC",
            "É",
            "RESOLV",
        ]);
        let mut draws = crate::cue::equivalence::Draws::new(0x6a09_e667_f3bc_c908);
        let (mut holding, mut passed) = (0, 0);
        for _ in 0..20_000 {
            let text: String = (0..1 + draws.below(5)).map(|_| draws.pick(&pieces)).collect();
            let holds = table
                .markers
                .iter()
                .flat_map(|(_, l)| l)
                .any(|m| text.contains(m.as_str()));
            let may = table.may_hold_marker(&text);
            holding += usize::from(holds);
            passed += usize::from(may);
            assert!(may || !holds, "{text:?}");
        }
        // It passes some texts without a marker ("OUT" "CIDENT"), and stops others.
        assert!(
            holding > 5_000 && passed < 20_000 && passed > holding,
            "{holding} {passed}"
        );
        assert!(!table.may_hold_marker("14:05 UTC: api latency alert fired"));
    }

    #[test]
    fn phrases() {
        assert_eq!(
            role("Our monitoring system signaled an issue with a server"),
            Some("detection")
        );
        assert_eq!(role("Pagers alerted on-call team"), Some("detection"));
        assert_eq!(
            role("Our clients started receiving a http 500 error."),
            Some("impact-start")
        );
        assert_eq!(role("Server Outage begins"), Some("impact-start"));
        assert_eq!(role("Successful rollback"), Some("mitigation"));
        assert_eq!(role("100% of traffic back online"), Some("resolution"));
        assert_eq!(
            role("We verified that all services were back online"),
            Some("resolution")
        );
        assert_eq!(role("Configuration of servers begin"), None);
        assert_eq!(role("First attempt to restore the physical computer"), None);
        assert_eq!(role("Services not yet restored; still investigating"), None);
    }

    #[test]
    fn markers_win() {
        assert_eq!(role("**OUTAGE ENDS** alerts cleared"), Some("resolution"));
        assert_eq!(role("OUTAGE BEGINS -- errors were noticed"), Some("impact-start"));
    }

    #[test]
    fn restoration() {
        let t = RoleTable::builtin();
        assert!(
            t.find_restoration("This was corrected by replacing the faulty parts")
                .is_some()
        );
        assert!(t.find_restoration("The disk filled up.").is_none());
    }

    #[test]
    fn config_extends_phrases() {
        let mut extra = BTreeMap::new();
        extra.insert("detection".to_string(), vec!["canary screamed".to_string()]);
        let t = RoleTable::builtin().extended(&extra).unwrap();
        assert_eq!(t.classify("the canary screamed"), Some(EventRole::Detection));
        extra.insert("detect".to_string(), vec![]);
        assert!(RoleTable::builtin().extended(&extra).is_err());
    }

    #[test]
    fn negations_read_as_the_regex_did() {
        let words: Vec<&str> = [NEGATIONS, WAITING, INFINITIVE]
            .iter()
            .flat_map(|l| l.0.iter().copied())
            .collect();
        crate::cue::equivalence::assert_same_before(
            r"(?i)\b(?:attempt(?:s|ed|ing)?|tr(?:y|ies|ied|ying)|fail(?:s|ed|ing)?|unable|not(?:\s+yet)?|never|no\s+longer|couldn't|could\s+not|cannot|can't|without|before|until|wait(?:ed|ing)?\s+for|plan(?:ned|s)?|will)\s+(?:to\s+|be\s+|being\s+|been\s+)?$",
            &words,
            negated,
        );
    }
}
