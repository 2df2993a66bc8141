//! What a mentorship's document must be for Tandem to keep it, wherever the
//! data comes from (a backup, storage, another tab, a partner's device):
//!
//! - [`validate`]: every record checked (dates in the years Tandem keeps,
//!   text lengths and characters, list sizes, nested ids), ids unique, the
//!   derived ids of built-in themes and agreement versions, each problem in
//!   words that name the record ("Session of 3 March 2026 in “Ada &
//!   Charles”: the start is out of range (year 262142; …)").
//! - [`normalize`]: what is put right rather than refused, because refusing
//!   it would lock a person out of their own data: a tombstone's content is
//!   erased, an older copy's random id for a built-in theme or an agreement
//!   version becomes the derived one (two entries that then share an id
//!   merge), stray control and text-direction characters leave names and
//!   free text (but never the text of an agreement someone has signed: that
//!   would void the signature), and every list is put in one order (creation
//!   time, then id) so equal data compares equal.
//! - [`clamp_future`] (in [`super::clock_stamps`], re-exported here):
//!   clock-stamped times far ahead of this device's clock are brought back
//!   to now; planned times are not touched.
//!
//! Imports run normalize → validate → clamp; loads should run at least
//! normalize → validate.

use std::borrow::Cow;

use chrono::Datelike;
use uuid::Uuid;

use super::agreement::{version_id, AgreementVersion};
pub use super::clock_stamps::{clamp_future, clamp_meta, future_limit, FUTURE_SLACK_HOURS};
use super::dates;
use super::document::MentorshipDoc;
use super::expectations::{entry_id, Answer, ThemeEntry, CUSTOM};
use super::record::{duplicate_ids, normalize_records, repeated, Meta, Record};
use super::side::Side;
use super::validate::{
    clean_line, clean_text, instant_in_window, shown, year_in_window, Errors, FieldError,
};

/// Collects a document's problems, each naming its record.
struct Report {
    title: String,
    errors: Vec<FieldError>,
}

impl Report {
    /// Adds `problems` of the record described by `what` (field names
    /// prefixed with `kind`).
    fn add(&mut self, kind: &str, what: &str, problems: Vec<FieldError>) {
        for e in problems {
            self.errors.push(FieldError {
                field: format!("{kind}.{}", e.field),
                message: format!("{what}: {}", lower_first(&e.message)),
            });
        }
    }

    /// Checks one record: its times always, its content when it is live.
    fn record<T: Record>(
        &mut self,
        kind: &str,
        noun: &str,
        describe: impl FnOnce(&T) -> String,
        record: &T,
        validate: impl FnOnce(&T) -> Result<(), Vec<FieldError>>,
    ) {
        let what = if record.is_live() {
            format!("{} in “{}”", describe(record), self.title)
        } else {
            format!("A deleted {noun} in “{}”", self.title)
        };
        let mut problems = meta_problems(record.meta());
        if record.is_live() {
            problems.extend(validate(record).err().unwrap_or_default());
        }
        self.add(kind, &what, problems);
    }

    /// A problem of the mentorship as a whole.
    fn doc(&mut self, field: &str, message: String) {
        let what = format!("“{}”", self.title);
        self.add("mentorship", &what, vec![FieldError::new(field, message)]);
    }
}

/// "The start…" reads "the start…" after a colon; "“Goals”…" stays.
fn lower_first(message: &str) -> Cow<'_, str> {
    let mut chars = message.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second))
            if first.is_uppercase() && (second.is_lowercase() || second == ' ') =>
        {
            format!("{}{}", first.to_lowercase(), &message[first.len_utf8()..]).into()
        }
        _ => message.into(),
    }
}

fn meta_problems(meta: &Meta) -> Vec<FieldError> {
    let mut e = Errors::default();
    e.instant("created_at", "The time it was made", &meta.created_at);
    e.instant("updated_at", "The time it was last changed", &meta.updated_at);
    e.0
}

fn session_name(s: &super::session::Session) -> String {
    if instant_in_window(&s.starts_at) {
        format!("Session of {}", dates::long(s.local_date()))
    } else {
        "A session".into()
    }
}

