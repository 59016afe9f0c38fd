//! `pmlint parse --format json`: the incident model as JSON, the debugging
//! window into the parser. The schema is documented in the README.

use serde_json::{Value, json};

use crate::model::{Incident, Metric, Resolved, Spanned, StatedTime, Statement, TimelineEntry, WrittenTime, ZoneRef};
use crate::source::{Source, Span};
use crate::time::clock::{ClockTime, Meridiem};
use crate::time::date::{DateParts, MonthDay};

fn span(source: &Source, span: Span) -> Value {
    let start = source.position(span.start);
    let end = source.position(span.end);
    json!({
        "start": span.start,
        "end": span.end,
        "line": start.line,
        "column": start.column,
        "end_line": end.line,
        "end_column": end.column,
    })
}

fn text_at(source: &Source, s: Span) -> Value {
    json!({ "text": s.slice(&source.text), "span": span(source, s) })
}

fn date(source: &Source, d: &Spanned<DateParts>) -> Value {
    let (month, day, ambiguous) = match d.value.month_day {
        MonthDay::Known { month, day } => (Some(month), Some(day), false),
        MonthDay::Numeric { .. } => match d.value.month_day(None) {
            Some((m, day)) => (Some(m), Some(day), false),
            None => (None, None, true),
        },
    };
    json!({
        "text": d.span.slice(&source.text),
        "span": span(source, d.span),
        "year": d.value.year,
        "month": month,
        "day": day,
        "order_ambiguous": ambiguous,
        "weekday": d.value.weekday.map(|w| w.to_string()),
    })
}

fn clock(source: &Source, t: &Spanned<ClockTime>) -> Value {
    let v = &t.value;
    json!({
        "text": t.span.slice(&source.text),
        "span": span(source, t.span),
        "hour": v.hour,
        "minute": v.minute,
        "second": v.second,
        "meridiem": v.meridiem.map(|m| match m { Meridiem::Am => "am", Meridiem::Pm => "pm" }),
        "reads_as": v.naive().map(|n| n.format("%H:%M:%S").to_string()),
        "problem": v.problem().map(|p| p.describe()),
    })
}

fn written(source: &Source, w: &WrittenTime) -> Value {
    json!({
        "text": w.span.slice(&source.text),
        "span": span(source, w.span),
        "date": w.date.as_ref().map(|d| date(source, d)),
        "time": w.time.as_ref().map(|t| clock(source, t)),
        "end_time": w.end_time.as_ref().map(|t| clock(source, t)),
        "zone": w.zone.as_ref().map(|z| json!({
            "text": z.span.slice(&source.text),
            "span": span(source, z.span),
            "zone": z.value.describe(),
        })),
    })
}

fn zone_ref(source: &Source, z: &ZoneRef) -> Value {
    json!({
        "zone": z.zone.describe(),
        "source": z.source.as_str(),
        "text": z.span.map(|s| s.slice(&source.text)),
        "span": z.span.map(|s| span(source, s)),
    })
}

