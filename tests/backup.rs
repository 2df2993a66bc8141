//! Backups: export → restore round trips, previews say what the merge will
//! do (and a property test that they always do), and a corpus of bad files
//! is refused with the right reason.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use proptest::prelude::*;
use tandem::model::record::{self, Record};
use tandem::model::{sample, Library, MentorshipDoc};
use tandem::storage::backup::{self, Backup, ImportError};
use tandem::storage::restore::{self, Changes, Outcome};
use uuid::Uuid;

mod support;

use support::edits::{apply, op, Op};
use support::{fixture, now, FIXTURES};

#[test]
fn a_backup_restores_exactly_what_was_exported() {
    let mut lib = sample::library(3, 12, now());
    // A deleted mentorship travels as a tombstone.
    lib.mentorships[2].tombstone(now());
    let text = backup::export(&lib, now());
    let restored = backup::parse(&text).expect("our own backup");
    let mut expected = lib.clone();
    expected.sort();
    assert_eq!(restored.library, expected);
    assert_eq!(restored.exported_at, Some(now()));
    assert_eq!(backup::file_name(now()), "tandem-backup-2026-03-01-1000.json");
}

#[test]
fn backups_of_every_schema_version_restore() {
    let text = fixture("backups/valid-schema-1.json");
    let b = backup::parse(&text).expect("schema 1 backup");
    assert_eq!(b.schema, 1);
    assert_eq!(b.library.profile.name, "Ada Lovelace");
    assert_eq!(b.library.mentorships[0].sessions.len(), 2);
}

fn expected_reason(name: &str) -> &str {
    name.split("--").next().unwrap_or("")
}

fn reason(e: &ImportError) -> &'static str {
    match e {
        ImportError::Empty => "empty",
        ImportError::TooLarge { .. } => "too-large",
        ImportError::Truncated => "truncated",
        ImportError::NotJson(_) => "not-json",
        ImportError::NotOurs(_) => "not-ours",
        ImportError::Newer(_) => "newer",
        ImportError::BadVersion => "bad-version",
        ImportError::WrongShape(_) => "wrong-shape",
        ImportError::TooMany(_) => "too-many",
        ImportError::DuplicateIds(_) => "duplicate-ids",
        ImportError::Invalid(_) => "invalid",
    }
}

