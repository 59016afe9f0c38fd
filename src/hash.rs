//! The hash maps and sets of pmlint's own lookups. Their keys are spans,
//! section and entry indices and short names, looked up about 260 times a
//! document; std's SipHash spent 2.5% of a run hashing them (BENCHMARKS.md).
//! foldhash is seeded per process like std's maps, so nothing may depend on
//! their order, as before.

pub use foldhash::{HashMap, HashSet};
