//! The Mentoring agreement page of a mentorship.

use leptos::prelude::*;

#[component]
pub fn AgreementPage() -> impl IntoView {
    view! {
        <h1>"Mentoring agreement"</h1>
        <p>"Coming soon."</p>
    }
}
