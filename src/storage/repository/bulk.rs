//! Operations on everything at once: deleting it all, and replacing it all
//! with a backup (all or nothing).

use uuid::Uuid;

use super::{
    doc_key, hash, MetaRecord, Repository, SaveError, DOC_PREFIX, FORMAT, META, PREFIX, PROFILE,
};
use crate::model::Library;
use crate::storage::envelope::{encode_doc, encode_profile};
use crate::storage::migrate::SCHEMA;
use crate::storage::Backend;

impl<B: Backend> Repository<B> {
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
        let mut writes: Vec<(String, String)> =
            vec![(PROFILE.to_string(), encode_profile(&library.profile))];
        writes.extend(library.mentorships.iter().map(|doc| (doc_key(doc.id()), encode_doc(doc))));
        let meta =
            MetaRecord { format: FORMAT.into(), schema: SCHEMA, epoch: Uuid::new_v4().to_string() };
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
                restored &=
                    before.iter().any(|(k, _)| k == key) || self.backend.remove(key).is_ok();
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
}
