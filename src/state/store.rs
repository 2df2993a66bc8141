//! The store: the library in a signal, the storage status the banners show,
//! and the machinery behind them: [`saving`], reading everything again
//! ([`reloads`]) and another tab's change ([`external`]). Its fields are
//! private to [`crate::state`]: views read through [`Store::library`] and
//! [`Store::status`] and change things only through the actions.

mod external;
mod reloads;
mod saving;

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use uuid::Uuid;

use super::Lock;
use crate::browser::{self, Timer};
use crate::model::exchange::DeviceState;
use crate::model::{Library, MentorshipDoc, Record};
use crate::storage::doc_code;
use crate::storage::vault::sealed::SealedStorage;
use crate::storage::{Backend, Namespace, Problem, Repository, SaveError, StorageError, Usage};

/// What the storage banners and the data page show.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StorageStatus {
    /// Found at load (or later): unavailable storage, unreadable or newer data.
    pub problems: Vec<Problem>,
    /// Why the latest save failed, until one succeeds.
    pub save_error: Option<SaveError>,
    pub usage: Usage,
    pub last_saved: Option<DateTime<Utc>>,
    /// Something another tab did that changed what is shown.
    pub notice: Option<String>,
    /// Whether the browser agreed to keep storage under pressure.
    pub persisted: Option<bool>,
    /// Changes not yet saved.
    pub pending: usize,
}

impl StorageStatus {
    /// Storage cannot hold the latest changes (full or unavailable).
    pub fn changes_at_risk(&self) -> bool {
        matches!(
            self.save_error,
            Some(SaveError::Full | SaveError::Unavailable(_) | SaveError::Failed(_))
        ) || self.problems.iter().any(|p| matches!(p, Problem::Unavailable(_)))
    }
}

/// A save that failed: the mentorship's id (`None` for the profile), and why.
pub(in crate::state) type Failure = (Option<Uuid>, SaveError);

/// What is waiting to be saved.
#[derive(Default)]
struct Pending {
    docs: BTreeSet<Uuid>,
    profile: bool,
    timer: Option<TimeoutHandle>,
    /// Other tabs' changes that came before the code that reads stored
    /// values (`storage::doc_code`), applied once it is here.
    external: Vec<(String, Option<String>)>,
    /// Stored values left unread for the same reason, read then.
    unread: bool,
}

/// The app's state. `Copy`, so views capture it freely.
#[derive(Clone, Copy)]
pub struct Store {
    pub(in crate::state) library: RwSignal<Library>,
    pub(in crate::state) status: RwSignal<StorageStatus>,
    /// What this tab held, unsaved, when another tab deleted or replaced
    /// everything: offered as a backup download.
    pub(in crate::state) rescued: RwSignal<Option<Library>>,
    /// The mentorships this device has sent or received: from then on each
    /// side's own records are changed only on that side's devices.
    pub(in crate::state) exchanged: RwSignal<BTreeSet<Uuid>>,
    repo: StoredValue<Repository<Box<dyn Backend>>, LocalStorage>,
    pending: StoredValue<Pending, LocalStorage>,
    /// The open vault under the repository, when a passphrase is set.
    sealed: StoredValue<Option<SealedStorage>, LocalStorage>,
}

/// Whether a change may touch a closed (read-only) mentorship.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(in crate::state) enum IfClosed {
    Refuse,
    Allow,
}

/// How long edits gather before they are saved.
const SAVE_DELAY_MS: u64 = 300;

impl Store {
    /// Opens this deployment's part of storage, reads the library and starts
    /// listening to other tabs and to the page being hidden. Call inside the
    /// app's reactive owner.
    pub fn open(
        backend: Box<dyn Backend>,
        sealed: Option<SealedStorage>,
        keys: Namespace,
    ) -> Store {
        let timer = Timer::start("tandem:load");
        let (repo, loaded) = Repository::open(backend, keys);
        timer.stop();
        let loaded_unread = loaded.not_ready;
        let exchanged = repo.stored_device().map(|d| d.exchanged()).unwrap_or_default();
        let status =
            StorageStatus { problems: loaded.problems, usage: repo.usage(), ..Default::default() };
        let store = Store {
            library: RwSignal::new(loaded.library),
            status: RwSignal::new(status),
            rescued: RwSignal::new(None),
            exchanged: RwSignal::new(exchanged),
            repo: StoredValue::new_local(repo),
            pending: StoredValue::new_local(Pending::default()),
            sealed: StoredValue::new_local(sealed.clone()),
        };
        if let Some(sealed) = sealed {
            // Sealed writes are stored after the save: how they went shows
            // as the save's outcome.
            sealed.on_stored(move |stored| store.sealed_stored(stored));
        }
        super::sync::listen(store);
        if !doc_code::loaded() {
            store.pending.update_value(|p| p.unread = loaded_unread);
            leptos::task::spawn_local(async move {
                // After the first paint, as `app::mount` fetches it.
                crate::browser::after_next_paint().await;
                doc_code::wait().await;
                store.catch_up();
            });
        }
        store
    }

