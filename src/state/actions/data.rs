//! The data & privacy actions: backups, restoring, deleting everything,
//! dealing with unreadable stored data, the notices about what happened.

use leptos::prelude::*;

use crate::browser;
use crate::model::{dates, Library};
use crate::state::{ActionError, ActionResult, Problem, Store};
use crate::storage::backup::{self, Backup, ImportError, Preview};
use crate::storage::ReplaceError;

fn not_open() -> ActionError {
    ActionError::failed("Storage is not open.")
}

fn download_library(library: &Library, file_name: &str) -> ActionResult {
    let now = browser::now();
    let text = backup::export(library, now);
    browser::download(file_name, "application/json", &text)
        .map_err(|e| ActionError::failed(format!("The backup could not be downloaded: {e}.")))
}

/// Downloads a full backup of everything on this device.
pub fn download_backup(store: &Store) -> ActionResult {
    store.flush();
    let name = backup::file_name(browser::now());
    store.library.with_untracked(|lib| download_library(lib, &name))
}

/// Downloads the changes this tab held when another tab deleted or replaced
/// everything, then forgets them.
pub fn download_rescued(store: &Store) -> ActionResult {
    let Some(library) = store.rescued.get_untracked() else {
        return Ok(());
    };
    let name = format!("tandem-unsaved-{}.json", dates::stamp(&browser::now()));
    download_library(&library, &name)?;
    store.rescued.set(None);
    Ok(())
}

/// Forgets the rescued changes, once the person chose to.
pub fn discard_rescued(store: &Store) {
    store.rescued.set(None);
}

/// Dismisses the notice of what happened (another tab's change, a deletion).
pub fn dismiss_notice(store: &Store) {
    store.set_notice(None);
}

fn unreadable_here(store: &Store, id: uuid::Uuid) -> bool {
    store.with_repo(|repo| repo.unreadable_docs().contains(&id)).unwrap_or(false)
}

/// Checks a chosen file and says what restoring it would do. Nothing changes.
pub fn check_backup(store: &Store, text: &str) -> ActionResult<(Backup, Preview)> {
    let backup = backup::parse(text)
        .map_err(|e| ActionError::refused(format!("{e} Your current data was not changed.")))?;
    let mut preview = store.library.with_untracked(|lib| backup::preview(lib, &backup));
    for (p, doc) in preview.mentorships.iter_mut().zip(&backup.library.mentorships) {
        p.unreadable_here = unreadable_here(store, doc.id());
    }
    Ok((backup, preview))
}

/// Reads a chosen backup file (refusing one too large to be ours before
/// reading it) and checks it as [`check_backup`] does.
pub async fn check_backup_file(
    store: Store,
    file: web_sys::File,
) -> ActionResult<(Backup, Preview)> {
    if file.size() > backup::MAX_BYTES as f64 {
        return Err(ImportError::TooLarge { bytes: file.size() as usize }.into());
    }
    let text = browser::read_file(&file)
        .await
        .map_err(|e| ActionError::failed(format!("The file could not be read: {e}.")))?;
    check_backup(&store, &text)
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

/// Restores by replacing everything on this device with the backup, all or
/// nothing. When it fails, the message says what is stored.
pub fn restore_replace(store: &Store, backup: &Backup) -> ActionResult {
    let result = store.with_repo(|repo| repo.replace_all(&backup.library)).ok_or_else(not_open)?;
    match result {
        Ok(()) => {
            store.reload("The backup replaced what was on this device.");
            Ok(())
        }
        Err(ReplaceError::NotReplaced(e)) => Err(ActionError::failed(format!(
            "The backup was not restored: {e}. Nothing was changed: your data is stored as it was."
        ))),
        Err(ReplaceError::Unknown(e)) => Err(ActionError::failed(format!(
            "Tandem cannot tell whether the backup replaced your data: {e}, and storage stopped answering. What is stored is either all of your earlier data or all of the backup, never a mix: reload the page to see which. This tab still shows your earlier data."
        ))),
    }
}

/// Deletes everything Tandem stored on this device.
pub fn delete_everything(store: &Store) -> ActionResult {
    store
        .with_repo(|repo| repo.delete_all())
        .ok_or_else(not_open)?
        .map_err(|e| ActionError::failed(format!("Deleting failed: {e}.")))?;
    store.reload("Everything Tandem stored on this device was deleted.");
    Ok(())
}

/// Downloads an unreadable stored value exactly as it is.
pub fn download_raw(store: &Store, key: &str) -> ActionResult {
    let raw = store
        .with_repo(|repo| repo.raw(key))
        .flatten()
        .ok_or_else(|| ActionError::refused("It is no longer stored."))?;
    let name = store
        .with_repo(|repo| repo.namespace().local_name(key).replace(['.', '/', ':'], "-"))
        .unwrap_or_default();
    let name = format!("tandem-unreadable-{name}.txt");
    browser::download(&name, "text/plain", &raw)
        .map_err(|e| ActionError::failed(format!("The download failed: {e}.")))
}

/// Removes an unreadable stored value, once the person chose to.
pub fn discard(store: &Store, key: &str) -> ActionResult {
    store.with_repo(|repo| repo.discard(key)).ok_or_else(not_open)??;
    store.status.update(|s| s.problems.retain(|p: &Problem| p.key() != Some(key)));
    Ok(())
}

/// Measures storage use afresh (another tab or app may have written).
pub fn measure_usage(store: &Store) {
    if let Some(usage) = store.with_repo(|repo| repo.measure_usage()) {
        store.status.update(|s| s.usage = usage);
    }
}
