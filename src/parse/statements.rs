//! What the summary, impact and opening say about the incident's time:
//! how long it lasted, when it started and ended, on which date.
//!
//! A number of hours in prose is not always the outage's length ("alerts
//! every 5 minutes", "two hours before the deploy"), so a duration counts
//! only with a cue that ties it to the outage ("lasted", "spanned", "down
//! for", "a two-hour outage", a `Duration:` label). Start times likewise
//! need a sentence about the outage beginning.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::ParseOptions;
use super::markdown::Line;
use super::mentions::LineStamps;
use super::resolve::{Context, crosses_midnight, resolve_written};
use super::timeline::written;
use crate::cue::{Ahead, Before, Words};
use crate::model::{Incident, Resolved, SectionKind, Spanned, StatedTime, Statement, WrittenTime, ZoneRef};
use crate::source::Span;
use crate::text::{reach_back, reach_forward, text_before};
use crate::time::clock::{ClockTime, Meridiem};
use crate::time::duration::find_durations;
use crate::time::timestamp::{Timestamp, find_timestamps};

/// Words that tie a duration shortly after them to the outage: "lasted
/// about 2 hours", "the outage, all told, 3 hours".
const DURATION_CUES: Words = Words::new(&[
    "lasted",
    "lasting",
    "last",
    "spanned",
    "spanning",
    "spans",
    "persisted",
    "persisting",
    "continued",
    "continuing",
    "took",
    "taking",
    "down",
    "offline",
    "unavailable",
    "inaccessible",
    "unreachable",
    "outage",
    "downtime",
    "disruption",
    "interruption",
    "duration",
    "period",
    "total",
    "lasts",
    "ran",
    "running",
]);
const OUTAGE_NOUNS: Words = Words::new(&[
    "outage",
    "downtime",
    "disruption",
    "interruption",
    "incident",
    "blackout",
]);
/// Durations that are about something else: a lead time, a cadence, a deadline.
const LEAD_TIME_CUES: Words = Words::new(&[
    "within", "every", "each", "per", "after", "in", "next", "last", "past", "first", "later", "earlier", "up to",
    "before",
]);
const ROUGHLY: Words = Words::new(&["about", "around", "approximately", "nearly"]);
const NOT_OUTAGE_AFTER: Words = Words::new(&["ago", "before", "after", "later", "earlier", "prior", "into"]);
const WORK: Words = Words::new(&[
    "investigation",
    "debugging",
    "troubleshooting",
    "work",
    "testing",
    "monitoring",
]);
const NOTICING: Words = Words::new(&[
    "detect",
    "identify",
    "find",
    "diagnose",
    "notice",
    "escalate",
    "respond",
    "acknowledge",
    "investigate",
    "spot",
    "realize",
    "realise",
]);
/// "down for 2 hours", "could not log in for 45 minutes": "for" after words of
/// the outage itself, not "compensation for a day".
const OUTAGE_STATES: Words = Words::new(&[
    "down",
    "offline",
    "unavailable",
    "inaccessible",
    "unreachable",
    "disrupted",
    "interrupted",
    "degraded",
    "failing",
    "failed",
    "broken",
    "unusable",
    "unresponsive",
    "erroring",
    "stopped",
    "halted",
    "stalled",
    "frozen",
    "hung",
    "paused",
    "out",
    "could not",
    "couldn't",
    "cannot",
    "can't",
    "unable to",
    "not able to",
]);
/// Words of a sentence that tells the outage began.
const START_WORDS: Words = Words::new(&[
    "outage",
    "downtime",
    "disruption",
    "interruption",
    "incident",
    "issue",
    "problem",
    "error",
    "errors",
    "failure",
    "failed",
    "failing",
    "down",
    "unavailable",
    "unresponsive",
    "crash*",
    "experienced",
    "encountered",
    "occurred",
    "occured",
    "began",
    "begun",
    "started",
    "starts",
    "hit",
    "affected",
    "went",
    "became",
    "stopped",
    "broke",
    "broken",
    "slow*",
    "degrad*",
    "latency",
    "timed out",
    "timeout",
    "timeouts",
]);
/// Words of a sentence about a later step, not the start.
const LATER_STEP_WORDS: Words = Words::new(&[
    "restored",
    "resolved",
    "fixed",
    "recovered",
    "discovered",
    "detected",
    "identified",
    "noticed",
    "alerted",
    "deployed",
    "mitigated",
    "escalated",
    "rolled back",
]);
const ENDED: Words = Words::new(&["ended", "finished", "concluded"]);
const AT_ON_BY: Words = Words::new(&["at", "on", "by"]);
/// "from 13:05 to 14:10", "between 9 and 10 AM".
const WINDOW_OPENERS: Words = Words::new(&["from", "between", "starting", "since", "duration"]);
const WINDOW_JOINERS: Words = Words::new(&[
    "to", "and", "until", "till", "through", "thru", "-", "–", "—", "->", "→",
]);
const HAPPENED: Words = Words::new(&[
    "occurred",
    "occured",
    "happened",
    "took place",
    "started",
    "began",
    "begun",
    "was",
    "were",
    "hit",
    "struck",
]);
const STARTED_LABELS: Words = Words::new(&["start", "started", "starting", "began", "begin"]);
const ENDED_LABELS: Words = Words::new(&["end", "ended", "finish", "finished"]);

