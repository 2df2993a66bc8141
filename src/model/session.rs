//! Sessions: each meeting's time and place, the mentee's agenda before it
//! and the outcome summary after it, and each side's feedback. Moving or
//! cancelling one, and the record kept of that, is in
//! [`super::session_schedule`].

use crate::model::stored_time::local_instant;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::record::{impl_record, later_part, Meta};
use super::side::Side;
use super::validate::{Errors, FieldError};

use super::session_notes::{Agenda, Feedback, Summary};
pub use super::session_schedule::{ChangeKind, Notice, ScheduleChange, ScheduleError};

/// Shortest and longest meeting, in minutes.
pub const MIN_MINUTES: u32 = 5;
pub const MAX_MINUTES: u32 = 12 * 60;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    #[default]
    Planned,
    /// Still to happen, at a new time.
    Rescheduled,
    Held,
    Cancelled,
}

impl SessionStatus {
    pub fn label(self) -> &'static str {
        match self {
            SessionStatus::Planned => "Planned",
            SessionStatus::Rescheduled => "Rescheduled",
            SessionStatus::Held => "Held",
            SessionStatus::Cancelled => "Cancelled",
        }
    }

    /// Still to happen.
    pub fn is_upcoming(self) -> bool {
        matches!(self, SessionStatus::Planned | SessionStatus::Rescheduled)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub meta: Meta,
    /// Local start time with its UTC offset.
    #[serde(with = "local_instant")]
    pub starts_at: DateTime<FixedOffset>,
    pub duration_minutes: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub topic: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub place: String,
    /// A video-call link.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub link: String,
    #[serde(default)]
    pub status: SessionStatus,
    /// Raised on every change calendars care about (time, place, status…),
    /// so a re-imported event replaces the older one.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub sequence: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<ScheduleChange>,
    #[serde(default)]
    pub agenda: Agenda,
    #[serde(default)]
    pub summary: Summary,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentee_feedback: Option<Feedback>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentor_feedback: Option<Feedback>,
}
impl_record!(Session => Session::later_parts);

impl Default for Session {
    fn default() -> Self {
        Session {
            meta: Meta::default(),
            starts_at: DateTime::UNIX_EPOCH.fixed_offset(),
            duration_minutes: 60,
            topic: String::new(),
            place: String::new(),
            link: String::new(),
            status: SessionStatus::Planned,
            sequence: 0,
            changes: Vec::new(),
            agenda: Agenda::default(),
            summary: Summary::default(),
            mentee_feedback: None,
            mentor_feedback: None,
        }
    }
}

impl Session {
    /// The parts that merge on their own time: the agenda, the summary and
    /// each side's feedback merge apart, as one tab may write the agenda
    /// while another writes the summary.
    fn later_parts(out: &mut Session, a: &Session, b: &Session) {
        out.agenda = later_part(&a.agenda, &b.agenda, |p| p.updated_at);
        out.summary = later_part(&a.summary, &b.summary, |p| p.updated_at);
        let at = |f: &Option<Feedback>| f.as_ref().and_then(|f| f.updated_at);
        out.mentee_feedback = later_part(&a.mentee_feedback, &b.mentee_feedback, at);
        out.mentor_feedback = later_part(&a.mentor_feedback, &b.mentor_feedback, at);
    }

    /// Not deleted and not cancelled.
    pub fn is_live_session(&self) -> bool {
        !self.meta.deleted && self.status != SessionStatus::Cancelled
    }

    pub fn ends_at(&self) -> DateTime<FixedOffset> {
        self.starts_at
            .checked_add_signed(Duration::minutes(self.duration_minutes as i64))
            .unwrap_or(self.starts_at)
    }

    pub fn local_date(&self) -> NaiveDate {
        super::dates::local_date(&self.starts_at)
    }

    pub fn feedback(&self, side: Side) -> Option<&Feedback> {
        side.pick(&self.mentee_feedback, &self.mentor_feedback).as_ref()
    }

    pub fn feedback_mut(&mut self, side: Side) -> &mut Option<Feedback> {
        side.pick(&mut self.mentee_feedback, &mut self.mentor_feedback)
    }

