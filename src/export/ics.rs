//! Sessions as iCalendar (RFC 5545) events, to add to any calendar: one
//! session with its agenda, or a mentorship's upcoming sessions as a
//! calendar file. Times are written in UTC, text is escaped, lines folded at
//! 75 octets, lines end in CRLF.

use chrono::{DateTime, Datelike, Timelike, Utc};

use crate::model::mentorship::Mentorship;
use crate::model::session::{safe_link, Session, SessionStatus};

/// Minutes before the start the reminder goes off.
pub const REMINDER_MINUTES: u32 = 30;

/// Escapes a TEXT value (§3.3.11).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.replace("\r\n", "\n").chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line so no physical line exceeds 75 octets (§3.1),
/// never splitting a UTF-8 character, and ends it with CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
    out
}

/// A UTC date-time value: `20260303T090000Z`.
fn utc(t: DateTime<Utc>) -> String {
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

fn push(out: &mut String, name: &str, value: &str) {
    out.push_str(&fold(&format!("{name}:{value}")));
}

/// The VEVENT of one session, with `description` (its agenda) and a reminder.
pub fn vevent(session: &Session, m: &Mentorship, description: &str, now: DateTime<Utc>) -> String {
    let mut out = String::new();
    push(&mut out, "BEGIN", "VEVENT");
    push(&mut out, "UID", &format!("{}@tandem.app", session.meta.id));
    push(&mut out, "DTSTAMP", &utc(now));
    push(&mut out, "DTSTART", &utc(session.starts_at.with_timezone(&Utc)));
    push(&mut out, "DTEND", &utc(session.ends_at().with_timezone(&Utc)));
    // Older records counted only moves; take whichever is higher.
    push(&mut out, "SEQUENCE", &session.sequence.max(session.changes.len() as u32).to_string());
    let topic = if session.topic.trim().is_empty() {
        String::new()
    } else {
        format!(": {}", session.topic.trim())
    };
    push(&mut out, "SUMMARY", &escape(&format!("Mentoring — {}{topic}", m.title())));
    if !session.place.trim().is_empty() {
        push(&mut out, "LOCATION", &escape(session.place.trim()));
    }
    // A URI value, not TEXT-escaped (§3.3.13): only a web link, checked
    // again here whatever the stored data says.
    if let Some(link) = safe_link(&session.link) {
        push(&mut out, "URL", link);
    }
    if !description.trim().is_empty() {
        push(&mut out, "DESCRIPTION", &escape(description.trim()));
    }
    let status = if session.status == SessionStatus::Cancelled { "CANCELLED" } else { "CONFIRMED" };
    push(&mut out, "STATUS", status);
    push(&mut out, "BEGIN", "VALARM");
    push(&mut out, "ACTION", "DISPLAY");
    // Neutral wording: the file may be imported by either partner.
    push(&mut out, "DESCRIPTION", &escape(&format!("Mentoring session soon: {}", m.title())));
    push(&mut out, "TRIGGER", &format!("-PT{REMINDER_MINUTES}M"));
    push(&mut out, "END", "VALARM");
    push(&mut out, "END", "VEVENT");
    out
}

fn wrap(name: &str, events: &str) -> String {
    let mut out = String::new();
    push(&mut out, "BEGIN", "VCALENDAR");
    push(&mut out, "VERSION", "2.0");
    push(&mut out, "PRODID", "-//Tandem//Mentoring companion//EN");
    push(&mut out, "CALSCALE", "GREGORIAN");
    push(&mut out, "METHOD", "PUBLISH");
    push(&mut out, "X-WR-CALNAME", &escape(name));
    out.push_str(events);
    push(&mut out, "END", "VCALENDAR");
    out
}

/// A calendar file holding one session.
pub fn session_file(
    session: &Session,
    m: &Mentorship,
    description: &str,
    now: DateTime<Utc>,
) -> String {
    wrap(&format!("Mentoring — {}", m.title()), &vevent(session, m, description, now))
}

/// A calendar file with several sessions, each with its description.
pub fn calendar_file(
    sessions: &[(&Session, String)],
    m: &Mentorship,
    now: DateTime<Utc>,
) -> String {
    let events: String = sessions.iter().map(|(s, d)| vevent(s, m, d, now)).collect();
    wrap(&format!("Mentoring — {}", m.title()), &events)
}

/// A file name for a session's event.
pub fn file_name(session: &Session) -> String {
    format!("tandem-session-{}.ics", session.local_date())
}