/// "about", "~": the usual words between a cue and its duration.
fn roughly_before(b: Before<'_>) -> Option<Before<'_>> {
    b.space()
        .and_then(|b| b.candidates(&ROUGHLY).find_map(|w| b.literal(w)))
        .or_else(|| b.spaces().literal("~"))
}

fn duration_cue_before(b: Before<'_>) -> bool {
    b.word_within(&DURATION_CUES, 40, &['.', ';', ':'])
}

/// "2 hours of downtime", "a 3-hour long outage".
fn duration_cue_after(text: &str) -> bool {
    let mut a = Ahead::new(text).spaces();
    if let Some(dash) = a.literal("-") {
        a = dash.spaces();
    }
    for word in ["long", "of", "total", "service"] {
        if let Some(read) = a.literal(word).and_then(Ahead::space) {
            a = read;
        }
    }
    a.any_prefix(&OUTAGE_NOUNS).is_some()
}

/// "within 5 minutes", "every 2 hours", "in the next ~10 minutes".
fn lead_time_before(b: Before<'_>) -> bool {
    let b = roughly_before(b).unwrap_or(b);
    let b = b.space().and_then(|b| b.word("the")).unwrap_or(b);
    b.space().and_then(|b| b.any_word(&LEAD_TIME_CUES)).is_some()
}

/// "2 hours ago", "20 minutes into the incident", "an hour to detect".
fn not_outage_after(text: &str) -> bool {
    let a = Ahead::new(text).spaces();
    let of_work = a.literal("of ").and_then(|a| {
        let a = a.literal("the ").or_else(|| a.literal("our ")).unwrap_or(a);
        a.any_word(&WORK)
    });
    a.any_word(&NOT_OUTAGE_AFTER).is_some()
        || of_work.is_some()
        || a.literal("to ").and_then(|a| a.any_word(&NOTICING)).is_some()
}

/// "down for", "could not log in for about": up to four words between.
fn down_for(b: Before<'_>) -> bool {
    let b = roughly_before(b).unwrap_or(b);
    let Some(mut b) = b.spaces().literal("for").and_then(Before::space) else {
        return false;
    };
    for words_between in 0..=4 {
        if b.any_word(&OUTAGE_STATES).is_some() {
            return true;
        }
        if words_between == 4 {
            break;
        }
        match b
            .run(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '\'' | '-'))
            .and_then(Before::space)
        {
            Some(read) => b = read,
            None => break,
        }
    }
    false
}

/// "... started at 13:35 and ended at 14:02": the end of a start already told.
fn ended_at(b: Before<'_>) -> bool {
    let spaced = |b: Before<'_>| b.space().and_then(|b| b.any_word(&ENDED)).is_some();
    b.spaces().any_word(&AT_ON_BY).is_some_and(spaced) || spaced(b)
}

fn window_opens_before(b: Before<'_>) -> bool {
    b.word_within(&WINDOW_OPENERS, 30, &['.', ';'])
}

/// The text between two times joins them into a window: "to", "-", ", and".
fn joins_a_window(between: &str) -> bool {
    let between = between.trim();
    let between = between.strip_prefix(',').map_or(between, str::trim_start);
    WINDOW_JOINERS.contains(between)
}

/// "The outage occurred on", "On": a date that is the incident's.
fn incident_date_cue(b: Before<'_>) -> bool {
    let Some(on) = b.spaces().literal("on") else {
        return false;
    };
    if on.at_text_start() {
        return true;
    }
    on.space()
        .is_some_and(|b| b.char(|c| matches!(c, '.' | '!' | '?')).is_some() || b.any_word(&HAPPENED).is_some())
}

