//! The page for a path that matches no route.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::page::page_title;

#[component]
pub fn NotFound() -> impl IntoView {
    page_title(|| "Page not found".into());
    view! {
        <h1>"Page not found"</h1>
        <p>"There is nothing at this address. " <A href="/">"Go to your mentorships"</A> "."</p>
    }
}
