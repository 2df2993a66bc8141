//! The open vault's values, in memory: what the [`Repository`] reads and
//! writes while Tandem is unlocked.
//!
//! Sealing is asynchronous (the browser's `SubtleCrypto`) and the
//! repository is not, so the library's keys live here, decrypted, and every
//! write the repository makes is queued, in order, to be sealed and stored
//! (by [`super::sealed`]). Order is kept across keys because the storage
//! rules rely on it: a replace writes the new generation's values, then the
//! header that names it, then removes the old ones; stored in another order,
//! a crash could leave a header naming values not yet written.
//!
//! Keys of other deployments, the probe that tests storage, the vault's
//! record and the lock's settings are not the library's: they go straight
//! to storage.
//!
//! [`Repository`]: crate::storage::Repository

use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};

use crate::storage::keys::{Name, Namespace};
use crate::storage::{Backend, StorageError};

/// One write waiting to be stored: a value (`None` to remove the key).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Write {
    pub key: String,
    pub value: Option<String>,
}

/// The library's values in memory over `inner`, and the writes not yet
/// stored there.
pub struct Mirror<B> {
    inner: B,
    keys: Namespace,
    values: RefCell<BTreeMap<String, String>>,
    queue: RefCell<VecDeque<Write>>,
}

/// Whether `key` holds part of the library (kept in the mirror).
pub fn mirrored(keys: &Namespace, key: &str) -> bool {
    matches!(keys.parse(key), Some(Name::Meta | Name::Device | Name::Data { .. }))
}

/// Whether `key`'s value is sealed when stored: all of the library but its
/// header, which holds no one's words and which a locked tab reads.
pub fn sealed(keys: &Namespace, key: &str) -> bool {
    matches!(keys.parse(key), Some(Name::Device | Name::Data { .. }))
}

impl<B: Backend> Mirror<B> {
    /// A mirror holding `values` (the library's keys, opened).
    pub fn new(inner: B, keys: Namespace, values: BTreeMap<String, String>) -> Mirror<B> {
        Mirror { inner, keys, values: RefCell::new(values), queue: RefCell::default() }
    }

    pub fn namespace(&self) -> &Namespace {
        &self.keys
    }

    /// The storage under the mirror.
    pub fn inner(&self) -> &B {
        &self.inner
    }

    /// Queues `key`'s value to be stored again as it is (to seal a value
    /// found plain, or to store it plain when the lock is removed).
    pub fn rewrite(&self, key: &str) {
        let value = self.values.borrow().get(key).cloned();
        if value.is_some() {
            self.queue.borrow_mut().push_back(Write { key: key.to_string(), value });
        }
    }

    /// Every key the library holds.
    pub fn library_keys(&self) -> Vec<String> {
        self.values.borrow().keys().cloned().collect()
    }

    /// The oldest write not yet stored.
    pub fn next_write(&self) -> Option<Write> {
        self.queue.borrow().front().cloned()
    }

    /// The oldest write is stored.
    pub fn written(&self) {
        self.queue.borrow_mut().pop_front();
    }

    /// How many writes wait to be stored.
    pub fn waiting(&self) -> usize {
        self.queue.borrow().len()
    }

    /// Takes in what another tab stored under `key` (opened): not written
    /// back, it is stored already.
    pub fn refresh(&self, key: &str, value: Option<String>) {
        let mut values = self.values.borrow_mut();
        match value {
            Some(v) => values.insert(key.to_string(), v),
            None => values.remove(key),
        };
    }
}

impl<B: Backend> Backend for Mirror<B> {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        if mirrored(&self.keys, key) {
            Ok(self.values.borrow().get(key).cloned())
        } else {
            self.inner.get(key)
        }
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        if !mirrored(&self.keys, key) {
            return self.inner.set(key, value);
        }
        self.values.borrow_mut().insert(key.to_string(), value.to_string());
        self.queue
            .borrow_mut()
            .push_back(Write { key: key.to_string(), value: Some(value.to_string()) });
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        if !mirrored(&self.keys, key) {
            return self.inner.remove(key);
        }
        self.values.borrow_mut().remove(key);
        self.queue.borrow_mut().push_back(Write { key: key.to_string(), value: None });
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        let mut keys: Vec<String> =
            self.inner.keys()?.into_iter().filter(|k| !mirrored(&self.keys, k)).collect();
        keys.extend(self.values.borrow().keys().cloned());
        Ok(keys)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sample;
    use crate::storage::memory::MemoryBackend;
    use crate::storage::Repository;

