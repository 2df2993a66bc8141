//! What one device sends to another: the shareable part of one mentorship,
//! who sends it (their side and device) and when.

use crate::model::stored_time::{instant, optional_instant};
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::model::conflict::TextField;
use crate::model::mentorship::Mentorship;
use crate::model::record::Record;
use crate::model::{MentorshipDoc, Side};

/// Marks a Tandem bundle among other JSON.
pub const KIND: &str = "tandem-bundle";
/// The bundle format this app writes; it reads this one and older.
pub const FORMAT: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    /// Always [`KIND`].
    pub kind: String,
    /// The format it was written in ([`FORMAT`] or older).
    pub format: u32,
    /// The side of the person who sent it.
    pub from: Side,
    /// The device it was sent from: a random id each device makes once.
    pub device: Uuid,
    #[serde(with = "instant")]
    pub sent_at: DateTime<Utc>,
    /// Only what changed since the last exchange (else the whole mentorship).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
    /// When the newest bundle this device had received for the mentorship
    /// was sent: what of the receiver's the sender had seen.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "optional_instant")]
    pub acked: Option<DateTime<Utc>>,
    /// The mentorship as the pair shares it (see [`shareable`]).
    pub doc: MentorshipDoc,
}

impl Bundle {
    /// The whole mentorship as this device (`device`, on `doc`'s side) sends it.
    pub fn whole(doc: &MentorshipDoc, device: Uuid, now: DateTime<Utc>) -> Bundle {
        Bundle {
            kind: KIND.into(),
            format: FORMAT,
            from: doc.mentorship.my_role,
            device,
            sent_at: now,
            partial: false,
            acked: None,
            doc: shareable(doc),
        }
    }

    /// Only the records that differ from what the receiver is known to
    /// hold (`known`: what was last sent to it), and the mentorship's
    /// details, which every bundle carries.
    pub fn changes(
        doc: &MentorshipDoc,
        known: &Fingerprints,
        device: Uuid,
        now: DateTime<Utc>,
    ) -> Bundle {
        let mut bundle = Bundle::whole(doc, device, now);
        bundle.partial = true;
        let d = &mut bundle.doc;
        known.keep_new(&mut d.themes);
        known.keep_new(&mut d.agreements);
        known.keep_new(&mut d.goals);
        known.keep_new(&mut d.actions);
        known.keep_new(&mut d.sessions);
        known.keep_new(&mut d.checkins);
        known.keep_new(&mut d.conflicts);
        if let Some(c) = d.conclusion.take() {
            d.conclusion = known.is_new(&c).then_some(c);
        }
        bundle
    }

    pub fn mentorship_id(&self) -> Uuid {
        self.doc.id()
    }

    /// "Ada Lovelace & Charles Babbage".
    pub fn title(&self) -> String {
        self.doc.mentorship.title()
    }

    /// The name of the person who sent it.
    pub fn sender(&self) -> &str {
        self.doc.mentorship.name(self.from)
    }
}

/// The part of a mentorship that may leave the device. Every field is named
/// (an allowlist): a field added to [`MentorshipDoc`] or [`Mentorship`] does
/// not compile here until someone decides whether it travels.
pub fn shareable(doc: &MentorshipDoc) -> MentorshipDoc {
    let MentorshipDoc {
        mentorship,
        themes,
        agreements,
        goals,
        actions,
        sessions,
        checkins,
        private_notes: _,
        conclusion,
        conflicts,
    } = doc;
    let Mentorship { meta, mentee, mentor, my_role: _, start_date, planned_end, focus, status } =
        mentorship;
    MentorshipDoc {
        mentorship: Mentorship {
            meta: meta.clone(),
            mentee: mentee.clone(),
            mentor: mentor.clone(),
            // Which side uses a device stays on it: every bundle says the
            // same here, and `Bundle::from` says who sent it.
            my_role: Side::default(),
            start_date: *start_date,
            planned_end: *planned_end,
            focus: focus.clone(),
            status: *status,
        },
        themes: themes.clone(),
        agreements: agreements.clone(),
        goals: goals.clone(),
        actions: actions.clone(),
        sessions: sessions.clone(),
        checkins: checkins.clone(),
        private_notes: Vec::new(),
        conclusion: conclusion.clone(),
        conflicts: conflicts.clone(),
    }
}

/// What one device last sent another: each record's id and a fingerprint
/// of its content. A later bundle to the same device carries only the
/// records whose fingerprint changed — edited here, or received from
/// elsewhere, whatever their time.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprints(pub BTreeMap<Uuid, u64>);

impl Fingerprints {
    /// The fingerprints of everything a bundle of `doc` carries.
    pub fn of(doc: &MentorshipDoc) -> Fingerprints {
        let d = shareable(doc);
        let mut map = BTreeMap::new();
        let mut add = |id: Uuid, print: u64| {
            map.insert(id, print);
        };
        d.themes.iter().for_each(|r| add(r.id(), fingerprint(r)));
        d.agreements.iter().for_each(|r| add(r.id(), fingerprint(r)));
        d.goals.iter().for_each(|r| add(r.id(), fingerprint(r)));
        d.actions.iter().for_each(|r| add(r.id(), fingerprint(r)));
        d.sessions.iter().for_each(|r| add(r.id(), fingerprint(r)));
        d.checkins.iter().for_each(|r| add(r.id(), fingerprint(r)));
        d.conclusion.iter().for_each(|r| add(r.id(), fingerprint(r)));
        d.conflicts.iter().for_each(|r| add(r.id(), fingerprint(r)));
        // Each text that can conflict, on its own: a text changed on both
        // devices since the last exchange is a conflict, whatever else of
        // its record changed.
        for field in TextField::ALL {
            for (id, text) in field.all(&d) {
                add(text_key(id, field), hash(text.as_bytes()));
            }
        }
        Fingerprints(map)
    }

    /// Whether `text`, the `field` of record `id`, differs from the version
    /// known here; `None` when none is known.
    pub fn text_changed(&self, id: Uuid, field: TextField, text: &str) -> Option<bool> {
        self.0.get(&text_key(id, field)).map(|known| *known != hash(text.as_bytes()))
    }

    /// Adds what a received bundle held: the sender has it, so the next
    /// bundle need not carry it back, and a text changed here since is told
    /// from one changed there.
    pub fn learn(&mut self, received: &Fingerprints) {
        self.0.extend(received.0.iter().map(|(k, v)| (*k, *v)));
    }

    /// `record` is not known as it is now.
    pub fn is_new<T: Record>(&self, record: &T) -> bool {
        self.0.get(&record.id()) != Some(&fingerprint(record))
    }

    fn keep_new<T: Record>(&self, records: &mut Vec<T>) {
        records.retain(|r| self.is_new(r));
    }
}

/// The first 8 bytes of the SHA-256 of a record's JSON.
fn fingerprint<T: Record>(record: &T) -> u64 {
    hash(serde_json::to_string(record).unwrap_or_default().as_bytes())
}

/// The first 8 bytes of the SHA-256 of `bytes`.
fn hash(bytes: &[u8]) -> u64 {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    u64::from_le_bytes(std::array::from_fn(|i| digest[i]))
}

/// Where one text of a record stands among the fingerprints.
fn text_key(id: Uuid, field: TextField) -> Uuid {
    Uuid::new_v5(&id, field.key().as_bytes())
}
