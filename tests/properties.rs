//! Properties that hold for every input, checked on random text and on
//! random postmortem-shaped documents built from fragments the parser cares
//! about (headings, times, zones, tables, lists, comments, fixable defects).
//!
//! - no input panics;
//! - every span (primary, secondary, fix edit) lies inside the document on
//!   character boundaries;
//! - linting is deterministic;
//! - fixing is idempotent: a fixed document has nothing left to fix.

use pmlint::config::Config;
use pmlint::diagnostic::Diagnostic;
use pmlint::fix::{FixLevel, fix_document};
use pmlint::source::Source;
use proptest::prelude::*;

/// Pieces of postmortems, written for these tests.
const FRAGMENTS: &[&str] = &[
    "# Payment outage on May 3, 2024\n",
    "Date: 2024-05-03\n",
    "Author: @dana\n",
    "## Summary\n",
    "Summary:\n",
    "**Timeline (all times UTC)**\n",
    "## Timeline\n",
    "Timeline (PST).\n",
    "## Root cause\n",
    "Root Cause Analysis:\n",
    "## Resolution\n",
    "## Action items\n",
    "<h2>Impact</h2>\n",
    "The outage lasted 2 hours.\n",
    "It started at 9AM (EAT) and lasted about 45 mins.\n",
    "From August 4, 2023 4:25 PM to August 4, 2023 7:30 PM the API was down.\n",
    "- 09:00 - deploy started\n",
    "- 9.30pm: errors began\n",
    "- 14:05 UTC alert fired\n",
    "- 11:23:45 PM Pacific Standard Time: paged on-call\n",
    "1. 2023-08-04 15:25 restored\n",
    "2. 02/08/2022 10:00 rollback\n",
    "* **09:12** the the cache was flushed\n",
    "**2024-05-03**\n",
    "| Time | Event |\n",
    "|------|-------|\n",
    "| 10:00 | db-01 failed over to db01 |\n",
    "| | |\n",
    "  - nested 12:00 item\n",
    "> quoted 13:00 note\n",
    "```markdown\n",
    "```\n",
    "    indented code 10:00\n",
    "<!-- pmlint-disable duplicate-word -->\n",
    "<!-- pmlint-enable -->\n",
    "<!-- pmlint-disable-next-line no-such-rule -->\n",
    "---\ntitle: Outage\ndate: 2024-05-03\n---\n",
    "+++\ntitle = \"Outage\"\n+++\n",
    "Human error by the engineer who should have checked.\n",
    "- [ ] Improve monitoring (TBD)\n",
    "- Add an alert on queue depth, owner: @sam, due 2024-06-01, JIRA-123\n",
    "Servers 10.0.0.1 and 10.0.0.7 in Data Center A and us-east-1.\n",
    "On August August 4 users saw 500s.\n",
    "Setext heading\n==============\n",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "🔥 ",
    "مرحبا ",
    "\u{feff}",
    "\u{0}",
    "[name] <date> XX:XX ??\n",
];

fn postmortem() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..40).prop_map(|parts| parts.concat())
}

fn lint(text: &str) -> Vec<Diagnostic> {
    pmlint::lint(&Source::new("doc.md", text.to_string()), &Config::default())
}

fn assert_spans_valid(text: &str, diagnostics: &[Diagnostic]) -> Result<(), TestCaseError> {
    let ok = |start: usize, end: usize| {
        start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
    };
    for d in diagnostics {
        let spans = std::iter::once(d.primary.span).chain(d.secondary.iter().map(|l| l.span));
        for span in spans {
            prop_assert!(ok(span.start, span.end), "{}: bad span {:?}", d.rule, span);
        }
        for edit in d.fix.iter().flat_map(|f| &f.edits) {
            prop_assert!(
                ok(edit.span.start, edit.span.end),
                "{}: bad edit {:?}",
                d.rule,
                edit.span
            );
        }
    }
    Ok(())
}

fn assert_fix_idempotent(text: &str, level: FixLevel) -> Result<(), TestCaseError> {
    let config = Config::default();
    let fixed = fix_document(&Source::new("doc.md", text.to_string()), &config, level);
    let again = fix_document(&Source::new("doc.md", fixed.text.clone()), &config, level);
    prop_assert_eq!(again.applied, 0, "a second fix pass changed:\n{}", fixed.text);
    prop_assert_eq!(&again.text, &fixed.text);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_text_lints_with_valid_spans(text in any::<String>()) {
        assert_spans_valid(&text, &lint(&text))?;
    }

    #[test]
    fn postmortems_lint_with_valid_spans_deterministically(text in postmortem()) {
        let first = lint(&text);
        assert_spans_valid(&text, &first)?;
        prop_assert_eq!(first, lint(&text));
    }

    #[test]
    fn safe_fixes_are_idempotent(text in postmortem()) {
        assert_fix_idempotent(&text, FixLevel::Safe)?;
    }

    #[test]
    fn unsafe_fixes_are_idempotent(text in postmortem()) {
        assert_fix_idempotent(&text, FixLevel::Unsafe)?;
    }

    #[test]
    fn any_bytes_decode_or_are_refused(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(source) = pmlint::input::decode("doc.md".to_string(), bytes) {
            assert_spans_valid(&source.text, &pmlint::lint(&source, &Config::default()))?;
        }
    }
}
