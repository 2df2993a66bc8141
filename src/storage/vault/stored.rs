//! The lock's own keys in `localStorage`: the vault's record and the lock's
//! settings, read and written plain; and deleting everything while locked
//! (it is the person's device: no passphrase is needed for that).

use super::{KeyRecord, LockSettings, VaultError};
use crate::storage::keys::Namespace;
use crate::storage::web::BrowserStorage;
use crate::storage::{doc_code, Backend, StorageError};

/// The vault's record: `None` when Tandem is not locked with a passphrase.
/// Read through [`doc_code`]: `NotReady` while its code has not arrived.
pub fn record(keys: &Namespace) -> Result<Option<KeyRecord>, VaultError> {
    let stored =
        BrowserStorage.get(&keys.vault()).map_err(|e| VaultError::Unavailable(e.to_string()))?;
    let Some(text) = stored else { return Ok(None) };
    let read = doc_code::get().ok_or(VaultError::NotReady)?.read_key_record;
    read(&text).map(Some)
}

/// Stores the record, in one write (setting or changing the passphrase).
pub fn write_record(keys: &Namespace, record: &KeyRecord) -> Result<(), StorageError> {
    BrowserStorage.set(&keys.vault(), &record.to_json())
}

/// Removes the record: the last step of removing the lock.
pub fn remove_record(keys: &Namespace) -> Result<(), StorageError> {
    BrowserStorage.remove(&keys.vault())
}

/// The lock's settings; the defaults when none are stored, or until the
/// code that reads them ([`doc_code`]) has arrived.
pub fn settings(keys: &Namespace) -> LockSettings {
    match (BrowserStorage.get(&keys.lock()), doc_code::get()) {
        (Ok(Some(text)), Some(code)) => (code.read_lock_settings)(&text),
        _ => LockSettings::default(),
    }
}

/// Stores the lock's settings (written by [`doc_code`]'s code, which is
/// here whenever there is a lock to set).
pub fn write_settings(keys: &Namespace, settings: &LockSettings) -> Result<(), StorageError> {
    let write = doc_code::get()
        .ok_or_else(|| StorageError::Other("Tandem has not finished starting".into()))?
        .write_lock_settings;
    BrowserStorage.set(&keys.lock(), &write(settings))
}

/// Removes every key of this deployment: the library, sealed or not, the
/// record and the settings.
pub fn delete_everything(keys: &Namespace) -> Result<(), StorageError> {
    for key in BrowserStorage.keys()? {
        if keys.parse(&key).is_some() {
            BrowserStorage.remove(&key)?;
        }
    }
    Ok(())
}
