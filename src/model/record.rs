//! What every stored record carries — a stable id, when it was created and
//! last changed, and a tombstone flag — and the record-by-record merge that lets
//! two diverged copies (two tabs, a backup, a partner's device) combine without
//! losing either side's changes.
//!
//! Merge rules, for two versions of the record with the same id:
//! 1. a deletion wins (a tombstone never comes back to life);
//! 2. otherwise the later `updated_at` wins;
//! 3. a tie is broken by comparing the records' JSON, so every copy picks the
//!    same winner whatever the order of the merge.
//!
//! Records whose parts are edited apart (a theme's answers, a session's
//! agenda and summary, an agreement's signatures) merge each part on its own
//! time; the tie-break of the whole then compares the records without those
//! parts, so the merge is a join: commutative, associative and idempotent.

use crate::model::stored_time::instant;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

use super::validate::{Errors, FieldError};

/// Identity and history of a record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub id: Uuid,
    #[serde(with = "instant")]
    pub created_at: DateTime<Utc>,
    #[serde(with = "instant")]
    pub updated_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
}

impl Default for Meta {
    fn default() -> Self {
        Meta {
            id: Uuid::nil(),
            created_at: DateTime::UNIX_EPOCH,
            updated_at: DateTime::UNIX_EPOCH,
            deleted: false,
        }
    }
}

impl Meta {
    /// A new record with a fresh random id.
    pub fn new(now: DateTime<Utc>) -> Meta {
        Meta::with_id(Uuid::new_v4(), now)
    }

    pub fn with_id(id: Uuid, now: DateTime<Utc>) -> Meta {
        Meta { id, created_at: now, updated_at: now, deleted: false }
    }

    /// Marks a change. `updated_at` always moves forward, even if the clock
    /// went back, so the change wins a merge against the version it replaces
    /// (saturating at the calendar's end rather than panicking).
    pub fn touch(&mut self, now: DateTime<Utc>) {
        let next = self.updated_at.checked_add_signed(Duration::milliseconds(1));
        self.updated_at = now.max(next.unwrap_or(self.updated_at));
    }
}

/// The time of an edit of a part that merges on its own time (an answer, an
/// agenda, a summary, feedback): `now`, or just after the part's `previous`
/// time if that is later — a version received from a device whose clock
/// runs ahead. So an edit always wins over the version it replaces, whatever
/// the two clocks say: the rule of a hybrid logical clock, as [`Meta::touch`]
/// applies it to whole records. (Times more than a day ahead never get this
/// far: see `clock_stamps::clamp_future`.)
pub fn stamp_part(previous: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let next = previous.and_then(|p| p.checked_add_signed(Duration::milliseconds(1)));
    Some(next.map_or(now, |next| now.max(next)))
}

/// A stored record: anything with a [`Meta`].
pub trait Record: Clone + Serialize + Default {
    fn meta(&self) -> &Meta;
    fn meta_mut(&mut self) -> &mut Meta;

    fn id(&self) -> Uuid {
        self.meta().id
    }

    fn is_live(&self) -> bool {
        !self.meta().deleted
    }

    /// This record merged with another version of itself. By default the
    /// [`winner`] whole; records whose parts are edited independently (a
    /// theme's two answers, a session's agenda and summary) merge part by part.
    fn merged_with(&self, other: &Self) -> Self {
        winner(self, other).clone()
    }

