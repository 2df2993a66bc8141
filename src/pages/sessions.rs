//! The Sessions page of a mentorship.

use leptos::prelude::*;

#[component]
pub fn Sessions() -> impl IntoView {
    view! {
        <h1>"Sessions"</h1>
        <p>"Coming soon."</p>
    }
}
