//! Reading the library: everything at once when a tab opens or another tab
//! replaced it all (probing that storage answers, reading the header, each
//! value checked and set aside untouched when it is unreadable, invalid or
//! newer), and one value another tab wrote.

use super::fingerprint::hash;
use super::{doc_code, header, Repository};
use crate::model::validate::FieldError;
use crate::model::{profile::Profile, MentorshipDoc};
use crate::storage::codec::utf16_len;
use crate::storage::envelope::{ReadError, Storable};
use crate::storage::keys::{Item, Name};
use crate::storage::status::{Loaded, Problem};
use crate::storage::{Backend, StorageError};

/// Room the probe needs: storage that cannot take this is reported full.
const PROBE_SIZE: usize = 1024;
/// How much of a mentorship's title a problem quotes.
const TITLE_IN_PROBLEM: usize = 60;

impl<B: Backend> Repository<B> {
    /// Reads everything again (after another tab deleted or replaced it
    /// all), and removes what an unfinished replace or delete left behind.
    pub fn load(&mut self) -> Loaded {
        self.forget_everything();
        let mut loaded = Loaded::default();

        let keys = match self.backend.keys() {
            Ok(keys) => keys,
            Err(e) => {
                self.available = false;
                loaded.problems.push(Problem::Unavailable(e.to_string()));
                loaded.unreadable = true;
                return loaded;
            }
        };
        if !self.probe_at_load(keys.is_empty(), &mut loaded.problems) {
            return loaded;
        }
        let header_readable = self.read_header(&keys, &mut loaded);
        for key in &keys {
            self.read_key(key, &mut loaded);
        }
        if loaded.unreadable {
            self.stopped_answering(&mut loaded.problems);
        } else if header_readable && self.newer.is_none() && self.available {
            let live = self.generation;
            self.remove_data_where(|generation| generation != live);
        }
        loaded.library.sort();
        loaded
    }

    fn forget_everything(&mut self) {
        self.epoch = None;
        self.generation = 0;
        self.known.clear();
        self.sizes.clear();
        self.protected.clear();
        self.newer = None;
    }

    /// Reads failed part-way through a load: nothing is written until the
    /// next load reads everything, and the person is told.
    fn stopped_answering(&mut self, problems: &mut Vec<Problem>) {
        self.available = false;
        if !problems.iter().any(|p| matches!(p, Problem::Unavailable(_))) {
            let why = "it stopped answering while Tandem read it".to_string();
            problems.push(Problem::Unavailable(why));
        }
    }

    /// Detects storage that reads but refuses every write (old Safari private
    /// mode), and storage too full for even a small edit. `false` when there
    /// is nothing to read either.
    fn probe_at_load(&mut self, origin_is_empty: bool, problems: &mut Vec<Problem>) -> bool {
        match self.probe() {
            Ok(()) => self.available = true,
            Err(StorageError::QuotaExceeded) if origin_is_empty => {
                self.available = false;
                problems.push(Problem::Unavailable(
                    "it refuses every write, as in some private modes".into(),
                ));
                return false;
            }
            Err(StorageError::QuotaExceeded) => problems.push(Problem::Full),
            Err(e) => {
                // Writes fail, but what is stored may still read: show it
                // (and let it be backed up), change nothing.
                self.available = false;
                problems.push(Problem::Unavailable(e.to_string()));
            }
        }
        true
    }

    pub(super) fn probe(&self) -> Result<(), StorageError> {
        let key = self.keys.probe();
        self.backend.set(&key, &"p".repeat(PROBE_SIZE)).and_then(|_| self.backend.remove(&key))
    }

    /// Reads the header: the epoch and the live generation. Without a
    /// readable one, the live generation is the oldest stored (a replace
    /// only ever adds a newer one), and nothing is cleaned up. Says whether
    /// the header could be read.
    fn read_header(&mut self, keys: &[String], loaded: &mut Loaded) -> bool {
        let key = self.keys.meta();
        let raw = self.read_raw(&key, loaded);
        let problems = &mut loaded.problems;
        if let Some(raw) = &raw {
            self.known.insert(key.clone(), hash(raw));
        }
        match header::read(raw.as_deref()) {
            header::Stored::Current(h) => {
                self.epoch = Some(h.epoch);
                self.generation = h.generation;
                return true;
            }
            header::Stored::Newer(version) => {
                self.newer = Some(version);
                problems.push(Problem::Newer { key, what: "all your mentorships".into(), version });
            }
            // Holds no personal data; a fresh one is written on the next save.
            header::Stored::Unreadable => problems.push(Problem::Corrupt {
                key,
                what: "Tandem's storage header".into(),
                reason: "it is not in Tandem's format".into(),
            }),
            header::Stored::Missing => {}
            // Read once the code is here, as the values are (`Store`).
            header::Stored::NotReady => loaded.not_ready = true,
        }
        self.generation = self.oldest_generation(keys);
        false
    }

