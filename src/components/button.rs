//! A button that acts on the page (it never submits a form): the app's
//! main action style, or the quieter `secondary` one.

use leptos::prelude::*;

#[component]
pub fn Button(
    #[prop(into)] on_click: Callback<()>,
    #[prop(optional)] secondary: bool,
    /// Its name for a screen reader, when the visible label alone is not
    /// unique on the page ("Edit “Lead a project”").
    #[prop(optional, into)]
    accessible_label: Option<Signal<String>>,
    children: Children,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class:secondary=secondary
            aria-label=move || accessible_label.map(|l| l.get())
            on:click=move |_| on_click.run(())
        >
            {children()}
        </button>
    }
}
