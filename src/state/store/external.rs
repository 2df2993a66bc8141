//! Taking in one change another tab stored (the `storage` event): merged
//! record by record with what this tab holds.

use leptos::prelude::*;

use super::Store;
use crate::storage::doc_code;
use crate::storage::External;

impl Store {
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
