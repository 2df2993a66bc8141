//! Restoring a checked backup by merging it into what is here: the one merge
//! that runs ([`merge`]), and its [`preview`], worked out by running that same
//! merge and comparing — so the preview says what the merge will do.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::backup::Backup;
use crate::model::document::Counts;
use crate::model::record::Record;
use crate::model::{Library, MentorshipDoc};

/// What merging does to one mentorship of the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Not here: the merge adds it.
    Added,
    /// Here and in the file: merged record by record.
    Merged(Changes),
    /// Deleted in the file, alive here: a restore never deletes, so it stays.
    KeptHere,
    /// Deleted here, alive in the file: the deletion wins, so it stays
    /// deleted.
    StaysDeleted,
    /// Deleted in the file and not alive here: nothing to restore.
    NothingToRestore,
    /// Alive here and gone after the merge. Merging never does this (see
    /// [`merge`]); the preview would say so if it did.
    Deleted,
    /// The copy stored here is unreadable: a merge leaves it out (a replace
    /// overwrites it).
    UnreadableHere,
}

/// The records of one mentorship a merge changes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Records the file brings that are not here.
    pub added: usize,
    /// Records here that the merge changes (the file's version is newer, or
    /// parts of it are).
    pub updated: usize,
    /// Records the file has another version of, kept as they are here
    /// (newer here, or deleted here).
    pub newer_here: usize,
}

/// What restoring would do to one mentorship of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocPreview {
    pub id: Uuid,
    pub title: String,
    /// The file holds it as deleted.
    pub deleted_in_file: bool,
    /// Live records of each kind in the file's copy.
    pub counts: Counts,
    pub outcome: Outcome,
}

/// What restoring would do, as a whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    pub exported_at: Option<DateTime<Utc>>,
    pub mentorships: Vec<DocPreview>,
    /// Live records in the file's live mentorships.
    pub totals: Counts,
    /// Mentorships here that the file does not have (a replace deletes them).
    pub only_here: Vec<String>,
}

/// What merging `backup` into `current` gives. Record by record the newer
/// version wins and a deletion wins over an edit — but restoring a backup
/// never deletes what is alive here, so the file's deletions of living things
/// are left out. Mentorships whose stored copy here is unreadable are left
/// out too: there is nothing to merge them with.
pub fn merge(current: &Library, backup: &Library, unreadable_here: &BTreeSet<Uuid>) -> Library {
    let mut incoming = without_deletions_of_the_living(current, backup);
    incoming.mentorships.retain(|d| !unreadable_here.contains(&d.id()));
    current.merge(&incoming)
}

fn without_deletions_of_the_living(current: &Library, backup: &Library) -> Library {
    // Linear in the records: the living ids here, looked up by hash.
    fn keep_alive<T: Record>(here: &[T], file: &mut Vec<T>) {
        let alive: HashSet<Uuid> = here.iter().filter(|h| h.is_live()).map(Record::id).collect();
        file.retain(|r| r.is_live() || !alive.contains(&r.id()));
    }
    let mut out = backup.clone();
    out.mentorships.retain(|d| !d.is_deleted() || current.get(d.id()).is_none());
    for doc in &mut out.mentorships {
        if let Some(here) = current.get(doc.id()) {
            keep_alive(&here.themes, &mut doc.themes);
            keep_alive(&here.agreements, &mut doc.agreements);
            keep_alive(&here.goals, &mut doc.goals);
            keep_alive(&here.actions, &mut doc.actions);
            keep_alive(&here.sessions, &mut doc.sessions);
            keep_alive(&here.checkins, &mut doc.checkins);
            keep_alive(&here.private_notes, &mut doc.private_notes);
        }
    }
    out
}

