//! Times of day as people write them: `9:00 AM`, `9AM`, `9.30pm`, `14:05`,
//! `11:23:45 PM`, `0900 hrs`.
//!
//! Parsing keeps the numbers as written (so `25:00` and `9:75` survive to be
//! reported by `invalid-time`); [`ClockTime::naive`] gives the meaning a
//! reader would take, and [`ClockTime::problem`] says what is wrong with it.

use chrono::NaiveTime;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Meridiem {
    Am,
    Pm,
}

/// How the time was written, which decides how much we trust it to be a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockStyle {
    /// `14:05`, `9:00 AM`
    Colon,
    /// `9.30pm`, `2.30PM`
    Dot,
    /// `9AM`, `9 a.m.`
    HourOnly,
    /// `0900 hrs`, `1430h`
    Compact,
    /// `14h35`, the French and West African way.
    HourMark,
    /// `3:AM`: a colon with no minutes.
    MissingMinutes,
}

/// A time of day as written, before validation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClockTime {
    pub hour: u32,
    pub minute: u32,
    pub second: Option<u32>,
    pub meridiem: Option<Meridiem>,
    pub style: ClockStyle,
    /// Written with a leading zero (`09:00`), which is how 24-hour clocks write.
    pub padded: bool,
}

/// Why a written time is not a valid time of day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockProblem {
    HourOutOfRange,
    MinuteOutOfRange,
    SecondOutOfRange,
    /// `13:45 PM`: a 24-hour hour with a meridiem.
    MeridiemOn24Hour,
    /// `3:AM`
    MissingMinutes,
}

impl ClockProblem {
    pub fn describe(self) -> &'static str {
        match self {
            ClockProblem::HourOutOfRange => "the hour is out of range",
            ClockProblem::MinuteOutOfRange => "the minutes are out of range",
            ClockProblem::SecondOutOfRange => "the seconds are out of range",
            ClockProblem::MeridiemOn24Hour => "a 24-hour time cannot take AM/PM",
            ClockProblem::MissingMinutes => "the minutes are missing",
        }
    }
}

impl ClockTime {
    /// What is wrong with this time as written, if anything.
    pub fn problem(&self) -> Option<ClockProblem> {
        if self.style == ClockStyle::MissingMinutes {
            return Some(ClockProblem::MissingMinutes);
        }
        if self.minute > 59 {
            return Some(ClockProblem::MinuteOutOfRange);
        }
        if self.second.is_some_and(|s| s > 59) {
            return Some(ClockProblem::SecondOutOfRange);
        }
        match self.meridiem {
            Some(_) if self.hour > 23 => Some(ClockProblem::HourOutOfRange),
            Some(_) if self.hour > 12 || self.hour == 0 && self.style == ClockStyle::HourOnly => {
                Some(ClockProblem::MeridiemOn24Hour)
            }
            None if self.hour > 24 || (self.hour == 24 && (self.minute, self.second) != (0, None)) => {
                Some(ClockProblem::HourOutOfRange)
            }
            _ => None,
        }
    }

    /// The time a reader would take this to mean. `13:45 PM` reads as 13:45;
    /// `24:00` as midnight; times that mean nothing (`25:00`, `9:75`) are `None`.
    /// A 12-hour time without meridiem (`9:00`) is read on the 24-hour clock;
    /// the timeline resolver may move it to the afternoon.
    pub fn naive(&self) -> Option<NaiveTime> {
        if self.style == ClockStyle::MissingMinutes {
            return None;
        }
        let hour = match self.meridiem {
            None if self.hour == 24 && self.minute == 0 => 0,
            None => self.hour,
            Some(_) if self.hour > 12 => self.hour,
            Some(Meridiem::Am) => self.hour % 12,
            Some(Meridiem::Pm) => self.hour % 12 + 12,
        };
        NaiveTime::from_hms_opt(hour, self.minute, self.second.unwrap_or(0))
    }