    /// What breaks a tie between two versions changed at the same time: the
    /// record's JSON, without the parts that merge on their own time.
    fn tie_key(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Turns the record into a tombstone: its content is erased (so deleted
    /// private text really goes), its id stays so the deletion can be merged.
    fn tombstone(&mut self, now: DateTime<Utc>) {
        self.meta_mut().deleted = true;
        self.meta_mut().touch(now);
        self.strip_if_deleted();
    }

    /// A tombstone carries nothing but its [`Meta`]: erases anything else
    /// one holds (data from elsewhere may). Live records are left alone.
    fn strip_if_deleted(&mut self) {
        if !self.is_live() {
            let meta = self.meta().clone();
            *self = Self::default();
            *self.meta_mut() = meta;
        }
    }
}

/// Implements [`Record`] for types with a `meta: Meta` field. The form
/// `impl_record!(Type => later_parts)` is for a record whose parts merge on
/// their own time: `later_parts(out, a, b)` puts in `out` the [`later_part`]
/// of `a` and `b` for each such part; [`Record::merged_with`] is then
/// [`merge_parts`] and ties are broken by [`whole_key`].
macro_rules! impl_record {
    ($ty:ty => $parts:path) => {
        impl $crate::model::record::Record for $ty {
            fn meta(&self) -> &$crate::model::record::Meta { &self.meta }
            fn meta_mut(&mut self) -> &mut $crate::model::record::Meta { &mut self.meta }
            fn merged_with(&self, other: &Self) -> Self { $crate::model::record::merge_parts(self, other, $parts) }
            fn tie_key(&self) -> String { $crate::model::record::whole_key(self, $parts) }
        }
    };
    ($($ty:ty),* $(,)?) => {
        $(impl $crate::model::record::Record for $ty {
            fn meta(&self) -> &$crate::model::record::Meta { &self.meta }
            fn meta_mut(&mut self) -> &mut $crate::model::record::Meta { &mut self.meta }
        })*
    };
}
pub(crate) use impl_record;

/// Which of two versions of one record survives a merge.
pub fn winner<'a, T: Record>(a: &'a T, b: &'a T) -> &'a T {
    let (ma, mb) = (a.meta(), b.meta());
    let key = |m: &Meta| (m.deleted, m.updated_at);
    match key(ma).cmp(&key(mb)) {
        std::cmp::Ordering::Greater => a,
        std::cmp::Ordering::Less => b,
        std::cmp::Ordering::Equal => pick_greater(a, a.tie_key(), b, b.tie_key()),
    }
}

/// `a` unless `b`'s key is greater: a tie-break every copy agrees on.
fn pick_greater<'a, T>(a: &'a T, ka: String, b: &'a T, kb: String) -> &'a T {
    if ka >= kb {
        a
    } else {
        b
    }
}

/// Whichever of `a` and `b` was changed later; a tie goes to the greater
/// JSON, so every copy picks the same one whatever the order.
fn later<'a, T: Serialize>(
    a: &'a T,
    a_at: Option<DateTime<Utc>>,
    b: &'a T,
    b_at: Option<DateTime<Utc>>,
) -> &'a T {
    match a_at.cmp(&b_at) {
        std::cmp::Ordering::Greater => a,
        std::cmp::Ordering::Less => b,
        std::cmp::Ordering::Equal => {
            let json = |x: &T| serde_json::to_string(x).unwrap_or_default();
            pick_greater(a, json(a), b, json(b))
        }
    }
}

/// Puts in `out` the later version of each part of `a` and `b` that merges
/// on its own time (see [`impl_record`]).
pub type LaterParts<T> = fn(out: &mut T, a: &T, b: &T);

/// Two versions of a record whose parts are edited apart (a theme's answers,
/// a session's agenda and summary) merged: the [`winner`] whole, a tombstone
/// staying one, in which `parts` then puts the [`later_part`] of each part.
pub fn merge_parts<T: Record>(a: &T, b: &T, parts: LaterParts<T>) -> T {
    let mut out = winner(a, b).clone();
    if out.is_live() {
        parts(&mut out, a, b);
    }
    out
}

/// The tie-break key of a record whose parts merge on their own time: its
/// JSON without those parts, that is with each of them as a blank record
/// has it (the later of two blank parts is the blank one).
pub fn whole_key<T: Record>(record: &T, parts: LaterParts<T>) -> String {
    let mut whole = record.clone();
    let blank = T::default();
    parts(&mut whole, &blank, &blank);
    serde_json::to_string(&whole).unwrap_or_default()
}

/// The later of two versions of one part of a record, by `edited_at` (when
/// that part was last edited); ties go to the greater JSON, so every copy
/// agrees.
pub fn later_part<T: Clone + Serialize>(
    a: &T,
    b: &T,
    edited_at: impl Fn(&T) -> Option<DateTime<Utc>>,
) -> T {
    later(a, edited_at(a), b, edited_at(b)).clone()
}

