//! A mentorship: who the two partners are, which of them uses this device,
//! when it started and is planned to end, its focus, and where it is in its
//! life: forming → active → concluding → closed.

use crate::model::stored_time::{date, optional_date};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::record::{self, impl_record, Meta};
use super::side::Side;
use super::validate::{self, Errors, FieldError};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Getting to know each other: expectations, agreement.
    #[default]
    Forming,
    /// Agreement signed; meeting regularly.
    Active,
    /// A no-fault conclusion has been started.
    Concluding,
    /// Concluded and archived: read-only, still viewable and exportable.
    Closed,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Forming => "Forming",
            Status::Active => "Active",
            Status::Concluding => "Concluding",
            Status::Closed => "Closed",
        }
    }

    /// What the status means, in a sentence.
    pub fn explain(self) -> &'static str {
        match self {
            Status::Forming => {
                "Getting to know each other: the expectations conversation and the signed agreement come first."
            }
            Status::Active => "The agreement is signed and you meet regularly.",
            Status::Concluding => "A no-fault conclusion has started: the retrospective is open.",
            Status::Closed => "Concluded and archived: it can be read and exported, not changed.",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Mentorship {
    pub meta: Meta,
    pub mentee: String,
    pub mentor: String,
    /// Which partner uses this device.
    pub my_role: Side,
    #[serde(with = "date")]
    pub start_date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "optional_date")]
    pub planned_end: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub focus: String,
    #[serde(default)]
    pub status: Status,
}
impl_record!(Mentorship);

impl Mentorship {
    /// The name of the partner on `side`.
    pub fn name(&self, side: Side) -> &str {
        side.pick(&self.mentee, &self.mentor)
    }

    /// "Ada Lovelace & Charles Babbage" — mentee first.
    pub fn title(&self) -> String {
        format!("{} & {}", self.mentee, self.mentor)
    }

    /// Closed mentorships are archived: viewable, exportable, not editable.
    pub fn is_read_only(&self) -> bool {
        self.status == Status::Closed
    }

    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.name("mentee", "The mentee's name", &self.mentee);
        e.name("mentor", "The mentor's name", &self.mentor);
        e.text("focus", "The focus", &self.focus);
        e.date("start_date", "The start date", self.start_date);
        e.opt_date("planned_end", "The planned end", self.planned_end);
        if let Some(end) = self.planned_end {
            if end < self.start_date {
                e.add("planned_end", "The planned end cannot be before the start date.");
            }
        }
        e.into_result()
    }
}

/// What the create/edit form holds: text as typed, checked by [`MentorshipForm::apply`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MentorshipForm {
    pub mentee: String,
    pub mentor: String,
    pub my_role: Side,
    pub start_date: String,
    pub planned_end: String,
    pub focus: String,
}

impl MentorshipForm {
    /// Where the form holds the full name of `side`.
    pub fn name_of(side: Side) -> fn(&mut MentorshipForm) -> &mut String {
        match side {
            Side::Mentee => |f| &mut f.mentee,
            Side::Mentor => |f| &mut f.mentor,
        }
    }

    /// A form filled from an existing mentorship.
    pub fn from_mentorship(m: &Mentorship) -> MentorshipForm {
        MentorshipForm {
            mentee: m.mentee.clone(),
            mentor: m.mentor.clone(),
            my_role: m.my_role,
            start_date: m.start_date.to_string(),
            planned_end: m.planned_end.map(|d| d.to_string()).unwrap_or_default(),
            focus: m.focus.clone(),
        }
    }

    /// Checks the form and writes it into `target` (a new or existing
    /// mentorship). On error nothing is changed.
    pub fn apply(
        &self,
        target: &mut Mentorship,
        now: DateTime<Utc>,
    ) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        let start = e.required_date("start_date", "The start date", &self.start_date);
        let end = e.optional_date("planned_end", "The planned end", &self.planned_end);
        let mut next = target.clone();
        next.mentee = validate::normalize(&self.mentee);
        next.mentor = validate::normalize(&self.mentor);
        next.my_role = self.my_role;
        next.focus = self.focus.trim().to_string();
        next.planned_end = end;
        if let Some(start) = start {
            next.start_date = start;
        }
        record::apply_form(target, next, e, Mentorship::validate, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_support::now;

    fn form() -> MentorshipForm {
        MentorshipForm {
            mentee: "  Ada   Lovelace ".into(),
            mentor: "Charles Babbage".into(),
            my_role: Side::Mentee,
            start_date: "2026-03-02".into(),
            planned_end: "2026-09-02".into(),
            focus: "Analytical engines".into(),
        }
    }

    #[test]
    fn a_valid_form_creates_a_mentorship_with_clean_names() {
        let mut m = Mentorship { meta: Meta::new(now()), ..Default::default() };
        form().apply(&mut m, now()).expect("valid");
        assert_eq!(m.mentee, "Ada Lovelace");
        assert_eq!(m.mentor, "Charles Babbage");
        assert_eq!(m.start_date, NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
        assert_eq!(m.status, Status::Forming);
    }

    #[test]
    fn blank_names_bad_dates_and_an_end_before_the_start_are_refused_without_change() {
        let mut m = Mentorship { meta: Meta::new(now()), ..Default::default() };
        let before = m.clone();
        let bad = MentorshipForm { mentee: " ".into(), start_date: "2026-13-01".into(), ..form() };
        let errors = bad.apply(&mut m, now()).expect_err("invalid");
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert!(fields.contains(&"mentee") && fields.contains(&"start_date"), "{fields:?}");
        assert_eq!(m, before);

        let backwards = MentorshipForm { planned_end: "2026-01-01".into(), ..form() };
        let errors = backwards.apply(&mut m, now()).expect_err("end before start");
        assert_eq!(errors[0].field, "planned_end");
    }
}
