//! Lengths of time as people write them: `2 hours`, `one hour`,
//! `3 hours and 20 minutes`, `1.5 hours`, `an hour and a half`, `2h 15m`,
//! `45 mins`, `a two-hour outage`, with approximate markers (`about`, `~`).

use std::ops::Range;

use crate::cue::{Ahead, Before, Words};

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

const TENS: Words = Words::new(&[
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
]);
const ONES: Words = Words::new(&["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]);
/// Number words in the order they are tried: a word that starts a longer
/// one ("seven", "seventeen") is tried first, and the longer one when the
/// first is not followed by a unit.
const NUMBERS: Words = Words::new(&[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
]);
const UNITS: Words = Words::new(&[
    "days", "day", "hours", "hour", "hrs", "hr", "minutes", "minute", "mins", "min", "seconds", "second", "secs", "sec",
]);
/// Units written straight after a number: `2h`, `15min`.
const SHORT_UNITS: Words = Words::new(&["h", "hr", "m", "min", "s", "d"]);
const APPROXIMATELY: Words = Words::new(&[
    "about",
    "around",
    "approximately",
    "approx.",
    "approx",
    "roughly",
    "nearly",
    "almost",
    "some",
    "over",
    "under",
    "circa",
    "more than",
    "less than",
    "close to",
    "just over",
    "just under",
]);

/// One `amount unit` pair: `2 hours`, `forty-five minutes`, `15m`.
struct Component<'t> {
    range: Range<usize>,
    amount: &'t str,
    unit: &'t str,
    /// A unit written straight after the amount (`2h`).
    short: bool,
}

/// Tries `unit_after` at each place an amount starting at `a` may end, in
/// the order the amounts are tried, and returns its first answer.
fn first_amount<'t, R>(a: Ahead<'t>, mut unit_after: impl FnMut(Ahead<'t>) -> Option<R>) -> Option<R> {
    fn digits(a: Ahead<'_>) -> Option<Ahead<'_>> {
        a.run(|c| c.is_ascii_digit())
    }
    fn couple(a: Ahead<'_>) -> Option<Ahead<'_>> {
        a.literal("couple").and_then(Ahead::space).and_then(|a| a.literal("of"))
    }
    let first = a.next_char()?;
    if let Some(whole) = digits(a) {
        return whole
            .literal(".")
            .and_then(digits)
            .and_then(&mut unit_after)
            .or_else(|| unit_after(whole));
    }
    // Only the amounts starting with the word's letter are tried, in the
    // regex's order.
    match first.to_ascii_lowercase() {
        'o' | 't' | 'f' | 's' | 'e' | 'n' => {
            if let Some(tens) = a.any_prefix(&TENS) {
                let compound = tens
                    .char(|c| c.is_whitespace() || c == '-')
                    .and_then(|a| a.any_prefix(&ONES));
                if let Some(found) = compound.and_then(&mut unit_after).or_else(|| unit_after(tens)) {
                    return Some(found);
                }
            }
            a.candidates(&NUMBERS)
                .filter_map(|w| a.literal(w))
                .find_map(&mut unit_after)
        }
        'a' => {
            let article = a.literal("a")?;
            if let Some(found) = article.space().and_then(couple).and_then(&mut unit_after) {
                return Some(found);
            }
            a.literal("an")
                .and_then(&mut unit_after)
                .or_else(|| unit_after(article))
        }
        'c' => couple(a).and_then(unit_after),
        'h' => {
            let half = a.literal("half").and_then(Ahead::space)?;
            half.literal("an")
                .and_then(&mut unit_after)
                .or_else(|| half.literal("a").and_then(unit_after))
        }
        _ => None,
    }
}

/// The component starting at `a`, a word start.
fn component_at<'t>(text: &'t str, a: Ahead<'t>) -> Option<Component<'t>> {
    first_amount(a, |amount| {
        let spaced = amount.space().or_else(|| amount.literal("-"));
        let (unit, short) = match spaced.and_then(|s| s.any_word(&UNITS).map(|u| (s, u))) {
            Some((from, to)) => (from.position()..to.position(), false),
            None => {
                let to = amount.any_word(&SHORT_UNITS)?;
                (amount.position()..to.position(), true)
            }
        };
        Some(Component {
            range: a.position()..unit.end,
            amount: &text[a.position()..amount.position()],
            unit: &text[unit],
            short,
        })
    })
}

/// The first component at a word start at or after byte `from`.
#[cfg(test)]
fn find_component(text: &str, from: usize) -> Option<Component<'_>> {
    Ahead::word_starts_from(text, from)
        .filter(|a| may_start_component(&text[a.position()..]))
        .find_map(|a| component_at(text, a))
}

/// The first component at a word start at or after byte `from`, passing
/// over those that hold no unit cue and end before the reach of the next
/// cue: they give no duration, so `find_durations` reads the same
/// durations as with `find_component` (tested).
///
/// Only the words just before each unit cue (`next_unit_cue`) are read, not
/// every word of the line. A component with a usable unit holds a cue, and
/// starts at most three tokens before it (`component_reach`). One starting
/// earlier than that before the first cue after `from` holds no cue and
/// gives no duration: those are passed over unread.
fn next_component(text: &str, from: usize) -> Option<Component<'_>> {
    let bytes = text.as_bytes();
    let mut pos = from;
    loop {
        let cue = next_unit_cue(bytes, pos)?;
        // A component holding this cue starts at the cue at the latest.
        let found = Ahead::word_starts_from(text, component_reach(bytes, pos, cue))
            .take_while(|a| a.position() <= cue)
            .filter(|a| may_start_component(&text[a.position()..]))
            .find_map(|a| component_at(text, a));
        if found.is_some() {
            return found;
        }
        // The cue is an ASCII byte.
        pos = cue + 1;
    }
}

/// Where a component holding the unit cue at byte `cue` may start at the
/// earliest (not before `from`).
///
/// A component is tokens, runs of `TOKEN_BYTES`, with white space between
/// them. Before the unit come the amount and white space or a hyphen; the
/// amount is at most three tokens (`a couple of`), and the part of the
/// cue's own token before the cue (`45-`, `12` of `12h`) is one of them. So
/// the component starts in one of the three tokens before the cue, and
/// anything else (punctuation) between them and the cue ends the reach. A
/// character beyond ASCII inside a component is white space (`\u{a0}`):
/// every byte of one counts as such.
fn component_reach(bytes: &[u8], from: usize, cue: usize) -> usize {
    let mut at = cue;
    for _ in 0..3 {
        while at > from && SPACE_BYTES[usize::from(bytes[at - 1])] {
            at -= 1;
        }
        if at == from || !TOKEN_BYTES[usize::from(bytes[at - 1])] {
            break;
        }
        while at > from && TOKEN_BYTES[usize::from(bytes[at - 1])] {
            at -= 1;
        }
    }
    // `from`, or next to an ASCII byte: a character boundary.
    at
}

/// The bytes of a component's tokens: ASCII letters and digits, `.`
/// (`1.5`) and `-` (`twenty-five`, `45-minute`).
static TOKEN_BYTES: [bool; 256] = {
    let mut table = crate::text::byte_set(b".-");
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphanumeric() {
            table[b] = true;
        }
        b += 1;
    }
    table
};

