//! Reading everything again: after another tab deleted or replaced it all
//! (changes not saved yet are kept aside, offered as a download), or after
//! this tab did.

use leptos::prelude::*;

use super::Store;
use crate::model::Library;

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
}
