//! Keeps the installed app's badge (the number on its icon) in step with
//! what is due from the person using this device — their overdue action
//! items and an agenda they owe — across every mentorship, whenever the app
//! runs. Cleared when nothing is due.

use std::time::Duration;

use leptos::prelude::*;

use super::Store;
use crate::browser;
use crate::model::insights;

/// How often the count is refreshed while the app stays open (an item
/// becomes overdue at midnight without anything else changing).
const REFRESH: Duration = Duration::from_secs(15 * 60);

pub(super) fn keep_in_step(store: Store) {
    let tick = RwSignal::new(0u32);
    if let Ok(handle) = set_interval_with_handle(move || tick.update(|t| *t += 1), REFRESH) {
        on_cleanup(move || handle.clear());
    }
    let due = Memo::new(move |_| {
        tick.track();
        let (now, today) = (browser::now(), browser::today());
        store
            .library
            .with(|lib| lib.live().map(|d| insights::due_from_me(d, now, today)).sum::<usize>())
    });
    Effect::new(move |_| browser::set_app_badge(due.get()));
}
