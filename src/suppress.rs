//! Applying suppression comments to a document's diagnostics, and reporting
//! the comments that name unknown rules or silence nothing.
//!
//! This runs in the engine after every rule: whether a suppression was used
//! is only known once the rules have spoken.

use crate::hash::HashMap;

use crate::config::Config;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::model::{Incident, Suppression, SuppressionKind};
use crate::source::{LineIndex, Span};
use crate::text::suggest;

pub const INVALID: &str = "invalid-suppression";
pub const UNUSED: &str = "unused-suppression";

/// A suppression comment with its lines worked out.
struct Directive<'i> {
    suppression: &'i Suppression,
    first_line: usize,
    last_line: usize,
    /// For `disable-next-line`: the line it covers.
    target_line: Option<usize>,
    /// The known rule ids it names, each with whether it silenced something.
    ids: Vec<(&'i str, Span, bool)>,
    /// It names no rule (so covers every rule), and whether that silenced something.
    all: Option<bool>,
}

impl Directive<'_> {
    /// Mark `rule` silenced by this directive if it covers it.
    fn take(&mut self, rule: &str) -> bool {
        if let Some(used) = &mut self.all {
            *used = true;
            return true;
        }
        match self.ids.iter_mut().find(|(id, _, _)| *id == rule) {
            Some((_, _, used)) => {
                *used = true;
                true
            }
            None => false,
        }
    }

    fn covers(&self, rule: &str) -> bool {
        self.all.is_some() || self.ids.iter().any(|(id, _, _)| *id == rule)
    }
}

/// The first line after `line` with anything on it.
fn next_nonblank_line(src: &str, lines: &LineIndex, line: usize) -> Option<usize> {
    (line + 1..=lines.line_count()).find(|&l| {
        let start = lines.line_start(l).unwrap_or(src.len());
        let end = lines.line_start(l + 1).unwrap_or(src.len());
        !src[start..end].trim().is_empty()
    })
}

fn is_known(id: &str, config: &Config) -> bool {
    crate::rules::find(id).is_some() || config.custom_ids().any(|c| c == id)
}

/// Remove the diagnostics the document's comments silence, and add the
/// findings about the comments themselves.
pub fn apply(incident: &Incident<'_>, diagnostics: Vec<Diagnostic>, config: &Config) -> Vec<Diagnostic> {
    if incident.suppressions.is_empty() {
        return diagnostics;
    }
    let src = incident.src;
    let lines = &incident.lines;
    let mut meta = Vec::new();
    let mut directives: Vec<Directive<'_>> = Vec::new();
    for s in &incident.suppressions {
        let first_line = lines.line_of(s.span.start);
        let last_line = lines.line_of(s.span.end.saturating_sub(1).max(s.span.start));
        let mut ids = Vec::new();
        for rule in &s.rules {
            if is_known(&rule.value, config) {
                ids.push((rule.value.as_str(), rule.span, false));
            } else {
                let known: Vec<String> = config
                    .custom_ids()
                    .map(str::to_string)
                    .chain(crate::rules::ids().map(str::to_string))
                    .collect();
                let mut d = Diagnostic::new(rule.span, format!("unknown rule `{}` in a suppression", rule.value))
                    .with_label("no rule has this id");
                d.rule = INVALID.into();
                d = match suggest(&rule.value, known.iter().map(String::as_str)) {
                    Some(s) => d.with_help(format!("did you mean `{s}`?")),
                    None => d.with_help("`pmlint rules` lists the rule ids"),
                };
                meta.push(d);
            }
        }
        let all = s.rules.is_empty().then_some(false);
        let target_line = (s.kind == SuppressionKind::DisableNextLine)
            .then(|| next_nonblank_line(src, lines, last_line))
            .flatten();
        directives.push(Directive {
            suppression: s,
            first_line,
            last_line,
            target_line,
            ids,
            all,
        });
    }

    let cover = Cover::new(&directives);
    let mut kept = Vec::with_capacity(diagnostics.len());
    for d in diagnostics {
        let line = lines.line_of(d.primary.span.start);
        match cover.find(&directives, &d.rule, line) {
            Some(i) if directives[i].take(&d.rule) => {}
            _ => kept.push(d),
        }
    }

    for dir in &directives {
        if dir.suppression.kind == SuppressionKind::Enable {
            continue;
        }
        let comment = dir.suppression.span;
        let unused_all = dir.all == Some(false);
        let unused_ids: Vec<&(&str, Span, bool)> = dir.ids.iter().filter(|(_, _, used)| !used).collect();
        let nothing_used = unused_all || (!dir.ids.is_empty() && unused_ids.len() == dir.ids.len());
        let remove_comment = Fix {
            description: "remove the suppression comment".to_string(),
            edits: vec![Edit {
                span: comment_with_its_line(src, lines, comment),
                replacement: String::new(),
            }],
            applicability: Applicability::Safe,
        };
        if unused_all {
            let mut d = Diagnostic::new(comment, "this suppression silences nothing")
                .with_label("no finding here to silence")
                .with_help("remove the comment, or move it to the finding it is meant for")
                .with_fix(remove_comment);
            d.rule = UNUSED.into();
            meta.push(d);
            continue;
        }
        for (i, (id, span, _)) in unused_ids.iter().enumerate() {
            let mut d = Diagnostic::new(
                *span,
                format!("`{id}` is not reported here; this suppression silences nothing"),
            )
            .with_label("nothing to silence")
            .with_help("remove the rule from the comment, or move the comment to the finding");
            if nothing_used && i == 0 && dir.suppression.rules.len() == dir.ids.len() {
                d = d.with_fix(remove_comment.clone());
            }
            d.rule = UNUSED.into();
            meta.push(d);
        }
    }

    // The comments' own findings obey the comments too (`disable-file
    // unused-suppression`), without counting as a use.
    for mut d in meta {
        let line = lines.line_of(d.primary.span.start);
        let Some(severity) = severity_of(config, &d.rule) else {
            continue;
        };
        if cover.find(&directives, &d.rule, line).is_some() {
            continue;
        }
        d.severity = severity;
        kept.push(d);
    }
    kept.sort_by(|a, b| {
        (a.primary.span.start, a.primary.span.end, &a.rule).cmp(&(b.primary.span.start, b.primary.span.end, &b.rule))
    });
    kept
}