    /// Once stored values can be read (on a first visit, just after the app
    /// started): what was stored but left unread joins what this tab holds,
    /// record by record; other tabs' changes are applied; what waited is
    /// saved (merging with what is stored, as every save does).
    fn catch_up(&self) {
        let Some(code) = doc_code::get() else { return };
        let (unread, external) = self
            .pending
            .try_update_value(|p| (std::mem::take(&mut p.unread), std::mem::take(&mut p.external)))
            .unwrap_or_default();
        if let Some(device) = self.repo.try_with_value(|r| r.stored_device()).flatten() {
            self.exchanged.set(device.exchanged());
        }
        if unread {
            // What is stored now, other tabs' changes included.
            if let Some(loaded) = self.repo.try_update_value(|r| r.load()) {
                self.library.update(|lib| {
                    let ours = std::mem::replace(lib, loaded.library);
                    ours.mentorships.into_iter().for_each(|doc| (code.merge_into)(lib, doc));
                    lib.profile = (code.merge_profile)(&lib.profile, &ours.profile);
                });
                self.status.update(|s| s.problems = loaded.problems);
            }
        } else {
            for (key, new_value) in external {
                self.apply_external(&key, new_value.as_deref());
            }
        }
        self.flush();
    }

    /// The open vault, when a passphrase is set.
    pub(in crate::state) fn sealed(&self) -> Option<SealedStorage> {
        self.sealed.try_get_value().flatten()
    }

    /// Shows how storing the sealed writes went.
    fn sealed_stored(&self, stored: Result<(), StorageError>) {
        let error = stored.err().map(SaveError::from);
        self.status.try_update(|s| {
            if error.is_none() && s.save_error.is_none() {
                return;
            }
            s.save_error = error;
        });
    }

    /// Opens the browser's `localStorage` (through the lock's vault when a
    /// passphrase is set), in the keys of the deployment at the page's
    /// `<base href>`, and provides the store to the views.
    pub fn provide(lock: Lock) -> Store {
        let (backend, sealed) = lock.backend();
        let store = Store::open(backend, sealed, lock.namespace());
        lock.store.set_value(Some(store));
        if let Some(notice) = lock.notice.try_update_value(Option::take).flatten() {
            store.set_notice(Some(notice));
            request_animation_frame(|| browser::focus_selector("main h1"));
        }
        provide_context(store);
        super::badge::keep_in_step(store);
        leptos::task::spawn_local(async move {
            let persisted = crate::storage::persist::request_persistence().await;
            store.status.update(|s| s.persisted = persisted);
        });
        store
    }

    /// Everything on this device, to read (reactively).
    pub fn library(&self) -> ReadSignal<Library> {
        self.library.read_only()
    }

    /// What the storage banners and the data page show.
    pub fn status(&self) -> ReadSignal<StorageStatus> {
        self.status.read_only()
    }

    /// Whether changes another tab's "delete everything" would have lost
    /// are held here, waiting to be downloaded or discarded.
    pub fn has_rescued(&self) -> bool {
        self.rescued.with(Option::is_some)
    }

    /// Reads one live mentorship (reactively).
    pub fn doc(&self, id: Uuid) -> Option<MentorshipDoc> {
        self.library.with(|lib| lib.get(id).cloned())
    }

    /// Reads one live mentorship without subscribing (in event handlers).
    pub fn doc_untracked(&self, id: Uuid) -> Option<MentorshipDoc> {
        self.library.with_untracked(|lib| lib.get(id).cloned())
    }

    /// Changes one mentorship in memory and schedules its save. Refused (and
    /// `None` returned) when it does not exist or is closed (read-only).
    pub(in crate::state) fn change<R>(
        &self,
        id: Uuid,
        f: impl FnOnce(&mut MentorshipDoc, DateTime<Utc>) -> R,
    ) -> Option<R> {
        self.change_in(id, IfClosed::Refuse, f)
    }

