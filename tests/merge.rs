//! Property tests of the record-by-record merge: whatever two (or three)
//! copies did, merging is order-independent and loses no one's change.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;
use tandem::model::record::{self, Record};
use tandem::model::task::ActionItem;
use tandem::model::{sample, MentorshipDoc, Side};
use uuid::Uuid;

mod support;

use support::now;

#[derive(Clone, Debug)]
enum Op {
    Edit { item: usize, at: i64 },
    Delete { item: usize, at: i64 },
    Add { at: i64 },
    RetitleSession { session: usize, at: i64 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0usize..8, 1i64..500).prop_map(|(item, at)| Op::Edit { item, at }),
        (0usize..8, 1i64..500).prop_map(|(item, at)| Op::Delete { item, at }),
        (1i64..500).prop_map(|at| Op::Add { at }),
        (0usize..4, 1i64..500).prop_map(|(session, at)| Op::RetitleSession { session, at }),
    ]
}

fn base() -> MentorshipDoc {
    let mut doc = sample::mentorship(7, 4, now());
    doc.actions.truncate(8);
    doc
}

/// Applies a replica's edits; every edit is tagged with the replica's name so
/// the test can tell whose change survived.
fn apply(doc: &mut MentorshipDoc, ops: &[Op], who: &str, ids: &[Uuid], sessions: &[Uuid]) {
    for (n, op) in ops.iter().enumerate() {
        match op {
            Op::Edit { item, at } => {
                record::update(
                    &mut doc.actions,
                    ids[item % ids.len()],
                    now() + Duration::seconds(*at),
                    |i| i.text = format!("{who} edit {n}"),
                );
            }
            Op::Delete { item, at } => {
                record::remove(
                    &mut doc.actions,
                    ids[item % ids.len()],
                    now() + Duration::seconds(*at),
                );
            }
            Op::Add { at } => {
                let mut item = ActionItem::new(
                    &format!("{who} added {n}"),
                    Side::Mentee,
                    None,
                    now() + Duration::seconds(*at),
                );
                item.meta.id = Uuid::new_v4();
                doc.actions.push(item);
            }
            Op::RetitleSession { session, at } => {
                record::update(
                    &mut doc.sessions,
                    sessions[session % sessions.len()],
                    now() + Duration::seconds(*at),
                    |s| s.topic = format!("{who} topic {n}"),
                );
            }
        }
    }
}

fn replicas(ops: &[Vec<Op>]) -> Vec<MentorshipDoc> {
    let b = base();
    let ids: Vec<Uuid> = b.actions.iter().map(|i| i.id()).collect();
    let sessions: Vec<Uuid> = b.sessions.iter().map(|s| s.id()).collect();
    ops.iter()
        .enumerate()
        .map(|(k, ops)| {
            let mut d = b.clone();
            apply(&mut d, ops, &format!("r{k}"), &ids, &sessions);
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