/// White space between a component's tokens: ASCII white space, and every
/// byte of a character beyond ASCII.
static SPACE_BYTES: [bool; 256] = {
    let mut table = crate::text::byte_set(crate::text::ASCII_WHITESPACE);
    let mut b = 0x80;
    while b < 256 {
        table[b] = true;
        b += 1;
    }
    table
};

/// Whether a component may start with `word`: digits, or an amount word
/// ("two", "an", "half", "couple"), alone in its run of letters or with a
/// short unit glued to it ("an" + "d": every "and" is read on). A component
/// ends its first word with the amount's first word or a short unit after
/// it; one look at the word dismisses all the others, most of prose.
fn may_start_component(word: &str) -> bool {
    let Some(first) = word.bytes().next() else {
        return false;
    };
    if first.is_ascii_digit() {
        return true;
    }
    // Every amount word starts with one of these letters.
    if !matches!(
        first.to_ascii_lowercase(),
        b'o' | b't' | b'f' | b's' | b'e' | b'n' | b'a' | b'h' | b'c'
    ) {
        return false;
    }
    let run = &word[..word.bytes().take_while(u8::is_ascii_alphabetic).count()];
    // "seventeen" and "min", the longest amount and glued unit.
    if run.len() > 12 {
        return false;
    }
    if is_amount_word(run) {
        return true;
    }
    // Or an amount with a short unit glued on, and the run ends as one does.
    run.as_bytes()
        .last()
        .is_some_and(|b| SHORT_UNIT_ENDS.contains(&b.to_ascii_lowercase()))
        && SHORT_UNITS.0.iter().any(|unit| {
            let Some(cut) = run.len().checked_sub(unit.len()) else {
                return false;
            };
            let (amount, glued) = run.split_at(cut);
            glued.eq_ignore_ascii_case(unit) && is_amount_word(amount)
        })
}

