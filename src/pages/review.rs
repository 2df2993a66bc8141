//! The Check-ins and conclusion page of a mentorship.

use leptos::prelude::*;

#[component]
pub fn Review() -> impl IntoView {
    view! {
        <h1>"Check-ins and conclusion"</h1>
        <p>"Coming soon."</p>
    }
}
