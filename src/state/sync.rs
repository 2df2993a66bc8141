//! Keeping the store in step with the world outside this tab: changes other
//! tabs write (the `storage` event) and the page being hidden or closed, when
//! pending edits are saved at once.
//!
//! When a passphrase is set, what another tab wrote is opened first (which
//! takes a moment), so changes are taken one at a time, in the order they
//! came.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use leptos::ev;
use leptos::prelude::*;

use super::Store;

/// What other tabs stored, waiting to be opened: each key and its value.
type Arrivals = Rc<RefCell<VecDeque<(String, Option<String>)>>>;

pub(super) fn listen(store: Store) {
    let queue: Arrivals = Rc::default();
    let on_storage = window_event_listener(ev::storage, move |e: web_sys::StorageEvent| {
        // `key` is null when another tab called `localStorage.clear()`.
        let Some(key) = e.key() else {
            // With a passphrase, the lock starts the page again.
            if store.sealed().is_none() {
                store.reload(
                    "Storage was cleared in another tab, so this tab now shows what is stored.",
                );
            }
            return;
        };
        let Some(sealed) = store.sealed() else {
            store.apply_external(&key, e.new_value().as_deref());
            return;
        };
        let busy = !queue.borrow().is_empty();
        queue.borrow_mut().push_back((key, e.new_value()));
        if busy {
            return;
        }
        let queue = queue.clone();
        leptos::task::spawn_local(async move {
            loop {
                let Some((key, stored)) = queue.borrow().front().cloned() else { break };
                let value = sealed.take_external(&key, stored).await;
                store.apply_external(&key, value.as_deref());
                queue.borrow_mut().pop_front();
            }
        });
    });
    let on_hide = window_event_listener(ev::pagehide, move |_| store.flush());
    let on_visibility = window_event_listener(ev::visibilitychange, move |_| {
        let hidden = document().hidden();
        if hidden {
            store.flush();
        }
    });
    // With a passphrase, a change is sealed a moment after it is saved, and
    // a closing page does not wait for that: the browser asks first.
    let on_leave = window_event_listener_untyped("beforeunload", move |ev: web_sys::Event| {
        let Some(sealed) = store.sealed() else { return };
        store.flush();
        if sealed.waiting() > 0 {
            ev.prevent_default();
        }
    });
    on_cleanup(move || {
        on_storage.remove();
        on_hide.remove();
        on_visibility.remove();
        on_leave.remove();
    });
}