    /// The agenda should be sent by this time (`lead_hours` before the start).
    pub fn agenda_due_by(&self, lead_hours: u32) -> DateTime<Utc> {
        let start = self.starts_at.with_timezone(&Utc);
        start.checked_sub_signed(Duration::hours(lead_hours as i64)).unwrap_or(start)
    }

    /// The agenda is not sent and the agreed lead time has begun (or passed).
    pub fn agenda_late(&self, lead_hours: u32, now: DateTime<Utc>) -> bool {
        self.status.is_upcoming()
            && self.agenda.sent_at.is_none()
            && now >= self.agenda_due_by(lead_hours)
    }

    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if !(MIN_MINUTES..=MAX_MINUTES).contains(&self.duration_minutes) {
            e.add(
                "duration",
                format!("A session lasts between {MIN_MINUTES} minutes and {} hours, so it ends after it starts.", MAX_MINUTES / 60),
            );
        }
        e.instant("starts_at", "The start", &self.starts_at);
        e.line("topic", "The topic", &self.topic);
        e.line("place", "The place", &self.place);
        e.line("link", "The link", &self.link);
        let link = self.link.trim();
        if !link.is_empty() && link_scheme_ok(link).is_none() {
            e.add("link", "The video link must start with https:// (or http://).");
        }
        if link.chars().any(|c| c.is_control() || c.is_whitespace()) {
            e.add("link", "The video link cannot contain spaces or line breaks.");
        }
        e.history_len("changes", "The list of schedule changes", self.changes.len());
        for c in &self.changes {
            e.instant("changes", "The time of a schedule change", &c.at);
            e.instant("changes", "The time a session was moved from", &c.was);
            e.opt_instant("changes", "The time a session was moved to", c.to.as_ref());
            e.line("changes", "The reason for a change", &c.reason);
        }
        e.text("update", "The update", &self.agenda.update);
        e.list_len("topics", "The topic list", self.agenda.topics.len());
        e.unique("topics", "The topic list", self.agenda.topics.iter().map(|t| t.id));
        for t in &self.agenda.topics {
            e.line("topics", "A topic", &t.text);
        }
        e.opt_instant("agenda", "The time the agenda was sent", self.agenda.sent_at.as_ref());
        e.opt_instant("agenda", "The time the agenda was edited", self.agenda.updated_at.as_ref());
        let summary = &self.summary;
        e.history_len("reviews", "The review of action items", summary.reviews.len());
        e.unique("reviews", "The review of action items", summary.reviews.iter().map(|r| r.item));
        for r in &summary.reviews {
            e.line("reviews", "A review's note", &r.note);
        }
        e.opt_instant("next_meeting", "The next meeting", summary.next_meeting.as_ref());
        e.opt_instant("summary", "The time the summary was sent", summary.sent_at.as_ref());
        e.opt_instant("summary", "The time the summary was edited", summary.updated_at.as_ref());
        for (field, label, text) in [
            ("input_needed", "Input needed", &self.agenda.input_needed),
            ("timeline", "The timeline", &self.agenda.timeline),
            ("desired_outcomes", "Desired outcomes", &self.agenda.desired_outcomes),
            ("notes", "The notes", &self.summary.notes),
            ("decisions", "The decisions", &self.summary.decisions),
            ("resources", "The resources", &self.summary.resources),
        ] {
            e.text(field, label, text);
        }
        for side in Side::BOTH {
            if let Some(f) = self.feedback(side) {
                if !(1..=5).contains(&f.rating) {
                    e.add("feedback", "A rating is from 1 to 5.");
                }
                e.text("feedback", "The comment", &f.comment);
                e.opt_instant("feedback", "The time of the feedback", f.updated_at.as_ref());
            }
        }
        e.into_result()
    }
}

/// The video link, trimmed, if it is safe to offer as a link: `https:` or
/// `http:` (in any case) then `//`, and no spaces, control or bidirectional
/// characters. Anything else (`javascript:`, `data:`…) is never made an
/// `href` or a calendar URL, whatever the stored data says.
pub fn safe_link(link: &str) -> Option<&str> {
    let link = link.trim();
    let clean = !link
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || super::validate::is_bidi_control(c));
    link_scheme_ok(link).filter(|_| clean)
}

