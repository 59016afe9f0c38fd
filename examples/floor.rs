//! The floor for the end-to-end benchmark: walk the folders as pmlint does,
//! read every Markdown file, run pulldown-cmark over it, count the events.
//! No model, no rules, no output: what any Markdown tool must at least pay.
//!
//! ```sh
//! cargo run --release --example floor -- target/bench-corpus/10k
//! ```

use pulldown_cmark::Parser;
use rayon::prelude::*;

fn main() {
    let mut files = Vec::new();
    for root in std::env::args().skip(1) {
        for entry in ignore::WalkBuilder::new(root).build().flatten() {
            let is_md = entry.path().extension().is_some_and(|e| e == "md" || e == "markdown");
            if is_md && entry.file_type().is_some_and(|t| t.is_file()) {
                files.push(entry.into_path());
            }
        }
    }
    // Sorted as pmlint sorts them (`input::sort_found`).
    files.sort_by_cached_key(|path| pmlint::input::path_order_key(path));
    let events: usize = files
        .par_iter()
        .map(|path| match std::fs::read_to_string(path) {
            Ok(text) => Parser::new(&text).count(),
            Err(_) => 0,
        })
        .sum();
    println!("{} files, {events} events", files.len());
}
