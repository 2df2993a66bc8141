//! Sessions: planning, moving and cancelling them (with the record kept),
//! the mentee's agenda, the outcome summary, feedback, sending.

use chrono::NaiveDate;
use leptos::prelude::*;
use uuid::Uuid;

use crate::browser;
use crate::export::{agenda, ics};
use crate::model::private_note::{self, PrivateNote};
use crate::model::record::{self, stamp_part, Meta, Record};
use crate::model::review::{agenda_items, apply_review};
use crate::model::session::{Notice, ScheduleChange, ScheduleError, Session, SessionStatus};
use crate::model::session_form::SessionForm;
use crate::model::session_notes::{AgendaField, Feedback, ReviewOutcome, SummaryField, Topic};
use crate::model::terms::Terms;
use crate::model::validate::{self, Errors};
use crate::model::{MentorshipDoc, Side};
use crate::state::{ActionError, ActionResult, Store};

fn gone() -> ActionError {
    ActionError::refused("This mentorship is closed, or the session no longer exists.")
}

/// Changes one live session and marks what changed: the agenda, summary
/// and feedback get their own time (they merge apart), and a change a
/// calendar cares about raises the event's sequence.
fn with_session<R>(
    store: &Store,
    m: Uuid,
    s: Uuid,
    f: impl FnOnce(&mut Session) -> R,
) -> Option<R> {
    store.change_record(
        m,
        |d| &mut d.sessions,
        s,
        |session, now| {
            let before = session.clone();
            let out = f(session);
            stamp(&before, session, now);
            out
        },
    )
}

fn stamp(before: &Session, after: &mut Session, now: chrono::DateTime<chrono::Utc>) {
    let mut agenda = before.agenda.clone();
    agenda.sent_at = after.agenda.sent_at;
    agenda.updated_at = after.agenda.updated_at;
    if agenda != after.agenda || before.agenda.sent_at != after.agenda.sent_at {
        after.agenda.updated_at = stamp_part(before.agenda.updated_at, now);
    }
    if before.summary != after.summary {
        after.summary.updated_at = stamp_part(before.summary.updated_at, now);
    }
    for side in Side::BOTH {
        if before.feedback(side) != after.feedback(side) {
            let previous = before.feedback(side).and_then(|f| f.updated_at);
            if let Some(f) = after.feedback_mut(side) {
                f.updated_at = stamp_part(previous, now);
            }
        }
    }
    let calendar = |x: &Session| {
        (
            x.starts_at,
            x.duration_minutes,
            x.topic.clone(),
            x.place.clone(),
            x.link.clone(),
            x.status,
        )
    };
    if calendar(before) != calendar(after) {
        after.sequence = before.sequence + 1;
    }
}

/// The notice period as things stand: agreed, or the suggestion.
fn agreed_notice(store: &Store, m: Uuid) -> Notice {
    store
        .library
        .with_untracked(|lib| {
            lib.get(m).map(|d| {
                let terms = Terms::from_themes(&d.themes);
                Notice { hours: terms.notice_hours, agreed: terms.notice_agreed }
            })
        })
        .unwrap_or(Notice { hours: 24, agreed: false })
}

/// What a refused move or cancellation says: the reason's problem when the
/// input was the problem, else that the session is not still to come.
fn schedule_error(e: ScheduleError, verb: &str) -> ActionError {
    match e {
        ScheduleError::Invalid(list) => ActionError::Invalid(list),
        ScheduleError::NotUpcoming => {
            ActionError::refused(format!("Only a session still to happen can be {verb}."))
        }
    }
}

/// Plans a new session from the form.
pub fn plan(store: &Store, m: Uuid, form: &SessionForm) -> ActionResult<Uuid> {
    let session = form.create(browser::now(), browser::local_datetime)?;
    let id = session.id();
    store.change(m, |doc, now| record::upsert(&mut doc.sessions, session, now)).ok_or_else(gone)?;
    Ok(id)
}

/// Saves topic, place, link and length (the time moves by [`reschedule`]).
pub fn edit_details(store: &Store, m: Uuid, s: Uuid, form: &SessionForm) -> ActionResult {
    store
        .change(m, |doc, now| {
            let session =
                doc.sessions.iter_mut().find(|x| x.id() == s && x.is_live()).ok_or_else(gone)?;
            let start = session.starts_at;
            let keep_time = SessionForm {
                date: start.date_naive().to_string(),
                time: crate::model::dates::time(&start),
                ..form.clone()
            };
            Ok(keep_time.apply(session, now, |_| Some(start))?)
        })
        .unwrap_or_else(|| Err(gone()))
}