/// `link` if it starts with `https://` or `http://`, in any case.
fn link_scheme_ok(link: &str) -> Option<&str> {
    let (scheme, rest) = link.split_once(':')?;
    let web = scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http");
    (web && rest.starts_with("//") && rest.len() > 2).then_some(link)
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Upcoming sessions (planned or rescheduled), soonest first.
pub fn upcoming(sessions: &[Session], now: DateTime<Utc>) -> Vec<&Session> {
    let mut list: Vec<&Session> = sessions
        .iter()
        .filter(|s| {
            !s.meta.deleted && s.status.is_upcoming() && s.ends_at().with_timezone(&Utc) >= now
        })
        .collect();
    super::order::sort_by_key(&mut list, |s| s.starts_at);
    list
}

/// Every other session (held, cancelled, or planned but already over), newest first.
pub fn past(sessions: &[Session], now: DateTime<Utc>) -> Vec<&Session> {
    let mut list: Vec<&Session> = sessions
        .iter()
        .filter(|s| {
            let still_to_come = s.status.is_upcoming() && s.ends_at().with_timezone(&Utc) >= now;
            !(s.meta.deleted || still_to_come)
        })
        .collect();
    super::order::sort_by_key(&mut list, |s| std::cmp::Reverse(s.starts_at));
    list
}

/// The most recent held session that started before `before` (the session
/// whose action items the next one reviews first).
pub fn previous_held(sessions: &[Session], before: DateTime<FixedOffset>) -> Option<&Session> {
    sessions
        .iter()
        .filter(|s| !s.meta.deleted && s.status == SessionStatus::Held && s.starts_at < before)
        .max_by_key(|s| s.starts_at)
}

/// The date the agreed cadence suggests for the next session: `cadence_days`
/// after the latest held or planned session, else today.
pub fn suggest_next(sessions: &[Session], cadence_days: u32, today: NaiveDate) -> NaiveDate {
    let last = sessions
        .iter()
        .filter(|s| !s.meta.deleted && s.status != SessionStatus::Cancelled)
        .map(|s| s.local_date())
        .max();
    match last {
        Some(d) => super::dates::add_days(d, cadence_days as i64).max(today),
        None => today,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_support::planned_session;

    #[test]
    fn only_web_links_are_offered_as_links() {
        assert_eq!(safe_link(" HTTPS://meet.example.org/x "), Some("HTTPS://meet.example.org/x"));
        assert_eq!(safe_link("http://a.b"), Some("http://a.b"));
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt://x",
            "data:text/html,x",
            "https:",
            "https://",
            "https://a b",
            "https://a\u{202E}b",
            "https://a\nb",
            "//example.org",
            "",
        ] {
            assert_eq!(safe_link(bad), None, "{bad:?}");
        }
        let s = Session { link: "javascript://%0Aalert(1)".into(), ..planned_session() };
        assert!(s.validate().is_err());
        let s = Session { link: "HTTPS://Meet.Example.org".into(), ..planned_session() };
        assert!(s.validate().is_ok());
    }

    #[test]
    fn extreme_times_neither_panic_nor_pass() {
        let mut s = planned_session();
        s.starts_at = DateTime::<Utc>::MAX_UTC.fixed_offset();
        s.duration_minutes = MAX_MINUTES;
        assert_eq!(s.ends_at(), s.starts_at, "no time after the calendar's end");
        assert!(s.validate().is_err());
        let change = ScheduleChange {
            kind: ChangeKind::Cancelled,
            by: Side::Mentee,
            at: DateTime::<Utc>::MAX_UTC,
            reason: String::new(),
            was: "2026-03-03T10:00:00+14:00".parse().expect("time"),
            to: None,
            notice_hours: i64::MIN,
            agreed_notice_hours: Some(u32::MAX),
            notice_suggested: false,
        };
        assert!(change.describe(24).starts_with("Cancelled by the mentee on"));
        let _ = (s.agenda_due_by(u32::MAX), s.notice_hours(DateTime::<Utc>::MIN_UTC));
    }

    #[test]
    fn the_agenda_is_late_once_the_agreed_lead_time_has_begun() {
        let s = planned_session();
        assert!(!s.agenda_late(24, "2026-03-02T08:59:00Z".parse().expect("time")));
        assert!(s.agenda_late(24, "2026-03-02T09:00:00Z".parse().expect("time")));
    }
}
