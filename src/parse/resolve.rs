//! Give every written time a meaning: a date, a clock reading, a zone and,
//! where those allow, an instant.
//!
//! Dates come from the time itself, else from the date carried down the
//! timeline (a date line, the entry before), else from the document's date;
//! an undated entry earlier than the one before it crosses midnight when the
//! step forward is short. Zones come from the time itself, else the
//! timeline's declaration, else the document's, else configuration.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};

use super::ParseOptions;
use super::markdown::BlockKind;
use super::timeline::{is_zone_declaration, time_zone_at};
use crate::cue::{Ahead, Words};
use crate::model::{
    DateFrom, DocumentDate, EventRole, Incident, MentionPlace, MeridiemReading, Metric, Metrics, Resolved, SectionKind,
    TimelineEntry, WrittenTime, ZoneRef, ZoneSource,
};
use crate::source::Span;
use crate::text::contains_ignore_ascii_case;
use crate::time::date::{DateOrder, DateParts};
use crate::time::zone::{Zone, find_zone_mentions};

/// The year dates without one are placed in when the document names none.
/// A leap year, so `February 29` survives.
const STAND_IN_YEAR: i32 = 2000;

/// Words that say an entry is on a later day than the one before it.
const NEXT_DAY_CUES: &[&str] = &[
    "next day",
    "following day",
    "next morning",
    "following morning",
    "day after",
    "overnight",
    "the next night",
];

/// Whether an entry's text says it happened the day after the one before.
/// Searched in place, ignoring ASCII case, without a lower-cased copy of
/// each entry's text: no character beyond ASCII lower-cases into one of
/// these cues. Every cue holds a `g` or a `y`: a text with neither is not
/// searched.
fn says_next_day(description: &str) -> bool {
    description.bytes().any(|b| matches!(b | 0x20, b'g' | b'y'))
        && NEXT_DAY_CUES
            .iter()
            .any(|cue| crate::text::contains_ignore_ascii_case(description, cue))
}

/// Metadata keys whose value is the incident's date, most specific first.
const DATE_KEYS: &[&str] = &[
    "incident date",
    "date of incident",
    "date of the incident",
    "incident_date",
    "date",
];

const TIMES: Words = Words::new(&["time", "times"]);
const TIMES_ARE: Words = Words::new(&["are", "is", "were", "shown", "given", "listed", "quoted", "used", "in"]);

/// A line that says which zone the document's times are in: "all times
/// UTC", "times are in CET", "time zone: IST".
fn tells_document_zone(line: &str) -> bool {
    // Every cue below holds "time"; most lines do not.
    if !contains_ignore_ascii_case(line, "time") {
        return false;
    }
    Ahead::word_starts(line).any(|a| {
        let times_are = |a: Option<Ahead<'_>>| a.and_then(Ahead::space).and_then(|a| a.any_word(&TIMES_ARE)).is_some();
        a.literal("all")
            .and_then(Ahead::space)
            .and_then(|a| a.any_word(&TIMES))
            .is_some()
            || times_are(a.literal("times"))
            || times_are(a.literal("time"))
            || time_zone_at(a).is_some()
    })
}

fn stand_in_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(STAND_IN_YEAR, 1, 1).unwrap_or_default()
}

/// What resolving a time needs to know about the document.
pub(crate) struct Context<'c> {
    pub order: Option<DateOrder>,
    pub year: Option<i32>,
    pub settings: &'c crate::settings::Settings,
}

impl<'c> Context<'c> {
    /// The document's context: its day/month order, and the year of its date
    /// or, failing that, of the first dated mention.
    pub fn of(incident: &Incident<'_>, settings: &'c crate::settings::Settings) -> Context<'c> {
        Context {
            order: incident.date_order.map(|(o, _)| o),
            year: incident
                .document_date
                .as_ref()
                .and_then(|d| d.date.value.year)
                .or_else(|| {
                    incident
                        .mentions
                        .iter()
                        .find_map(|m| m.written.date.as_ref()?.value.year)
                }),
            settings,
        }
    }

    /// A written date as a calendar date, and whether its year is real.
    pub fn date(&self, parts: &DateParts) -> Option<(NaiveDate, bool)> {
        let year_known = parts.year.is_some() || self.year.is_some();
        let date = parts.resolve(self.year.or(Some(STAND_IN_YEAR)), self.order)?;
        Some((date, year_known))
    }
}

