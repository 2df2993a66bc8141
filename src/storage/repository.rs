//! Loading and saving the library through a [`Backend`], by the rules in the
//! [module doc](super): unreadable values are set aside untouched, saves merge
//! with what another tab wrote, failures keep the data in memory.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeSet, HashMap};
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use super::codec::{self, utf16_len};
use super::migrate::{self, MigrateError, SCHEMA};
use super::{Backend, StorageError, QUOTA, WARN_AT_PERCENT};
use crate::model::{profile::Profile, Library, MentorshipDoc};

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

/// Something wrong found while loading; each becomes a visible warning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Storage cannot be used at all: the app runs from memory only.
    Unavailable(String),
    /// Storage is full: nothing new can be saved until space is freed.
    Full,
    /// A stored value could not be read. It is kept as it is.
    Corrupt { key: String, what: String, reason: String },
    /// A stored value is from a newer version of Tandem. It is kept as it is.
    Newer { key: String, what: String, version: u32 },
}

impl Problem {
    pub fn message(&self) -> String {
        match self {
            Problem::Unavailable(why) => format!(
                "This browser is not letting Tandem save anything ({why}). You can keep working, but your changes live only in this tab: download a backup before you close it."
            ),
            Problem::Full => "This browser's storage for Tandem is full. New changes stay in this tab only: download a backup, then free space (delete what you no longer need).".into(),
            Problem::Corrupt { what, reason, .. } => format!(
                "Stored data for {what} could not be read ({reason}). It has been left untouched; download it to keep a copy."
            ),
            Problem::Newer { what, version, .. } => format!(
                "Stored data for {what} was saved by a newer version of Tandem (data version {version}). It has been left untouched: reload to update the app."
            ),
        }
    }

    /// The stored key this problem is about, if any.
    pub fn key(&self) -> Option<&str> {
        match self {
            Problem::Corrupt { key, .. } | Problem::Newer { key, .. } => Some(key),
            _ => None,
        }
    }
}

/// What was read at start.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    pub library: Library,
    pub problems: Vec<Problem>,
}

/// Why a save did not happen. The data stays in memory in every case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    Unavailable(String),
    Full,
    /// The stored value is unreadable or newer: it must not be overwritten.
    Protected,
    /// Everything was deleted or replaced in another tab: reload first.
    EpochChanged,
    /// The stored data is from a newer version: this app only reads it.
    ReadOnly(u32),
    Failed(String),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::Unavailable(why) => write!(f, "storage is unavailable ({why})"),
            SaveError::Full => write!(f, "storage is full"),
            SaveError::Protected => write!(f, "the stored copy is unreadable or newer and was left untouched"),
            SaveError::EpochChanged => write!(f, "the data was deleted or replaced in another tab"),
            SaveError::ReadOnly(v) => write!(f, "the stored data is from a newer version of Tandem (data version {v})"),
            SaveError::Failed(why) => write!(f, "{why}"),
        }
    }
}

impl From<StorageError> for SaveError {
    fn from(e: StorageError) -> Self {
        match e {
            StorageError::QuotaExceeded => SaveError::Full,
            StorageError::Unavailable(why) => SaveError::Unavailable(why),
            StorageError::Other(why) => SaveError::Failed(why),
        }
    }
}

/// What a change made in another tab means here.
#[derive(Clone, Debug, PartialEq)]
pub enum External {
    Doc(MentorshipDoc),
    DocRemoved(Uuid),
    Profile(Profile),
    /// Everything was deleted or replaced: load again from storage.
    Reload,
    Unreadable(Problem),
    Ignored,
}

/// How much of the quota is used, in UTF-16 code units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    pub used: usize,
    pub quota: usize,
}

impl Usage {
    pub fn percent(&self) -> usize {
        (self.used * 100).checked_div(self.quota).unwrap_or(0)
    }

    pub fn is_high(&self) -> bool {
        self.percent() >= WARN_AT_PERCENT
    }
}