/// The label a line starts with (`Duration:`, `Start time (UTC):`), and
/// where its colon ends: at most 20 characters after the label's word.
fn line_label(text: &str) -> Option<(LineKind, usize)> {
    let colon_after = |a: Ahead<'_>| {
        let rest = &text[a.position()..];
        let (i, _) = rest.char_indices().take(21).find(|&(_, c)| c == ':')?;
        Some(a.position() + i + 1)
    };
    let a = Ahead::new(text).spaces();
    [
        ("duration", LineKind::Duration, false),
        ("start", LineKind::Start, true),
        ("end", LineKind::End, true),
        ("started", LineKind::Start, false),
        ("ended", LineKind::End, false),
    ]
    .into_iter()
    .find_map(|(word, kind, may_say_time)| {
        let read = a.literal(word)?;
        let timed = read.space().and_then(|a| a.literal("time")).filter(|_| may_say_time);
        let end = timed.and_then(colon_after).or_else(|| colon_after(read))?;
        Some((kind, end))
    })
}

/// `Start time:` / `End:` right before a time, on a line that may hold both.
fn label_before(since_previous: &str) -> Option<LineKind> {
    let b = Before::end_of(since_previous).spaces().literal(":")?.spaces();
    let label = |b: Before<'_>| {
        let timed = b.literal("time").and_then(|b| b.run(|c| c.is_whitespace() || c == '-'));
        let kind_of = |b: Before<'_>| {
            if b.any_word(&ENDED_LABELS).is_some() {
                Some(LineKind::End)
            } else {
                b.any_word(&STARTED_LABELS).map(|_| LineKind::Start)
            }
        };
        kind_of(b).or_else(|| timed.and_then(kind_of))
    };
    std::iter::once(b)
        .chain(b.parenthesis().map(Before::spaces))
        .find_map(label)
}

/// What kind of line a statement comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LineKind {
    Prose,
    /// `Duration: ...`: every duration and range in it is the outage's.
    Duration,
    Start,
    End,
}

impl LineKind {
    /// The label key that gives a line this kind.
    fn key(self) -> &'static str {
        match self {
            LineKind::Prose => "",
            LineKind::Duration => "duration",
            LineKind::Start => "start",
            LineKind::End => "end",
        }
    }
}

fn line_kind(text: &str, key: Option<&str>) -> LineKind {
    match key {
        Some(l) if l.starts_with("duration") => LineKind::Duration,
        Some(l) if l.starts_with("start") => LineKind::Start,
        Some(l) if l.starts_with("end") => LineKind::End,
        Some(_) => LineKind::Prose,
        None => line_label(text).map_or(LineKind::Prose, |(kind, _)| kind),
    }
}

/// The sentence of `text` that holds the timestamp at `stamp`, as a range.
/// A sentence longer than `CUE_REACH` either side is cut there. The
/// timestamp's own dots (`11:30 p.m.`, `Jan. 5`) end no sentence, nor does
/// a dot with no blank after it (`1.5 hours`, `status.example.com`).
fn sentence_around(text: &str, stamp: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    let (from, to) = (reach_back(text, stamp.start), reach_forward(text, stamp.end));
    let ends_sentence = |(i, c): &(usize, char)| match c {
        '.' => text[i + 1..].chars().next().is_none_or(char::is_whitespace),
        '!' | '?' | ';' => true,
        _ => false,
    };
    let start = text[from..stamp.start]
        .char_indices()
        .map(|(i, c)| (from + i, c))
        .rfind(ends_sentence)
        .map_or(from, |(i, _)| i + 1);
    let end = text[stamp.end..to]
        .char_indices()
        .map(|(i, c)| (stamp.end + i, c))
        .find(ends_sentence)
        .map_or(to, |(i, _)| i);
    start..end
}

fn is_incident_duration(text: &str, range: &std::ops::Range<usize>, kind: LineKind) -> bool {
    let before = Before::point(text, range.start);
    let after = &text[range.end..reach_forward(text, range.end)];
    if lead_time_before(before) || not_outage_after(after) {
        return false;
    }
    if kind == LineKind::Duration {
        return true;
    }
    duration_cue_before(before) || duration_cue_after(after) || down_for(before)
}

