//! Calendar dates as people write them: `August 4, 2023`, `14th February`,
//! `2023-08-04`, `04/08/2023`, `Friday, August 11, 2023`.
//!
//! Like clock times, dates keep their numbers as written. A numeric date whose
//! day and month could be swapped (`02/08/2022`) stays [`MonthDay::Numeric`]
//! until the document or the configuration says which order it uses.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;

/// Which order a numeric date writes day and month in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// `31/12/2023`
    Dmy,
    /// `12/31/2023`
    Mdy,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MonthDay {
    /// The month is certain: written as a name, or in ISO order.
    Known { month: u32, day: u32 },
    /// `a/b/yyyy`: which of `a` and `b` is the month depends on the order.
    Numeric { first: u32, second: u32 },
}

/// A date as written, before validation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateParts {
    pub year: Option<i32>,
    pub month_day: MonthDay,
    pub weekday: Option<Weekday>,
}

impl DateParts {
    /// The order this date's own numbers force, if any (`25/12/2023` can only be day-first).
    pub fn forced_order(&self) -> Option<DateOrder> {
        match self.month_day {
            MonthDay::Numeric { first, second } if first > 12 && second <= 12 => Some(DateOrder::Dmy),
            MonthDay::Numeric { first, second } if second > 12 && first <= 12 => Some(DateOrder::Mdy),
            _ => None,
        }
    }

    /// True when the day and month could be swapped and mean different dates.
    pub fn is_order_ambiguous(&self) -> bool {
        matches!(self.month_day, MonthDay::Numeric { first, second }
            if first <= 12 && second <= 12 && first != second)
    }

    /// Month and day, reading a numeric date in `order` (or the order it forces).
    pub fn month_day(&self, order: Option<DateOrder>) -> Option<(u32, u32)> {
        match self.month_day {
            MonthDay::Known { month, day } => Some((month, day)),
            MonthDay::Numeric { first, second } => match self.forced_order().or(order) {
                Some(DateOrder::Dmy) => Some((second, first)),
                Some(DateOrder::Mdy) => Some((first, second)),
                None if first == second => Some((first, second)),
                None => None,
            },
        }
    }

    /// The calendar date, given a year for dates written without one.
    pub fn resolve(&self, default_year: Option<i32>, order: Option<DateOrder>) -> Option<NaiveDate> {
        let (month, day) = self.month_day(order)?;
        NaiveDate::from_ymd_opt(self.year.or(default_year)?, month, day)
    }

    /// Whether this date, as written, names a day that exists (February 30 does not).
    /// Unknown years are checked against a leap year, so February 29 passes.
    pub fn is_valid(&self, order: Option<DateOrder>) -> bool {
        let Some((month, day)) = self.month_day(order).or(match self.month_day {
            MonthDay::Numeric { first, second } => Some((first.min(second), first.max(second))),
            MonthDay::Known { .. } => None,
        }) else {
            return true;
        };
        NaiveDate::from_ymd_opt(self.year.unwrap_or(2024), month, day).is_some()
    }

    /// Whether a written weekday disagrees with the calendar.
    pub fn weekday_mismatch(&self, order: Option<DateOrder>) -> Option<(Weekday, Weekday)> {
        let written = self.weekday?;
        let actual = self.resolve(None, order)?.weekday();
        (written != actual).then_some((written, actual))
    }
}

#[cfg(test)]
const MONTH_PATTERN: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
#[cfg(test)]
const WEEKDAY_PATTERN: &str =
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)";

/// Month names, each longest form first, in the order the date regexes
/// (kept in the tests) tried them.
const MONTH_FORMS: [&[&str]; 12] = [
    &["january", "jan"],
    &["february", "feb"],
    &["march", "mar"],
    &["april", "apr"],
    &["may"],
    &["june", "jun"],
    &["july", "jul"],
    &["august", "aug"],
    &["september", "sept", "sep"],
    &["october", "oct"],
    &["november", "nov"],
    &["december", "dec"],
];

/// The letters weekday and month names start with.
const WEEKDAY_INITIALS: &str = "mtwfs";
const MONTH_INITIALS: &str = "jfmasond";

