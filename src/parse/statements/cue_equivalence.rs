//! The hand-written cues read exactly what the regexes they replaced matched.

use regex::Regex;

use super::*;
use crate::cue::equivalence::{self, sample_texts};

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap()
}

fn vocabulary() -> Vec<&'static str> {
    let lists = [
        DURATION_CUES,
        OUTAGE_NOUNS,
        LEAD_TIME_CUES,
        ROUGHLY,
        NOT_OUTAGE_AFTER,
        WORK,
        NOTICING,
        OUTAGE_STATES,
        START_WORDS,
        LATER_STEP_WORDS,
        ENDED,
        AT_ON_BY,
        WINDOW_OPENERS,
        WINDOW_JOINERS,
        HAPPENED,
        STARTED_LABELS,
        ENDED_LABELS,
    ];
    let mut words: Vec<&str> = lists.iter().flat_map(|l| l.0.iter().copied()).collect();
    words.extend([
        "long", "total", "service", "of the", "time", "duration", "crashed", "slowly", "degraded", "timed",
    ]);
    words.iter().map(|w| w.trim_end_matches('*')).collect()
}

fn samples(pattern: &str, count: usize) -> Vec<String> {
    sample_texts(pattern, &vocabulary(), count)
}

fn assert_same_before(pattern: &str, reader: impl Fn(Before<'_>) -> bool) {
    equivalence::assert_same_before(pattern, &vocabulary(), reader);
}

fn assert_same_text(pattern: &str, reader: impl Fn(&str) -> bool) {
    equivalence::assert_same_text(pattern, &vocabulary(), reader);
}

#[test]
fn duration_cues() {
    assert_same_before(
        r"(?i)\b(?:lasted|lasting|last|spanned|spanning|spans|persisted|persisting|continued|continuing|took|taking|down|offline|unavailable|inaccessible|unreachable|outage|downtime|disruption|interruption|duration|period|total|lasts|ran|running)\b[^.;:]{0,40}$",
        duration_cue_before,
    );
    assert_same_text(
        r"(?i)^\s*(?:-\s*)?(?:long\s+)?(?:of\s+)?(?:total\s+)?(?:service\s+)?(?:outage|downtime|disruption|interruption|incident|blackout)",
        duration_cue_after,
    );
    assert_same_before(
        r"(?i)\b(?:within|every|each|per|after|in|next|last|past|first|later|earlier|up to|before)\s+(?:the\s+)?(?:about\s+|around\s+|approximately\s+|nearly\s+|~\s*)?$",
        lead_time_before,
    );
    assert_same_text(
        r"(?i)^\s*(?:ago|before|after|later|earlier|prior|into|of (?:the |our )?(?:investigation|debugging|troubleshooting|work|testing|monitoring)|to (?:detect|identify|find|diagnose|notice|escalate|respond|acknowledge|investigate|spot|realize|realise))\b",
        not_outage_after,
    );
    assert_same_before(
        r"(?i)\b(?:down|offline|unavailable|inaccessible|unreachable|disrupted|interrupted|degraded|failing|failed|broken|unusable|unresponsive|erroring|stopped|halted|stalled|frozen|hung|paused|out|could not|couldn't|cannot|can't|unable to|not able to)\b(?:\s+[A-Za-z0-9_'-]+){0,4}\s+for\s*(?:about\s+|around\s+|approximately\s+|nearly\s+|~\s*)?$",
        down_for,
    );
}

#[test]
fn start_and_end_cues() {
    assert_same_text(
        r"(?i)\b(?:outage|downtime|disruption|interruption|incident|issue|problem|errors?|failure|failed|failing|down|unavailable|unresponsive|crash(?-u:\w)*|experienced|encountered|occurred|occured|began|begun|started|starts|hit|affected|went|became|stopped|broke|broken|slow(?-u:\w)*|degrad(?-u:\w)*|latency|timed out|timeouts?)\b",
        |t| START_WORDS.is_in(t),
    );
    assert_same_text(
        r"(?i)\b(?:restored|resolved|fixed|recovered|discovered|detected|identified|noticed|alerted|deployed|mitigated|escalated|rolled back)\b",
        |t| LATER_STEP_WORDS.is_in(t),
    );
    assert_same_text(r"(?i)\b(?:ended|finished|concluded)\s+(?:at|on|by)?\s*$", |t| {
        ended_at(Before::end_of(t))
    });
    assert_same_before(
        r"(?i)\b(?:from|between|starting|since|duration)\b[^.;]{0,30}$",
        window_opens_before,
    );
    assert_same_text(
        r"(?i)^\s*(?:,\s*)?(?:to|and|until|till|through|thru|-|–|—|->|→)\s*$",
        joins_a_window,
    );
    assert_same_before(
        r"(?i)(?:^|[.!?]\s+)on\s*$|\b(?:occurred|occured|happened|took place|started|began|begun|was|were|hit|struck)\s+on\s*$",
        incident_date_cue,
    );
}

fn kind_of_label(label: &str) -> LineKind {
    let label = label.to_lowercase();
    if label.starts_with("duration") {
        LineKind::Duration
    } else if label.starts_with("start") {
        LineKind::Start
    } else {
        LineKind::End
    }
}

#[test]
fn labels() {
    let line = re(r"(?i)^\s*(duration|start(?:\s+time)?|end(?:\s+time)?|started|ended)[^:]{0,20}:");
    let before = re(
        r"(?i)\b(start(?:ed|ing)?(?:[\s-]+time)?|began|begin|end(?:ed)?(?:[\s-]+time)?|finish(?:ed)?)\s*(?:\([^)]*\))?\s*:\s*$",
    );
    let mut texts = samples(&format!("{} {}", line.as_str(), before.as_str()), 20000);
    texts.extend([
        "Start time (UTC, approx):".into(),
        "Start time (a long note here):".into(),
    ]);
    for text in texts {
        let by_regex = line
            .captures(&text)
            .map(|c| (kind_of_label(&c[1]), c.get(0).unwrap().end()));
        assert!(line_label(&text) == by_regex, "line label of {text:?}");
        let by_regex = before.captures(&text).map(|c| {
            let l = c[1].to_lowercase();
            if l.starts_with("end") || l.starts_with("finish") {
                LineKind::End
            } else {
                LineKind::Start
            }
        });
        assert!(label_before(&text) == by_regex, "label before the end of {text:?}");
    }
}
