//! Locking after the idle time: no key pressed, no pointer moved in any tab
//! of the app for that long (a hidden tab is not used, so being hidden
//! counts as idle). Checked every few seconds and when the tab is shown
//! again; browsers slow a hidden tab's timers, never past that. Half a
//! minute before, a tab on screen says so ([`Lock::locks_soon`]): locking
//! starts the page again, and text typed in a form not yet saved goes.

use std::cell::Cell;

use leptos::ev;
use leptos::prelude::*;

use super::Lock;

/// How often the idle time is checked.
const CHECK_EVERY_MS: u64 = 5_000;
/// Other tabs hear of use at most this often.
const POST_EVERY_MS: f64 = 20_000.0;
/// How long before locking a tab on screen warns.
const WARN_BEFORE_MS: f64 = 30_000.0;

thread_local! {
    /// When the app was last used (ms since the epoch), and when other tabs
    /// last heard of it.
    static LAST_USE: Cell<(f64, f64)> = const { Cell::new((0.0, 0.0)) };
}

/// The app was used (here or in another tab) now.
pub(in crate::state) fn touch() {
    let now = js_sys::Date::now();
    LAST_USE.with(|c| c.set((now, c.get().1)));
}

/// The app was used in another tab: this one neither locks nor warns.
pub(super) fn used_elsewhere(lock: Lock) {
    touch();
    if lock.warning.get_untracked() {
        lock.warning.set(false);
    }
}

/// The app was used here now (a key, a pointer, "Keep Tandem open").
pub(super) fn used(lock: Lock) {
    let now = js_sys::Date::now();
    let (_, posted) = LAST_USE.with(Cell::get);
    LAST_USE.with(|c| c.set((now, posted)));
    if lock.warning.get_untracked() {
        lock.warning.set(false);
    }
    if lock.is_open_untracked() && now - posted > POST_EVERY_MS {
        LAST_USE.with(|c| c.set((now, now)));
        super::tabs::post_active(lock);
    }
}

fn check(lock: Lock) {
    if !lock.is_open_untracked() {
        return;
    }
    let idle_ms = f64::from(lock.settings.get_untracked().idle_minutes) * 60_000.0;
    let (last, _) = LAST_USE.with(Cell::get);
    let left_ms = idle_ms - (js_sys::Date::now() - last);
    if left_ms <= 0.0 {
        crate::state::actions::lock::lock_now(lock);
        return;
    }
    let warn = left_ms <= WARN_BEFORE_MS && !document().hidden();
    if lock.warning.get_untracked() != warn {
        lock.warning.set(warn);
    }
}

pub(super) fn watch(lock: Lock) {
    touch();
    let listeners = [
        window_event_listener(ev::keydown, move |_| used(lock)),
        window_event_listener(ev::pointerdown, move |_| used(lock)),
        window_event_listener(ev::wheel, move |_| used(lock)),
        window_event_listener(ev::visibilitychange, move |_| {
            if !document().hidden() {
                check(lock);
            }
        }),
    ];
    let interval = set_interval_with_handle(
        move || check(lock),
        std::time::Duration::from_millis(CHECK_EVERY_MS),
    )
    .ok();
    on_cleanup(move || {
        listeners.into_iter().for_each(|l| l.remove());
        if let Some(i) = interval {
            i.clear();
        }
    });
}
