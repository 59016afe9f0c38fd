//! Date, time, range and zone together: the way a timeline entry or a
//! sentence states when something happened.
//!
//! `August 4, 2023 3:25 PM`, `14th February, 9:00AM`, `2023-08-04T15:25:00+03:00`,
//! `9:00 AM - 9:15 AM (EAT)`, `14:05 UTC`.

use std::ops::Range;

use super::clock::{ClockOptions, ClockTime, parse_clock_prefix};
use super::date::{DateParts, parse_date_prefix};
use super::zone::{Zone, ZoneTable, parse_zone_prefix};
use crate::text::starts_with_ignore_case;

/// A value and the byte range it was parsed from.
#[derive(Clone, Debug, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub range: Range<usize>,
}

impl<T> Located<T> {
    pub fn new(value: T, range: Range<usize>) -> Self {
        Located { value, range }
    }
}

/// A written point in time. Ranges are relative to the text it was parsed from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timestamp {
    /// From the first component to the last.
    pub range: Range<usize>,
    pub date: Option<Located<DateParts>>,
    pub time: Option<Located<ClockTime>>,
    /// The end of a range: `9:00 - 9:15`, `from 1:10pm until 1:19`.
    pub end_time: Option<Located<ClockTime>>,
    /// The zone label (brackets excluded).
    pub zone: Option<Located<Zone>>,
}

impl Timestamp {
    pub fn is_date_only(&self) -> bool {
        self.time.is_none() && self.date.is_some()
    }
}

/// Skip what people put between a date and its time: `, at `, ` - `, `T`, ` @ `.
fn date_time_separator(s: &str) -> usize {
    let b = s.as_bytes();
    if b.first() == Some(&b'T') {
        return 1;
    }
    let mut i = 0;
    let skip_blank = |i: &mut usize| {
        while matches!(b.get(*i), Some(b' ' | b'\t' | b',')) {
            *i += 1;
        }
    };
    skip_blank(&mut i);
    for word in ["at ", "@", "- ", "– ", "— ", "| "] {
        if starts_with_ignore_case(&s[i..], word) {
            i += word.len();
            skip_blank(&mut i);
            break;
        }
    }
    i
}

/// `-`, `to`, `until` between the two ends of a range.
fn range_separator(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    let rest = &s[i..];
    let sep = ["-", "–", "—", "to ", "until ", "till ", "through "]
        .into_iter()
        .find(|w| starts_with_ignore_case(rest, w))?;
    i += sep.len();
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    Some(i)
}

fn parse_zone_at(s: &str, at: usize, zones: &ZoneTable) -> Option<(Located<Zone>, usize)> {
    let m = parse_zone_prefix(&s[at..], zones)?;
    let label = at + m.label.start..at + m.label.end;
    Some((Located::new(m.zone, label), at + m.len))
}

/// Parse a time, an optional zone, an optional range end and its zone at `at`.
/// Returns the index after the last component.
fn parse_time_part(s: &str, at: usize, zones: &ZoneTable, opts: ClockOptions, ts: &mut Timestamp) -> Option<usize> {
    let (clock, n) = parse_clock_prefix(&s[at..], opts)?;
    let mut end = at + n;
    ts.time = Some(Located::new(clock, at..end));
    // ISO fractional seconds: `15:25:00.123Z`.
    if clock.second.is_some() && s[end..].starts_with('.') {
        let digits = s[end + 1..].bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            end += 1 + digits;
        }
    }
    // `15:25:00+03:00` carries an offset; `10:00-10:30` is a range.
    let iso_like = clock.second.is_some() || ts.date.is_some() && s[..at].ends_with('T');
    if let Some((zone, after)) = parse_zone_at(s, end, zones)
        && (iso_like || !matches!(s[end..].chars().next(), Some('+' | '-' | '−')))
    {
        ts.zone = Some(zone);
        end = after;
    }
    if let Some(sep) = range_separator(&s[end..]) {
        let start = end + sep;
        if let Some((clock, n)) = parse_clock_prefix(&s[start..], opts) {
            ts.end_time = Some(Located::new(clock, start..start + n));
            end = start + n;
            if let Some((zone, after)) = parse_zone_at(s, end, zones) {
                ts.zone.get_or_insert(zone);
                end = after;
            }
        }
    }
    Some(end)
}

