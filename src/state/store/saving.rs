//! Saving: what is pending is saved a moment after the last change (or at
//! once, on [`Store::flush`]), each mentorship merged with what another tab
//! stored meanwhile; failures stay pending and the worst one is shown.

use std::collections::BTreeSet;

use leptos::prelude::*;
use uuid::Uuid;

use super::{Failure, Store, SAVE_DELAY_MS};
use crate::browser::{self, Timer};
use crate::storage::doc_code::{self, DocCode};
use crate::storage::{Problem, SaveError};

impl Store {
    /// Marks a mentorship changed: it goes with the next save.
    pub(in crate::state) fn mark_doc(&self, id: Uuid) {
        self.pending.update_value(|p| {
            p.docs.insert(id);
        });
        self.schedule();
    }

    /// Saves what is pending a moment after the last change.
    pub(super) fn schedule(&self) {
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
