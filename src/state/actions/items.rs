//! Action items: adding one (on the Action items page, or at a session as
//! part of its summary), editing or deleting it, ticking it done, moving its
//! due date.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::browser;
use crate::model::record::{self, Record};
use crate::model::task::ActionItem;
use crate::model::validate::{self, Errors};
use crate::model::Side;
use crate::state::{ActionError, ActionResult, Store};

/// An action item as its form gives it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ItemForm {
    pub text: String,
    pub owner: Side,
    /// As typed (`YYYY-MM-DD`), or blank.
    pub due: String,
    pub goal: Option<Uuid>,
    /// The session whose summary makes it, if any.
    pub session: Option<Uuid>,
}

impl ItemForm {
    /// The form filled from an item, to edit it.
    pub fn from_item(item: &ActionItem) -> ItemForm {
        ItemForm {
            text: item.text.clone(),
            owner: item.owner,
            due: item.due.map(|d| d.to_string()).unwrap_or_default(),
            goal: item.goal,
            session: item.session,
        }
    }

    /// Checks the form: the due date it gives, or what to fix.
    fn due(&self) -> ActionResult<Option<NaiveDate>> {
        let mut e = Errors::default();
        let due = validate::parse_optional_date(&mut e, "due", "The due date", &self.due);
        e.into_result()?;
        Ok(due)
    }
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
pub fn add(store: &Store, m: Uuid, form: &ItemForm) -> ActionResult<Uuid> {
    let due = form.due()?;
    let mut item = ActionItem::new(&form.text, form.owner, due, browser::now());
    item.goal = form.goal;
    item.session = form.session;
    item.validate()?;
    let id = item.id();
    store.change(m, |doc, now| record::upsert(&mut doc.actions, item, now)).ok_or_else(gone)?;
    Ok(id)
}

/// Saves an edited item: what, who, by when (a moved due date is kept in its
/// history), which goal.
pub fn update(store: &Store, m: Uuid, i: Uuid, form: &ItemForm) -> ActionResult {
    let due = form.due()?;
    let today = browser::today();
    with_item(store, m, i, |item| -> ActionResult {
        let mut edited = item.clone();
        edited.text = validate::normalize(&form.text);
        edited.owner = form.owner;
        edited.goal = form.goal;
        edited.change_due(due, today);
        edited.validate()?;
        *item = edited;
        Ok(())
    })
    .ok_or_else(gone)?
}

/// Deletes an item (a mistake, a duplicate).
pub fn delete(store: &Store, m: Uuid, i: Uuid) {
    store.change(m, |doc, now| record::remove(&mut doc.actions, i, now));
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