/// Parse a timestamp at the very start of `s`: a date, a time, or both, in
/// either order, with an optional range end and zone.
pub fn parse_timestamp_prefix(s: &str, zones: &ZoneTable, opts: ClockOptions) -> Option<Timestamp> {
    let mut ts = Timestamp::default();
    let end = if let Some((date, n)) = parse_date_prefix(s) {
        ts.date = Some(Located::new(date, 0..n));
        let time_at = n + date_time_separator(&s[n..]);
        parse_time_part(s, time_at, zones, opts, &mut ts).unwrap_or(n)
    } else {
        let mut end = parse_time_part(s, 0, zones, opts, &mut ts)?;
        // `10:00 AM, August 4, 2023` or `10:00 AM on August 4`.
        let rest = &s[end..];
        let sep = rest.len() - rest.trim_start_matches([',', ' ']).len();
        let mut at = end + sep;
        if sep > 0 && starts_with_ignore_case(&s[at..], "on ") {
            at += 3;
        }
        if sep > 0
            && let Some((date, n)) = parse_date_prefix(&s[at..])
        {
            ts.date = Some(Located::new(date, at..at + n));
            end = at + n;
        }
        end
    };
    ts.range = 0..end;
    Some(ts)
}

/// A cheap test before the real parse: timestamps start with a digit or with
/// the first three letters of a month or a weekday.
fn could_start_timestamp(b: &[u8]) -> bool {
    match b.first() {
        Some(c) if c.is_ascii_digit() => true,
        Some(c) if c.is_ascii_alphabetic() => {
            let Some(head) = b.get(..3) else {
                return false;
            };
            let lower = [
                head[0].to_ascii_lowercase(),
                head[1].to_ascii_lowercase(),
                head[2].to_ascii_lowercase(),
            ];
            matches!(
                &lower,
                b"jan"
                    | b"feb"
                    | b"mar"
                    | b"apr"
                    | b"may"
                    | b"jun"
                    | b"jul"
                    | b"aug"
                    | b"sep"
                    | b"oct"
                    | b"nov"
                    | b"dec"
                    | b"mon"
                    | b"tue"
                    | b"wed"
                    | b"thu"
                    | b"fri"
                    | b"sat"
                    | b"sun"
            )
        }
        _ => false,
    }
}

/// Bytes that continue a word for `find_timestamps`: a timestamp does not
/// start after one ("v2", "1.5", "12:30:45" inside a longer token).
const WORDISH: u8 = 1;
/// Bytes a timestamp may start with: a digit, or the initial of a month or
/// a weekday.
const INITIAL: u8 = 2;

static BYTE_CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() || matches!(byte, b':' | b'.' | b'/') {
            class[b] |= WORDISH;
        }
        if byte.is_ascii_digit()
            || matches!(
                byte.to_ascii_lowercase(),
                b'a' | b'd' | b'f' | b'j' | b'm' | b'n' | b'o' | b's' | b't' | b'w'
            )
        {
            class[b] |= INITIAL;
        }
        b += 1;
    }
    class
};

/// Every timestamp in running text, each starting at a word boundary.
pub fn find_timestamps(text: &str, zones: &ZoneTable) -> Vec<Timestamp> {
    let b = text.as_bytes();
    let mut found = Vec::new();
    // Every date and time holds a digit (`parse_timestamp_prefix`): a line
    // without one holds none.
    if !crate::text::has_ascii_digit(b) {
        return found;
    }
    // Read with a byte table, the parser tried only where a word starts
    // with a byte a timestamp can start with; the rest of a word is skipped
    // in a tight loop, as lines are mostly letters inside words. A byte
    // beyond ASCII is neither, so the byte after a character beyond ASCII
    // starts a word. Every initial continues a word, so `i` is always at a
    // word's start or at a byte no word holds.
    let skip_word = |mut i: usize| {
        while i < b.len() && BYTE_CLASS[usize::from(b[i])] & WORDISH != 0 {
            i += 1;
        }
        i
    };
    let mut i = 0;
    while i < b.len() {
        let class = BYTE_CLASS[usize::from(b[i])];
        if class & INITIAL != 0
            && could_start_timestamp(&b[i..])
            && let Some(mut ts) = parse_timestamp_prefix(&text[i..], zones, ClockOptions::default())
        {
            shift(&mut ts, i);
            i = ts.range.end.max(i + 1);
            if BYTE_CLASS[usize::from(b[i - 1])] & WORDISH != 0 {
                i = skip_word(i);
            }
            found.push(ts);
            continue;
        }
        i = if class & WORDISH != 0 { skip_word(i + 1) } else { i + 1 };
    }
    found
}

