//! A mentorship's layout (its section navigation) and its overview page.

use leptos::prelude::*;
use leptos_router::components::{Outlet, A};
use leptos_router::hooks::use_params_map;

use crate::paths;

#[component]
pub fn MentorshipLayout() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    view! {
        <nav aria-label="Mentorship" class="section-nav">
            <ul>
                <li><A href=move || paths::mentorship(&id()) exact=true>"Overview"</A></li>
                <li><A href=move || paths::conversation(&id())>"Expectations"</A></li>
                <li><A href=move || paths::agreement(&id())>"Agreement"</A></li>
                <li><A href=move || paths::goals(&id())>"Goals"</A></li>
                <li><A href=move || paths::actions(&id())>"Action items"</A></li>
                <li><A href=move || paths::sessions(&id())>"Sessions"</A></li>
                <li><A href=move || paths::review(&id())>"Review"</A></li>
            </ul>
        </nav>
        <Outlet/>
    }
}

#[component]
pub fn Overview() -> impl IntoView {
    view! {
        <h1>"Mentorship"</h1>
        <p>"Coming soon."</p>
    }
}
