//! The hash maps and sets of pmlint's own lookups. Their keys are spans,
//! section and entry indices and short names, looked up about 260 times a
//! document; std's SipHash spent 2.5% of a run hashing them (BENCHMARKS.md).
//! foldhash seeds every map at random like std's, so nothing may depend on
//! their order, as before, and a document cannot be written to make its
//! keys collide (its keys are the document's own names and spans).

pub use foldhash::{HashMap, HashSet};