/// The last letters of `SHORT_UNITS`.
const SHORT_UNIT_ENDS: &[u8] = b"hrmnsd";

/// Whether `word` is one of `NUMBERS` or `ARTICLE_AMOUNTS`, in any case.
/// Most words of prose share no initial and length with any of them, and are
/// dismissed by one look at a table instead of a comparison with each.
fn is_amount_word(word: &str) -> bool {
    let shape = |w: &[u8]| match w.first() {
        Some(b) if b.is_ascii_alphabetic() && w.len() < 16 => {
            Some((usize::from(b.to_ascii_lowercase() - b'a'), w.len()))
        }
        _ => None,
    };
    let Some((initial, len)) = shape(word.as_bytes()) else {
        return false;
    };
    AMOUNT_SHAPES[initial] & (1 << len) != 0 && AMOUNT_KEYS.binary_search(&word_key(word.as_bytes())).is_ok()
}

/// A word shorter than 16 bytes as one number, ASCII case aside: two words
/// have one key when they are equal but for ASCII case.
const fn word_key(word: &[u8]) -> u128 {
    let mut key = (word.len() as u128) << 120;
    let mut i = 0;
    while i < word.len() {
        key |= (word[i].to_ascii_lowercase() as u128) << (8 * i);
        i += 1;
    }
    key
}

/// The keys of `NUMBERS` and `ARTICLE_AMOUNTS`, sorted: "the", which shares
/// its initial and length with "two" and "ten", is told from them by a
/// binary search, not by comparing it with every amount word.
static AMOUNT_KEYS: [u128; NUMBERS.0.len() + ARTICLE_AMOUNTS.0.len()] = {
    let mut keys = [0u128; NUMBERS.0.len() + ARTICLE_AMOUNTS.0.len()];
    let mut n = 0;
    let lists = [NUMBERS.0, ARTICLE_AMOUNTS.0];
    let mut l = 0;
    while l < lists.len() {
        let mut i = 0;
        while i < lists[l].len() {
            // Insertion sort, as a constant.
            let key = word_key(lists[l][i].as_bytes());
            let mut at = n;
            while at > 0 && keys[at - 1] > key {
                keys[at] = keys[at - 1];
                at -= 1;
            }
            keys[at] = key;
            n += 1;
            i += 1;
        }
        l += 1;
    }
    keys
};

/// Per lower-case initial, a bit for each length an amount word with that
/// initial has (every amount word is lower-case ASCII and shorter than 16).
static AMOUNT_SHAPES: [u16; 26] = {
    let mut shapes = [0u16; 26];
    let lists = [NUMBERS.0, ARTICLE_AMOUNTS.0];
    let mut l = 0;
    while l < lists.len() {
        let mut i = 0;
        while i < lists[l].len() {
            let word = lists[l][i].as_bytes();
            shapes[(word[0] - b'a') as usize] |= 1 << word.len();
            i += 1;
        }
        l += 1;
    }
    shapes
};