/// The instant of a wall-clock time in a zone. A region's offset depends on
/// the date, so it needs a real one.
fn instant(local: NaiveDateTime, zone: Option<&ZoneRef>, date_known: bool) -> Option<DateTime<Utc>> {
    let zone = zone?;
    if !date_known && !matches!(zone.zone, Zone::Fixed(_)) {
        return None;
    }
    let offset = zone.zone.offset_at(local)?;
    Some((local - Duration::seconds(i64::from(offset.local_minus_utc()))).and_utc())
}

/// The evening an overnight step starts in, and the morning it ends in.
const EVENING_HOUR: u32 = 18;
const MORNING_END_HOUR: u32 = 12;

/// Whether an undated time earlier than the one before it is on the next day:
/// the step forward across midnight is at most `window` seconds, or it runs
/// from the evening (18:00 or later) into the morning (before noon).
pub(crate) fn crosses_midnight(before: NaiveTime, after: NaiveTime, window: i64) -> bool {
    let secs = |t: NaiveTime| i64::from(t.num_seconds_from_midnight());
    let step = secs(after) + 86_400 - secs(before);
    step <= window || before.hour() >= EVENING_HOUR && after.hour() < MORNING_END_HOUR
}

/// Resolve a time stated outside the timeline (a sentence of the summary).
pub(crate) fn resolve_written(
    written: &WrittenTime,
    fallback_date: Option<(NaiveDate, bool)>,
    zones: &[Option<&ZoneRef>],
    ctx: &Context<'_>,
) -> Option<Resolved> {
    let time = written.time.as_ref()?.value.naive()?;
    let own_date = written.date.as_ref().and_then(|d| ctx.date(&d.value));
    let (date, date_from, year_known) = match (own_date, fallback_date) {
        (Some((d, year_known)), _) => (d, DateFrom::Written, year_known),
        (None, Some((d, year_known))) => (d, DateFrom::Document, year_known),
        (None, None) => (stand_in_date(), DateFrom::StandIn, false),
    };
    let date_known = date_from != DateFrom::StandIn;
    let zone = own_zone(written).or_else(|| zones.iter().flatten().next().map(|z| (*z).clone()));
    let local = NaiveDateTime::new(date, time);
    Some(Resolved {
        instant: instant(local, zone.as_ref(), date_known),
        local,
        date_known,
        date_from,
        year_known,
        zone,
        rolled_over: false,
        meridiem: MeridiemReading::Written,
    })
}

fn own_zone(written: &WrittenTime) -> Option<ZoneRef> {
    written.zone.as_ref().map(|z| ZoneRef {
        zone: z.value.clone(),
        span: Some(z.span),
        source: ZoneSource::Own,
    })
}

/// Settle date order, document date and zone, timeline zones, every entry's
/// meaning, and the timeline's metrics.
pub(crate) fn resolve(incident: &mut Incident<'_>, opts: &ParseOptions<'_>) {
    incident.date_order = date_order(incident, opts);
    incident.document_date = document_date(incident);
    incident.document_zone = document_zone(incident, opts);
    incident.timeline.declared_zones = declared_zones(incident, opts);
    let ctx = Context::of(incident, opts.settings);
    let document_date = incident.document_date.as_ref().and_then(|d| ctx.date(&d.date.value));
    resolve_entries(incident, &ctx, document_date);
    incident.timeline.metrics = metrics(&incident.timeline.entries);
}

/// Day-first or month-first: a date whose numbers force an order settles it
/// for the document; else configuration.
fn date_order(incident: &Incident<'_>, opts: &ParseOptions<'_>) -> Option<(DateOrder, Option<Span>)> {
    incident
        .mentions
        .iter()
        .find_map(|m| {
            let d = m.written.date.as_ref()?;
            Some((d.value.forced_order()?, Some(d.span)))
        })
        .or_else(|| opts.settings.date_order.map(|o| (o, None)))
}

