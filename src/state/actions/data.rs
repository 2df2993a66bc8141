//! The data & privacy actions: backups, restoring, deleting everything,
//! dealing with unreadable stored data.

use leptos::prelude::*;
use crate::browser;
use crate::model::Library;
use crate::storage::backup::{self, Backup, ImportError, Preview};
use crate::storage::{Problem, SaveError};
use crate::state::Store;

/// Downloads a full backup of everything on this device.
pub fn download_backup(store: &Store) -> Result<(), String> {
    store.flush();
    let now = browser::now();
    let text = store.library.with_untracked(|lib| backup::export(lib, now));
    browser::download(&backup::file_name(now), "application/json", &text)
}

/// Checks a chosen file and says what restoring it would do. Nothing changes.
pub fn check_backup(store: &Store, text: &str) -> Result<(Backup, Preview), ImportError> {
    let backup = backup::parse(text)?;
    let preview = store.library.with_untracked(|lib| backup::preview(lib, &backup));
    Ok((backup, preview))
}

/// Restores by merging record by record: nothing on this device is lost;
/// newer versions win either way.
pub fn restore_merge(store: &Store, backup: &Backup) {
    let ids: Vec<_> = backup.library.mentorships.iter().map(|d| d.id()).collect();
    store.library.update(|lib| *lib = lib.merge(&backup.library));
    for id in ids {
        store.mark_doc(id);
    }
    store.change_profile(|_, _| {});
    store.flush();
}

/// Restores by replacing everything on this device with the backup, as one
/// operation (all or nothing).
pub fn restore_replace(store: &Store, backup: &Backup) -> Result<(), SaveError> {
    let library: Library = backup.library.clone();
    store.with_repo(|repo| repo.replace_all(&library)).unwrap_or(Err(SaveError::Failed("storage is not open".into())))?;
    store.reload("The backup replaced what was on this device.");
    Ok(())
}

/// Deletes everything Tandem stored on this device.
pub fn delete_everything(store: &Store) -> Result<(), SaveError> {
    store.with_repo(|repo| repo.delete_all()).unwrap_or(Err(SaveError::Failed("storage is not open".into())))?;
    store.reload("Everything Tandem stored on this device was deleted.");
    Ok(())
}

/// Downloads an unreadable stored value exactly as it is.
pub fn download_raw(store: &Store, key: &str) -> Result<(), String> {
    let raw = store.with_repo(|repo| repo.raw(key)).flatten().ok_or("it is no longer stored")?;
    let name = format!("tandem-unreadable-{}.txt", key.trim_start_matches("tandem.").replace(['.', '/'], "-"));
    browser::download(&name, "text/plain", &raw)
}

/// Removes an unreadable stored value, once the person chose to.
pub fn discard(store: &Store, key: &str) -> Result<(), SaveError> {
    store.with_repo(|repo| repo.discard(key)).unwrap_or(Err(SaveError::Failed("storage is not open".into())))?;
    store.status.update(|s| s.problems.retain(|p: &Problem| p.key() != Some(key)));
    Ok(())
}

/// Measures storage use afresh (another tab or app may have written).
pub fn measure_usage(store: &Store) {
    if let Some(usage) = store.with_repo(|repo| repo.measure_usage()) {
        store.status.update(|s| s.usage = usage);
    }
}