/// Whether `s` may start with a name beginning with one of `initials`, in
/// any case: a cheap test before the name regexes are compiled and run.
/// Case-insensitive `s` also matches the long s, as the regexes read it.
fn may_start_name(s: &str, initials: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c == '\u{17F}' || c.is_ascii() && initials.contains(c.to_ascii_lowercase()))
}

pub fn month_from_name(name: &str) -> Option<u32> {
    let lower = name.get(..3)?.to_ascii_lowercase();
    let month = match lower.as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(month)
}

fn weekday_from_name(name: &str) -> Option<Weekday> {
    let lower = name.get(..3)?.to_ascii_lowercase();
    let day = match lower.as_str() {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    };
    Some(day)
}

/// True if the byte after a match continues a word or a number, so the match
/// was only part of something else (`2023-08-045`, `March 3rdly`).
fn runs_on(s: &str, end: usize) -> bool {
    s[end..].chars().next().is_some_and(|c| c.is_alphanumeric())
}

fn plausible_year(y: i32) -> bool {
    (1970..=2100).contains(&y)
}

/// The bytes of `s` that spell `word` (lower-case ASCII) at its start, in
/// either case; a case-insensitive regex also reads the long s as `s`.
fn spelt(s: &str, word: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    for letter in word.chars() {
        let (_, c) = chars.next()?;
        if c.to_ascii_lowercase() != letter && !(letter == 's' && c == '\u{17F}') {
            return None;
        }
    }
    Some(chars.next().map_or(s.len(), |(at, _)| at))
}

/// How many ASCII digits `s` starts with, up to `max`.
fn digits(s: &str, max: usize) -> usize {
    s.bytes().take(max).take_while(u8::is_ascii_digit).count()
}

/// The bytes of white space (`\s`) and, when `dashes`, `-` that `s` starts with.
fn spacing(s: &str, dashes: bool) -> usize {
    s.len()
        - s.trim_start_matches(|c: char| c.is_whitespace() || dashes && c == '-')
            .len()
}

/// The bytes of an ordinal suffix (`st`, `nd`, `rd`, `th`) `s` starts with.
fn ordinal(s: &str) -> usize {
    ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| spelt(s, suffix))
        .unwrap_or(0)
}

/// A month's name at the start of `s`, whole or cut, and where it ends:
/// every form that `s` starts with, longest first.
fn month_names(s: &str) -> impl Iterator<Item = usize> + '_ {
    let initial = initial(s);
    MONTH_FORMS
        .iter()
        .flat_map(|forms| forms.iter())
        .filter(move |form| form.starts_with(initial))
        .filter_map(move |form| spelt(s, form))
}

/// The letter `spelt` reads `s`'s first character as, so that only the few
/// names starting with it are spelt out (a name is tried at every number).
fn initial(s: &str) -> char {
    match s.chars().next() {
        Some('\u{17F}') => 's',
        Some(c) => c.to_ascii_lowercase(),
        None => '\0',
    }
}

/// A date written day first at the start of `s` ("4 August 2023", "4th of
/// August", "06/May/2022"): where it ends, the day, the month and the year,
/// read as the regex `(?i)^([0-9]{1,2})(?:st|nd|rd|th)?(?:\s+of)?(?:[\s-]+|/)(month)\.?(?:,?[\s-]*([0-9]{4})|/([0-9]{4}))?`
/// read it (kept in the tests). Each optional part is taken when present:
/// what follows it can never start where it did, so leaving it out never
/// made a match.
fn day_first(s: &str) -> Option<(usize, &str, &str, Option<&str>)> {
    let day_end = digits(s, 2);
    if day_end == 0 {
        return None;
    }
    let mut at = day_end + ordinal(&s[day_end..]);
    let space = spacing(&s[at..], false);
    if space > 0 && spelt(&s[at + space..], "of").is_some() {
        at += space + 2;
    }
    let separator = match spacing(&s[at..], true) {
        0 if s[at..].starts_with('/') => 1,
        n => n,
    };
    if separator == 0 {
        return None;
    }
    at += separator;
    let month_start = at;
    at += month_names(&s[at..]).next()?;
    let month_end = at;
    if s[at..].starts_with('.') {
        at += 1;
    }
    let mut year_start = at + usize::from(s[at..].starts_with(','));
    year_start += spacing(&s[year_start..], true);
    if digits(&s[year_start..], 4) != 4 && s[at..].starts_with('/') {
        year_start = at + 1;
    }
    let year = (digits(&s[year_start..], 4) == 4).then(|| &s[year_start..year_start + 4]);
    let end = if year.is_some() { year_start + 4 } else { at };
    Some((end, &s[..day_end], &s[month_start..month_end], year))
}

