//! The "a new version is ready" prompt shown when a new deploy's service
//! worker is waiting. Reloading is the person's choice, so nothing they are
//! typing is ever lost to a forced refresh.

use leptos::prelude::*;

#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let available = RwSignal::new(false);
    // The registration is a browser object: keep it on this thread.
    let updater =
        StoredValue::new_local(crate::pwa::register_service_worker(move || available.set(true)));
    view! {
        <Show when=move || available.get()>
            <div class="banner banner-info" role="status">
                <p>"A new version of Tandem is available."</p>
                <button type="button" on:click=move |_| updater.with_value(|u| u.apply())>
                    "Reload to update"
                </button>
            </div>
        </Show>
    }
}
