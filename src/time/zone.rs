//! Timezones as people write them: `UTC`, `GMT + 0`, `UTC+01:00`, `+0300`,
//! `EAT`, `Pacific Standard Time`, `Africa/Nairobi`.
//!
//! Abbreviations and long names come from `rules/timezones.toml`, a data table
//! users can extend or override (`[timezones] IST = "Asia/Kolkata"`).

use crate::hash::HashMap;
use std::sync::{Arc, LazyLock};

use chrono::{FixedOffset, NaiveDateTime, Offset, TimeZone};
use chrono_tz::{OffsetComponents, Tz};
use serde::Deserialize;

use crate::text::truncate_at_boundary;

/// What a timezone label refers to.
#[derive(Clone, Debug, PartialEq)]
pub enum Zone {
    /// `UTC`, `GMT+1`, `+03:00`: a fixed offset from UTC.
    Fixed(FixedOffset),
    /// A region's wall clock, as named by an abbreviation or a long name.
    Region {
        tz: Tz,
        /// `Some(false)` if the label names standard time (PST), `Some(true)`
        /// daylight time (PDT), `None` if neither (Pacific Time).
        daylight: Option<bool>,
        /// False for labels correct all year somewhere (MST in Arizona).
        dst_check: bool,
    },
    /// An abbreviation used for several zones (IST, CST, BST) and not settled by config.
    Ambiguous(Arc<[Tz]>),
}

impl Zone {
    pub fn is_ambiguous(&self) -> bool {
        matches!(self, Zone::Ambiguous(_))
    }

    /// The UTC offset this zone has at a local wall-clock time, or `None` if
    /// the zone is ambiguous or the wall-clock time does not exist (a DST gap).
    pub fn offset_at(&self, local: NaiveDateTime) -> Option<FixedOffset> {
        match self {
            Zone::Fixed(off) => Some(*off),
            Zone::Region { tz, .. } => tz.offset_from_local_datetime(&local).earliest().map(|o| o.fix()),
            Zone::Ambiguous(_) => None,
        }
    }

    /// Whether the region observed daylight time at this local time.
    pub fn observes_daylight_at(&self, local: NaiveDateTime) -> Option<bool> {
        match self {
            Zone::Region { tz, .. } => {
                let offset = tz.offset_from_local_datetime(&local).earliest()?;
                Some(!offset.dst_offset().is_zero())
            }
            _ => None,
        }
    }

    /// A short name for messages: `UTC+03:00`, `Africa/Nairobi`.
    pub fn describe(&self) -> String {
        match self {
            Zone::Fixed(off) => format_offset(*off),
            Zone::Region { tz, .. } => tz.name().to_string(),
            Zone::Ambiguous(tzs) => tzs.iter().map(|t| t.name()).collect::<Vec<_>>().join(" or "),
        }
    }

    /// True when two zones certainly name the same clock (used to tell apart
    /// "mixed timezones" from two spellings of one zone).
    pub fn same_clock(&self, other: &Zone) -> bool {
        match (self, other) {
            (Zone::Fixed(a), Zone::Fixed(b)) => a == b,
            (Zone::Region { tz: a, .. }, Zone::Region { tz: b, .. }) => a == b,
            (Zone::Ambiguous(a), Zone::Ambiguous(b)) => a == b,
            _ => false,
        }
    }
}

