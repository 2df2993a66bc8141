//! An in-memory [`Backend`] with `localStorage`'s quota rule, and switches to
//! make it fail: for native tests of the storage rules.

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
            Err(StorageError::Unavailable("storage is disabled".into()))
        } else {
            Ok(())
        }
    }
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
        self.items.borrow_mut().insert(key.into(), value.into());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.check()?;
        self.items.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        self.check()?;
        Ok(self.items.borrow().keys().cloned().collect())
    }
}
