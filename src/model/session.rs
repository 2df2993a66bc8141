//! Sessions: each meeting's time and place, its schedule changes (with who,
//! when, why and how much notice), the mentee's agenda before it and the
//! outcome summary after it, and each side's feedback.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::record::{impl_record, later_part, merge_parts, Meta};
use super::side::Side;
use super::validate::{Errors, FieldError};

use super::session_notes::{Agenda, Feedback, Summary};

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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Rescheduled,
    Cancelled,
}

/// A kept record of a session moved or cancelled.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleChange {
    pub kind: ChangeKind,
    pub by: Side,
    pub at: DateTime<Utc>,
    #[serde(default)]
    pub reason: String,
    /// When the session was planned before the change.
    pub was: DateTime<FixedOffset>,
    /// The new time, for a reschedule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<DateTime<FixedOffset>>,
    /// Hours between the change and the planned start.
    pub notice_hours: i64,
    /// The notice the pair had agreed when the change was made (later
    /// amendments do not rewrite history).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreed_notice_hours: Option<u32>,
    /// The notice was only the suggestion then (the pair had not agreed
    /// one): the record says so rather than "agreed".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub notice_suggested: bool,
}

/// The notice a change is measured against: hours, and whether the pair
/// agreed them (else they are the suggestion). A plain number is agreed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Notice {
    pub hours: u32,
    pub agreed: bool,
}

impl From<u32> for Notice {
    fn from(hours: u32) -> Notice {
        Notice { hours, agreed: true }
    }
}

impl ScheduleChange {
    /// Less notice than the pair had agreed (at the time; `fallback` for
    /// records made before that was kept).
    pub fn is_short_notice(&self, fallback: u32) -> bool {
        self.notice_hours < self.agreed_notice_hours.unwrap_or(fallback) as i64
    }

    /// "Cancelled by the mentor on 3 March 2026 with 5 hours' notice (agreed: 24)."
    pub fn describe(&self, fallback: u32) -> String {
        let agreed_hours = self.agreed_notice_hours.unwrap_or(fallback);
        let what = match self.kind {
            ChangeKind::Cancelled => "Cancelled",
            ChangeKind::Rescheduled => "Moved",
        };
        let notice = if self.at >= self.was.with_timezone(&Utc) {
            "after it was due to start".to_string()
        } else {
            format!("with {} hours' notice", self.notice_hours)
        };
        let short = if self.is_short_notice(agreed_hours) {
            let said = if self.notice_suggested { "suggested" } else { "agreed" };
            format!(" — less than the {said} {agreed_hours} hours")
        } else {
            String::new()
        };
        let to =
            self.to.map(|t| format!(" to {}", super::dates::date_time(&t))).unwrap_or_default();
        let why = if self.reason.is_empty() {
            String::new()
        } else {
            format!(" Reason: {}.", self.reason)
        };
        let on = super::dates::local_date(&super::dates::in_zone(&self.at, *self.was.offset()));
        format!(
            "{what}{to} by the {} on {}, {notice}{short}.{why}",
            self.by.label(),
            super::dates::long(on)
        )
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub meta: Meta,
    /// Local start time with its UTC offset.
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
impl_record!(Session => Session::merge, Session::whole);

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

/// Why a schedule change was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScheduleError {
    NotUpcoming,
    Invalid(Vec<FieldError>),
}

impl Session {
    /// Two versions of one session merged: the agenda, the summary and each
    /// side's feedback merge apart, as one tab may write the agenda while
    /// another writes the summary.
    fn merge(a: &Session, b: &Session) -> Session {
        merge_parts(a, b, |out| {
            out.agenda = later_part(&a.agenda, &b.agenda, |p| p.updated_at);
            out.summary = later_part(&a.summary, &b.summary, |p| p.updated_at);
            let at = |f: &Option<Feedback>| f.as_ref().and_then(|f| f.updated_at);
            out.mentee_feedback = later_part(&a.mentee_feedback, &b.mentee_feedback, at);
            out.mentor_feedback = later_part(&a.mentor_feedback, &b.mentor_feedback, at);
        })
    }

