//! Goals: the mentee's, set with the mentor's input. Each has why it matters,
//! a measurable target ("how we'll know"), a target date, dated milestones and
//! a status. Progress counts milestones done plus linked action items done.

use crate::model::stored_time::optional_date;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::record::{self, impl_record, Meta, Record};
use super::status_record::{stored_as_record, StatusRecord};
use super::task::ActionItem;
use super::validate::{self, Errors, FieldError};

/// Stored as `{"state": "active" | "achieved" | "dropped", "on", "reason"}`
/// (see [`StatusRecord`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StatusRecord", into = "StatusRecord")]
pub enum GoalStatus {
    #[default]
    Active,
    Achieved {
        on: NaiveDate,
    },
    Dropped {
        on: NaiveDate,
        reason: String,
    },
}

stored_as_record!(GoalStatus { Active: "active", Achieved: "achieved", reason_required: true });

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    pub id: Uuid,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "optional_date")]
    pub due: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "optional_date")]
    pub done_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub meta: Meta,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub why: String,
    /// How we'll know: the measurable target.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub measure: String,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "optional_date")]
    pub target_date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<Milestone>,
    #[serde(default)]
    pub status: GoalStatus,
}
impl_record!(Goal);

/// Done out of total, for a progress bar with numbers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

impl Progress {
    pub fn percent(&self) -> u32 {
        super::counting::percent(self.done, self.total)
    }
}

impl std::ops::Add for Progress {
    type Output = Progress;

    fn add(self, other: Progress) -> Progress {
        Progress { done: self.done + other.done, total: self.total + other.total }
    }
}

impl Goal {
    pub fn is_active(&self) -> bool {
        self.status == GoalStatus::Active
    }

    /// Milestones done plus linked action items done, out of all milestones
    /// and linked action items that were not dropped.
    pub fn progress(&self, items: &[ActionItem]) -> Progress {
        let milestones = Progress {
            done: self.milestones.iter().filter(|m| m.done_on.is_some()).count(),
            total: self.milestones.len(),
        };
        let linked =
            items.iter().filter(|i| i.is_live() && i.goal == Some(self.meta.id) && !i.is_dropped());
        let (mut done, mut total) = (0, 0);
        for item in linked {
            total += 1;
            if item.is_done() {
                done += 1;
            }
        }
        milestones + Progress { done, total }
    }

    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.required("title", "The goal", &self.title);
        e.text("why", "Why it matters", &self.why);
        e.text("measure", "How we'll know", &self.measure);
        e.opt_date("target_date", "The target date", self.target_date);
        e.list_len("milestones", "The milestone list", self.milestones.len());
        e.unique("milestones", "The milestone list", self.milestones.iter().map(|m| m.id));
        for m in &self.milestones {
            e.required("milestones", "A milestone", &m.text);
            e.opt_date("milestones", "A milestone's date", m.due);
            e.opt_date("milestones", "The date a milestone was done", m.done_on);
        }
        match &self.status {
            GoalStatus::Active => {}
            GoalStatus::Achieved { on } => e.ended("achieved", *on, None),
            GoalStatus::Dropped { on, reason } => e.ended("dropped", *on, Some(reason)),
        }
        e.into_result()
    }
}

/// The goal form, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GoalForm {
    pub title: String,
    pub why: String,
    pub measure: String,
    pub target_date: String,
}

impl GoalForm {
    pub fn from_goal(goal: &Goal) -> GoalForm {
        GoalForm {
            title: goal.title.clone(),
            why: goal.why.clone(),
            measure: goal.measure.clone(),
            target_date: goal.target_date.map(|d| d.to_string()).unwrap_or_default(),
        }
    }

    /// Checks the form and writes it into `goal`; on error nothing changes.
    pub fn apply(&self, goal: &mut Goal, now: DateTime<Utc>) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        let target = e.optional_date("target_date", "The target date", &self.target_date);
        let mut next = goal.clone();
        next.title = validate::normalize(&self.title);
        next.why = self.why.trim().into();
        next.measure = self.measure.trim().into();
        next.target_date = target;
        record::apply_form(goal, next, e, Goal::validate, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::side::Side;
    use crate::model::task::ItemStatus;
    use crate::model::test_support::{day, now};

    fn goal(title: &str) -> Goal {
        Goal { meta: Meta::new(now()), title: title.into(), ..Default::default() }
    }

    #[test]
    fn a_form_saved_unchanged_or_refused_leaves_the_goal_unmarked() {
        let mut g = goal("Give a talk");
        let before = g.clone();
        let later = now() + chrono::Duration::hours(1);
        let same = GoalForm { title: " Give a talk ".into(), ..Default::default() };
        assert_eq!(same.apply(&mut g, later), Ok(()));
        let bad =
            GoalForm { title: "Give a talk".into(), target_date: "2026-02-31".into(), ..same };
        assert!(bad.apply(&mut g, later).is_err());
        assert_eq!(g, before);
        let edited = GoalForm { title: "Give two talks".into(), ..Default::default() };
        assert_eq!(edited.apply(&mut g, later), Ok(()));
        assert_eq!((g.title.as_str(), g.meta.updated_at), ("Give two talks", later));
    }

    #[test]
    fn progress_counts_milestones_and_linked_items_but_not_dropped_ones() {
        let mut goal = goal("Give a talk");
        goal.milestones = vec![
            Milestone {
                id: Uuid::new_v4(),
                text: "Outline".into(),
                due: Some(day(5)),
                done_on: Some(day(4)),
            },
            Milestone {
                id: Uuid::new_v4(),
                text: "Rehearse".into(),
                due: Some(day(20)),
                done_on: None,
            },
        ];
        let item = |status: ItemStatus, goal_id: Option<Uuid>| ActionItem {
            meta: Meta::new(now()),
            text: "x".into(),
            owner: Side::Mentee,
            status,
            goal: goal_id,
            ..Default::default()
        };
        let g = Some(goal.meta.id);
        let items = vec![
            item(ItemStatus::Done { on: day(3) }, g),
            item(ItemStatus::Open, g),
            item(ItemStatus::Dropped { on: day(3), reason: "moot".into() }, g),
            item(ItemStatus::Done { on: day(3) }, None),
        ];
        let p = goal.progress(&items);
        assert_eq!(p, Progress { done: 2, total: 4 });
        assert_eq!(p.percent(), 50);
    }

    #[test]
    fn the_form_refuses_a_blank_title_and_a_bad_date() {
        let mut goal = goal("Old");
        let bad = GoalForm { title: " ".into(), target_date: "soon".into(), ..Default::default() };
        let errors = bad.apply(&mut goal, now()).expect_err("invalid");
        assert_eq!(errors.len(), 2);
        assert_eq!(goal.title, "Old");
        let good = GoalForm {
            title: "Publish".into(),
            target_date: "2026-06-30".into(),
            ..Default::default()
        };
        good.apply(&mut goal, now()).expect("valid");
        assert_eq!(goal.target_date, NaiveDate::from_ymd_opt(2026, 6, 30));
    }
}