fn document_date(incident: &Incident<'_>) -> Option<DocumentDate> {
    let date_within = |span: Span| {
        incident
            .mentions
            .iter()
            .filter(|m| span.contains(m.written.span))
            .find_map(|m| m.written.date.clone())
    };
    if let Some(title) = &incident.title
        && let Some(date) = date_within(title.span)
    {
        return Some(DocumentDate { date, source: "title" });
    }
    for key in DATE_KEYS {
        if let Some(field) = incident.metadata(key)
            && let Some(date) = date_within(field.value_span)
        {
            return Some(DocumentDate {
                date,
                source: "metadata",
            });
        }
    }
    let first_known = incident
        .sections
        .iter()
        .find(|s| s.kinds.is_known())
        .map_or(incident.body.end, |s| s.span.start);
    let opening = Span::new(incident.body.start, first_known);
    let summary = incident
        .sections
        .iter()
        .filter(|s| s.is(SectionKind::Summary))
        .map(|s| s.body);
    std::iter::once(opening).chain(summary).find_map(|span| {
        let date = incident
            .mentions
            .iter()
            .filter(|m| m.place == MentionPlace::Prose && span.contains(m.written.span))
            .find_map(|m| m.written.date.clone())?;
        Some(DocumentDate {
            date,
            source: "summary",
        })
    })
}

/// "All times are in UTC", "Timezone: EAT" outside the timeline; failing a
/// declaration, the one zone the prose uses for all its times ("from 02:47
/// AM UTC to 05:00 AM UTC"), which a reader takes for the timeline's too.
fn document_zone(incident: &Incident<'_>, opts: &ParseOptions<'_>) -> Option<ZoneRef> {
    declared_document_zone(incident, opts).or_else(|| prose_zone(incident))
}

fn prose_zone(incident: &Incident<'_>) -> Option<ZoneRef> {
    let mut zones = incident
        .mentions
        .iter()
        .filter(|m| !matches!(m.place, MentionPlace::Timeline(_)))
        .filter_map(|m| m.written.zone.as_ref());
    let first = zones.next()?;
    if first.value.is_ambiguous() || zones.any(|z| !z.value.same_clock(&first.value)) {
        return None;
    }
    Some(ZoneRef {
        zone: first.value.clone(),
        span: Some(first.span),
        source: ZoneSource::Document,
    })
}

fn declared_document_zone(incident: &Incident<'_>, opts: &ParseOptions<'_>) -> Option<ZoneRef> {
    let timeline_bodies: Vec<Span> = incident
        .timeline
        .sections
        .iter()
        .filter_map(|&i| incident.sections.get(i))
        .map(|s| s.span)
        .collect();
    for field in &incident.metadata {
        if matches!(field.key.as_str(), "timezone" | "time zone" | "tz" | "zone")
            && let Some((range, zone)) = find_zone_mentions(&field.value, opts.zones).into_iter().next()
        {
            let span = field
                .value_span
                .slice(incident.src)
                .find(&field.value[range.clone()])
                .map_or(field.value_span, |at| {
                    Span::new(field.value_span.start + at, field.value_span.start + at + range.len())
                });
            return Some(ZoneRef {
                zone,
                span: Some(span),
                source: ZoneSource::Document,
            });
        }
    }
    // The cue is rare; test it first, then the (many) timeline bodies.
    incident
        .markdown
        .lines_in(incident.body)
        .filter(|l| tells_document_zone(&l.text))
        .filter(|l| !timeline_bodies.iter().any(|b| b.contains(l.span)))
        .find_map(|line| {
            let (range, zone) = find_zone_mentions(&line.text, opts.zones).into_iter().next()?;
            Some(ZoneRef {
                zone,
                span: Some(line.source_span(range)),
                source: ZoneSource::Document,
            })
        })
}

