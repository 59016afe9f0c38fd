//! YAML (`---`) and TOML (`+++`) front matter: its top-level keys become
//! metadata (title, date, severity, status, owner, timezone, incident id).
//!
//! YAML is read with saphyr's event parser and TOML with the toml crate's
//! spanned document parser, so every value keeps its place in the source.
//! Nested mappings are skipped; a list becomes its items joined by ", ".

use std::borrow::Cow;

use saphyr_parser::{Event, Parser};

use super::markdown::front_matter;
use crate::model::{FrontMatterError, MetadataField};
use crate::source::Span;

/// `incident_id`, `Incident-ID` and `incident id` are one key.
fn key_name(raw: &str) -> String {
    raw.trim()
        .to_lowercase()
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The front matter's fields, or why it could not be read.
pub(crate) fn read(src: &str, body: Span) -> (Vec<MetadataField<'static>>, Option<FrontMatterError>) {
    let Some((whole, inner)) = front_matter(src, body) else {
        return (Vec::new(), None);
    };
    let text = inner.slice(src);
    let result = if whole.slice(src).starts_with("+++") {
        toml_fields(text, inner.start)
    } else {
        yaml_fields(text, inner.start)
    };
    match result {
        Ok(fields) => (fields, None),
        Err((at, message)) => (
            Vec::new(),
            Some(FrontMatterError {
                span: at.unwrap_or(Span::new(whole.start, whole.start + 3)),
                message,
            }),
        ),
    }
}

type Fields = Result<Vec<MetadataField<'static>>, (Option<Span>, String)>;

fn toml_fields(text: &str, offset: usize) -> Fields {
    use toml::de::{DeTable, DeValue};
    let table = DeTable::parse(text).map_err(|e| {
        let span = e
            .span()
            .map(|r| Span::new(offset + r.start, offset + r.end.max(r.start)));
        (span, format!("front matter is not valid TOML: {}", e.message().trim()))
    })?;
    let at = |r: std::ops::Range<usize>| Span::new(offset + r.start, offset + r.end);
    let scalar = |value: &DeValue<'_>, raw: &str| -> Option<String> {
        match value {
            DeValue::String(s) => Some(s.to_string()),
            DeValue::Datetime(d) => Some(d.to_string()),
            DeValue::Integer(_) | DeValue::Float(_) | DeValue::Boolean(_) => Some(raw.trim().to_string()),
            DeValue::Array(_) | DeValue::Table(_) => None,
        }
    };
    let mut fields = Vec::new();
    for (key, value) in table.get_ref() {
        let raw = &text[value.span()];
        let text_value = match value.get_ref() {
            DeValue::Array(items) => {
                let parts: Vec<String> = items
                    .iter()
                    .filter_map(|i| scalar(i.get_ref(), &text[i.span()]))
                    .collect();
                parts.join(", ")
            }
            other => match scalar(other, raw) {
                Some(s) => s,
                None => continue,
            },
        };
        fields.push(MetadataField {
            key: key_name(key.get_ref()),
            key_span: at(key.span()),
            value: Cow::Owned(text_value),
            value_span: at(value.span()),
        });
    }
    Ok(fields)
}

/// Byte offset of each character index, for saphyr's character markers.
fn char_to_byte(text: &str) -> impl Fn(usize) -> usize + '_ {
    let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    move |index| starts.get(index).copied().unwrap_or(text.len())
}

