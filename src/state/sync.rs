//! Keeping the store in step with the world outside this tab: changes other
//! tabs write (the `storage` event) and the page being hidden or closed, when
//! pending edits are saved at once.

use leptos::ev;
use leptos::prelude::*;

use super::Store;

pub(super) fn listen(store: Store) {
    let on_storage = window_event_listener(ev::storage, move |e: web_sys::StorageEvent| {
        // `key` is null when another tab called `localStorage.clear()`.
        match e.key() {
            Some(key) => store.apply_external(&key, e.new_value().as_deref()),
            None => store.reload(
                "Storage was cleared in another tab, so this tab now shows what is stored.",
            ),
        }
    });
    let on_hide = window_event_listener(ev::pagehide, move |_| store.flush());
    let on_visibility = window_event_listener(ev::visibilitychange, move |_| {
        let hidden = document().hidden();
        if hidden {
            store.flush();
        }
    });
    on_cleanup(move || {
        on_storage.remove();
        on_hide.remove();
        on_visibility.remove();
    });
}