    /// A time that could be morning or evening: `9:00` with no AM/PM.
    pub fn is_meridiem_ambiguous(&self) -> bool {
        self.meridiem.is_none()
            && !self.padded
            && (1..=12).contains(&self.hour)
            && !matches!(self.style, ClockStyle::Compact | ClockStyle::HourMark)
    }
}

/// Options for how permissive the clock parser is.
#[derive(Clone, Copy, Debug, Default)]
pub struct ClockOptions {
    /// Accept `14.05` (a dot and no AM/PM). Only safe where the context says a
    /// time is expected, such as a table's time column; in prose `1.50` is a number.
    pub dot_without_meridiem: bool,
}

fn take_digits(b: &[u8], i: usize, max: usize) -> (u32, usize) {
    let mut value = 0u32;
    let mut n = 0;
    while n < max && i + n < b.len() && b[i + n].is_ascii_digit() {
        value = value * 10 + u32::from(b[i + n] - b'0');
        n += 1;
    }
    (value, n)
}

/// Parse a meridiem at `i`: `am`, `AM`, `a.m.`, `A.M`, `pm` ... followed by a
/// non-letter. Returns the meridiem and the index after it.
fn take_meridiem(b: &[u8], i: usize) -> Option<(Meridiem, usize)> {
    let mer = match b.get(i)?.to_ascii_lowercase() {
        b'a' => Meridiem::Am,
        b'p' => Meridiem::Pm,
        _ => return None,
    };
    let mut j = i + 1;
    let dotted = b.get(j) == Some(&b'.');
    if dotted {
        j += 1;
    }
    if !b.get(j)?.eq_ignore_ascii_case(&b'm') {
        return None;
    }
    j += 1;
    let mut end = j;
    // `p.m.` ends with its own dot; in `9 PM.` the dot ends the sentence.
    if dotted && b.get(j) == Some(&b'.') {
        end = j + 1;
    }
    if b.get(end).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    Some((mer, end))
}

/// Parse a time at the very start of `s`. Returns the time and the number of
/// bytes it spans. Nothing that is merely a number (`15`, `1.5`, `2023`) is a time.
pub fn parse_clock_prefix(s: &str, opts: ClockOptions) -> Option<(ClockTime, usize)> {
    let b = s.as_bytes();
    let (hour, n) = take_digits(b, 0, 4);
    if n == 0 {
        return None;
    }
    if n >= 3 {
        return parse_compact(b, hour, n);
    }
    let padded = n == 2 && b[0] == b'0';
    let mut i = n;
    let mut minute = 0;
    let mut second = None;
    let mut style = ClockStyle::HourOnly;
    if matches!(b.get(i), Some(b'h' | b'H')) {
        let (m, mn) = take_digits(b, i + 1, 3);
        let end = i + 3;
        if mn == 2 && !b.get(end).is_some_and(|c| c.is_ascii_alphanumeric()) {
            let t = ClockTime {
                hour,
                minute: m,
                second: None,
                meridiem: None,
                style: ClockStyle::HourMark,
                padded,
            };
            return Some((t, end));
        }
        return None;
    }
    if let Some(&sep @ (b':' | b'.')) = b.get(i) {
        // `4: 45 am`: a space after the colon, when AM/PM or nothing odd follows.
        let gap =
            usize::from(sep == b':' && b.get(i + 1) == Some(&b' ') && b.get(i + 2).is_some_and(u8::is_ascii_digit));
        let (m, mn) = take_digits(b, i + 1 + gap, 3);
        if mn == 2 {
            minute = m;
            i += 3 + gap;
            style = if sep == b':' {
                ClockStyle::Colon
            } else {
                ClockStyle::Dot
            };
            if b.get(i) == Some(&b':') {
                let (sec, sn) = take_digits(b, i + 1, 3);
                if sn == 2 {
                    second = Some(sec);
                    i += 3;
                } else if sn > 0 {
                    return None;
                }
            }
        } else if mn == 0 && sep == b':' {
            // `3:AM`, `3: PM`: someone meant a time and left out the minutes.
            let j = if b.get(i + 1) == Some(&b' ') { i + 2 } else { i + 1 };
            if let Some((mer, end)) = take_meridiem(b, j) {
                let t = ClockTime {
                    hour,
                    minute: 0,
                    second: None,
                    meridiem: Some(mer),
                    style: ClockStyle::MissingMinutes,
                    padded: false,
                };
                return Some((t, end));
            }
            return None;
        } else {
            return None;
        }
    }
    if b.get(i).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    // At most one space between the number and AM/PM.
    let mer_at = if b.get(i) == Some(&b' ') { i + 1 } else { i };
    let meridiem = take_meridiem(b, mer_at);
    if let Some((mer, end)) = meridiem {
        let t = ClockTime {
            hour,
            minute,
            second,
            meridiem: Some(mer),
            style,
            padded,
        };
        return Some((t, end));
    }
    let accepted = match style {
        ClockStyle::Colon => true,
        ClockStyle::Dot => opts.dot_without_meridiem,
        _ => false,
    };
    if !accepted || b.get(i).is_some_and(|c| c.is_ascii_alphabetic()) && !is_zone_start(&b[i..]) {
        return None;
    }
    let t = ClockTime {
        hour,
        minute,
        second,
        meridiem: None,
        style,
        padded,
    };
    Some((t, i))
}

