//! The mentoring agreement: generating the draft, editing it, signing,
//! amending.

use uuid::Uuid;

use crate::model::agreement::{self, AgreementError};
use crate::model::agreement_text;
use crate::model::expectations;
use crate::model::mentorship::Status;
use crate::model::record::{self, Record};
use crate::model::{MentorshipDoc, Side};
use crate::state::{ActionError, ActionResult, Store};

fn closed() -> ActionError {
    ActionError::refused("This mentorship is closed.")
}

/// Themes not settled yet, by title.
pub fn unsettled(doc: &MentorshipDoc) -> Vec<String> {
    expectations::unsettled(&expectations::all_themes(doc.id(), &doc.themes))
}

/// Writes the draft from the conversation and goals: the first version, or
/// the current draft's text anew (a signed version is amended instead).
pub fn generate(store: &Store, mentorship: Uuid) -> ActionResult {
    store
        .change(mentorship, |doc, now| {
            let text = agreement_text::generate(&doc.mentorship, &doc.themes, &doc.goals);
            let current = agreement::current(&doc.agreements).map(|v| v.id());
            match current {
                None => {
                    let draft =
                        agreement::first_draft(&doc.mentorship, &doc.themes, &doc.goals, now);
                    doc.agreements.push(draft);
                    Ok(())
                }
                Some(id) => {
                    let m = doc.mentorship.clone();
                    let v = doc
                        .agreements
                        .iter_mut()
                        .find(|v| v.id() == id)
                        .ok_or(AgreementError::NothingToAmend)?;
                    v.sync_parties(&m, now);
                    v.edit(&text, now)
                }
            }
        })
        .ok_or_else(closed)?
        .map_err(ActionError::from)
}

/// Replaces a draft's text (as it is typed).
pub fn edit(store: &Store, mentorship: Uuid, version: Uuid, body: &str) -> ActionResult {
    store
        .change(mentorship, |doc, now| {
            let v = doc
                .agreements
                .iter_mut()
                .find(|v| v.id() == version && v.is_live())
                .ok_or(AgreementError::NothingToAmend)?;
            v.edit(body, now)
        })
        .ok_or_else(closed)?
        .map_err(ActionError::from)
}

/// Signs for one partner with their typed full name. The first agreement
/// both have signed makes a forming mentorship active.
pub fn sign(
    store: &Store,
    mentorship: Uuid,
    version: Uuid,
    side: Side,
    typed_name: &str,
) -> ActionResult {
    store
        .change(mentorship, |doc, now| {
            let open = unsettled(doc);
            let m = doc.mentorship.clone();
            let v = doc
                .agreements
                .iter_mut()
                .find(|v| v.id() == version && v.is_live())
                .ok_or(AgreementError::NothingToAmend)?;
            v.sync_parties(&m, now);
            v.sign(side, typed_name, &open, now)?;
            // Record the signer's own date (the signing instant is kept in UTC).
            let today = crate::browser::today();
            for sig in [&mut v.mentee_signature, &mut v.mentor_signature].into_iter().flatten() {
                if sig.signed_at == now {
                    sig.signed_on = Some(today);
                }
            }
            if v.is_frozen() && doc.mentorship.status == Status::Forming {
                doc.mentorship.status = Status::Active;
                doc.mentorship.meta.touch(now);
            }
            Ok::<_, AgreementError>(())
        })
        .ok_or_else(closed)?
        .map_err(ActionError::from)
}

/// Starts an amendment of the signed agreement: version N+1 as a draft.
pub fn amend(store: &Store, mentorship: Uuid, note: &str) -> ActionResult<Uuid> {
    store
        .change(mentorship, |doc, now| {
            let current =
                agreement::current(&doc.agreements).ok_or(AgreementError::NothingToAmend)?;
            let next = agreement::amend(current, &doc.mentorship, note, now)?;
            let id = next.id();
            record::upsert(&mut doc.agreements, next, now);
            Ok::<_, AgreementError>(id)
        })
        .ok_or_else(closed)?
        .map_err(ActionError::from)
}