    /// The session without the parts that merge on their own time.
    fn whole(&self) -> Session {
        Session {
            agenda: Agenda::default(),
            summary: Summary::default(),
            mentee_feedback: None,
            mentor_feedback: None,
            ..self.clone()
        }
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

    /// Hours of notice a change made at `now` gives.
    pub fn notice_hours(&self, now: DateTime<Utc>) -> i64 {
        (self.starts_at.with_timezone(&Utc) - now).num_hours()
    }

    /// Cancels the session, keeping the record of who, when, why and the notice.
    pub fn cancel(
        &mut self,
        by: Side,
        reason: &str,
        agreed_notice: impl Into<Notice>,
        now: DateTime<Utc>,
    ) -> Result<ScheduleChange, ScheduleError> {
        let change =
            self.record_change(ChangeKind::Cancelled, None, by, reason, agreed_notice, now)?;
        self.status = SessionStatus::Cancelled;
        Ok(change)
    }

    /// Moves the session, keeping the record. The agenda stays; if it was
    /// already sent it counts as a draft again so the new time goes out.
    pub fn reschedule(
        &mut self,
        to: DateTime<FixedOffset>,
        by: Side,
        reason: &str,
        agreed_notice: impl Into<Notice>,
        now: DateTime<Utc>,
    ) -> Result<ScheduleChange, ScheduleError> {
        let change =
            self.record_change(ChangeKind::Rescheduled, Some(to), by, reason, agreed_notice, now)?;
        self.starts_at = to;
        self.status = SessionStatus::Rescheduled;
        self.agenda.sent_at = None;
        Ok(change)
    }

    /// Checks that an upcoming session may change and keeps the record of it.
    fn record_change(
        &mut self,
        kind: ChangeKind,
        to: Option<DateTime<FixedOffset>>,
        by: Side,
        reason: &str,
        agreed_notice: impl Into<Notice>,
        now: DateTime<Utc>,
    ) -> Result<ScheduleChange, ScheduleError> {
        if !self.status.is_upcoming() {
            return Err(ScheduleError::NotUpcoming);
        }
        let agreed_notice = agreed_notice.into();
        let mut e = Errors::default();
        e.line("reason", "The reason", reason);
        e.into_result().map_err(ScheduleError::Invalid)?;
        let change = ScheduleChange {
            kind,
            by,
            at: now,
            reason: reason.trim().into(),
            was: self.starts_at,
            to,
            notice_hours: self.notice_hours(now),
            agreed_notice_hours: Some(agreed_notice.hours),
            notice_suggested: !agreed_notice.agreed,
        };
        self.changes.push(change.clone());
        super::validate::keep_latest(&mut self.changes);
        self.meta.touch(now);
        Ok(change)
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
    use crate::model::session_notes::AgendaState;

    /// A session planned for Tuesday 3 March 2026, 10:00 at UTC+1.
    fn planned() -> Session {
        Session {
            starts_at: "2026-03-03T10:00:00+01:00".parse().expect("time"),
            ..Default::default()
        }
    }

    #[test]
    fn cancelling_keeps_who_when_why_and_the_notice() {
        let mut s = planned();
        let five_hours_before: DateTime<Utc> = "2026-03-03T04:00:00Z".parse().expect("time");
        let change = s.cancel(Side::Mentor, "Sick", 24, five_hours_before).expect("upcoming");
        assert_eq!(change.notice_hours, 5);
        assert!(
            change.is_short_notice(4),
            "judged by what was agreed when it happened (24), not today's terms"
        );
        assert_eq!(s.status, SessionStatus::Cancelled);
        assert_eq!(
            change.describe(24),
            "Cancelled by the mentor on 3 March 2026, with 5 hours' notice — less than the agreed 24 hours. Reason: Sick."
        );
        assert_eq!(
            s.cancel(Side::Mentee, "again", 24, five_hours_before),
            Err(ScheduleError::NotUpcoming)
        );
    }

    #[test]
    fn a_notice_the_pair_never_agreed_is_called_the_suggestion() {
        let mut s = planned();
        let five_hours_before: DateTime<Utc> = "2026-03-03T04:00:00Z".parse().expect("time");
        let suggested = Notice { hours: 24, agreed: false };
        let change =
            s.cancel(Side::Mentee, "Sick", suggested, five_hours_before).expect("upcoming");
        assert!(change.notice_suggested);
        assert!(change.describe(24).ends_with("less than the suggested 24 hours. Reason: Sick."));
        let stored = serde_json::to_string(&change).expect("json");
        let back: ScheduleChange = serde_json::from_str(&stored).expect("read back");
        assert_eq!(back, change);
        let older = stored.replace(",\"notice_suggested\":true", "");
        let read: ScheduleChange = serde_json::from_str(&older).expect("older record");
        assert!(!read.notice_suggested, "records from before the flag read as agreed");
    }

    #[test]
    fn rescheduling_moves_it_and_the_agenda_goes_out_again() {
        let mut s = planned();
        let start = s.starts_at;
        s.agenda.sent_at = Some("2026-03-01T10:00:00Z".parse().expect("time"));
        let new_time = start + Duration::days(2);
        let change = s
            .reschedule(
                new_time,
                Side::Mentee,
                "Conference",
                24,
                "2026-03-01T09:00:00Z".parse().expect("time"),
            )
            .expect("ok");
        assert_eq!(change.notice_hours, 48);
        assert_eq!(
            (s.starts_at, s.status, s.agenda.state()),
            (new_time, SessionStatus::Rescheduled, AgendaState::NotStarted)
        );
        assert_eq!(s.changes.len(), 1);
    }

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
        let s = Session { link: "javascript://%0Aalert(1)".into(), ..planned() };
        assert!(s.validate().is_err());
        let s = Session { link: "HTTPS://Meet.Example.org".into(), ..planned() };
        assert!(s.validate().is_ok());
    }

    #[test]
    fn extreme_times_neither_panic_nor_pass() {
        let mut s = planned();
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
        let s = planned();
        assert!(!s.agenda_late(24, "2026-03-02T08:59:00Z".parse().expect("time")));
        assert!(s.agenda_late(24, "2026-03-02T09:00:00Z".parse().expect("time")));
    }
}
