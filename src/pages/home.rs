//! The home dashboard: every mentorship and what is next for each.

use leptos::prelude::*;

#[component]
pub fn Home() -> impl IntoView {
    view! {
        <h1>"Your mentorships"</h1>
        <p>"Start a mentorship to begin."</p>
    }
}
