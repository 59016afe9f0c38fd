//! Lengths of time as people write them: `2 hours`, `one hour`,
//! `3 hours and 20 minutes`, `1.5 hours`, `an hour and a half`, `2h 15m`,
//! `45 mins`, `a two-hour outage`, with approximate markers (`about`, `~`).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// A duration found in text.
#[derive(Clone, Debug, PartialEq)]
pub struct FoundDuration {
    /// From the first number (or the approximate marker) to the last unit.
    pub range: Range<usize>,
    pub seconds: i64,
    /// `about`, `around`, `approximately`, `roughly`, `~`, `nearly`, `almost`, `over`, `under`.
    pub approximate: bool,
}

const NUMBER_WORDS: &[(&str, f64)] = &[
    ("a", 1.0),
    ("an", 1.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("half", 0.5),
    ("a couple of", 2.0),
    ("couple of", 2.0),
];

const AMOUNT: &str = r"[0-9]+(?:\.[0-9]+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|(?:a\s+)?couple\s+of|half\s+an?|an?";

/// One `amount unit` pair. Single-letter units only directly after digits (`2h`, `15m`).
static COMPONENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<amount>{AMOUNT})(?:(?:\s+|-)(?P<unit>days?|hours?|hrs?|minutes?|mins?|seconds?|secs?)\b|(?P<short>h|hr|m|min|s|d)\b)"
    ))
    .expect("valid regex")
});
static JOINER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:\s*,)?\s*(?:and\s+|&\s*)?").expect("valid regex"));
static AND_A_HALF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^\s+and\s+a\s+half\b").expect("valid regex"));
static APPROXIMATE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\b(?:about|around|approximately|approx\.?|roughly|nearly|almost|some|over|under|circa|more than|less than|close to|just over|just under)\s*|~\s*)$")
        .expect("valid regex")
});

fn amount_value(text: &str) -> Option<f64> {
    let lower = text.to_ascii_lowercase();
    let normalized = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Ok(n) = normalized.parse::<f64>() {
        return Some(n);
    }
    // "half an hour"
    if normalized.starts_with("half") {
        return Some(0.5);
    }
    if let Some(v) = NUMBER_WORDS.iter().find(|(w, _)| *w == normalized).map(|(_, v)| *v) {
        return Some(v);
    }
    // "forty-five", "twenty five"
    let (tens, ones) = normalized.split_once(['-', ' '])?;
    let tens = NUMBER_WORDS.iter().find(|(w, _)| *w == tens)?.1;
    let ones = NUMBER_WORDS.iter().find(|(w, _)| *w == ones)?.1;
    Some(tens + ones)
}

fn unit_seconds(unit: &str) -> Option<f64> {
    let u = unit.to_ascii_lowercase();
    let secs = match u.as_str() {
        "day" | "days" | "d" => 86_400.0,
        "hour" | "hours" | "hr" | "hrs" | "h" => 3_600.0,
        "minute" | "minutes" | "min" | "mins" | "m" => 60.0,
        "second" | "seconds" | "sec" | "secs" | "s" => 1.0,
        _ => return None,
    };
    Some(secs)
}

/// Every duration in `text`, adjacent parts joined (`3 hours and 20 minutes`).
pub fn find_durations(text: &str) -> Vec<FoundDuration> {
    let mut found: Vec<FoundDuration> = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let Some(caps) = COMPONENT.captures_at(text, pos) else {
            break;
        };
        let Some(whole) = caps.get(0) else {
            break;
        };
        let Some(seconds) = component_seconds(&caps) else {
            pos = whole.end();
            continue;
        };
        let mut end = whole.end();
        let mut total = seconds;
        // "an hour and a half"
        if let Some(m) = AND_A_HALF.find(&text[end..]) {
            let unit = caps.name("unit").or(caps.name("short")).map_or("", |u| u.as_str());
            total += unit_seconds(unit).unwrap_or(0.0) / 2.0;
            end += m.end();
        }
        // "3 hours and 20 minutes", "2h 15m", "1 hour, 41 minutes"
        loop {
            let joiner = JOINER.find(&text[end..]).map_or(0, |m| m.end());
            let next_at = end + joiner;
            let Some(next) = COMPONENT
                .captures_at(text, next_at)
                .filter(|c| c.get(0).is_some_and(|m| m.start() == next_at))
            else {
                break;
            };
            let Some(secs) = component_seconds(&next) else {
                break;
            };
            total += secs;
            end = next.get(0).map_or(end, |m| m.end());
        }
        let mut start = whole.start();
        let approximate = APPROXIMATE_BEFORE.find(&text[..start]).map(|m| {
            start = m.start();
        });
        found.push(FoundDuration {
            range: start..end,
            seconds: total.round() as i64,
            approximate: approximate.is_some(),
        });
        pos = end;
    }
    found
}

