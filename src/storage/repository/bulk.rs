//! Operations on everything at once — deleting it all, replacing it all with
//! a backup — each all or nothing. The new state is written under the keys of
//! a new generation, beside the live one; then the header is switched to it
//! in one write; then the old generation is removed. A crash before the
//! switch leaves the old library, after it the new one; what it leaves
//! behind is removed at the next start ([`Repository::load`]).

use std::collections::BTreeSet;

use uuid::Uuid;

use super::header::{self, Header};
use super::{hash, Repository, SaveError};
use crate::model::{Library, MentorshipDoc};
use crate::storage::keys::{Item, Name};
use crate::storage::status::ReplaceError;
use crate::storage::Backend;

/// The keys a replace wrote for the new generation.
#[derive(Default)]
struct Written {
    keys: Vec<String>,
    /// Unreadable values carried over as they are: still held back.
    held_back: BTreeSet<String>,
}

impl<B: Backend> Repository<B> {
    /// Deletes everything Tandem stored on this device — unreadable values
    /// included — and starts a new epoch so other tabs drop their copies.
    pub fn delete_all(&mut self) -> Result<(), SaveError> {
        if !self.available {
            return Err(SaveError::Unavailable("browser storage cannot be used".into()));
        }
        let keys = self.backend.keys()?;
        let next = self.next_generation(&keys);
        match self.write_header(Uuid::new_v4().to_string(), next) {
            Ok(()) => {}
            Err(SaveError::Full) => self.delete_all_when_full(&keys, next)?,
            Err(e) => return Err(e),
        }
        self.generation = next;
        self.protected.clear();
        self.newer = None;
        self.remove_data_where(|generation| generation != next);
        self.forget_device();
        Ok(())
    }

    /// Storage too full for even the new header: removes everything first
    /// (which frees the room), then writes it. If it still cannot be
    /// written, nothing of Tandem's is left, and other tabs, finding no
    /// header, reload all the same.
    fn delete_all_when_full(&mut self, keys: &[String], next: u64) -> Result<(), SaveError> {
        self.epoch = None;
        let ours: Vec<&String> = keys.iter().filter(|k| self.keys.parse(k).is_some()).collect();
        for key in ours {
            self.backend.remove(key)?;
            self.forget(key);
        }
        let _ = self.write_header(Uuid::new_v4().to_string(), next);
        Ok(())
    }

    /// Replaces every mentorship and the profile with `library`, all or
    /// nothing. Stored values the backup has a copy of are replaced even if
    /// unreadable (the person chose to replace them); other unreadable values
    /// are kept as they are. A new epoch makes other tabs reload.
    pub fn replace_all(&mut self, library: &Library) -> Result<(), ReplaceError> {
        self.writable().map_err(ReplaceError::NotReplaced)?;
        let keys = self.backend.keys().map_err(|e| ReplaceError::NotReplaced(e.into()))?;
        let target = self.next_generation(&keys);
        let written = self
            .write_generation(target, library, &keys)
            .and_then(|written| self.still_stored(&written.keys).map(|()| written));
        let written = match written {
            Ok(written) => written,
            Err(e) => {
                self.remove_data_where(|generation| generation == target);
                return Err(ReplaceError::NotReplaced(e));
            }
        };
        self.switch_to(target)?;
        self.protected = written.held_back;
        self.remove_data_where(|generation| generation != target);
        Ok(())
    }

    /// A generation newer than any stored, so that nothing of an earlier
    /// attempt is mistaken for part of it.
    fn next_generation(&self, keys: &[String]) -> u64 {
        keys.iter()
            .filter_map(|key| match self.keys.parse(key) {
                Some(Name::Data { generation, .. }) => Some(generation),
                _ => None,
            })
            .chain([self.generation])
            .max()
            .unwrap_or(0)
            .saturating_add(1)
    }

    /// Writes `library`, and the unreadable values it does not replace,
    /// under the keys of `target`.
    fn write_generation(
        &mut self,
        target: u64,
        library: &Library,
        keys: &[String],
    ) -> Result<Written, SaveError> {
        let mut written = Written::default();
        let key = self.keys.profile(target);
        self.write_value(&key, &library.profile)?;
        written.keys.push(key);
        for doc in &library.mentorships {
            let key = self.keys.doc(target, doc.id());
            self.write_value(&key, doc)?;
            written.keys.push(key);
        }
        for (key, raw) in self.kept_aside(keys, &library.mentorships, target)? {
            self.write_exact(&key, &raw)?;
            written.held_back.insert(key.clone());
            written.keys.push(key);
        }
        Ok(written)
    }

    /// The held-back mentorships of the live generation that the backup has
    /// no copy of, each with its key in `target` and its value as it is.
    fn kept_aside(
        &self,
        keys: &[String],
        replacing: &[MentorshipDoc],
        target: u64,
    ) -> Result<Vec<(String, String)>, SaveError> {
        let mut kept = Vec::new();
        for key in keys.iter().filter(|k| self.protected.contains(*k)) {
            let Some(Name::Data { generation, item: item @ Item::Doc(id) }) = self.keys.parse(key)
            else {
                continue;
            };
            let replaced = replacing.iter().any(|d| d.id().to_string() == id);
            if generation != self.generation || replaced {
                continue;
            }
            let (Some(moved), Some(raw)) = (self.keys.moved(item, target), self.backend.get(key)?)
            else {
                continue;
            };
            kept.push((moved, raw));
        }
        Ok(kept)
    }

    /// Checks that what was written is still there: another tab starting
    /// meanwhile removes a generation it takes for abandoned.
    fn still_stored(&self, keys: &[String]) -> Result<(), SaveError> {
        for key in keys {
            let stored = self.backend.get(key)?;
            if stored.map(|raw| hash(&raw)) != self.known.get(key).copied() {
                return Err(SaveError::Failed("another tab changed storage meanwhile".into()));
            }
        }
        Ok(())
    }

    /// Switches the header to `target`: the one write that makes the new
    /// generation the library. If that write reports a failure, the header is
    /// read again to tell whether the switch happened.
    fn switch_to(&mut self, target: u64) -> Result<(), ReplaceError> {
        let epoch = Uuid::new_v4().to_string();
        let Err(e) = self.write_header(epoch.clone(), target) else {
            self.generation = target;
            return Ok(());
        };
        match self.stored_header() {
            Err(_) => Err(ReplaceError::Unknown(e)),
            Ok(header::Stored::Current(h)) if h == Header::new(epoch.clone(), target) => {
                self.epoch = Some(epoch);
                self.generation = target;
                Ok(())
            }
            Ok(_) => {
                self.remove_data_where(|generation| generation == target);
                Err(ReplaceError::NotReplaced(e))
            }
        }
    }

    /// Removes every stored value of the generations `which` picks. Best
    /// effort: what cannot be removed now is removed at the next start.
    pub(super) fn remove_data_where(&mut self, which: impl Fn(u64) -> bool) {
        let Ok(keys) = self.backend.keys() else {
            return;
        };
        for key in keys {
            let picked = matches!(
                self.keys.parse(&key),
                Some(Name::Data { generation, .. }) if which(generation)
            );
            if picked && self.backend.remove(&key).is_ok() {
                self.forget(&key);
                self.protected.remove(&key);
            }
        }
    }
}
