//! A mentorship with everything that belongs to it — the unit that is stored,
//! merged, backed up and deleted together — and the [`Library`] of all of them
//! on this device.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::agreement::AgreementVersion;
use super::checkin::CheckIn;
use super::conclusion::Conclusion;
use super::conflict::Conflict;
use super::expectations::ThemeEntry;
use super::goal::Goal;
use super::mentorship::Mentorship;
use super::private_note::PrivateNote;
use super::profile::Profile;
use super::record::{merge_records, winner, Record};
use super::session::Session;
use super::task::ActionItem;
use super::validate::FieldError;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MentorshipDoc {
    pub mentorship: Mentorship,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<ThemeEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agreements: Vec<AgreementVersion>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<Goal>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionItem>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sessions: Vec<Session>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checkins: Vec<CheckIn>,
    /// Only for the person using this device; never shared.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub private_notes: Vec<PrivateNote>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conclusion: Option<Conclusion>,
    /// Texts two devices changed at once: the version that did not stand,
    /// until someone resolves it (see [`super::conflict`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
}

/// How many live records of each kind a document holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub themes: usize,
    pub agreements: usize,
    pub goals: usize,
    pub actions: usize,
    pub sessions: usize,
    pub checkins: usize,
    pub private_notes: usize,
}

impl std::ops::Add for Counts {
    type Output = Counts;

    fn add(self, o: Counts) -> Counts {
        Counts {
            themes: self.themes + o.themes,
            agreements: self.agreements + o.agreements,
            goals: self.goals + o.goals,
            actions: self.actions + o.actions,
            sessions: self.sessions + o.sessions,
            checkins: self.checkins + o.checkins,
            private_notes: self.private_notes + o.private_notes,
        }
    }
}

impl Counts {
    /// "3 sessions, 1 goal, 4 action items, 1 agreement version, 0
    /// check-ins and 2 private notes" — what deleting would take with it.
    pub fn in_words(&self) -> String {
        in_words(&[
            (self.sessions, "session"),
            (self.goals, "goal"),
            (self.actions, "action item"),
            (self.agreements, "agreement version"),
            (self.checkins, "check-in"),
            (self.private_notes, "private note"),
        ])
    }

