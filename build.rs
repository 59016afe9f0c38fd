//! Prepares the built-in tables (`rules/*.toml`) when pmlint is built, for
//! the one file a pre-commit hook gives it, where start-up is most of the run:
//! - each table as JSON, which parses four times faster than TOML;
//! - the literals every match of each built-in data-rule pattern must
//!   contain, with the same code that works them out for a user's patterns
//!   at run time (`src/rules/literals.rs`); reading the 14 patterns on every
//!   run was a tenth of a one-file run.

use std::fmt::Write as _;
use std::path::Path;

#[path = "src/rules/literals.rs"]
mod literals;

fn main() {
    link_position_dependent();
    println!("cargo::rerun-if-changed=src/rules/literals.rs");
    println!("cargo::rerun-if-changed=rules");
    let mut patterns = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir("rules")
        .expect("the rules folder")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    let json_dir = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("rules");
    std::fs::create_dir_all(&json_dir).expect("OUT_DIR is writable");
    for path in &files {
        println!("cargo::rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(path).expect("a readable rule file");
        let table: toml::Table = text.parse().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // The tables are read at every start; JSON parses four times faster.
        let json = serde_json::to_string(&table).expect("TOML values are JSON values");
        let stem = path.file_stem().expect("a file name").to_string_lossy();
        std::fs::write(json_dir.join(format!("{stem}.json")), json).expect("OUT_DIR is writable");
        let Some(rules) = table.get("custom_rules").and_then(|r| r.as_array()) else {
            continue;
        };
        for rule in rules {
            let single = rule.get("pattern").and_then(|p| p.as_str());
            let several = rule
                .get("patterns")
                .and_then(|p| p.as_array())
                .into_iter()
                .flatten()
                .filter_map(|p| p.as_str());
            patterns.extend(single.into_iter().chain(several).map(str::to_string));
        }
    }
    let mut out = String::from("&[\n");
    for pattern in &patterns {
        let sets = literals::required_literals(pattern);
        let _ = writeln!(out, "    ({pattern:?}, {}),", rust_sets(sets.as_deref()));
    }
    out.push(']');
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin_literals.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}

/// `Some(&[&["a", "b"], &["c"]])` or `None`, as Rust source.
fn rust_sets(sets: Option<&[Vec<String>]>) -> String {
    let Some(sets) = sets else {
        return "None".to_string();
    };
    let sets: Vec<String> = sets
        .iter()
        .map(|set| {
            let literals: Vec<String> = set.iter().map(|l| format!("{l:?}")).collect();
            format!("&[{}]", literals.join(", "))
        })
        .collect();
    format!("Some(&[{}])", sets.join(", "))
}

/// On Linux, the `pmlint` executable is linked at a fixed address (not as a
/// position-independent executable): the loader then has no relocations to
/// apply to it, which was a third of the time of `pmlint --version` and
/// shows in the one-file case a pre-commit hook runs (BENCHMARKS.md). The
/// price is that the executable's own code is not placed at a random
/// address; libraries, heap and stack still are.
fn link_position_dependent() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
}
