//! The router and the page layout: header, skip link, navigation, `<main>`.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes, A};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::components::save_indicator::SaveIndicator;
use crate::components::storage_banners::StorageBanners;
use crate::components::update_prompt::UpdatePrompt;
use crate::state::Store;
use crate::{pages, paths};

/// Mounts the app on `<body>` and records when the first render finished
/// (`performance.mark("tandem:rendered")`, read by `make bench`).
pub fn mount() {
    leptos::mount::mount_to_body(App);
    crate::pwa::mark("tandem:rendered");
}

/// The header, navigation and app-wide banners; left out of print views.
#[component]
fn Chrome() -> impl IntoView {
    let location = use_location();
    let printing = move || paths::is_print(&location.pathname.get());
    view! {
        <Show when=move || !printing()>
            <a class="skip-link" href="#main">
                "Skip to content"
            </a>
            <header class="app-header">
                <A href="/" attr:class="brand">
                    <span class="brand-mark" aria-hidden="true"></span>
                    "Tandem"
                </A>
                <nav aria-label="Main">
                    <ul>
                        <li>
                            <A href="/" exact=true>
                                "Home"
                            </A>
                        </li>
                        <li>
                            <A href="/data">"Data & privacy"</A>
                        </li>
                    </ul>
                </nav>
                <SaveIndicator />
            </header>
            <UpdatePrompt />
            <StorageBanners />
        </Show>
    }
}

/// The whole app: layout around the routes.
#[component]
pub fn App() -> impl IntoView {
    Store::provide();
    view! {
        <Router base=crate::pwa::router_base()>
            <Chrome />
            <main id="main" tabindex="-1">
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::home::Home />
                    <Route path=path!("/data") view=pages::data::DataPage />
                    <Route
                        path=path!("/print/agreement/:id")
                        view=pages::agreement::AgreementPrint
                    />
                    <Route path=path!("/print/summary/:id") view=pages::review::SummaryPrint />
                    <ParentRoute path=path!("/m/:id") view=pages::mentorship::MentorshipLayout>
                        <Route path=path!("") view=pages::mentorship::Overview />
                        <Route path=path!("conversation") view=pages::conversation::Conversation />
                        <Route path=path!("agreement") view=pages::agreement::AgreementPage />
                        <Route path=path!("goals") view=pages::goals::Goals />
                        <Route path=path!("actions") view=pages::actions::Actions />
                        <Route path=path!("sessions") view=pages::sessions::Sessions />
                        <Route path=path!("sessions/:sid") view=pages::session::SessionPage />
                        <Route path=path!("review") view=pages::review::Review />
                    </ParentRoute>
                </Routes>
            </main>
        </Router>
    }
}