/// Where the statements come from: the opening (before the first known
/// section), and the summary and impact sections.
fn source_spans(incident: &Incident<'_>) -> Vec<Span> {
    let first_known = incident
        .sections
        .iter()
        .find(|s| s.kinds.is_known())
        .map_or(incident.body.end, |s| s.span.start);
    let mut spans = vec![Span::new(incident.body.start, first_known)];
    spans.extend(
        incident
            .sections
            .iter()
            .filter(|s| s.is(SectionKind::Summary) || s.is(SectionKind::Impact))
            .map(|s| s.body),
    );
    spans
}

/// A second end of a range written without AM/PM takes the reading that
/// puts it soonest after the first ("from 1:10pm until 1:19").
fn complete_meridiem(start: &ClockTime, end: &mut ClockTime) {
    let (Some(start_time), true) = (start.naive(), end.meridiem.is_none() && end.is_meridiem_ambiguous()) else {
        return;
    };
    if start.meridiem.is_none() {
        return;
    }
    let best = [Meridiem::Am, Meridiem::Pm]
        .into_iter()
        .filter_map(|m| {
            let t = ClockTime {
                meridiem: Some(m),
                ..*end
            }
            .naive()?;
            let gap = (t - start_time).num_seconds();
            (gap >= 0).then_some((gap, m))
        })
        .min_by_key(|(gap, _)| *gap);
    if let Some((_, m)) = best {
        end.meridiem = Some(m);
    }
}

/// The written time of a timestamp's range end, sharing its date and zone.
fn end_of_range(line: &Line<'_>, ts: &Timestamp) -> Option<WrittenTime> {
    let start = written(line, ts);
    let end = start.end_time.clone()?;
    Some(WrittenTime {
        span: end.span,
        date: start.date.clone(),
        time: Some(end),
        end_time: None,
        zone: start.zone.clone(),
    })
}

struct Extractor {
    out: Vec<Statement>,
    /// A window with a start has been stated.
    started: bool,
}

impl Extractor {
    fn line(&mut self, line: &Line<'_>, key: Option<&str>, opts: &ParseOptions<'_>, read: &LineStamps) {
        let text: &str = &line.text;
        let kind = line_kind(text, key);
        for d in find_durations(text) {
            if is_incident_duration(text, &d.range, kind) {
                self.out.push(Statement::Duration {
                    span: line.source_span(d.range.clone()),
                    seconds: d.seconds,
                    approximate: d.approximate,
                });
            }
        }
        let found;
        let stamps = match read.of(line) {
            Some(stamps) => stamps,
            None => {
                found = find_timestamps(text, opts.zones);
                &found
            }
        };
        let mut k = 0;
        let mut started = self.started;
        while k < stamps.len() {
            let ts = &stamps[k];
            let before = Before::point(text, ts.range.start);
            let previous_end = k.checked_sub(1).map_or(0, |p| stamps[p].range.end);
            let since_previous = &text[previous_end.max(reach_back(text, ts.range.start))..ts.range.start];
            let kind = match label_before(since_previous) {
                Some(label) => label,
                None if matches!(kind, LineKind::Start | LineKind::End) && k > 0 => LineKind::Prose,
                None => kind,
            };
            let sentence = &text[sentence_around(text, &ts.range)];
            if let Some(date) = &ts.date
                && (incident_date_cue(before) || key.is_some_and(|k| k.contains("incident")))
            {
                self.out.push(Statement::IncidentDate {
                    span: line.source_span(ts.range.clone()),
                    date: Spanned::new(date.value, line.source_span(date.range.clone())),
                });
            }
            if ts.time.is_none() {
                k += 1;
                continue;
            }
            // "from X to Y", "between X and Y", "Duration: X — Y"
            if let Some(next) = stamps.get(k + 1).filter(|n| n.time.is_some())
                && joins_a_window(&text[ts.range.end..next.range.start])
                && (window_opens_before(before) || kind == LineKind::Duration)
            {
                let start = written(line, ts);
                let mut end = written(line, next);
                if let (Some(s), Some(e)) = (&start.time, &mut end.time) {
                    complete_meridiem(&s.value, &mut e.value);
                }
                self.push_window(line.source_span(ts.range.start..next.range.end), Some(start), Some(end));
                started = true;
                k += 2;
                continue;
            }
            // "14:05 - 15:20 UTC" in one timestamp
            if ts.end_time.is_some() && (window_opens_before(before) || kind != LineKind::Prose) {
                let start = written(line, ts);
                let mut end = end_of_range(line, ts);
                if let (Some(s), Some(e)) = (&start.time, end.as_mut().and_then(|e| e.time.as_mut())) {
                    complete_meridiem(&s.value, &mut e.value);
                }
                self.push_window(line.source_span(ts.range.clone()), Some(start), end);
                started = true;
                k += 1;
                continue;
            }
            if started
                && matches!(kind, LineKind::Prose | LineKind::Duration)
                && ended_at(Before::end_of(since_previous))
            {
                self.push_window(line.source_span(ts.range.clone()), None, Some(written(line, ts)));
                k += 1;
                continue;
            }
            match kind {
                LineKind::Start => self.push_window(line.source_span(ts.range.clone()), Some(written(line, ts)), None),
                LineKind::End => self.push_window(line.source_span(ts.range.clone()), None, Some(written(line, ts))),
                // The first sentence that tells the outage began, and when.
                LineKind::Prose | LineKind::Duration
                    if !started && START_WORDS.is_in(sentence) && !LATER_STEP_WORDS.is_in(sentence) =>
                {
                    self.push_window(line.source_span(ts.range.clone()), Some(written(line, ts)), None);
                    started = true;
                }
                _ => {}
            }
            k += 1;
        }
    }

