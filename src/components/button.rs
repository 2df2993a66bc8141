//! A button that acts on the page (it never submits a form): the app's
//! main action style, or the quieter `secondary` one.

use leptos::prelude::*;

#[component]
pub fn Button(
    #[prop(into)] on_click: Callback<()>,
    #[prop(optional)] secondary: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <button type="button" class:secondary=secondary on:click=move |_| on_click.run(())>
            {children()}
        </button>
    }
}