/// Says what [`merge`] would do, by doing it (in memory) and comparing.
pub fn preview(current: &Library, backup: &Backup, unreadable_here: &BTreeSet<Uuid>) -> Preview {
    let merged = merge(current, &backup.library, unreadable_here);
    let mentorships: Vec<DocPreview> = backup
        .library
        .mentorships
        .iter()
        .map(|file| {
            let outcome = if unreadable_here.contains(&file.id()) {
                Outcome::UnreadableHere
            } else {
                outcome(find(current, file.id()), file, find(&merged, file.id()))
            };
            DocPreview {
                id: file.id(),
                title: title(file),
                deleted_in_file: file.is_deleted(),
                counts: file.counts(),
                outcome,
            }
        })
        .collect();
    let totals = backup.library.live().fold(Counts::default(), |sum, d| sum + d.counts());
    let only_here = current
        .live()
        .filter(|d| find(&backup.library, d.id()).is_none())
        .map(|d| d.mentorship.title())
        .collect();
    Preview { exported_at: backup.exported_at, mentorships, totals, only_here }
}

fn find(library: &Library, id: Uuid) -> Option<&MentorshipDoc> {
    library.mentorships.iter().find(|d| d.id() == id)
}

fn title(doc: &MentorshipDoc) -> String {
    if doc.is_deleted() {
        "A deleted mentorship".into()
    } else {
        doc.mentorship.title()
    }
}

fn is_live(doc: Option<&MentorshipDoc>) -> bool {
    doc.is_some_and(|d| !d.is_deleted())
}

/// What happened to one mentorship, from its copy here, in the file and
/// after the merge.
fn outcome(
    here: Option<&MentorshipDoc>,
    file: &MentorshipDoc,
    after: Option<&MentorshipDoc>,
) -> Outcome {
    match (here, after) {
        (Some(h), Some(a)) if is_live(here) && is_live(after) => {
            if file.is_deleted() {
                Outcome::KeptHere
            } else {
                Outcome::Merged(changes(h, file, a))
            }
        }
        _ if is_live(here) => Outcome::Deleted,
        _ if is_live(after) => Outcome::Added,
        (Some(_), _) if !file.is_deleted() => Outcome::StaysDeleted,
        _ => Outcome::NothingToRestore,
    }
}

/// The records a merge changed in one mentorship alive before and after.
fn changes(here: &MentorshipDoc, file: &MentorshipDoc, after: &MentorshipDoc) -> Changes {
    let parts = [
        changed(
            std::slice::from_ref(&here.mentorship),
            std::slice::from_ref(&file.mentorship),
            std::slice::from_ref(&after.mentorship),
        ),
        changed(
            here.conclusion.as_slice(),
            file.conclusion.as_slice(),
            after.conclusion.as_slice(),
        ),
        changed(&here.themes, &file.themes, &after.themes),
        changed(&here.agreements, &file.agreements, &after.agreements),
        changed(&here.goals, &file.goals, &after.goals),
        changed(&here.actions, &file.actions, &after.actions),
        changed(&here.sessions, &file.sessions, &after.sessions),
        changed(&here.checkins, &file.checkins, &after.checkins),
        changed(&here.private_notes, &file.private_notes, &after.private_notes),
    ];
    parts.into_iter().fold(Changes::default(), |sum, c| Changes {
        added: sum.added + c.added,
        updated: sum.updated + c.updated,
        newer_here: sum.newer_here + c.newer_here,
    })
}

/// For one list of records: what is live after the merge and was not here
/// is added; what was here and is live but different after is updated; what
/// is the same after though the file had another version was newer here (or
/// deleted here). Deleted records changing into other deleted records count
/// for nothing: nobody sees them.
fn changed<T: Record + PartialEq>(here: &[T], file: &[T], after: &[T]) -> Changes {
    // Looked up by id through a hash: linear in the records.
    let here: HashMap<Uuid, &T> = here.iter().map(|r| (r.id(), r)).collect();
    let file: HashMap<Uuid, &T> = file.iter().map(|r| (r.id(), r)).collect();
    let mut c = Changes::default();
    for a in after {
        let in_file = file.get(&a.id()).copied();
        match here.get(&a.id()).copied() {
            None => c.added += usize::from(a.is_live()),
            Some(h) if h != a => c.updated += usize::from(a.is_live()),
            Some(h) => {
                let other = in_file.is_some_and(|f| f != h && (f.is_live() || h.is_live()));
                c.newer_here += usize::from(other);
            }
        }
    }
    c
}