    /// Changes one live record of a mentorship — in the list `pick` chooses,
    /// with id `id` — and marks it changed if it did change: a record marked
    /// changed by a refused or empty edit would win over the partner's real
    /// edit when the two copies merge. `None` when the mentorship is closed
    /// or the record is gone.
    pub(in crate::state) fn change_record<T: Record + PartialEq, R>(
        &self,
        m: Uuid,
        pick: fn(&mut MentorshipDoc) -> &mut Vec<T>,
        id: Uuid,
        f: impl FnOnce(&mut T, DateTime<Utc>) -> R,
    ) -> Option<R> {
        self.change(m, |doc, now| {
            let record = pick(doc).iter_mut().find(|x| x.id() == id && x.is_live())?;
            let before = record.clone();
            let out = f(record, now);
            if *record != before {
                record.meta_mut().touch(now);
            }
            Some(out)
        })
        .flatten()
    }

    /// Like [`Store::change`], and says whether a closed mentorship may be
    /// changed too (to reopen it, or to take in what the partner sent).
    pub(in crate::state) fn change_in<R>(
        &self,
        id: Uuid,
        if_closed: IfClosed,
        f: impl FnOnce(&mut MentorshipDoc, DateTime<Utc>) -> R,
    ) -> Option<R> {
        let now = browser::now();
        let result = self.library.try_update(|lib| {
            let doc = lib.get_mut(id)?;
            if if_closed == IfClosed::Refuse && doc.mentorship.is_read_only() {
                return None;
            }
            Some(f(doc, now))
        })??;
        self.mark_doc(id);
        Some(result)
    }

    /// Adds a new mentorship and schedules its save.
    pub(in crate::state) fn insert(&self, doc: MentorshipDoc) {
        let id = doc.id();
        self.library.update(|lib| lib.put(doc));
        self.mark_doc(id);
    }

    /// Puts a mentorship in place of whatever this device holds under its
    /// id — a deleted copy included — and schedules its save: joining a
    /// mentorship again after deleting it here.
    pub(in crate::state) fn replace(&self, doc: MentorshipDoc) {
        let id = doc.id();
        self.library.update(|lib| lib.put(doc));
        self.mark_doc(id);
    }

    /// This device's exchange bookkeeping, read afresh (another tab may
    /// have changed it).
    pub(in crate::state) fn device(&self) -> DeviceState {
        self.repo.try_update_value(|r| r.device()).unwrap_or_default()
    }

    /// Changes this device's exchange bookkeeping and stores it.
    pub(in crate::state) fn change_device(
        &self,
        f: impl FnOnce(&mut DeviceState),
    ) -> Result<(), SaveError> {
        let (saved, exchanged) = self
            .repo
            .try_update_value(|r| {
                let mut state = r.device();
                f(&mut state);
                (r.save_device(&state), state.exchanged())
            })
            .unwrap_or_else(|| {
                (Err(SaveError::Unavailable("the app is closing".into())), BTreeSet::new())
            });
        self.exchanged.set(exchanged);
        saved
    }

    /// Deletes a mentorship (leaving a tombstone) and schedules its save.
    pub(in crate::state) fn delete(&self, id: Uuid) {
        let now = browser::now();
        self.library.update(|lib| {
            if let Some(doc) = lib.mentorships.iter_mut().find(|d| d.id() == id) {
                doc.tombstone(now);
            }
        });
        self.mark_doc(id);
    }

    /// Changes the profile and schedules its save.
    pub(in crate::state) fn change_profile(
        &self,
        f: impl FnOnce(&mut crate::model::profile::Profile, DateTime<Utc>),
    ) {
        let now = browser::now();
        self.library.update(|lib| f(&mut lib.profile, now));
        self.pending.update_value(|p| p.profile = true);
        self.schedule();
    }

    /// Runs something against the repository (backup, delete, usage…).
    pub(in crate::state) fn with_repo<R>(
        &self,
        f: impl FnOnce(&mut Repository<Box<dyn Backend>>) -> R,
    ) -> Option<R> {
        self.repo.try_update_value(f)
    }

    pub(in crate::state) fn set_notice(&self, notice: Option<String>) {
        self.status.update(|s| s.notice = notice);
    }
}

/// The store provided by the app.
pub fn use_store() -> Store {
    expect_context::<Store>()
}