/// Moves a session to a new date and time, keeping who, when, why and the notice.
pub fn reschedule(
    store: &Store,
    m: Uuid,
    s: Uuid,
    date: &str,
    time: &str,
    by: Side,
    reason: &str,
) -> ActionResult<ScheduleChange> {
    let mut e = Errors::default();
    let form = SessionForm { date: date.into(), time: time.into(), ..Default::default() };
    let to = form.start(&mut e, browser::local_datetime);
    e.into_result()?;
    let to = to.ok_or_else(|| ActionError::field("time", "That time does not exist here."))?;
    let now = browser::now();
    if to < now {
        return Err(ActionError::field("date", "Pick a time still to come."));
    }
    let agreed = agreed_notice(store, m);
    with_session(store, m, s, |session| session.reschedule(to, by, reason, agreed, now))
        .ok_or_else(gone)?
        .map_err(|e| schedule_error(e, "moved"))
}

/// Cancels a session, keeping who, when, why and the notice.
pub fn cancel(
    store: &Store,
    m: Uuid,
    s: Uuid,
    by: Side,
    reason: &str,
) -> ActionResult<ScheduleChange> {
    let now = browser::now();
    let agreed = agreed_notice(store, m);
    with_session(store, m, s, |session| session.cancel(by, reason, agreed, now))
        .ok_or_else(gone)?
        .map_err(|e| schedule_error(e, "cancelled"))
}

/// Records that the session took place (or undoes that).
pub fn set_held(store: &Store, m: Uuid, s: Uuid, held: bool) {
    with_session(store, m, s, |session| {
        if session.status == SessionStatus::Cancelled {
            return;
        }
        session.status = match (held, session.changes.is_empty()) {
            (true, _) => SessionStatus::Held,
            (false, true) => SessionStatus::Planned,
            (false, false) => SessionStatus::Rescheduled,
        }
    });
}

/// Deletes a session (a mistake, a duplicate).
pub fn delete(store: &Store, m: Uuid, s: Uuid) {
    store.change(m, |doc, now| record::remove(&mut doc.sessions, s, now));
}

/// Changes one free-text part of the agenda (as it is typed; kept within
/// what validation accepts, see [`validate::fit_text`]).
pub fn set_agenda(store: &Store, m: Uuid, s: Uuid, field: AgendaField, text: &str) {
    let text = validate::fit_text(text);
    with_session(store, m, s, |session| *session.agenda.text_mut(field) = text);
}

/// Adds a question or topic at the end (lowest priority).
pub fn add_topic(store: &Store, m: Uuid, s: Uuid, text: &str) -> ActionResult {
    let text = validate::normalize(text);
    let mut e = Errors::default();
    e.required("topic", "The topic", &text);
    let topics = store.library.with_untracked(|lib| {
        lib.get(m)?.sessions.iter().find(|x| x.id() == s).map(|x| x.agenda.topics.len())
    });
    if topics.unwrap_or(0) >= validate::LIST_MAX {
        e.add("topic", format!("The agenda holds at most {} topics.", validate::LIST_MAX));
    }
    e.into_result()?;
    with_session(store, m, s, |session| {
        session.agenda.topics.push(Topic { id: Uuid::new_v4(), text })
    })
    .ok_or_else(gone)
}

pub fn set_topic(store: &Store, m: Uuid, s: Uuid, topic: Uuid, text: &str) {
    let text = validate::fit_line(text);
    with_session(store, m, s, |session| {
        if let Some(t) = session.agenda.topics.iter_mut().find(|t| t.id == topic) {
            t.text = text;
        }
    });
}

pub fn remove_topic(store: &Store, m: Uuid, s: Uuid, topic: Uuid) {
    with_session(store, m, s, |session| session.agenda.topics.retain(|t| t.id != topic));
}

/// Moves a topic one place up (`-1`) or down (`+1`) in priority.
pub fn move_topic(store: &Store, m: Uuid, s: Uuid, topic: Uuid, by: isize) {
    with_session(store, m, s, |session| {
        if let Some(i) = session.agenda.topics.iter().position(|t| t.id == topic) {
            session.agenda.move_topic(i, by);
        }
    });
}

/// Marks the agenda as sent now, or as not sent (taking a mistake back).
pub fn mark_agenda_sent(store: &Store, m: Uuid, s: Uuid, sent: bool) {
    let at = sent.then(browser::now);
    with_session(store, m, s, |session| session.agenda.sent_at = at);
}

/// Changes one free-text part of the summary (as it is typed).
pub fn set_summary(store: &Store, m: Uuid, s: Uuid, field: SummaryField, text: &str) {
    let text = validate::fit_text(text);
    with_session(store, m, s, |session| *session.summary.text_mut(field) = text);
}

/// Reviews an earlier action item at this session and applies the outcome.
pub fn review_item(
    store: &Store,
    m: Uuid,
    s: Uuid,
    item: Uuid,
    outcome: ReviewOutcome,
    note: &str,
    new_due: Option<NaiveDate>,
) {
    store.change(m, |doc: &mut MentorshipDoc, now| {
        let Some(session) = doc.sessions.iter_mut().find(|x| x.id() == s && x.is_live()) else {
            return;
        };
        let Some(action) = doc.actions.iter_mut().find(|x| x.id() == item && x.is_live()) else {
            return;
        };
        apply_review(session, action, outcome, note, new_due);
        session.meta.touch(now);
        action.meta.touch(now);
    });
}