/// A timeline's own zone: in its heading ("Timeline (EAT)"), its intro ("All
/// times are in EAT time-zone"), or its time column's header ("Time (GMT + 0)").
fn declared_zones(incident: &Incident<'_>, opts: &ParseOptions<'_>) -> Vec<(usize, ZoneRef)> {
    let mut declared = Vec::new();
    // Where each timeline section's first entry starts, in one pass.
    let mut first_entries: crate::hash::HashMap<usize, usize> = crate::hash::HashMap::default();
    for entry in &incident.timeline.entries {
        if let Some(section) = entry.section {
            first_entries.entry(section).or_insert(entry.span.start);
        }
    }
    for &index in &incident.timeline.sections {
        let Some(section) = incident.sections.get(index) else {
            continue;
        };
        let zone_ref = |zone, span| ZoneRef {
            zone,
            span: Some(span),
            source: ZoneSource::Timeline,
        };
        let heading = &section.heading;
        if let Some((range, zone)) = find_zone_mentions(&heading.text, opts.zones).into_iter().next() {
            let label = &heading.text[range.clone()];
            let span = heading.span.slice(incident.src).find(label).map_or(heading.span, |at| {
                Span::new(heading.span.start + at, heading.span.start + at + label.len())
            });
            declared.push((index, zone_ref(zone, span)));
            continue;
        }
        let first_entry = first_entries.get(&index).copied().unwrap_or(section.body.end);
        let intro = Span::new(section.body.start, first_entry.max(section.body.start));
        let from_intro = incident.markdown.blocks_in(section.body).find_map(|block| {
            let header_row = matches!(block.kind, BlockKind::TableRow { header: true, .. });
            super::markdown::lines_near(&block.lines, section.body)
                .iter()
                .filter(|l| {
                    intro.contains(l.span)
                        || header_row && l.text.to_lowercase().contains("time")
                        || section.body.contains(l.span) && is_zone_declaration(&l.text)
                })
                .find_map(|line| {
                    let (range, zone) = find_zone_mentions(&line.text, opts.zones).into_iter().next()?;
                    Some(zone_ref(zone, line.source_span(range)))
                })
        });
        if let Some(zone) = from_intro {
            declared.push((index, zone));
        }
    }
    declared
}

/// The entries of each timeline, in order, with the next entry's clock time
/// for AM/PM inference.
fn resolve_entries(incident: &mut Incident<'_>, ctx: &Context<'_>, document_date: Option<(NaiveDate, bool)>) {
    let window = i64::from(ctx.settings.rollover_hours) * 3600;
    let config_zone = ctx.settings.default_timezone.clone().map(|zone| ZoneRef {
        zone,
        span: None,
        source: ZoneSource::Config,
    });
    // Timed entries by section, in one pass.
    let mut groups: Vec<(Option<usize>, Vec<usize>)> = Vec::new();
    let mut slots: crate::hash::HashMap<Option<usize>, usize> = crate::hash::HashMap::default();
    for (i, entry) in incident.timeline.entries.iter().enumerate() {
        if entry.time().is_none() {
            continue;
        }
        let slot = *slots.entry(entry.section).or_insert_with(|| {
            groups.push((entry.section, Vec::new()));
            groups.len() - 1
        });
        groups[slot].1.push(i);
    }
    let declared_by_section: crate::hash::HashMap<usize, &ZoneRef> =
        incident.timeline.declared_zones.iter().map(|(s, z)| (*s, z)).collect();
    let declared_by_section: crate::hash::HashMap<usize, ZoneRef> =
        declared_by_section.into_iter().map(|(s, z)| (s, z.clone())).collect();
    for (group, indices) in groups {
        let clocks: Vec<_> = indices
            .iter()
            .filter_map(|&i| incident.timeline.entries[i].time().map(|t| t.value))
            .collect();
        let twelve_hour = clocks.iter().any(|c| c.meridiem.is_some());
        let twenty_four_hour = clocks
            .iter()
            .any(|c| c.meridiem.is_none() && (c.hour > 12 || c.hour == 0 || c.padded));
        let infer_meridiem = twelve_hour && !twenty_four_hour;
        let declared = group.and_then(|g| declared_by_section.get(&g).cloned());
        let mut prev: Option<Resolved> = None;
        let mut prev_carried: Option<Span> = None;
        for (k, &i) in indices.iter().enumerate() {
            let entry = &incident.timeline.entries[i];
            let says_next_day = says_next_day(entry.description.slice(incident.src));
            let next = indices.get(k + 1).and_then(|&n| {
                let following = &incident.timeline.entries[n];
                let clock = following.time()?.value;
                let time = (!clock.is_meridiem_ambiguous() || !infer_meridiem)
                    .then(|| clock.naive())
                    .flatten()?;
                let day = match &following.written.as_ref()?.date {
                    None => WrittenDay::None,
                    Some(d) => ctx
                        .date(&d.value)
                        .map_or(WrittenDay::Unplaced, |(day, _)| WrittenDay::Day(day)),
                };
                Some(NextEntry { time, day })
            });
            let zones = [declared.as_ref(), incident.document_zone.as_ref(), config_zone.as_ref()];
            let resolved = resolve_entry(
                entry,
                EntryContext {
                    prev: prev.as_ref(),
                    prev_carried,
                    next,
                    infer_meridiem,
                    says_next_day,
                    window,
                    document_date,
                },
                &zones,
                ctx,
            );
            if let Some(r) = &resolved {
                prev = Some(r.clone());
                prev_carried = incident.timeline.entries[i].carried_date.as_ref().map(|d| d.span);
            }
            incident.timeline.entries[i].resolved = resolved;
        }
    }
}