fn hash(s: &str) -> u64 {
    let mut h = DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

/// Why one stored value could not be read.
enum ReadError {
    Corrupt(String),
    Newer(u32),
}

/// Reads an envelope `{"schema": n, "<field>": …}` and brings its payload to
/// the current schema. Data already at the current schema is read straight
/// into its type (the fast path every load takes); older data goes through
/// the JSON migrations.
fn read_envelope<T: for<'de> Deserialize<'de>>(raw: &str, field: &str) -> Result<T, ReadError> {
    let json = codec::decode(raw).map_err(|e| ReadError::Corrupt(e.0))?;
    let parts: std::collections::BTreeMap<&str, &serde_json::value::RawValue> =
        serde_json::from_str(&json).map_err(|e| ReadError::Corrupt(format!("it is not valid JSON: {e}")))?;
    let version = parts
        .get("schema")
        .and_then(|v| v.get().parse::<u32>().ok())
        .filter(|v| *v >= 1)
        .ok_or_else(|| ReadError::Corrupt(MigrateError::Unknown.to_string()))?;
    let payload = parts.get(field).ok_or_else(|| ReadError::Corrupt(format!("it has no “{field}”")))?;
    if version == SCHEMA {
        return serde_json::from_str(payload.get()).map_err(|e| ReadError::Corrupt(format!("unexpected content: {e}")));
    }
    let value: Value = serde_json::from_str(payload.get()).map_err(|e| ReadError::Corrupt(format!("it is not valid JSON: {e}")))?;
    let value = migrate::upgrade(value, version).map_err(|e| match e {
        MigrateError::Newer(v) => ReadError::Newer(v),
        other => ReadError::Corrupt(other.to_string()),
    })?;
    migrate::into_typed(&value).map_err(|e| ReadError::Corrupt(format!("unexpected content: {e}")))
}

pub fn read_doc(raw: &str) -> Result<MentorshipDoc, String> {
    read_envelope::<MentorshipDoc>(raw, "doc").map_err(|e| match e {
        ReadError::Corrupt(why) => why,
        ReadError::Newer(v) => MigrateError::Newer(v).to_string(),
    })
}

/// The stored form of a mentorship.
pub fn encode_doc(doc: &MentorshipDoc) -> String {
    #[derive(Serialize)]
    struct Envelope<'a> {
        schema: u32,
        doc: &'a MentorshipDoc,
    }
    codec::encode(&serde_json::to_string(&Envelope { schema: SCHEMA, doc }).unwrap_or_default())
}

