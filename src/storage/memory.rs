//! An in-memory [`Backend`] with `localStorage`'s quota rule, and switches to
//! make it fail — unavailable, full, or stopping part-way through a series of
//! writes as a crash would: for tests of the storage rules.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use super::codec::utf16_len;
use super::{Backend, StorageError};

/// Clones share the same storage, like two tabs of one site.
#[derive(Clone, Default)]
pub struct MemoryBackend {
    items: Rc<RefCell<BTreeMap<String, String>>>,
    /// Quota in UTF-16 code units; `None` for unlimited.
    quota: Rc<Cell<Option<usize>>>,
    unavailable: Rc<Cell<bool>>,
    /// Writes (sets and removals) done so far.
    writes: Rc<Cell<usize>>,
    /// The point where storage stops, as a crash would stop it.
    stop: Rc<Cell<Option<Stop>>>,
}

/// Where and how a simulated crash stops storage.
#[derive(Clone, Copy)]
struct Stop {
    /// The number of writes done when it stops.
    at: usize,
    /// Reads stop too (the tab is gone), not only writes.
    reads: bool,
}

impl MemoryBackend {
    pub fn new() -> MemoryBackend {
        MemoryBackend::default()
    }

    pub fn with_quota(quota: usize) -> MemoryBackend {
        let b = MemoryBackend::default();
        b.quota.set(Some(quota));
        b
    }

    pub fn set_quota(&self, quota: Option<usize>) {
        self.quota.set(quota);
    }

    /// Makes every operation fail as in a blocked private mode.
    pub fn set_unavailable(&self, unavailable: bool) {
        self.unavailable.set(unavailable);
    }

    /// How many writes (sets and removals) were done so far.
    pub fn writes(&self) -> usize {
        self.writes.get()
    }

    /// After `n` more writes every write fails, while reads still work: a
    /// crash part-way through, seen from a tab that is still running. `None`
    /// lifts it.
    pub fn fail_writes_after(&self, n: Option<usize>) {
        self.stop.set(n.map(|n| Stop { at: self.writes() + n, reads: false }));
    }

    /// After `n` more writes storage stops entirely: every operation fails,
    /// reads included, as if the tab had died then. `None` lifts it.
    pub fn stop_after_writes(&self, n: Option<usize>) {
        self.stop.set(n.map(|n| Stop { at: self.writes() + n, reads: true }));
    }

    pub fn used(&self) -> usize {
        self.items.borrow().iter().map(|(k, v)| utf16_len(k) + utf16_len(v)).sum()
    }

    /// Writes directly, bypassing the quota (to plant test data).
    pub fn plant(&self, key: &str, value: &str) {
        self.items.borrow_mut().insert(key.into(), value.into());
    }

    pub fn raw(&self, key: &str) -> Option<String> {
        self.items.borrow().get(key).cloned()
    }

    fn check(&self) -> Result<(), StorageError> {
        if self.unavailable.get() {
            return Err(StorageError::Unavailable("storage is disabled".into()));
        }
        match self.stop.get() {
            Some(stop) if stop.reads && self.writes() >= stop.at => Err(stopped()),
            _ => Ok(()),
        }
    }

    /// Counts a write about to happen, or refuses it past the stop.
    fn check_write(&self) -> Result<(), StorageError> {
        self.check()?;
        if self.stop.get().is_some_and(|stop| self.writes() >= stop.at) {
            return Err(stopped());
        }
        self.writes.set(self.writes() + 1);
        Ok(())
    }
}

fn stopped() -> StorageError {
    StorageError::Other("storage stopped (a simulated crash)".into())
}

impl Backend for MemoryBackend {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.check()?;
        Ok(self.items.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.check()?;
        if let Some(quota) = self.quota.get() {
            let old =
                self.items.borrow().get(key).map(|v| utf16_len(key) + utf16_len(v)).unwrap_or(0);
            if self.used() - old + utf16_len(key) + utf16_len(value) > quota {
                return Err(StorageError::QuotaExceeded);
            }
        }
        self.check_write()?;
        self.items.borrow_mut().insert(key.into(), value.into());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.check_write()?;
        self.items.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        self.check()?;
        Ok(self.items.borrow().keys().cloned().collect())
    }
}