    fn push_window(&mut self, span: Span, start: Option<WrittenTime>, end: Option<WrittenTime>) {
        self.started |= start.is_some();
        let stated = |w: WrittenTime| {
            Box::new(StatedTime {
                written: w,
                resolved: None,
            })
        };
        self.out.push(Statement::Window {
            span,
            start: start.map(stated),
            end: end.map(stated),
        });
    }
}

/// `read`: the timestamps already found in the body's lines.
pub(crate) fn extract_statements(
    incident: &Incident<'_>,
    opts: &ParseOptions<'_>,
    read: &LineStamps,
) -> Vec<Statement> {
    let mut ex = Extractor {
        out: Vec::new(),
        started: false,
    };
    // The title names the incident's date: "Outage on January 20, 2024".
    if let Some(title) = &incident.title {
        for line in incident
            .markdown
            .lines_in(title.span.cover(Span::empty_at(title.span.end)))
        {
            for ts in find_timestamps(&line.text, opts.zones) {
                if let Some(date) = &ts.date
                    && text_before(&line.text, ts.range.start)
                        .trim_end()
                        .to_lowercase()
                        .ends_with(" on")
                {
                    ex.out.push(Statement::IncidentDate {
                        span: line.source_span(ts.range.clone()),
                        date: Spanned::new(date.value, line.source_span(date.range.clone())),
                    });
                }
            }
        }
    }
    let title_span = incident.title.as_ref().map(|t| t.span);
    let mut metadata_spans: Vec<(Span, String)> = incident
        .metadata
        .iter()
        .map(|m| (m.key_span.cover(m.value_span), m.key.clone()))
        .collect();
    metadata_spans.sort_by_key(|(s, _)| s.start);
    for span in source_spans(incident) {
        // "Start time:" alone on a line labels the time on the next one.
        let mut pending_label: Option<&str> = None;
        for line in incident.markdown.lines_in(span) {
            if title_span.is_some_and(|t| line.span.contains(t)) {
                continue;
            }
            let label = pending_label.take();
            // The first field that starts within the line, if the line holds it.
            let first = metadata_spans.partition_point(|(s, _)| s.start < line.span.start);
            let key = metadata_spans
                .get(first)
                .filter(|(s, _)| line.span.contains(*s))
                .map(|(_, k)| k.as_str())
                .or(label);
            ex.line(line, key, opts, read);
            if let Some((kind, end)) = line_label(&line.text)
                && line.text[end..].trim().is_empty()
            {
                pending_label = Some(kind.key());
            }
        }
    }
    let mut out = ex.out;
    out.sort_by_key(|s| s.span().start);
    out.dedup();
    out
}

