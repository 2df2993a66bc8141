//! The store: the library in a signal, the storage status the banners show,
//! and the saving machinery behind them. Its fields are private to
//! [`crate::state`]: views read through [`Store::library`] and
//! [`Store::status`] and change things only through the actions.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use uuid::Uuid;

use super::Lock;
use crate::browser::{self, Timer};
use crate::model::exchange::DeviceState;
use crate::model::{Library, MentorshipDoc, Record};
use crate::storage::doc_code::{self, DocCode};
use crate::storage::vault::sealed::SealedStorage;
use crate::storage::{
    Backend, External, Namespace, Problem, Repository, SaveError, StorageError, Usage,
};

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

    pub(in crate::state) fn mark_doc(&self, id: Uuid) {
        self.pending.update_value(|p| {
            p.docs.insert(id);
        });
        self.schedule();
    }

    fn schedule(&self) {
        let store = *self;
        self.pending.update_value(|p| {
            if let Some(t) = p.timer.take() {
                t.clear();
            }
            p.timer = set_timeout_with_handle(
                move || store.flush(),
                std::time::Duration::from_millis(SAVE_DELAY_MS),
            )
            .ok();
        });
        let n = self.pending.with_value(|p| p.docs.len() + usize::from(p.profile));
        self.status.update(|s| s.pending = n);
    }

    /// Saves everything pending now. Failed saves stay pending and are tried
    /// again with the next change (or the next flush) — except where the
    /// stored copy must not be overwritten.
    pub fn flush(&self) {
        self.save_pending();
    }

    /// Saves everything pending now, like [`Store::flush`], and returns what
    /// could not be saved.
    pub(in crate::state) fn save_pending(&self) -> Vec<Failure> {
        let Some(code) = doc_code::get() else {
            // Saved once the code is here (`catch_up`): still pending,
            // and reported as not saved to whoever must know (the lock).
            return self.pending.with_value(|p| {
                let docs = p.docs.iter().map(|id| (Some(*id), SaveError::NotReady));
                docs.chain(p.profile.then_some((None, SaveError::NotReady))).collect()
            });
        };
        let (docs, profile) = self
            .pending
            .try_update_value(|p| {
                if let Some(t) = p.timer.take() {
                    t.clear();
                }
                (std::mem::take(&mut p.docs), std::mem::take(&mut p.profile))
            })
            .unwrap_or_default();
        if docs.is_empty() && !profile {
            return Vec::new();
        }
        let mut failed = self.save_docs(code, docs);
        if profile {
            failed.extend(self.save_profile());
        }
        if failed.iter().any(|(_, e)| *e == SaveError::EpochChanged) {
            // Pending again, so that the reload keeps them aside.
            self.retry_later(&failed);
            self.reload("Everything was deleted or replaced in another tab, so this tab now shows what is stored.");
            return failed;
        }
        let retried = self.retry_later(&failed);
        self.report_saves(&failed, retried);
        failed
    }

    /// Saves the given mentorships, adopting what another tab merged in.
    fn save_docs(&self, code: &DocCode, ids: BTreeSet<Uuid>) -> Vec<Failure> {
        let mut failed = Vec::new();
        let mut adopted = Vec::new();
        for id in ids {
            let Some(doc) = self
                .library
                .with_untracked(|lib| lib.mentorships.iter().find(|d| d.id() == id).cloned())
            else {
                continue;
            };
            let timer = Timer::start("tandem:save");
            let result = self.repo.try_update_value(|repo| repo.save_doc(&doc));
            timer.stop();
            match result {
                Some(Ok(Some(merged))) => adopted.push(merged),
                Some(Err(e)) => failed.push((Some(id), e)),
                _ => {}
            }
        }
        if !adopted.is_empty() {
            self.library
                .update(|lib| adopted.into_iter().for_each(|doc| (code.merge_into)(lib, doc)));
        }
        failed
    }

    /// Saves the profile, adopting another tab's if it won.
    fn save_profile(&self) -> Option<Failure> {
        let p = self.library.with_untracked(|lib| lib.profile.clone());
        match self.repo.try_update_value(|repo| repo.save_profile(&p))? {
            Ok(Some(theirs)) => {
                self.library.update(|lib| lib.profile = theirs);
                None
            }
            Ok(None) => None,
            Err(e) => Some((None, e)),
        }
    }

    /// Puts back for the next save what failed — but what must not be
    /// overwritten. Returns how many are waiting.
    fn retry_later(&self, failed: &[Failure]) -> usize {
        let retry: Vec<Option<Uuid>> = failed
            .iter()
            .filter(|(_, e)| !matches!(e, SaveError::Protected | SaveError::ReadOnly(_)))
            .map(|(id, _)| *id)
            .collect();
        self.pending.update_value(|p| {
            for id in &retry {
                match id {
                    Some(id) => {
                        p.docs.insert(*id);
                    }
                    None => p.profile = true,
                }
            }
        });
        retry.len()
    }

    /// Shows how the saves went: the most serious failure, or when it last
    /// saved.
    fn report_saves(&self, failed: &[Failure], pending: usize) {
        let worst = failed.iter().map(|(_, e)| e.clone()).max_by_key(severity);
        let usage = self.repo.with_value(|r| r.usage());
        self.status.update(|s| {
            s.usage = usage;
            s.pending = pending;
            match worst {
                Some(e) => s.save_error = Some(e),
                None => {
                    s.save_error = None;
                    s.last_saved = Some(browser::now());
                    // A save went through: storage is no longer full.
                    s.problems.retain(|p| *p != Problem::Full);
                }
            }
        });
    }

    /// Reads everything again after another tab deleted or replaced it all.
    /// Changes this tab had not been able to save are kept aside, offered
    /// for download, never dropped silently.
    pub(in crate::state) fn reload(&self, notice: &str) {
        let shown = self.library.get_untracked();
        if self.drop_pending() {
            self.rescued.set(Some(shown.clone()));
        }
        self.load_again(notice, shown);
    }

    /// Reads everything again after this tab replaced it all with
    /// `replacement`, as the person asked: changes not saved yet go with what
    /// they replaced.
    pub(in crate::state) fn reload_replaced(&self, notice: &str, replacement: Library) {
        self.drop_pending();
        self.load_again(notice, replacement);
    }

    /// Reads everything again after this tab deleted it all, as the person
    /// asked: changes not saved yet and the rescued copy go too.
    pub(in crate::state) fn reload_deleted(&self, notice: &str) {
        self.drop_pending();
        self.rescued.set(None);
        self.load_again(notice, Library::default());
    }

    /// Forgets what was waiting to be saved; says whether there was any.
    fn drop_pending(&self) -> bool {
        self.pending
            .try_update_value(|p| {
                if let Some(t) = p.timer.take() {
                    t.clear();
                }
                let any = !p.docs.is_empty() || p.profile;
                p.docs.clear();
                p.profile = false;
                any
            })
            .unwrap_or(false)
    }

    /// Shows what is stored — or, when storage cannot be read, what this tab
    /// knows is stored (`if_unreadable`).
    fn load_again(&self, notice: &str, if_unreadable: Library) {
        let Some(loaded) = self.repo.try_update_value(|r| r.load()) else {
            return;
        };
        if loaded.not_ready {
            self.pending.update_value(|p| p.unread = true);
        }
        let usage = self.repo.with_value(|r| r.usage());
        self.library.set(if loaded.unreadable { if_unreadable } else { loaded.library });
        self.status.update(|s| {
            s.problems = loaded.problems;
            s.save_error = None;
            s.usage = usage;
            s.pending = 0;
            s.notice = Some(notice.to_string());
        });
    }

    /// Applies a change another tab made.
    pub(in crate::state) fn apply_external(&self, key: &str, new_value: Option<&str>) {
        let Some(code) = doc_code::get() else {
            self.pending.update_value(|p| {
                p.external.push((key.to_string(), new_value.map(str::to_string)));
            });
            return;
        };
        let Some(external) = self.repo.try_update_value(|r| r.external(key, new_value)) else {
            return;
        };
        match external {
            External::Ignored => {}
            External::Reload => self.reload("Everything was deleted or replaced in another tab, so this tab now shows what is stored."),
            External::Doc(theirs) => {
                let id = theirs.id();
                self.status.update(|s| s.problems.retain(|p| p.key() != Some(key)));
                let ours_has_more = self.library.try_update(|lib| {
                    (code.merge_into)(lib, (*theirs).clone());
                    lib.mentorships.iter().find(|d| d.id() == id).is_some_and(|d| *d != *theirs)
                });
                if ours_has_more == Some(true) {
                    self.mark_doc(id);
                }
            }
            External::DocRemoved(id) => {
                // Edits this tab has not saved yet keep it, and write it back.
                if self.pending.with_value(|p| p.docs.contains(&id)) {
                    self.schedule();
                } else {
                    self.library.update(|lib| lib.mentorships.retain(|d| d.id() != id));
                }
            }
            External::Profile(theirs) => self.library.update(|lib| {
                lib.profile = (code.merge_profile)(&lib.profile, &theirs);
            }),
            External::Unreadable(problem) => self.status.update(|s| s.problems.push(problem)),
        }
        let usage = self.repo.with_value(|r| r.usage());
        self.status.update(|s| s.usage = usage);
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

/// Which save failure to show when several happened at once.
fn severity(e: &SaveError) -> u8 {
    match e {
        SaveError::Full => 6,
        SaveError::Unavailable(_) => 5,
        SaveError::Failed(_) => 4,
        SaveError::ReadOnly(_) => 3,
        SaveError::Protected => 2,
        SaveError::EpochChanged => 1,
        SaveError::NotReady => 0,
    }
}

/// The store provided by the app.
pub fn use_store() -> Store {
    expect_context::<Store>()
}
