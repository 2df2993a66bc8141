//! Input rules shared by every record: what counts as blank, how long text may
//! be, how dates and times are read from form fields. Errors name the field so
//! forms can show them next to it.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Longest person name.
pub const NAME_MAX: usize = 120;
/// Longest one-line text (titles, topics, places, links).
pub const LINE_MAX: usize = 500;
/// Longest free text (notes, agreement body).
pub const TEXT_MAX: usize = 50_000;
/// Most entries in one list inside a record (topics, milestones).
pub const LIST_MAX: usize = 200;

/// A problem with one field of a form or a record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> FieldError {
        FieldError { field: field.to_string(), message: message.into() }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Collects field errors while a record is checked.
#[derive(Debug, Default)]
pub struct Errors(pub Vec<FieldError>);

impl Errors {
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    /// A person's name: not blank, not absurdly long.
    pub fn name(&mut self, field: &str, label: &str, value: &str) {
        if value.trim().is_empty() {
            self.add(field, format!("{label} is required."));
        } else {
            self.max_len(field, label, value, NAME_MAX);
        }
    }

    /// A required one-line text.
    pub fn required(&mut self, field: &str, label: &str, value: &str) {
        if value.trim().is_empty() {
            self.add(field, format!("{label} is required."));
        } else {
            self.max_len(field, label, value, LINE_MAX);
        }
    }

    pub fn max_len(&mut self, field: &str, label: &str, value: &str, max: usize) {
        let len = value.chars().count();
        if len > max {
            self.add(field, format!("{label} is too long ({len} characters; at most {max})."));
        }
    }

    pub fn line(&mut self, field: &str, label: &str, value: &str) {
        self.max_len(field, label, value, LINE_MAX);
    }

    pub fn text(&mut self, field: &str, label: &str, value: &str) {
        self.max_len(field, label, value, TEXT_MAX);
    }

    pub fn list_len(&mut self, field: &str, label: &str, len: usize) {
        if len > LIST_MAX {
            self.add(field, format!("{label} has too many entries ({len}; at most {LIST_MAX})."));
        }
    }

    pub fn into_result(self) -> Result<(), Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

/// Reads a `YYYY-MM-DD` date (what `<input type=date>` gives).
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()
}

/// Reads an optional date: blank is `Ok(None)`, anything else must parse.
pub fn parse_optional_date(
    errors: &mut Errors,
    field: &str,
    label: &str,
    value: &str,
) -> Option<NaiveDate> {
    if value.trim().is_empty() {
        return None;
    }
    let parsed = parse_date(value);
    if parsed.is_none() {
        errors.add(field, format!("{label} must be a date like 2026-03-31."));
    }
    parsed
}

/// Reads a required date.
pub fn parse_required_date(
    errors: &mut Errors,
    field: &str,
    label: &str,
    value: &str,
) -> Option<NaiveDate> {
    if value.trim().is_empty() {
        errors.add(field, format!("{label} is required."));
        return None;
    }
    parse_optional_date(errors, field, label, value)
}

/// Reads a `HH:MM` time (what `<input type=time>` gives).
pub fn parse_time(value: &str) -> Option<NaiveTime> {
    let v = value.trim();
    NaiveTime::parse_from_str(v, "%H:%M").or_else(|_| NaiveTime::parse_from_str(v, "%H:%M:%S")).ok()
}

/// Collapses runs of whitespace and trims, for comparing typed names and answers.
pub fn normalize(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(parse_optional_date(&mut e, "d", "Date", ""), None);
        assert!(e.0.is_empty());
        assert_eq!(parse_optional_date(&mut e, "d", "Date", "2026-02-30"), None);
        assert_eq!(e.0.len(), 1);
        assert_eq!(parse_date(" 2026-02-28 "), NaiveDate::from_ymd_opt(2026, 2, 28));
        assert_eq!(parse_time("09:30"), NaiveTime::from_hms_opt(9, 30, 0));
        assert_eq!(parse_time("25:00"), None);
    }

    #[test]
    fn normalize_collapses_whitespace() {
        assert_eq!(normalize("  Ada \t  Lovelace\n"), "Ada Lovelace");
    }
}
