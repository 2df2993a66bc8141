//! Input rules shared by every record: what counts as blank, how long text may
//! be, which characters text may hold, which dates Tandem keeps, how dates and
//! times are read from form fields. Errors name the field so forms can show
//! them next to it.
//!
//! # Dates
//! Every date and timestamp Tandem keeps lies in the years [`YEAR_MIN`] to
//! [`YEAR_MAX`]. `chrono` itself accepts years up to ±262,143, but turning
//! such a value into local time (or adding to it) panics, and a panic kills
//! the tab. Dates are checked where data enters: forms ([`parse_date`]) and
//! every record's `validate`, which imports and loads call.
//!
//! # Characters
//! One-line text (names, titles, topics, places, links, reasons) holds no
//! control characters and no bidirectional embedding, override or isolate
//! controls (U+202A–U+202E, U+2066–U+2069), which could make a name read
//! differently from what it is. Free text (notes, answers, the agreement)
//! holds no control characters but line breaks and tabs. [`normalize`] and
//! [`clean_line`] / [`clean_text`] remove them from what is typed or loaded.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeZone};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::hash::Hash;

/// Longest person name.
pub const NAME_MAX: usize = 120;
/// Longest one-line text (titles, topics, places, links).
pub const LINE_MAX: usize = 500;
/// Longest free text (notes, agreement body).
pub const TEXT_MAX: usize = 50_000;
/// Most entries in one list inside a record (topics, milestones, the
/// structured answers on a theme).
pub const LIST_MAX: usize = 200;
/// Most entries in a record's history or review lists (schedule changes,
/// due date changes, reviews of action items, goal outcomes).
pub const HISTORY_MAX: usize = 1_000;

/// The first and last year of the dates Tandem keeps.
pub const YEAR_MIN: i32 = 1900;
pub const YEAR_MAX: i32 = 2200;

/// Whether a year is one Tandem keeps dates in.
pub fn year_in_window(year: i32) -> bool {
    (YEAR_MIN..=YEAR_MAX).contains(&year)
}

/// Whether an instant falls in the years Tandem keeps, read in UTC (so
/// reading it in any zone of the world stays far from `chrono`'s limits).
pub fn instant_in_window<Tz: TimeZone>(t: &DateTime<Tz>) -> bool {
    year_in_window(t.naive_utc().year())
}

/// A bidirectional embedding, override or isolate control, which can make
/// text display in another order than it is stored.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Not allowed in one-line text: any control character (C0, DEL, C1) and the
/// bidirectional controls.
fn bad_in_line(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Not allowed in free text: control characters other than line breaks and
/// tabs.
fn bad_in_text(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t')
}

/// Whether `value` holds a character [`bad_in_line`] refuses. Read from the
/// UTF-8 bytes, not char by char: every stored text is checked on each load.
/// C0 controls and DEL are single bytes, the C1 controls (U+0080–U+009F) are
/// `C2 80`–`C2 9F`, the bidirectional controls `E2 80 AA`–`E2 80 AE` and
/// `E2 81 A6`–`E2 81 A9`.
fn has_bad_in_line(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.iter().enumerate().any(|(i, b)| match b {
        0x00..=0x1F | 0x7F => true,
        0xC2 => matches!(bytes.get(i + 1), Some(0x80..=0x9F)),
        0xE2 => matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0x80), Some(0xAA..=0xAE)) | (Some(0x81), Some(0xA6..=0xA9))
        ),
        _ => false,
    })
}

/// Whether `value` holds a character [`bad_in_text`] refuses, read from the
/// UTF-8 bytes as [`has_bad_in_line`] does.
fn has_bad_in_text(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.iter().enumerate().any(|(i, b)| match b {
        b'\t' | b'\n' | b'\r' => false,
        0x00..=0x1F | 0x7F => true,
        0xC2 => matches!(bytes.get(i + 1), Some(0x80..=0x9F)),
        _ => false,
    })
}

/// `value` without the characters one-line text may not hold: control
/// whitespace (tab, line breaks) becomes a space, the rest goes. Borrowed
/// when there is nothing to remove.
pub fn clean_line(value: &str) -> std::borrow::Cow<'_, str> {
    if !has_bad_in_line(value) {
        return value.into();
    }
    value
        .chars()
        .filter_map(|c| match c {
            c if c.is_whitespace() && c.is_control() => Some(' '),
            c if bad_in_line(c) => None,
            c => Some(c),
        })
        .collect::<String>()
        .into()
}

/// `value` without the control characters free text may not hold.
pub fn clean_text(value: &str) -> std::borrow::Cow<'_, str> {
    if !has_bad_in_text(value) {
        return value.into();
    }
    value.chars().filter(|c| !bad_in_text(*c)).collect::<String>().into()
}

