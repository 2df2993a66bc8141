//! Concluding a mentorship, the steps that change the whole
//! [`MentorshipDoc`]: either partner starts a no-fault conclusion (the
//! retrospective opens, see [`super::conclusion`]), the mentorship is closed
//! and archived read-only, and a closed one can be reopened.

use chrono::{DateTime, NaiveDate, Utc};

use super::conclusion::Conclusion;
use super::document::MentorshipDoc;
use super::mentorship::Status;
use super::record::Meta;
use super::side::Side;

/// Why a conclusion step was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConclusionError {
    #[error("This mentorship is already closed.")]
    AlreadyClosed,
    #[error("Start the conclusion first.")]
    NotStarted,
    #[error("This mentorship is not closed.")]
    NotClosed,
}

/// Either partner starts a no-fault conclusion: the retrospective opens and
/// the mentorship is "concluding".
pub fn start(
    doc: &mut MentorshipDoc,
    by: Side,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), ConclusionError> {
    if doc.mentorship.status == Status::Closed {
        return Err(ConclusionError::AlreadyClosed);
    }
    if doc.conclusion.as_ref().is_none_or(|c| c.meta.deleted) {
        doc.conclusion = Some(Conclusion {
            meta: Meta::new(now),
            started_by: by,
            started_on: today,
            ..Default::default()
        });
    }
    doc.mentorship.status = Status::Concluding;
    doc.mentorship.meta.touch(now);
    Ok(())
}

/// Closes the mentorship: archived, read-only, still viewable and exportable.
pub fn close(
    doc: &mut MentorshipDoc,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), ConclusionError> {
    let c =
        doc.conclusion.as_mut().filter(|c| !c.meta.deleted).ok_or(ConclusionError::NotStarted)?;
    c.closed_on = Some(today);
    c.meta.touch(now);
    doc.mentorship.status = Status::Closed;
    doc.mentorship.meta.touch(now);
    Ok(())
}

/// Reopens a closed mentorship (the retrospective is kept).
pub fn reopen(doc: &mut MentorshipDoc, now: DateTime<Utc>) -> Result<(), ConclusionError> {
    if doc.mentorship.status != Status::Closed {
        return Err(ConclusionError::NotClosed);
    }
    if let Some(c) = doc.conclusion.as_mut() {
        c.closed_on = None;
        c.meta.touch(now);
    }
    doc.mentorship.status = Status::Active;
    doc.mentorship.meta.touch(now);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::mentorship::Mentorship;
    use crate::model::test_support::{now, today};

    #[test]
    fn a_conclusion_closes_read_only_and_can_be_reopened() {
        let mut doc = MentorshipDoc::new(Mentorship {
            meta: Meta::new(now()),
            status: Status::Active,
            ..Default::default()
        });
        assert_eq!(close(&mut doc, today(), now()), Err(ConclusionError::NotStarted));
        start(&mut doc, Side::Mentor, today(), now()).expect("either partner can start");
        assert_eq!(doc.mentorship.status, Status::Concluding);
        assert!(!doc.mentorship.is_read_only());
        doc.conclusion.as_mut().expect("started").mentee.learned = "To ask for things.".into();
        close(&mut doc, today(), now()).expect("close");
        assert!(doc.mentorship.is_read_only());
        assert_eq!(
            start(&mut doc, Side::Mentee, today(), now()),
            Err(ConclusionError::AlreadyClosed)
        );
        reopen(&mut doc, now()).expect("reopen");
        assert_eq!(doc.mentorship.status, Status::Active);
        assert_eq!(
            doc.conclusion.as_ref().map(|c| c.mentee.learned.as_str()),
            Some("To ask for things."),
            "the retrospective is kept"
        );
    }
}
