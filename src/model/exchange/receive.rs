//! Receiving a bundle: every check first, then the merge it would make, done
//! in memory, and what it changes — so the preview a person confirms says
//! exactly what confirming does.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::bundle::{Bundle, Fingerprints, FORMAT, KIND};
use super::ownership::keep_to_owners;
use crate::model::conflict::{Conflict, TextField};
use crate::model::record::Meta;
use crate::model::record::Record;
use crate::model::{MentorshipDoc, Side};

/// Why a bundle is refused. Nothing changes when one is.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// Not something Tandem wrote (the reason, for the message).
    #[error("This is not something Tandem sent ({0}).")]
    NotOurs(String),
    /// Cut short or changed on the way (the reason).
    #[error("This was cut short or changed on the way ({0}). Ask for it to be sent again, as a file if a link is too long.")]
    Damaged(String),
    /// Written by a newer Tandem, in this format.
    #[error("This was sent by a newer version of Tandem (format {0}; this app reads up to {FORMAT}). Update the app, then open it again.")]
    Newer(u32),
    /// Sent by this very device.
    #[error("This was sent from this device: there is nothing new in it for you.")]
    FromThisDevice,
    /// Says it is from one side, but its device has sent the other side's.
    #[error("This says it is from the {}, but the device it came from has sent the {}'s before. Nothing was changed.", claims.label(), known.label())]
    SideMismatch { claims: Side, known: Side },
    /// For another mentorship than the one being received into.
    #[error("This is for another mentorship ({title}), not the one open here.")]
    OtherMentorship { title: String },
    /// The sender has deleted the mentorship.
    #[error("The sender has deleted the mentorship {title} from their device; nothing was changed here.")]
    Deleted { title: String },
    /// Only what changed, for a mentorship not on this device.
    #[error("This holds only what changed in “{title}”, which is not on this device yet: ask for everything (on the Exchange page, “Send everything”).")]
    PartialJoin { title: String },
    /// It carries private notes, which Tandem never sends.
    #[error("This carries private notes, which Tandem never sends: it was not made by Tandem.")]
    PrivateNotes,
    /// Data Tandem cannot accept (each problem in words).
    #[error("This holds data Tandem cannot accept: {}", .0.join(" "))]
    Invalid(Vec<String>),
}

/// What this device knows when a bundle arrives.
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// This device's own id.
    pub device: Uuid,
    /// The side each device that sent to this mentorship before was on.
    pub known_devices: BTreeMap<Uuid, Side>,
    /// The mentorship being received into, if one is open.
    pub expected: Option<Uuid>,
    /// For a mentorship not on this device: the side this person joins as
    /// (by default the side the sender is not on).
    pub join_as: Option<Side>,
    /// What the sender had sent before (see [`super::device::Exchanges`]):
    /// a text it changed since, that this device changed after the sender
    /// last heard from it, is a conflict.
    pub learned: Option<Fingerprints>,
    /// What this device is known to have sent the other: a text of the
    /// sender's that is one of those is this device's own, passed back.
    pub sent: Option<Fingerprints>,
    pub now: DateTime<Utc>,
}

/// How many records of one kind a merge adds, changes and deletes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KindChanges {
    /// The kind, as a plural noun ("sessions").
    pub kind: &'static str,
    pub added: usize,
    pub changed: usize,
    pub deleted: usize,
}

/// What a merge does, kind by kind (kinds with no change left out).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes(pub Vec<KindChanges>);

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A bundle that passed every check, and what confirming it does.
#[derive(Clone, Debug, PartialEq)]
pub struct Received {
    pub from: Side,
    /// The sender's name, as the bundle gives it.
    pub sender: String,
    pub device: Uuid,
    pub sent_at: DateTime<Utc>,
    pub title: String,
    /// The mentorship is not on this device: confirming joins it.
    pub joining: bool,
    /// The side this device is on (after joining, the side joined as).
    pub my_side: Side,
    /// The mentorship after the merge: what confirming stores.
    pub merged: MentorshipDoc,
    pub changes: Changes,
    /// Records or parts of the other side's that the bundle tried to
    /// change and that were kept as they are here.
    pub refused: usize,
    /// Times more than a day ahead of this device's clock, brought back.
    pub clamped: usize,
    /// Texts changed on both devices since they last exchanged.
    pub conflicts: usize,
    /// What the bundle held, to remember once received.
    pub learned: Fingerprints,
}