/// Typed free text as it is kept: without stray control characters, at
/// most [`TEXT_MAX`] characters (a longer paste is cut, not lost whole).
pub fn fit_text(value: &str) -> String {
    clean_text(value).chars().take(TEXT_MAX).collect()
}

/// A typed line as it is kept: one clean line of at most [`LINE_MAX`]
/// characters.
pub fn fit_line(value: &str) -> String {
    clean_line(value).chars().take(LINE_MAX).collect()
}

/// Text as it may appear inside a message: one line, no control or
/// bidirectional characters, at most 60 characters.
pub fn shown(value: &str) -> String {
    let clean = clean_line(value);
    let mut out: String = clean.chars().take(60).collect();
    if clean.chars().nth(60).is_some() {
        out.push('…');
    }
    out
}

/// A problem with one field of a form or a record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{field}: {message}")]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> FieldError {
        FieldError { field: field.to_string(), message: message.into() }
    }
}

/// The messages of field errors as one text, without the fields' names.
pub fn messages(errors: &[FieldError]) -> String {
    errors.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join(" ")
}

/// Collects field errors while a record is checked.
#[derive(Debug, Default)]
pub struct Errors(pub Vec<FieldError>);

impl Errors {
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    /// Whether a required `value` is blank; if it is, says "… is required.".
    pub fn missing(&mut self, field: &str, label: &str, value: &str) -> bool {
        let blank = value.trim().is_empty();
        if blank {
            self.add(field, format!("{label} is required."));
        }
        blank
    }

    /// A person's name: not blank, not absurdly long, one clean line.
    pub fn name(&mut self, field: &str, label: &str, value: &str) {
        if !self.missing(field, label, value) {
            self.line_of(field, label, value, NAME_MAX);
        }
    }

    /// A name that may be left empty (this device's profile name).
    pub fn optional_name(&mut self, field: &str, label: &str, value: &str) {
        self.line_of(field, label, value, NAME_MAX);
    }

    /// A required one-line text.
    pub fn required(&mut self, field: &str, label: &str, value: &str) {
        if !self.missing(field, label, value) {
            self.line(field, label, value);
        }
    }

    pub fn max_len(&mut self, field: &str, label: &str, value: &str, max: usize) {
        // A character is at least one byte: most texts need no counting.
        if value.len() <= max {
            return;
        }
        let len = value.chars().count();
        if len > max {
            self.add(field, format!("{label} is too long ({len} characters; at most {max})."));
        }
    }

    /// One-line text: at most [`LINE_MAX`] characters, none of them control
    /// or bidirectional characters.
    pub fn line(&mut self, field: &str, label: &str, value: &str) {
        self.line_of(field, label, value, LINE_MAX);
    }

    fn line_of(&mut self, field: &str, label: &str, value: &str, max: usize) {
        self.max_len(field, label, value, max);
        if has_bad_in_line(value) {
            self.add(
                field,
                format!(
                    "{label} holds control or text-direction characters; a line of text cannot."
                ),
            );
        }
    }

    /// Free text: at most [`TEXT_MAX`] characters, no control characters
    /// but line breaks and tabs.
    pub fn text(&mut self, field: &str, label: &str, value: &str) {
        self.text_of(field, label, value, TEXT_MAX);
    }

    pub fn text_of(&mut self, field: &str, label: &str, value: &str, max: usize) {
        self.max_len(field, label, value, max);
        if has_bad_in_text(value) {
            self.add(field, format!("{label} holds control characters."));
        }
    }

    pub fn list_len(&mut self, field: &str, label: &str, len: usize) {
        self.list_of(field, label, len, LIST_MAX);
    }

    /// A history list (changes, reviews): at most [`HISTORY_MAX`] entries.
    pub fn history_len(&mut self, field: &str, label: &str, len: usize) {
        self.list_of(field, label, len, HISTORY_MAX);
    }

    fn list_of(&mut self, field: &str, label: &str, len: usize, max: usize) {
        if len > max {
            self.add(field, format!("{label} has too many entries ({len}; at most {max})."));
        }
    }

    /// No id (or other key) twice in a list. Linear in the list's length,
    /// whatever the keys: the standard hash is seeded at random, so a file
    /// cannot choose ids that collide.
    pub fn unique<K: Hash + Eq>(
        &mut self,
        field: &str,
        label: &str,
        keys: impl IntoIterator<Item = K>,
    ) {
        let mut seen = HashSet::new();
        if !keys.into_iter().all(|k| seen.insert(k)) {
            self.add(field, format!("{label} lists one entry twice."));
        }
    }