/// Checks a whole document; see the module doc.
pub fn validate(doc: &MentorshipDoc) -> Result<(), Vec<FieldError>> {
    let m = &doc.mentorship;
    let mut r = Report { title: shown(&m.title()), errors: Vec::new() };
    if doc.is_deleted() {
        let what = "A deleted mentorship".to_string();
        r.add("mentorship", &what, meta_problems(&m.meta));
        return r.into_result();
    }
    let mut problems = meta_problems(&m.meta);
    problems.extend(m.validate().err().unwrap_or_default());
    let what = format!("“{}”", r.title);
    r.add("mentorship", &what, problems);

    let theme = |t: &ThemeEntry| format!("Theme “{}”", shown(t.title()));
    for t in &doc.themes {
        r.record("theme", "theme", theme, t, ThemeEntry::validate);
        if t.is_live()
            && t.key != CUSTOM
            && t.spec().is_some()
            && t.id() != entry_id(m.meta.id, &t.key)
        {
            let message = "Its id is not the one Tandem gives this theme in this mentorship.";
            r.add(
                "theme",
                &format!("{} in “{}”", theme(t), r.title),
                vec![FieldError::new("id", message)],
            );
        }
    }
    let live_builtin = doc.themes.iter().filter(|t| t.is_live() && t.key != CUSTOM);
    for key in repeated(live_builtin.map(|t| t.key.as_str())) {
        r.doc("themes", format!("The theme “{}” is there twice.", shown(key)));
    }

    let version = |v: &AgreementVersion| format!("Agreement version {}", v.number);
    for v in &doc.agreements {
        r.record("agreement", "agreement version", version, v, AgreementVersion::validate);
        if v.is_live() && v.number >= 1 && v.id() != version_id(m.meta.id, v.number) {
            let message = "Its id is not the one Tandem gives this version in this mentorship.";
            r.add(
                "agreement",
                &format!("{} in “{}”", version(v), r.title),
                vec![FieldError::new("id", message)],
            );
        }
    }
    for n in repeated(doc.agreements.iter().filter(|v| v.is_live()).map(|v| v.number)) {
        r.doc("agreements", format!("Agreement version {n} is there twice."));
    }

    for g in &doc.goals {
        r.record("goal", "goal", |g| format!("Goal “{}”", shown(&g.title)), g, |g| g.validate());
    }
    for a in &doc.actions {
        r.record(
            "action item",
            "action item",
            |a| format!("Action item “{}”", shown(&a.text)),
            a,
            |a| a.validate(),
        );
    }
    for s in &doc.sessions {
        r.record("session", "session", session_name, s, |s| s.validate());
    }
    for c in &doc.checkins {
        let name = |c: &super::checkin::CheckIn| {
            if year_in_window(c.on.year()) {
                format!("The {}'s check-in of {}", c.side.label(), dates::long(c.on))
            } else {
                format!("A check-in by the {}", c.side.label())
            }
        };
        r.record("check-in", "check-in", name, c, |c| c.validate());
    }
    for n in &doc.private_notes {
        r.record("private note", "private note", |_| "A private note".into(), n, |n| n.validate());
    }
    if let Some(c) = &doc.conclusion {
        r.record("conclusion", "conclusion", |_| "The conclusion".into(), c, |c| c.validate());
    }
    for c in &doc.conflicts {
        r.record("conflict", "conflict", |_| "A kept version".into(), c, |c| c.validate());
    }

    let dups: Vec<Uuid> = [
        duplicate_ids(&doc.themes),
        duplicate_ids(&doc.agreements),
        duplicate_ids(&doc.goals),
        duplicate_ids(&doc.actions),
        duplicate_ids(&doc.sessions),
        duplicate_ids(&doc.checkins),
        duplicate_ids(&doc.private_notes),
        duplicate_ids(&doc.conflicts),
    ]
    .concat();
    for id in dups {
        r.doc("id", format!("The id {id} appears twice."));
    }
    r.into_result()
}

impl Report {
    fn into_result(self) -> Result<(), Vec<FieldError>> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self.errors)
        }
    }
}

/// Replaces `value` with `clean(value)` if that differs.
fn clean_with(value: &mut String, clean: fn(&str) -> Cow<'_, str>) {
    if let Cow::Owned(c) = clean(value) {
        *value = c;
    }
}

fn line(value: &mut String) {
    clean_with(value, clean_line);
}

fn text(value: &mut String) {
    clean_with(value, clean_text);
}

/// [`line`] for each of `values`.
fn lines(values: &mut [&mut String]) {
    values.iter_mut().for_each(|v| line(v));
}

/// [`text`] for each of `values`.
fn texts(values: &mut [&mut String]) {
    values.iter_mut().for_each(|v| text(v));
}

