//! The data & privacy actions: backups, restoring, deleting everything,
//! dealing with unreadable stored data, the notices about what happened.

use std::collections::BTreeSet;

use leptos::prelude::*;
use uuid::Uuid;

use crate::browser;
use crate::model::{dates, Library};
use crate::state::store::Failure;
use crate::state::{ActionError, ActionResult, Problem, Store};
use crate::storage::backup::{self, Backup, ImportError};
use crate::storage::doc_code;
use crate::storage::restore::{self, Preview};
use crate::storage::vault::{protected, webcrypto, VaultError};
use crate::storage::{ReplaceError, SaveError};

fn not_open() -> ActionError {
    ActionError::failed("Storage is not open.")
}

/// A backup file of `library` downloaded (written by the code that writes
/// stored values: the banners that offer this are in every page).
fn download_library(library: &Library, file_name: &str) -> ActionResult {
    let code = doc_code::get()
        .ok_or_else(|| ActionError::failed("Tandem is still starting: try again in a moment."))?;
    let text = (code.write_backup)(library, browser::now());
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

/// The mentorships whose stored copy here is unreadable.
fn unreadable_here(store: &Store) -> BTreeSet<Uuid> {
    store.with_repo(|repo| repo.unreadable_docs()).unwrap_or_default()
}

/// Checks a chosen file and says what restoring it would do. Nothing changes.
pub fn check_backup(store: &Store, text: &str) -> ActionResult<(Backup, Preview)> {
    let backup = backup::parse(text)
        .map_err(|e| ActionError::refused(format!("{e} Your current data was not changed.")))?;
    let unreadable = unreadable_here(store);
    let preview = store.library.with_untracked(|lib| restore::preview(lib, &backup, &unreadable));
    Ok((backup, preview))
}

/// What a chosen backup file turned out to be.
#[derive(Clone)]
pub enum BackupFile {
    /// Read and checked: what restoring it would do.
    Checked(Box<(Backup, Preview)>),
    /// Protected with a passphrase: its text, to open with one.
    Protected(String),
}

/// Reads a chosen backup file (refusing one too large to be ours before
/// reading it) and checks it as [`check_backup`] does, unless it is
/// protected with a passphrase.
pub async fn check_backup_file(store: Store, file: web_sys::File) -> ActionResult<BackupFile> {
    if file.size() > backup::MAX_BYTES as f64 {
        return Err(ImportError::TooLarge { bytes: file.size() as usize }.into());
    }
    let text = browser::read_file(&file)
        .await
        .map_err(|e| ActionError::failed(format!("The file could not be read: {e}.")))?;
    if protected::is_protected(&text) {
        return Ok(BackupFile::Protected(text));
    }
    let (backup, preview) = check_backup(&store, &text)?;
    Ok(BackupFile::Checked(Box::new((backup, preview))))
}

/// Opens a protected backup with its passphrase and checks it as
/// [`check_backup`] does. Nothing changes.
pub async fn open_protected_backup(
    store: Store,
    file: String,
    passphrase: String,
) -> ActionResult<(Backup, Preview)> {
    let text = webcrypto::unprotect(&file, &passphrase).await.map_err(|e| match e {
        VaultError::WrongPassphrase => ActionError::field(
            "backup-open-passphrase",
            "That passphrase does not open this backup (or the file was changed). Your current data was not changed.",
        ),
        e => ActionError::refused(format!("{e} Your current data was not changed.")),
    })?;
    check_backup(&store, &text)
}

/// Downloads a full backup protected with a passphrase of its own.
pub async fn download_protected_backup(
    store: Store,
    passphrase: String,
    again: String,
) -> ActionResult {
    store.flush();
    let now = browser::now();
    let text = store.library.with_untracked(|lib| backup::export(lib, now));
    let fields = ("backup-passphrase", "backup-passphrase-again");
    let file = super::lock::protected_file(&passphrase, &again, fields, &text).await?;
    let name = backup::file_name(now).replace(".json", "-protected.json");
    browser::download(&name, "application/json", &file)
        .map_err(|e| ActionError::failed(format!("The backup could not be downloaded: {e}.")))
}

/// Restores by merging record by record (the merge the preview showed):
/// nothing on this device is lost or deleted; the newer version of each
/// record wins. Refused, changing nothing, when storage cannot take a save
/// now. Returns what to tell the person; fails if any of it could not be
/// saved (it is then kept in this tab, and saving is retried).
pub fn restore_merge(store: &Store, backup: &Backup) -> ActionResult<String> {
    let ready = store.with_repo(|repo| repo.ready_to_write()).ok_or_else(not_open)?;
    if let Err(e) = ready {
        return Err(merge_refused(store, e));
    }
    let unreadable = unreadable_here(store);
    let changed = store.library.try_update(|lib| {
        let merged = restore::merge(lib, &backup.library, &unreadable);
        let changed: Vec<Uuid> = merged
            .mentorships
            .iter()
            .filter(|d| lib.mentorships.iter().find(|h| h.id() == d.id()) != Some(*d))
            .map(|d| d.id())
            .collect();
        *lib = merged;
        changed
    });
    for id in changed.iter().flatten() {
        store.mark_doc(*id);
    }
    store.change_profile(|_, _| {});
    let failed = store.save_pending();
    let skipped = skipped_titles(backup, &unreadable);
    if failed.is_empty() {
        Ok(format!("The backup was merged: records from the file were added, or updated where the file's were newer. Nothing here was deleted.{skipped}"))
    } else {
        Err(ActionError::failed(format!(
            "The backup was merged into what this tab shows, but not all of it could be saved: {}. It is kept in this tab only, and saving is tried again with your next change: download a backup to be safe.{skipped}",
            unsaved(store, &failed)
        )))
    }
}

/// Why a merge was refused before it changed anything.
fn merge_refused(store: &Store, e: SaveError) -> ActionError {
    if e == SaveError::EpochChanged {
        store.reload("Everything was deleted or replaced in another tab, so this tab now shows what is stored.");
        return ActionError::refused("The backup was not merged: everything was deleted or replaced in another tab, so this tab now shows what is stored. Nothing was changed; choose the file again to merge it.");
    }
    ActionError::refused(format!("The backup was not merged: {e}. Nothing was changed."))
}

/// The sentence naming the mentorships a merge left out, if any.
fn skipped_titles(backup: &Backup, unreadable: &BTreeSet<Uuid>) -> String {
    let titles: Vec<String> = backup
        .library
        .mentorships
        .iter()
        .filter(|d| unreadable.contains(&d.id()))
        .map(|d| d.mentorship.title())
        .collect();
    if titles.is_empty() {
        return String::new();
    }
    format!(
        " Not merged, because the copy stored here is unreadable: {}. Use “Replace everything here” to restore them from the backup.",
        titles.join(", ")
    )
}

/// What could not be saved, each with why: "“Ada & Charles” (storage is full)".
fn unsaved(store: &Store, failed: &[Failure]) -> String {
    let named: Vec<String> = failed
        .iter()
        .map(|(id, e)| {
            let what = match id {
                Some(id) => store
                    .library
                    .with_untracked(|lib| {
                        lib.get(*id).map(|d| format!("“{}”", d.mentorship.title()))
                    })
                    .unwrap_or_else(|| "a deleted mentorship".into()),
                None => "your profile".into(),
            };
            format!("{what} ({e})")
        })
        .collect();
    named.join("; ")
}

/// Restores by replacing everything on this device with the backup, all or
/// nothing. Changes not saved yet here go with what they replaced (the
/// person was told so). When it fails, the message says what is stored.
pub fn restore_replace(store: &Store, backup: &Backup) -> ActionResult {
    let result = store.with_repo(|repo| repo.replace_all(&backup.library)).ok_or_else(not_open)?;
    match result {
        Ok(()) => {
            store.reload_replaced(
                "The backup replaced what was on this device.",
                backup.library.clone(),
            );
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

/// Deletes everything Tandem stored on this device — changes not saved yet
/// and changes kept from another tab's deletion included.
pub fn delete_everything(store: &Store) -> ActionResult {
    // Its last step writes the new storage header, in the code's format.
    if !doc_code::loaded() {
        return Err(ActionError::failed("Tandem is still starting: try again in a moment."));
    }
    store
        .with_repo(|repo| repo.delete_all())
        .ok_or_else(not_open)?
        .map_err(|e| ActionError::failed(format!("Deleting failed: {e}.")))?;
    store.reload_deleted("Everything Tandem stored on this device was deleted.");
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
