//! Reading everything again: after another tab deleted or replaced it all
//! (changes not saved yet are kept aside, offered as a download), after this
//! tab did, and taking in one change another tab stored.

use leptos::prelude::*;

use super::Store;
use crate::model::Library;
use crate::storage::doc_code;
use crate::storage::External;

impl Store {
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
}