fn encode_profile(profile: &Profile) -> String {
    #[derive(Serialize)]
    struct Envelope<'a> {
        schema: u32,
        profile: &'a Profile,
    }
    codec::encode(&serde_json::to_string(&Envelope { schema: SCHEMA, profile }).unwrap_or_default())
}

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

    pub fn is_available(&self) -> bool {
        self.available
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
        match self.backend.set(PROBE, &"p".repeat(PROBE_SIZE)).and_then(|_| self.backend.remove(PROBE)) {
            Ok(()) => self.available = true,
            Err(StorageError::QuotaExceeded) if keys.is_empty() => {
                self.available = false;
                loaded.problems.push(Problem::Unavailable("it refuses every write, as in some private modes".into()));
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
            let Ok(Some(raw)) = self.backend.get(&key) else { continue };
            self.sizes.insert(key.clone(), utf16_len(&key) + utf16_len(&raw));
            if !key.starts_with(PREFIX) {
                continue;
            }
            self.known.insert(key.clone(), hash(&raw));
            if key == META {
                match serde_json::from_str::<MetaRecord>(&raw) {
                    Ok(meta) if meta.format == FORMAT && meta.schema > SCHEMA => {
                        self.newer = Some(meta.schema);
                        loaded.problems.push(Problem::Newer { key: key.clone(), what: "all your mentorships".into(), version: meta.schema });
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
                    Err(e) => self.set_aside(&key, "your profile", e, &mut loaded.problems),
                }
            } else if let Some(id) = key.strip_prefix(DOC_PREFIX) {
                match read_envelope::<MentorshipDoc>(&raw, "doc") {
                    Ok(doc) if doc.id().to_string() == id => loaded.library.mentorships.push(doc),
                    Ok(_) => self.set_aside(
                        &key,
                        "a mentorship",
                        ReadError::Corrupt("its content belongs to another mentorship".into()),
                        &mut loaded.problems,
                    ),
                    Err(e) => self.set_aside(&key, "a mentorship", e, &mut loaded.problems),
                }
            }
        }
        loaded.library.sort();
        loaded
    }

    fn set_aside(&mut self, key: &str, what: &str, error: ReadError, problems: &mut Vec<Problem>) {
        self.protected.insert(key.to_string());
        problems.push(match error {
            ReadError::Corrupt(reason) => Problem::Corrupt { key: key.into(), what: what.into(), reason },
            ReadError::Newer(version) => Problem::Newer { key: key.into(), what: what.into(), version },
        });
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
        Ok(raw.and_then(|r| serde_json::from_str::<MetaRecord>(&r).ok()).filter(|m| m.format == FORMAT))
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

    /// Deletes everything Tandem stored on this device — unreadable values
    /// included — and starts a new epoch so other tabs drop their copies.
    pub fn delete_all(&mut self) -> Result<(), SaveError> {
        if !self.available {
            return Err(SaveError::Unavailable("browser storage cannot be used".into()));
        }
        for key in self.backend.keys()? {
            if key.starts_with(PREFIX) {
                self.backend.remove(&key)?;
                self.sizes.remove(&key);
                self.known.remove(&key);
            }
        }
        self.protected.clear();
        self.newer = None;
        self.write_meta(Uuid::new_v4().to_string())
    }

    /// Replaces every mentorship and the profile with `library`, as one
    /// operation: if any write fails, what was there is put back. Stored values
    /// the backup has a copy of are replaced even if unreadable (the person
    /// chose to replace them); other unreadable values are left alone. A new
    /// epoch makes other tabs reload.
    pub fn replace_all(&mut self, library: &Library) -> Result<(), SaveError> {
        self.writable()?;
        let mut writes: Vec<(String, String)> = vec![(PROFILE.to_string(), encode_profile(&library.profile))];
        writes.extend(library.mentorships.iter().map(|doc| (doc_key(doc.id()), encode_doc(doc))));
        let meta = MetaRecord { format: FORMAT.into(), schema: SCHEMA, epoch: Uuid::new_v4().to_string() };
        writes.push((META.to_string(), serde_json::to_string(&meta).unwrap_or_default()));
        let mut before: Vec<(String, String)> = Vec::new();
        let mut removals: Vec<String> = Vec::new();
        for key in self.backend.keys()? {
            let ours = key.starts_with(DOC_PREFIX) || key == PROFILE || key == META;
            let replaced = writes.iter().any(|(k, _)| *k == key);
            if !ours || (self.protected.contains(&key) && !replaced) {
                continue;
            }
            if let Some(raw) = self.backend.get(&key)? {
                before.push((key.clone(), raw));
            }
            if !replaced {
                removals.push(key);
            }
        }
        let result = (|| -> Result<(), SaveError> {
            for key in &removals {
                self.backend.remove(key)?;
            }
            for (key, value) in &writes {
                self.write_verified(key, value)?;
            }
            Ok(())
        })();
        if let Err(e) = result {
            let mut restored = true;
            for (key, _) in &writes {
                restored &= before.iter().any(|(k, _)| k == key) || self.backend.remove(key).is_ok();
            }
            for (key, raw) in &before {
                restored &= self.backend.set(key, raw).is_ok();
                self.known.insert(key.clone(), hash(raw));
            }
            return Err(if restored {
                e
            } else {
                SaveError::Failed(format!("{e}, and what was there could not all be put back"))
            });
        }
        for key in &removals {
            self.sizes.remove(key);
            self.known.remove(key);
        }
        for (key, _) in &writes {
            self.protected.remove(key);
        }
        self.epoch = Some(meta.epoch);
        Ok(())
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
                Err(e) => {
                    let mut problems = Vec::new();
                    self.set_aside(key, "your profile", e, &mut problems);
                    problems.pop().map(External::Unreadable).unwrap_or(External::Ignored)
                }
            };
        }
        if let Some(id) = key.strip_prefix(DOC_PREFIX) {
            return match read_envelope::<MentorshipDoc>(raw, "doc") {
                Ok(doc) if doc.id().to_string() == id => {
                    // Readable again (another tab restored it): no longer held back.
                    self.protected.remove(key);
                    External::Doc(doc)
                }
                Ok(_) => External::Ignored,
                Err(e) => {
                    let mut problems = Vec::new();
                    self.set_aside(key, "a mentorship", e, &mut problems);
                    problems.pop().map(External::Unreadable).unwrap_or(External::Ignored)
                }
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