/// A date written month first at the start of `s` ("August 4, 2023", "May
/// the 5th"): where it ends, the day, the month and the year, read as the
/// regex `(?i)^(month)\.?\s+(?:the\s+)?([0-9]{1,2})(?:st|nd|rd|th)?(?:,?\s*([0-9]{4}))?`
/// read it (kept in the tests).
fn month_first(s: &str) -> Option<(usize, &str, &str, Option<&str>)> {
    if !may_start_name(s, MONTH_INITIALS) {
        return None;
    }
    month_names(s).find_map(|month_end| {
        let mut at = month_end + usize::from(s[month_end..].starts_with('.'));
        let space = spacing(&s[at..], false);
        if space == 0 {
            return None;
        }
        at += space;
        if let Some(the) = spelt(&s[at..], "the") {
            let after = spacing(&s[at + the..], false);
            if after > 0 {
                at += the + after;
            }
        }
        let day_start = at;
        at += digits(&s[at..], 2);
        if at == day_start {
            return None;
        }
        let day_end = at;
        at += ordinal(&s[at..]);
        let mut year_start = at + usize::from(s[at..].starts_with(','));
        year_start += spacing(&s[year_start..], false);
        let year = (digits(&s[year_start..], 4) == 4).then(|| &s[year_start..year_start + 4]);
        let end = if year.is_some() { year_start + 4 } else { at };
        Some((end, &s[day_start..day_end], &s[..month_end], year))
    })
}

/// A weekday's name at the start of `s`, whole or cut (`Thurs`, `Tue.`),
/// then an optional `.` and `,` and white space: the weekday, and the bytes
/// up to the date. Read as the regex `(?i)^(mon(day)?|tue(s(day)?)?|...)\.?,?\s+`
/// read it (kept in the tests): the longest form first, letters in either
/// case, and the long s for `s` (a name so spelt is read, its weekday is not).
fn weekday_prefix(s: &str) -> Option<(Option<Weekday>, usize)> {
    const FORMS: [&[&str]; 7] = [
        &["monday", "mon"],
        &["tuesday", "tues", "tue"],
        &["wednesday", "wed"],
        &["thursday", "thurs", "thur", "thu"],
        &["friday", "fri"],
        &["saturday", "sat"],
        &["sunday", "sun"],
    ];
    if !may_start_name(s, WEEKDAY_INITIALS) {
        return None;
    }
    let initial = initial(s);
    FORMS.iter().flat_map(|forms| forms.iter()).find_map(|form| {
        if !form.starts_with(initial) {
            return None;
        }
        let name_end = spelt(s, form)?;
        let mut end = name_end;
        for mark in ['.', ','] {
            if s[end..].starts_with(mark) {
                end += 1;
            }
        }
        let space = s[end..].len() - s[end..].trim_start().len();
        (space > 0).then(|| (weekday_from_name(&s[..name_end]), end + space))
    })
}

/// Parse a date at the very start of `s`. Returns the date and the bytes it spans.
pub fn parse_date_prefix(s: &str) -> Option<(DateParts, usize)> {
    let (weekday, start) = weekday_prefix(s).unwrap_or((None, 0));
    let rest = &s[start..];
    let (mut parts, len) = parse_bare_date(rest)?;
    if weekday.is_some() {
        parts.weekday = weekday;
    }
    Some((parts, start + len))
}

/// An all-digit date at the start of `s`: its five parts (number,
/// separator, number, separator, number) and where it ends.
type DigitDate<'s> = ([&'s str; 5], usize);

fn is_date_separator(b: Option<&u8>) -> bool {
    matches!(b, Some(b'-' | b'/' | b'.'))
}

/// `s` cut into parts of these widths from its start.
fn digit_parts(s: &str, widths: [usize; 5]) -> DigitDate<'_> {
    let mut at = 0;
    let parts = widths.map(|width| {
        let part = &s[at..at + width];
        at += width;
        part
    });
    (parts, at)
}

