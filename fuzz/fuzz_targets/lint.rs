//! Arbitrary bytes through everything a file goes through: decoding, parsing
//! into the model (and its JSON), every rule, and fixing until stable.
//! Any panic, or a span off the document, is a crash.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use pmlint::config::Config;
use pmlint::fix::{FixLevel, fix_document};

static CONFIG: LazyLock<Config> = LazyLock::new(Config::default);

fuzz_target!(|data: &[u8]| {
    let Ok(source) = pmlint::input::decode("fuzz.md".to_string(), data.to_vec()) else {
        return;
    };
    let text = source.text.as_str();
    let incident = pmlint::parse::parse(text, &CONFIG.parse_options());
    let _ = serde_json::to_string(&pmlint::render::model_json::incident_json(&source, &incident));
    let on_boundaries = |start: usize, end: usize| {
        start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
    };
    for d in pmlint::lint(&source, &CONFIG) {
        let spans = std::iter::once(d.primary.span).chain(d.secondary.iter().map(|l| l.span));
        for span in spans.chain(d.fix.iter().flat_map(|f| f.edits.iter().map(|e| e.span))) {
            assert!(on_boundaries(span.start, span.end), "{}: span {span:?} off the document", d.rule);
        }
    }
    let fixed = fix_document(&source, &CONFIG, FixLevel::Unsafe);
    let again = fix_document(&pmlint::source::Source::new("fuzz.md", fixed.text.clone()), &CONFIG, FixLevel::Unsafe);
    assert_eq!(again.applied, 0, "fixes are not idempotent");
});
