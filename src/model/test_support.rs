//! What the model's unit tests share: a fixed clock.

use chrono::{DateTime, NaiveDate, Utc};

/// The tests' fixed "now": 1 March 2026, 10:00 UTC.
pub(crate) fn now() -> DateTime<Utc> {
    "2026-03-01T10:00:00Z".parse().expect("time")
}

/// The day of [`now`].
pub(crate) fn today() -> NaiveDate {
    now().date_naive()
}

/// Day `d` of March 2026, the month of [`now`].
pub(crate) fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).expect("date")
}