    /// "14 themes, 1 agreement version, 3 goals, 6 sessions and 1 deletion"
    /// — what a bundle carries (never private notes), naming only what it
    /// holds; with none of those, "the mentorship's details".
    pub fn shared_in_words(&self, deletions: usize) -> String {
        let held: Vec<(usize, &str)> = [
            (self.themes, "theme"),
            (self.agreements, "agreement version"),
            (self.goals, "goal"),
            (self.actions, "action item"),
            (self.sessions, "session"),
            (self.checkins, "check-in"),
            (deletions, "deletion"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .collect();
        if held.is_empty() {
            "the mentorship's details".into()
        } else {
            in_words(&held)
        }
    }
}

/// Counted words joined as a list: "3 sessions, 1 goal and 2 check-ins".
fn in_words(counts: &[(usize, &str)]) -> String {
    let words: Vec<String> =
        counts.iter().map(|(n, noun)| super::counting::count(*n, noun)).collect();
    match words.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

fn count<T: Record>(records: &[T]) -> usize {
    records.iter().filter(|r| r.is_live()).count()
}

impl MentorshipDoc {
    pub fn new(mentorship: Mentorship) -> MentorshipDoc {
        MentorshipDoc { mentorship, ..Default::default() }
    }

    pub fn id(&self) -> Uuid {
        self.mentorship.meta.id
    }

    pub fn is_deleted(&self) -> bool {
        self.mentorship.meta.deleted
    }

    pub fn counts(&self) -> Counts {
        Counts {
            themes: count(&self.themes),
            agreements: count(&self.agreements),
            goals: count(&self.goals),
            actions: count(&self.actions),
            sessions: count(&self.sessions),
            checkins: count(&self.checkins),
            private_notes: count(&self.private_notes),
        }
    }

    /// How many of its shared records (themes, agreement versions, goals,
    /// action items, sessions, check-ins) are deleted: their tombstones.
    pub fn deletions(&self) -> usize {
        let all = self.themes.len()
            + self.agreements.len()
            + self.goals.len()
            + self.actions.len()
            + self.sessions.len()
            + self.checkins.len();
        let c = self.counts();
        all.saturating_sub(c.themes + c.agreements + c.goals + c.actions + c.sessions + c.checkins)
    }

    /// Deletes the whole mentorship: what remains is a tombstone that keeps
    /// other copies (tabs, backups) from bringing it back.
    pub fn tombstone(&mut self, now: DateTime<Utc>) {
        let mut mentorship = self.mentorship.clone();
        mentorship.tombstone(now);
        *self = MentorshipDoc::new(mentorship);
    }

    /// Merges two copies of the same mentorship record by record. A deleted
    /// mentorship stays deleted.
    pub fn merge(&self, other: &MentorshipDoc) -> MentorshipDoc {
        let header = winner(&self.mentorship, &other.mentorship).clone();
        if header.meta.deleted {
            return MentorshipDoc::new(header);
        }
        let conclusion = match (&self.conclusion, &other.conclusion) {
            (Some(a), Some(b)) => Some(winner(a, b).clone()),
            (a, b) => a.clone().or_else(|| b.clone()),
        };
        MentorshipDoc {
            mentorship: header,
            themes: merge_records(&self.themes, &other.themes),
            agreements: merge_records(&self.agreements, &other.agreements),
            goals: merge_records(&self.goals, &other.goals),
            actions: merge_records(&self.actions, &other.actions),
            sessions: merge_records(&self.sessions, &other.sessions),
            checkins: merge_records(&self.checkins, &other.checkins),
            private_notes: merge_records(&self.private_notes, &other.private_notes),
            conclusion,
            conflicts: merge_records(&self.conflicts, &other.conflicts),
        }
    }

    /// Checks every record, that no id appears twice and the derived ids;
    /// each problem names its record. See [`super::integrity`].
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        super::integrity::validate(self)
    }

    /// Puts the document in its normal form (tombstones empty, derived ids,
    /// clean text, one order). See [`super::integrity`].
    pub fn normalize(&mut self) {
        super::integrity::normalize(self)
    }

    /// Brings clock-stamped times more than a day ahead of `now` back to
    /// `now`; returns how many. See [`super::clock_stamps`].
    pub fn clamp_future(&mut self, now: DateTime<Utc>) -> usize {
        super::clock_stamps::clamp_future(self, now)
    }
}

/// Everything on this device: the profile and every mentorship (deleted ones
/// as tombstones).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Library {
    #[serde(default)]
    pub profile: Profile,
    #[serde(default)]
    pub mentorships: Vec<MentorshipDoc>,
}

impl Library {
    pub fn get(&self, id: Uuid) -> Option<&MentorshipDoc> {
        self.mentorships.iter().find(|d| d.id() == id && !d.is_deleted())
    }

    pub fn get_mut(&mut self, id: Uuid) -> Option<&mut MentorshipDoc> {
        self.mentorships.iter_mut().find(|d| d.id() == id && !d.is_deleted())
    }

    /// Live mentorships, in creation order.
    pub fn live(&self) -> impl Iterator<Item = &MentorshipDoc> {
        self.mentorships.iter().filter(|d| !d.is_deleted())
    }

    pub fn counts(&self) -> (usize, Counts) {
        self.live().fold((0, Counts::default()), |(n, c), d| (n + 1, c + d.counts()))
    }

    /// Puts a mentorship in place of any copy of it this library holds
    /// (none, for a new one), in order: no merging.
    pub fn put(&mut self, doc: MentorshipDoc) {
        self.mentorships.retain(|d| d.id() != doc.id());
        self.mentorships.push(doc);
        self.sort();
    }

    /// Puts a document in, merging with the copy already here if any.
    pub fn merge_doc(&mut self, doc: MentorshipDoc) {
        match self.mentorships.iter_mut().find(|d| d.id() == doc.id()) {
            Some(existing) => *existing = existing.merge(&doc),
            None => self.mentorships.push(doc),
        }
        self.sort();
    }