struct EntryContext<'p> {
    prev: Option<&'p Resolved>,
    /// The date line the previous entry took its date from.
    prev_carried: Option<Span>,
    /// The next entry, when its time has one reading.
    next: Option<NextEntry>,
    infer_meridiem: bool,
    says_next_day: bool,
    window: i64,
    document_date: Option<(NaiveDate, bool)>,
}

/// The entry after the one being resolved: its time and the day it writes.
#[derive(Clone, Copy)]
struct NextEntry {
    time: NaiveTime,
    day: WrittenDay,
}

#[derive(Clone, Copy, PartialEq)]
enum WrittenDay {
    None,
    Day(NaiveDate),
    /// A date without one meaning (`02/08/2022`, `February 30`).
    Unplaced,
}

/// A time without AM/PM in a 12-hour timeline (`ec.infer_meridiem`), read
/// as the one of its two readings that alone keeps the timeline in order,
/// or, when both do, the one nearer the entries next to it. Only
/// neighbours on the same day (`day`) tell: after `4:00 PM` on March 3,
/// `7:45` on March 4 is in order either way.
///
/// When neither keeps the order within the day and a step may cross
/// midnight (the entry, or the next, has no date of its own), the reading
/// reached by the shorter way forward, under a day, is taken: `12:20`
/// between `11:50 PM` and `12:45 AM` is 12:20 AM, which the roll-over then
/// puts on the next day. Out of order either way, it is the nearer one:
/// `2:18` between `2:43 PM` and `2:52 PM` is 2:18 PM, out of order.
fn read_meridiem(
    time: NaiveTime,
    ambiguous: bool,
    day: NaiveDate,
    own_date: bool,
    ec: &EntryContext<'_>,
) -> (NaiveTime, MeridiemReading) {
    if !ec.infer_meridiem || !ambiguous {
        return (time, MeridiemReading::Written);
    }
    let other = if time.hour() < 12 {
        time.with_hour(time.hour() + 12)
    } else {
        time.with_hour(time.hour() - 12)
    };
    let Some(other) = other else {
        return (time, MeridiemReading::Ambiguous);
    };
    let prev_time = ec.prev.filter(|p| p.local.date() == day).map(|p| p.local.time());
    let next = ec
        .next
        .filter(|next| matches!(next.day, WrittenDay::None) || next.day == WrittenDay::Day(day));
    let next_time = next.map(|next| next.time);
    let fits = |t: NaiveTime| prev_time.is_none_or(|p| t >= p) && next_time.is_none_or(|n| t <= n);
    let pick = |a: Option<i64>, b: Option<i64>| match (a, b) {
        (Some(a), Some(b)) if a < b => (time, MeridiemReading::Inferred),
        (Some(a), Some(b)) if b < a => (other, MeridiemReading::Inferred),
        (Some(_), None) => (time, MeridiemReading::Inferred),
        (None, Some(_)) => (other, MeridiemReading::Inferred),
        _ => (time, MeridiemReading::Ambiguous),
    };
    // How far a reading is from the nearer of its neighbours.
    let gap = |t: NaiveTime| {
        let to_prev = prev_time.map(|p| (t - p).num_minutes().abs());
        let to_next = next_time.map(|n| (n - t).num_minutes().abs());
        to_prev.into_iter().chain(to_next).min()
    };
    let nearer = || pick(gap(time), gap(other));
    match (fits(time), fits(other)) {
        (true, false) => (time, MeridiemReading::Inferred),
        (false, true) => (other, MeridiemReading::Inferred),
        // Both keep the order: a reader takes the nearer, `3:14` before
        // `3:28 PM` as 3:14 PM, not twelve hours earlier.
        (true, true) => nearer(),
        (false, false) => {
            // Minutes forward from `from` to `to`, across midnight only
            // where the later of the two may move to the next day.
            let forward = |from: NaiveTime, to: NaiveTime, may_cross: bool| {
                let minutes = (to - from).num_minutes();
                if minutes >= 0 {
                    Some(minutes)
                } else {
                    may_cross.then_some(minutes + 24 * 60)
                }
            };
            let next_undated = next.is_some_and(|next| next.day == WrittenDay::None);
            let way = |t: NaiveTime| {
                let from_prev = prev_time.map_or(Some(0), |p| forward(p, t, !own_date))?;
                let to_next = next_time.map_or(Some(0), |n| forward(t, n, next_undated))?;
                // A day or more: out of order whichever it reads.
                Some(from_prev + to_next).filter(|&minutes| minutes < 24 * 60)
            };
            match (way(time), way(other)) {
                (None, None) => nearer(),
                ways => pick(ways.0, ways.1),
            }
        }
    }
}

