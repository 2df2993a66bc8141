//! The reactive store, provided to every view through context, and the named
//! actions that change it. An action changes the library in memory, marks the
//! mentorship it touched for saving, and the store persists it through
//! [`crate::storage`] (debounced, flushed when the page is hidden or closed).
//!
//! Views only read the store and call actions: the store's fields are private
//! to this module, so the compiler keeps that rule. Every action that can
//! fail returns an [`ActionError`].

pub mod actions;
mod badge;
mod current;
mod error;
mod lock;
mod store;
mod sync;

pub use current::{use_current, Current};
pub use error::{ActionError, ActionResult};
pub use lock::{use_lock, Lock};
use store::IfClosed;
pub use store::{use_store, StorageStatus, Store};

// The storage types views show (banners, the data page), so that views need
// not reach into `crate::storage`.
pub use crate::storage::backup::{Backup, ImportError};
pub use crate::storage::restore::{Outcome, Preview};
pub use crate::storage::{Problem, SaveError, Usage};
