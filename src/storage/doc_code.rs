//! The code that reads stored mentorships and the profile back: serde's
//! readers for the whole model, the migrations of older schemas and the
//! model's checks. That is a third of the app's code, and a first visit
//! needs none of it: nothing is stored yet.
//!
//! With the `split` feature it is a chunk of its own (a `#[lazy]` function,
//! cut out by `scripts/split.mjs`). When something is stored, the app starts
//! once it has arrived ([`needed_at_start`], `app::mount`); on a first visit
//! the app starts at once and it arrives just after. Until it has, the store
//! saves nothing and holds other tabs' changes back ([`loaded`],
//! `state::store`), then catches up. Without the feature (tests) it is there
//! from the start.

use std::sync::OnceLock;

use super::envelope::{read_envelope, ReadError};
use crate::model::validate::FieldError;
use crate::model::{profile::Profile, MentorshipDoc};

/// What reads stored values: function pointers into the chunk.
pub struct Readers {
    /// A stored mentorship, migrated.
    pub doc: fn(&str) -> Result<MentorshipDoc, ReadError>,
    /// Puts right what an older version (or another tab) may have stored,
    /// as an import does (see `model::integrity`).
    pub normalize_doc: fn(&mut MentorshipDoc),
    /// The model's checks on a mentorship.
    pub check_doc: fn(&MentorshipDoc) -> Result<(), Vec<FieldError>>,
    /// The stored profile, migrated.
    pub profile: fn(&str) -> Result<Profile, ReadError>,
}

static READERS: OnceLock<Readers> = OnceLock::new();

/// The readers (made here, so that their code goes where this function
/// goes).
#[cfg_attr(feature = "split", leptos::lazy)]
fn make() -> Readers {
    Readers {
        doc: |raw| read_envelope(raw, "doc"),
        normalize_doc: MentorshipDoc::normalize,
        check_doc: MentorshipDoc::validate,
        profile: |raw| read_envelope(raw, "profile"),
    }
}

/// The readers, if they have arrived.
pub fn readers() -> Option<&'static Readers> {
    #[cfg(not(feature = "split"))]
    return Some(READERS.get_or_init(make));
    #[cfg(feature = "split")]
    READERS.get()
}

/// Whether stored values can be read now.
pub fn loaded() -> bool {
    readers().is_some()
}

/// Waits until stored values can be read (fetching their code the first
/// time; a fetch that fails is tried again until it succeeds).
pub async fn wait() {
    #[cfg(feature = "split")]
    if READERS.get().is_none() {
        let made = make().await;
        let _ = READERS.set(made);
    }
}

/// Whether the app should wait for the readers before it starts: anything
/// at all is stored for this origin (a library, a lock, another app's keys:
/// reading the length is all it takes, and waiting costs little then, since
/// a returning visitor's service worker has the chunk).
pub fn needed_at_start() -> bool {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.length().ok())
        .is_some_and(|n| n > 0)
}
