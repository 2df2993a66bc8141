//! Goals: the mentee's, with a measurable target, a date, milestones and a status.

use uuid::Uuid;

use crate::browser;
use crate::model::goal::{Goal, GoalForm, GoalStatus, Milestone};
use crate::model::record::{self, Meta, Record};
use crate::model::validate::{self, Errors};
use crate::state::{ActionError, ActionResult, Store};

fn gone() -> ActionError {
    ActionError::refused("This mentorship is closed, or the goal no longer exists.")
}

fn with_goal<R>(store: &Store, m: Uuid, g: Uuid, f: impl FnOnce(&mut Goal) -> R) -> Option<R> {
    store.change_record(m, |d| &mut d.goals, g, |goal, _| f(goal))
}

pub fn create(store: &Store, m: Uuid, form: &GoalForm) -> ActionResult<Uuid> {
    let now = browser::now();
    let mut goal = Goal { meta: Meta::new(now), ..Default::default() };
    form.apply(&mut goal, now)?;
    let id = goal.id();
    store.change(m, |doc, now| record::upsert(&mut doc.goals, goal, now)).ok_or_else(gone)?;
    Ok(id)
}

pub fn update(store: &Store, m: Uuid, g: Uuid, form: &GoalForm) -> ActionResult {
    let now = browser::now();
    Ok(with_goal(store, m, g, |goal| form.apply(goal, now)).ok_or_else(gone)??)
}

pub fn delete(store: &Store, m: Uuid, g: Uuid) {
    store.change(m, |doc, now| record::remove(&mut doc.goals, g, now));
}

pub fn add_milestone(store: &Store, m: Uuid, g: Uuid, text: &str, due: &str) -> ActionResult {
    let text = validate::normalize(text);
    let mut e = Errors::default();
    e.required("milestone", "The milestone", &text);
    e.line("milestone", "The milestone", &text);
    let due = validate::parse_optional_date(&mut e, "milestone_due", "The milestone's date", due);
    e.into_result()?;
    with_goal(store, m, g, |goal| {
        if goal.milestones.len() >= validate::LIST_MAX {
            let mut e = Errors::default();
            e.add("milestone", format!("A goal holds at most {} milestones.", validate::LIST_MAX));
            return e.into_result();
        }
        goal.milestones.push(Milestone { id: Uuid::new_v4(), text, due, done_on: None });
        Ok(())
    })
    .ok_or_else(gone)?
    .map_err(ActionError::from)
}

/// Ticks a milestone done today, or un-ticks it.
pub fn toggle_milestone(store: &Store, m: Uuid, g: Uuid, milestone: Uuid) {
    let today = browser::today();
    with_goal(store, m, g, |goal| {
        if let Some(ms) = goal.milestones.iter_mut().find(|x| x.id == milestone) {
            ms.done_on = if ms.done_on.is_some() { None } else { Some(today) };
        }
    });
}

pub fn remove_milestone(store: &Store, m: Uuid, g: Uuid, milestone: Uuid) {
    with_goal(store, m, g, |goal| goal.milestones.retain(|x| x.id != milestone));
}

pub fn mark_achieved(store: &Store, m: Uuid, g: Uuid) {
    let on = browser::today();
    with_goal(store, m, g, |goal| goal.status = GoalStatus::Achieved { on });
}

pub fn drop_goal(store: &Store, m: Uuid, g: Uuid, reason: &str) -> ActionResult {
    let mut e = Errors::default();
    e.required("reason", "The reason", reason);
    e.into_result()?;
    let on = browser::today();
    with_goal(store, m, g, |goal| {
        goal.status = GoalStatus::Dropped { on, reason: reason.trim().into() }
    })
    .ok_or_else(gone)
}

pub fn reactivate(store: &Store, m: Uuid, g: Uuid) {
    with_goal(store, m, g, |goal| goal.status = GoalStatus::Active);
}