pub fn format_offset(off: FixedOffset) -> String {
    let secs = off.local_minus_utc();
    if secs == 0 {
        return "UTC".to_string();
    }
    let sign = if secs < 0 { '-' } else { '+' };
    let secs = secs.abs();
    format!("UTC{sign}{:02}:{:02}", secs / 3600, secs % 3600 / 60)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryDef {
    offset: Option<i32>,
    zone: Option<String>,
    daylight: Option<bool>,
    ambiguous: Option<Vec<String>>,
    dst_check: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableDef {
    abbreviations: HashMap<String, EntryDef>,
    names: HashMap<String, EntryDef>,
}

impl EntryDef {
    fn to_zone(&self) -> Result<Zone, String> {
        if let Some(hours) = self.offset {
            return FixedOffset::east_opt(hours * 3600)
                .map(Zone::Fixed)
                .ok_or_else(|| format!("offset {hours} is out of range"));
        }
        if let Some(list) = &self.ambiguous {
            let tzs = list.iter().map(|n| parse_iana(n)).collect::<Result<Vec<_>, _>>()?;
            return Ok(Zone::Ambiguous(tzs.into()));
        }
        let name = self
            .zone
            .as_deref()
            .ok_or("an entry needs `zone`, `offset` or `ambiguous`")?;
        Ok(Zone::Region {
            tz: parse_iana(name)?,
            daylight: self.daylight,
            dst_check: self.dst_check.unwrap_or(true),
        })
    }
}

fn parse_iana(name: &str) -> Result<Tz, String> {
    name.parse::<Tz>()
        .map_err(|_| format!("`{name}` is not an IANA timezone"))
}

/// Parse a zone a user names in config: an IANA name, `UTC`, or an offset such
/// as `UTC+05:30` / `+0530`.
pub fn parse_zone_setting(value: &str) -> Result<Zone, String> {
    let v = value.trim();
    if let Ok(tz) = v.parse::<Tz>() {
        return Ok(Zone::Region {
            tz,
            daylight: None,
            dst_check: false,
        });
    }
    let table = ZoneTable::builtin();
    match parse_zone_prefix(v, table) {
        Some(m) if m.len == v.len() => Ok(m.zone),
        _ => Err(format!(
            "`{value}` is not a timezone: use an IANA name such as `Africa/Nairobi`, `UTC`, or an offset such as `UTC+03:00`"
        )),
    }
}

/// The abbreviations and long names pmlint knows.
#[derive(Clone, Debug)]
pub struct ZoneTable {
    abbreviations: HashMap<String, Zone>,
    /// Lower-case long names, longest first so "pacific standard time" wins over "pacific time".
    names: Vec<(String, Zone)>,
}

static BUILTIN: LazyLock<ZoneTable> = LazyLock::new(|| {
    ZoneTable::from_json(builtin_json!("timezones")).unwrap_or_else(|e| {
        // The table ships inside the binary and a unit test parses it; reaching
        // this means the binary was built from a broken table.
        panic!("built-in rules/timezones.toml is invalid: {e}")
    })
});

impl ZoneTable {
    pub fn builtin() -> &'static ZoneTable {
        &BUILTIN
    }

    fn from_json(text: &str) -> Result<ZoneTable, String> {
        let def: TableDef = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let mut abbreviations = HashMap::default();
        for (abbr, entry) in &def.abbreviations {
            abbreviations.insert(abbr.clone(), entry.to_zone().map_err(|e| format!("{abbr}: {e}"))?);
        }
        let mut names = Vec::new();
        for (name, entry) in &def.names {
            names.push((
                name.to_lowercase(),
                entry.to_zone().map_err(|e| format!("{name}: {e}"))?,
            ));
        }
        names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        Ok(ZoneTable { abbreviations, names })
    }

    /// This table with labels set by the user (`[timezones] IST = "Asia/Kolkata"`).
    /// A key that is an upper-case abbreviation overrides or adds one; any other key
    /// is a long name.
    pub fn with_overrides<'a>(
        &self,
        overrides: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<ZoneTable, String> {
        let mut table = self.clone();
        for (label, value) in overrides {
            let zone = parse_zone_setting(value).map_err(|e| format!("timezones.{label}: {e}"))?;
            // The user says which zone the label means; keep what the label says
            // about standard/daylight time when the built-in table knew it.
            let zone = match (zone, table.abbreviations.get(label)) {
                (
                    Zone::Region { tz, .. },
                    Some(Zone::Region {
                        daylight, dst_check, ..
                    }),
                ) => Zone::Region {
                    tz,
                    daylight: *daylight,
                    dst_check: *dst_check,
                },
                (zone, _) => zone,
            };
            if label.chars().all(|c| c.is_ascii_uppercase()) {
                table.abbreviations.insert(label.to_string(), zone);
            } else {
                let lower = label.to_lowercase();
                table.names.retain(|(n, _)| *n != lower);
                table.names.push((lower, zone));
                table
                    .names
                    .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
            }
        }
        Ok(table)
    }

    pub fn abbreviation(&self, label: &str) -> Option<&Zone> {
        self.abbreviations.get(label)
    }

    /// The label for the other half of the year, in the same style:
    /// `PST` gives `PDT`, `Pacific Standard Time` gives `Pacific Daylight Time`.
    pub fn counterpart(&self, label: &str) -> Option<String> {
        let other = |zone: &Zone| match zone {
            Zone::Region {
                tz, daylight: Some(d), ..
            } => Some((*tz, !d)),
            _ => None,
        };
        let matches = |zone: &Zone, (tz, daylight): (Tz, bool)| matches!(zone, Zone::Region { tz: t, daylight: Some(d), .. } if *t == tz && *d == daylight);
        if let Some(zone) = self.abbreviations.get(label) {
            let wanted = other(zone)?;
            let mut found: Vec<&String> = self
                .abbreviations
                .iter()
                .filter(|(_, z)| matches(z, wanted))
                .map(|(k, _)| k)
                .collect();
            found.sort();
            return found.first().map(|s| s.to_string());
        }
        let lower = label.to_lowercase();
        let (_, zone) = self.names.iter().find(|(n, _)| lower.starts_with(n.as_str()))?;
        let wanted = other(zone)?;
        let name = self
            .names
            .iter()
            .filter(|(_, z)| matches(z, wanted))
            .map(|(n, _)| n)
            .min()?;
        Some(
            name.split(' ')
                .map(|w| {
                    let mut c = w.chars();
                    c.next().map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
                })
                .collect::<Vec<_>>()
                .join(" "),
        )
    }
}

/// A timezone found in text.
#[derive(Clone, Debug, PartialEq)]
pub struct ZoneMention {
    /// Bytes consumed from the start of the parsed text, brackets included.
    pub len: usize,
    /// The label itself, without brackets, relative to the parsed text.
    pub label: std::ops::Range<usize>,
    pub zone: Zone,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Parse a timezone at the start of `s`, allowing up to two spaces and an
/// opening bracket before it (`9:00 AM (EAT)`, `14:05 UTC`, `5am GMT +0`).
pub fn parse_zone_prefix(s: &str, table: &ZoneTable) -> Option<ZoneMention> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < 2 && b.get(i) == Some(&b' ') {
        i += 1;
    }
    let attached = i == 0;
    let bracket = match b.get(i) {
        Some(b'(') => Some(b')'),
        Some(b'[') => Some(b']'),
        _ => None,
    };
    if bracket.is_some() {
        i += 1;
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
    }
    let (label_len, zone) = parse_label(&s[i..], table, attached && bracket.is_none())?;
    let label = i..i + label_len;
    let mut end = i + label_len;
    if let Some(close) = bracket {
        let mut j = end;
        while b.get(j) == Some(&b' ') {
            j += 1;
        }
        if b.get(j) == Some(&close) {
            end = j + 1;
        } else if let Some(k) = s[j..].find(close as char).filter(|k| *k <= 40) {
            // `(East African Time - EAT)`: the label we know, then more words.
            end = j + k + 1;
        } else {
            return None;
        }
    }
    Some(ZoneMention { len: end, label, zone })
}

/// Parse the label itself. `attached` is true when it follows a time with no
/// space, the only place a bare `Z` or `+0300` is a zone.
fn parse_label(s: &str, table: &ZoneTable, attached: bool) -> Option<(usize, Zone)> {
    let b = s.as_bytes();
    let first = *b.first()?;
    if first == b'+' || first == b'-' || s.starts_with('−') {
        return if attached { parse_bare_offset(s) } else { None };
    }
    if !first.is_ascii_alphabetic() {
        return None;
    }
    let word_len = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let word = &s[..word_len];
    if word.eq_ignore_ascii_case("utc") || word.eq_ignore_ascii_case("gmt") {
        let (off_len, secs) = parse_signed_offset(&s[word_len..]).unwrap_or((0, 0));
        let end = word_len + off_len;
        if b.get(end).copied().is_some_and(is_word_byte) {
            return None;
        }
        return Some((end, Zone::Fixed(FixedOffset::east_opt(secs)?)));
    }
    if word == "Z" {
        return attached.then(|| (1, Zone::Fixed(FixedOffset::east_opt(0).expect("zero offset"))));
    }
    if word.len() >= 2
        && word.bytes().all(|c| c.is_ascii_uppercase())
        && let Some(zone) = table.abbreviations.get(word)
    {
        return Some((word_len, zone.clone()));
    }
    if let Some(found) = parse_long_name(s, table) {
        return Some(found);
    }
    parse_iana_prefix(s)
}

/// `+0300`, `+03:00`, `-05`: an ISO-style offset right after a time.
fn parse_bare_offset(s: &str) -> Option<(usize, Zone)> {
    let (len, secs) = parse_signed_offset(s)?;
    let digits = s[..len].bytes().filter(u8::is_ascii_digit).count();
    if digits < 2 {
        return None;
    }
    Some((len, Zone::Fixed(FixedOffset::east_opt(secs)?)))
}

/// ` + 3`, `+01:00`, `−05:00`, `+0530` after UTC/GMT. Returns bytes consumed and seconds east.
fn parse_signed_offset(s: &str) -> Option<(usize, i32)> {
    let b = s.as_bytes();
    let mut i = 0;
    while b.get(i) == Some(&b' ') && i < 2 {
        i += 1;
    }
    let sign: i32 = if s[i..].starts_with('+') {
        i += 1;
        1
    } else if s[i..].starts_with('-') {
        i += 1;
        -1
    } else if s[i..].starts_with('−') || s[i..].starts_with('–') {
        i += '−'.len_utf8();
        -1
    } else {
        return None;
    };
    while b.get(i) == Some(&b' ') && i < 6 {
        i += 1;
    }
    let digits_start = i;
    while b.get(i).is_some_and(u8::is_ascii_digit) && i - digits_start < 4 {
        i += 1;
    }
    let digits = &s[digits_start..i];
    let (hours, mut minutes): (i32, i32) = match digits.len() {
        1 | 2 => (digits.parse().ok()?, 0),
        4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
        _ => return None,
    };
    if digits.len() <= 2 && matches!(b.get(i), Some(b':') | Some(b'.')) {
        let m = s.get(i + 1..i + 3).filter(|m| m.bytes().all(|c| c.is_ascii_digit()));
        if let Some(m) = m {
            minutes = m.parse().ok()?;
            i += 3;
        }
    }
    if hours > 14 || minutes > 59 || b.get(i).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    Some((i, sign * (hours * 3600 + minutes * 60)))
}

fn parse_long_name(s: &str, table: &ZoneTable) -> Option<(usize, Zone)> {
    let head = truncate_at_boundary(s, 48);
    let lower = head.to_ascii_lowercase();
    for (name, zone) in &table.names {
        if !lower.starts_with(name.as_str()) {
            continue;
        }
        let mut end = name.len();
        // "Timezone", "time-zone", "time zone" after a name ending in "time".
        if name.ends_with("time") {
            for suffix in ["zone", "-zone", " zone"] {
                if lower[end..].starts_with(suffix) {
                    end += suffix.len();
                    break;
                }
            }
        }
        if s.as_bytes().get(end).copied().is_some_and(is_word_byte) {
            continue;
        }
        return Some((end, zone.clone()));
    }
    None
}

fn parse_iana_prefix(s: &str) -> Option<(usize, Zone)> {
    let b = s.as_bytes();
    if !b.first()?.is_ascii_uppercase() {
        return None;
    }
    let len = b
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'/' | b'-' | b'+'))
        .count();
    let candidate = &s[..len];
    if !candidate.contains('/') {
        return None;
    }
    let tz = candidate.parse::<Tz>().ok()?;
    Some((
        len,
        Zone::Region {
            tz,
            daylight: None,
            dst_check: false,
        },
    ))
}

