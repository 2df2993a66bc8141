//! The header value (`<namespace>meta`): that the store is Tandem's, in which
//! layout, its epoch and which generation of keys is live. Replacing or
//! deleting everything writes a new copy beside the old and then switches
//! this one small value, so a crash leaves one whole library or the other.

use serde::{Deserialize, Serialize};

use crate::storage::envelope::{ReadError, Storable};
use crate::storage::{doc_code, SaveError};

pub(super) const FORMAT: &str = "tandem";

/// The key layout this app reads and writes: 1 for keys without a
/// generation (generation 0, as every app before generations wrote them), 2
/// when the keys carry their generation. Older apps read 2 as newer and
/// leave it alone instead of writing keys this app would not look at.
pub(super) const LAYOUT: u32 = 2;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Header {
    pub format: String,
    /// The layout (see [`LAYOUT`]); named `schema` since layout 1.
    pub schema: u32,
    /// Changes whenever everything is deleted or replaced.
    pub epoch: String,
    /// The live generation: the one whose keys hold the library.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub generation: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Header {
    pub fn new(epoch: String, generation: u64) -> Header {
        let schema = if generation == 0 { 1 } else { LAYOUT };
        Header { format: FORMAT.into(), schema, epoch, generation }
    }
}

/// What the stored header says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Stored {
    /// No header: a new store, or one written before headers were.
    Missing,
    /// There is one, and the code that reads it has not arrived yet
    /// ([`doc_code`]): nothing is known of it.
    NotReady,
    /// Not Tandem's header, or damaged.
    Unreadable,
    /// Written by a newer app in a layout this one does not know.
    Newer(u32),
    Current(Header),
}

/// What a stored header (if any) says; read through [`doc_code`].
pub(super) fn read(raw: Option<&str>) -> Stored {
    let Some(raw) = raw else {
        return Stored::Missing;
    };
    match doc_code::get() {
        Some(code) => (code.read_header)(raw),
        None => Stored::NotReady,
    }
}

/// What a header's text says (the JSON reader is in [`doc_code`]'s chunk).
pub(crate) fn parse(raw: &str) -> Stored {
    match serde_json::from_str::<Header>(raw) {
        Ok(h) if h.format == FORMAT && h.schema > LAYOUT => Stored::Newer(h.schema),
        Ok(h) if h.format == FORMAT => Stored::Current(h),
        _ => Stored::Unreadable,
    }
}

impl Stored {
    /// The epoch, if the header is readable.
    pub fn epoch(&self) -> Option<&str> {
        match self {
            Stored::Current(h) => Some(&h.epoch),
            _ => None,
        }
    }
}

impl Storable for Header {
    fn encode(&self) -> Result<String, SaveError> {
        Ok((doc_code::get().ok_or(SaveError::NotReady)?.write_header)(self))
    }

    fn decode(raw: &str) -> Result<Self, ReadError> {
        match read(Some(raw)) {
            Stored::Current(header) => Ok(header),
            Stored::NotReady => Err(ReadError::NotReady),
            _ => Err(ReadError::Corrupt("it is not a header this version writes".into())),
        }
    }
}
