//! What one device keeps about its exchanges, and never sends or backs up:
//! its own random id, and for each mentorship the devices it has heard from
//! (with their side) and what it last sent.

use crate::model::stored_time::optional_instant;
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::bundle::Fingerprints;
use crate::model::Side;

/// The most devices remembered for one mentorship: a pair with a phone and
/// a laptop each has four; more is noise (or hostile), and the oldest go.
pub const MAX_KNOWN_DEVICES: usize = 16;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DeviceState {
    /// This device's id, made once at random.
    pub id: Uuid,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub mentorships: BTreeMap<Uuid, Exchanges>,
}

/// One mentorship's exchanges as this device knows them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Exchanges {
    /// The devices that sent bundles here, and the side each sent as.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub known: BTreeMap<Uuid, Side>,
    /// What the other device is known to hold (what was sent to it, and
    /// what it sent): the next bundle carries only what differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent: Option<Fingerprints>,
    /// What the other device sent: a text it changed since is told apart
    /// from one it holds as it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learned: Option<Fingerprints>,
    /// When the newest bundle received here was sent.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "optional_instant")]
    pub last_received: Option<DateTime<Utc>>,
}

impl DeviceState {
    /// A new device, with a fresh id.
    pub fn new() -> DeviceState {
        DeviceState { id: Uuid::new_v4(), mentorships: BTreeMap::new() }
    }

    pub fn exchanges(&self, mentorship: Uuid) -> Exchanges {
        self.mentorships.get(&mentorship).cloned().unwrap_or_default()
    }

    /// Remembers the side a device sent as.
    pub fn heard_from(&mut self, mentorship: Uuid, device: Uuid, side: Side) {
        let known = &mut self.mentorships.entry(mentorship).or_default().known;
        known.insert(device, side);
        while known.len() > MAX_KNOWN_DEVICES {
            let Some(&first) = known.keys().find(|d| **d != device) else { break };
            known.remove(&first);
        }
    }

    /// Remembers what a received bundle held (see [`Fingerprints::learn`])
    /// and when it was sent.
    pub fn received(&mut self, mentorship: Uuid, what: &Fingerprints, sent_at: DateTime<Utc>) {
        let entry = self.mentorships.entry(mentorship).or_default();
        entry.sent.get_or_insert_with(Fingerprints::default).learn(what);
        entry.learned.get_or_insert_with(Fingerprints::default).learn(what);
        entry.last_received = entry.last_received.max(Some(sent_at));
    }

    /// Remembers what was just sent.
    pub fn sent(&mut self, mentorship: Uuid, what: Fingerprints) {
        self.mentorships.entry(mentorship).or_default().sent = Some(what);
    }

    /// The mentorships this device has sent or received.
    pub fn exchanged(&self) -> std::collections::BTreeSet<Uuid> {
        let exchanged = |e: &&Exchanges| !e.known.is_empty() || e.sent.is_some();
        self.mentorships.iter().filter(|(_, e)| exchanged(e)).map(|(id, _)| *id).collect()
    }

    /// Forgets a mentorship (deleted here).
    pub fn forget(&mut self, mentorship: Uuid) {
        self.mentorships.remove(&mentorship);
    }
}
