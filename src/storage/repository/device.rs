//! This device's exchange bookkeeping ([`DeviceState`]) in its own key,
//! beside the library's generations: never in a backup, never sent.

use super::{hash, Repository, SaveError};
use crate::model::exchange::DeviceState;
use crate::storage::codec::{self, utf16_len};
use crate::storage::{doc_code, Backend};

impl<B: Backend> Repository<B> {
    /// The device's bookkeeping as stored, if it is and can be read (and
    /// the code that reads stored values is here: see [`doc_code`]).
    pub fn stored_device(&self) -> Option<DeviceState> {
        let read = doc_code::get()?.read_device;
        let raw = self.backend.get(&self.keys.device()).ok().flatten()?;
        read(&codec::decode(&raw).ok()?).filter(|state| !state.id.is_nil())
    }

    /// The device's bookkeeping. When none is stored or it cannot be read, a
    /// new one (with a new id) is stored in its place: what is lost then is
    /// only which devices were heard from and what was last sent, so the
    /// next bundle is a whole one.
    pub fn device(&mut self) -> DeviceState {
        self.stored_device().unwrap_or_else(|| {
            let fresh = DeviceState::new();
            // Best effort: without storage every tab is its own device.
            let _ = self.save_device(&fresh);
            fresh
        })
    }

    /// Stores the device's bookkeeping (packed, see [`codec`]).
    pub fn save_device(&mut self, state: &DeviceState) -> Result<(), SaveError> {
        self.writable()?;
        let key = self.keys.device();
        let json = serde_json::to_string(state)
            .map_err(|e| SaveError::Failed(format!("it could not be written ({e})")))?;
        let value = codec::encode(&json);
        self.backend.set(&key, &value)?;
        self.known.insert(key.clone(), hash(&value));
        self.sizes.insert(key.clone(), utf16_len(&key) + utf16_len(&value));
        Ok(())
    }

    /// Removes the bookkeeping (everything was deleted). Best effort.
    pub(super) fn forget_device(&mut self) {
        let key = self.keys.device();
        if self.backend.remove(&key).is_ok() {
            self.known.remove(&key);
            self.sizes.remove(&key);
        }
    }
}
