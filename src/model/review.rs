//! Action items around a session: which ones its agenda pulls in (both
//! partners' open items, last time's first), which ones its summary reviews,
//! and what a review outcome does to an item (done, carried over, dropped).

use chrono::NaiveDate;
use uuid::Uuid;

use super::record::Record;
use super::session::{previous_held, Session};
use super::session_notes::{ItemReview, ReviewOutcome};
use super::task::ActionItem;

/// The action items an agenda shows, in the order it shows them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AgendaItems {
    /// Open items from the last session held before this one: reviewed first.
    pub from_last_time: Vec<ActionItem>,
    /// Every other open item, soonest due first.
    pub other_open: Vec<ActionItem>,
}

/// Both partners' open action items for `session`'s agenda.
pub fn agenda_items(session: &Session, sessions: &[Session], items: &[ActionItem]) -> AgendaItems {
    let last = previous_held(sessions, session.starts_at).map(|s| s.id());
    let open =
        items.iter().filter(|i| i.is_live() && i.is_open() && i.session != Some(session.id()));
    let (mut from_last_time, mut other_open): (Vec<ActionItem>, Vec<ActionItem>) =
        open.cloned().partition(|i| last.is_some() && i.session == last);
    super::order::sort_by_key(&mut from_last_time, ActionItem::due_order);
    super::order::sort_by_key(&mut other_open, ActionItem::due_order);
    AgendaItems { from_last_time, other_open }
}

/// The items a session's summary reviews: those open when it was held (made
/// before it), and those it already reviewed, whatever their state now.
pub fn items_to_review<'a>(session: &Session, items: &'a [ActionItem]) -> Vec<&'a ActionItem> {
    let reviewed = |id: Uuid| session.summary.reviews.iter().any(|r| r.item == id);
    let mut list: Vec<&ActionItem> = items
        .iter()
        .filter(|i| {
            i.is_live()
                && i.session != Some(session.id())
                && (reviewed(i.id()) || (i.is_open() && i.meta.created_at <= session.ends_at()))
        })
        .collect();
    super::order::sort_by_key(&mut list, |i| i.due_order());
    list
}

/// Records the review of one item in the session and applies it to the item:
/// done (on the session's date), dropped (with the word as reason), or
/// carried over (still open, optionally with a new due date).
pub fn apply_review(
    session: &mut Session,
    item: &mut ActionItem,
    outcome: ReviewOutcome,
    note: &str,
    new_due: Option<NaiveDate>,
) {
    let on = session.local_date();
    match outcome {
        ReviewOutcome::Done => item.mark_done(on),
        ReviewOutcome::Dropped => item.drop_with(note, on),
        ReviewOutcome::CarriedOver => {
            item.reopen();
            if new_due.is_some() {
                item.change_due(new_due, on);
            }
        }
    }
    let review = ItemReview { item: item.id(), outcome, note: note.trim().to_string() };
    let reviews = &mut session.summary.reviews;
    let full = reviews.len() >= super::validate::HISTORY_MAX;
    match reviews.iter_mut().find(|r| r.item == review.item) {
        Some(existing) => *existing = review,
        // Beyond the most a summary keeps, the item changes but is not listed.
        None if full => {}
        None => reviews.push(review),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::record::Meta;
    use crate::model::session::SessionStatus;
    use crate::model::Side;
    use chrono::{DateTime, Duration, FixedOffset, Utc};

    fn at(s: &str) -> DateTime<FixedOffset> {
        s.parse().expect("time")
    }

    fn session(starts: &str, status: SessionStatus) -> Session {
        let t = at(starts);
        Session {
            meta: Meta::new(t.with_timezone(&Utc) - Duration::days(7)),
            starts_at: t,
            status,
            ..Default::default()
        }
    }

    fn item(text: &str, from: Option<&Session>, due: Option<&str>, created: &str) -> ActionItem {
        let mut i = ActionItem::new(
            text,
            Side::Mentee,
            due.and_then(|d| d.parse().ok()),
            at(created).with_timezone(&Utc),
        );
        i.session = from.map(|s| s.id());
        i
    }

    #[test]
    fn the_agenda_pulls_both_partners_open_items_last_times_first() {
        let first = session("2026-03-02T10:00:00+01:00", SessionStatus::Held);
        let second = session("2026-03-09T10:00:00+01:00", SessionStatus::Held);
        let next = session("2026-03-16T10:00:00+01:00", SessionStatus::Planned);
        let sessions = vec![first.clone(), second.clone(), next.clone()];
        let old =
            item("older open item", Some(&first), Some("2026-03-20"), "2026-03-02T11:00:00+01:00");
        let mut last_a = item(
            "from last time, mentor",
            Some(&second),
            Some("2026-03-15"),
            "2026-03-09T11:00:00+01:00",
        );
        last_a.owner = Side::Mentor;
        let last_b = item(
            "from last time, mentee",
            Some(&second),
            Some("2026-03-12"),
            "2026-03-09T11:00:00+01:00",
        );
        let mut done = item("done already", Some(&second), None, "2026-03-09T11:00:00+01:00");
        done.mark_done("2026-03-10".parse().expect("date"));
        let own = item("made at this session", Some(&next), None, "2026-03-16T11:00:00+01:00");
        let pulled = agenda_items(&next, &sessions, &[old, last_a, last_b, done, own]);
        let texts = |l: &[ActionItem]| l.iter().map(|i| i.text.clone()).collect::<Vec<_>>();
        assert_eq!(
            texts(&pulled.from_last_time),
            ["from last time, mentee", "from last time, mentor"]
        );
        assert_eq!(texts(&pulled.other_open), ["older open item"]);
    }

    #[test]
    fn reviews_carry_items_over_close_them_or_drop_them() {
        let mut s = session("2026-03-09T10:00:00+01:00", SessionStatus::Held);
        let mut a = item("a", None, Some("2026-03-08"), "2026-03-01T10:00:00+01:00");
        let mut b = item("b", None, Some("2026-03-08"), "2026-03-01T10:00:00+01:00");
        let mut c = item("c", None, Some("2026-03-08"), "2026-03-01T10:00:00+01:00");
        apply_review(&mut s, &mut a, ReviewOutcome::Done, "shipped", None);
        apply_review(
            &mut s,
            &mut b,
            ReviewOutcome::CarriedOver,
            "needs a week",
            "2026-03-15".parse().ok(),
        );
        apply_review(&mut s, &mut c, ReviewOutcome::Dropped, "no longer relevant", None);
        assert!(a.is_done() && !a.done_on_time(), "done on the session's date, after the due date");
        assert!(b.is_open());
        assert_eq!(b.due.map(|d| d.to_string()).as_deref(), Some("2026-03-15"));
        assert_eq!(b.due_changes.len(), 1, "the moved due date is kept");
        assert!(c.is_dropped());
        assert_eq!(s.summary.reviews.len(), 3);
        // Reviewing again replaces the earlier review of that item.
        apply_review(&mut s, &mut a, ReviewOutcome::CarriedOver, "not quite", None);
        assert_eq!(s.summary.reviews.len(), 3);
        assert!(a.is_open());
        let listed = items_to_review(&s, std::slice::from_ref(&c));
        assert_eq!(listed.len(), 1, "a dropped item stays listed where it was reviewed");
    }
}
