//! The code that reads stored mentorships and the profile back, writes
//! them, and merges two versions of a mentorship: serde for the whole
//! model, the migrations of older schemas, the model's checks and its
//! merges. That is a third of the app's code, and a first visit needs none
//! of it before its first change: nothing is stored yet.
//!
//! With the `split` feature it is a chunk of its own (a `#[lazy]` function,
//! cut out by `scripts/split.mjs`). When something is stored, the app starts
//! once it has arrived ([`needed_at_start`], `app::mount`); on a first visit
//! the app starts at once and it arrives just after. Until it has, the store
//! saves nothing and holds other tabs' changes back ([`loaded`],
//! `state::store`), then catches up. Without the feature (tests) it is there
//! from the start.

use std::sync::OnceLock;

use chrono::{DateTime, Utc};

use super::envelope::{read_envelope, ReadError};
use super::repository::header::{Header, Stored};
use super::vault::{KeyRecord, LockSettings, VaultError};
use crate::model::exchange::DeviceState;
use crate::model::validate::FieldError;
use crate::model::{profile::Profile, Library, MentorshipDoc};

/// What reads, writes and merges stored values: function pointers into
/// the chunk.
pub struct DocCode {
    /// A stored mentorship, migrated.
    pub read_doc: fn(&str) -> Result<MentorshipDoc, ReadError>,
    /// Puts right what an older version (or another tab) may have stored,
    /// as an import does (see `model::integrity`).
    pub normalize_doc: fn(&mut MentorshipDoc),
    /// The model's checks on a mentorship.
    pub check_doc: fn(&MentorshipDoc) -> Result<(), Vec<FieldError>>,
    /// The stored profile, migrated.
    pub read_profile: fn(&str) -> Result<Profile, ReadError>,
    /// The stored form of a mentorship.
    pub write_doc: fn(&MentorshipDoc) -> String,
    /// The stored form of the profile.
    pub write_profile: fn(&Profile) -> String,
    /// Two versions of a mentorship merged record by record
    /// (`MentorshipDoc::merge`).
    pub merge_doc: fn(&MentorshipDoc, &MentorshipDoc) -> MentorshipDoc,
    /// A mentorship merged into a library (`Library::merge_doc`).
    pub merge_into: fn(&mut Library, MentorshipDoc),
    /// The later of two versions of the profile (`record::winner`).
    pub merge_profile: fn(&Profile, &Profile) -> Profile,
    /// This device's exchange bookkeeping, from its JSON.
    pub read_device: fn(&str) -> Option<DeviceState>,
    /// What the storage header says (`repository::header`).
    pub read_header: fn(&str) -> Stored,
    /// The stored form of a storage header.
    pub write_header: fn(&Header) -> String,
    /// The lock's record (`vault::KeyRecord::parse`).
    pub read_key_record: fn(&str) -> Result<KeyRecord, VaultError>,
    /// The lock's settings (`vault::LockSettings::parse`).
    pub read_lock_settings: fn(&str) -> LockSettings,
    /// The stored form of the lock's settings.
    pub write_lock_settings: fn(&LockSettings) -> String,
    /// A backup file of a library (`storage::backup::export`).
    pub write_backup: fn(&Library, DateTime<Utc>) -> String,
}

static CODE: OnceLock<DocCode> = OnceLock::new();

/// The code (made here, so that everything it points to goes where this
/// function goes).
#[cfg_attr(feature = "split", leptos::lazy)]
fn make() -> DocCode {
    DocCode {
        read_doc: |raw| read_envelope(raw, "doc"),
        normalize_doc: MentorshipDoc::normalize,
        check_doc: MentorshipDoc::validate,
        read_profile: |raw| read_envelope(raw, "profile"),
        write_doc: super::envelope::encode_doc,
        write_profile: super::envelope::encode_profile,
        merge_doc: MentorshipDoc::merge,
        merge_into: Library::merge_doc,
        merge_profile: |ours, theirs| crate::model::record::winner(ours, theirs).clone(),
        read_device: |json| serde_json::from_str(json).ok(),
        read_header: super::repository::header::parse,
        write_header: |header| serde_json::to_string(header).unwrap_or_default(),
        read_key_record: KeyRecord::parse,
        read_lock_settings: LockSettings::parse,
        write_lock_settings: LockSettings::to_json,
        write_backup: super::backup::export,
    }
}

/// The code, if it has arrived.
pub fn get() -> Option<&'static DocCode> {
    #[cfg(not(feature = "split"))]
    return Some(CODE.get_or_init(make));
    #[cfg(feature = "split")]
    CODE.get()
}

/// Whether stored values can be read and written now.
pub fn loaded() -> bool {
    get().is_some()
}

/// Waits until stored values can be read and written (fetching their code
/// the first time; a fetch that fails is tried again until it succeeds).
pub async fn wait() {
    #[cfg(feature = "split")]
    if CODE.get().is_none() {
        let made = make().await;
        let _ = CODE.set(made);
    }
}

/// Whether the app should wait for this code before it starts: anything at
/// all is stored for this origin (a library, a lock, another app's keys:
/// reading the length is all it takes, and waiting costs little then, since
/// a returning visitor's service worker has the chunk).
pub fn needed_at_start() -> bool {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.length().ok())
        .is_some_and(|n| n > 0)
}