    /// A date in the years Tandem keeps.
    pub fn date(&mut self, field: &str, label: &str, date: NaiveDate) {
        if !year_in_window(date.year()) {
            self.out_of_range(field, label, date.year());
        }
    }

    pub fn opt_date(&mut self, field: &str, label: &str, date: Option<NaiveDate>) {
        if let Some(d) = date {
            self.date(field, label, d);
        }
    }

    /// How a goal or an action item ended: the date it was `how` ("done",
    /// "dropped"…) and, for one dropped, the reason.
    pub fn ended(&mut self, how: &str, on: NaiveDate, reason: Option<&str>) {
        self.date("status", &format!("The date it was {how}"), on);
        if let Some(reason) = reason {
            self.line("reason", "The reason", reason);
        }
    }

    /// An instant in the years Tandem keeps.
    pub fn instant<Tz: TimeZone>(&mut self, field: &str, label: &str, t: &DateTime<Tz>) {
        if !instant_in_window(t) {
            self.out_of_range(field, label, t.naive_utc().year());
        }
    }

    pub fn opt_instant<Tz: TimeZone>(
        &mut self,
        field: &str,
        label: &str,
        t: Option<&DateTime<Tz>>,
    ) {
        if let Some(t) = t {
            self.instant(field, label, t);
        }
    }

    /// Reads a typed date that may be left blank: blank is `None`, anything
    /// else must be a date ([`parse_date`]) or is an error.
    pub fn optional_date(&mut self, field: &str, label: &str, value: &str) -> Option<NaiveDate> {
        if value.trim().is_empty() {
            return None;
        }
        let parsed = parse_date(value);
        if parsed.is_none() {
            self.add(
                field,
                format!("{label} must be a date like 2026-03-31, from {YEAR_MIN} to {YEAR_MAX}."),
            );
        }
        parsed
    }

    /// Reads a typed date that must be there.
    pub fn required_date(&mut self, field: &str, label: &str, value: &str) -> Option<NaiveDate> {
        if self.missing(field, label, value) {
            return None;
        }
        self.optional_date(field, label, value)
    }

    fn out_of_range(&mut self, field: &str, label: &str, year: i32) {
        self.add(
            field,
            format!(
                "{label} is out of range (year {year}; Tandem keeps dates from {YEAR_MIN} to {YEAR_MAX})."
            ),
        );
    }

    pub fn into_result(self) -> Result<(), Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

/// Drops the oldest entries of a history list beyond [`HISTORY_MAX`].
pub fn keep_latest<T>(history: &mut Vec<T>) {
    if history.len() > HISTORY_MAX {
        history.drain(..history.len() - HISTORY_MAX);
    }
}

/// Reads a `YYYY-MM-DD` date (what `<input type=date>` gives) in the years
/// Tandem keeps (a date input also offers the year 275760). Read by hand, not
/// with chrono's `parse_from_str`: its format-string parser is 7 KiB of the
/// wasm every first visit downloads, for what is three numbers.
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    let mut parts = value.trim().split('-');
    let year = digits(parts.next()?, 4..=4)?;
    let month = digits(parts.next()?, 1..=2)?;
    let day = digits(parts.next()?, 1..=2)?;
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
        .filter(|d| year_in_window(d.year()))
}

/// Reads an optional date into `errors`: [`Errors::optional_date`].
pub fn parse_optional_date(
    errors: &mut Errors,
    field: &str,
    label: &str,
    value: &str,
) -> Option<NaiveDate> {
    errors.optional_date(field, label, value)
}

