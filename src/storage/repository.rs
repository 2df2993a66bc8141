//! Loading and saving the library through a [`Backend`], by the rules in the
//! [module doc](super): unreadable or invalid values are set aside untouched,
//! saves merge with what another tab wrote and are checked to read back as
//! what was meant, failures keep the data in memory. Everything at once
//! (delete, replace) is in [`bulk`].

use std::collections::{BTreeSet, HashMap};

use uuid::Uuid;

use super::codec::utf16_len;
use super::doc_code;
use super::envelope::{ReadError, Storable};
use super::keys::{Item, Name, Namespace};
use super::status::{External, Loaded, Problem, SaveError, Usage};
use super::{Backend, StorageError, QUOTA};
use crate::model::validate::FieldError;
use crate::model::{profile::Profile, MentorshipDoc};

mod bulk;
mod device;
mod fingerprint;
pub(crate) mod header;

use fingerprint::hash;
use header::Header;

/// Room the probe needs: storage that cannot take this is reported full.
const PROBE_SIZE: usize = 1024;
/// How much of a mentorship's title a problem quotes.
const TITLE_IN_PROBLEM: usize = 60;

pub struct Repository<B: Backend> {
    backend: B,
    /// This deployment's keys.
    keys: Namespace,
    /// The epoch of the data this tab holds (`None` before the first save).
    epoch: Option<String>,
    /// The generation whose keys hold the library.
    generation: u64,
    /// A hash of the last value read or written per key: a different stored
    /// value means another tab wrote it.
    known: HashMap<String, u64>,
    /// UTF-16 size of every key of the origin (Tandem's and others').
    sizes: HashMap<String, usize>,
    /// Keys that must never be written: unreadable, invalid or newer data.
    protected: BTreeSet<String>,
    /// The stored data as a whole is from a newer schema.
    newer: Option<u32>,
    available: bool,
}

impl<B: Backend> Repository<B> {
    /// Opens this deployment's part of storage and reads everything in it.
    pub fn open(backend: B, keys: Namespace) -> (Repository<B>, Loaded) {
        let mut repo = Repository {
            backend,
            keys,
            epoch: None,
            generation: 0,
            known: HashMap::new(),
            sizes: HashMap::new(),
            protected: BTreeSet::new(),
            newer: None,
            available: true,
        };
        let loaded = repo.load();
        (repo, loaded)
    }

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