    /// Merges another library into this one, record by record. The result
    /// does not depend on the order of either library's mentorships.
    pub fn merge(&self, other: &Library) -> Library {
        // Ids map to positions (one map type for the whole app, see
        // `record::merge_records`); the sort below sets the order.
        let mut mentorships: Vec<MentorshipDoc> = Vec::new();
        let mut at: BTreeMap<Uuid, usize> = BTreeMap::new();
        for doc in self.mentorships.iter().chain(&other.mentorships) {
            match at.get(&doc.id()) {
                Some(&i) => mentorships[i] = mentorships[i].merge(doc),
                None => {
                    at.insert(doc.id(), mentorships.len());
                    mentorships.push(doc.clone());
                }
            }
        }
        let mut out =
            Library { profile: winner(&self.profile, &other.profile).clone(), mentorships };
        out.sort();
        out
    }

    /// Every mentorship in its normal form, the profile's name clean, the
    /// mentorships in order. See [`super::integrity`].
    pub fn normalize(&mut self) {
        self.profile.name = super::validate::clean_line(&self.profile.name).into_owned();
        self.mentorships.iter_mut().for_each(MentorshipDoc::normalize);
        self.sort();
    }

    /// [`MentorshipDoc::clamp_future`] for everything, the profile too.
    pub fn clamp_future(&mut self, now: DateTime<Utc>) -> usize {
        let mut changed = super::clock_stamps::clamp_meta(&mut self.profile.meta, now);
        for d in &mut self.mentorships {
            changed += d.clamp_future(now);
        }
        changed
    }

    pub fn sort(&mut self) {
        super::order::sort_by(&mut self.mentorships, |a, b| {
            (a.mentorship.meta.created_at, a.id()).cmp(&(b.mentorship.meta.created_at, b.id()))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bundle_names_only_what_it_holds() {
        let c = Counts { themes: 14, sessions: 1, ..Default::default() };
        assert_eq!(c.shared_in_words(0), "14 themes and 1 session");
        assert_eq!(c.shared_in_words(2), "14 themes, 1 session and 2 deletions");
        let only = Counts { sessions: 2, ..Default::default() };
        assert_eq!(only.shared_in_words(0), "2 sessions");
        assert_eq!(Counts::default().shared_in_words(0), "the mentorship's details");
        assert_eq!(Counts::default().shared_in_words(1), "1 deletion");
        // Private notes never travel, so never show.
        let private = Counts { private_notes: 3, goals: 1, ..Default::default() };
        assert_eq!(private.shared_in_words(0), "1 goal");
    }

    #[test]
    fn deleted_records_are_counted_as_deletions() {
        use crate::model::task::ActionItem;
        use crate::model::Side;
        let now = chrono::Utc::now();
        let mut doc = MentorshipDoc::default();
        for text in ["Draft the plan", "Book the room"] {
            doc.actions.push(ActionItem::new(text, Side::Mentee, None, now));
        }
        assert_eq!(doc.deletions(), 0);
        let id = doc.actions[0].id();
        assert!(crate::model::record::remove(&mut doc.actions, id, now));
        assert_eq!(doc.deletions(), 1);
        assert_eq!(doc.counts().shared_in_words(doc.deletions()), "1 action item and 1 deletion");
    }

    #[test]
    fn put_replaces_any_copy_without_merging_and_keeps_the_order() {
        use crate::model::sample;
        let now = crate::model::test_support::now();
        let (older, newer) = (sample::mentorship(1, 2, now), sample::mentorship(2, 1, now));
        let mut lib = Library::default();
        lib.put(newer.clone());
        lib.put(older.clone());
        let order = |lib: &Library| lib.mentorships.iter().map(|d| d.id()).collect::<Vec<_>>();
        let mut expected = [older.clone(), newer.clone()];
        expected.sort_by_key(|d| (d.mentorship.meta.created_at, d.id()));
        assert_eq!(order(&lib), expected.iter().map(|d| d.id()).collect::<Vec<_>>());

        // The copy put in stands whole, as it is: nothing of the one it
        // replaces is merged into it.
        let mut fewer = older.clone();
        fewer.sessions.clear();
        lib.put(fewer.clone());
        assert_eq!(lib.mentorships.len(), 2);
        assert_eq!(lib.get(older.id()), Some(&fewer));
    }
}
