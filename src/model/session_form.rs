//! The plan-a-session form, as typed: date, start time, duration, topic, place
//! and video link, checked into a [`Session`]. Turning a local date and time
//! into an instant needs the person's time zone, which the caller supplies.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};

use super::record::{self, Meta};
use super::session::Session;
use super::terms::Terms;
use super::validate::{self, Errors, FieldError};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SessionForm {
    pub date: String,
    pub time: String,
    pub duration_minutes: String,
    pub topic: String,
    pub place: String,
    pub link: String,
}

impl SessionForm {
    /// A new session's form: on `date`, at the same time and place as the
    /// last session if there was one, for the agreed length.
    pub fn suggested(date: NaiveDate, terms: &Terms, last: Option<&Session>) -> SessionForm {
        SessionForm {
            date: date.to_string(),
            time: last.map(|s| super::dates::time(&s.starts_at)).unwrap_or_else(|| "10:00".into()),
            duration_minutes: terms.length_minutes.to_string(),
            topic: String::new(),
            place: last.map(|s| s.place.clone()).unwrap_or_else(|| default_place(&terms.format)),
            link: last.map(|s| s.link.clone()).unwrap_or_default(),
        }
    }

    pub fn from_session(s: &Session) -> SessionForm {
        SessionForm {
            date: s.starts_at.date_naive().to_string(),
            time: super::dates::time(&s.starts_at),
            duration_minutes: s.duration_minutes.to_string(),
            topic: s.topic.clone(),
            place: s.place.clone(),
            link: s.link.clone(),
        }
    }

    /// The start the form describes, in the person's time zone.
    pub fn start(
        &self,
        errors: &mut Errors,
        local: impl Fn(NaiveDateTime) -> Option<DateTime<FixedOffset>>,
    ) -> Option<DateTime<FixedOffset>> {
        let date = errors.required_date("date", "The date", &self.date);
        let time = if errors.missing("time", "The start time", &self.time) {
            None
        } else {
            let t = validate::parse_time(&self.time);
            if t.is_none() {
                errors.add("time", "The start time must be like 09:30.");
            }
            t
        };
        let start = local(NaiveDateTime::new(date?, time?));
        if start.is_none() {
            errors.add(
                "time",
                "That time does not exist on that day here (a clock change): pick another.",
            );
        }
        start
    }

    /// Checks the form and writes it into `session`; on error nothing changes.
    pub fn apply(
        &self,
        session: &mut Session,
        now: DateTime<Utc>,
        local: impl Fn(NaiveDateTime) -> Option<DateTime<FixedOffset>>,
    ) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        let start = self.start(&mut e, local);
        let minutes = self.duration_minutes.trim().parse::<u32>().ok();
        if minutes.is_none() {
            e.add("duration", "The duration is a number of minutes.");
        }
        let mut next = session.clone();
        if let Some(start) = start {
            next.starts_at = start;
        }
        if let Some(m) = minutes {
            next.duration_minutes = m;
        }
        // Pasted text may carry direction marks or tabs a line cannot hold.
        next.topic = validate::clean_line(self.topic.trim()).trim().into();
        next.place = validate::clean_line(self.place.trim()).trim().into();
        next.link = self.link.trim().into();
        record::apply_form(session, next, e, Session::validate, now)
    }

    /// A new planned session from the form.
    pub fn create(
        &self,
        now: DateTime<Utc>,
        local: impl Fn(NaiveDateTime) -> Option<DateTime<FixedOffset>>,
    ) -> Result<Session, Vec<FieldError>> {
        let mut s = Session { meta: Meta::new(now), ..Default::default() };
        self.apply(&mut s, now, local)?;
        s.meta.created_at = s.meta.updated_at;
        Ok(s)
    }
}

/// Where to meet, from the agreed format.
fn default_place(format: &str) -> String {
    match format {
        "video" => "Video call".into(),
        "phone" => "Phone".into(),
        "in_person" => String::new(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_support::now;

    /// The person's time zone, as a fixed UTC offset.
    fn at_offset(minutes: i32) -> impl Fn(NaiveDateTime) -> Option<DateTime<FixedOffset>> {
        move |naive| naive.and_local_timezone(FixedOffset::east_opt(minutes * 60)?).single()
    }

    /// A form with a date, a start time and a duration typed, nothing else.
    fn form(date: &str, time: &str, duration_minutes: &str) -> SessionForm {
        SessionForm {
            date: date.into(),
            time: time.into(),
            duration_minutes: duration_minutes.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_valid_form_makes_a_session_at_local_time() {
        let typed = SessionForm {
            topic: "Project choice".into(),
            link: "https://meet.example.org/ada".into(),
            ..form("2026-03-03", "09:30", "45")
        };
        let s = typed.create(now(), at_offset(60)).expect("valid");
        assert_eq!(s.starts_at.to_rfc3339(), "2026-03-03T09:30:00+01:00");
        assert_eq!(s.ends_at().to_rfc3339(), "2026-03-03T10:15:00+01:00");
    }

    #[test]
    fn a_session_cannot_end_before_it_starts_and_times_must_parse() {
        let bad =
            SessionForm { link: "meet.example.org".into(), ..form("2026-03-03", "9h30", "0") };
        let errors = bad.create(now(), at_offset(0)).expect_err("invalid");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert!(
            fields.contains(&"time") && fields.contains(&"duration") && fields.contains(&"link"),
            "{fields:?}"
        );
        assert!(form("", "09:00", "60").create(now(), at_offset(0)).is_err(), "no date");
    }

    #[test]
    fn suggestions_follow_the_agreement_and_the_last_session() {
        let terms = Terms::from_themes(&[]);
        let first = SessionForm::suggested("2026-03-03".parse().expect("date"), &terms, None);
        assert_eq!((first.time.as_str(), first.duration_minutes.as_str()), ("10:00", "60"));
        let last = SessionForm { place: "Café".into(), ..form("2026-03-03", "08:15", "50") }
            .create(now(), at_offset(60))
            .expect("valid");
        let next = SessionForm::suggested("2026-03-10".parse().expect("date"), &terms, Some(&last));
        assert_eq!(
            (next.time.as_str(), next.place.as_str(), next.duration_minutes.as_str()),
            ("08:15", "Café", "60")
        );
    }
}
