//! Locking Tandem with a passphrase: setting, changing and removing it,
//! opening the lock, locking now (every tab), the idle time, and deleting
//! everything from the lock screen. See [`crate::storage::vault`] for what
//! is stored and how.

use leptos::prelude::*;

use crate::browser;
use crate::state::lock::{reload, Lock, Session};
use crate::state::{ActionError, ActionResult, Store};
use crate::storage::vault::sealed::SealedStorage;
use crate::storage::vault::webcrypto::Vault;
use crate::storage::vault::{stored, VaultError};

// What the lock section shows, so that views need not reach into storage.
pub use crate::storage::vault::{IDLE_CHOICES, ITERATIONS};

/// The shortest passphrase accepted, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 10;
/// The longest, in characters.
pub const MAX_PASSPHRASE_CHARS: usize = 1_000;
/// The longest wait between tries after failures, in seconds.
const MAX_WAIT_SECONDS: f64 = 30.0;

/// A passphrase asked back, in the form's `field`: `says` when it is empty.
fn typed(passphrase: &str, field: &str, says: &str) -> ActionResult {
    if passphrase.is_empty() {
        return Err(ActionError::field(field, says));
    }
    Ok(())
}

/// A new passphrase, typed twice.
fn check_new(new: &str, again: &str) -> ActionResult {
    check_new_in(new, again, ("new-passphrase", "passphrase-again"))
}

/// A new passphrase, typed twice into the form's `fields`.
fn check_new_in(new: &str, again: &str, fields: (&str, &str)) -> ActionResult {
    let chars = new.chars().count();
    if chars < MIN_PASSPHRASE_CHARS {
        return Err(ActionError::field(
            fields.0,
            format!("Use at least {MIN_PASSPHRASE_CHARS} characters: a few words you will remember make a good passphrase."),
        ));
    }
    if chars > MAX_PASSPHRASE_CHARS {
        return Err(ActionError::field(
            fields.0,
            format!("Use at most {MAX_PASSPHRASE_CHARS} characters."),
        ));
    }
    if new != again {
        return Err(ActionError::field(fields.1, "The two passphrases differ."));
    }
    Ok(())
}

/// `text` as a protected file, with a new passphrase typed twice into the
/// form's `fields` (a backup, a bundle for the partner).
pub(in crate::state) async fn protected_file(
    passphrase: &str,
    again: &str,
    fields: (&str, &str),
    text: &str,
) -> ActionResult<String> {
    check_new_in(passphrase, again, fields)?;
    crate::storage::vault::webcrypto::protect(passphrase, text).await.map_err(failed)
}

fn failed(e: impl std::fmt::Display) -> ActionError {
    ActionError::failed(format!("{e}"))
}

/// Saves what the store holds and stores every sealed write: before
/// locking, so nothing typed is lost with the memory.
pub(in crate::state) async fn save_all(store: Option<Store>) -> Result<(), String> {
    let Some(store) = store else { return Ok(()) };
    let failed = store.save_pending();
    if let Some((_, e)) = failed.first() {
        return Err(e.to_string());
    }
    match store.sealed() {
        Some(sealed) => sealed.settle().await.map_err(|e| e.to_string()),
        None => Ok(()),
    }
}

/// Opens the lock with `passphrase`. A wrong one is refused, and each
/// failure in a row makes the next try wait longer (1 s, 2 s, 4 s… 30 s).
pub async fn unlock(lock: Lock, passphrase: String) -> ActionResult {
    let Session::Locked(record) = lock.session.get_untracked() else { return Ok(()) };
    // Nothing typed is no try: it neither counts nor waits.
    typed(&passphrase, "passphrase", "Enter your passphrase.")?;
    let (failures, wait_until) = lock.failures.get_untracked();
    if js_sys::Date::now() < wait_until {
        return Err(ActionError::refused("Wait a moment before trying again."));
    }
    // `make bench` reads both: the key's derivation, and all of opening.
    let timer = browser::Timer::start("tandem:unlock");
    let deriving = browser::Timer::start("tandem:unlock-key");
    let unlocked = Vault::unlock(&record, &passphrase).await;
    deriving.stop();
    match unlocked {
        Ok(vault) => {
            let sealed = SealedStorage::open(lock.namespace(), vault)
                .await
                .map_err(|e| ActionError::failed(format!("The passphrase is right, but {e}.")))?;
            timer.stop();
            lock.failures.set((0, 0.0));
            open(lock, sealed);
            Ok(())
        }
        Err(VaultError::WrongPassphrase) => {
            let n = failures.saturating_add(1);
            let wait = 2f64.powi(n.min(16) as i32 - 1).min(MAX_WAIT_SECONDS);
            lock.failures.set((n, js_sys::Date::now() + wait * 1000.0));
            Err(ActionError::field("passphrase", "That passphrase does not open Tandem."))
        }
        Err(e) => Err(failed(e)),
    }
}

