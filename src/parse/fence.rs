//! Documents that arrive as a chat answer: a chatty first line, then the
//! report inside a ```` ```markdown ```` fence (often never closed).

use crate::source::Span;

/// The part of `src` that is the document: the inside of a pasted markdown
/// fence when the text around it is only chatter, else everything after a BOM.
pub fn document_body(src: &str) -> Span {
    let start = if src.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let whole = Span::new(start, src.len());
    let mut offset = start;
    let mut prose_lines = 0;
    for line in src[start..].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches(' ').len();
        let trimmed = content.trim_start_matches(' ');
        if indent <= 3
            && let Some(fence) = opening_fence(trimmed)
        {
            let inner_start = offset + line.len();
            let inner_end = closing_fence(src, inner_start, fence).unwrap_or(src.len());
            let inner = &src[inner_start..inner_end];
            let has_heading = inner.lines().any(|l| l.trim_start().starts_with('#'));
            return if has_heading {
                Span::new(inner_start, inner_end)
            } else {
                whole
            };
        }
        if trimmed.starts_with('#') || trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            return whole;
        }
        if !trimmed.trim().is_empty() {
            prose_lines += 1;
            if prose_lines > 3 {
                return whole;
            }
        }
        offset += line.len();
    }
    whole
}

/// The fence marker (```` ``` ```` or `~~~`, any length) if `line` opens a markdown fence.
fn opening_fence(line: &str) -> Option<&str> {
    let ch = line.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = line.len() - line.trim_start_matches(ch).len();
    if len < 3 {
        return None;
    }
    let info = line[len..].trim().to_ascii_lowercase();
    matches!(info.as_str(), "markdown" | "md").then(|| &line[..len])
}

fn closing_fence(src: &str, from: usize, fence: &str) -> Option<usize> {
    let mut offset = from;
    for line in src[from..].split_inclusive('\n') {
        let t = line.trim();
        if t.starts_with(fence) && t.trim_start_matches(fence.as_bytes()[0] as char).is_empty() {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unwraps_a_pasted_answer() {
        let src = "Sure! Here is the report:\n\n```markdown\n# Outage\n\n## Timeline\n```\nHope it helps\n";
        let body = document_body(src);
        assert_eq!(body.slice(src), "# Outage\n\n## Timeline\n");
    }

    #[test]
    fn unclosed_fence_runs_to_the_end() {
        let src = "Certainly:\n```md\n# Outage\ntext";
        assert_eq!(document_body(src).slice(src), "# Outage\ntext");
    }

    #[test]
    fn ordinary_documents_are_left_alone() {
        let src = "# Report\n\n```markdown\n# example\n```\n";
        assert_eq!(document_body(src), Span::new(0, src.len()));
        let src = "one\ntwo\nthree\nfour\n```markdown\n# x\n```";
        assert_eq!(document_body(src), Span::new(0, src.len()));
        let src = "\u{feff}# Title";
        assert_eq!(document_body(src).slice(src), "# Title");
    }
}
