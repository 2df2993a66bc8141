//! The mentoring agreement: generating the draft, editing it, signing,
//! amending.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::model::agreement::{self, AgreementError, AgreementVersion};
use crate::model::agreement_drift::Drift;
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

/// The text generated from the conversation and goals as they are now.
fn generated(doc: &MentorshipDoc) -> String {
    agreement_text::generate(&doc.mentorship, &doc.themes, &doc.goals)
}

/// Changes one live version (`None`: the latest), its party names first kept
/// in step with the mentorship. `needs` reads what the change needs from the
/// rest of the mentorship (only what it needs: typing calls this per key).
/// The first version both have signed makes a forming mentorship active.
fn change_version<N, T>(
    store: &Store,
    mentorship: Uuid,
    version: Option<Uuid>,
    needs: impl FnOnce(&MentorshipDoc) -> N,
    f: impl FnOnce(&mut AgreementVersion, N, DateTime<Utc>) -> Result<T, AgreementError>,
) -> ActionResult<T> {
    store
        .change(mentorship, |doc, now| {
            let needed = needs(doc);
            let id = version.or_else(|| agreement::current(&doc.agreements).map(|v| v.id()));
            let m = doc.mentorship.clone();
            let v = doc
                .agreements
                .iter_mut()
                .find(|v| Some(v.id()) == id && v.is_live())
                .ok_or(AgreementError::NothingToAmend)?;
            v.sync_parties(&m, now);
            let out = f(v, needed, now)?;
            if v.is_frozen() && doc.mentorship.status == Status::Forming {
                doc.mentorship.status = Status::Active;
                doc.mentorship.meta.touch(now);
            }
            Ok::<T, AgreementError>(out)
        })
        .ok_or_else(closed)?
        .map_err(ActionError::from)
}

/// Writes the draft from the conversation and goals: the first version, or
/// the current draft's text anew (a signed version is amended instead).
pub fn generate(store: &Store, mentorship: Uuid) -> ActionResult {
    let first = store
        .change(mentorship, |doc, now| {
            let first = agreement::current(&doc.agreements).is_none();
            if first {
                let draft = agreement::first_draft(&doc.mentorship, &doc.themes, &doc.goals, now);
                doc.agreements.push(draft);
            }
            first
        })
        .ok_or_else(closed)?;
    if first {
        return Ok(());
    }
    change_version(store, mentorship, None, generated, |v, text, now| v.rewrite(&text, &text, now))
}

/// What changed in the conversation and goals since `version` was written.
pub fn drift(doc: &MentorshipDoc, version: &AgreementVersion) -> Drift {
    version.drift(&generated(doc))
}

/// Brings a draft up to date with the conversation and goals, section by
/// section; returns the titles of the changed sections kept as the pair
/// edited them (for them to check).
pub fn bring_up_to_date(
    store: &Store,
    mentorship: Uuid,
    version: Uuid,
) -> ActionResult<Vec<String>> {
    change_version(store, mentorship, Some(version), generated, |v, text, now| {
        v.bring_up_to_date(&text, now)
    })
}

/// Replaces a draft's text (as it is typed).
pub fn edit(store: &Store, mentorship: Uuid, version: Uuid, body: &str) -> ActionResult {
    change_version(store, mentorship, Some(version), |_| (), |v, (), now| v.edit(body, now))
}

/// Signs for one partner with their typed full name.
pub fn sign(
    store: &Store,
    mentorship: Uuid,
    version: Uuid,
    side: Side,
    typed_name: &str,
) -> ActionResult {
    change_version(store, mentorship, Some(version), unsettled, |v, open, now| {
        v.sign(side, typed_name, &open, now)?;
        // Record the signer's own date (the signing instant is kept in UTC).
        let today = crate::browser::today();
        for sig in [&mut v.mentee_signature, &mut v.mentor_signature].into_iter().flatten() {
            if sig.signed_at == now {
                sig.signed_on = Some(today);
            }
        }
        Ok(())
    })
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
