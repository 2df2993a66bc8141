//! Whose records are whose. Each side's own records — their view of each
//! theme, their feedback on a session, their check-ins, their signature,
//! their reflection at the end — are changed only from that side's devices.
//! A bundle from one side that carries another version of the other side's
//! records has those records put back as they are here, and counted.
//!
//! Joining copies what the inviting device holds, both sides' records: the
//! pair may have filled in the conversation together on one device.
//!
//! Everything else (the mentorship's details, the consensus, the agreement's
//! text, goals, action items, sessions, agendas and summaries) is shared:
//! either side may change it and the later change wins.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::model::agreement::Signature;
use crate::model::expectations::Voice;
use crate::model::record::{later_part, winner, Record};
use crate::model::session_notes::Feedback;
use crate::model::{MentorshipDoc, Side};

/// Puts back, in `incoming` from `sender`'s side, every part of a record
/// that belongs to the other side as it is `here`, and leaves out check-ins
/// in the other side's name that this device does not have. A record this
/// device lacks altogether (an older backup was restored here) comes as the
/// sender holds it: the sender only relays it. Returns how many of them the bundle would have
/// changed — an older copy of the other side's own record is not counted.
pub fn keep_to_owners(incoming: &mut MentorshipDoc, here: &MentorshipDoc, sender: Side) -> usize {
    let owner = sender.other();
    let mut refused = 0;

    let voice = Voice::Partner(owner);
    for (entry, ours) in matched(&mut incoming.themes, &here.themes) {
        refused += put_back(entry.answer_mut(voice), ours.answer(voice).clone(), |a| a.updated_at);
    }
    for (version, ours) in matched(&mut incoming.agreements, &here.agreements) {
        let signed_at = |s: &Option<Signature>| s.as_ref().map(|s| s.signed_at);
        refused +=
            put_back(version.signature_mut(owner), ours.signature(owner).cloned(), signed_at);
    }
    for (session, ours) in matched(&mut incoming.sessions, &here.sessions) {
        let edited_at = |f: &Option<Feedback>| f.as_ref().and_then(|f| f.updated_at);
        refused += put_back(session.feedback_mut(owner), ours.feedback(owner).cloned(), edited_at);
    }

    // A check-in belongs wholly to its side: the other side's stay as they
    // are here, and new ones in its name are left out.
    let checkins = by_id(&here.checkins);
    let mut kept = Vec::with_capacity(incoming.checkins.len());
    for checkin in std::mem::take(&mut incoming.checkins) {
        match checkins.get(&checkin.id()).copied() {
            Some(ours) if ours.side == owner => {
                refused += usize::from(winner(ours, &checkin) != ours);
                kept.push(ours.clone());
            }
            None if checkin.is_live() && checkin.side == owner => refused += 1,
            _ => kept.push(checkin),
        }
    }
    incoming.checkins = kept;

    // A reflection has no time of its own: the conclusion's is used.
    let conclusions =
        incoming.conclusion.as_mut().filter(|c| c.is_live()).zip(here.conclusion.as_ref());
    if let Some((theirs, ours)) = conclusions {
        let would_win = winner(ours, theirs) != ours;
        let reflection = ours.reflection(owner).clone();
        if *theirs.reflection(owner) != reflection {
            refused += usize::from(would_win);
            *theirs.reflection_mut(owner) = reflection;
        }
    }
    refused
}

/// Puts `ours` in the place of `theirs`; 1 if `theirs` differed and would
/// have won the merge, else 0.
fn put_back<T: Clone + PartialEq + Serialize>(
    theirs: &mut T,
    ours: T,
    edited_at: impl Fn(&T) -> Option<DateTime<Utc>>,
) -> usize {
    let would_win = *theirs != ours && later_part(&ours, theirs, edited_at) == *theirs;
    *theirs = ours;
    usize::from(would_win)
}

/// The live records of `incoming`, each with its version `here`. A record
/// this device does not have (a backup restored here was older) is left
/// out: it comes as the sender holds it, as theirs only relays it.
fn matched<'a, T: Record>(
    incoming: &'a mut [T],
    here: &'a [T],
) -> impl Iterator<Item = (&'a mut T, &'a T)> {
    let here = by_id(here);
    incoming.iter_mut().filter(|r| r.is_live()).filter_map(move |r| {
        let ours = here.get(&r.id()).copied()?;
        Some((r, ours))
    })
}

/// The records of a list here, by id.
fn by_id<T: Record>(records: &[T]) -> HashMap<Uuid, &T> {
    records.iter().map(|r| (r.id(), r)).collect()
}