    fn probe(&self) -> Result<(), StorageError> {
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
    fn read_doc(&mut self, key: &str, id: &str, raw: &str) -> Result<MentorshipDoc, Problem> {
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
    fn set_aside(&mut self, key: &str, what: &str, error: ReadError) -> Problem {
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

    fn writable(&self) -> Result<(), SaveError> {
        if !self.available {
            return Err(SaveError::Unavailable("browser storage cannot be used".into()));
        }
        if let Some(v) = self.newer {
            return Err(SaveError::ReadOnly(v));
        }
        // Writing, the check that it reads back and the merge with what
        // another tab wrote all need the code that does it.
        if !doc_code::loaded() {
            return Err(SaveError::NotReady);
        }
        Ok(())
    }

    /// Checks that a save can happen now, writing nothing of the library:
    /// storage takes a small write, the data is not from a newer version, and
    /// no other tab deleted or replaced everything since this one loaded.
    pub fn ready_to_write(&mut self) -> Result<(), SaveError> {
        self.writable()?;
        self.probe()?;
        self.check_epoch()
    }

    fn stored_header(&self) -> Result<header::Stored, SaveError> {
        match header::read(self.backend.get(&self.keys.meta())?.as_deref()) {
            header::Stored::NotReady => Err(SaveError::NotReady),
            stored => Ok(stored),
        }
    }

    fn write_header(&mut self, epoch: String, generation: u64) -> Result<(), SaveError> {
        let key = self.keys.meta();
        self.write_value(&key, &Header::new(epoch.clone(), generation))?;
        self.epoch = Some(epoch);
        Ok(())
    }

    /// Makes sure the stored data is the generation this tab holds.
    fn check_epoch(&mut self) -> Result<(), SaveError> {
        match self.stored_header()? {
            header::Stored::Newer(v) => {
                self.newer = Some(v);
                Err(SaveError::ReadOnly(v))
            }
            header::Stored::Current(h) => match &self.epoch {
                Some(ours) if *ours == h.epoch => Ok(()),
                // Another tab started the store after this one loaded.
                None if h.generation == self.generation => {
                    self.epoch = Some(h.epoch);
                    Ok(())
                }
                _ => Err(SaveError::EpochChanged),
            },
            header::Stored::Missing | header::Stored::Unreadable => match self.epoch {
                None => self.write_header(Uuid::new_v4().to_string(), self.generation),
                Some(_) => Err(SaveError::EpochChanged),
            },
            // `stored_header` says it as an error.
            header::Stored::NotReady => Err(SaveError::NotReady),
        }
    }

    /// Writes a value so that it reads back as `value`. Its stored form is
    /// decoded and compared with `value` before it replaces anything (so a
    /// form that would not read back never overwrites a good copy), then
    /// written, read back and compared character for character with that
    /// checked form.
    fn write_value<T: Storable>(&mut self, key: &str, value: &T) -> Result<(), SaveError> {
        let encoded = value.encode()?;
        match T::decode(&encoded) {
            Ok(decoded) if decoded == *value => self.write_exact(key, &encoded),
            _ => Err(SaveError::Failed(
                "it would not read back as it is, so it was not written".into(),
            )),
        }
    }

    /// Writes a value as it is, reads it back and compares.
    fn write_exact(&mut self, key: &str, value: &str) -> Result<(), SaveError> {
        self.backend.set(key, value)?;
        match self.backend.get(key)? {
            Some(back) if back == value => {}
            _ => return Err(SaveError::Failed("what was saved did not read back the same".into())),
        }
        self.known.insert(key.to_string(), hash(value));
        self.sizes.insert(key.to_string(), utf16_len(key) + utf16_len(value));
        Ok(())
    }

    /// The stored value of `key` if another tab wrote it since this tab last
    /// read or wrote it.
    fn changed_elsewhere(&self, key: &str) -> Result<Option<String>, SaveError> {
        Ok(self.backend.get(key)?.filter(|raw| self.known.get(key) != Some(&hash(raw))))
    }

    /// Saves one mentorship. If another tab changed it since this tab last
    /// read it, both are merged record by record and the merged document —
    /// which this tab should adopt — is returned.
    pub fn save_doc(&mut self, doc: &MentorshipDoc) -> Result<Option<MentorshipDoc>, SaveError> {
        self.writable()?;
        let key = self.doc_key(doc.id());
        if self.protected.contains(&key) {
            return Err(SaveError::Protected);
        }
        self.check_epoch()?;
        let merged = match self.changed_elsewhere(&key)? {
            None => None,
            Some(raw) => {
                let theirs = self
                    .read_doc(&key, &doc.id().to_string(), &raw)
                    .map_err(|_| SaveError::Protected)?;
                let merge = doc_code::get().ok_or(SaveError::NotReady)?.merge_doc;
                Some(merge(doc, &theirs)).filter(|m| m != doc)
            }
        };
        self.write_value(&key, merged.as_ref().unwrap_or(doc))?;
        Ok(merged)
    }

    /// Saves the profile, merging with another tab's like a record.
    pub fn save_profile(&mut self, profile: &Profile) -> Result<Option<Profile>, SaveError> {
        self.writable()?;
        let key = self.keys.profile(self.generation);
        if self.protected.contains(&key) {
            return Err(SaveError::Protected);
        }
        self.check_epoch()?;
        let merged = match self.changed_elsewhere(&key)? {
            None => None,
            Some(raw) => match Profile::decode(&raw) {
                Ok(theirs) => {
                    let merge = doc_code::get().ok_or(SaveError::NotReady)?.merge_profile;
                    Some(merge(profile, &theirs)).filter(|w| w != profile)
                }
                Err(_) => {
                    self.protected.insert(key);
                    return Err(SaveError::Protected);
                }
            },
        };
        self.write_value(&key, merged.as_ref().unwrap_or(profile))?;
        Ok(merged)
    }

    /// Interprets a change another tab made (the `storage` event). Keys of
    /// other deployments and of other generations (a replace being written
    /// or cleaned up) mean nothing here.
    pub fn external(&mut self, key: &str, new_value: Option<&str>) -> External {
        match new_value {
            Some(v) => self.sizes.insert(key.to_string(), utf16_len(key) + utf16_len(v)),
            None => self.sizes.remove(key),
        };
        let Some(name) = self.keys.parse(key) else {
            return External::Ignored;
        };
        if matches!(name, Name::Probe | Name::Device | Name::Vault | Name::Lock) {
            return External::Ignored;
        }
        // A new epoch means everything was deleted or replaced.
        let stored = self.stored_header().unwrap_or(header::Stored::Unreadable);
        match (&self.epoch, stored) {
            (Some(ours), stored) if stored.epoch() == Some(ours.as_str()) => {}
            (None, header::Stored::Current(h)) if h.generation == self.generation => {
                self.epoch = Some(h.epoch);
            }
            (None, header::Stored::Missing | header::Stored::Unreadable) => {}
            _ => return External::Reload,
        }
        match name {
            Name::Data { generation, item } if generation == self.generation => {
                self.external_item(key, item, new_value)
            }
            _ => External::Ignored,
        }
    }

    fn external_item(&mut self, key: &str, item: Item<'_>, new_value: Option<&str>) -> External {
        let Some(raw) = new_value else {
            self.known.remove(key);
            return match item {
                Item::Doc(id) => {
                    Uuid::parse_str(id).map_or(External::Ignored, External::DocRemoved)
                }
                _ => External::Ignored,
            };
        };
        if self.known.get(key) == Some(&hash(raw)) {
            return External::Ignored;
        }
        self.known.insert(key.to_string(), hash(raw));
        match item {
            Item::Profile => match Profile::decode(raw) {
                Ok(p) => {
                    self.protected.remove(key);
                    External::Profile(p)
                }
                Err(e) => External::Unreadable(self.set_aside(key, "your profile", e)),
            },
            Item::Doc(id) => match self.read_doc(key, id, raw) {
                Ok(doc) => {
                    // Readable again (another tab restored it): no longer held back.
                    self.protected.remove(key);
                    External::Doc(Box::new(doc))
                }
                Err(problem) => External::Unreadable(problem),
            },
            Item::Other => External::Ignored,
        }
    }

    /// Space used, from the sizes seen so far.
    pub fn usage(&self) -> Usage {
        Usage { used: self.sizes.values().sum(), quota: QUOTA }
    }

    /// Space used, measured afresh from storage.
    pub fn measure_usage(&mut self) -> Usage {
        if let Ok(keys) = self.backend.keys() {
            self.sizes.clear();
            for key in keys {
                if let Ok(Some(raw)) = self.backend.get(&key) {
                    self.sizes.insert(key.clone(), utf16_len(&key) + utf16_len(&raw));
                }
            }
        }
        self.usage()
    }

    /// The stored value of a key exactly as it is (to download unreadable data).
    pub fn raw(&self, key: &str) -> Option<String> {
        self.backend.get(key).ok().flatten()
    }

    /// Removes an unreadable value, once the person has chosen to.
    pub fn discard(&mut self, key: &str) -> Result<(), SaveError> {
        if !self.protected.contains(key) && key != self.keys.meta() {
            return Err(SaveError::Failed("only unreadable data can be discarded".into()));
        }
        self.backend.remove(key)?;
        self.protected.remove(key);
        self.forget(key);
        Ok(())
    }

    fn forget(&mut self, key: &str) {
        self.known.remove(key);
        self.sizes.remove(key);
    }

    /// The mentorships whose stored copy is held back (unreadable, invalid
    /// or newer): a merge cannot combine with them.
    pub fn unreadable_docs(&self) -> BTreeSet<Uuid> {
        self.protected
            .iter()
            .filter_map(|key| match self.keys.parse(key) {
                Some(Name::Data { generation, item: Item::Doc(id) })
                    if generation == self.generation =>
                {
                    Uuid::parse_str(id).ok()
                }
                _ => None,
            })
            .collect()
    }

    /// This deployment's keys.
    /// The storage under the repository.
    pub fn backend(&self) -> &B {
        &self.backend
    }

    pub fn namespace(&self) -> &Namespace {
        &self.keys
    }

    /// The live generation.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Where a mentorship is stored (in the live generation).
    pub fn doc_key(&self, id: Uuid) -> String {
        self.keys.doc(self.generation, id)
    }

    /// Where the profile is stored (in the live generation).
    pub fn profile_key(&self) -> String {
        self.keys.profile(self.generation)
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
