//! Tandem's storage while it is locked with a passphrase and open: a
//! [`Backend`] the repository uses as it uses `localStorage`, which keeps the
//! library decrypted in memory ([`Mirror`]) and seals every write into
//! `localStorage` behind the repository's back, in order.
//!
//! Opening reads and decrypts every value once; a value found plain (written
//! before the lock, or by a lock interrupted part-way) is sealed, and one
//! that does not open is handed to the repository as it is stored, which
//! keeps it aside unread and never overwrites it. A write that cannot be
//! stored (storage full) waits, and is tried again with the next one; how
//! the writes went is reported to whoever asked ([`SealedStorage::on_stored`]).

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use wasm_bindgen_futures::JsFuture;

use super::mirror::{self, Mirror};
use super::plain;
use super::webcrypto::Vault;
use super::{is_sealed, VaultError};
use crate::storage::keys::Namespace;
use crate::storage::web::BrowserStorage;
use crate::storage::{Backend, StorageError};

/// The open vault over `localStorage`. Clones share everything.
#[derive(Clone)]
pub struct SealedStorage(Rc<Shared>);

type Report = Rc<dyn Fn(Result<(), StorageError>)>;

struct Shared {
    mirror: Mirror<BrowserStorage>,
    vault: Vault,
    storing: Cell<bool>,
    /// Why the latest write could not be stored, until one is.
    failed: RefCell<Option<StorageError>>,
    report: RefCell<Option<Report>>,
}

impl SealedStorage {
    /// Opens every value of the library under `keys` with `vault`. Values
    /// found plain are sealed (in the background: see [`Self::settle`]).
    pub async fn open(keys: Namespace, vault: Vault) -> Result<SealedStorage, StorageError> {
        let inner = BrowserStorage;
        let mut values = BTreeMap::new();
        let mut plain_found = Vec::new();
        for key in inner.keys()? {
            if !mirror::mirrored(&keys, &key) {
                continue;
            }
            let Some(stored) = inner.get(&key)? else { continue };
            let value = if is_sealed(&stored) {
                open_value(&vault, &key, &stored).await.unwrap_or(stored)
            } else {
                if mirror::sealed(&keys, &key) {
                    plain_found.push(key.clone());
                }
                stored
            };
            values.insert(key, value);
        }
        let storage = SealedStorage(Rc::new(Shared {
            mirror: Mirror::new(inner, keys, values),
            vault,
            storing: Cell::new(false),
            failed: RefCell::new(None),
            report: RefCell::new(None),
        }));
        for key in plain_found {
            storage.0.mirror.rewrite(&key);
        }
        storage.store_soon();
        Ok(storage)
    }

    pub fn vault(&self) -> &Vault {
        &self.0.vault
    }

    pub fn namespace(&self) -> &Namespace {
        self.0.mirror.namespace()
    }

    /// Calls `report` each time the waiting writes are stored, or one fails.
    pub fn on_stored(&self, report: impl Fn(Result<(), StorageError>) + 'static) {
        *self.0.report.borrow_mut() = Some(Rc::new(report));
    }

    /// How many writes wait to be stored.
    pub fn waiting(&self) -> usize {
        self.0.mirror.waiting()
    }

    /// Stores every waiting write now; the error when one cannot be.
    pub async fn settle(&self) -> Result<(), StorageError> {
        // One writer at a time: wait for the one under way.
        while self.0.storing.get() {
            sleep(10).await;
        }
        store(self.clone()).await;
        match self.0.failed.borrow().clone() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// What another tab stored under `key`, opened, and taken into the
    /// mirror: what the repository is then told was stored.
    pub async fn take_external(&self, key: &str, stored: Option<String>) -> Option<String> {
        let value = match stored {
            Some(s) if is_sealed(&s) => Some(open_value(&self.0.vault, key, &s).await.unwrap_or(s)),
            other => other,
        };
        if mirror::mirrored(self.namespace(), key) {
            self.0.mirror.refresh(key, value.clone());
        }
        value
    }

    /// Writes the whole library back plain, straight into storage: the
    /// first step of removing the lock (the record goes last, so an
    /// interruption leaves values the passphrase still opens, or plain).
    pub async fn store_plain(&self) -> Result<(), StorageError> {
        self.settle().await?;
        let mirror = &self.0.mirror;
        for key in mirror.library_keys() {
            if let Some(value) = mirror.get(&key)? {
                mirror.inner().set(&key, &value)?;
            }
        }
        Ok(())
    }

    fn store_soon(&self) {
        if !self.0.storing.get() && self.waiting() > 0 {
            wasm_bindgen_futures::spawn_local(store(self.clone()));
        }
    }
}

/// Seals and stores the waiting writes, oldest first, until none is left or
/// one fails (it stays first, to be tried again).
async fn store(storage: SealedStorage) {
    let shared = &storage.0;
    if shared.storing.replace(true) {
        return;
    }
    let mut outcome = Ok(());
    while let Some(write) = shared.mirror.next_write() {
        let stored = match &write.value {
            None => shared.mirror.inner().remove(&write.key),
            Some(value) if mirror::sealed(shared.mirror.namespace(), &write.key) => {
                let _timer = crate::browser::Timer::start("tandem:seal");
                match shared.vault.seal(&write.key, &plain::to_bytes(value)).await {
                    Ok(sealed) => shared.mirror.inner().set(&write.key, &sealed),
                    Err(e) => Err(StorageError::Other(e.to_string())),
                }
            }
            Some(value) => shared.mirror.inner().set(&write.key, value),
        };
        match stored {
            Ok(()) => shared.mirror.written(),
            Err(e) => {
                outcome = Err(e);
                break;
            }
        }
    }
    shared.storing.set(false);
    *shared.failed.borrow_mut() = outcome.clone().err();
    let report = shared.report.borrow().clone();
    if let Some(report) = report {
        report(outcome);
    }
}

/// The value sealed under `key`, if it opens.
async fn open_value(vault: &Vault, key: &str, stored: &str) -> Result<String, VaultError> {
    let bytes = vault.open(key, stored).await?;
    plain::from_bytes(&bytes)
        .ok_or_else(|| VaultError::Damaged("a stored value is not Tandem's".into()))
}

impl Backend for SealedStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.0.mirror.get(key)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.0.mirror.set(key, value)?;
        self.store_soon();
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.0.mirror.remove(key)?;
        self.store_soon();
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        self.0.mirror.keys()
    }
}

/// Waits `ms` milliseconds.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}