/// The amount words that are no number, or start a longer amount.
const ARTICLE_AMOUNTS: Words = Words::new(&["a", "an", "half", "couple"]);

/// "an hour and a half": the length of " and a half" at the start of `text`.
fn and_a_half(text: &str) -> Option<usize> {
    let a = Ahead::new(text)
        .space()?
        .literal("and")?
        .space()?
        .literal("a")?
        .space()?;
    Some(a.word("half")?.position())
}

/// ", and ", " & ", " ": what may join two parts of one duration.
fn joiner_len(text: &str) -> usize {
    let a = Ahead::new(text);
    let a = a.spaces().literal(",").unwrap_or(a).spaces();
    let joined = a
        .literal("and")
        .and_then(Ahead::space)
        .or_else(|| a.literal("&").map(Ahead::spaces));
    joined.unwrap_or(a).position()
}

/// Where an approximation ending `text` starts ("about ", "~"), if one does.
fn approximation_before(text: &str) -> Option<usize> {
    let b = Before::end_of(text).spaces();
    if let Some(tilde) = b.literal("~") {
        return Some(tilde.position());
    }
    b.candidates(&APPROXIMATELY)
        .filter_map(|w| b.word(w))
        .map(|b| b.position())
        .min()
}

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
    durations_by(text, next_component)
}

