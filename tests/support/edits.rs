//! Edits a copy of a mentorship goes through, for the property tests that
//! merge copies (`tests/merge.rs`, `tests/backup.rs`): each generated, each
//! applied with a tag naming the copy, so a test can tell whose change
//! survived. Native only (proptest is not built for wasm).

use chrono::Duration;
use proptest::prelude::*;
use tandem::model::record::{self, Record};
use tandem::model::task::ActionItem;
use tandem::model::{MentorshipDoc, Side};
use uuid::Uuid;

use super::now;

#[derive(Clone, Debug)]
pub enum Op {
    Edit { item: usize, at: i64 },
    Delete { item: usize, at: i64 },
    Add { at: i64 },
    RetitleSession { session: usize, at: i64 },
}

pub fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0usize..8, 1i64..500).prop_map(|(item, at)| Op::Edit { item, at }),
        (0usize..8, 1i64..500).prop_map(|(item, at)| Op::Delete { item, at }),
        (1i64..500).prop_map(|at| Op::Add { at }),
        (0usize..4, 1i64..500).prop_map(|(session, at)| Op::RetitleSession { session, at }),
    ]
}

/// Applies a copy's edits to its action items and sessions (those it had
/// before the edits); every edit is tagged with `who`.
pub fn apply(doc: &mut MentorshipDoc, ops: &[Op], who: &str) {
    let ids: Vec<Uuid> = doc.actions.iter().map(|i| i.id()).collect();
    let sessions: Vec<Uuid> = doc.sessions.iter().map(|s| s.id()).collect();
    let at = |seconds: &i64| now() + Duration::seconds(*seconds);
    for (n, op) in ops.iter().enumerate() {
        match op {
            Op::Edit { item, at: t } => {
                let id = ids[item % ids.len()];
                record::update(&mut doc.actions, id, at(t), |i| i.text = format!("{who} edit {n}"));
            }
            Op::Delete { item, at: t } => {
                record::remove(&mut doc.actions, ids[item % ids.len()], at(t));
            }
            Op::Add { at: t } => {
                let mut item =
                    ActionItem::new(&format!("{who} added {n}"), Side::Mentee, None, at(t));
                item.meta.id = Uuid::new_v4();
                doc.actions.push(item);
            }
            Op::RetitleSession { session, at: t } => {
                let id = sessions[session % sessions.len()];
                record::update(&mut doc.sessions, id, at(t), |s| {
                    s.topic = format!("{who} topic {n}")
                });
            }
        }
    }
}
