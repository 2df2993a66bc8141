//! Loading and saving the library through a [`Backend`], by the rules in the
//! [module doc](super): unreadable values are set aside untouched, saves merge
//! with what another tab wrote, failures keep the data in memory.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeSet, HashMap};
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::codec::utf16_len;
use super::envelope::{encode_doc, encode_profile, read_envelope, ReadError};
use super::migrate::SCHEMA;
use super::status::{External, Loaded, Problem, SaveError, Usage};
use super::{Backend, StorageError, QUOTA};
use crate::model::{profile::Profile, MentorshipDoc};

pub const META: &str = "tandem.meta";
pub const PROFILE: &str = "tandem.profile";
pub const DOC_PREFIX: &str = "tandem.m.";
pub const PROBE: &str = "tandem.probe";
/// Room the probe needs: storage that cannot take this is reported full.
const PROBE_SIZE: usize = 1024;
/// Every key Tandem owns starts with this.
pub const PREFIX: &str = "tandem.";
pub const FORMAT: &str = "tandem";

pub fn doc_key(id: Uuid) -> String {
    format!("{DOC_PREFIX}{id}")
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct MetaRecord {
    format: String,
    schema: u32,
    epoch: String,
}

fn hash(s: &str) -> u64 {
    let mut h = DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

mod bulk;

pub struct Repository<B: Backend> {
    backend: B,
    /// The epoch of the data this tab holds (`None` before the first save).
    epoch: Option<String>,
    /// A hash of the last value read or written per key: a different stored
    /// value means another tab wrote it.
    known: HashMap<String, u64>,
    /// UTF-16 size of every key of the origin (Tandem's and others').
    sizes: HashMap<String, usize>,
    /// Keys that must never be written: unreadable or newer data.
    protected: BTreeSet<String>,
    /// The stored data as a whole is from a newer schema.
    newer: Option<u32>,
    available: bool,
}

impl<B: Backend> Repository<B> {
    /// Opens storage and reads everything in it.
    pub fn open(backend: B) -> (Repository<B>, Loaded) {
        let mut repo = Repository {
            backend,
            epoch: None,
            known: HashMap::new(),
            sizes: HashMap::new(),
            protected: BTreeSet::new(),
            newer: None,
            available: true,
        };
        let loaded = repo.load();
        (repo, loaded)
    }

    /// Reads everything again (after another tab deleted or replaced it all).
    pub fn load(&mut self) -> Loaded {
        self.epoch = None;
        self.known.clear();
        self.sizes.clear();
        self.protected.clear();
        self.newer = None;
        let mut loaded = Loaded::default();

        let keys = match self.backend.keys() {
            Ok(keys) => keys,
            Err(e) => {
                self.available = false;
                loaded.problems.push(Problem::Unavailable(e.to_string()));
                return loaded;
            }
        };
        // Detect storage that reads but refuses every write (old Safari private
        // mode), and storage too full for even a small edit.
        match self
            .backend
            .set(PROBE, &"p".repeat(PROBE_SIZE))
            .and_then(|_| self.backend.remove(PROBE))
        {
            Ok(()) => self.available = true,
            Err(StorageError::QuotaExceeded) if keys.is_empty() => {
                self.available = false;
                loaded.problems.push(Problem::Unavailable(
                    "it refuses every write, as in some private modes".into(),
                ));
                return loaded;
            }
            Err(StorageError::QuotaExceeded) => loaded.problems.push(Problem::Full),
            Err(e) => {
                // Writes fail, but what is stored may still read: show it
                // (and let it be backed up), change nothing.
                self.available = false;
                loaded.problems.push(Problem::Unavailable(e.to_string()));
            }
        }

        for key in keys {
            let Ok(Some(raw)) = self.backend.get(&key) else {
                continue;
            };
            self.sizes.insert(key.clone(), utf16_len(&key) + utf16_len(&raw));
            if !key.starts_with(PREFIX) {
                continue;
            }
            self.known.insert(key.clone(), hash(&raw));
            if key == META {
                match serde_json::from_str::<MetaRecord>(&raw) {
                    Ok(meta) if meta.format == FORMAT && meta.schema > SCHEMA => {
                        self.newer = Some(meta.schema);
                        loaded.problems.push(Problem::Newer {
                            key: key.clone(),
                            what: "all your mentorships".into(),
                            version: meta.schema,
                        });
                    }
                    Ok(meta) if meta.format == FORMAT => self.epoch = Some(meta.epoch),
                    _ => {
                        // Holds no personal data; a fresh one is written on the next save.
                        loaded.problems.push(Problem::Corrupt {
                            key: key.clone(),
                            what: "Tandem's storage header".into(),
                            reason: "it is not in Tandem's format".into(),
                        });
                    }
                }
            } else if key == PROFILE {
                match read_envelope::<Profile>(&raw, "profile") {
                    Ok(profile) => loaded.library.profile = profile,
                    Err(e) => loaded.problems.push(self.set_aside(&key, "your profile", e)),
                }
            } else if let Some(id) = key.strip_prefix(DOC_PREFIX) {
                match read_envelope::<MentorshipDoc>(&raw, "doc") {
                    Ok(doc) if doc.id().to_string() == id => loaded.library.mentorships.push(doc),
                    Ok(_) => loaded.problems.push(self.set_aside(
                        &key,
                        "a mentorship",
                        ReadError::Corrupt("its content belongs to another mentorship".into()),
                    )),
                    Err(e) => loaded.problems.push(self.set_aside(&key, "a mentorship", e)),
                }
            }
        }
        loaded.library.sort();
        loaded
    }

    /// Keeps a stored value that could not be read from being overwritten,
    /// and says why it was set aside.
    fn set_aside(&mut self, key: &str, what: &str, error: ReadError) -> Problem {
        self.protected.insert(key.to_string());
        match error {
            ReadError::Corrupt(reason) => {
                Problem::Corrupt { key: key.into(), what: what.into(), reason }
            }
            ReadError::Newer(version) => {
                Problem::Newer { key: key.into(), what: what.into(), version }
            }
        }
    }

    fn writable(&self) -> Result<(), SaveError> {
        if !self.available {
            return Err(SaveError::Unavailable("browser storage cannot be used".into()));
        }
        if let Some(v) = self.newer {
            return Err(SaveError::ReadOnly(v));
        }
        Ok(())
    }

    fn read_meta(&self) -> Result<Option<MetaRecord>, SaveError> {
        let raw = self.backend.get(META)?;
        Ok(raw
            .and_then(|r| serde_json::from_str::<MetaRecord>(&r).ok())
            .filter(|m| m.format == FORMAT))
    }

    fn write_meta(&mut self, epoch: String) -> Result<(), SaveError> {
        let meta = MetaRecord { format: FORMAT.into(), schema: SCHEMA, epoch: epoch.clone() };
        let raw = serde_json::to_string(&meta).unwrap_or_default();
        self.write_verified(META, &raw)?;
        self.epoch = Some(epoch);
        Ok(())
    }

    /// Makes sure the stored data is the generation this tab holds.
    fn check_epoch(&mut self) -> Result<(), SaveError> {
        let stored = self.read_meta()?;
        match (&self.epoch, stored) {
            (_, Some(meta)) if meta.schema > SCHEMA => {
                self.newer = Some(meta.schema);
                Err(SaveError::ReadOnly(meta.schema))
            }
            (Some(ours), Some(meta)) if *ours == meta.epoch => Ok(()),
            (None, Some(meta)) => {
                // Another tab started the store after this one loaded.
                self.epoch = Some(meta.epoch);
                Ok(())
            }
            (None, None) => self.write_meta(Uuid::new_v4().to_string()),
            (Some(_), _) => Err(SaveError::EpochChanged),
        }
    }

    /// Writes a value, reads it back and compares.
    fn write_verified(&mut self, key: &str, value: &str) -> Result<(), SaveError> {
        self.backend.set(key, value)?;
        match self.backend.get(key)? {
            Some(back) if back == value => {}
            _ => return Err(SaveError::Failed("what was saved did not read back the same".into())),
        }
        self.known.insert(key.to_string(), hash(value));
        self.sizes.insert(key.to_string(), utf16_len(key) + utf16_len(value));
        Ok(())
    }

    /// Saves one mentorship. If another tab changed it since this tab last
    /// read it, both are merged record by record and the merged document —
    /// which this tab should adopt — is returned.
    pub fn save_doc(&mut self, doc: &MentorshipDoc) -> Result<Option<MentorshipDoc>, SaveError> {
        self.writable()?;
        let key = doc_key(doc.id());
        if self.protected.contains(&key) {
            return Err(SaveError::Protected);
        }
        self.check_epoch()?;
        let mut merged = None;
        if let Some(raw) = self.backend.get(&key)? {
            if self.known.get(&key) != Some(&hash(&raw)) {
                match read_envelope::<MentorshipDoc>(&raw, "doc") {
                    Ok(theirs) => {
                        let m = doc.merge(&theirs);
                        if m != *doc {
                            merged = Some(m);
                        }
                    }
                    Err(_) => {
                        self.protected.insert(key);
                        return Err(SaveError::Protected);
                    }
                }
            }
        }
        let value = encode_doc(merged.as_ref().unwrap_or(doc));
        self.write_verified(&key, &value)?;
        Ok(merged)
    }

    /// Saves the profile, merging with another tab's like a record.
    pub fn save_profile(&mut self, profile: &Profile) -> Result<Option<Profile>, SaveError> {
        self.writable()?;
        if self.protected.contains(PROFILE) {
            return Err(SaveError::Protected);
        }
        self.check_epoch()?;
        let mut merged = None;
        if let Some(raw) = self.backend.get(PROFILE)? {
            if self.known.get(PROFILE) != Some(&hash(&raw)) {
                match read_envelope::<Profile>(&raw, "profile") {
                    Ok(theirs) => {
                        let winner = crate::model::record::winner(profile, &theirs).clone();
                        if winner != *profile {
                            merged = Some(winner);
                        }
                    }
                    Err(_) => {
                        self.protected.insert(PROFILE.to_string());
                        return Err(SaveError::Protected);
                    }
                }
            }
        }
        let value = encode_profile(merged.as_ref().unwrap_or(profile));
        self.write_verified(PROFILE, &value)?;
        Ok(merged)
    }

    /// Interprets a change another tab made (the `storage` event).
    pub fn external(&mut self, key: &str, new_value: Option<&str>) -> External {
        match new_value {
            Some(v) => {
                self.sizes.insert(key.to_string(), utf16_len(key) + utf16_len(v));
            }
            None => {
                self.sizes.remove(key);
            }
        }
        if !key.starts_with(PREFIX) || key == PROBE {
            return External::Ignored;
        }
        // A new epoch means everything was deleted or replaced.
        let stored_epoch = self.read_meta().ok().flatten().map(|m| m.epoch);
        if self.epoch.is_some() && stored_epoch != self.epoch {
            return External::Reload;
        }
        if key == META {
            if self.epoch.is_none() {
                self.epoch = stored_epoch;
            }
            return External::Ignored;
        }
        let Some(raw) = new_value else {
            self.known.remove(key);
            return match key.strip_prefix(DOC_PREFIX).and_then(|id| Uuid::parse_str(id).ok()) {
                Some(id) => External::DocRemoved(id),
                None => External::Ignored,
            };
        };
        if self.known.get(key) == Some(&hash(raw)) {
            return External::Ignored;
        }
        self.known.insert(key.to_string(), hash(raw));
        if key == PROFILE {
            return match read_envelope::<Profile>(raw, "profile") {
                Ok(p) => {
                    self.protected.remove(key);
                    External::Profile(p)
                }
                Err(e) => External::Unreadable(self.set_aside(key, "your profile", e)),
            };
        }
        if let Some(id) = key.strip_prefix(DOC_PREFIX) {
            return match read_envelope::<MentorshipDoc>(raw, "doc") {
                Ok(doc) if doc.id().to_string() == id => {
                    // Readable again (another tab restored it): no longer held back.
                    self.protected.remove(key);
                    External::Doc(Box::new(doc))
                }
                Ok(_) => External::Ignored,
                Err(e) => External::Unreadable(self.set_aside(key, "a mentorship", e)),
            };
        }
        External::Ignored
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
        if !self.protected.contains(key) && key != META {
            return Err(SaveError::Failed("only unreadable data can be discarded".into()));
        }
        self.backend.remove(key)?;
        self.protected.remove(key);
        self.known.remove(key);
        self.sizes.remove(key);
        Ok(())
    }

    /// Whether this key is held back from writing.
    pub fn is_protected(&self, key: &str) -> bool {
        self.protected.contains(key)
    }
}
