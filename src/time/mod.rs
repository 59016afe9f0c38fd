//! Reading times, dates, timezones and durations out of text.
//!
//! Nothing here knows about markdown or rules: each function takes a `&str`
//! and returns what it found with byte ranges relative to that string.

pub mod clock;
pub mod date;
pub mod duration;
pub mod timestamp;
pub mod zone;
