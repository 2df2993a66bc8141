//! The data & privacy page: what is stored where, backups, deleting everything.

use leptos::prelude::*;

#[component]
pub fn DataPage() -> impl IntoView {
    view! {
        <h1>"Data & privacy"</h1>
        <p>"Everything Tandem knows stays in this browser, on this device."</p>
    }
}
