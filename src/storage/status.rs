//! What storage reports: problems found at load, why a save did not happen,
//! what another tab's change means here, how much space is used.

use super::{StorageError, WARN_AT_PERCENT};
use crate::model::{profile::Profile, Library, MentorshipDoc};
use uuid::Uuid;

/// Something wrong found while loading; each becomes a visible warning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Storage cannot be used at all: the app runs from memory only.
    Unavailable(String),
    /// Storage is full: nothing new can be saved until space is freed.
    Full,
    /// A stored value could not be read. It is kept as it is.
    Corrupt { key: String, what: String, reason: String },
    /// A stored value is from a newer version of Tandem. It is kept as it is.
    Newer { key: String, what: String, version: u32 },
}

impl Problem {
    pub fn message(&self) -> String {
        match self {
            Problem::Unavailable(why) => format!(
                "This browser is not letting Tandem save anything ({why}). You can keep working, but your changes live only in this tab: download a backup before you close it."
            ),
            Problem::Full => "This browser's storage for Tandem is full. New changes stay in this tab only: download a backup, then free space (delete what you no longer need).".into(),
            Problem::Corrupt { what, reason, .. } => format!(
                "Stored data for {what} could not be read ({reason}). It has been left untouched; download it to keep a copy."
            ),
            Problem::Newer { what, version, .. } => format!(
                "Stored data for {what} was saved by a newer version of Tandem (data version {version}). It has been left untouched: reload to update the app."
            ),
        }
    }

    /// The stored key this problem is about, if any.
    pub fn key(&self) -> Option<&str> {
        match self {
            Problem::Corrupt { key, .. } | Problem::Newer { key, .. } => Some(key),
            _ => None,
        }
    }
}

/// What was read at start.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    pub library: Library,
    pub problems: Vec<Problem>,
    /// Storage could not be read, or not all of it: the library is not what
    /// is stored (it may be empty for that reason).
    pub unreadable: bool,
    /// Values left unread because the code that reads them had not arrived
    /// yet (`storage::doc_code`): read them once it has.
    pub not_ready: bool,
}

/// Why a save did not happen. The data stays in memory in every case.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SaveError {
    #[error("storage is unavailable ({0})")]
    Unavailable(String),
    #[error("storage is full")]
    Full,
    /// The stored value is unreadable or newer: it must not be overwritten.
    #[error("the stored copy is unreadable or newer and was left untouched")]
    Protected,
    /// Everything was deleted or replaced in another tab: reload first.
    #[error("the data was deleted or replaced in another tab")]
    EpochChanged,
    /// The stored data is from a newer version: this app only reads it.
    #[error("the stored data is from a newer version of Tandem (data version {0})")]
    ReadOnly(u32),
    #[error("{0}")]
    Failed(String),
    /// The code that reads stored values back (and checks a save) has not
    /// arrived yet (`storage::doc_code`): the save waits for it.
    #[error("Tandem is still starting; it saves in a moment")]
    NotReady,
}

impl From<StorageError> for SaveError {
    fn from(e: StorageError) -> Self {
        match e {
            StorageError::QuotaExceeded => SaveError::Full,
            StorageError::Unavailable(why) => SaveError::Unavailable(why),
            StorageError::Other(why) => SaveError::Failed(why),
        }
    }
}

/// Why replacing everything with a backup did not happen, or may not have.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReplaceError {
    /// It failed before the switch to the new copy: what was stored is
    /// exactly as it was.
    #[error(transparent)]
    NotReplaced(SaveError),
    /// The switch itself failed and storage could not be read to tell
    /// whether it happened: either the old or the new library is stored,
    /// whole.
    #[error(transparent)]
    Unknown(SaveError),
}

/// What a change made in another tab means here.
#[derive(Clone, Debug, PartialEq)]
pub enum External {
    Doc(Box<MentorshipDoc>),
    DocRemoved(Uuid),
    Profile(Profile),
    /// Everything was deleted or replaced: load again from storage.
    Reload,
    Unreadable(Problem),
    Ignored,
}

/// How much of the quota is used, in UTF-16 code units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    pub used: usize,
    pub quota: usize,
}

impl Usage {
    pub fn percent(&self) -> usize {
        (self.used * 100).checked_div(self.quota).unwrap_or(0)
    }

    pub fn is_high(&self) -> bool {
        self.percent() >= WARN_AT_PERCENT
    }
}
