//! What the model's unit tests share: a fixed clock, and a planned session.

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

/// A session planned for Tuesday 3 March 2026, 10:00 at UTC+1.
pub(crate) fn planned_session() -> crate::model::session::Session {
    crate::model::session::Session {
        starts_at: "2026-03-03T10:00:00+01:00".parse().expect("time"),
        ..Default::default()
    }
}
