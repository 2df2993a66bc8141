//! Two devices changed the same text since they last exchanged: the later
//! change stands, and the other is kept as a [`Conflict`] that both see
//! until one of them resolves it — keeping what stands, or taking the kept
//! text instead. A conflict is a shared record: it travels, and resolving
//! it (a tombstone) travels too. Its id comes from the record, the text
//! and what was written, so two devices that find the same conflict make
//! the same record.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::record::{self, impl_record, stamp_part, Meta};
use super::validate::{Errors, FieldError};
use super::MentorshipDoc;

/// Which text of which kind of record.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextField {
    /// A theme's consensus.
    #[default]
    Consensus,
    /// A session agenda's update.
    AgendaUpdate,
    SummaryNotes,
    SummaryDecisions,
    GoalTitle,
    ActionItem,
    /// An agreement version's text.
    AgreementBody,
}

impl TextField {
    pub const ALL: [TextField; 7] = [
        TextField::Consensus,
        TextField::AgendaUpdate,
        TextField::SummaryNotes,
        TextField::SummaryDecisions,
        TextField::GoalTitle,
        TextField::ActionItem,
        TextField::AgreementBody,
    ];

    pub fn key(self) -> &'static str {
        match self {
            TextField::Consensus => "consensus",
            TextField::AgendaUpdate => "agenda_update",
            TextField::SummaryNotes => "summary_notes",
            TextField::SummaryDecisions => "summary_decisions",
            TextField::GoalTitle => "goal_title",
            TextField::ActionItem => "action_item",
            TextField::AgreementBody => "agreement_body",
        }
    }

    /// The text in `doc` of record `id`, if it is there and alive.
    pub fn read(self, doc: &MentorshipDoc, id: Uuid) -> Option<String> {
        let live = |m: &Meta| m.id == id && !m.deleted;
        Some(match self {
            TextField::Consensus => {
                doc.themes.iter().find(|r| live(&r.meta))?.consensus.text.clone()
            }
            TextField::AgendaUpdate => {
                doc.sessions.iter().find(|r| live(&r.meta))?.agenda.update.clone()
            }
            TextField::SummaryNotes => {
                doc.sessions.iter().find(|r| live(&r.meta))?.summary.notes.clone()
            }
            TextField::SummaryDecisions => {
                doc.sessions.iter().find(|r| live(&r.meta))?.summary.decisions.clone()
            }
            TextField::GoalTitle => doc.goals.iter().find(|r| live(&r.meta))?.title.clone(),
            TextField::ActionItem => doc.actions.iter().find(|r| live(&r.meta))?.text.clone(),
            TextField::AgreementBody => doc.agreements.iter().find(|r| live(&r.meta))?.body.clone(),
        })
    }

    /// When record `id`'s text was last edited (its part's own time, else
    /// the record's).
    pub fn stamp(self, doc: &MentorshipDoc, id: Uuid) -> Option<DateTime<Utc>> {
        let live = |m: &Meta| m.id == id && !m.deleted;
        let session = || doc.sessions.iter().find(|r| live(&r.meta));
        match self {
            TextField::Consensus => doc
                .themes
                .iter()
                .find(|r| live(&r.meta))
                .map(|t| t.consensus.updated_at.unwrap_or(t.meta.updated_at)),
            TextField::AgendaUpdate => {
                session().map(|s| s.agenda.updated_at.unwrap_or(s.meta.updated_at))
            }
            TextField::SummaryNotes | TextField::SummaryDecisions => {
                session().map(|s| s.summary.updated_at.unwrap_or(s.meta.updated_at))
            }
            TextField::GoalTitle => {
                doc.goals.iter().find(|r| live(&r.meta)).map(|r| r.meta.updated_at)
            }
            TextField::ActionItem => {
                doc.actions.iter().find(|r| live(&r.meta)).map(|r| r.meta.updated_at)
            }
            TextField::AgreementBody => {
                doc.agreements.iter().find(|r| live(&r.meta)).map(|r| r.meta.updated_at)
            }
        }
    }

    /// Puts `text` in place of record `id`'s, stamped as an edit at `now`.
    /// `false` when the record is gone, or is an agreement version both
    /// have signed (amend it instead).
    pub fn write(self, doc: &mut MentorshipDoc, id: Uuid, text: &str, now: DateTime<Utc>) -> bool {
        let text = text.to_string();
        match self {
            TextField::Consensus => record::update(&mut doc.themes, id, now, |e| {
                e.consensus.updated_at = stamp_part(e.consensus.updated_at, now);
                e.consensus.text = text;
            }),
            TextField::AgendaUpdate => record::update(&mut doc.sessions, id, now, |s| {
                s.agenda.updated_at = stamp_part(s.agenda.updated_at, now);
                s.agenda.update = text;
            }),
            TextField::SummaryNotes | TextField::SummaryDecisions => {
                record::update(&mut doc.sessions, id, now, |s| {
                    s.summary.updated_at = stamp_part(s.summary.updated_at, now);
                    match self {
                        TextField::SummaryNotes => s.summary.notes = text,
                        _ => s.summary.decisions = text,
                    }
                })
            }
            TextField::GoalTitle => record::update(&mut doc.goals, id, now, |g| g.title = text),
            TextField::ActionItem => record::update(&mut doc.actions, id, now, |i| i.text = text),
            TextField::AgreementBody => {
                let frozen = doc.agreements.iter().any(|v| v.meta.id == id && v.is_frozen());
                !frozen && record::update(&mut doc.agreements, id, now, |v| v.body = text)
            }
        }
    }

    /// What the text is, in words: "The consensus on “Meetings”".
    pub fn describe(self, doc: &MentorshipDoc, id: Uuid) -> String {
        let find = |m: &Meta| m.id == id;
        let shown = super::validate::shown;
        match self {
            TextField::Consensus => doc.themes.iter().find(|r| find(&r.meta)).map_or_else(
                || "A consensus".into(),
                |t| format!("The consensus on “{}”", shown(t.title())),
            ),
            TextField::AgendaUpdate | TextField::SummaryNotes | TextField::SummaryDecisions => {
                let what = match self {
                    TextField::AgendaUpdate => "The agenda's update",
                    TextField::SummaryNotes => "The summary's notes",
                    _ => "The summary's decisions",
                };
                doc.sessions.iter().find(|r| find(&r.meta)).map_or_else(
                    || what.to_string(),
                    |s| format!("{what} for the session of {}", super::dates::long(s.local_date())),
                )
            }
            TextField::GoalTitle => "A goal's title".into(),
            TextField::ActionItem => "An action item".into(),
            TextField::AgreementBody => doc.agreements.iter().find(|r| find(&r.meta)).map_or_else(
                || "The agreement's text".into(),
                |v| format!("The text of agreement version {}", v.number),
            ),
        }
    }

    /// Every record id that has this text in `doc`, with the text.
    pub fn all(self, doc: &MentorshipDoc) -> Vec<(Uuid, &str)> {
        fn each<T>(list: &[T], meta: fn(&T) -> &Meta, text: fn(&T) -> &str) -> Vec<(Uuid, &str)> {
            list.iter().filter(|r| !meta(r).deleted).map(|r| (meta(r).id, text(r))).collect()
        }
        match self {
            TextField::Consensus => each(&doc.themes, |r| &r.meta, |r| &r.consensus.text),
            TextField::AgendaUpdate => each(&doc.sessions, |r| &r.meta, |r| &r.agenda.update),
            TextField::SummaryNotes => each(&doc.sessions, |r| &r.meta, |r| &r.summary.notes),
            TextField::SummaryDecisions => {
                each(&doc.sessions, |r| &r.meta, |r| &r.summary.decisions)
            }
            TextField::GoalTitle => each(&doc.goals, |r| &r.meta, |r| &r.title),
            TextField::ActionItem => each(&doc.actions, |r| &r.meta, |r| &r.text),
            TextField::AgreementBody => each(&doc.agreements, |r| &r.meta, |r| &r.body),
        }
    }
}

/// A text that lost to a change made at the same time elsewhere.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub meta: Meta,
    /// The record whose text it is.
    pub record: Uuid,
    pub field: TextField,
    /// The text that did not stand.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
}
impl_record!(Conflict);

impl Conflict {
    /// The id two devices give the same conflict.
    pub fn id_for(record: Uuid, field: TextField, text: &str) -> Uuid {
        let key = format!("conflict:{}:{}:{text}", record, field.key());
        Uuid::new_v5(&record, key.as_bytes())
    }

    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.text("text", "The kept text", &self.text);
        e.into_result()
    }
}