#[test]
fn every_bad_file_is_refused_for_its_reason() {
    let mut seen = 0;
    for entry in std::fs::read_dir(format!("{FIXTURES}bad-backups")).expect("corpus") {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
        if name == "README.md" {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read");
        let err = backup::parse(&text).expect_err(&name);
        assert_eq!(reason(&err), expected_reason(&name), "{name}: {err}");
        let message = err.to_string();
        assert!(
            message.len() > 20 && message.ends_with('.'),
            "{name}: a sentence for a person: {message}"
        );
        seen += 1;
    }
    assert!(seen >= 15, "the corpus is there ({seen} files)");
}

#[test]
fn absurd_sizes_are_refused_before_reading() {
    let huge =
        format!("{{\"format\":\"tandem-backup\",\"pad\":\"{}\"}}", "x".repeat(backup::MAX_BYTES));
    assert!(matches!(backup::parse(&huge), Err(ImportError::TooLarge { .. })));
    let many = format!(
        "{{\"format\":\"tandem-backup\",\"schema\":1,\"mentorships\":[{}]}}",
        vec!["{}"; backup::MAX_MENTORSHIPS + 1].join(",")
    );
    assert!(matches!(backup::parse(&many), Err(ImportError::TooMany(_))));
}

#[test]
fn the_preview_says_what_a_restore_will_change() {
    let lib = sample::library(2, 6, now());
    let file = backup::parse(&backup::export(&lib, now())).expect("backup");

    // Here: one mentorship edited since the backup, one new one only here.
    let mut here = lib.clone();
    let later = now() + chrono::Duration::hours(1);
    let first = &mut here.mentorships[0];
    let session = first.sessions[0].id();
    record::update(&mut first.sessions, session, later, |s| s.topic = "changed here".into());
    let item = first.actions[0].id();
    record::remove(&mut first.actions, item, later);
    here.mentorships.push(sample::mentorship(99, 2, now()));
    // And one record the file has that is gone from here entirely.
    let goal = here.mentorships[1].goals.remove(0);

    let preview = restore::preview(&here, &file, &BTreeSet::new());
    assert_eq!(preview.mentorships.len(), 2);
    let newer_here = Changes { added: 0, updated: 0, newer_here: 2 };
    assert_eq!(
        preview.mentorships[0].outcome,
        Outcome::Merged(newer_here),
        "the edited session and the deleted item are newer here"
    );
    let goal_back = Changes { added: 1, updated: 0, newer_here: 0 };
    assert_eq!(preview.mentorships[1].outcome, Outcome::Merged(goal_back), "{}", goal.title);
    assert_eq!(preview.only_here, vec![here.mentorships[2].mentorship.title()]);
    assert_eq!(preview.totals.sessions, 12);

    // Merging keeps the newer edits here and adds what the file has.
    let merged: Library = restore::merge(&here, &file.library, &BTreeSet::new());
    let m0 = merged.get(here.mentorships[0].id()).expect("kept");
    assert_eq!(
        m0.sessions.iter().find(|s| s.id() == session).map(|s| s.topic.as_str()),
        Some("changed here")
    );
    assert!(
        !m0.actions.iter().any(|a| a.id() == item && a.is_live()),
        "a deletion is not undone by a restore"
    );
    assert!(merged
        .get(here.mentorships[1].id())
        .is_some_and(|d| d.goals.iter().any(|g| g.id() == goal.id())));
    assert_eq!(merged.live().count(), 3);
}

#[test]
fn a_merge_restore_never_deletes_what_is_alive_here() {
    // Device 1 deleted a mentorship and an action item, then made the backup.
    let here = sample::library(2, 4, now());
    let mut device_one = here.clone();
    let later = now() + chrono::Duration::hours(1);
    device_one.mentorships[0].tombstone(later);
    let item = device_one.mentorships[1].actions[0].id();
    record::remove(&mut device_one.mentorships[1].actions, item, later);
    let file = backup::parse(&backup::export(&device_one, later)).expect("backup");

    let preview = restore::preview(&here, &file, &BTreeSet::new());
    assert_eq!(preview.mentorships[0].outcome, Outcome::KeptHere);
    let kept_item = Changes { added: 0, updated: 0, newer_here: 1 };
    assert_eq!(
        preview.mentorships[1].outcome,
        Outcome::Merged(kept_item),
        "the item deleted in the file is kept here"
    );

    let merged = restore::merge(&here, &file.library, &BTreeSet::new());
    assert!(merged.get(here.mentorships[0].id()).is_some(), "the mentorship is still here");
    let kept = merged.get(here.mentorships[1].id()).expect("kept");
    assert!(kept.actions.iter().any(|a| a.id() == item && a.is_live()), "the item is still here");
}

#[test]
fn a_mentorship_deleted_here_is_previewed_as_staying_deleted() {
    // Deleted here after the backup was made: the deletion wins a merge.
    let file = backup::parse(&backup::export(&sample::library(2, 2, now()), now())).expect("ok");
    let mut here = file.library.clone();
    here.mentorships[0].tombstone(now() + chrono::Duration::hours(1));
    let id = here.mentorships[0].id();

    let preview = restore::preview(&here, &file, &BTreeSet::new());
    assert_eq!(preview.mentorships[0].outcome, Outcome::StaysDeleted);
    let merged = restore::merge(&here, &file.library, &BTreeSet::new());
    assert!(merged.get(id).is_none(), "and the merge keeps it deleted");
}

#[test]
fn a_mentorship_unreadable_here_is_previewed_and_left_out_of_the_merge() {
    let file = backup::parse(&backup::export(&sample::library(2, 2, now()), now())).expect("ok");
    // Set aside at load: not in the library, its stored copy held back.
    let mut here = file.library.clone();
    let unreadable = here.mentorships.remove(0).id();
    let set = BTreeSet::from([unreadable]);

    let preview = restore::preview(&here, &file, &set);
    assert_eq!(preview.mentorships[0].outcome, Outcome::UnreadableHere);
    assert_eq!(preview.mentorships[1].outcome, Outcome::Merged(Changes::default()));
    assert!(restore::merge(&here, &file.library, &set).get(unreadable).is_none());
}

/// A copy of one mentorship: whether it exists, the edits to its records,
/// and maybe an edit of its header and its deletion (seconds after now).
#[derive(Clone, Debug)]
struct Copy {
    present: bool,
    edits: Vec<Op>,
    refocus: Option<i64>,
    deleted: Option<i64>,
}

fn copy() -> impl Strategy<Value = Copy> {
    let sometimes = || prop::option::weighted(0.2, 1i64..500);
    (prop::bool::weighted(0.85), prop::collection::vec(op(), 0..5), sometimes(), sometimes())
        .prop_map(|(present, edits, refocus, deleted)| Copy { present, edits, refocus, deleted })
}

/// For each of three mentorships: the copy here, the copy in the file, and
/// whether the copy stored here is unreadable.
fn case() -> impl Strategy<Value = Vec<(Copy, Copy, bool)>> {
    prop::collection::vec((copy(), copy(), prop::bool::weighted(0.15)), 3)
}

/// The copy `copy` describes of `base`, if it exists.
fn made(base: &MentorshipDoc, copy: &Copy, who: &str) -> Option<MentorshipDoc> {
    if !copy.present {
        return None;
    }
    let mut doc = base.clone();
    apply(&mut doc, &copy.edits, who);
    let later = |seconds| now() + chrono::Duration::seconds(seconds);
    if let Some(at) = copy.refocus {
        doc.mentorship.focus = format!("{who} focus");
        doc.mentorship.meta.touch(later(at));
    }
    if let Some(at) = copy.deleted {
        doc.tombstone(later(at));
    }
    Some(doc)
}

fn find(library: &Library, id: Uuid) -> Option<&MentorshipDoc> {
    library.mentorships.iter().find(|d| d.id() == id)
}

fn live(doc: Option<&MentorshipDoc>) -> bool {
    doc.is_some_and(|d| !d.is_deleted())
}

/// Each record of a list as (id, alive, its JSON): compared as text, apart
/// from the code that computes the preview.
fn as_text<T: Record>(records: &[T]) -> Vec<(Uuid, bool, String)> {
    records
        .iter()
        .map(|r| (r.id(), r.is_live(), serde_json::to_string(r).unwrap_or_default()))
        .collect()
}

fn every_list(doc: &MentorshipDoc) -> Vec<Vec<(Uuid, bool, String)>> {
    vec![
        as_text(std::slice::from_ref(&doc.mentorship)),
        as_text(doc.conclusion.as_slice()),
        as_text(&doc.themes),
        as_text(&doc.agreements),
        as_text(&doc.goals),
        as_text(&doc.actions),
        as_text(&doc.sessions),
        as_text(&doc.checkins),
        as_text(&doc.private_notes),
    ]
}

/// What the merge really did to the records of one mentorship.
fn really_changed(here: &MentorshipDoc, file: &MentorshipDoc, after: &MentorshipDoc) -> Changes {
    let mut c = Changes::default();
    let lists = every_list(here).into_iter().zip(every_list(file)).zip(every_list(after));
    for ((here, file), after) in lists {
        let get = |list: &[(Uuid, bool, String)], id| list.iter().find(|r| r.0 == id).cloned();
        for (id, alive, text) in &after {
            match (get(&here, *id), get(&file, *id)) {
                (None, _) => c.added += usize::from(*alive),
                (Some(h), _) if h.2 != *text => c.updated += usize::from(*alive),
                (Some(h), Some(f)) if f.2 != h.2 && (f.1 || h.1) => c.newer_here += 1,
                _ => {}
            }
        }
    }
    c
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// The preview of a merge says exactly what the merge the restore runs
    /// then does, mentorship by mentorship and record by record.
    #[test]
    fn the_preview_of_a_merge_is_what_the_merge_does(copies in case()) {
        let base = sample::library(3, 4, now());
        let (mut here, mut file) = (Library::default(), Library::default());
        let mut unreadable = BTreeSet::new();
        for (doc, (ours, theirs, unreadable_here)) in base.mentorships.iter().zip(&copies) {
            if let Some(d) = made(doc, theirs, "file") {
                file.mentorships.push(d);
            }
            match made(doc, ours, "here") {
                Some(_) if *unreadable_here => {
                    unreadable.insert(doc.id());
                }
                Some(d) => here.mentorships.push(d),
                None => {}
            }
        }
        let backup = Backup { exported_at: None, schema: 1, library: file };
        let preview = restore::preview(&here, &backup, &unreadable);
        let after = restore::merge(&here, &backup.library, &unreadable);

        prop_assert_eq!(preview.mentorships.len(), backup.library.mentorships.len());
        for p in &preview.mentorships {
            let (before, now_) = (find(&here, p.id), find(&after, p.id));
            let in_file = find(&backup.library, p.id);
            let unchanged = before == now_;
            let fits = match p.outcome {
                Outcome::Added => !live(before) && live(now_),
                Outcome::Merged(c) => match (before, in_file, now_) {
                    (Some(b), Some(f), Some(a)) => live(before) && live(now_)
                        && c == really_changed(b, f, a),
                    _ => false,
                },
                Outcome::KeptHere => live(before) && unchanged,
                Outcome::StaysDeleted => before.is_some() && !live(before) && !live(now_),
                Outcome::NothingToRestore => !live(before) && !live(now_),
                Outcome::Deleted => live(before) && !live(now_),
                Outcome::UnreadableHere => unreadable.contains(&p.id) && now_.is_none(),
            };
            prop_assert!(fits, "{:?} for {}: before {:?}", p.outcome, p.id, before.map(|d| d.is_deleted()));
        }
        // What the file does not have is left as it is.
        for doc in here.mentorships.iter().filter(|d| find(&backup.library, d.id()).is_none()) {
            prop_assert_eq!(find(&after, doc.id()), Some(doc));
        }
    }
}