/// `find_durations`, with `next` to find the first component from a byte on.
fn durations_by<'t>(text: &'t str, next: impl Fn(&'t str, usize) -> Option<Component<'t>>) -> Vec<FoundDuration> {
    let mut found: Vec<FoundDuration> = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let Some(first) = next(text, pos) else {
            break;
        };
        let Some(seconds) = component_seconds(&first) else {
            pos = first.range.end;
            continue;
        };
        let mut end = first.range.end;
        let mut total = seconds;
        // "an hour and a half"
        if let Some(len) = and_a_half(&text[end..]) {
            total += unit_seconds(first.unit).unwrap_or(0.0) / 2.0;
            end += len;
        }
        // "3 hours and 20 minutes", "2h 15m", "1 hour, 41 minutes"
        loop {
            let next_at = end + joiner_len(&text[end..]);
            let Some(next) = Ahead::word_starts_from(text, next_at)
                .next()
                .filter(|a| a.position() == next_at)
                .and_then(|a| component_at(text, a))
            else {
                break;
            };
            let Some(secs) = component_seconds(&next) else {
                break;
            };
            total += secs;
            end = next.range.end;
        }
        let mut start = first.range.start;
        let approximate = approximation_before(&text[..start]).map(|at| {
            start = at;
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

/// The bytes `next_unit_cue` looks at: digits and the initials of the
/// units' cues, in either case.
static MAY_START_UNIT_CUE: [bool; 256] = crate::text::byte_set(b"0123456789dhmsDHMS");

/// Whether `text` may hold a duration at all: every duration has a unit
/// written out after a space or a hyphen (`two hours`, `45-minute`), which
/// holds `day`, `hour`, `hr`, `min` or `sec`, or a short unit straight after
/// digits (`2h`, `15m`, `30s`, `3d`). Most lines have neither, timeline
/// lines full of times included, and are not read word by word.
#[cfg(test)]
fn may_hold_duration(text: &str) -> bool {
    next_unit_cue(text.as_bytes(), 0).is_some()
}

/// The first byte at or after `from` that may start a unit as
/// `may_hold_duration` tells them: a digit with `h`, `m`, `s` or `d` after
/// it, or `day`, `hour`, `hr`, `min` or `sec`, in any case, not straight
/// after a letter or digit.
fn next_unit_cue(b: &[u8], from: usize) -> Option<usize> {
    (from..b.len()).find(|&i| {
        // A table dismisses the other bytes in fewer instructions than the `match`.
        if !MAY_START_UNIT_CUE[usize::from(b[i])] {
            return false;
        }
        let rest = &b[i + 1..];
        let follows = |s: &[u8]| rest.get(..s.len()).is_some_and(|r| r.eq_ignore_ascii_case(s));
        match b[i].to_ascii_lowercase() {
            b'0'..=b'9' => rest
                .first()
                .is_some_and(|n| matches!(n.to_ascii_lowercase(), b'h' | b'm' | b's' | b'd')),
            // A unit written out follows white space or a hyphen: "hr" in
            // "three" or "min" in "admin" is no cue.
            _ if i > 0 && b[i - 1].is_ascii_alphanumeric() => false,
            b'd' => follows(b"ay"),
            b'h' => follows(b"our") || follows(b"r"),
            b'm' => follows(b"in"),
            b's' => follows(b"ec"),
            _ => false,
        }
    })
}

fn component_seconds(component: &Component<'_>) -> Option<f64> {
    let amount = component.amount;
    if component.short {
        // `2h`, `15m`: only straight after digits.
        if !amount.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            return None;
        }
    }
    Some(amount_value(amount)? * unit_seconds(component.unit)?)
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

    #[test]
    fn lines_without_a_unit_are_not_read() {
        for text in [
            "14:05 - alerts fired",
            "the database went away",
            "v1.2.3 deployed",
            "three admins watched throughput on Monday",
        ] {
            assert!(!may_hold_duration(text), "{text}");
        }
        for text in [
            "2h later",
            "for 15M",
            "two HOURS",
            "45-minute",
            "a day",
            "1 hr",
            "3 secs",
            "5 min",
            "up 3d",
            "30S",
        ] {
            assert!(may_hold_duration(text), "{text}");
        }
    }

    #[test]
    fn words_that_start_no_amount_are_passed_over() {
        for word in [
            "the",
            "after",
            "often",
            "twentyfive",
            "halfway",
            "seventeenth",
            "onerous",
        ] {
            assert!(!may_start_component(word), "{word}");
        }
        for word in [
            "2",
            "a",
            "An",
            "and",
            "am",
            "half",
            "couple",
            "twenty-five",
            "FORTY",
            "seventeenmin",
            "oneé",
        ] {
            assert!(may_start_component(word), "{word}");
        }
    }

    #[test]
    fn every_short_unit_ends_as_the_quick_test_expects() {
        for unit in SHORT_UNITS.0 {
            assert!(SHORT_UNIT_ENDS.contains(&unit.as_bytes()[unit.len() - 1]), "{unit}");
        }
    }

    #[test]
    fn amount_words_are_told_by_their_shape_then_their_letters() {
        let in_lists = |w: &str| NUMBERS.contains(w) || ARTICLE_AMOUNTS.contains(w);
        const LETTERS: &[u8] = b"aAcdefghilnorstuvwxyzEONT";
        let mut draws = crate::cue::equivalence::Draws::new(0x1f83_d9ab_fb41_bd6b);
        let mut words: Vec<String> = NUMBERS
            .0
            .iter()
            .chain(ARTICLE_AMOUNTS.0)
            .map(|w| w.to_uppercase())
            .collect();
        words.extend(["", "é", "1", "_a", "seventeenseventeen", "Half", "cOUPLE"].map(String::from));
        for _ in 0..50_000 {
            let word: Vec<u8> = (0..draws.below(7)).map(|_| draws.pick(LETTERS)).collect();
            words.push(String::from_utf8(word).unwrap());
        }
        let mut found = 0;
        for word in &words {
            found += usize::from(in_lists(word));
            assert_eq!(is_amount_word(word), in_lists(word), "{word:?}");
        }
        assert!(found >= 35, "{found}");
    }

    #[test]
    fn only_the_words_before_a_unit_are_read() {
        let mut words: Vec<&str> = [TENS, ONES, NUMBERS, UNITS, SHORT_UNITS, APPROXIMATELY]
            .iter()
            .flat_map(|l| l.0.iter().copied())
            .collect();
        words.extend([
            "2", "15", "1.5", "3.", "couple", "of", "half", "and", "a", "an", "&", "2h", "15m", "Monday", "admin",
            "through", "security", "5xx", "1,000", "(2", "hours)", "_2", "x2", "2_", "é3",
        ]);
        let mut texts = crate::cue::equivalence::sample_texts("", &words, 6000);
        texts.extend(
            [
                "and 2 hours",
                "Monday: the admin took 45 minutes",
                "an hour and a half, then 2h 15m",
                "seventy\u{a0}five minutes",
                "a  couple\tof hours",
                "a couple of-hours",
                "x-2 hours, (a couple of\u{2003}hours",
                "1.5.2 hours",
                "12345678901234567890 hours",
                "through 3 days",
                "twod hours",
                "approx. 1.5 hrs",
            ]
            .map(String::from),
        );
        let mut found = 0;
        for text in &texts {
            let expected = durations_by(text, find_component);
            found += expected.len();
            assert_eq!(find_durations(text), expected, "{text:?}");
        }
        assert!(found > 500, "{found}");
    }

    #[test]
    fn reads_as_the_regexes_did() {
        use regex::Regex;
        const AMOUNT: &str = r"[0-9]+(?:\.[0-9]+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|(?:a\s+)?couple\s+of|half\s+an?|an?";
        let component = Regex::new(&format!(
            r"(?i)\b(?P<amount>{AMOUNT})(?:(?:\s+|-)(?P<unit>days?|hours?|hrs?|minutes?|mins?|seconds?|secs?)\b|(?P<short>h|hr|m|min|s|d)\b)"
        ))
        .unwrap();
        let joiner = Regex::new(r"(?i)^(?:\s*,)?\s*(?:and\s+|&\s*)?").unwrap();
        let and_half = Regex::new(r"(?i)^\s+and\s+a\s+half\b").unwrap();
        let approximately = r"(?i)(?:\b(?:about|around|approximately|approx\.?|roughly|nearly|almost|some|over|under|circa|more than|less than|close to|just over|just under)\s*|~\s*)$";
        let approximate = Regex::new(approximately).unwrap();
        let mut words: Vec<&str> = [TENS, ONES, NUMBERS, UNITS, SHORT_UNITS, APPROXIMATELY]
            .iter()
            .flat_map(|l| l.0.iter().copied())
            .collect();
        words.extend([
            "2",
            "15",
            "1.5",
            "3.",
            "couple",
            "of",
            "half",
            "and",
            "a",
            "an",
            "&",
            "twenty-five",
            "2h",
            "15m",
            "3d",
            "30s",
            "ninety nine",
        ]);
        let pattern = format!("{} {approximately}", component.as_str());
        for text in crate::cue::equivalence::sample_texts(&pattern, &words, 2500) {
            // A line the quick test passes over holds no duration: at most
            // short units after words ("as", "am"), which are no durations.
            if !may_hold_duration(&text) {
                for c in component.captures_iter(&text) {
                    let short = c.name("short").is_some();
                    let digits = c["amount"].bytes().all(|b| b.is_ascii_digit() || b == b'.');
                    assert!(short && !digits, "{text:?} skipped but holds {:?}", &c[0]);
                }
            }
            for from in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
                let by_regex = component.captures_at(&text, from).map(|c| {
                    let unit = c.name("unit").or(c.name("short")).unwrap();
                    (
                        c.get(0).unwrap().range(),
                        c["amount"].to_string(),
                        unit.as_str().to_string(),
                        c.name("short").is_some(),
                    )
                });
                let by_hand =
                    find_component(&text, from).map(|c| (c.range, c.amount.to_string(), c.unit.to_string(), c.short));
                assert_eq!(by_regex, by_hand, "component from {from} of {text:?}");
                let rest = &text[from..];
                assert_eq!(
                    joiner.find(rest).map_or(0, |m| m.end()),
                    joiner_len(rest),
                    "joiner {rest:?}"
                );
                assert_eq!(
                    and_half.find(rest).map(|m| m.end()),
                    and_a_half(rest),
                    "and a half {rest:?}"
                );
                let head = &text[..from];
                assert_eq!(
                    approximate.find(head).map(|m| m.start()),
                    approximation_before(head),
                    "approx {head:?}"
                );
            }
        }
    }
}
