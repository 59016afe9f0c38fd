//! Settings that are not any one rule's: they shape how times are read, so
//! the parser and every rule see the same values.

use crate::time::date::DateOrder;
use crate::time::zone::Zone;

/// Default for [`Settings::rollover_hours`].
pub const DEFAULT_ROLLOVER_HOURS: u32 = 12;

#[derive(Debug, Clone)]
pub struct Settings {
    /// The zone of times that name none and have no declaration (`default_timezone`).
    pub default_timezone: Option<Zone>,
    /// How to read `02/08/2022` when the document does not say (`date_order`).
    pub date_order: Option<DateOrder>,
    /// An undated timeline entry earlier than the one before it is the next
    /// day when the step forward across midnight is at most this many hours
    /// (`rollover_hours`).
    pub rollover_hours: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            default_timezone: None,
            date_order: None,
            rollover_hours: DEFAULT_ROLLOVER_HOURS,
        }
    }
}
