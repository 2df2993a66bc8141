//! What the tests in `tests/` share: a fixed clock, small sample records,
//! reading fixture and golden files, and reading back a drawn QR code. A
//! test file takes it with `mod support;`. It builds for wasm too (the `browser_*` tests use the clock and records).

// Each test file uses only some of it.
#![allow(dead_code)]

#[cfg(not(target_arch = "wasm32"))]
pub mod edits;
#[cfg(not(target_arch = "wasm32"))]
pub mod qr;
pub mod render;

use chrono::{DateTime, NaiveDate, Utc};
use tandem::model::mentorship::Mentorship;
use tandem::model::{MentorshipDoc, Meta};
use uuid::Uuid;

/// The tests' fixed "now": 1 March 2026, 10:00 UTC.
pub fn now() -> DateTime<Utc> {
    "2026-03-01T10:00:00Z".parse().expect("time")
}

/// The day of [`now`].
pub fn today() -> NaiveDate {
    now().date_naive()
}

/// Ada Lovelace (mentee) and Charles Babbage (mentor) from 2 March 2026, with
/// a fixed id so that rendered text is the same on every run.
pub fn mentorship() -> Mentorship {
    Mentorship {
        meta: Meta::with_id(Uuid::from_u128(1), now()),
        mentee: "Ada Lovelace".into(),
        mentor: "Charles Babbage".into(),
        start_date: NaiveDate::from_ymd_opt(2026, 3, 2).expect("date"),
        ..Default::default()
    }
}

/// A new mentorship of `mentee` with Charles Babbage, starting today.
pub fn doc(mentee: &str) -> MentorshipDoc {
    MentorshipDoc::new(Mentorship {
        meta: Meta::new(now()),
        mentee: mentee.into(),
        mentor: "Charles Babbage".into(),
        start_date: today(),
        ..Default::default()
    })
}

/// Where the test data lives: `tests/fixtures/`.
pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");

/// The text of `tests/fixtures/<path>`.
pub fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!("{FIXTURES}{path}")).expect("fixture")
}

/// A file as the browser's file picker gives it (`File.text()`): UTF-8,
/// each invalid sequence replaced by U+FFFD. (The browser also drops a UTF-8
/// byte order mark; this keeps it, so the restore's own handling is tested.)
pub fn picked(path: &std::path::Path) -> String {
    String::from_utf8_lossy(&std::fs::read(path).expect("fixture")).into_owned()
}

/// Checks `actual` against `tests/golden/<name>`. With `UPDATE_GOLDEN` set,
/// writes `actual` there first (to accept a change).
pub fn golden(name: &str, actual: &str) {
    let path = format!("{}/tests/golden/{name}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden");
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{path} missing: run with UPDATE_GOLDEN=1"));
    assert_eq!(actual, expected, "{name} differs from the golden file (UPDATE_GOLDEN=1 to accept)");
}