/// This tab is open on `sealed`: so are the others.
fn open(lock: Lock, sealed: SealedStorage) {
    crate::state::lock::touch();
    lock.set_session(Session::Open(sealed));
    crate::state::lock::post_open(lock);
}

/// Locks every tab now: saves, says so to the other tabs, and starts the
/// page again on the lock screen (nothing decrypted stays in memory). If
/// the latest changes cannot be stored, it does not lock, and says why.
pub fn lock_now(lock: Lock) {
    leptos::task::spawn_local(async move {
        if !lock.is_open_untracked() {
            return;
        }
        let store = lock.store.get_value();
        if let Err(e) = save_all(store).await {
            if let Some(store) = store {
                store.set_notice(Some(format!("Tandem did not lock: your latest changes could not be stored ({e}). Download a backup or free some room, then lock.")));
            }
            return;
        }
        let keys = lock.namespace();
        let mut settings = lock.settings.get_untracked();
        settings.locked_at = Some(browser::now());
        // Tabs that miss the message see the new time.
        let _ = stored::write_settings(&keys, &settings);
        crate::state::lock::post_lock(lock);
        reload();
    });
}

/// Another tab locked: this one follows, once its changes are stored.
pub(in crate::state) fn lock_this_tab(lock: Lock) {
    leptos::task::spawn_local(async move {
        let store = lock.store.get_value();
        match save_all(store).await {
            Ok(()) => reload(),
            Err(e) => {
                if let Some(store) = store {
                    store.set_notice(Some(format!("Another tab locked Tandem, but this tab's latest changes could not be stored ({e}), so it stays open: download a backup, then lock.")));
                }
            }
        }
    });
}

/// Locks Tandem with a new passphrase: the data key is made and stored
/// wrapped, then every value is sealed. Interrupted part-way, what is not
/// sealed yet is still plain, and it is sealed when the lock is next opened.
pub async fn set_passphrase(lock: Lock, new: String, again: String) -> ActionResult {
    check_new(&new, &again)?;
    if !matches!(lock.session.get_untracked(), Session::Plain) {
        return Err(ActionError::refused("Tandem is already locked with a passphrase."));
    }
    save_all(lock.store.get_value()).await.map_err(|e| {
        ActionError::failed(format!(
            "Your latest changes could not be stored first ({e}): nothing was locked."
        ))
    })?;
    let keys = lock.namespace();
    let vault = Vault::create(&new).await.map_err(failed)?;
    stored::write_record(&keys, vault.record()).map_err(|e| {
        ActionError::failed(format!(
            "The passphrase could not be stored ({e}): nothing was locked."
        ))
    })?;
    let sealed = SealedStorage::open(keys, vault).await.map_err(failed)?;
    let sealing = sealed.settle().await;
    lock.notice.set_value(Some("Tandem is now locked with your passphrase: everything it stores on this device is encrypted.".into()));
    open(lock, sealed);
    sealing.map_err(|e| {
        ActionError::failed(format!("The passphrase is set, but not everything could be encrypted yet ({e}): the rest is encrypted when storage has room."))
    })
}