/// Merges two collections record by record (see the module doc). The result
/// is ordered by creation time, then id, so it does not depend on the inputs'
/// order.
pub fn merge_records<T: Record>(ours: &[T], theirs: &[T]) -> Vec<T> {
    // Ids map to positions, not records: one map type for every kind of
    // record (a map per record type would be copied into the wasm for each).
    let mut merged: Vec<T> = Vec::new();
    let mut at: BTreeMap<Uuid, usize> = BTreeMap::new();
    for record in ours.iter().chain(theirs) {
        match at.get(&record.id()) {
            Some(&i) => merged[i] = merged[i].merged_with(record),
            None => {
                at.insert(record.id(), merged.len());
                merged.push(record.clone());
            }
        }
    }
    super::order::sort_by_key(&mut merged, |r| (r.meta().created_at, r.id()));
    merged
}

/// `merge_records(records, &[])` in place: one record per id, ordered by
/// creation time, then id. Stored records already are, and are left as they
/// are, without the copy of every record that a merge makes on each load.
pub fn normalize_records<T: Record>(records: &mut Vec<T>) {
    let key = |r: &T| (r.meta().created_at, r.id());
    let ordered = records.windows(2).all(|pair| key(&pair[0]) <= key(&pair[1]));
    let mut ids = std::collections::HashSet::new();
    if !(ordered && records.iter().all(|r| ids.insert(r.id()))) {
        *records = merge_records(records, &[]);
    }
}

/// Inserts a record or replaces the one with its id, marking the change.
pub fn upsert<T: Record>(records: &mut Vec<T>, mut record: T, now: DateTime<Utc>) {
    record.meta_mut().touch(now);
    match records.iter_mut().find(|r| r.id() == record.id()) {
        Some(slot) => *slot = record,
        None => records.push(record),
    }
}

/// Puts a form's edit in place: `edited` (the record with the form's values)
/// replaces `target`, marked as changed, unless the form's own `errors` or
/// the record's `validate` found a problem; then nothing changes and all the
/// problems are returned. A form saved unchanged leaves the record as it
/// was, unmarked: marked, it would win a merge over the partner's edit.
pub fn apply_form<T: Record + PartialEq>(
    target: &mut T,
    mut edited: T,
    mut errors: Errors,
    validate: impl FnOnce(&T) -> Result<(), Vec<FieldError>>,
    now: DateTime<Utc>,
) -> Result<(), Vec<FieldError>> {
    if let Err(mut more) = validate(&edited) {
        errors.0.append(&mut more);
    }
    errors.into_result()?;
    if edited != *target {
        edited.meta_mut().touch(now);
        *target = edited;
    }
    Ok(())
}

/// Changes a live record in place, marking the change. Returns `false` when
/// there is no such live record.
pub fn update<T: Record>(
    records: &mut [T],
    id: Uuid,
    now: DateTime<Utc>,
    change: impl FnOnce(&mut T),
) -> bool {
    match records.iter_mut().find(|r| r.id() == id && r.is_live()) {
        Some(record) => {
            change(record);
            record.meta_mut().touch(now);
            true
        }
        None => false,
    }
}

/// Deletes a record, leaving a tombstone.
pub fn remove<T: Record>(records: &mut [T], id: Uuid, now: DateTime<Utc>) -> bool {
    match records.iter_mut().find(|r| r.id() == id && r.is_live()) {
        Some(record) => {
            record.tombstone(now);
            true
        }
        None => false,
    }
}

/// Ids that appear more than once in a collection, each once, in the order
/// of their second appearance. Linear in the collection's length.
pub fn duplicate_ids<T: Record>(records: &[T]) -> Vec<Uuid> {
    repeated(records.iter().map(Record::id))
}

/// Values that appear more than once, each once, in the order of their
/// second appearance. Linear.
pub fn repeated<K: std::hash::Hash + Eq + Clone>(keys: impl IntoIterator<Item = K>) -> Vec<K> {
    let mut seen = std::collections::HashSet::new();
    let mut reported = std::collections::HashSet::new();
    let mut dups = Vec::new();
    for k in keys {
        if !seen.insert(k.clone()) && reported.insert(k.clone()) {
            dups.push(k);
        }
    }
    dups
}
