//! Write N synthetic postmortems into a folder, the same bytes every run:
//!
//! ```sh
//! cargo run --release --example gen_corpus -- 10000 target/bench-corpus/10k [seed]
//! ```

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::io::Write;
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: gen_corpus COUNT DIR [SEED]";
    let count: usize = args
        .next()
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| std::io::Error::other(usage))?;
    let dir = PathBuf::from(args.next().ok_or_else(|| std::io::Error::other(usage))?);
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(2024);
    std::fs::create_dir_all(&dir)?;
    let mut bytes = 0;
    for index in 0..count {
        let (name, text) = corpus::document(seed, index);
        // 1,000 files per folder keeps folder listings fast.
        let sub = dir.join(format!("{:03}", index / 1000));
        std::fs::create_dir_all(&sub)?;
        std::fs::File::create(sub.join(name))?.write_all(text.as_bytes())?;
        bytes += text.len();
    }
    println!(
        "{count} files, {bytes} bytes ({} bytes each on average) in {}",
        bytes / count.max(1),
        dir.display()
    );
    Ok(())
}
