//! Clock-stamped times (when a record was made or changed, sent, signed,
//! answered) that lie more than [`FUTURE_SLACK_HOURS`] ahead of this
//! device's clock are brought back to now, so a device with a wrong clock
//! cannot win every merge for ever. Planned times (sessions, due dates) are
//! not touched. Imports run this after [`super::integrity`]'s normalize and
//! validate.

use chrono::{DateTime, Duration, Utc};

use super::document::MentorshipDoc;
use super::record::Meta;

/// How far ahead of this device's clock a recorded time may be before an
/// import brings it back to now: a day covers every time zone and small
/// clock drift.
pub const FUTURE_SLACK_HOURS: i64 = 24;

/// Calls `f` on every clock-stamped time of a document.
fn each_stamp(doc: &mut MentorshipDoc, f: &mut impl FnMut(&mut DateTime<Utc>)) {
    fn meta(m: &mut Meta, f: &mut impl FnMut(&mut DateTime<Utc>)) {
        f(&mut m.created_at);
        f(&mut m.updated_at);
    }
    fn opt(t: &mut Option<DateTime<Utc>>, f: &mut impl FnMut(&mut DateTime<Utc>)) {
        if let Some(t) = t {
            f(t);
        }
    }
    meta(&mut doc.mentorship.meta, f);
    for t in &mut doc.themes {
        meta(&mut t.meta, f);
        for a in [&mut t.mentee, &mut t.mentor, &mut t.consensus] {
            opt(&mut a.updated_at, f);
        }
    }
    for v in &mut doc.agreements {
        meta(&mut v.meta, f);
        for s in [&mut v.mentee_signature, &mut v.mentor_signature].into_iter().flatten() {
            f(&mut s.signed_at);
        }
    }
    doc.goals.iter_mut().for_each(|r| meta(&mut r.meta, f));
    doc.actions.iter_mut().for_each(|r| meta(&mut r.meta, f));
    for s in &mut doc.sessions {
        meta(&mut s.meta, f);
        s.changes.iter_mut().for_each(|c| f(&mut c.at));
        opt(&mut s.agenda.sent_at, f);
        opt(&mut s.agenda.updated_at, f);
        opt(&mut s.summary.sent_at, f);
        opt(&mut s.summary.updated_at, f);
        for fb in [&mut s.mentee_feedback, &mut s.mentor_feedback].into_iter().flatten() {
            opt(&mut fb.updated_at, f);
        }
    }
    doc.checkins.iter_mut().for_each(|r| meta(&mut r.meta, f));
    doc.private_notes.iter_mut().for_each(|r| meta(&mut r.meta, f));
    doc.conclusion.iter_mut().for_each(|r| meta(&mut r.meta, f));
    doc.conflicts.iter_mut().for_each(|r| meta(&mut r.meta, f));
}

/// The latest recorded time an import keeps as it is: `now` plus
/// [`FUTURE_SLACK_HOURS`].
pub fn future_limit(now: DateTime<Utc>) -> DateTime<Utc> {
    now.checked_add_signed(Duration::hours(FUTURE_SLACK_HOURS)).unwrap_or(now)
}

/// Counts the times it brings back to `now`.
fn clamper(now: DateTime<Utc>, changed: &mut usize) -> impl FnMut(&mut DateTime<Utc>) + '_ {
    let limit = future_limit(now);
    move |t| {
        if *t > limit {
            *t = now;
            *changed += 1;
        }
    }
}

/// Brings every clock-stamped time later than [`future_limit`] back to
/// `now`; returns how many were changed.
pub fn clamp_future(doc: &mut MentorshipDoc, now: DateTime<Utc>) -> usize {
    let mut changed = 0;
    each_stamp(doc, &mut clamper(now, &mut changed));
    changed
}

/// [`clamp_future`] for one record's [`Meta`] (the profile's).
pub fn clamp_meta(meta: &mut Meta, now: DateTime<Utc>) -> usize {
    let mut changed = 0;
    let mut clamp = clamper(now, &mut changed);
    clamp(&mut meta.created_at);
    clamp(&mut meta.updated_at);
    drop(clamp);
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::session::Session;
    use crate::model::test_support::now;

    #[test]
    fn recorded_times_ahead_come_back_and_planned_ones_stay() {
        let mut d = MentorshipDoc::default();
        let far = now() + Duration::days(3650);
        let starts_at = far.fixed_offset();
        let mut s = Session { meta: Meta::new(far), starts_at, ..Default::default() };
        s.agenda.sent_at = Some(far);
        s.agenda.updated_at = Some(now() + Duration::hours(23));
        d.sessions.push(s);
        assert_eq!(clamp_future(&mut d, now()), 3, "made, changed, sent");
        let s = &d.sessions[0];
        assert_eq!(
            (s.meta.created_at, s.meta.updated_at, s.agenda.sent_at),
            (now(), now(), Some(now()))
        );
        assert_eq!(s.agenda.updated_at, Some(now() + Duration::hours(23)), "within a day");
        assert_eq!(s.starts_at, starts_at, "a planned time is not a recorded one");
    }
}
