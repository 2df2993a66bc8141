//! The lock: whether this tab is locked with a passphrase, open, or has no
//! passphrase at all ([`Session`]); the storage the store opens on; and
//! keeping every tab of the app locked or open together ([`tabs`]), and
//! locking after the idle time ([`idle`]).
//!
//! The actions that change it are in [`crate::state::actions::lock`].

mod idle;
mod tabs;

pub(in crate::state) use idle::touch;
pub(in crate::state) use tabs::{post_lock, post_open};

use std::cell::Cell;

use leptos::prelude::*;

use super::Store;
use crate::storage::doc_code;
use crate::storage::keys::{Name, Namespace};
use crate::storage::vault::sealed::SealedStorage;
use crate::storage::vault::{stored, KeyRecord, LockSettings, VaultError};
use crate::storage::web::BrowserStorage;
use crate::storage::Backend;

/// Where this tab stands.
#[derive(Clone)]
pub enum Session {
    /// No passphrase is set: storage is read as it is.
    Plain,
    /// A passphrase is set and this tab is locked.
    Locked(KeyRecord),
    /// Unlocked: the library decrypted in memory.
    Open(SealedStorage),
    /// A passphrase is set but its record cannot be read: why.
    Broken(String),
}

/// The lock, provided to every view. `Copy`, like the store.
#[derive(Clone, Copy)]
pub struct Lock {
    pub(in crate::state) session: RwSignal<Session, LocalStorage>,
    pub(in crate::state) settings: RwSignal<LockSettings>,
    pub(in crate::state) keys: StoredValue<Namespace>,
    /// Failed unlocks in a row, and when the next try is allowed (ms).
    pub(in crate::state) failures: RwSignal<(u32, f64)>,
    /// The store of the open app, to save its changes before locking.
    pub(in crate::state) store: StoredValue<Option<Store>, LocalStorage>,
    pub(in crate::state) tabs: StoredValue<Option<tabs::Tabs>, LocalStorage>,
    /// What to tell the person once the app has reopened on new storage.
    pub(in crate::state) notice: StoredValue<Option<String>>,
    /// The idle time is nearly up ([`idle`]).
    pub(in crate::state) warning: RwSignal<bool>,
}

thread_local! {
    /// What shows the app anew when the session changes.
    static ON_CHANGE: Cell<Option<fn(Lock)>> = const { Cell::new(None) };
}

impl Lock {
    /// Reads whether a passphrase is set and starts listening to the other
    /// tabs and for idle time. The lock outlives what it shows: `on_change`
    /// is called (soon after, never from inside the view that changed it)
    /// each time the session changes, to show the lock screen or the app
    /// anew. Call once.
    pub fn start(on_change: fn(Lock)) -> Lock {
        ON_CHANGE.with(|c| c.set(Some(on_change)));
        let owner = Owner::new();
        let lock = owner.with(Lock::new);
        // It lives as long as the page.
        std::mem::forget(owner);
        lock
    }

    fn new() -> Lock {
        let keys = Namespace::for_base(&crate::pwa::router_base());
        let session = match stored::record(&keys) {
            Ok(Some(record)) => Session::Locked(record),
            // No storage at all (blocked, some private modes): nothing is
            // locked, and the app says storage is unavailable.
            Ok(None) | Err(VaultError::Unavailable(_)) => Session::Plain,
            Err(e) => Session::Broken(e.to_string()),
        };
        let lock = Lock {
            session: RwSignal::new_local(session),
            settings: RwSignal::new(stored::settings(&keys)),
            keys: StoredValue::new(keys),
            failures: RwSignal::new((0, 0.0)),
            store: StoredValue::new_local(None),
            tabs: StoredValue::new_local(None),
            notice: StoredValue::new(None),
            warning: RwSignal::new(false),
        };
        tabs::listen(lock);
        idle::watch(lock);
        lock
    }

    /// Moves to `session`; what is shown follows.
    pub(in crate::state) fn set_session(&self, session: Session) {
        self.session.set(session);
        let lock = *self;
        set_timeout(
            move || {
                if let Some(show) = ON_CHANGE.with(Cell::get) {
                    show(lock);
                }
            },
            std::time::Duration::ZERO,
        );
    }

    /// Whether this tab shows the lock screen (reactive).
    pub fn is_locked(&self) -> bool {
        self.session.with(|s| matches!(s, Session::Locked(_) | Session::Broken(_)))
    }

