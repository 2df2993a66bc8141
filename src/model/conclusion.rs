//! The no-fault conclusion's record: the closing retrospective (what was
//! achieved against each goal, what each partner learned, what each would do
//! differently, whether to stay in touch) and when the mentorship was closed.
//! Starting, closing and reopening a mentorship, which change the whole
//! document, are in `model::closing`.

use crate::model::stored_time::{date, optional_date};
use chrono::NaiveDate;
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
    #[serde(with = "date")]
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
    #[serde(default, skip_serializing_if = "Option::is_none", with = "optional_date")]
    pub closed_on: Option<NaiveDate>,
}
impl_record!(Conclusion);

impl Conclusion {
    pub fn reflection(&self, side: Side) -> &Reflection {
        side.pick(&self.mentee, &self.mentor)
    }

    pub fn reflection_mut(&mut self, side: Side) -> &mut Reflection {
        side.pick(&mut self.mentee, &mut self.mentor)
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
        e.date("started_on", "The date the conclusion started", self.started_on);
        e.opt_date("closed_on", "The date it closed", self.closed_on);
        e.history_len("goal_outcomes", "The list of goal outcomes", self.goal_outcomes.len());
        e.unique(
            "goal_outcomes",
            "The list of goal outcomes",
            self.goal_outcomes.iter().map(|o| o.goal),
        );
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
