//! What another tab's change (the `storage` event) means for this tab.

use uuid::Uuid;

use super::fingerprint::hash;
use super::{header, Repository};
use crate::model::profile::Profile;
use crate::storage::codec::utf16_len;
use crate::storage::envelope::Storable;
use crate::storage::keys::{Item, Name};
use crate::storage::status::External;
use crate::storage::Backend;

impl<B: Backend> Repository<B> {
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
}
