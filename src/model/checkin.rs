//! Periodic check-ins: "Is the relationship working as expected?", answered by
//! each partner with a few quick ratings and a comment, kept per side.

use crate::model::stored_time::date;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::record::{impl_record, Meta, Record};
use super::side::Side;
use super::validate::{Errors, FieldError};

/// The questions, as `(key, question)`; each is answered 1 (not at all) to 5 (fully).
pub const QUESTIONS: [(&str, &str); 5] = [
    ("rhythm", "Are we meeting as often as we agreed?"),
    ("preparation", "Do we both come prepared?"),
    ("follow_through", "Are action items getting done?"),
    ("feedback", "Is feedback flowing both ways?"),
    ("fit", "Is this mentorship helping with the goals?"),
];

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CheckIn {
    pub meta: Meta,
    pub side: Side,
    #[serde(with = "date")]
    pub on: NaiveDate,
    /// Ratings 1–5 in the order of [`QUESTIONS`].
    pub ratings: Vec<u8>,
    /// Overall: is it working as expected?
    pub working: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
}
impl_record!(CheckIn);

impl CheckIn {
    pub fn average(&self) -> f32 {
        if self.ratings.is_empty() {
            return 0.0;
        }
        self.ratings.iter().map(|r| *r as f32).sum::<f32>() / self.ratings.len() as f32
    }

    /// [`average`](Self::average) to one decimal, as `{:.1}` writes it
    /// (without float formatting in the app).
    pub fn average_text(&self) -> String {
        let sum: u64 = self.ratings.iter().map(|r| *r as u64).sum();
        super::counting::one_decimal(sum, self.ratings.len() as u64)
    }

    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.ratings.len() != QUESTIONS.len()
            || self.ratings.iter().any(|r| !(1..=5).contains(r))
        {
            e.add("ratings", "Answer each question from 1 to 5.");
        }
        e.text("comment", "The comment", &self.comment);
        e.date("on", "The check-in's date", self.on);
        e.into_result()
    }
}

/// When `side`'s next check-in is due: `every_weeks` after their last one, or
/// after the mentorship's start for the first.
pub fn next_due(checkins: &[CheckIn], side: Side, start: NaiveDate, every_weeks: u32) -> NaiveDate {
    let last = checkins.iter().filter(|c| c.is_live() && c.side == side).map(|c| c.on).max();
    super::dates::add_days(last.unwrap_or(start), every_weeks as i64 * 7)
}

/// `side`'s check-ins, newest first.
pub fn history(checkins: &[CheckIn], side: Side) -> Vec<&CheckIn> {
    let mut list: Vec<&CheckIn> =
        checkins.iter().filter(|c| c.is_live() && c.side == side).collect();
    super::order::sort_by_key(&mut list, |c| std::cmp::Reverse((c.on, c.meta.created_at)));
    list
}