/// `14:05UTC` and `15:25Z` glue a zone to the time; other letters right after
/// digits (`14:05abc`) mean this is not a time.
fn is_zone_start(rest: &[u8]) -> bool {
    rest.first() == Some(&b'Z') || rest.starts_with(b"UTC") || rest.starts_with(b"GMT")
}

/// `0900 hrs`, `1430h`, `0900 hours`: four digits only count with a suffix.
fn parse_compact(b: &[u8], value: u32, n: usize) -> Option<(ClockTime, usize)> {
    if n != 4 {
        return None;
    }
    let mut i = n;
    if b.get(i) == Some(&b' ') {
        i += 1;
    }
    let rest = &b[i.min(b.len())..];
    let lower: Vec<u8> = rest.iter().take(5).map(|c| c.to_ascii_lowercase()).collect();
    let suffix = [&b"hours"[..], b"hrs", b"hr", b"h"]
        .into_iter()
        .find(|suf| lower.starts_with(suf))?;
    let end = i + suffix.len();
    if b.get(end).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let t = ClockTime {
        hour: value / 100,
        minute: value % 100,
        second: None,
        meridiem: None,
        style: ClockStyle::Compact,
        padded: true,
    };
    Some((t, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Option<(u32, u32, Option<Meridiem>, usize)> {
        parse_clock_prefix(s, ClockOptions::default()).map(|(t, n)| (t.hour, t.minute, t.meridiem, n))
    }

    fn hm(s: &str) -> Option<(u32, u32)> {
        let (t, _) = parse_clock_prefix(s, ClockOptions::default())?;
        let n = t.naive()?;
        use chrono::Timelike;
        Some((n.hour(), n.minute()))
    }

    #[test]
    fn twelve_hour_forms() {
        assert_eq!(hm("9:00 AM"), Some((9, 0)));
        assert_eq!(hm("9AM"), Some((9, 0)));
        assert_eq!(hm("5:00AM"), Some((5, 0)));
        assert_eq!(hm("9.30pm"), Some((21, 30)));
        assert_eq!(hm("2.30PM"), Some((14, 30)));
        assert_eq!(hm("9 a.m."), Some((9, 0)));
        assert_eq!(hm("12:15 AM"), Some((0, 15)));
        assert_eq!(hm("12:15 PM"), Some((12, 15)));
        assert_eq!(hm("11:23:45 PM"), Some((23, 23)));
        assert_eq!(hm("10:00 p.m."), Some((22, 0)));
    }

    #[test]
    fn twenty_four_hour_forms() {
        assert_eq!(hm("14:05"), Some((14, 5)));
        assert_eq!(hm("14:05 UTC"), Some((14, 5)));
        assert_eq!(hm("09:12"), Some((9, 12)));
        assert_eq!(hm("0900 hrs"), Some((9, 0)));
        assert_eq!(hm("1430h"), Some((14, 30)));
        assert_eq!(hm("24:00"), Some((0, 0)));
        assert_eq!(hm("14h35 - x"), Some((14, 35)));
        assert_eq!(hm("4: 45 am PST"), Some((4, 45)));
        assert_eq!(hm("12: 48pm"), Some((12, 48)));
    }

    #[test]
    fn consumed_length_stops_at_the_time() {
        assert_eq!(parse("9:00 AM: alert"), Some((9, 0, Some(Meridiem::Am), 7)));
        assert_eq!(parse("14:05 UTC"), Some((14, 5, None, 5)));
        assert_eq!(parse("9AM (EAT)"), Some((9, 0, Some(Meridiem::Am), 3)));
        assert_eq!(parse("10:00 a.m. then"), Some((10, 0, Some(Meridiem::Am), 10)));
        assert_eq!(parse("9 PM. Then"), Some((9, 0, Some(Meridiem::Pm), 4)));
    }

    #[test]
    fn numbers_are_not_times() {
        assert_eq!(parse("15 users"), None);
        assert_eq!(parse("1.5 hours"), None);
        assert_eq!(parse("2023-08-04"), None);
        assert_eq!(parse("100%"), None);
        assert_eq!(parse("9 apples"), None);
        assert_eq!(parse("9 AMERICA"), None);
        assert_eq!(parse("12:345"), None);
        assert_eq!(parse("2023 was"), None);
        assert_eq!(parse("14.05 UTC"), None);
        assert_eq!(parse("14:05abc"), None);
        assert_eq!(parse("2h 15m"), None);
        assert_eq!(parse("2h15m"), None);
    }

    #[test]
    fn dot_without_meridiem_only_when_asked() {
        let opts = ClockOptions {
            dot_without_meridiem: true,
        };
        assert_eq!(
            parse_clock_prefix("14.05", opts).map(|(t, _)| (t.hour, t.minute)),
            Some((14, 5))
        );
    }

    #[test]
    fn invalid_times_parse_but_report_a_problem() {
        let p = |s: &str| parse_clock_prefix(s, ClockOptions::default()).and_then(|(t, _)| t.problem());
        assert_eq!(p("25:00"), Some(ClockProblem::HourOutOfRange));
        assert_eq!(p("9:75"), Some(ClockProblem::MinuteOutOfRange));
        assert_eq!(p("13:45 PM"), Some(ClockProblem::MeridiemOn24Hour));
        assert_eq!(p("3:AM"), Some(ClockProblem::MissingMinutes));
        assert_eq!(p("11:23:61 PM"), Some(ClockProblem::SecondOutOfRange));
        assert_eq!(p("9:00 AM"), None);
        assert_eq!(p("00:30"), None);
        // People write `13:45 PM` and mean 13:45.
        assert_eq!(hm("13:45 PM"), Some((13, 45)));
        assert_eq!(hm("25:00"), None);
    }

    #[test]
    fn ambiguity_of_bare_twelve_hour_times() {
        let t = |s: &str| parse_clock_prefix(s, ClockOptions::default()).map(|(t, _)| t.is_meridiem_ambiguous());
        assert_eq!(t("9:00"), Some(true));
        assert_eq!(t("14:00"), Some(false));
        assert_eq!(t("9:00 PM"), Some(false));
        assert_eq!(t("09:00"), Some(false));
    }
}
