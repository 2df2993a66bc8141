//! "Opening the page…" while a page's code is still on its way: each page
//! but Home is loaded the first time it opens (a lazy route, `src/app.rs`),
//! and on a slow or dropped connection that can take a while. The page
//! before it stays on screen until then; this says why nothing changed yet.
//! A first visit straight to such a page has no page before: `<main>` is
//! empty until it comes, and the line says so too.

use leptos::prelude::*;
use std::time::Duration;

use crate::components::dynamic::dynamic_text;

/// How long a page may take before the person is told it is coming (most
/// open within it: no flash for them).
const SAY_AFTER: Duration = Duration::from_millis(600);
/// How long before the message adds that the network is the hold-up.
const SLOW_AFTER: Duration = Duration::from_secs(5);

/// What the message says: nothing, the page is coming, or it is slow.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wait {
    None,
    Opening,
    Slow,
}

/// A status line, fixed at the foot of the screen (nothing moves when it
/// shows), for the navigation under way while `routing` is true, and for
/// the first page until it has `opened`.
#[component]
pub fn PageLoading(routing: ReadSignal<bool>, opened: RwSignal<bool>) -> impl IntoView {
    let wait = RwSignal::new(Wait::None);
    // The page's code is gone from the server: waiting will not bring it
    // (the update banner offers the reload).
    let gone = RwSignal::new(false);
    crate::pwa::on_code_gone(move || gone.set(true));
    // Each navigation gets a number: a timer from an earlier one that ended
    // changes nothing.
    let navigation = StoredValue::new(0u32);
    Effect::new(move |_| {
        let n = navigation.get_value().wrapping_add(1);
        navigation.set_value(n);
        // Whatever was gone before concerned another page's code.
        gone.set(false);
        if !routing.get() && opened.get() {
            wait.set(Wait::None);
            return;
        }
        for (after, next) in [(SAY_AFTER, Wait::Opening), (SLOW_AFTER, Wait::Slow)] {
            set_timeout(
                move || {
                    if navigation.get_value() == n {
                        wait.set(next);
                    }
                },
                after,
            );
        }
    });
    let text = move || {
        match (wait.get(), gone.get()) {
        (Wait::None, _) => "",
        (_, true) => {
            "This page cannot open in this tab: Tandem has been updated since the tab was opened. Reload to open it."
        }
        (Wait::Opening, false) => "Opening the page…",
        (Wait::Slow, false) => {
            "Opening the page… still waiting for the network: it opens once the connection is back."
        }
    }
    };
    view! {
        <p class="page-loading" role="status" class:shown=move || wait.get() != Wait::None>
            {dynamic_text(text)}
        </p>
    }
}