    fn oldest_generation(&self, keys: &[String]) -> u64 {
        keys.iter()
            .filter_map(|key| match self.keys.parse(key) {
                Some(Name::Data { generation, .. }) => Some(generation),
                _ => None,
            })
            .min()
            .unwrap_or(0)
    }

    /// A stored value while loading; a read that fails marks the whole load
    /// unreadable (what was read is then not the whole story).
    fn read_raw(&self, key: &str, loaded: &mut Loaded) -> Option<String> {
        self.backend.get(key).unwrap_or_else(|_| {
            loaded.unreadable = true;
            None
        })
    }

    /// Reads one key into `loaded` if it is a value of the live generation.
    fn read_key(&mut self, key: &str, loaded: &mut Loaded) {
        let Some(raw) = self.read_raw(key, loaded) else {
            return;
        };
        self.sizes.insert(key.to_string(), utf16_len(key) + utf16_len(&raw));
        let Some(Name::Data { generation, item }) = self.keys.parse(key) else {
            return;
        };
        if generation != self.generation {
            return;
        }
        if !doc_code::loaded() && item != Item::Other {
            // Read once the code is here (`Store`): until then nothing
            // is known of it, so a save reads it first and merges.
            loaded.not_ready = true;
            return;
        }
        self.known.insert(key.to_string(), hash(&raw));
        match item {
            Item::Profile => match Profile::decode(&raw) {
                Ok(profile) => loaded.library.profile = profile,
                Err(e) => loaded.problems.push(self.set_aside(key, "your profile", e)),
            },
            Item::Doc(id) => match self.read_doc(key, id, &raw) {
                Ok(doc) => loaded.library.mentorships.push(doc),
                Err(problem) => loaded.problems.push(problem),
            },
            Item::Other => {}
        }
    }

    /// Reads a stored mentorship, normalised (see `model::integrity`). One
    /// that does not decode, is not the one its key names, or fails the
    /// model's checks is set aside untouched.
    pub(super) fn read_doc(
        &mut self,
        key: &str,
        id: &str,
        raw: &str,
    ) -> Result<MentorshipDoc, Problem> {
        let Some(read) = doc_code::get() else {
            return Err(self.set_aside(key, "a mentorship", ReadError::NotReady));
        };
        let mut doc = (read.read_doc)(raw).map_err(|e| self.set_aside(key, "a mentorship", e))?;
        // What an older version (or another tab) may have stored is put right
        // first, as an import does; only what is still wrong is set aside.
        (read.normalize_doc)(&mut doc);
        if doc.id().to_string() != id {
            let reason = "its content belongs to another mentorship".to_string();
            return Err(self.set_aside(key, "a mentorship", ReadError::Corrupt(reason)));
        }
        if let Err(errors) = (read.check_doc)(&doc) {
            let what = format!("the mentorship “{}”", shortened(&doc.mentorship.title()));
            return Err(self.set_aside(key, &what, ReadError::Corrupt(failed_checks(&errors))));
        }
        Ok(doc)
    }

    /// Keeps a stored value that could not be read from being overwritten,
    /// and says why it was set aside.
    pub(super) fn set_aside(&mut self, key: &str, what: &str, error: ReadError) -> Problem {
        let problem = match error {
            // Not known to be wrong, so not held back either (the store reads
            // nothing before the code is here: this is not reached).
            ReadError::NotReady => {
                let reason = "Tandem had not finished starting; reload the page to read it";
                return Problem::Corrupt {
                    key: key.into(),
                    what: what.into(),
                    reason: reason.into(),
                };
            }
            ReadError::Corrupt(reason) => {
                Problem::Corrupt { key: key.into(), what: what.into(), reason }
            }
            ReadError::Newer(version) => {
                Problem::Newer { key: key.into(), what: what.into(), version }
            }
        };
        self.protected.insert(key.to_string());
        problem
    }
}

/// A title short enough to quote in a sentence.
fn shortened(title: &str) -> String {
    match title.char_indices().nth(TITLE_IN_PROBLEM) {
        Some((cut, _)) => format!("{}…", &title[..cut]),
        None => title.to_string(),
    }
}

/// Why a stored mentorship fails the model's checks, in a few words.
fn failed_checks(errors: &[FieldError]) -> String {
    let first: Vec<&str> = errors.iter().take(3).map(|e| e.message.trim_end_matches('.')).collect();
    format!("it does not pass Tandem's checks: {}", first.join("; "))
}
