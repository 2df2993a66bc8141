//! The only code that touches `localStorage`. Everything above it — state,
//! pages — sees a [`Repository`] over a [`Backend`], never the browser API.
//!
//! # Layout
//!
//! Every key starts with the deployment's prefix ([`keys::Namespace`]):
//! `tandem.` at the site's root, `tandem:/app/.` under `/app/`, so two
//! deployments on one origin never read, write or delete each other's data.
//! Below, `<p>` is that prefix.
//!
//! | key                   | value |
//! | --------------------- | ----- |
//! | `<p>meta`             | the header: JSON `{"format":"tandem","schema":2,"epoch":"<uuid>","generation":<n>}` |
//! | `<p>g<n>.profile`     | `{"schema":1,"profile":{…}}`, packed (see [`codec`]) |
//! | `<p>g<n>.m.<uuid>`    | `{"schema":1,"doc":{…}}`: one mentorship and everything in it, packed |
//! | `<p>probe`            | written and removed at start to test that storage works |
//! | `<p>device`           | this device's exchange bookkeeping (its id, who it heard from, what it sent: `model::exchange::device`), packed; outside the generations, never in a backup |
//!
//! The library lives in the keys of one *generation*, the one the header
//! names. Generation 0 has no `g0.` marker — `tandem.profile`,
//! `tandem.m.<uuid>` — so data written before generations existed is
//! generation 0 as it is, with a header of `"schema":1` and no
//! `"generation"`. The header's `schema` is the key layout (1: generation 0
//! only; 2: keys carry their generation), so an older app finding 2 leaves
//! the data alone instead of writing keys this one would not read.
//! The documents' own `schema` is the one of [`migrate`].
//!
//! One key per mentorship keeps a save small (one edit rewrites one
//! mentorship, not everything) and lets two tabs merge by record.
//!
//! # Safety rules
//! - A value that cannot be read (not ours, damaged, truncated) or that
//!   fails the model's checks (`MentorshipDoc::validate`) is never
//!   overwritten: the app starts without it, says so, and offers the raw
//!   value for download. Only the person can discard it.
//! - A value from a newer schema is left alone (see [`migrate`]).
//! - Each `setItem` replaces a value whole or fails leaving the old one.
//!   Before a value is written, its stored form is decoded and compared with
//!   what is meant to be saved; after, it is read back and compared. A save
//!   that fails (quota, private mode) leaves the data in memory and is
//!   retried with the next change.
//! - Saves merge with what is stored (another tab may have written since):
//!   record by record, see [`crate::model::record`].
//! - Replacing or deleting everything is all or nothing: the new library is
//!   written under a new generation's keys, then the header is switched to
//!   it in one write, then the old generation is removed. A crash leaves the
//!   old library or the new one, whole; the next start removes what the
//!   other generation left behind.
//! - The `epoch` changes when everything is deleted or replaced, so other tabs
//!   reload instead of writing their stale copy back.
//!
//! `gloo-storage` is not used: its `raw()` panics when storage is blocked,
//! and hiding storage errors is exactly what this module must not do.

pub mod backup;
pub mod codec;
pub(crate) mod doc_code;
mod envelope;
pub mod json_indent;
pub mod keys;
pub mod memory;
pub mod migrate;
pub mod persist;
pub mod repository;
pub mod restore;
mod status;
pub mod vault;
pub mod web;

pub use envelope::encode_doc;
pub use keys::Namespace;
pub use repository::Repository;
pub use status::{External, Loaded, Problem, ReplaceError, SaveError, Usage};

/// Why the browser refused a storage operation.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    /// No storage at all (disabled, blocked, some private modes).
    #[error("browser storage is unavailable ({0})")]
    Unavailable(String),
    /// `QuotaExceededError`: the browser's storage for this site is full.
    #[error("browser storage for this site is full")]
    QuotaExceeded,
    #[error("browser storage failed ({0})")]
    Other(String),
}

/// A key–value store with `localStorage`'s semantics.
pub trait Backend {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    fn remove(&self, key: &str) -> Result<(), StorageError>;
    fn keys(&self) -> Result<Vec<String>, StorageError>;
}

/// Roughly what browsers allow per site, in UTF-16 code units (Chromium
/// 5,242,880; Firefox 5 MiB): the ceiling Tandem plans with.
pub const QUOTA: usize = 5_000_000;

/// The share of [`QUOTA`] at which Tandem warns.
pub const WARN_AT_PERCENT: usize = 80;

impl Backend for Box<dyn Backend> {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        (**self).get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        (**self).set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StorageError> {
        (**self).remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StorageError> {
        (**self).keys()
    }
}