/// `2023-08-04`, `2023/8/4` at the start of `s`, read as the regex
/// `^([0-9]{4})([-/.])([0-9]{1,2})([-/.])([0-9]{1,2})` (kept in the tests).
/// By hand: most text starting with a digit is a time or an amount, and the
/// regex's search cost a thousand instructions.
fn iso_date(s: &str) -> Option<DigitDate<'_>> {
    let b = s.as_bytes();
    if digits(s, 4) != 4 || !is_date_separator(b.get(4)) {
        return None;
    }
    // Every byte before a separator is ASCII, so each cut below is on a
    // character boundary.
    let month = digits(&s[5..], 2);
    if month == 0 || !is_date_separator(b.get(5 + month)) {
        return None;
    }
    let day = digits(&s[6 + month..], 2);
    (day > 0).then(|| digit_parts(s, [4, 1, month, 1, day]))
}

/// `25/12/2023`, `12.25.23` at the start of `s`, read as the regex
/// `^([0-9]{1,2})([/.-])([0-9]{1,2})([/.-])([0-9]{4}|[0-9]{2})` (kept in the
/// tests). A narrower first or second number never helps that regex: a digit
/// would stand where its separator must.
fn numeric_date(s: &str) -> Option<DigitDate<'_>> {
    let b = s.as_bytes();
    let first = digits(s, 2);
    if first == 0 || !is_date_separator(b.get(first)) {
        return None;
    }
    let second = digits(&s[first + 1..], 2);
    if second == 0 || !is_date_separator(b.get(first + 1 + second)) {
        return None;
    }
    let year = match digits(&s[first + second + 2..], 4) {
        4 => 4,
        2 | 3 => 2,
        _ => return None,
    };
    Some(digit_parts(s, [first, 1, second, 1, year]))
}

fn parse_bare_date(s: &str) -> Option<(DateParts, usize)> {
    let first = s.as_bytes().first()?;
    if first.is_ascii_digit() {
        if let Some(([year, separator, month, second_separator, day], end)) = iso_date(s) {
            let iso_time_follows = s[end..].starts_with('T');
            if separator == second_separator && (!runs_on(s, end) || iso_time_follows) {
                let year: i32 = year.parse().ok()?;
                let date = DateParts {
                    year: Some(year),
                    month_day: MonthDay::Known {
                        month: month.parse().ok()?,
                        day: day.parse().ok()?,
                    },
                    weekday: None,
                };
                return Some((date, end));
            }
        }
        if let Some(([first_text, separator, second_text, second_separator, year_text], end)) = numeric_date(s) {
            let first: u32 = first_text.parse().ok()?;
            let second: u32 = second_text.parse().ok()?;
            // `54.34.10.127` is an address and `1.2.3.4` a version: a date's
            // numbers are days and months, and nothing follows its year.
            let continues =
                s[end..].starts_with(['.', ':', '/', '-']) && s[end + 1..].starts_with(|c: char| c.is_ascii_digit());
            if separator == second_separator
                && !runs_on(s, end)
                && !continues
                && first <= 31
                && second <= 31
                && !s[end..].starts_with(':')
            {
                let mut year: i32 = year_text.parse().ok()?;
                if year_text.len() == 2 {
                    year += 2000;
                }
                let date = DateParts {
                    year: Some(year),
                    month_day: MonthDay::Numeric {
                        first: first_text.parse().ok()?,
                        second: second_text.parse().ok()?,
                    },
                    weekday: None,
                };
                return Some((date, end));
            }
        }
        // "4 August 2023", "4th of August", "06/May/2022" (as web server logs write it).
        let (end, day, month, year) = day_first(s)?;
        return named_date(s, end, day, month, year);
    }
    let (end, day, month, year) = month_first(s)?;
    named_date(s, end, day, month, year)
}

