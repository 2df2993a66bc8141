//! The data & privacy actions: backups, restoring, deleting everything,
//! dealing with unreadable stored data.

use crate::browser;
use crate::model::Library;
use crate::state::Store;
use crate::storage::backup::{self, Backup, ImportError, Preview};
use crate::storage::repository::doc_key;
use crate::storage::{Problem, SaveError};
use leptos::prelude::*;

/// Downloads a full backup of everything on this device.
pub fn download_backup(store: &Store) -> Result<(), String> {
    store.flush();
    let now = browser::now();
    let text = store.library.with_untracked(|lib| backup::export(lib, now));
    browser::download(&backup::file_name(now), "application/json", &text)
}

fn unreadable_here(store: &Store, id: uuid::Uuid) -> bool {
    store.with_repo(|repo| repo.is_protected(&doc_key(id))).unwrap_or(false)
}

/// Checks a chosen file and says what restoring it would do. Nothing changes.
pub fn check_backup(store: &Store, text: &str) -> Result<(Backup, Preview), ImportError> {
    let backup = backup::parse(text)?;
    let mut preview = store.library.with_untracked(|lib| backup::preview(lib, &backup));
    for (p, doc) in preview.mentorships.iter_mut().zip(&backup.library.mentorships) {
        p.unreadable_here = unreadable_here(store, doc.id());
    }
    Ok((backup, preview))
}

/// Restores by merging record by record: nothing on this device is lost or
/// deleted; the newer version of each record wins. Mentorships whose stored
/// copy here is unreadable cannot be merged: their titles are returned.
pub fn restore_merge(store: &Store, backup: &Backup) -> Vec<String> {
    let mut incoming = store.library.with_untracked(|lib| backup::for_merge(lib, &backup.library));
    let skipped: Vec<String> = incoming
        .mentorships
        .iter()
        .filter(|d| unreadable_here(store, d.id()))
        .map(|d| d.mentorship.title())
        .collect();
    incoming.mentorships.retain(|d| !unreadable_here(store, d.id()));
    let ids: Vec<_> = incoming.mentorships.iter().map(|d| d.id()).collect();
    store.library.update(|lib| *lib = lib.merge(&incoming));
    for id in ids {
        store.mark_doc(id);
    }
    store.change_profile(|_, _| {});
    store.flush();
    skipped
}

/// Restores by replacing everything on this device with the backup, as one
/// operation (all or nothing). If it fails, what this tab holds is saved
/// again, so storage ends up as it was.
pub fn restore_replace(store: &Store, backup: &Backup) -> Result<(), SaveError> {
    let library: Library = backup.library.clone();
    let result = store
        .with_repo(|repo| repo.replace_all(&library))
        .unwrap_or(Err(SaveError::Failed("storage is not open".into())));
    if let Err(e) = result {
        store.resave_all();
        return Err(e);
    }
    store.reload("The backup replaced what was on this device.");
    Ok(())
}

/// Deletes everything Tandem stored on this device.
pub fn delete_everything(store: &Store) -> Result<(), SaveError> {
    store
        .with_repo(|repo| repo.delete_all())
        .unwrap_or(Err(SaveError::Failed("storage is not open".into())))?;
    store.reload("Everything Tandem stored on this device was deleted.");
    Ok(())
}

/// Downloads an unreadable stored value exactly as it is.
pub fn download_raw(store: &Store, key: &str) -> Result<(), String> {
    let raw = store.with_repo(|repo| repo.raw(key)).flatten().ok_or("it is no longer stored")?;
    let name = format!(
        "tandem-unreadable-{}.txt",
        key.trim_start_matches("tandem.").replace(['.', '/'], "-")
    );
    browser::download(&name, "text/plain", &raw)
}

/// Removes an unreadable stored value, once the person chose to.
pub fn discard(store: &Store, key: &str) -> Result<(), SaveError> {
    store
        .with_repo(|repo| repo.discard(key))
        .unwrap_or(Err(SaveError::Failed("storage is not open".into())))?;
    store.status.update(|s| s.problems.retain(|p: &Problem| p.key() != Some(key)));
    Ok(())
}

/// Measures storage use afresh (another tab or app may have written).
pub fn measure_usage(store: &Store) {
    if let Some(usage) = store.with_repo(|repo| repo.measure_usage()) {
        store.status.update(|s| s.usage = usage);
    }
}
