//! The router and the page layout: header, skip link, navigation, `<main>`.

use crate::components::when::When;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes, A};
use leptos_router::hooks::use_location;
use leptos_router::{ParamSegment, StaticSegment};

use crate::components::save_indicator::SaveIndicator;
use crate::components::storage_banners::StorageBanners;
use crate::components::update_prompt::UpdatePrompt;
use crate::pages;
use crate::paths::{self, param, segment};
use crate::state::Store;

/// Mounts the app on `<body>` and records when the first render finished
/// (`performance.mark("tandem:rendered")`, read by `make bench`).
pub fn mount() {
    leptos::mount::mount_to_body(App);
    // index.html's first paint (its copy of the header and a loading line)
    // goes in the same task, so the browser never paints both.
    if let Some(boot) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    crate::pwa::mark("tandem:rendered");
}

/// The header, navigation and app-wide banners; left out of print views.
#[component]
fn Chrome() -> impl IntoView {
    let location = use_location();
    let printing = move || paths::is_print(&location.pathname.get());
    view! {
        <When when=move || !printing()>
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
                            <A href=paths::DATA_PAGE>"Data & privacy"</A>
                        </li>
                    </ul>
                </nav>
                <SaveIndicator />
            </header>
            <UpdatePrompt />
            <StorageBanners />
        </When>
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
                    <Route path=() view=pages::home::Home />
                    <Route path=(StaticSegment(segment::DATA),) view=pages::data::DataPage />
                    <Route
                        path=(StaticSegment(segment::RECEIVE),)
                        view=pages::receive::ReceivePage
                    />
                    <Route
                        path=(
                            StaticSegment(segment::PRINT),
                            StaticSegment(segment::AGREEMENT),
                            ParamSegment(param::ID),
                        )
                        view=pages::agreement::AgreementPrint
                    />
                    <Route
                        path=(
                            StaticSegment(segment::PRINT),
                            StaticSegment(segment::SUMMARY),
                            ParamSegment(param::ID),
                        )
                        view=pages::review::SummaryPrint
                    />
                    <ParentRoute
                        path=(StaticSegment(segment::MENTORSHIP), ParamSegment(param::ID))
                        view=pages::mentorship::MentorshipLayout
                    >
                        <Route path=() view=pages::mentorship::Overview />
                        <Route
                            path=(StaticSegment(segment::CONVERSATION),)
                            view=pages::conversation::Conversation
                        />
                        <Route
                            path=(StaticSegment(segment::AGREEMENT),)
                            view=pages::agreement::AgreementPage
                        />
                        <Route path=(StaticSegment(segment::GOALS),) view=pages::goals::Goals />
                        <Route
                            path=(StaticSegment(segment::ACTIONS),)
                            view=pages::actions::Actions
                        />
                        <Route
                            path=(StaticSegment(segment::SESSIONS),)
                            view=pages::sessions::Sessions
                        />
                        <Route
                            path=(StaticSegment(segment::SESSIONS), ParamSegment(param::SESSION))
                            view=pages::session::SessionPage
                        />
                        <Route path=(StaticSegment(segment::REVIEW),) view=pages::review::Review />
                        <Route
                            path=(StaticSegment(segment::EXCHANGE),)
                            view=pages::exchange::Exchange
                        />
                    </ParentRoute>
                </Routes>
            </main>
        </Router>
    }
}
