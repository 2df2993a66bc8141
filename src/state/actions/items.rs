//! Action items: adding one (on the Action items page, or at a session as
//! part of its summary), ticking it done, moving its due date.

use uuid::Uuid;

use crate::browser;
use crate::model::record::{self, Record};
use crate::model::task::ActionItem;
use crate::model::validate::{self, Errors};
use crate::model::Side;
use crate::state::{ActionError, ActionResult, Store};

/// A new action item as its form gives it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewItem {
    pub text: String,
    pub owner: Side,
    /// As typed (`YYYY-MM-DD`), or blank.
    pub due: String,
    pub goal: Option<Uuid>,
    /// The session whose summary makes it, if any.
    pub session: Option<Uuid>,
}

fn gone() -> ActionError {
    ActionError::refused("This mentorship is closed, or the action item no longer exists.")
}

fn with_item<R>(
    store: &Store,
    m: Uuid,
    i: Uuid,
    f: impl FnOnce(&mut ActionItem) -> R,
) -> Option<R> {
    store.change_record(m, |d| &mut d.actions, i, |item, _| f(item))
}

/// Adds an action item.
pub fn add(store: &Store, m: Uuid, new: &NewItem) -> ActionResult<Uuid> {
    let mut e = Errors::default();
    let due = validate::parse_optional_date(&mut e, "due", "The due date", &new.due);
    let mut item = ActionItem::new(&new.text, new.owner, due, browser::now());
    item.goal = new.goal;
    item.session = new.session;
    if let Err(mut more) = item.validate() {
        e.0.append(&mut more);
    }
    e.into_result()?;
    let id = item.id();
    store.change(m, |doc, now| record::upsert(&mut doc.actions, item, now)).ok_or_else(gone)?;
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
pub fn change_due(store: &Store, m: Uuid, i: Uuid, due: &str) -> ActionResult {
    let mut e = Errors::default();
    let to = validate::parse_optional_date(&mut e, "due", "The due date", due);
    e.into_result()?;
    let today = browser::today();
    with_item(store, m, i, |item| item.change_due(to, today)).ok_or_else(gone)
}