/// Replaces the passphrase: the data key is wrapped anew and the record
/// replaced in one write, so the old passphrase or the new one opens it,
/// never neither.
pub async fn change_passphrase(
    lock: Lock,
    old: String,
    new: String,
    again: String,
) -> ActionResult {
    typed(&old, "current-passphrase", "Enter the current passphrase.")?;
    check_new(&new, &again)?;
    let keys = lock.namespace();
    let record = stored::record(&keys)
        .map_err(failed)?
        .ok_or_else(|| ActionError::refused("Tandem is not locked with a passphrase."))?;
    let changed = Vault::change_passphrase(&record, &old, &new).await.map_err(|e| match e {
        VaultError::WrongPassphrase => {
            ActionError::field("current-passphrase", "That is not the current passphrase.")
        }
        e => failed(e),
    })?;
    stored::write_record(&keys, &changed).map_err(|e| {
        ActionError::failed(format!(
            "The new passphrase could not be stored ({e}): the old one still opens Tandem."
        ))
    })
}

/// Removes the lock: every value is stored plain again, then the record is
/// removed. Interrupted part-way, the passphrase still opens what is left.
pub async fn remove_passphrase(lock: Lock, passphrase: String) -> ActionResult {
    let keys = lock.namespace();
    let Some(sealed) = lock.sealed() else {
        return Err(ActionError::refused("Tandem is not locked with a passphrase."));
    };
    typed(&passphrase, "remove-passphrase", "Enter your passphrase to remove the lock.")?;
    Vault::unlock(sealed.vault().record(), &passphrase).await.map_err(|e| match e {
        VaultError::WrongPassphrase => {
            ActionError::field("remove-passphrase", "That is not the current passphrase.")
        }
        e => failed(e),
    })?;
    save_all(lock.store.get_value()).await.map_err(|e| {
        ActionError::failed(format!(
            "Your latest changes could not be stored first ({e}): the lock stays."
        ))
    })?;
    sealed.store_plain().await.map_err(|e| {
        ActionError::failed(format!("Not everything could be stored unencrypted ({e}): the lock stays, and the passphrase still opens everything."))
    })?;
    stored::remove_record(&keys).map_err(|e| {
        ActionError::failed(format!(
            "The lock could not be removed ({e}): the passphrase still opens everything."
        ))
    })?;
    lock.notice.set_value(Some(
        "The lock is removed: Tandem's data on this device is stored unencrypted again.".into(),
    ));
    lock.set_session(Session::Plain);
    Ok(())
}

/// Sets how long Tandem waits, unused, before it locks itself.
pub fn set_idle_minutes(lock: Lock, minutes: u32) -> ActionResult {
    if !IDLE_CHOICES.contains(&minutes) {
        return Err(ActionError::field("idle", "Pick one of the times offered."));
    }
    let mut settings = lock.settings.get_untracked();
    settings.idle_minutes = minutes;
    stored::write_settings(&lock.namespace(), &settings).map_err(failed)?;
    lock.settings.set(settings);
    Ok(())
}

/// Deletes everything Tandem stored on this device, from the lock screen:
/// no passphrase is needed (it is the person's device).
pub fn delete_everything_locked(lock: Lock) -> ActionResult {
    stored::delete_everything(&lock.namespace())
        .map_err(|e| ActionError::failed(format!("Deleting failed: {e}.")))?;
    lock.failures.set((0, 0.0));
    lock.set_session(Session::Plain);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_passphrase_is_long_enough_and_typed_the_same_twice() {
        let field = |r: ActionResult| r.err().map(|e| e.field_errors()[0].field.clone());
        assert_eq!(field(check_new("short", "short")).as_deref(), Some("new-passphrase"));
        let long = "x".repeat(MAX_PASSPHRASE_CHARS + 1);
        assert_eq!(field(check_new(&long, &long)).as_deref(), Some("new-passphrase"));
        assert_eq!(
            field(check_new("correct horse", "correct horse!")).as_deref(),
            Some("passphrase-again")
        );
        assert_eq!(check_new("correct horse", "correct horse"), Ok(()));
        // Counted in characters, not bytes.
        assert_eq!(field(check_new("ééééé", "ééééé")).as_deref(), Some("new-passphrase"));
    }

    #[test]
    fn a_passphrase_asked_back_must_be_typed() {
        let field = |r: ActionResult| r.err().map(|e| e.field_errors()[0].field.clone());
        assert_eq!(field(typed("", "passphrase", "Enter it.")).as_deref(), Some("passphrase"));
        assert_eq!(typed(" ", "passphrase", "Enter it."), Ok(()));
    }
}