fn answer(a: &mut Answer) {
    text(&mut a.text);
    let dirty = a.values.iter().any(|(k, v)| clean_line(k) != *k || clean_line(v) != *v);
    if dirty {
        a.values = std::mem::take(&mut a.values)
            .into_iter()
            .map(|(k, v)| (clean_line(&k).into_owned(), clean_line(&v).into_owned()))
            .collect();
    }
}

/// Puts a document in its normal form; see the module doc.
pub fn normalize(doc: &mut MentorshipDoc) {
    doc.mentorship.strip_if_deleted();
    if doc.is_deleted() {
        *doc = MentorshipDoc::new(doc.mentorship.clone());
        return;
    }
    let id = doc.mentorship.meta.id;
    let m = &mut doc.mentorship;
    lines(&mut [&mut m.mentee, &mut m.mentor]);
    text(&mut m.focus);

    for t in &mut doc.themes {
        t.strip_if_deleted();
        if !t.is_live() {
            continue;
        }
        if t.key != CUSTOM && t.spec().is_some() {
            t.meta.id = entry_id(id, &t.key);
        }
        lines(&mut [&mut t.title, &mut t.question]);
        text(&mut t.notes);
        for a in [&mut t.mentee, &mut t.mentor, &mut t.consensus] {
            answer(a);
        }
    }
    for v in &mut doc.agreements {
        v.strip_if_deleted();
        if !v.is_live() {
            continue;
        }
        if v.number >= 1 {
            v.meta.id = version_id(id, v.number);
        }
        // A signed text stays as signed: cleaning it would void the signature.
        if Side::BOTH.iter().all(|s| v.valid_signature(*s).is_none()) {
            lines(&mut [&mut v.mentee, &mut v.mentor]);
            text(&mut v.body);
        }
        text(&mut v.change_note);
        for s in [&mut v.mentee_signature, &mut v.mentor_signature].into_iter().flatten() {
            line(&mut s.name);
        }
    }
    for g in &mut doc.goals {
        g.strip_if_deleted();
        line(&mut g.title);
        texts(&mut [&mut g.why, &mut g.measure]);
        g.milestones.iter_mut().for_each(|x| line(&mut x.text));
        if let super::goal::GoalStatus::Dropped { reason, .. } = &mut g.status {
            line(reason);
        }
    }
    for a in &mut doc.actions {
        a.strip_if_deleted();
        line(&mut a.text);
        if let super::task::ItemStatus::Dropped { reason, .. } = &mut a.status {
            line(reason);
        }
    }
    for s in &mut doc.sessions {
        s.strip_if_deleted();
        lines(&mut [&mut s.topic, &mut s.place, &mut s.link]);
        s.changes.iter_mut().for_each(|c| line(&mut c.reason));
        let agenda = &mut s.agenda;
        texts(&mut [
            &mut agenda.update,
            &mut agenda.input_needed,
            &mut agenda.timeline,
            &mut agenda.desired_outcomes,
        ]);
        agenda.topics.iter_mut().for_each(|t| line(&mut t.text));
        let summary = &mut s.summary;
        texts(&mut [&mut summary.notes, &mut summary.decisions, &mut summary.resources]);
        summary.reviews.iter_mut().for_each(|r| line(&mut r.note));
        for f in [&mut s.mentee_feedback, &mut s.mentor_feedback].into_iter().flatten() {
            text(&mut f.comment);
        }
    }
    for c in &mut doc.checkins {
        c.strip_if_deleted();
        text(&mut c.comment);
    }
    for n in &mut doc.private_notes {
        n.strip_if_deleted();
        text(&mut n.text);
    }
    if let Some(c) = &mut doc.conclusion {
        c.strip_if_deleted();
        c.goal_outcomes.iter_mut().for_each(|o| text(&mut o.outcome));
        for r in [&mut c.mentee, &mut c.mentor] {
            texts(&mut [&mut r.learned, &mut r.differently]);
        }
        text(&mut c.stay_in_touch);
    }
    // One order, one record per id: entries whose ids became the derived
    // ones merge with the entry already there.
    normalize_records(&mut doc.themes);
    normalize_records(&mut doc.agreements);
    normalize_records(&mut doc.goals);
    normalize_records(&mut doc.actions);
    normalize_records(&mut doc.sessions);
    normalize_records(&mut doc.checkins);
    normalize_records(&mut doc.private_notes);
    for c in &mut doc.conflicts {
        c.strip_if_deleted();
        text(&mut c.text);
    }
    normalize_records(&mut doc.conflicts);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::agreement::first_draft;
    use crate::model::mentorship::Mentorship;
    use crate::model::session::Session;
    use crate::model::test_support::now;
    use chrono::{DateTime, Duration, Utc};

    fn doc() -> MentorshipDoc {
        MentorshipDoc::new(Mentorship {
            meta: Meta::new(now()),
            mentee: "Ada Lovelace".into(),
            mentor: "Charles Babbage".into(),
            start_date: now().date_naive(),
            ..Default::default()
        })
    }

    #[test]
    fn touching_the_last_instant_saturates() {
        let mut meta = Meta { updated_at: DateTime::<Utc>::MAX_UTC, ..Meta::new(now()) };
        meta.touch(now());
        assert_eq!(meta.updated_at, DateTime::<Utc>::MAX_UTC);
    }

    #[test]
    fn problems_name_their_record() {
        let mut d = doc();
        let starts_at = "2026-03-03T10:00:00+01:00".parse().expect("time");
        let mut s = Session { meta: Meta::new(now()), starts_at, ..Default::default() };
        s.meta.updated_at = DateTime::<Utc>::MAX_UTC;
        d.sessions.push(s);
        let errors = validate(&d).expect_err("refused");
        assert_eq!(
            errors[0].message,
            "Session of 3 March 2026 in “Ada Lovelace & Charles Babbage”: the time it was last changed is out of range (year 262142; Tandem keeps dates from 1900 to 2200)."
        );
        assert_eq!(errors[0].field, "session.updated_at");
    }

    #[test]
    fn older_random_ids_become_the_derived_ones_and_copies_merge() {
        let mut d = doc();
        let m = d.id();
        let mut theme = ThemeEntry::builtin(m, "meetings", now());
        theme.meta.id = Uuid::new_v4();
        d.themes.push(theme);
        let mut v1 = first_draft(&d.mentorship, &[], &[], now());
        v1.meta.id = Uuid::new_v4();
        let mut twin = v1.clone();
        twin.meta.id = Uuid::new_v4();
        twin.body.push_str("\nLater edit.\n");
        twin.meta.touch(now() + Duration::seconds(5));
        d.agreements = vec![v1, twin];
        assert!(validate(&d).is_err(), "not derived: refused as it is");
        normalize(&mut d);
        assert_eq!(d.themes[0].id(), entry_id(m, "meetings"));
        assert_eq!(d.agreements.len(), 1, "one version 1");
        assert!(d.agreements[0].body.ends_with("Later edit.\n"), "the later copy wins");
        assert_eq!(validate(&d), Ok(()));
    }

    #[test]
    fn tombstones_are_emptied_and_text_cleaned_but_never_a_signed_text() {
        let mut d = doc();
        let mut v = first_draft(&d.mentorship, &[], &[], now());
        d.mentorship.mentee = "\u{2068}Ada Lovelace\u{2069}".into();
        v.body = "Terms.\u{1b}[8m hidden".into();
        let name = v.party(Side::Mentee).to_string();
        v.sign(Side::Mentee, &name, &[], now()).expect("signed");
        d.agreements.push(v.clone());
        let mut gone =
            Session { meta: Meta::new(now()), topic: "secret".into(), ..Default::default() };
        gone.meta.deleted = true;
        d.sessions.push(gone);
        normalize(&mut d);
        assert_eq!(d.mentorship.mentee, "Ada Lovelace");
        assert_eq!(d.agreements[0].body, v.body, "a signed text stays as signed");
        assert!(d.agreements[0].valid_signature(Side::Mentee).is_some());
        assert_eq!(d.sessions[0].topic, "", "a tombstone carries nothing");
        let errors = validate(&d).expect_err("the signed text holds an escape");
        assert!(errors[0].message.starts_with("Agreement version 1 in “Ada Lovelace & Charles Babbage”: the agreement holds control characters"), "{}", errors[0].message);
        // Normal form is a fixed point.
        let again = {
            let mut x = d.clone();
            normalize(&mut x);
            x
        };
        assert_eq!(again, d);
    }

    #[test]
    fn messages_read_on_after_a_colon() {
        assert_eq!(lower_first("The start is…"), "the start is…");
        assert_eq!(lower_first("A rating is…"), "a rating is…");
        assert_eq!(lower_first("“Goals” has…"), "“Goals” has…");
        assert_eq!(lower_first("UTC is…"), "UTC is…");
    }
}