fn component_seconds(caps: &regex::Captures<'_>) -> Option<f64> {
    let amount = caps.name("amount")?.as_str();
    if let Some(short) = caps.name("short") {
        // `2h`, `15m`: only straight after digits.
        if !amount.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            return None;
        }
        return Some(amount_value(amount)? * unit_seconds(short.as_str())?);
    }
    let unit = caps.name("unit")?.as_str();
    Some(amount_value(amount)? * unit_seconds(unit)?)
}

/// `2 h 30 min`, `45 min`, `1 day 2 h`: how pmlint writes a duration in messages.
pub fn format_duration(seconds: i64) -> String {
    let negative = seconds < 0;
    let total_minutes = (seconds.abs() + 30) / 60;
    let days = total_minutes / (24 * 60);
    let hours = total_minutes / 60 % 24;
    let minutes = total_minutes % 60;
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(format!("{days} day{}", if days == 1 { "" } else { "s" }));
    }
    if hours > 0 {
        parts.push(format!("{hours} h"));
    }
    if minutes > 0 || parts.is_empty() {
        parts.push(format!("{minutes} min"));
    }
    let text = parts.join(" ");
    if negative { format!("-{text}") } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn durations(text: &str) -> Vec<(String, i64, bool)> {
        find_durations(text)
            .into_iter()
            .map(|d| (text[d.range].to_string(), d.seconds / 60, d.approximate))
            .collect()
    }

    fn one(text: &str) -> (i64, bool) {
        let found = durations(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        (found[0].1, found[0].2)
    }

    #[test]
    fn the_ways_people_write_durations() {
        assert_eq!(one("a disruption that spanned 2 hours."), (120, false));
        assert_eq!(one("that lasted for one hour"), (60, false));
        assert_eq!(one("persisted for 3 hours and 20 minutes"), (200, false));
        assert_eq!(one("lasted approximately 4 hours"), (240, true));
        assert_eq!(one("for 90 minutes"), (90, false));
        assert_eq!(one("took 1.5 hours"), (90, false));
        assert_eq!(one("an hour and a half"), (90, false));
        assert_eq!(one("down 2h 15m total"), (135, false));
        assert_eq!(one("about 45 mins"), (45, true));
        assert_eq!(one("a two-hour outage"), (120, false));
        assert_eq!(one("down for 1 hour 41 minutes"), (101, false));
        assert_eq!(one("~30 minutes"), (30, true));
        assert_eq!(one("forty-five minutes"), (45, false));
        assert_eq!(one("half an hour"), (30, false));
        assert_eq!(one("(2 hours 15 minutes)"), (135, false));
        assert_eq!(one("lasted nearly two days"), (2880, true));
        assert_eq!(one("a couple of hours"), (120, false));
    }

    #[test]
    fn spans_include_the_approximate_marker() {
        let text = "lasted approximately 4 hours.";
        assert_eq!(durations(text)[0].0, "approximately 4 hours");
    }

    #[test]
    fn not_durations() {
        assert_eq!(durations("5 m of cable"), vec![]);
        assert_eq!(durations("we had many hours of fun"), vec![]);
        assert_eq!(durations("version 2 of the app"), vec![]);
        assert_eq!(durations("at 9AM"), vec![]);
    }

    #[test]
    fn formatting() {
        assert_eq!(format_duration(2 * 3600 + 30 * 60), "2 h 30 min");
        assert_eq!(format_duration(45 * 60), "45 min");
        assert_eq!(format_duration(3600), "1 h");
        assert_eq!(format_duration(26 * 3600), "1 day 2 h");
        assert_eq!(format_duration(0), "0 min");
    }
}
