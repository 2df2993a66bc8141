//! Loading and saving the library through a [`Backend`], by the rules in the
//! [module doc](super): unreadable or invalid values are set aside untouched,
//! saves merge with what another tab wrote and are checked to read back as
//! what was meant, failures keep the data in memory. Reading is in
//! [`loading`], another tab's change in [`external`], everything at once
//! (delete, replace) in [`bulk`].

use std::collections::{BTreeSet, HashMap};

use uuid::Uuid;

use super::codec::utf16_len;
use super::doc_code;
use super::envelope::Storable;
use super::keys::{Item, Name, Namespace};
use super::status::{Loaded, SaveError, Usage};
use super::{Backend, QUOTA};
use crate::model::{profile::Profile, MentorshipDoc};

mod bulk;
mod device;
mod external;
mod fingerprint;
pub(crate) mod header;
mod loading;

use fingerprint::hash;
use header::Header;

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
