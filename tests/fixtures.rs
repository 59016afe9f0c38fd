//! Snapshots of the human, concise and JSON output for every fixture.
//! Each `.snap` is reviewed by hand when it changes.

use std::path::{Path, PathBuf};

use pmlint::app::{ConfigChoice, Format, LintRequest, lint};

/// Every fixture below `fixtures/`, relative to the crate root, sorted.
pub fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut stack = vec![root.join("fixtures")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixture folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                files.push(path.strip_prefix(root).expect("inside").to_path_buf());
            }
        }
    }
    files.sort();
    files
}

fn run(path: &Path, format: Format) -> String {
    // Paths relative to the crate root keep the snapshots machine-independent.
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).expect("crate root");
    let request = LintRequest {
        paths: vec![path.to_path_buf()],
        format,
        config: ConfigChoice::Defaults,
        color: false,
        width: 100,
        max_file_size: pmlint::input::DEFAULT_MAX_FILE_SIZE,
    };
    let mut out = Vec::new();
    let mut err = Vec::new();
    let exit = lint(&request, &mut out, &mut err).expect("writes to memory");
    format!(
        "exit: {:?}\n--- stdout\n{}--- stderr\n{}",
        exit,
        String::from_utf8_lossy(&out),
        String::from_utf8_lossy(&err)
    )
}

fn snapshot_name(path: &Path, format: &str) -> String {
    let stem = path
        .strip_prefix("fixtures")
        .unwrap_or(path)
        .with_extension("")
        .to_string_lossy()
        .replace(['/', '\\'], "__");
    format!("{stem}.{format}")
}

#[test]
fn fixture_outputs() {
    let files = fixtures();
    assert!(files.len() >= 15, "expected the fixture set, found {}", files.len());
    for path in files {
        insta::assert_snapshot!(snapshot_name(&path, "human"), run(&path, Format::Human));
        insta::assert_snapshot!(snapshot_name(&path, "concise"), run(&path, Format::Concise));
        insta::assert_snapshot!(snapshot_name(&path, "json"), run(&path, Format::Json));
    }
}

/// `fixtures/rules/<id>/fail*.md` fires rule `<id>`; `pass*.md` does not; and
/// every rule has both.
#[test]
fn rule_fixtures_fire_or_stay_silent() {
    use pmlint::config::Config;
    use pmlint::source::Source;
    let config = Config::default();
    for rule in pmlint::rules::REGISTRY {
        let id = rule.meta().id;
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules").join(id);
        let mut seen = (0, 0);
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|_| panic!("fixtures/rules/{id} is missing")) {
            let path = entry.expect("entry").path();
            let name = path.file_name().expect("name").to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).expect("UTF-8 fixture");
            let fired = pmlint::lint(&Source::new(name.clone(), text), &config)
                .iter()
                .any(|d| d.rule == id);
            if name.starts_with("fail") {
                assert!(fired, "{id}: {name} should fire");
                seen.0 += 1;
            } else if name.starts_with("pass") {
                assert!(!fired, "{id}: {name} must not fire");
                seen.1 += 1;
            }
        }
        assert!(
            seen.0 > 0 && seen.1 > 0,
            "{id}: needs a fail*.md and a pass*.md fixture"
        );
    }
}