/// Checks `bundle` against this device (`here`: its copy of the mentorship,
/// if it has one) and merges it in memory. Pure: nothing is stored.
pub fn receive(
    here: Option<&MentorshipDoc>,
    bundle: &Bundle,
    context: &Context,
) -> Result<Received, Refusal> {
    check(bundle, context)?;
    let mut incoming = bundle.doc.clone();
    if !incoming.private_notes.is_empty() {
        return Err(Refusal::PrivateNotes);
    }
    let clamped = incoming.clamp_future(context.now);
    incoming.normalize();
    incoming
        .validate()
        .map_err(|errors| Refusal::Invalid(errors.into_iter().map(|e| e.message).collect()))?;
    // What the sender holds, before anything of it is put back.
    let learned = Fingerprints::of(&incoming);
    let here = here.filter(|d| d.id() == incoming.id() && !d.is_deleted());
    if here.is_none() && bundle.partial {
        return Err(Refusal::PartialJoin { title: bundle.title() });
    }
    let my_side = match here {
        Some(doc) => doc.mentorship.my_role,
        None => context.join_as.unwrap_or(bundle.from.other()),
    };
    // From this person's own other device, everything is theirs to pass on;
    // joining takes a copy of what the sender holds.
    let refused = match here {
        Some(here) if bundle.from != my_side => keep_to_owners(&mut incoming, here, bundle.from),
        _ => 0,
    };
    incoming.mentorship.my_role = my_side;
    let (merged, conflicts) = match here {
        Some(doc) => {
            let mut merged = doc.merge(&incoming);
            // With nothing heard before, nothing tells a change from a copy.
            let found = context.learned.as_ref().map_or(0, |learned| {
                let limit = crate::model::clock_stamps::future_limit(context.now);
                let seen = Seen {
                    learned,
                    sent: context.sent.as_ref(),
                    acked: bundle.acked.map(|a| a.min(limit)),
                };
                keep_conflicts(doc, &incoming, &mut merged, seen, context.now)
            });
            (merged, found)
        }
        None => (incoming, 0),
    };
    let changes = changes(here, &merged);
    Ok(Received {
        from: bundle.from,
        sender: bundle.sender().to_string(),
        device: bundle.device,
        sent_at: bundle.sent_at,
        title: merged.mentorship.title(),
        joining: here.is_none(),
        my_side,
        merged,
        changes,
        refused,
        clamped,
        conflicts,
        learned,
    })
}

/// What is known of the sender: what it sent before, and when the newest
/// bundle it had from here was sent.
#[derive(Clone, Copy)]
struct Seen<'a> {
    learned: &'a Fingerprints,
    sent: Option<&'a Fingerprints>,
    acked: Option<DateTime<Utc>>,
}