fn resolve_entry(
    entry: &TimelineEntry,
    ec: EntryContext<'_>,
    zones: &[Option<&ZoneRef>],
    ctx: &Context<'_>,
) -> Option<Resolved> {
    let written = entry.written.as_ref()?;
    let clock = written.time.as_ref()?.value;
    let own = match &written.date {
        // A date that is written but has no single meaning (`02/08/2022` with
        // no day/month order known, `February 30`) leaves the entry unplaced:
        // borrowing a date from elsewhere would contradict the one written.
        Some(d) => Some(ctx.date(&d.value)?),
        None => None,
    };
    let carried = entry.carried_date.as_ref().and_then(|d| ctx.date(&d.value));
    // Under the same date line as the entry before, continue from its
    // date: it may already have crossed midnight.
    let same_date_line = entry.carried_date.as_ref().map(|d| d.span) == ec.prev_carried && ec.prev.is_some();
    let from_prev = ec.prev.map(|p| (p.local.date(), p.date_from, p.year_known));
    let (mut date, date_from, year_known) = own
        .map(|(d, yk)| (d, DateFrom::Written, yk))
        .or(if same_date_line { from_prev } else { None })
        .or_else(|| carried.map(|(d, yk)| (d, DateFrom::Written, yk)))
        .or(from_prev)
        .or_else(|| ec.document_date.map(|(d, yk)| (d, DateFrom::Document, yk)))
        .unwrap_or((stand_in_date(), DateFrom::StandIn, false));
    let (time, meridiem) = read_meridiem(clock.naive()?, clock.is_meridiem_ambiguous(), date, own.is_some(), &ec);
    let mut rolled_over = false;
    // Same day as the entry before and earlier than it: crossed midnight?
    if own.is_none()
        && let Some(prev) = ec.prev
        && prev.local.date() == date
        && time < prev.local.time()
        && (crosses_midnight(prev.local.time(), time, ec.window) || ec.says_next_day)
    {
        date = date.succ_opt().unwrap_or(date);
        rolled_over = true;
    }
    let zone = own_zone(written).or_else(|| zones.iter().flatten().next().map(|z| (*z).clone()));
    let local = NaiveDateTime::new(date, time);
    let date_known = date_from != DateFrom::StandIn;
    Some(Resolved {
        instant: instant(local, zone.as_ref(), date_known),
        local,
        date_known,
        date_from,
        year_known,
        zone,
        rolled_over,
        meridiem,
    })
}

