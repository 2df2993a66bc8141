//! What a session holds besides its time and place: the mentee's agenda
//! before it, the outcome summary after it, and each side's feedback. Each
//! part keeps when it was last edited, so it merges on its own.

use crate::model::stored_time::{optional_instant, optional_local_instant};
use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    pub id: Uuid,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgendaState {
    NotStarted,
    Draft,
    Sent,
}

impl AgendaState {
    pub fn label(self) -> &'static str {
        match self {
            AgendaState::NotStarted => "Agenda not started",
            AgendaState::Draft => "Agenda in draft",
            AgendaState::Sent => "Agenda sent",
        }
    }
}

/// The mentee's agenda, written and sent before the session. The open action
/// items of both partners are pulled in when it is shown or sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agenda {
    /// Update since the last meeting.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub update: String,
    /// Questions and topics, in priority order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<Topic>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub input_needed: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub timeline: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub desired_outcomes: String,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "optional_instant")]
    pub sent_at: Option<DateTime<Utc>>,
    /// When the agenda was last edited (it merges apart from the summary).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "optional_instant")]
    pub updated_at: Option<DateTime<Utc>>,
}

/// The agenda's free-text parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgendaField {
    Update,
    InputNeeded,
    Timeline,
    DesiredOutcomes,
}

impl AgendaField {
    /// The one of the parts (in the agenda's order) this field names; like
    /// [`super::side::Side::pick`], for shared and mutable borrows alike.
    fn pick<T>(self, update: T, input_needed: T, timeline: T, desired_outcomes: T) -> T {
        match self {
            AgendaField::Update => update,
            AgendaField::InputNeeded => input_needed,
            AgendaField::Timeline => timeline,
            AgendaField::DesiredOutcomes => desired_outcomes,
        }
    }
}

impl Agenda {
    /// One free-text part.
    pub fn text_mut(&mut self, field: AgendaField) -> &mut String {
        field.pick(
            &mut self.update,
            &mut self.input_needed,
            &mut self.timeline,
            &mut self.desired_outcomes,
        )
    }

    pub fn text(&self, field: AgendaField) -> &str {
        field.pick(&self.update, &self.input_needed, &self.timeline, &self.desired_outcomes)
    }

    pub fn is_blank(&self) -> bool {
        [&self.update, &self.input_needed, &self.timeline, &self.desired_outcomes]
            .iter()
            .all(|t| t.trim().is_empty())
            && self.topics.iter().all(|t| t.text.trim().is_empty())
    }

    pub fn state(&self) -> AgendaState {
        if self.sent_at.is_some() {
            AgendaState::Sent
        } else if self.is_blank() {
            AgendaState::NotStarted
        } else {
            AgendaState::Draft
        }
    }

    /// Sent, then changed: the partner holds an older text.
    pub fn changed_since_sent(&self) -> bool {
        matches!((self.sent_at, self.updated_at), (Some(sent), Some(edited)) if edited > sent)
    }

    /// Moves the topic at `index` one place up (`-1`) or down (`+1`).
    pub fn move_topic(&mut self, index: usize, by: isize) {
        let target = index as isize + by;
        if index < self.topics.len() && target >= 0 && (target as usize) < self.topics.len() {
            self.topics.swap(index, target as usize);
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewOutcome {
    #[default]
    Done,
    CarriedOver,
    Dropped,
}

impl ReviewOutcome {
    pub fn label(self) -> &'static str {
        match self {
            ReviewOutcome::Done => "Done",
            ReviewOutcome::CarriedOver => "Carried over",
            ReviewOutcome::Dropped => "Dropped",
        }
    }
}

/// The review of one earlier action item at this session.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemReview {
    pub item: Uuid,
    pub outcome: ReviewOutcome,
    /// A word on it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// What came out of the session, written after it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub decisions: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<ItemReview>,
    /// Resources the mentor suggested.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub resources: String,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "optional_local_instant")]
    pub next_meeting: Option<DateTime<FixedOffset>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "optional_instant")]
    pub sent_at: Option<DateTime<Utc>>,
    /// When the summary was last edited.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "optional_instant")]
    pub updated_at: Option<DateTime<Utc>>,
}

/// The summary's free-text parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SummaryField {
    Notes,
    Decisions,
    Resources,
}

impl SummaryField {
    /// The one of the parts (in the summary's order) this field names; like
    /// [`super::side::Side::pick`], for shared and mutable borrows alike.
    fn pick<T>(self, notes: T, decisions: T, resources: T) -> T {
        match self {
            SummaryField::Notes => notes,
            SummaryField::Decisions => decisions,
            SummaryField::Resources => resources,
        }
    }
}

impl Summary {
    /// One free-text part.
    pub fn text_mut(&mut self, field: SummaryField) -> &mut String {
        field.pick(&mut self.notes, &mut self.decisions, &mut self.resources)
    }

    pub fn text(&self, field: SummaryField) -> &str {
        field.pick(&self.notes, &self.decisions, &self.resources)
    }

    pub fn is_blank(&self) -> bool {
        self.notes.trim().is_empty()
            && self.decisions.trim().is_empty()
            && self.reviews.is_empty()
            && self.resources.trim().is_empty()
    }
}

/// One side's quick feedback on a session.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    /// "Was this useful?" 1 (not at all) to 5 (very).
    pub rating: u8,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "optional_instant")]
    pub updated_at: Option<DateTime<Utc>>,
}
