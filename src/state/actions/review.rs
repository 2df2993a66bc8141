//! Check-ins ("is the relationship working as expected?") and the no-fault
//! conclusion: start, retrospective, close, reopen.

use uuid::Uuid;

use crate::browser;
use crate::model::checkin::CheckIn;
use crate::model::closing::{self, ConclusionError};
use crate::model::conclusion::Conclusion;
use crate::model::record::{self, Meta};
use crate::model::{validate, Side};
use crate::state::{ActionError, ActionResult, IfClosed, Store};

/// One side's check-in: a rating per question, whether it is working as
/// expected (`None` when not answered yet), and a comment.
pub fn add_checkin(
    store: &Store,
    m: Uuid,
    side: Side,
    ratings: Vec<u8>,
    working: Option<bool>,
    comment: &str,
) -> ActionResult {
    let working = working
        .ok_or_else(|| ActionError::field("working", "Say whether it is working as expected."))?;
    let now = browser::now();
    let c = CheckIn {
        meta: Meta::new(now),
        side,
        on: browser::today(),
        ratings,
        working,
        comment: comment.trim().to_string(),
    };
    c.validate()?;
    store
        .change(m, |doc, now| record::upsert(&mut doc.checkins, c, now))
        .ok_or_else(|| ActionError::refused("This mentorship is closed."))
}

pub fn start_conclusion(store: &Store, m: Uuid, by: Side) -> ActionResult {
    let today = browser::today();
    store
        .change(m, |doc, now| closing::start(doc, by, today, now))
        .unwrap_or(Err(ConclusionError::AlreadyClosed))?;
    Ok(())
}

/// Changes one part of the retrospective to `text` (as it is typed; a
/// paste longer than a text can hold is cut, see [`validate::fit_text`]).
pub fn edit_retrospective(
    store: &Store,
    m: Uuid,
    text: &str,
    write: impl FnOnce(&mut Conclusion, String),
) {
    store.change(m, |doc, now| {
        if let Some(c) = doc.conclusion.as_mut() {
            write(c, validate::fit_text(text));
            c.meta.touch(now);
        }
    });
}

pub fn close(store: &Store, m: Uuid) -> ActionResult {
    let today = browser::today();
    store
        .change(m, |doc, now| closing::close(doc, today, now))
        .unwrap_or(Err(ConclusionError::AlreadyClosed))?;
    Ok(())
}

pub fn reopen(store: &Store, m: Uuid) -> ActionResult {
    store
        .change_in(m, IfClosed::Allow, closing::reopen)
        .unwrap_or(Err(ConclusionError::NotClosed))?;
    Ok(())
}