fn metrics(entries: &[TimelineEntry]) -> Metrics {
    let timed: Vec<(usize, &TimelineEntry, &Resolved)> = entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.resolved.as_ref().map(|r| (i, e, r)))
        .collect();
    let Some(&(first, _, _)) = timed.first() else {
        return Metrics::default();
    };
    let start = timed
        .iter()
        .find(|(_, e, _)| e.role == Some(EventRole::ImpactStart))
        .map_or(first, |(i, _, _)| *i);
    let resolved_of = |i: usize| entries.get(i).and_then(|e| e.resolved.as_ref());
    let metric = |from: usize, to: usize| {
        let seconds = resolved_of(from)?.seconds_until(resolved_of(to)?)?;
        (seconds >= 0).then_some(Metric { from, to, seconds })
    };
    let after_start = |role: EventRole| {
        let start_time = resolved_of(start)?;
        timed
            .iter()
            .filter(|(_, e, r)| {
                e.role == Some(role) && start_time.compare(r).is_some_and(|o| o != std::cmp::Ordering::Greater)
            })
            .map(|(i, _, _)| *i)
            .next()
    };
    let end = timed
        .iter()
        .rev()
        .find(|(_, e, _)| e.role == Some(EventRole::Resolution))
        .or(timed.last())
        .map(|(i, _, _)| *i);
    let detect = after_start(EventRole::Detection);
    let mitigate = after_start(EventRole::Mitigation);
    Metrics {
        impact_duration: end.and_then(|e| metric(start, e)),
        time_to_detect: detect.and_then(|d| metric(start, d)),
        time_to_mitigate: mitigate.and_then(|m| metric(start, m)),
        time_to_resolve: detect.zip(end).and_then(|(d, e)| metric(d, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{ParseOptions, parse};

    /// Searching in place finds a cue where the lower-cased text holds it,
    /// whatever the case, with letters beyond ASCII that lower-case into
    /// ASCII or change length around it.
    #[test]
    fn next_day_cues_are_found_as_in_the_lower_cased_text() {
        assert!(NEXT_DAY_CUES.iter().all(|cue| cue.contains(['g', 'y'])));
        let mut words: Vec<&str> = NEXT_DAY_CUES.to_vec();
        words.extend([
            "NEXT", "Day", "nIGHT", "over", "İ", "\u{212a}", "ẞ", "é", "the", " ", "-", "morn", "ing",
        ]);
        let texts = crate::cue::equivalence::sample_texts("", &words, 4000);
        let mut found = 0;
        for text in &texts {
            let lowered = text.to_lowercase();
            let expected = NEXT_DAY_CUES.iter().any(|cue| lowered.contains(cue));
            assert_eq!(says_next_day(text), expected, "{text:?}");
            found += usize::from(expected);
        }
        assert!(found > 200, "{found}");
        assert!(says_next_day("The NEXT Morning, traffic fell"));
        assert!(!says_next_day("next, the day's traffic"));
    }

    /// Each timeline entry's resolved wall clock and how its AM/PM was read.
    fn readings(src: &str) -> Vec<(String, MeridiemReading)> {
        let incident = parse(src, &ParseOptions::default());
        incident
            .timeline
            .entries
            .iter()
            .filter_map(|e| e.resolved.as_ref())
            .map(|r| (r.local.format("%m-%d %H:%M").to_string(), r.meridiem))
            .collect()
    }

    #[test]
    fn am_pm_is_inferred_from_neighbours_on_the_same_day() {
        use MeridiemReading::{Ambiguous, Inferred, Written};
        let same_day = "## Timeline\n\n- March 3, 2024 9:40 AM: deploy\n- March 3, 2024 4:00 PM: rollback\n\
                        - March 3, 2024 7:45: alerts again\n";
        assert_eq!(
            readings(same_day),
            [
                ("03-03 09:40".into(), Written),
                ("03-03 16:00".into(), Written),
                ("03-03 19:45".into(), Inferred)
            ]
        );
        // The day after 4:00 PM, 7:45 is in order either way (and read as
        // written); 9:15 comes before 5:20 PM only in the morning.
        let next_day = "## Timeline\n\n- March 3, 2024 4:00 PM: rollback\n- March 4, 2024 7:45: alerts again\n\
                        - March 4, 2024 9:15: second rollback\n- March 4, 2024 5:20 PM: fix shipped\n";
        assert_eq!(
            readings(next_day),
            [
                ("03-03 16:00".into(), Written),
                ("03-04 07:45".into(), Ambiguous),
                ("03-04 09:15".into(), Inferred),
                ("03-04 17:20".into(), Written),
            ]
        );
        // Nor does an entry of the next day settle one of the day before.
        let next_entry_later = "## Timeline\n\n- March 3, 2024 10:00 AM: deploy\n- March 3, 2024 8:30: alerts\n\
                                - March 4, 2024 7:00 AM: review\n";
        assert_eq!(
            readings(next_entry_later),
            [
                ("03-03 10:00".into(), Written),
                ("03-03 20:30".into(), Inferred),
                ("03-04 07:00".into(), Written)
            ]
        );
        let previous_day_only = "## Timeline\n\n- March 3, 2024 10:00 PM: deploy\n- March 4, 2024 8:30: alerts\n";
        assert_eq!(
            readings(previous_day_only),
            [("03-03 22:00".into(), Written), ("03-04 08:30".into(), Ambiguous)]
        );
    }

    #[test]
    fn am_pm_is_read_as_a_reader_places_the_time() {
        use MeridiemReading::{Inferred, Written};
        let timeline = |times: &[&str]| {
            let entries: String = times.iter().map(|t| format!("- {t}: something happened\n")).collect();
            readings(&format!("## Timeline\n\n{entries}"))
        };
        // Both readings in order: the nearer.
        assert_eq!(
            timeline(&["3:14", "3:28 PM", "4:10 PM"]),
            [
                ("01-01 15:14".into(), Inferred),
                ("01-01 15:28".into(), Written),
                ("01-01 16:10".into(), Written)
            ]
        );
        assert_eq!(
            timeline(&["9:00 AM", "10:15"]),
            [("01-01 09:00".into(), Written), ("01-01 10:15".into(), Inferred)]
        );
        // Neither in order within the day: the shorter way across midnight.
        assert_eq!(
            timeline(&["11:50 PM", "12:20", "12:45 AM", "1:10"]),
            [
                ("01-01 23:50".into(), Written),
                ("01-02 00:20".into(), Inferred),
                ("01-02 00:45".into(), Written),
                ("01-02 01:10".into(), Inferred),
            ]
        );
        assert_eq!(
            timeline(&["11:00 PM", "1:30"]),
            [("01-01 23:00".into(), Written), ("01-02 01:30".into(), Inferred)]
        );
        assert_eq!(
            timeline(&["11:50", "12:20 AM"]),
            [("01-01 23:50".into(), Inferred), ("01-02 00:20".into(), Written)]
        );
        // Out of order whichever it reads: the nearer, not a day later.
        assert_eq!(
            timeline(&["2:43 PM", "2:18", "2:52 PM"]),
            [
                ("01-01 14:43".into(), Written),
                ("01-01 14:18".into(), Inferred),
                ("01-01 14:52".into(), Written)
            ]
        );
    }

    #[test]
    fn zone_cues_read_as_the_regex_did() {
        let words = [
            "all", "time", "times", "zone", "zones", "timezone", "are", "is", "in", "given", "the",
        ];
        crate::cue::equivalence::assert_same_text(
            r"(?i)\b(?:all\s+times?|times?\s+(?:are|is|were|shown|given|listed|quoted|used|in)|time\s*-?\s*zones?|timezones?)\b",
            &words,
            tells_document_zone,
        );
    }
}
