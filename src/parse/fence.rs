//! Documents that arrive wrapped: a chat answer (a chatty first line, then
//! the report inside a ```` ```markdown ```` fence, often never closed), or a
//! whole report pasted inside one plain ```` ``` ```` fence.

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
            && let Some((fence, info)) = opening_fence(trimmed)
        {
            let inner_start = offset + line.len();
            let closing = closing_fence(src, inner_start, fence);
            let inner_end = closing.map_or(src.len(), |(at, _)| at);
            let inner = &src[inner_start..inner_end];
            let nothing_after = closing.is_none_or(|(_, after)| src[after..].trim().is_empty());
            let unwrap = match info {
                // A chat answer: the fenced markdown is the report, when it
                // has headings or is all the rest of the answer.
                FenceInfo::Markdown => {
                    inner.lines().any(|l| l.trim_start().starts_with('#'))
                        || nothing_after && inner.lines().count() >= 3
                }
                // The whole document pasted into one plain fence.
                FenceInfo::Plain => prose_lines == 0 && nothing_after && inner.lines().count() >= 3,
                FenceInfo::Other => false,
            };
            return if unwrap {
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

#[derive(Clone, Copy, PartialEq, Eq)]
enum FenceInfo {
    Markdown,
    /// No info string, or plain text.
    Plain,
    Other,
}

/// The fence marker (```` ``` ```` or `~~~`, any length) and its kind, if `line` opens a fence.
fn opening_fence(line: &str) -> Option<(&str, FenceInfo)> {
    let ch = line.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = line.len() - line.trim_start_matches(ch).len();
    if len < 3 {
        return None;
    }
    let info = match line[len..].trim().to_ascii_lowercase().as_str() {
        "markdown" | "md" => FenceInfo::Markdown,
        "" | "text" | "txt" | "plaintext" | "plain" => FenceInfo::Plain,
        _ => FenceInfo::Other,
    };
    Some((&line[..len], info))
}

/// Where the closing fence line starts and where it ends.
fn closing_fence(src: &str, from: usize, fence: &str) -> Option<(usize, usize)> {
    let mut offset = from;
    for line in src[from..].split_inclusive('\n') {
        let t = line.trim();
        if t.starts_with(fence) && t.trim_start_matches(fence.as_bytes()[0] as char).is_empty() {
            return Some((offset, offset + line.len()));
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
    fn a_report_pasted_into_one_plain_fence() {
        let src = "```\nTitle: x\nSummary:\ntext\n```\n\n";
        assert_eq!(document_body(src).slice(src), "Title: x\nSummary:\ntext\n");
        let src = "```\nTitle: x\nSummary:\ntext\n```\nmore words after it\n";
        assert_eq!(document_body(src), Span::new(0, src.len()));
        let src = "```bash\nls\nls\nls\n```\n";
        assert_eq!(document_body(src), Span::new(0, src.len()));
    }

    #[test]
    fn an_answer_fencing_a_report_without_markdown_headings() {
        let report = "Summary:\nThe API was down.\n<h3>Root cause</h3>\nDisk.\n";
        let src = format!("Here is the postmortem you asked for:\n```markdown\n{report}```\n");
        assert_eq!(document_body(&src).slice(&src), report);
        // A short example in the answer is not the report.
        let src = format!("Here is the postmortem:\n```markdown\n{report}```\nand more about it\n");
        assert_eq!(document_body(&src), Span::new(0, src.len()));
        let src = "Like this:\n```markdown\nSummary: x\n```\n";
        assert_eq!(document_body(src), Span::new(0, src.len()));
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
