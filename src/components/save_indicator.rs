//! "Saving… / All changes saved / Not saved" in the header, so a person
//! always knows whether their last edit is safe.

use crate::components::dynamic::dynamic_text;
use leptos::prelude::*;

use crate::state::use_store;

#[component]
pub fn SaveIndicator() -> impl IntoView {
    let status = use_store().status();
    let state = move || {
        status.with(|s| {
            if s.save_error.is_some() {
                ("error", "Not saved")
            } else if s.pending > 0 {
                ("saving", "Saving…")
            } else if s.last_saved.is_some() {
                ("saved", "All changes saved")
            } else {
                ("idle", "")
            }
        })
    };
    view! {
        <p class="save-indicator" role="status" data-save-state=move || state().0>
            {dynamic_text(move || state().1)}
        </p>
    }
}
