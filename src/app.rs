//! The router and the page layout: header, skip link, navigation, `<main>`.

use crate::components::when::When;
use std::any::Any;
use std::cell::RefCell;

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes, A};
use leptos_router::hooks::use_location;
use leptos_router::{ParamSegment, StaticSegment};

use crate::components::save_indicator::SaveIndicator;
use crate::components::storage_banners::StorageBanners;
use crate::components::update_prompt::UpdatePrompt;
use crate::pages;
use crate::pages::lock::LockScreen;
use crate::paths::{self, param, segment};
use crate::state::{use_lock, Lock, Store};

/// What is mounted now (the lock screen or the app), and the owner of all
/// it runs: cleaning that up removes its listeners (the router's among
/// them) and disposes of everything it held, whoever still refers to it.
type Shown = (Owner, Box<dyn Any>);

thread_local! {
    static SHOWN: RefCell<Option<Shown>> = RefCell::new(None);
}

/// Mounts the app on `<body>` and records when the first render finished
/// (`performance.mark("tandem:rendered")`, read by `make bench`).
pub fn mount() {
    let lock = Lock::start(show);
    show(lock);
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
                <LockNow />
            </header>
            <UpdatePrompt />
            <StorageBanners />
        </When>
    }
}

/// "Lock now", when a passphrase is set.
#[component]
fn LockNow() -> impl IntoView {
    let lock = use_lock();
    view! {
        <When when=move || lock.is_open()>
            <button
                type="button"
                class="secondary lock-now"
                on:click=move |_| crate::state::actions::lock::lock_now(lock)
            >
                "Lock now"
            </button>
        </When>
    }
}

/// Shows the lock screen while Tandem is locked, else the app itself,
/// opened anew on the storage the lock gives (plain, or the decrypted
/// vault). Two roots mounted in turn, rather than one view switching
/// between them: the app's whole tree need not be able to rebuild itself.
fn show(lock: Lock) {
    if let Some((owner, mounted)) = SHOWN.with(|s| s.borrow_mut().take()) {
        drop(mounted);
        owner.cleanup();
    }
    let Some(body) = document().body() else { return };
    let owner = Owner::new();
    let mounted = owner.with(|| -> Box<dyn Any> {
        if lock.is_locked_untracked() {
            Box::new(leptos::mount::mount_to(body, move || {
                provide_context(lock);
                view! { <LockScreen /> }
            }))
        } else {
            Box::new(leptos::mount::mount_to(body, move || {
                provide_context(lock);
                view! { <App /> }
            }))
        }
    });
    SHOWN.with(|s| *s.borrow_mut() = Some((owner, mounted)));
}

/// The app, open: layout around the routes.
#[component]
fn App() -> impl IntoView {
    Store::provide(use_lock());
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