/// One side's feedback: "was this useful?" 1–5, and a comment.
pub fn set_feedback(store: &Store, m: Uuid, s: Uuid, side: Side, rating: u8, comment: &str) {
    with_session(store, m, s, |session| {
        *session.feedback_mut(side) = (1..=5).contains(&rating).then(|| Feedback {
            rating,
            comment: validate::fit_text(comment),
            updated_at: None,
        });
    });
}

/// Sets (or clears) the next meeting's date and time.
pub fn set_next_meeting(store: &Store, m: Uuid, s: Uuid, date: &str, time: &str) -> ActionResult {
    let next = if date.trim().is_empty() {
        None
    } else {
        let mut e = Errors::default();
        let start = SessionForm { date: date.into(), time: time.into(), ..Default::default() }
            .start(&mut e, browser::local_datetime);
        e.into_result()?;
        start
    };
    with_session(store, m, s, |session| session.summary.next_meeting = next).ok_or_else(gone)
}

/// Plans the next meeting named in the summary as a new session, with this
/// session's length, place and link.
pub fn plan_next(store: &Store, m: Uuid, s: Uuid) -> ActionResult<Uuid> {
    store
        .change(m, |doc, now| {
            let from = doc.sessions.iter().find(|x| x.id() == s).ok_or_else(gone)?;
            let starts_at = from.summary.next_meeting.ok_or_else(|| {
                ActionError::field("next-date", "Set the next meeting's date first.")
            })?;
            if doc
                .sessions
                .iter()
                .any(|x| x.is_live() && x.starts_at == starts_at && x.status.is_upcoming())
            {
                return Err(ActionError::refused("A session at that time is already planned."));
            }
            let next = Session {
                meta: Meta::new(now),
                starts_at,
                duration_minutes: from.duration_minutes,
                place: from.place.clone(),
                link: from.link.clone(),
                ..Default::default()
            };
            let id = next.id();
            doc.sessions.push(next);
            Ok(id)
        })
        .unwrap_or_else(|| Err(gone()))
}

/// Marks the summary as sent now, or as not sent (taking a mistake back).
pub fn mark_summary_sent(store: &Store, m: Uuid, s: Uuid, sent: bool) {
    let at = sent.then(browser::now);
    with_session(store, m, s, |session| session.summary.sent_at = at);
}

/// Downloads the upcoming sessions as one calendar file. Cancelled future
/// sessions go too (`STATUS:CANCELLED`), so a calendar that imported them
/// before learns of the cancellation.
pub fn download_calendar(store: &Store, m: Uuid) -> ActionResult {
    let now = browser::now();
    let (name, text) = store
        .library
        .with_untracked(|lib| {
            let d = lib.get(m)?;
            let mut future: Vec<&Session> = d
                .sessions
                .iter()
                .filter(|s| {
                    s.is_live()
                        && s.ends_at().with_timezone(&chrono::Utc) >= now
                        && (s.status.is_upcoming() || s.status == SessionStatus::Cancelled)
                })
                .collect();
            crate::model::order::sort_by_key(&mut future, |s| s.starts_at);
            let list: Vec<(&Session, String)> = future
                .into_iter()
                .map(|s| {
                    let pulled = agenda_items(s, &d.sessions, &d.actions);
                    (s, agenda::plain(s, &d.mentorship, &pulled))
                })
                .collect();
            let name = format!(
                "tandem-{}-sessions.ics",
                d.mentorship.mentee.to_lowercase().replace(' ', "-")
            );
            Some((name, ics::calendar_file(&list, &d.mentorship, now)))
        })
        .ok_or_else(gone)?;
    browser::download(&name, "text/calendar", &text).map_err(|e| {
        ActionError::failed(format!("The calendar file could not be downloaded: {e}."))
    })
}

/// This device's private note on a session (never shared): the note of the
/// side this device is used by (`my_role`), which becomes its owner.
pub fn set_private_note(store: &Store, m: Uuid, s: Uuid, text: &str) {
    let text = validate::fit_text(text);
    store.change(m, |doc, now| {
        let me = doc.mentorship.my_role;
        let mine = private_note::mine(&doc.private_notes, s, me).map(|n| n.id());
        match doc.private_notes.iter_mut().find(|n| Some(n.id()) == mine) {
            Some(note) => {
                note.text = text;
                note.owner = Some(me);
                note.meta.touch(now);
            }
            None => doc.private_notes.push(PrivateNote {
                meta: Meta::new(now),
                session: Some(s),
                text,
                owner: Some(me),
            }),
        }
    });
}