fn named_date(s: &str, end: usize, day: &str, month: &str, year: Option<&str>) -> Option<(DateParts, usize)> {
    let year_value = year.and_then(|y| y.parse::<i32>().ok()).filter(|y| plausible_year(*y));
    // A four-digit number that is no plausible year (`May 5 1430`) is not part of the date.
    let end = if year.is_some() && year_value.is_none() {
        s[..end].rfind(|c: char| !c.is_ascii_digit()).map(|i| i + 1)?
    } else {
        end
    };
    let end = s[..end].trim_end_matches([',', ' ', '-']).len();
    if runs_on(s, end) {
        return None;
    }
    let date = DateParts {
        year: year_value,
        month_day: MonthDay::Known {
            month: month_from_name(month)?,
            day: day.parse().ok()?,
        },
        weekday: None,
    };
    Some((date, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(s: &str) -> Option<(Option<i32>, u32, u32, usize)> {
        let (d, n) = parse_date_prefix(s)?;
        let (m, day) = d.month_day(None)?;
        Some((d.year, m, day, n))
    }

    #[test]
    fn named_months() {
        assert_eq!(ymd("August 4, 2023 3:25 PM"), Some((Some(2023), 8, 4, 14)));
        assert_eq!(ymd("Aug 4 2023"), Some((Some(2023), 8, 4, 10)));
        assert_eq!(ymd("March 6th, 2023, at 5am"), Some((Some(2023), 3, 6, 15)));
        assert_eq!(ymd("14th February, 9:00AM"), Some((None, 2, 14, 13)));
        assert_eq!(ymd("14th February 2024 at 9AM"), Some((Some(2024), 2, 14, 18)));
        assert_eq!(ymd("15 february, 2024"), Some((Some(2024), 2, 15, 17)));
        assert_eq!(ymd("May 15, 2023"), Some((Some(2023), 5, 15, 12)));
        assert_eq!(ymd("Sept. 3"), Some((None, 9, 3, 7)));
        assert_eq!(ymd("06/May/2022 2:17 PM"), Some((Some(2022), 5, 6, 11)));
        assert_eq!(ymd("10/Oct/2000:13:55:36"), Some((Some(2000), 10, 10, 11)));
    }

    #[test]
    fn weekdays_are_kept_for_checking() {
        let (d, n) = parse_date_prefix("Friday, August 11, 2023").unwrap();
        assert_eq!(d.weekday, Some(Weekday::Fri));
        assert_eq!(n, 23);
        assert_eq!(d.weekday_mismatch(None), None);
        let (d, _) = parse_date_prefix("Monday, August 11, 2023").unwrap();
        assert_eq!(d.weekday_mismatch(None), Some((Weekday::Mon, Weekday::Fri)));
    }

    #[test]
    fn iso_and_numeric() {
        assert_eq!(ymd("2023-08-04 15:25"), Some((Some(2023), 8, 4, 10)));
        assert_eq!(ymd("2023-08-04T15:25:00+03:00"), Some((Some(2023), 8, 4, 10)));
        assert_eq!(ymd("2023/08/04"), Some((Some(2023), 8, 4, 10)));
        assert_eq!(ymd("25/12/2023"), Some((Some(2023), 12, 25, 10)));
        assert_eq!(ymd("12/25/23"), Some((Some(2023), 12, 25, 8)));
    }

    #[test]
    fn ambiguous_numeric_dates_wait_for_an_order() {
        let (d, _) = parse_date_prefix("02/08/2022").unwrap();
        assert!(d.is_order_ambiguous());
        assert_eq!(d.month_day(None), None);
        assert_eq!(d.month_day(Some(DateOrder::Dmy)), Some((8, 2)));
        assert_eq!(d.month_day(Some(DateOrder::Mdy)), Some((2, 8)));
    }

    #[test]
    fn not_dates() {
        assert_eq!(ymd("9.30pm"), None);
        assert_eq!(ymd("14:05"), None);
        assert_eq!(ymd("2 hours"), None);
        assert_eq!(ymd("May cause"), None);
        assert_eq!(ymd("100 march"), None);
        assert_eq!(ymd("1.5 hours"), None);
        assert_eq!(ymd("March 3rdly"), None);
        assert_eq!(ymd("54.34.10.127"), None);
        assert_eq!(ymd("10.20.30.41"), None);
        assert_eq!(ymd("1.2.3.4"), None);
    }

    #[test]
    fn validity() {
        let (d, _) = parse_date_prefix("February 30, 2023").unwrap();
        assert!(!d.is_valid(None));
        let (d, _) = parse_date_prefix("February 29").unwrap();
        assert!(d.is_valid(None));
        let (d, _) = parse_date_prefix("February 29, 2023").unwrap();
        assert!(!d.is_valid(None));
        assert_eq!(
            parse_date_prefix("14th February").unwrap().0.resolve(Some(2024), None),
            NaiveDate::from_ymd_opt(2024, 2, 14)
        );
    }
}

#[cfg(test)]
mod patterns {
    use super::*;

    /// The initials test lets through every text the name regexes match.
    #[test]
    fn names_start_with_their_initials() {
        let names = [
            "monday",
            "tues",
            "wednesday",
            "thurs",
            "friday",
            "saturday",
            "sunday",
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "sept",
            "october",
            "november",
            "december",
        ];
        let firsts = (0u32..0x250).chain([0x212A, 0x1E9E]).filter_map(char::from_u32);
        let weekday = weekday_regex();
        let month = month_first_regex();
        let mut matched = 0;
        for first in firsts {
            for name in names {
                let text = format!("{first}{} 5, 2023 ", &name[1..]);
                if weekday.is_match(&text) {
                    matched += 1;
                    assert!(may_start_name(&text, WEEKDAY_INITIALS), "{text}");
                }
                if month.is_match(&text) {
                    matched += 1;
                    assert!(may_start_name(&text, MONTH_INITIALS), "{text}");
                }
            }
        }
        assert!(matched > 40, "{matched}");
    }

    /// The all-digit date readers find the parts their regexes found, on
    /// runs of numbers of every width and of the marks around dates.
    #[test]
    fn digit_dates_read_as_the_regexes_did() {
        let iso = regex::Regex::new(r"^([0-9]{4})([-/.])([0-9]{1,2})([-/.])([0-9]{1,2})").unwrap();
        let numeric = regex::Regex::new(r"^([0-9]{1,2})([/.-])([0-9]{1,2})([/.-])([0-9]{4}|[0-9]{2})").unwrap();
        let read = |regex: &regex::Regex, text: &str| {
            regex.captures(text).map(|c| {
                let part = |i: usize| c.get(i).map_or("", |m| m.as_str()).to_string();
                ([part(1), part(2), part(3), part(4), part(5)], c[0].len())
            })
        };
        let owned = |found: Option<DigitDate<'_>>| found.map(|(parts, end)| (parts.map(str::to_string), end));
        let numbers = ["1", "12", "123", "2023", "20234", "x", "", "٣", "０"];
        let marks = ["-", "/", ".", ":", " ", "T", "", "–"];
        let mut draws = crate::cue::equivalence::Draws::new(5);
        let (mut isos, mut numerics) = (0, 0);
        for _ in 0..100_000 {
            let mut text = String::new();
            for k in 0..5 + draws.below(3) {
                text.push_str(draws.pick(if k % 2 == 0 { &numbers[..] } else { &marks[..] }));
            }
            let expected = read(&iso, &text);
            isos += usize::from(expected.is_some());
            assert_eq!(owned(iso_date(&text)), expected, "{text:?}");
            let expected = read(&numeric, &text);
            numerics += usize::from(expected.is_some());
            assert_eq!(owned(numeric_date(&text)), expected, "{text:?}");
        }
        assert!(isos > 100 && numerics > 100, "{isos} {numerics}");
    }

    /// The regexes the day-first and month-first readers replaced.
    fn month_first_regex() -> regex::Regex {
        regex::Regex::new(&format!(
            r"(?i)^({MONTH_PATTERN})\.?\s+(?:the\s+)?([0-9]{{1,2}})(?:st|nd|rd|th)?(?:,?\s*([0-9]{{4}}))?"
        ))
        .unwrap()
    }

    fn day_first_regex() -> regex::Regex {
        regex::Regex::new(&format!(
            r"(?i)^([0-9]{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?(?:[\s-]+|/)({MONTH_PATTERN})\.?(?:,?[\s-]*([0-9]{{4}})|/([0-9]{{4}}))?"
        ))
        .unwrap()
    }

    /// Both readers find the end, day, month and year their regexes found,
    /// on generated texts made of every month form, numbers of one to five
    /// digits, ordinals, "the", "of" and the marks between them.
    #[test]
    fn named_dates_read_as_the_regexes_did() {
        let (month_first_re, day_first_re) = (month_first_regex(), day_first_regex());
        let mut words: Vec<&str> = MONTH_FORMS.iter().flat_map(|forms| forms.iter().copied()).collect();
        words.extend([
            "5",
            "05",
            "12",
            "123",
            "2023",
            "20234",
            "1999",
            "st",
            "nd",
            "rd",
            "th",
            "\u{17F}t",
            "the",
            "of",
            "office",
            "marching",
            "ma",
            "\u{17F}ept",
            "/",
            "-",
            ",",
            ".",
            "./",
            "/2022",
            ",2023",
            "5th",
            "31st",
            "4of",
        ]);
        // Texts that start as dates do, then go on at random.
        let starts = [
            "",
            "5 ",
            "12th of ",
            "4-",
            "06/",
            "31st ",
            "1 ",
            "123 ",
            "5 May",
            "5 May,",
            "06/May/",
            "May ",
            "May 5",
            "March the 3rd",
            "Sept. 12",
            "jan 7,",
            "Dec.1",
            "August 4, ",
            "Mar 12 ",
            "june  the ",
        ];
        let samples = crate::cue::equivalence::sample_texts(MONTH_PATTERN, &words, 40_000);
        let mut matched = [0, 0];
        for (i, sample) in samples.iter().enumerate() {
            let text = format!("{}{sample}", starts[i % starts.len()]);
            let expected = month_first_re.captures(&text).map(|c| {
                let year = c.get(3).map(|m| m.as_str());
                (
                    c[0].len(),
                    c.get(2).map_or("", |m| m.as_str()),
                    c.get(1).map_or("", |m| m.as_str()),
                    year,
                )
            });
            matched[0] += usize::from(expected.is_some());
            assert_eq!(month_first(&text), expected, "month first: {text:?}");
            let expected = day_first_re.captures(&text).map(|c| {
                let year = c.get(3).or_else(|| c.get(4)).map(|m| m.as_str());
                (
                    c[0].len(),
                    c.get(1).map_or("", |m| m.as_str()),
                    c.get(2).map_or("", |m| m.as_str()),
                    year,
                )
            });
            matched[1] += usize::from(expected.is_some());
            if text.starts_with(|c: char| c.is_ascii_digit()) {
                assert_eq!(day_first(&text), expected, "day first: {text:?}");
            }
        }
        assert!(matched[0] > 9000 && matched[1] > 9000, "{matched:?}");
    }

    /// The regex the weekday reader replaced.
    fn weekday_regex() -> regex::Regex {
        regex::Regex::new(&format!(r"(?i)^({WEEKDAY_PATTERN})\.?,?\s+")).unwrap()
    }

    /// The reader finds the weekday and the end the regex found, on
    /// generated texts that start with every form of every name.
    #[test]
    fn weekdays_read_as_the_regex_did() {
        let regex = weekday_regex();
        let forms = [
            "monday",
            "mon",
            "tuesday",
            "tues",
            "tue",
            "wednesday",
            "wed",
            "thursday",
            "thurs",
            "thur",
            "thu",
            "friday",
            "fri",
            "saturday",
            "sat",
            "sunday",
            "sun",
            "\u{17F}un",
            "\u{17F}aturday",
            "moon",
            "tu",
            "thurday",
        ];
        let marks = [
            ".", ",", ".,", ",.", "..", ". ", ", ", "\u{a0}", "\t", " ", "\n", "", "day", "5",
        ];
        let mut texts = crate::cue::equivalence::sample_texts(WEEKDAY_PATTERN, &forms, 20_000);
        for form in forms {
            for mark in marks {
                for case in [form.to_string(), form.to_uppercase(), form.to_ascii_uppercase()] {
                    texts.push(format!("{case}{mark} 5 May"));
                    texts.push(format!("{case}{mark}"));
                }
            }
        }
        let mut matched = 0;
        for text in &texts {
            let expected = regex.captures(text).map(|c| (weekday_from_name(&c[1]), c[0].len()));
            matched += usize::from(expected.is_some());
            assert_eq!(weekday_prefix(text), expected, "{text:?}");
        }
        assert!(matched > 2000, "{matched}");
    }
}
