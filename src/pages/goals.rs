//! The Goals page of a mentorship.

use leptos::prelude::*;

#[component]
pub fn Goals() -> impl IntoView {
    view! {
        <h1>"Goals"</h1>
        <p>"Coming soon."</p>
    }
}
