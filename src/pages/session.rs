//! The Session page of a mentorship.

use leptos::prelude::*;

#[component]
pub fn SessionPage() -> impl IntoView {
    view! {
        <h1>"Session"</h1>
        <p>"Coming soon."</p>
    }
}