fn severity_of(config: &Config, rule: &str) -> Option<Severity> {
    config.rules.iter().find(|r| r.rule.id() == rule).map(|r| r.severity)
}

/// A comment alone on its line goes with the line; one beside text goes alone.
fn comment_with_its_line(src: &str, lines: &LineIndex, comment: Span) -> Span {
    let line_start = lines.start_of_line_at(comment.start);
    let line_end = lines.next_line_start(comment.end).unwrap_or(src.len());
    let before_blank = src[line_start..comment.start].trim().is_empty();
    let after_blank = src[comment.end..line_end].trim().is_empty();
    if before_blank && after_blank {
        Span::new(line_start, line_end)
    } else {
        comment
    }
}

/// Which directive covers a rule on a line, found in logarithmic time: a
/// document may hold thousands of comments and findings.
struct Cover {
    /// Line to the `disable-line` and `disable-next-line` directives on it.
    by_line: HashMap<usize, Vec<usize>>,
    /// Rule (or "" for every rule) to its `disable`/`enable` events in
    /// document order: (line, the disabling directive, or `None` for enable).
    ranges: HashMap<String, Vec<(usize, Option<usize>)>>,
    file: Vec<usize>,
}

impl Cover {
    fn new(directives: &[Directive<'_>]) -> Cover {
        let mut by_line: HashMap<usize, Vec<usize>> = HashMap::default();
        let mut ranges: HashMap<String, Vec<(usize, Option<usize>)>> = HashMap::default();
        let mut file = Vec::new();
        for (i, d) in directives.iter().enumerate() {
            match d.suppression.kind {
                SuppressionKind::DisableLine => {
                    for line in d.first_line..=d.last_line {
                        by_line.entry(line).or_default().push(i);
                    }
                }
                SuppressionKind::DisableNextLine => {
                    if let Some(line) = d.target_line {
                        by_line.entry(line).or_default().push(i);
                    }
                }
                SuppressionKind::DisableFile => file.push(i),
                SuppressionKind::Disable => {
                    if d.all.is_some() {
                        ranges.entry(String::new()).or_default();
                    }
                    for (id, _, _) in &d.ids {
                        ranges.entry((*id).to_string()).or_default();
                    }
                }
                SuppressionKind::Enable => {}
            }
        }
        for (i, d) in directives.iter().enumerate() {
            let line = d.first_line;
            match d.suppression.kind {
                SuppressionKind::Disable => {
                    if d.all.is_some()
                        && let Some(events) = ranges.get_mut("")
                    {
                        events.push((line, Some(i)));
                    }
                    for (id, _, _) in &d.ids {
                        if let Some(events) = ranges.get_mut(*id) {
                            events.push((line, Some(i)));
                        }
                    }
                }
                SuppressionKind::Enable if d.suppression.rules.is_empty() => {
                    for events in ranges.values_mut() {
                        events.push((line, None));
                    }
                }
                SuppressionKind::Enable => {
                    for r in &d.suppression.rules {
                        if let Some(events) = ranges.get_mut(r.value.as_str()) {
                            events.push((line, None));
                        }
                    }
                }
                _ => {}
            }
        }
        Cover { by_line, ranges, file }
    }

    /// The directive that covers `rule` on `line`, if any: a line or
    /// next-line directive first, then the latest open `disable`, then
    /// `disable-file`.
    fn find(&self, directives: &[Directive<'_>], rule: &str, line: usize) -> Option<usize> {
        if let Some(found) = self
            .by_line
            .get(&line)
            .and_then(|ids| ids.iter().copied().find(|&i| directives[i].covers(rule)))
        {
            return Some(found);
        }
        let open = |key: &str| {
            let events = self.ranges.get(key)?;
            let at = events.partition_point(|(l, _)| *l <= line);
            at.checked_sub(1).and_then(|i| events[i].1)
        };
        open(rule)
            .or_else(|| open(""))
            .or_else(|| self.file.iter().copied().find(|&i| directives[i].covers(rule)))
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::source::Source;

    /// `(line, rule)` of every finding, leaving out missing-section noise.
    fn findings(text: &str) -> Vec<(usize, String)> {
        let source = Source::new("t.md", text.to_string());
        crate::lint(&source, &Config::default())
            .into_iter()
            .filter(|d| d.rule != "missing-section" && d.rule != "timezone-missing")
            .map(|d| (source.position(d.primary.span.start).line, d.rule.to_string()))
            .collect()
    }

    const DOUBLED: &str = "the the cache";

    #[test]
    fn each_form_silences_its_lines() {
        let unsuppressed = findings(&format!("# R\n\n{DOUBLED}\n"));
        assert_eq!(unsuppressed, vec![(3, "duplicate-word".to_string())]);

        let next_line = format!("# R\n\n<!-- pmlint-disable-next-line duplicate-word -->\n\n{DOUBLED}\n\n{DOUBLED}\n");
        assert_eq!(findings(&next_line), vec![(7, "duplicate-word".to_string())]);

        let same_line = format!("# R\n\n{DOUBLED} <!-- pmlint-disable-line -->\n");
        assert_eq!(findings(&same_line), vec![]);

        let range = format!(
            "# R\n\n<!-- pmlint-disable duplicate-word -->\n\n{DOUBLED}\n\n<!-- pmlint-enable -->\n\n{DOUBLED}\n"
        );
        assert_eq!(findings(&range), vec![(9, "duplicate-word".to_string())]);

        let file = format!("# R\n\n{DOUBLED}\n\n<!-- pmlint-disable-file duplicate-word -->\n");
        assert_eq!(findings(&file), vec![]);
    }

    #[test]
    fn unknown_and_unused_suppressions_are_reported() {
        let unknown = format!("# R\n\n<!-- pmlint-disable-next-line duplicate-wrd -->\n{DOUBLED}\n");
        assert_eq!(
            findings(&unknown),
            vec![
                (3, "invalid-suppression".to_string()),
                (4, "duplicate-word".to_string())
            ]
        );
        let unused = "# R\n\n<!-- pmlint-disable-next-line duplicate-word weekday-mismatch -->\nthe the cache\n";
        assert_eq!(findings(unused), vec![(3, "unused-suppression".to_string())]);
        let silenced_meta = "# R\n\n<!-- pmlint-disable-file unused-suppression -->\n<!-- pmlint-disable -->\nfine\n";
        assert_eq!(findings(silenced_meta), vec![]);
    }

    #[test]
    fn an_unused_comment_is_removed_by_its_fix() {
        let text = "# R\n\n<!-- pmlint-disable-next-line duplicate-word -->\nfine\n";
        let source = Source::new("t.md", text.to_string());
        let unused = crate::lint(&source, &Config::default())
            .into_iter()
            .find(|d| d.rule == "unused-suppression")
            .expect("reported");
        let edit = &unused.fix.expect("fix").edits[0];
        assert_eq!(
            edit.span.slice(text),
            "<!-- pmlint-disable-next-line duplicate-word -->\n"
        );
    }
}
