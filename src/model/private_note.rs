//! Private notes: written by and for the person using this device. They are in
//! this device's storage and its full backup, and never in anything shared
//! with the partner (agenda, summary, calendar, agreement).
//!
//! # Whose note
//! Each note keeps the side of the person who wrote it (`owner`). A backup
//! restored on the partner's device, or two devices of one pair kept in
//! step, can bring the other side's notes along: a device shows only the
//! notes of its own side (the mentorship's `my_role`), so the partner's note
//! is never shown as mine. A note written before notes kept their owner
//! belongs to the mentorship's `my_role` at the time it is read (on the
//! device that wrote it, that is its writer); it gets its owner for good the
//! next time it is written.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::record::{impl_record, Meta, Record};
use super::side::Side;
use super::validate::{Errors, FieldError};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PrivateNote {
    pub meta: Meta,
    /// The session it is about, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<Uuid>,
    pub text: String,
    /// The side of the person who wrote it (absent in notes written before
    /// it was kept: see the module doc).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Side>,
}
impl_record!(PrivateNote);

impl PrivateNote {
    /// Whose note it is, on a device used by `my_role`.
    pub fn owner(&self, my_role: Side) -> Side {
        self.owner.unwrap_or(my_role)
    }

    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.text("text", "The note", &self.text);
        e.into_result()
    }
}

/// The live note of the person on `my_role` about `session`, if any.
pub fn mine(notes: &[PrivateNote], session: Uuid, my_role: Side) -> Option<&PrivateNote> {
    notes.iter().find(|n| n.is_live() && n.session == Some(session) && n.owner(my_role) == my_role)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_support::now;

    fn note(owner: Option<Side>, text: &str) -> PrivateNote {
        let session = Some(Uuid::from_u128(7));
        PrivateNote { meta: Meta::new(now()), session, text: text.into(), owner }
    }

    #[test]
    fn only_the_notes_of_this_devices_side_are_mine() {
        let notes = [note(Some(Side::Mentor), "the mentor's"), note(None, "written before")];
        let s = Uuid::from_u128(7);
        assert_eq!(mine(&notes, s, Side::Mentee).map(|n| n.text.as_str()), Some("written before"));
        assert_eq!(mine(&notes, s, Side::Mentor).map(|n| n.text.as_str()), Some("the mentor's"));
        assert_eq!(mine(&notes[..1], s, Side::Mentee), None, "the partner's note is not mine");
        let old: PrivateNote =
            serde_json::from_str(r#"{"meta":{"id":"00000000-0000-0000-0000-000000000001","created_at":"2026-03-01T10:00:00Z","updated_at":"2026-03-01T10:00:00Z"},"text":"x"}"#)
                .expect("a note from before owners loads");
        assert_eq!(old.owner(Side::Mentor), Side::Mentor);
    }
}
