//! JUnit XML, for CI systems that show test reports: one test suite per
//! document, one failed test case per finding, one passing case for a
//! document without findings.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::Mutex;

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use super::{Renderer, Totals};
use crate::diagnostic::Diagnostic;
use crate::source::Source;

/// What a finding contributes to the report.
struct Case {
    name: String,
    severity: &'static str,
    message: String,
    description: String,
}

/// Files render in parallel, so cases are gathered here and the report is
/// written, in path order, at the end.
#[derive(Default)]
pub struct Junit {
    suites: Mutex<BTreeMap<String, Vec<Case>>>,
}

impl Renderer for Junit {
    fn file(&self, source: &Source, diagnostics: &[Diagnostic], _: &mut Vec<u8>) {
        let cases = diagnostics.iter().map(|d| {
            let pos = source.position(d.primary.span.start);
            Case {
                name: format!("{} at {}:{}", d.rule, pos.line, pos.column),
                severity: d.severity.as_str(),
                message: d.message.clone(),
                description: format!(
                    "{}:{}:{}: {}[{}] {}{}",
                    source.name,
                    pos.line,
                    pos.column,
                    d.severity,
                    d.rule,
                    d.message,
                    d.help.as_ref().map(|h| format!("\nhelp: {h}")).unwrap_or_default()
                ),
            }
        });
        // A poisoned lock means another file's renderer panicked; the
        // report is lost either way, so carry on with what is there.
        let mut suites = self.suites.lock().unwrap_or_else(|p| p.into_inner());
        suites.entry(source.name.clone()).or_default().extend(cases);
    }

    fn end(&self, out: &mut dyn Write, _: &Totals) -> io::Result<()> {
        let suites = self.suites.lock().unwrap_or_else(|p| p.into_inner());
        let mut report = Report::new("pmlint");
        for (path, cases) in suites.iter() {
            let mut suite = TestSuite::new(path.as_str());
            if cases.is_empty() {
                let mut case = TestCase::new("pmlint", TestCaseStatus::success());
                case.set_classname(path.as_str());
                suite.add_test_case(case);
            }
            for c in cases {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                status.set_message(c.message.as_str());
                status.set_type(c.severity);
                status.set_description(c.description.as_str());
                let mut case = TestCase::new(c.name.as_str(), status);
                case.set_classname(path.as_str());
                suite.add_test_case(case);
            }
            report.add_test_suite(suite);
        }
        report.serialize(&mut *out).map_err(io::Error::other)?;
        out.write_all(b"\n")
    }
}