/// Make a timestamp parsed from `text[base..]` relative to `text`.
pub fn shift(ts: &mut Timestamp, base: usize) {
    let mv = |r: &mut Range<usize>| *r = r.start + base..r.end + base;
    mv(&mut ts.range);
    if let Some(d) = &mut ts.date {
        mv(&mut d.range);
    }
    if let Some(t) = &mut ts.time {
        mv(&mut t.range);
    }
    if let Some(t) = &mut ts.end_time {
        mv(&mut t.range);
    }
    if let Some(z) = &mut ts.zone {
        mv(&mut z.range);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::clock::Meridiem;

    fn parse(s: &str) -> Option<Timestamp> {
        parse_timestamp_prefix(s, ZoneTable::builtin(), ClockOptions::default())
    }

    fn summary(s: &str) -> Option<(String, String, String, String)> {
        let ts = parse(s)?;
        let part = |r: Option<Range<usize>>| r.map(|r| s[r].to_string()).unwrap_or_default();
        Some((
            s[ts.range.clone()].to_string(),
            part(ts.date.as_ref().map(|d| d.range.clone())),
            part(ts.time.as_ref().map(|d| d.range.clone())),
            part(ts.zone.as_ref().map(|d| d.range.clone())),
        ))
    }

    fn parts(all: &str, date: &str, time: &str, zone: &str) -> Option<(String, String, String, String)> {
        Some((all.into(), date.into(), time.into(), zone.into()))
    }

    #[test]
    fn the_forms_postmortems_use() {
        assert_eq!(summary("9:00 AM: Our alert"), parts("9:00 AM", "", "9:00 AM", ""));
        assert_eq!(summary("14:05 UTC - x"), parts("14:05 UTC", "", "14:05", "UTC"));
        assert_eq!(
            summary("August 4, 2023 3:25 PM: Outage begins"),
            parts("August 4, 2023 3:25 PM", "August 4, 2023", "3:25 PM", "")
        );
        assert_eq!(
            summary("14th February, 9:00AM: clients"),
            parts("14th February, 9:00AM", "14th February", "9:00AM", "")
        );
        assert_eq!(
            summary("2023-08-04 15:25 deploy"),
            parts("2023-08-04 15:25", "2023-08-04", "15:25", "")
        );
        assert_eq!(
            summary("2023-08-04T15:25:00+03:00 deploy"),
            parts("2023-08-04T15:25:00+03:00", "2023-08-04", "15:25:00", "+03:00")
        );
        assert_eq!(
            summary("2023-08-04T15:25:00.250Z x"),
            parts("2023-08-04T15:25:00.250Z", "2023-08-04", "15:25:00", "Z")
        );
        assert_eq!(summary("9AM (EAT), our"), parts("9AM (EAT)", "", "9AM", "EAT"));
        assert_eq!(
            summary("March 6th, 2023, at 5am GMT +0, we"),
            parts("March 6th, 2023, at 5am GMT +0", "March 6th, 2023", "5am", "GMT +0")
        );
        assert_eq!(
            summary("Aug 22, 2024 1:00 PM (GMT+03:00) - Issue"),
            parts(
                "Aug 22, 2024 1:00 PM (GMT+03:00)",
                "Aug 22, 2024",
                "1:00 PM",
                "GMT+03:00"
            )
        );
        assert_eq!(
            summary("10:00 AM, March 3, 2024 x"),
            parts("10:00 AM, March 3, 2024", "March 3, 2024", "10:00 AM", "")
        );
    }

    #[test]
    fn ranges() {
        let ts = parse("9:00 AM - 9:15 AM: triage").unwrap();
        assert_eq!(ts.range, 0..17);
        assert_eq!(ts.end_time.map(|t| (t.value.hour, t.value.minute)), Some((9, 15)));
        let ts = parse("1:10pm until 1:19").unwrap();
        let end = ts.end_time.unwrap().value;
        assert_eq!((end.hour, end.minute, end.meridiem), (1, 19, None));
        assert_eq!(ts.time.unwrap().value.meridiem, Some(Meridiem::Pm));
        let ts = parse("14:05 - Alert fired").unwrap();
        assert!(ts.end_time.is_none());
        assert_eq!(ts.range, 0..5);
    }

    #[test]
    fn a_dash_between_times_is_a_range_not_an_offset() {
        let ts = parse("10:00-10:30 AM (UTC): engineers").unwrap();
        assert!(ts.zone.as_ref().is_some_and(|z| z.value.describe() == "UTC"));
        assert_eq!(ts.end_time.map(|t| (t.value.hour, t.value.minute)), Some((10, 30)));
        let ts = parse("15:25:00-05:00 deploy").unwrap();
        assert_eq!(ts.zone.map(|z| z.value.describe()), Some("UTC-05:00".to_string()));
    }

    #[test]
    fn date_only() {
        let ts = parse("August 4, 2023 - the deploy").unwrap();
        assert!(ts.is_date_only());
        assert_eq!(ts.range, 0..14);
    }

    #[test]
    fn nothing() {
        assert!(parse("Our alert fired").is_none());
        assert!(parse("500 errors").is_none());
        assert!(parse("2 hours").is_none());
    }

    /// `find_timestamps` as first written: every character boundary tried
    /// where the byte before is no word byte.
    fn find_timestamps_plainly(text: &str) -> Vec<Timestamp> {
        let b = text.as_bytes();
        let mut found = Vec::new();
        let mut i = 0;
        while i < b.len() {
            let starts_word = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || matches!(b[i - 1], b':' | b'.' | b'/'));
            if starts_word
                && let Some(mut ts) = parse_timestamp_prefix(&text[i..], ZoneTable::builtin(), ClockOptions::default())
            {
                shift(&mut ts, i);
                i = ts.range.end.max(i + 1);
                found.push(ts);
                continue;
            }
            i += 1;
            while i < b.len() && !text.is_char_boundary(i) {
                i += 1;
            }
        }
        found
    }

    #[test]
    fn the_scan_tries_every_place_a_timestamp_can_start() {
        let words = [
            "August",
            "aug",
            "4",
            "2023",
            "3:25",
            "PM",
            "pm",
            "14:05",
            "UTC",
            "PST",
            "Mon",
            "Tuesday",
            "sat",
            "2023-08-04",
            "15:25:00",
            "T15:25",
            "+03:00",
            "12/03",
            "1.5",
            "v2",
            "x14:05",
            "a.m.",
            "noon",
            "Dec",
            "9",
            "9am",
            "at",
            "14th",
            "February",
            "–",
            "/",
            "Z",
            "wed",
            "Jun",
            "ſep",
        ];
        let mut compared = 0;
        for text in crate::cue::equivalence::sample_texts("", &words, 20_000) {
            let expected = find_timestamps_plainly(&text);
            compared += expected.len();
            assert_eq!(find_timestamps(&text, ZoneTable::builtin()), expected, "{text:?}");
        }
        assert!(compared > 10_000, "{compared}");
    }

    #[test]
    fn finds_timestamps_in_prose() {
        let text = "From August 4, 2023 4:25 PM to August 8, 2023 7:30 PM, requests failed; 100% of traffic.";
        let found = find_timestamps(text, ZoneTable::builtin());
        let spans: Vec<&str> = found.iter().map(|t| &text[t.range.clone()]).collect();
        assert_eq!(spans, vec!["August 4, 2023 4:25 PM", "August 8, 2023 7:30 PM"]);
        let text = "between 14:05 and 15:20 UTC, version 1.5 of 2.30";
        let found = find_timestamps(text, ZoneTable::builtin());
        let spans: Vec<&str> = found.iter().map(|t| &text[t.range.clone()]).collect();
        assert_eq!(spans, vec!["14:05", "15:20 UTC"]);
    }
}
