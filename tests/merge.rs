//! Property tests of the record-by-record merge: whatever two (or three)
//! copies did, merging is order-independent and loses no one's change.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;
use tandem::model::record::{self, Record};
use tandem::model::{sample, MentorshipDoc, Side};
use uuid::Uuid;

mod support;

use support::edits::{apply, op, Op};
use support::now;

fn base() -> MentorshipDoc {
    let mut doc = sample::mentorship(7, 4, now());
    doc.actions.truncate(8);
    doc
}

fn replicas(ops: &[Vec<Op>]) -> Vec<MentorshipDoc> {
    let b = base();
    ops.iter()
        .enumerate()
        .map(|(k, ops)| {
            let mut d = b.clone();
            apply(&mut d, ops, &format!("r{k}"));
            d
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn merge_is_commutative_and_idempotent(a in prop::collection::vec(op(), 0..12), b in prop::collection::vec(op(), 0..12)) {
        let r = replicas(&[a, b]);
        let ab = r[0].merge(&r[1]);
        prop_assert_eq!(&ab, &r[1].merge(&r[0]));
        prop_assert_eq!(&ab.merge(&ab), &ab);
        prop_assert_eq!(&ab.merge(&r[0]), &ab, "merging an input again changes nothing");
    }

    /// Normalizing a list in place (`record::normalize_records`, on every
    /// load) gives what merging it with nothing gives: in order or not, with
    /// an id twice or not.
    #[test]
    fn normalizing_in_place_is_merging_with_nothing(
        picks in prop::collection::vec((0..4usize, 0..3i64, 0..3i64, any::<bool>()), 0..10),
        sort_first in any::<bool>(),
    ) {
        let pool = base().actions;
        let mut records: Vec<_> = picks
            .iter()
            .map(|&(id, created, updated, edited)| {
                let mut r = pool[0].clone();
                r.meta.id = pool[id].meta.id;
                r.meta.created_at = now() + Duration::minutes(created);
                r.meta.updated_at = now() + Duration::minutes(created + updated);
                if edited {
                    r.text = format!("Edited {id} {created} {updated}");
                }
                r
            })
            .collect();
        if sort_first {
            records.sort_by_key(|r| (r.meta.created_at, r.id()));
        }
        let merged = record::merge_records(&records, &[]);
        record::normalize_records(&mut records);
        prop_assert_eq!(records, merged);
    }

    #[test]
    fn merge_is_associative(a in prop::collection::vec(op(), 0..8), b in prop::collection::vec(op(), 0..8), c in prop::collection::vec(op(), 0..8)) {
        let r = replicas(&[a, b, c]);
        prop_assert_eq!(r[0].merge(&r[1]).merge(&r[2]), r[0].merge(&r[1].merge(&r[2])));
    }

    #[test]
    fn no_change_is_lost(a in prop::collection::vec(op(), 0..12), b in prop::collection::vec(op(), 0..12)) {
        let r = replicas(&[a, b]);
        let merged = r[0].merge(&r[1]);
        for side in &r {
            for item in &side.actions {
                let kept = merged.actions.iter().find(|m| m.id() == item.id());
                prop_assert!(kept.is_some(), "record {} vanished", item.id());
                let kept = kept.expect("checked");
                if item.meta.deleted {
                    prop_assert!(kept.meta.deleted, "a deletion was undone");
                } else if !kept.meta.deleted {
                    prop_assert!(kept.meta.updated_at >= item.meta.updated_at, "an older version won");
                }
            }
        }
        // A record only one side changed has that side's version.
        let original = base();
        for item in &original.actions {
            let va = r[0].actions.iter().find(|x| x.id() == item.id()).expect("a");
            let vb = r[1].actions.iter().find(|x| x.id() == item.id()).expect("b");
            let m = merged.actions.iter().find(|x| x.id() == item.id()).expect("m");
            if va == item { prop_assert_eq!(m, vb); }
            if vb == item { prop_assert_eq!(m, va); }
        }
    }
}

#[test]
fn a_deleted_mentorship_stays_deleted_whatever_the_other_copy_did() {
    let original = base();
    let mut deleted = original.clone();
    deleted.tombstone(now() + Duration::seconds(1));
    let mut edited = original.clone();
    let id = edited.sessions[0].id();
    record::update(&mut edited.sessions, id, now() + Duration::hours(5), |s| {
        s.topic = "later edit".into()
    });
    for merged in [deleted.merge(&edited), edited.merge(&deleted)] {
        assert!(merged.is_deleted());
        assert!(merged.sessions.is_empty(), "a tombstone carries no content");
    }
}

/// Marks `record` as changed `seconds` after now, and returns that time (for
/// the edited part's own time).
fn touched<T: Record>(record: &mut T, seconds: i64) -> Option<DateTime<Utc>> {
    let at = now() + Duration::seconds(seconds);
    record.meta_mut().touch(at);
    Some(at)
}

#[test]
fn two_copies_answering_one_theme_keep_both_partners_answers() {
    use tandem::model::expectations::{ThemeEntry, Voice};
    let base = ThemeEntry::builtin(Uuid::new_v4(), "meetings", now());
    let (mut a, mut b) = (base.clone(), base.clone());
    a.mentee.text = "Weekly".into();
    a.mentee.updated_at = touched(&mut a, 5);
    b.mentor.text = "Fortnightly".into();
    b.mentor.updated_at = touched(&mut b, 9);
    for merged in [
        record::merge_records(&[a.clone()], &[b.clone()]),
        record::merge_records(&[b.clone()], &[a.clone()]),
    ] {
        assert_eq!(merged[0].answer(Voice::Partner(Side::Mentee)).text, "Weekly");
        assert_eq!(merged[0].answer(Voice::Partner(Side::Mentor)).text, "Fortnightly");
    }
}

#[test]
fn a_sessions_agenda_and_summary_written_in_two_copies_both_survive() {
    let doc = base();
    let session = doc.sessions[0].clone();
    let (mut a, mut b) = (session.clone(), session.clone());
    a.agenda.update = "Written in tab A".into();
    a.agenda.updated_at = touched(&mut a, 3);
    b.summary.notes = "Written in tab B".into();
    b.summary.updated_at = touched(&mut b, 4);
    let merged = record::merge_records(&[a], &[b]);
    assert_eq!(merged[0].agenda.update, "Written in tab A");
    assert_eq!(merged[0].summary.notes, "Written in tab B");
}