    fn mirror() -> (Mirror<MemoryBackend>, MemoryBackend) {
        let inner = MemoryBackend::new();
        (Mirror::new(inner.clone(), Namespace::root(), BTreeMap::new()), inner)
    }

    /// Stores the queue as the sealing would, without the sealing.
    fn store_all(mirror: &Mirror<MemoryBackend>) {
        while let Some(w) = mirror.next_write() {
            let stored = match w.value {
                Some(v) => mirror.inner().set(&w.key, &v),
                None => mirror.inner().remove(&w.key),
            };
            assert_eq!(stored, Ok(()), "{}", w.key);
            mirror.written();
        }
    }

    #[test]
    fn only_the_library_is_mirrored_and_only_its_values_are_sealed() {
        let ns = Namespace::root();
        for (key, m, s) in [
            ("tandem.meta", true, false),
            ("tandem.device", true, true),
            ("tandem.g2.m.x", true, true),
            ("tandem.profile", true, true),
            ("tandem.probe", false, false),
            ("tandem.vault", false, false),
            ("tandem.lock", false, false),
            ("tandem:/app/.g1.m.x", false, false),
            ("other", false, false),
        ] {
            assert_eq!((mirrored(&ns, key), sealed(&ns, key)), (m, s), "{key}");
        }
    }

    #[test]
    fn writes_are_read_back_at_once_and_stored_later_in_their_order() {
        let (mirror, inner) = mirror();
        assert_eq!(mirror.set("tandem.g1.m.a", "new"), Ok(()));
        assert_eq!(mirror.set("tandem.meta", "header 1"), Ok(()));
        assert_eq!(mirror.remove("tandem.m.a"), Ok(()));
        assert_eq!(mirror.set("tandem.probe", "p"), Ok(()));
        assert_eq!(mirror.get("tandem.g1.m.a"), Ok(Some("new".to_string())));
        // Not the library's: straight through.
        assert_eq!(inner.get("tandem.probe"), Ok(Some("p".to_string())));
        assert_eq!(inner.get("tandem.g1.m.a"), Ok(None));
        let order: Vec<String> = std::iter::from_fn(|| {
            let w = mirror.next_write()?;
            mirror.written();
            Some(w.key)
        })
        .collect();
        assert_eq!(order, ["tandem.g1.m.a", "tandem.meta", "tandem.m.a"]);
        assert_eq!(mirror.waiting(), 0);
    }

    #[test]
    fn a_repository_over_the_mirror_saves_and_loads_as_over_storage() {
        let (mirror, inner) = mirror();
        let lib = sample::library(2, 3, crate::model::test_support::now());
        let (mut repo, _) = Repository::open(mirror, Namespace::root());
        assert_eq!(repo.replace_all(&lib), Ok(()));
        store_all(repo.backend());
        // What was stored reads back on its own, as after a reload.
        let (_, loaded) = Repository::open(inner, Namespace::root());
        assert_eq!(loaded.library.mentorships.len(), 2);
        assert!(loaded.problems.is_empty());
    }

    #[test]
    fn another_tabs_write_is_taken_in_and_not_written_back() {
        let (mirror, _) = mirror();
        mirror.refresh("tandem.m.a", Some("theirs".into()));
        assert_eq!(mirror.get("tandem.m.a"), Ok(Some("theirs".to_string())));
        assert_eq!(mirror.waiting(), 0);
        mirror.rewrite("tandem.m.a");
        assert_eq!(
            mirror.next_write(),
            Some(Write { key: "tandem.m.a".into(), value: Some("theirs".into()) })
        );
        mirror.refresh("tandem.m.a", None);
        assert_eq!(mirror.keys(), Ok(Vec::<String>::new()));
    }
}