/// Give the stated times a meaning, with the same context as the timeline.
pub(crate) fn resolve_statements(incident: &mut Incident<'_>, opts: &ParseOptions<'_>) {
    let ctx = Context::of(incident, opts.settings);
    let document_date = incident.document_date.as_ref().and_then(|d| ctx.date(&d.date.value));
    let timeline_zone = match incident.timeline.declared_zones.as_slice() {
        [(_, zone)] => Some(zone.clone()),
        _ => None,
    };
    let config_zone = opts.settings.default_timezone.clone().map(|zone| ZoneRef {
        zone,
        span: None,
        source: crate::model::ZoneSource::Config,
    });
    let zones = [incident.document_zone.clone(), timeline_zone, config_zone];
    let zone_refs: Vec<Option<&ZoneRef>> = zones.iter().map(Option::as_ref).collect();
    // A time with no date takes the date stated on its line ("On March 6, at 5am").
    let dates: Vec<(Span, NaiveDate, bool)> = incident
        .statements
        .iter()
        .filter_map(|s| match s {
            Statement::IncidentDate { span, date } => ctx.date(&date.value).map(|(d, y)| (*span, d, y)),
            _ => None,
        })
        .collect();
    let window = i64::from(opts.settings.rollover_hours) * 3600;
    let lines = &incident.lines;
    for statement in &mut incident.statements {
        let Statement::Window { span, start, end } = statement else {
            continue;
        };
        let line_start = lines.start_of_line_at(span.start);
        // Statements are in document order, so their dates are sorted.
        let upto = dates.partition_point(|(s, _, _)| s.start <= span.start);
        let same_line_date = upto
            .checked_sub(1)
            .map(|i| dates[i])
            .filter(|(s, _, _)| s.start >= line_start)
            .map(|(_, d, y)| (d, y));
        let fallback = same_line_date.or(document_date);
        if let Some(s) = start {
            s.resolved = resolve_written(&s.written, fallback, &zone_refs, &ctx);
        }
        let start_resolved = start.as_ref().and_then(|s| s.resolved.clone());
        if let Some(e) = end {
            let end_fallback = start_resolved
                .as_ref()
                .filter(|r| r.date_known)
                .map(|r| (r.local.date(), r.year_known))
                .or(fallback);
            let mut resolved = resolve_written(&e.written, end_fallback, &zone_refs, &ctx);
            if let (Some(r), Some(s)) = (&mut resolved, &start_resolved) {
                roll_end_over_midnight(r, s, e.written.date.is_some(), window);
            }
            e.resolved = resolved;
        }
    }
}

