//! The Action items page of a mentorship.

use leptos::prelude::*;

#[component]
pub fn Actions() -> impl IntoView {
    view! {
        <h1>"Action items"</h1>
        <p>"Coming soon."</p>
    }
}
