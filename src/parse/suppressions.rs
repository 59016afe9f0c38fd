//! Suppression comments, found anywhere in the document except in code.

use crate::lazy_regex::LazyRegex;

use super::markdown::{BlockKind, Markdown};
use crate::model::{Spanned, Suppression, SuppressionKind};
use crate::source::Span;

static DIRECTIVE: LazyRegex = LazyRegex::new(
    r"<!--\s*pmlint-(disable-next-line|disable-line|disable-file|disable|enable)\b(?P<ids>[^>]*?)\s*-->",
)
.needing(b"<");
static RULE_ID: LazyRegex = LazyRegex::new(r"[^\s,]+");

/// Whether `span` lies in code, where a comment is quoted, not meant.
fn in_code(md: &Markdown<'_>, span: Span) -> bool {
    md.blocks_in(span).any(|b| match b.kind {
        BlockKind::Code { .. } => true,
        BlockKind::Paragraph | BlockKind::Heading { .. } | BlockKind::TableRow { .. } => {
            b.lines.iter().any(|l| l.overlaps_code_in_source(span))
        }
        _ => false,
    })
}

pub(crate) fn collect_suppressions(src: &str, md: &Markdown<'_>, body: Span) -> Vec<Suppression> {
    let text = body.slice(src);
    if !text.contains("pmlint-") {
        return Vec::new();
    }
    let mut out = Vec::new();
    for caps in DIRECTIVE.captures_iter(text) {
        let (Some(all), Some(kind), Some(ids)) = (caps.get(0), caps.get(1), caps.name("ids")) else {
            continue;
        };
        let span = Span::new(body.start + all.start(), body.start + all.end());
        if in_code(md, span) {
            continue;
        }
        let kind = match kind.as_str() {
            "disable" => SuppressionKind::Disable,
            "enable" => SuppressionKind::Enable,
            "disable-line" => SuppressionKind::DisableLine,
            "disable-next-line" => SuppressionKind::DisableNextLine,
            _ => SuppressionKind::DisableFile,
        };
        let rules = RULE_ID
            .find_iter(ids.as_str())
            .map(|m| {
                let start = body.start + ids.start() + m.start();
                Spanned::new(m.as_str().to_string(), Span::new(start, start + m.len()))
            })
            .collect();
        out.push(Suppression { kind, span, rules });
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::model::SuppressionKind;
    use crate::parse::{ParseOptions, parse};

    #[test]
    fn directives_with_and_without_ids_outside_code() {
        let src = "# R\n<!-- pmlint-disable-file duplicate-word -->\n\n<!-- pmlint-disable a, b -->\ntext\n<!-- pmlint-enable -->\n\n`<!-- pmlint-disable x -->`\n\n```\n<!-- pmlint-disable y -->\n```\n\nInline <!-- pmlint-disable-line -->\n";
        let incident = parse(src, &ParseOptions::default());
        let found: Vec<(SuppressionKind, Vec<&str>)> = incident
            .suppressions
            .iter()
            .map(|s| (s.kind, s.rules.iter().map(|r| r.span.slice(src)).collect()))
            .collect();
        assert_eq!(
            found,
            vec![
                (SuppressionKind::DisableFile, vec!["duplicate-word"]),
                (SuppressionKind::Disable, vec!["a", "b"]),
                (SuppressionKind::Enable, vec![]),
                (SuppressionKind::DisableLine, vec![]),
            ]
        );
    }
}

#[cfg(test)]
mod patterns {
    #[test]
    fn patterns_compile_and_need_what_they_say() {
        for pattern in [&super::DIRECTIVE, &super::RULE_ID] {
            pattern.check();
        }
    }
}