/// "from 23:10 to 01:30": an end without its own date that falls before the
/// start, within the roll-over window, is the next day.
fn roll_end_over_midnight(end: &mut Resolved, start: &Resolved, end_has_date: bool, window: i64) {
    if end_has_date || end.local >= start.local || end.local.date() != start.local.date() {
        return;
    }
    if crosses_midnight(start.local.time(), end.local.time(), window) {
        end.local = NaiveDateTime::new(end.local.date() + Duration::days(1), end.local.time());
        end.instant = end.instant.map(|i| i + Duration::days(1));
        end.rolled_over = true;
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Statement;
    use crate::parse::{ParseOptions, parse};

    fn statements(src: &str) -> Vec<String> {
        let incident = parse(src, &ParseOptions::default());
        incident
            .statements
            .iter()
            .map(|s| match s {
                Statement::Duration {
                    span,
                    seconds,
                    approximate,
                } => {
                    format!(
                        "duration {} = {}m{}",
                        incident.text(*span),
                        seconds / 60,
                        if *approximate { " ~" } else { "" }
                    )
                }
                Statement::Window { start, end, .. } => {
                    let show = |t: &Option<Box<crate::model::StatedTime>>| {
                        t.as_ref().map_or("-".to_string(), |t| {
                            t.resolved
                                .as_ref()
                                .map_or("?".to_string(), |r| r.local.format("%Y-%m-%d %H:%M").to_string())
                        })
                    };
                    format!("window {} .. {}", show(start), show(end))
                }
                Statement::IncidentDate { date, .. } => format!("date {}", incident.text(date.span)),
            })
            .collect()
    }

    #[test]
    fn seed_style_summaries() {
        assert_eq!(
            statements(
                "### Summary\nOn January 20, 2024, our system underwent a service disruption that spanned 2 hours.\n"
            ),
            vec!["date January 20, 2024", "duration 2 hours = 120m"]
        );
        assert_eq!(
            statements(
                "Issue Summary\nOn 14th February 2024 at 9AM (EAT), our company had an outage that lasted for one hour.\n"
            ),
            vec![
                "date 14th February 2024",
                "window 2024-02-14 09:00 .. -",
                "duration one hour = 60m"
            ]
        );
        assert_eq!(
            statements(
                "## Issue summary\n\nFrom `August 4, 2023` 4:25 PM to  `August 8, 2023` 7:30 PM, requests failed.\n"
            ),
            vec!["window 2023-08-04 16:25 .. 2023-08-08 19:30"]
        );
        assert_eq!(
            statements(
                "Description:\nOn May 15, 2023, at 10:00 PM (Pacific Standard Time), our server went down. The downtime lasted approximately 4 hours.\n"
            ),
            vec![
                "date May 15, 2023",
                "window 2023-05-15 22:00 .. -",
                "duration approximately 4 hours = 240m ~"
            ]
        );
    }

    #[test]
    fn windows_and_labels() {
        assert_eq!(
            statements("## Summary\nErrors between 14:05 and 15:20 UTC on 2024-03-01 hit checkout.\n"),
            vec!["window 2024-03-01 14:05 .. 2024-03-01 15:20"]
        );
        assert_eq!(
            statements(
                "## Summary\n**Duration:** March 2, 2025, 12:00 CAT — March 2, 2025, 14:15 CAT (2 hours 15 minutes)\n"
            ),
            vec![
                "window 2025-03-02 12:00 .. 2025-03-02 14:15",
                "duration 2 hours 15 minutes = 135m"
            ]
        );
        assert_eq!(
            statements("Start Time: February 5, 2024, 08:00 UTC\n\nEnd Time: February 5, 2024, 12:15 UTC\n"),
            vec!["window 2024-02-05 08:00 .. -", "window - .. 2024-02-05 12:15"]
        );
        assert_eq!(
            statements(
                "Start time: Oct 22 2022 9:00 AM (EAT), End time: Oct 22 2022 10:00 AM (EAT). The page was down.\n"
            ),
            vec!["window 2022-10-22 09:00 .. -", "window - .. 2022-10-22 10:00"]
        );
        assert_eq!(
            statements("## Summary\nThe site was down on 2024-05-01 from 1:10pm until 1:19.\n"),
            vec!["window 2024-05-01 13:10 .. 2024-05-01 13:19"]
        );
        // A label alone on its line labels the time below it; log-style dates.
        assert_eq!(
            statements("## Summary\n* Start-time:\n07/Jun/2023 4:05 PM (UTC) End-time: 07/Jun/2023 4:50 PM (UTC)\n"),
            vec!["window 2023-06-07 16:05 .. -", "window - .. 2023-06-07 16:50"]
        );
        assert_eq!(
            statements("## Summary\nThe outage started at 13:35 UTC on 2024-04-29 and ended at 14:02 UTC.\n"),
            vec!["window 2024-04-29 13:35 .. -", "window - .. 2024-04-29 14:02"]
        );
        // The dots of `p.m.`, a version and a decimal end no sentence.
        assert_eq!(
            statements("## Summary\nOn July 8, 2023, at 11:30 p.m. (EDT), the login service stopped.\n"),
            vec!["date July 8, 2023", "window 2023-07-08 23:30 .. -"]
        );
        assert_eq!(
            statements("## Summary\nOur outage began on the Ubuntu 20.04 hosts at 00:10 UTC on 2024-02-01.\n"),
            vec!["window 2024-02-01 00:10 .. -"]
        );
        assert_eq!(
            statements("## Summary\nThe outage started. At 10:00 UTC on 2024-02-01 we met.\n"),
            Vec::<String>::new(),
            "the sentence before is another one"
        );
    }

    #[test]
    fn durations_that_are_not_the_outage() {
        assert_eq!(
            statements("## Summary\nWe will review the alerts within 24 hours. Checks run every 5 minutes.\n"),
            Vec::<String>::new()
        );
        assert_eq!(
            statements("## Summary\nA deploy went out 2 hours before the outage. It took 30 minutes to detect.\n"),
            Vec::<String>::new()
        );
        assert_eq!(
            statements("## Summary\nUsers could not log in for 45 minutes.\n"),
            vec!["duration 45 minutes = 45m"]
        );
        assert_eq!(
            statements("## Summary\nA two-hour outage hit the API.\n"),
            vec!["duration two-hour = 120m"]
        );
        assert_eq!(
            statements("## Summary\nDowntime hit every client, so we added compensation for a day to all of them.\n"),
            Vec::<String>::new()
        );
    }
}

#[cfg(test)]
mod cue_equivalence;