/// Reads a `HH:MM` time (what `<input type=time>` gives), or `HH:MM:SS`.
pub fn parse_time(value: &str) -> Option<NaiveTime> {
    let mut parts = value.trim().split(':');
    let hour = digits(parts.next()?, 1..=2)?;
    let minute = digits(parts.next()?, 2..=2)?;
    let second = match parts.next() {
        Some(second) => digits(second, 2..=2)?,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    NaiveTime::from_hms_opt(hour, minute, second)
}

/// A number written with only ASCII digits, as many as `len` allows.
fn digits(text: &str, len: std::ops::RangeInclusive<usize>) -> Option<u32> {
    if !len.contains(&text.len()) || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Collapses runs of whitespace and trims, and drops control and
/// bidirectional characters: for typed names and titles, and for comparing
/// typed names and answers.
pub fn normalize(value: &str) -> String {
    clean_line(value).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Property tests (proptest builds natively only).
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Text rich in what the byte scans look for: controls, C1, the
        /// bidirectional controls and their UTF-8 neighbours, any character.
        fn tricky_text() -> impl Strategy<Value = String> {
            let near = prop_oneof![
                0u32..0x21,
                0x7Eu32..0xA1,
                0x2028u32..0x2030,
                0x2060u32..0x2070,
                Just(0x0142u32), // C5 82: a continuation byte like C1's
                Just(0x20ACu32), // E2 82 AC
            ]
            .prop_filter_map("a char", char::from_u32);
            proptest::collection::vec(prop_oneof![near, any::<char>()], 0..24)
                .prop_map(|chars| chars.into_iter().collect())
        }

        proptest! {
            #[test]
            fn byte_scans_find_what_the_char_rules_refuse(text in tricky_text()) {
                prop_assert_eq!(has_bad_in_line(&text), text.chars().any(bad_in_line));
                prop_assert_eq!(has_bad_in_text(&text), text.chars().any(bad_in_text));
            }

            #[test]
            fn lengths_are_counted_in_characters(text in tricky_text(), max in 0usize..30) {
                let mut e = Errors::default();
                e.max_len("f", "Field", &text, max);
                prop_assert_eq!(e.0.is_empty(), text.chars().count() <= max);
            }
        }
    }

    #[test]
    fn names_must_not_be_blank_or_huge() {
        let mut e = Errors::default();
        e.name("mentee", "Mentee's name", "   ");
        e.name("mentor", "Mentor's name", &"x".repeat(NAME_MAX + 1));
        e.name("ok", "Fine", "Ada Lovelace");
        let fields: Vec<_> = e.0.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["mentee", "mentor"]);
    }

    #[test]
    fn dates_parse_or_say_why_not() {
        let mut e = Errors::default();
        assert_eq!(e.optional_date("d", "Date", ""), None);
        assert!(e.0.is_empty());
        assert_eq!(e.optional_date("d", "Date", "2026-02-30"), None);
        assert_eq!(e.0.len(), 1);
        assert_eq!(e.required_date("d", "Date", " "), None);
        assert_eq!(e.0[1].message, "Date is required.");
        assert_eq!(parse_date(" 2026-02-28 "), NaiveDate::from_ymd_opt(2026, 2, 28));
        assert_eq!(parse_time("09:30"), NaiveTime::from_hms_opt(9, 30, 0));
        assert_eq!(parse_time("25:00"), None);
    }

    #[test]
    fn normalize_collapses_whitespace() {
        assert_eq!(normalize("  Ada \t  Lovelace\n"), "Ada Lovelace");
        assert_eq!(normalize("\u{2068}Ada\u{2069} \u{202E}Lovelace\u{7}"), "Ada Lovelace");
    }

    #[test]
    fn dates_outside_the_window_are_refused_with_the_year() {
        assert_eq!(parse_date("+262142-01-01"), None);
        assert_eq!(parse_date("1899-12-31"), None);
        assert_eq!(parse_date("2200-12-31"), NaiveDate::from_ymd_opt(2200, 12, 31));
        let mut e = Errors::default();
        e.date("d", "The date", NaiveDate::MAX);
        e.instant("t", "The time", &DateTime::<chrono::Utc>::MAX_UTC);
        e.date("ok", "Fine", NaiveDate::from_ymd_opt(1900, 1, 1).expect("date"));
        assert_eq!(e.0.len(), 2);
        assert!(e.0[0].message.contains("year 262142"), "{}", e.0[0].message);
    }

    #[test]
    fn lines_and_texts_refuse_the_characters_they_cannot_hold() {
        let mut e = Errors::default();
        e.line("a", "A", "Ada \u{202E}ecalevol");
        e.line("b", "B", "tab\there");
        e.name("c", "C", "Ada\u{2066}");
        e.text("d", "D", "line\nbreak\tand tab\r\n");
        e.text("e", "E", "form\u{c}feed");
        e.text("f", "F", "next\u{85}line");
        let fields: Vec<_> = e.0.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["a", "b", "c", "e", "f"]);
        assert_eq!(clean_line("a\tb\u{202E}c\u{0}"), "a bc");
        assert_eq!(clean_text("a\nb\u{c}c"), "a\nbc");
        assert_eq!(shown(&format!("{}\u{202E}", "x".repeat(70))), format!("{}…", "x".repeat(60)));
    }

    #[test]
    fn keys_are_unique_in_linear_time() {
        let mut e = Errors::default();
        e.unique("ids", "The list", 0..100_000);
        assert!(e.0.is_empty());
        e.unique("ids", "The list", [1, 2, 1]);
        assert_eq!(e.0.len(), 1);
    }
}