/// Every timezone named anywhere in `text` (a heading, an intro sentence).
/// Returns the label's byte range in `text` and the zone.
pub fn find_zone_mentions(text: &str, table: &ZoneTable) -> Vec<(std::ops::Range<usize>, Zone)> {
    let mut found = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let at_word_start = i == 0 || !is_word_byte(b[i - 1]);
        if at_word_start
            && b[i].is_ascii_alphabetic()
            && let Some((len, zone)) = parse_label(&text[i..], table, false)
        {
            found.push((i..i + len, zone));
            i += len;
            continue;
        }
        i += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> &'static ZoneTable {
        ZoneTable::builtin()
    }

    fn offset_of(s: &str) -> Option<i32> {
        match parse_zone_prefix(s, table())?.zone {
            Zone::Fixed(off) => Some(off.local_minus_utc() / 60),
            _ => None,
        }
    }

    fn region_of(s: &str) -> Option<(String, Option<bool>)> {
        match parse_zone_prefix(s, table())?.zone {
            Zone::Region { tz, daylight, .. } => Some((tz.name().to_string(), daylight)),
            _ => None,
        }
    }

    #[test]
    fn builtin_table_parses() {
        assert!(table().abbreviation("EAT").is_some());
        assert!(table().abbreviation("IST").is_some_and(Zone::is_ambiguous));
    }

    #[test]
    fn offsets() {
        assert_eq!(offset_of(" UTC"), Some(0));
        assert_eq!(offset_of(" GMT + 0"), Some(0));
        assert_eq!(offset_of(" GMT+1"), Some(60));
        assert_eq!(offset_of(" UTC+01:00"), Some(60));
        assert_eq!(offset_of(" UTC-5"), Some(-300));
        assert_eq!(offset_of(" (UTC−05:00)"), Some(-300));
        assert_eq!(offset_of("+0300"), Some(180));
        assert_eq!(offset_of("+03:00"), Some(180));
        assert_eq!(offset_of("Z"), Some(0));
        assert_eq!(offset_of(" (GMT+03:00)"), Some(180));
        assert_eq!(offset_of(" utc"), Some(0));
        // Not zones: a loose `Z`, a number after a space, a word that starts with UTC.
        assert_eq!(offset_of(" Z"), None);
        assert_eq!(offset_of(" +0300"), None);
        assert_eq!(offset_of(" UTCX"), None);
    }

    #[test]
    fn abbreviations_and_names() {
        assert_eq!(region_of(" (EAT)"), Some(("Africa/Nairobi".into(), Some(false))));
        assert_eq!(region_of(" PDT"), Some(("America/Los_Angeles".into(), Some(true))));
        assert_eq!(
            region_of(" (Pacific Standard Time)"),
            Some(("America/Los_Angeles".into(), Some(false)))
        );
        assert_eq!(region_of(" pacific time"), Some(("America/Los_Angeles".into(), None)));
        assert_eq!(
            region_of(" Central European Summer Time"),
            Some(("Europe/Paris".into(), Some(true)))
        );
        assert_eq!(region_of(" Africa/Nairobi"), Some(("Africa/Nairobi".into(), None)));
        assert_eq!(
            region_of(" (East African Time - EAT)"),
            Some(("Africa/Nairobi".into(), Some(false)))
        );
        assert!(parse_zone_prefix(" IST", table()).is_some_and(|m| m.zone.is_ambiguous()));
        assert_eq!(parse_zone_prefix(" Eat", table()), None);
        assert_eq!(parse_zone_prefix(" Users", table()), None);
    }

    #[test]
    fn mention_spans() {
        let m = parse_zone_prefix(" (EAT): x", table()).unwrap();
        assert_eq!(m.len, 6);
        assert_eq!(m.label, 2..5);
    }

    #[test]
    fn finds_mentions_in_headings() {
        let found = |s: &str| {
            find_zone_mentions(s, table())
                .into_iter()
                .map(|(r, z)| (s[r].to_string(), z.describe()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            found("Timeline (All the times are in EAT time-zone):"),
            vec![("EAT".to_string(), "Africa/Nairobi".to_string())]
        );
        assert_eq!(
            found("Time (GMT + 0)"),
            vec![("GMT + 0".to_string(), "UTC".to_string())]
        );
        assert_eq!(
            found("Timeline (in 24-hour clock, West Central Africa Standard Timezone)"),
            vec![(
                "West Central Africa Standard Timezone".to_string(),
                "Africa/Lagos".to_string()
            )]
        );
        assert_eq!(found("Timeline of events"), vec![]);
    }

    #[test]
    fn overrides_settle_ambiguous_labels() {
        let t = table().with_overrides([("IST", "Asia/Kolkata")]).unwrap();
        assert_eq!(
            parse_zone_prefix(" IST", &t).map(|m| m.zone.describe()),
            Some("Asia/Kolkata".to_string())
        );
        assert!(table().with_overrides([("IST", "Mars/Olympus")]).is_err());
    }

    #[test]
    fn counterparts() {
        assert_eq!(table().counterpart("PST").as_deref(), Some("PDT"));
        assert_eq!(table().counterpart("CEST").as_deref(), Some("CET"));
        assert_eq!(
            table().counterpart("Pacific Standard Time").as_deref(),
            Some("Pacific Daylight Time")
        );
        assert_eq!(table().counterpart("EAT"), None);
        assert_eq!(table().counterpart("UTC"), None);
    }

    #[test]
    fn daylight_observance() {
        let z = region_of(" PST").unwrap();
        assert_eq!(z.0, "America/Los_Angeles");
        let zone = parse_zone_prefix(" PST", table()).unwrap().zone;
        let may = chrono::NaiveDate::from_ymd_opt(2023, 5, 15)
            .unwrap()
            .and_hms_opt(22, 0, 0)
            .unwrap();
        let jan = chrono::NaiveDate::from_ymd_opt(2023, 1, 15)
            .unwrap()
            .and_hms_opt(22, 0, 0)
            .unwrap();
        assert_eq!(zone.observes_daylight_at(may), Some(true));
        assert_eq!(zone.observes_daylight_at(jan), Some(false));
        assert_eq!(zone.offset_at(may).map(|o| o.local_minus_utc()), Some(-7 * 3600));
    }
}
