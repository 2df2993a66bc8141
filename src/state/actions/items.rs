//! Action items on their own (those made at a session are added there).

use uuid::Uuid;

use crate::browser;
use crate::model::record::{self, Record};
use crate::model::task::ActionItem;
use crate::model::validate::{self, Errors, FieldError};
use crate::model::Side;
use crate::state::Store;

fn with_item<R>(
    store: &Store,
    m: Uuid,
    i: Uuid,
    f: impl FnOnce(&mut ActionItem) -> R,
) -> Option<R> {
    store
        .change(m, |doc, now| {
            let item = doc.actions.iter_mut().find(|x| x.id() == i && x.is_live())?;
            let out = f(item);
            item.meta.touch(now);
            Some(out)
        })
        .flatten()
}

pub fn add(
    store: &Store,
    m: Uuid,
    text: &str,
    owner: Side,
    due: &str,
    goal: Option<Uuid>,
) -> Result<Uuid, Vec<FieldError>> {
    let mut e = Errors::default();
    let due = validate::parse_optional_date(&mut e, "due", "The due date", due);
    let mut item = ActionItem::new(text, owner, due, browser::now());
    item.goal = goal;
    if let Err(mut more) = item.validate() {
        e.0.append(&mut more);
    }
    e.into_result()?;
    let id = item.id();
    store
        .change(m, |doc, now| record::upsert(&mut doc.actions, item, now))
        .ok_or_else(|| vec![FieldError::new("text", "This mentorship is closed.")])?;
    Ok(id)
}

/// One click: done today (or open again).
pub fn toggle_done(store: &Store, m: Uuid, i: Uuid) {
    let today = browser::today();
    with_item(
        store,
        m,
        i,
        |item| {
            if item.is_done() {
                item.reopen()
            } else {
                item.mark_done(today)
            }
        },
    );
}

/// Moves the due date, keeping the change.
pub fn change_due(store: &Store, m: Uuid, i: Uuid, due: &str) -> Result<(), Vec<FieldError>> {
    let mut e = Errors::default();
    let to = validate::parse_optional_date(&mut e, "due", "The due date", due);
    e.into_result()?;
    let today = browser::today();
    with_item(store, m, i, |item| item.change_due(to, today))
        .ok_or_else(|| vec![FieldError::new("due", "This item can no longer change.")])
}

pub fn drop_item(store: &Store, m: Uuid, i: Uuid, reason: &str) {
    let today = browser::today();
    with_item(store, m, i, |item| item.drop_with(reason, today));
}

pub fn delete(store: &Store, m: Uuid, i: Uuid) {
    store.change(m, |doc, now| record::remove(&mut doc.actions, i, now));
}
