//! Creating, editing and deleting mentorships.

use leptos::prelude::*;
use uuid::Uuid;

use crate::browser;
use crate::model::mentorship::{Mentorship, MentorshipForm};
use crate::model::{MentorshipDoc, Meta, Side};
use crate::state::{ActionError, ActionResult, Store};

/// Creates a mentorship from the form; remembers this person's name for next time.
pub fn create(store: &Store, form: &MentorshipForm) -> ActionResult<Uuid> {
    let now = browser::now();
    let mut mentorship = Mentorship { meta: Meta::new(now), ..Default::default() };
    form.apply(&mut mentorship, now)?;
    let my_name = mentorship.name(form.my_role).to_string();
    let id = mentorship.meta.id;
    store.insert(MentorshipDoc::new(mentorship));
    if store.library.with_untracked(|lib| lib.profile.name != my_name) {
        store.change_profile(|p, now| {
            p.name = my_name;
            p.meta.touch(now);
        });
    }
    Ok(id)
}

/// Saves the edit form of an existing mentorship.
pub fn update(store: &Store, id: Uuid, form: &MentorshipForm) -> ActionResult {
    store
        .change(id, |doc, now| {
            form.apply(&mut doc.mentorship, now)?;
            let m = doc.mentorship.clone();
            for version in &mut doc.agreements {
                version.sync_parties(&m, now);
            }
            Ok(())
        })
        .unwrap_or_else(|| {
            Err(ActionError::refused("This mentorship is closed or no longer exists."))
        })
}

/// Deletes a mentorship and everything in it from this device, and says so
/// on the page the person lands on.
pub fn delete(store: &Store, id: Uuid) {
    let Some(title) = store.doc_untracked(id).map(|d| d.mentorship.title()) else {
        return;
    };
    store.delete(id);
    // What was exchanged about it goes too (best effort: it is only
    // bookkeeping, and a later bundle would be whole).
    if store.exchanged.with_untracked(|set| set.contains(&id)) {
        let _ = store.change_device(|d| d.forget(id));
    }
    store.set_notice(Some(format!("“{title}” was deleted from this device.")));
}

/// A blank form for a new mentorship, with this person's name pre-filled.
pub fn new_form(store: &Store) -> MentorshipForm {
    let name = store.library.with_untracked(|lib| lib.profile.name.clone());
    MentorshipForm {
        mentee: name,
        my_role: Side::Mentee,
        start_date: browser::today().to_string(),
        ..Default::default()
    }
}
