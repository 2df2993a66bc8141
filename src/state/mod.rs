//! The reactive store, provided to every view through context, and the named
//! actions that change it. An action changes the library in memory, marks the
//! mentorship it touched for saving, and the store persists it through
//! [`crate::storage`] (debounced, flushed when the page is hidden or closed).
//! Views only read the store and call actions.

pub mod actions;
pub mod store;
mod sync;

pub use store::{use_store, StorageStatus, Store};
