//! Action items: what one partner committed to do, by when, linked to a goal
//! and to the session that created it. Both partners own items.

use crate::model::stored_time::{date, optional_date};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::record::{impl_record, Meta, Record};
use super::side::Side;
use super::status_record::{stored_as_record, StatusRecord};
use super::validate::{self, Errors, FieldError};

/// Stored as `{"state": "open" | "done" | "dropped", "on", "reason"}` (see
/// [`StatusRecord`]); a dropped item read without a reason has none.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StatusRecord", into = "StatusRecord")]
pub enum ItemStatus {
    #[default]
    Open,
    Done {
        on: NaiveDate,
    },
    Dropped {
        on: NaiveDate,
        reason: String,
    },
}

stored_as_record!(ItemStatus { Open: "open", Done: "done", reason_required: false });

impl ItemStatus {
    pub fn label(&self) -> &'static str {
        match self {
            ItemStatus::Open => "Open",
            ItemStatus::Done { .. } => "Done",
            ItemStatus::Dropped { .. } => "Dropped",
        }
    }
}

/// A kept record of a due date moving.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueChange {
    #[serde(default, with = "optional_date")]
    pub from: Option<NaiveDate>,
    #[serde(default, with = "optional_date")]
    pub to: Option<NaiveDate>,
    #[serde(with = "date")]
    pub on: NaiveDate,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ActionItem {
    pub meta: Meta,
    pub text: String,
    pub owner: Side,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "optional_date")]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub status: ItemStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<Uuid>,
    /// The session whose summary created this item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub due_changes: Vec<DueChange>,
}
impl_record!(ActionItem);

impl ActionItem {
    pub fn new(text: &str, owner: Side, due: Option<NaiveDate>, now: DateTime<Utc>) -> ActionItem {
        ActionItem {
            meta: Meta::new(now),
            text: validate::normalize(text),
            owner,
            due,
            ..Default::default()
        }
    }

    pub fn is_open(&self) -> bool {
        self.status == ItemStatus::Open
    }

    pub fn is_done(&self) -> bool {
        matches!(self.status, ItemStatus::Done { .. })
    }

    pub fn is_dropped(&self) -> bool {
        matches!(self.status, ItemStatus::Dropped { .. })
    }

    /// The order lists of items are shown in: soonest due first, undated
    /// last, then oldest first.
    pub fn due_order(&self) -> (bool, Option<NaiveDate>, DateTime<Utc>) {
        (self.due.is_none(), self.due, self.meta.created_at)
    }

    /// Open and past its due date.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.is_open() && self.due.is_some_and(|d| d < today)
    }

    /// Open and due between today and six days from now.
    pub fn is_due_this_week(&self, today: NaiveDate) -> bool {
        self.is_open() && self.due.is_some_and(|d| d >= today && (d - today).num_days() < 7)
    }

    /// Done on or before its due date.
    pub fn done_on_time(&self) -> bool {
        match (&self.status, self.due) {
            (ItemStatus::Done { on }, Some(due)) => *on <= due,
            (ItemStatus::Done { .. }, None) => true,
            _ => false,
        }
    }

    pub fn mark_done(&mut self, today: NaiveDate) {
        self.status = ItemStatus::Done { on: today };
    }

    pub fn reopen(&mut self) {
        self.status = ItemStatus::Open;
    }

    pub fn drop_with(&mut self, reason: &str, today: NaiveDate) {
        self.status = ItemStatus::Dropped { on: today, reason: reason.trim().into() };
    }

    /// Moves the due date, keeping the change (the latest
    /// [`validate::HISTORY_MAX`] changes).
    pub fn change_due(&mut self, to: Option<NaiveDate>, today: NaiveDate) {
        if to != self.due {
            self.due_changes.push(DueChange { from: self.due, to, on: today });
            validate::keep_latest(&mut self.due_changes);
            self.due = to;
        }
    }

    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.required("text", "What needs doing", &self.text);
        e.opt_date("due", "The due date", self.due);
        match &self.status {
            ItemStatus::Open => {}
            ItemStatus::Done { on } => e.ended("done", *on, None),
            ItemStatus::Dropped { on, reason } => e.ended("dropped", *on, Some(reason)),
        }
        e.history_len("due_changes", "The list of due date changes", self.due_changes.len());
        for c in &self.due_changes {
            e.opt_date("due_changes", "A former due date", c.from);
            e.opt_date("due_changes", "A changed due date", c.to);
            e.date("due_changes", "The date a due date changed", c.on);
        }
        e.into_result()
    }
}

