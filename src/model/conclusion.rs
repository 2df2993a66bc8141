//! The no-fault conclusion: either partner starts it; a closing retrospective
//! (what was achieved against each goal, what each learned, what each would do
//! differently, whether to stay in touch); then the mentorship is closed and
//! archived read-only. It can be reopened.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::record::{impl_record, Meta};
use super::side::Side;
use super::validate::{Errors, FieldError};

/// What was achieved against one goal.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalOutcome {
    pub goal: Uuid,
    pub outcome: String,
}

/// One partner's reflections.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reflection {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub learned: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub differently: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Conclusion {
    pub meta: Meta,
    pub started_by: Side,
    pub started_on: NaiveDate,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goal_outcomes: Vec<GoalOutcome>,
    #[serde(default)]
    pub mentee: Reflection,
    #[serde(default)]
    pub mentor: Reflection,
    /// Whether and how to stay in touch.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub stay_in_touch: String,
    /// Set when the mentorship was closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_on: Option<NaiveDate>,
}
impl_record!(Conclusion);

impl Conclusion {
    pub fn reflection(&self, side: Side) -> &Reflection {
        match side {
            Side::Mentee => &self.mentee,
            Side::Mentor => &self.mentor,
        }
    }

    pub fn reflection_mut(&mut self, side: Side) -> &mut Reflection {
        match side {
            Side::Mentee => &mut self.mentee,
            Side::Mentor => &mut self.mentor,
        }
    }

    pub fn outcome(&self, goal: Uuid) -> &str {
        self.goal_outcomes.iter().find(|o| o.goal == goal).map(|o| o.outcome.as_str()).unwrap_or("")
    }

    pub fn set_outcome(&mut self, goal: Uuid, text: &str) {
        match self.goal_outcomes.iter_mut().find(|o| o.goal == goal) {
            Some(o) => o.outcome = text.to_string(),
            None => self.goal_outcomes.push(GoalOutcome { goal, outcome: text.to_string() }),
        }
    }

    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        for o in &self.goal_outcomes {
            e.text("goal_outcomes", "An outcome", &o.outcome);
        }
        for r in [&self.mentee, &self.mentor] {
            e.text("learned", "What you learned", &r.learned);
            e.text("differently", "What you'd do differently", &r.differently);
        }
        e.text("stay_in_touch", "Staying in touch", &self.stay_in_touch);
        e.into_result()
    }
}

use super::document::MentorshipDoc;
use super::mentorship::Status;

/// Why a conclusion step was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConclusionError {
    AlreadyClosed,
    NotStarted,
    NotClosed,
}

/// Either partner starts a no-fault conclusion: the retrospective opens and
/// the mentorship is "concluding".
pub fn start(
    doc: &mut MentorshipDoc,
    by: Side,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), ConclusionError> {
    if doc.mentorship.status == Status::Closed {
        return Err(ConclusionError::AlreadyClosed);
    }
    if doc.conclusion.as_ref().is_none_or(|c| c.meta.deleted) {
        doc.conclusion = Some(Conclusion {
            meta: Meta::new(now),
            started_by: by,
            started_on: today,
            ..Default::default()
        });
    }
    doc.mentorship.status = Status::Concluding;
    doc.mentorship.meta.touch(now);
    Ok(())
}

/// Closes the mentorship: archived, read-only, still viewable and exportable.
pub fn close(
    doc: &mut MentorshipDoc,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), ConclusionError> {
    let c =
        doc.conclusion.as_mut().filter(|c| !c.meta.deleted).ok_or(ConclusionError::NotStarted)?;
    c.closed_on = Some(today);
    c.meta.touch(now);
    doc.mentorship.status = Status::Closed;
    doc.mentorship.meta.touch(now);
    Ok(())
}

/// Reopens a closed mentorship (the retrospective is kept).
pub fn reopen(doc: &mut MentorshipDoc, now: DateTime<Utc>) -> Result<(), ConclusionError> {
    if doc.mentorship.status != Status::Closed {
        return Err(ConclusionError::NotClosed);
    }
    if let Some(c) = doc.conclusion.as_mut() {
        c.closed_on = None;
        c.meta.touch(now);
    }
    doc.mentorship.status = Status::Active;
    doc.mentorship.meta.touch(now);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::mentorship::Mentorship;

    #[test]
    fn a_conclusion_closes_read_only_and_can_be_reopened() {
        let now: DateTime<Utc> = "2026-06-01T10:00:00Z".parse().expect("time");
        let today = now.date_naive();
        let mut doc = MentorshipDoc::new(Mentorship {
            meta: Meta::new(now),
            status: Status::Active,
            ..Default::default()
        });
        assert_eq!(close(&mut doc, today, now), Err(ConclusionError::NotStarted));
        start(&mut doc, Side::Mentor, today, now).expect("either partner can start");
        assert_eq!(doc.mentorship.status, Status::Concluding);
        assert!(!doc.mentorship.is_read_only());
        doc.conclusion.as_mut().expect("started").mentee.learned = "To ask for things.".into();
        close(&mut doc, today, now).expect("close");
        assert!(doc.mentorship.is_read_only());
        assert_eq!(start(&mut doc, Side::Mentee, today, now), Err(ConclusionError::AlreadyClosed));
        reopen(&mut doc, now).expect("reopen");
        assert_eq!(doc.mentorship.status, Status::Active);
        assert_eq!(
            doc.conclusion.as_ref().map(|c| c.mentee.learned.as_str()),
            Some("To ask for things."),
            "the retrospective is kept"
        );
    }
}
