//! The mentee's agenda as text: for the email, the clipboard, and the
//! calendar event's description. Private notes never appear here.

use chrono::{FixedOffset, Offset};

use super::outline::{Outline, Section};
use crate::model::dates;
use crate::model::mentorship::Mentorship;
use crate::model::review::AgendaItems;
use crate::model::session::{safe_link, Session};
use crate::model::task::ActionItem;

/// "Tuesday 3 March 2026, 10:00–11:00 (UTC+01:00)"
pub fn when(session: &Session) -> String {
    let offset = session.starts_at.offset().fix();
    format!(
        "{}–{} ({})",
        dates::date_time(&session.starts_at),
        dates::time(&session.ends_at()),
        utc_offset(offset)
    )
}

fn utc_offset(offset: FixedOffset) -> String {
    let secs = offset.local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let m = secs.abs() / 60;
    format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
}

/// The facts under the title: when, where, video link, topic.
fn facts(session: &Session) -> Vec<String> {
    let mut out = vec![format!("When: {}", when(session))];
    if !session.place.is_empty() {
        out.push(format!("Where: {}", session.place));
    }
    // Only a web link: this text goes into email bodies and calendar
    // events, where mail and calendar apps turn links into buttons.
    if let Some(link) = safe_link(&session.link) {
        out.push(format!("Video link: {link}"));
    }
    if !session.topic.is_empty() {
        out.push(format!("Topic: {}", session.topic));
    }
    out
}

/// An outline for a text about `session`, titled "`what`: Ada & Charles —
/// Monday 2 March 2026", with the session's facts and no sections yet.
pub(super) fn session_outline(what: &str, session: &Session, m: &Mentorship) -> Outline {
    Outline {
        title: format!("{what}: {} — {}", m.title(), dates::with_weekday(session.local_date())),
        facts: facts(session),
        sections: Vec::new(),
    }
}

/// "Ada: Draft the proposal (due 2 Mar 2026, open)"
pub fn item_line(item: &ActionItem, m: &Mentorship) -> String {
    let due = item.due.map(|d| format!("due {}, ", dates::short(d))).unwrap_or_default();
    format!("{}: {} ({due}{})", m.name(item.owner), item.text, item.status.label().to_lowercase())
}

/// The agenda of `session` as an outline.
pub fn outline(session: &Session, m: &Mentorship, items: &AgendaItems) -> Outline {
    let a = &session.agenda;
    let mut out = session_outline("Agenda", session, m);
    let mut review = Section::new("Review of last time's action items");
    for i in &items.from_last_time {
        review = review.item(item_line(i, m));
    }
    out.push(review);
    out.push(Section::new("Update since the last meeting").text(&a.update));
    let mut topics =
        Section { numbered: true, ..Section::new("Questions and topics, in priority order") };
    for t in a.topics.iter().filter(|t| !t.text.trim().is_empty()) {
        topics = topics.item(t.text.trim().to_string());
    }
    out.push(topics);
    out.push(Section::new(&format!("Input needed from {}", m.mentor)).text(&a.input_needed));
    out.push(Section::new("Timeline").text(&a.timeline));
    out.push(Section::new("Desired outcomes").text(&a.desired_outcomes));
    let mut other = Section::new("Other open action items");
    for i in &items.other_open {
        other = other.item(item_line(i, m));
    }
    out.push(other);
    out
}

pub fn markdown(session: &Session, m: &Mentorship, items: &AgendaItems) -> String {
    outline(session, m, items).to_markdown()
}

pub fn plain(session: &Session, m: &Mentorship, items: &AgendaItems) -> String {
    outline(session, m, items).to_plain()
}
