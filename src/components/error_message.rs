//! How an action's failure is shown, everywhere the same way: in words, next
//! to what was tried, announced to screen readers.

use leptos::prelude::*;

use crate::state::ActionError;

#[component]
pub fn ErrorMessage(#[prop(into)] error: Signal<Option<ActionError>>) -> impl IntoView {
    move || {
        error.get().map(|e| {
            view! {
                <p class="field-error" role="alert" data-error>
                    {e.to_string()}
                </p>
            }
        })
    }
}