fn resolved(source: &Source, r: &Resolved) -> Value {
    json!({
        "local": r.local.format("%Y-%m-%dT%H:%M:%S").to_string(),
        "date_known": r.date_known,
        "date_from": match r.date_from {
            crate::model::DateFrom::Written => "written",
            crate::model::DateFrom::Document => "document",
            crate::model::DateFrom::StandIn => "stand-in",
        },
        "year_known": r.year_known,
        "zone": r.zone.as_ref().map(|z| zone_ref(source, z)),
        "instant": r.instant.map(|i| i.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
        "rolled_over": r.rolled_over,
        "meridiem": match r.meridiem {
            crate::model::MeridiemReading::Written => "written",
            crate::model::MeridiemReading::Inferred => "inferred",
            crate::model::MeridiemReading::Ambiguous => "ambiguous",
        },
    })
}

fn entry(source: &Source, e: &TimelineEntry) -> Value {
    json!({
        "origin": e.origin.as_str(),
        "section": e.section,
        "span": span(source, e.span),
        "raw": e.span.slice(&source.text),
        "time": e.written.as_ref().map(|w| written(source, w)),
        "carried_date": e.carried_date.as_ref().map(|d| date(source, d)),
        "resolved": e.resolved.as_ref().map(|r| resolved(source, r)),
        "description": text_at(source, e.description),
        "role": e.role.map(|r| r.as_str()),
    })
}

fn stated(source: &Source, t: &StatedTime) -> Value {
    json!({
        "written": written(source, &t.written),
        "resolved": t.resolved.as_ref().map(|r| resolved(source, r)),
    })
}

fn statement(source: &Source, s: &Statement) -> Value {
    match s {
        Statement::Duration {
            span: sp,
            seconds,
            approximate,
        } => json!({
            "kind": "duration",
            "text": sp.slice(&source.text),
            "span": span(source, *sp),
            "seconds": seconds,
            "approximate": approximate,
        }),
        Statement::Window { span: sp, start, end } => json!({
            "kind": "window",
            "text": sp.slice(&source.text),
            "span": span(source, *sp),
            "start": start.as_ref().map(|t| stated(source, t)),
            "end": end.as_ref().map(|t| stated(source, t)),
        }),
        Statement::IncidentDate { span: sp, date: d } => json!({
            "kind": "incident-date",
            "text": sp.slice(&source.text),
            "span": span(source, *sp),
            "date": date(source, d),
        }),
    }
}

fn metric(source: &Source, incident: &Incident<'_>, m: Option<Metric>) -> Value {
    let anchor = |i: usize| {
        incident
            .timeline
            .entries
            .get(i)
            .map(|e| e.time_span().slice(&source.text))
    };
    m.map_or(Value::Null, |m| {
        json!({
            "from_entry": m.from,
            "to_entry": m.to,
            "from": anchor(m.from),
            "to": anchor(m.to),
            "seconds": m.seconds,
        })
    })
}

/// The model of `incident` (parsed from `source`) as a JSON value.
pub fn incident_json(source: &Source, incident: &Incident<'_>) -> Value {
    json!({
        "path": source.name,
        "body": span(source, incident.body),
        "title": incident.title.as_ref().map(|t| json!({ "text": t.text, "span": span(source, t.span) })),
        "metadata": incident.metadata.iter().map(|m| json!({
            "key": m.key,
            "value": m.value,
            "key_span": span(source, m.key_span),
            "value_span": span(source, m.value_span),
        })).collect::<Vec<_>>(),
        "sections": incident.sections.iter().map(|s| json!({
            "heading": s.heading.text,
            "style": s.heading.style.as_str(),
            "level": s.heading.level,
            "kinds": s.kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
            "heading_span": span(source, s.heading.span),
            "span": span(source, s.span),
            "body": span(source, s.body),
            "has_content": s.has_content,
            "has_subsections": s.has_subsections,
        })).collect::<Vec<_>>(),
        "folded": incident.folded.iter().map(|f| json!({
            "kind": f.kind.as_str(),
            "section": f.section,
            "evidence": text_at(source, f.evidence),
        })).collect::<Vec<_>>(),
        "document_date": incident.document_date.as_ref().map(|d| json!({
            "source": d.source,
            "date": date(source, &d.date),
        })),
        "document_zone": incident.document_zone.as_ref().map(|z| zone_ref(source, z)),
        "date_order": incident.date_order.map(|(order, evidence)| json!({
            "order": match order { crate::time::date::DateOrder::Dmy => "dmy", crate::time::date::DateOrder::Mdy => "mdy" },
            "evidence": evidence.map(|s| text_at(source, s)),
        })),
        "timeline": {
            "sections": incident.timeline.sections,
            "declared_zones": incident.timeline.declared_zones.iter().map(|(section, z)| json!({
                "section": section,
                "zone": zone_ref(source, z),
            })).collect::<Vec<_>>(),
            "entries": incident.timeline.entries.iter().map(|e| entry(source, e)).collect::<Vec<_>>(),
            "metrics": {
                "impact_duration": metric(source, incident, incident.timeline.metrics.impact_duration),
                "time_to_detect": metric(source, incident, incident.timeline.metrics.time_to_detect),
                "time_to_mitigate": metric(source, incident, incident.timeline.metrics.time_to_mitigate),
                "time_to_resolve": metric(source, incident, incident.timeline.metrics.time_to_resolve),
            },
        },
        "statements": incident.statements.iter().map(|s| statement(source, s)).collect::<Vec<_>>(),
        "entities": incident.entities.iter().map(|e| json!({
            "kind": e.kind.as_str(),
            "text": e.span.slice(&source.text),
            "key": e.key,
            "section": e.section,
            "span": span(source, e.span),
        })).collect::<Vec<_>>(),
        "action_items": incident.action_items.iter().map(|a| json!({
            "text": a.span.slice(&source.text),
            "section": a.section,
            "span": span(source, a.span),
            "owner": a.owner.map(|s| text_at(source, s)),
            "due": a.due.as_ref().map(|d| date(source, d)),
            "tracking": a.tracking.map(|s| text_at(source, s)),
            "priority": a.priority.map(|s| text_at(source, s)),
        })).collect::<Vec<_>>(),
        "incident_id": incident.incident_id.as_ref().map(|id| json!({ "text": id.value, "span": span(source, id.span) })),
        "mentions": incident.mentions.iter().map(|m| json!({
            "place": match m.place {
                crate::model::MentionPlace::Timeline(_) => "timeline",
                crate::model::MentionPlace::Prose => "prose",
                crate::model::MentionPlace::Metadata => "metadata",
            },
            "time": written(source, &m.written),
        })).collect::<Vec<_>>(),
    })
}