    /// Whether a passphrase is set and this tab is open (reactive).
    pub fn is_open(&self) -> bool {
        self.session.with(|s| matches!(s, Session::Open(_)))
    }

    /// Why the lock cannot be opened, when its record cannot be read.
    pub fn problem(&self) -> Option<String> {
        self.session.with(|s| match s {
            Session::Broken(why) => Some(why.clone()),
            _ => None,
        })
    }

    /// Whether the idle time is nearly up: Tandem locks in half a minute
    /// unless it is used (reactive).
    pub fn locks_soon(&self) -> bool {
        self.warning.get()
    }

    /// The person is here: the idle time starts again (as any key or
    /// click does; "Keep Tandem open" also counts when a screen reader or
    /// voice control presses it without a pointer).
    pub fn keep_open(&self) {
        idle::used(*self);
    }

    /// The lock's settings (reactive).
    pub fn settings(&self) -> ReadSignal<LockSettings> {
        self.settings.read_only()
    }

    /// Until when (ms since the epoch) unlocking waits after failures, and
    /// how many failed in a row (reactive).
    pub fn failures(&self) -> (u32, f64) {
        self.failures.get()
    }

    /// The storage the store opens on, as the session stands.
    pub(in crate::state) fn backend(&self) -> (Box<dyn Backend>, Option<SealedStorage>) {
        match self.session.get_untracked() {
            Session::Open(sealed) => (Box::new(sealed.clone()), Some(sealed)),
            _ => (Box::new(BrowserStorage), None),
        }
    }

    pub(in crate::state) fn sealed(&self) -> Option<SealedStorage> {
        self.session.with_untracked(|s| match s {
            Session::Open(sealed) => Some(sealed.clone()),
            _ => None,
        })
    }

    pub(in crate::state) fn namespace(&self) -> Namespace {
        self.keys.get_value()
    }

    /// A key of the lock's own changed in another tab.
    fn on_storage(&self, key: Option<&str>) {
        let keys = self.namespace();
        let name = match key {
            // Another tab cleared all of storage.
            None => {
                if !matches!(self.session.get_untracked(), Session::Plain) {
                    reload();
                }
                return;
            }
            Some(key) => keys.parse(key),
        };
        if matches!(name, Some(Name::Vault | Name::Lock)) && !doc_code::loaded() {
            // A lock set or changed in another tab before the code that
            // reads it has arrived: read once it has.
            let (lock, key) = (*self, key.map(str::to_string));
            wasm_bindgen_futures::spawn_local(async move {
                doc_code::wait().await;
                lock.on_storage(key.as_deref());
            });
            return;
        }
        match name {
            Some(Name::Vault) => {
                let record = stored::record(&keys).ok().flatten();
                let same_key = match (&record, self.session.get_untracked()) {
                    (Some(r), Session::Open(s)) => r.key_id == s.vault().record().key_id,
                    (Some(r), Session::Locked(ours)) => r.key_id == ours.key_id,
                    (None, Session::Plain) => true,
                    _ => false,
                };
                if !same_key {
                    // Set, removed or replaced in another tab: start again
                    // from what is stored.
                    let store = self.store.get_value();
                    leptos::task::spawn_local(async move {
                        super::actions::lock::save_all(store).await.ok();
                        reload();
                    });
                } else if let (Some(r), Session::Locked(_)) = (record, self.session.get_untracked())
                {
                    self.session.set(Session::Locked(r));
                }
            }
            Some(Name::Lock) => {
                let settings = stored::settings(&keys);
                let locked_again = settings.locked_at != self.settings.get_untracked().locked_at;
                self.settings.set(settings);
                if locked_again && self.is_open_untracked() {
                    super::actions::lock::lock_this_tab(*self);
                }
            }
            _ => {}
        }
    }

    /// Whether this tab is locked, read once (not reactive).
    pub fn is_locked_untracked(&self) -> bool {
        self.session.with_untracked(|s| matches!(s, Session::Locked(_) | Session::Broken(_)))
    }

    pub(in crate::state) fn is_open_untracked(&self) -> bool {
        self.session.with_untracked(|s| matches!(s, Session::Open(_)))
    }
}

/// Starts the page again: what it held in memory goes with it.
pub(in crate::state) fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// The lock provided by the app.
pub fn use_lock() -> Lock {
    expect_context::<Lock>()
}
