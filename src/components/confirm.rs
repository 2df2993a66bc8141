//! An inline confirmation for destructive actions: says exactly what will be
//! lost, and takes keyboard focus so it cannot be missed.

use leptos::html;
use leptos::prelude::*;

#[component]
pub fn Confirm(
    /// What will happen, in full.
    #[prop(into)]
    message: Signal<String>,
    #[prop(into)] confirm_label: String,
    on_confirm: impl Fn() + 'static,
    on_cancel: impl Fn() + 'static,
) -> impl IntoView {
    let first = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = first.get() {
            let _ = button.focus();
        }
    });
    view! {
        <div
            class="confirm banner banner-warn"
            role="alertdialog"
            aria-labelledby="confirm-message"
        >
            <p id="confirm-message">{message}</p>
            <div class="actions-row">
                <button
                    type="button"
                    class="secondary"
                    node_ref=first
                    on:click=move |_| on_cancel()
                >
                    "Cancel"
                </button>
                <button type="button" class="danger" on:click=move |_| on_confirm()>
                    {confirm_label}
                </button>
            </div>
        </div>
    }
}