/// Filters for the action item list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ItemFilter {
    pub owner: Option<Side>,
    pub status: StatusFilter,
    pub overdue_only: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StatusFilter {
    #[default]
    Open,
    Done,
    Dropped,
    All,
}

impl ItemFilter {
    pub fn matches(&self, item: &ActionItem, today: NaiveDate) -> bool {
        item.is_live()
            && self.owner.is_none_or(|o| o == item.owner)
            && match self.status {
                StatusFilter::Open => item.is_open(),
                StatusFilter::Done => item.is_done(),
                StatusFilter::Dropped => item.is_dropped(),
                StatusFilter::All => true,
            }
            && (!self.overdue_only || item.is_overdue(today))
    }
}

/// Items matching `filter`, by due date (undated last), then creation.
pub fn filtered(items: &[ActionItem], filter: ItemFilter, today: NaiveDate) -> Vec<&ActionItem> {
    let mut out: Vec<&ActionItem> = items.iter().filter(|i| filter.matches(i, today)).collect();
    super::order::sort_by_key(&mut out, |i| i.due_order());
    out
}

/// Action items done by their due date, over items due in the `days` before
/// `today`: `(on time, due)`. Dropped items do not count.
pub fn follow_through(items: &[ActionItem], today: NaiveDate, days: i64) -> (usize, usize) {
    let since = super::dates::add_days(today, -days);
    let due: Vec<&ActionItem> = items
        .iter()
        .filter(|i| {
            i.is_live() && !i.is_dropped() && i.due.is_some_and(|d| d > since && d <= today)
        })
        .collect();
    (due.iter().filter(|i| i.done_on_time()).count(), due.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_support::{day, now};

    #[test]
    fn overdue_and_due_this_week_depend_on_today() {
        let item = ActionItem::new("Draft slides", Side::Mentee, Some(day(10)), now());
        assert!(!item.is_overdue(day(10)));
        assert!(item.is_overdue(day(11)));
        assert!(item.is_due_this_week(day(4)));
        assert!(!item.is_due_this_week(day(3)));
        let mut done = item.clone();
        done.mark_done(day(12));
        assert!(!done.is_overdue(day(20)));
        assert!(!done.done_on_time());
    }

    #[test]
    fn due_date_changes_are_kept() {
        let mut item = ActionItem::new("Read", Side::Mentor, Some(day(10)), now());
        item.change_due(Some(day(17)), day(9));
        item.change_due(Some(day(17)), day(9));
        assert_eq!(item.due, Some(day(17)));
        assert_eq!(
            item.due_changes,
            vec![DueChange { from: Some(day(10)), to: Some(day(17)), on: day(9) }]
        );
    }

    #[test]
    fn filters_and_sorting() {
        let a = ActionItem::new("a", Side::Mentee, Some(day(20)), now());
        let b = ActionItem::new("b", Side::Mentor, Some(day(5)), now());
        let c = ActionItem::new("c", Side::Mentee, None, now());
        let mut d = ActionItem::new("d", Side::Mentee, Some(day(1)), now());
        d.mark_done(day(1));
        let items = vec![a, b, c, d];
        let texts = |f: ItemFilter| {
            filtered(&items, f, day(10)).iter().map(|i| i.text.clone()).collect::<Vec<_>>()
        };
        assert_eq!(texts(ItemFilter::default()), ["b", "a", "c"]);
        assert_eq!(
            texts(ItemFilter { owner: Some(Side::Mentee), ..Default::default() }),
            ["a", "c"]
        );
        assert_eq!(texts(ItemFilter { overdue_only: true, ..Default::default() }), ["b"]);
        assert_eq!(texts(ItemFilter { status: StatusFilter::Done, ..Default::default() }), ["d"]);
    }

    #[test]
    fn follow_through_counts_items_due_in_the_window() {
        let mut on_time = ActionItem::new("1", Side::Mentee, Some(day(5)), now());
        on_time.mark_done(day(4));
        let mut late = ActionItem::new("2", Side::Mentor, Some(day(6)), now());
        late.mark_done(day(8));
        let open = ActionItem::new("3", Side::Mentee, Some(day(7)), now());
        let future = ActionItem::new("4", Side::Mentee, Some(day(25)), now());
        let mut dropped = ActionItem::new("5", Side::Mentee, Some(day(7)), now());
        dropped.drop_with("no longer needed", day(7));
        let items = vec![on_time, late, open, future, dropped];
        assert_eq!(follow_through(&items, day(10), 90), (1, 3));
    }
}