fn yaml_fields(text: &str, offset: usize) -> Fields {
    let byte = char_to_byte(text);
    let at = |s: &saphyr_parser::Span| Span::new(offset + byte(s.start.index()), offset + byte(s.end.index()));
    let mut fields = Vec::new();
    // Depth of nesting: 1 is the top-level mapping.
    let mut depth = 0usize;
    let mut key: Option<(String, Span)> = None;
    // A top-level list being gathered: its items, where it starts, and the
    // span of its items so far.
    let mut list: Option<(Vec<String>, Span, Option<Span>)> = None;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| {
            let m = e.marker();
            let start = offset + byte(m.index());
            (
                Some(Span::new(start, start)),
                format!("front matter is not valid YAML: {}", e.info()),
            )
        })?;
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                depth += 1;
                if depth == 2 && matches!(event, Event::SequenceStart(..)) && key.is_some() {
                    list = Some((Vec::new(), at(&span), None));
                }
                if depth == 2 && matches!(event, Event::MappingStart(..)) {
                    // A nested mapping is no single value: drop its key.
                    key = None;
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if depth == 2
                    && let (Some((items, start, item_span)), Some((name, key_span))) = (list.take(), key.take())
                {
                    fields.push(MetadataField {
                        key: name,
                        key_span,
                        value: Cow::Owned(items.join(", ")),
                        value_span: item_span.unwrap_or(start),
                    });
                }
                depth = depth.saturating_sub(1);
            }
            Event::Scalar(value, ..) => {
                let here = at(&span);
                match (depth, &mut list) {
                    (1, _) => match key.take() {
                        None => key = Some((key_name(&value), here)),
                        Some((name, key_span)) => fields.push(MetadataField {
                            key: name,
                            key_span,
                            value: Cow::Owned(value.into_owned()),
                            value_span: here,
                        }),
                    },
                    (2, Some((items, _, item_span))) => {
                        items.push(value.into_owned());
                        *item_span = Some(item_span.map_or(here, |s| s.cover(here)));
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(src: &str) -> Vec<(String, String, String)> {
        let (found, error) = read(src, Span::new(0, src.len()));
        assert!(error.is_none(), "{error:?}");
        found
            .into_iter()
            .map(|f| (f.key, f.value.into_owned(), f.value_span.slice(src).to_string()))
            .collect()
    }

    #[test]
    fn yaml_keys_values_and_lists() {
        let src = "---\ntitle: \"Dépôt outage\"\nincident_id: INC-42\ndate: 2024-03-09\nowners:\n  - ana\n  - li\nlinks:\n  runbook: x\ntimezone: Africa/Nairobi\n---\n# Body\n";
        assert_eq!(
            fields(src),
            vec![
                ("title".into(), "Dépôt outage".into(), "\"Dépôt outage\"".into()),
                ("incident id".into(), "INC-42".into(), "INC-42".into()),
                ("date".into(), "2024-03-09".into(), "2024-03-09".into()),
                ("owners".into(), "ana, li".into(), "ana\n  - li".into()),
                ("timezone".into(), "Africa/Nairobi".into(), "Africa/Nairobi".into()),
            ]
        );
    }

    #[test]
    fn toml_front_matter() {
        let src = "+++\ntitle = \"Cache outage\"\nseverity = 2\ndate = 2024-03-09\ntags = [\"db\", \"cache\"]\n[extra]\nx = 1\n+++\n# Body\n";
        let found = fields(src);
        assert!(found.contains(&("title".into(), "Cache outage".into(), "\"Cache outage\"".into())));
        assert!(found.contains(&("severity".into(), "2".into(), "2".into())));
        assert!(found.contains(&("date".into(), "2024-03-09".into(), "2024-03-09".into())));
        assert!(found.contains(&("tags".into(), "db, cache".into(), "[\"db\", \"cache\"]".into())));
        assert_eq!(found.len(), 4, "the nested table is skipped");
    }

    #[test]
    fn front_matter_feeds_the_incident() {
        let src = "---\ntitle: Queue stall\nincident_id: INC-7\ndate: 2024-03-09\ntimezone: Africa/Nairobi\n---\n\n## Timeline\n\n- 09:00: consumers stop\n- 09:30: pool restarted\n";
        let incident = crate::parse::parse(src, &crate::parse::ParseOptions::default());
        assert_eq!(incident.title.as_ref().map(|t| t.text.as_ref()), Some("Queue stall"));
        assert_eq!(incident.incident_id.as_ref().map(|i| i.value.as_str()), Some("INC-7"));
        let date = incident.document_date.as_ref().expect("a date");
        assert_eq!(date.source, "metadata");
        let zone = incident.timeline.entries[0]
            .resolved
            .as_ref()
            .and_then(|r| r.zone.as_ref())
            .expect("a zone");
        assert_eq!(zone.zone.describe(), "Africa/Nairobi");
    }

    #[test]
    fn broken_front_matter_is_reported_where_it_breaks() {
        let src = "---\ntitle: [unclosed\n---\n# Body\n";
        let (found, error) = read(src, Span::new(0, src.len()));
        assert!(found.is_empty());
        let error = error.expect("an error");
        assert!(error.message.contains("not valid YAML"), "{}", error.message);
        assert!(error.span.start >= 4 && error.span.start <= src.find("\n---\n").unwrap() + 1);
        let src = "+++\ntitle = \n+++\n";
        let (_, error) = read(src, Span::new(0, src.len()));
        assert!(error.expect("an error").message.contains("not valid TOML"));
    }
}
