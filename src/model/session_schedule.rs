//! Schedule changes: a session moved or cancelled, and the record kept of
//! it — who changed it, when, why, and how much notice that gave against
//! the notice the pair had agreed.

use crate::model::stored_time::{instant, local_instant, optional_local_instant};
use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

use super::session::{Session, SessionStatus};
use super::side::Side;
use super::validate::{Errors, FieldError};

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
    #[serde(with = "instant")]
    pub at: DateTime<Utc>,
    #[serde(default)]
    pub reason: String,
    /// When the session was planned before the change.
    #[serde(with = "local_instant")]
    pub was: DateTime<FixedOffset>,
    /// The new time, for a reschedule.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "optional_local_instant")]
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

/// Why a schedule change was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScheduleError {
    NotUpcoming,
    Invalid(Vec<FieldError>),
}

impl Session {
    /// Hours of notice a change made at `now` gives.
    pub fn notice_hours(&self, now: DateTime<Utc>) -> i64 {
        (self.starts_at.with_timezone(&Utc) - now).num_hours()
    }

    /// Cancels the session, keeping the record of who, when, why and the notice.
    pub fn cancel(
        &mut self,
        by: Side,
        reason: &str,
        notice: impl Into<Notice>,
        now: DateTime<Utc>,
    ) -> Result<ScheduleChange, ScheduleError> {
        self.change_schedule(ChangeKind::Cancelled, None, by, reason, notice.into(), now)
    }

    /// Moves the session, keeping the record. The agenda stays; if it was
    /// already sent it counts as a draft again so the new time goes out.
    pub fn reschedule(
        &mut self,
        to: DateTime<FixedOffset>,
        by: Side,
        reason: &str,
        notice: impl Into<Notice>,
        now: DateTime<Utc>,
    ) -> Result<ScheduleChange, ScheduleError> {
        self.change_schedule(ChangeKind::Rescheduled, Some(to), by, reason, notice.into(), now)
    }

    /// Checks that an upcoming session may change, changes it (`to` is the
    /// new time of a reschedule) and keeps the record of it.
    fn change_schedule(
        &mut self,
        kind: ChangeKind,
        to: Option<DateTime<FixedOffset>>,
        by: Side,
        reason: &str,
        notice: Notice,
        now: DateTime<Utc>,
    ) -> Result<ScheduleChange, ScheduleError> {
        if !self.status.is_upcoming() {
            return Err(ScheduleError::NotUpcoming);
        }
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
            agreed_notice_hours: Some(notice.hours),
            notice_suggested: !notice.agreed,
        };
        self.changes.push(change.clone());
        super::validate::keep_latest(&mut self.changes);
        self.status = match kind {
            ChangeKind::Cancelled => SessionStatus::Cancelled,
            ChangeKind::Rescheduled => SessionStatus::Rescheduled,
        };
        if let Some(to) = to {
            self.starts_at = to;
            self.agenda.sent_at = None;
        }
        self.meta.touch(now);
        Ok(change)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::session_notes::AgendaState;
    use crate::model::test_support::planned_session;
    use chrono::Duration;

    #[test]
    fn cancelling_keeps_who_when_why_and_the_notice() {
        let mut s = planned_session();
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
        let mut s = planned_session();
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
        let mut s = planned_session();
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
}
