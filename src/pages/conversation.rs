//! The Expectations conversation page of a mentorship.

use leptos::prelude::*;

#[component]
pub fn Conversation() -> impl IntoView {
    view! {
        <h1>"Expectations conversation"</h1>
        <p>"Coming soon."</p>
    }
}