/// Finds the texts changed on both devices without either seeing the
/// other's change — the sender changed it since its last bundle here, and
/// this device changed it after the newest bundle the sender had from here
/// — and keeps the one that did not stand in the merge as a [`Conflict`]
/// in `merged`; returns how many new ones.
fn keep_conflicts(
    here: &MentorshipDoc,
    incoming: &MentorshipDoc,
    merged: &mut MentorshipDoc,
    seen: Seen<'_>,
    now: DateTime<Utc>,
) -> usize {
    let mut found = 0;
    for field in TextField::ALL {
        let ours: HashMap<Uuid, &str> = field.all(here).into_iter().collect();
        for (id, theirs) in field.all(incoming) {
            let Some(&mine) = ours.get(&id) else { continue };
            // A text they never sent before is one they wrote since.
            let passed_back =
                seen.sent.is_some_and(|s| s.text_changed(id, field, theirs) == Some(false));
            let they_changed =
                seen.learned.text_changed(id, field, theirs) != Some(false) && !passed_back;
            // Mine is what they sent before: it is theirs, not a change here.
            let mine_is_theirs = seen.learned.text_changed(id, field, mine) == Some(false);
            let unseen = field.stamp(here, id).is_some_and(|t| seen.acked.is_none_or(|a| t > a));
            if mine == theirs || !they_changed || mine_is_theirs || !unseen {
                continue;
            }
            let stands = field.read(merged, id).unwrap_or_default();
            let lost = if stands == mine { theirs } else { mine };
            let conflict = Conflict::id_for(id, field, lost);
            if lost.trim().is_empty()
                || lost == stands
                || merged.conflicts.iter().any(|c| c.id() == conflict)
            {
                continue;
            }
            merged.conflicts.push(Conflict {
                meta: Meta::with_id(conflict, now),
                record: id,
                field,
                text: lost.to_string(),
            });
            found += 1;
        }
    }
    found
}

/// The checks that need only the bundle and this device.
fn check(bundle: &Bundle, context: &Context) -> Result<(), Refusal> {
    if bundle.kind != KIND {
        return Err(Refusal::NotOurs("it is not a Tandem bundle".into()));
    }
    if bundle.format > FORMAT {
        return Err(Refusal::Newer(bundle.format));
    }
    if bundle.format == 0 {
        return Err(Refusal::Damaged("it has no valid format".into()));
    }
    if bundle.device == context.device {
        return Err(Refusal::FromThisDevice);
    }
    if let Some(&known) = context.known_devices.get(&bundle.device) {
        if known != bundle.from {
            return Err(Refusal::SideMismatch { claims: bundle.from, known });
        }
    }
    if context.expected.is_some_and(|id| id != bundle.mentorship_id()) {
        return Err(Refusal::OtherMentorship { title: bundle.title() });
    }
    if bundle.doc.is_deleted() {
        return Err(Refusal::Deleted { title: bundle.title() });
    }
    Ok(())
}

/// What the merge changed, kind by kind, from this device's copy (none when
/// joining: then everything live is added).
fn changes(here: Option<&MentorshipDoc>, after: &MentorshipDoc) -> Changes {
    let empty = MentorshipDoc::default();
    let before = here.unwrap_or(&empty);
    let details = |d: &MentorshipDoc| {
        let mut m = d.mentorship.clone();
        m.meta.updated_at = DateTime::UNIX_EPOCH;
        m
    };
    let mut kinds = vec![
        KindChanges {
            kind: "mentorship details",
            changed: usize::from(here.is_some() && details(before) != details(after)),
            ..Default::default()
        },
        kind("themes", &before.themes, &after.themes),
        kind("agreement versions", &before.agreements, &after.agreements),
        kind("goals", &before.goals, &after.goals),
        kind("action items", &before.actions, &after.actions),
        kind("sessions", &before.sessions, &after.sessions),
        kind("check-ins", &before.checkins, &after.checkins),
        kind("conclusions", before.conclusion.as_slice(), after.conclusion.as_slice()),
        kind("texts written on both devices at once", &before.conflicts, &after.conflicts),
    ];
    kinds.retain(|k| k.added + k.changed + k.deleted > 0);
    Changes(kinds)
}

fn kind<T: Record + PartialEq>(name: &'static str, before: &[T], after: &[T]) -> KindChanges {
    let before: HashMap<Uuid, &T> = before.iter().map(|r| (r.id(), r)).collect();
    let mut out = KindChanges { kind: name, ..Default::default() };
    for a in after {
        match before.get(&a.id()) {
            None => out.added += usize::from(a.is_live()),
            Some(b) if b.is_live() && !a.is_live() => out.deleted += 1,
            Some(b) if b.is_live() && *b != a => out.changed += 1,
            Some(b) if !b.is_live() && a.is_live() => out.added += 1,
            Some(_) => {}
        }
    }
    out
}
