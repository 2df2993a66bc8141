//! The router and the page layout: header, skip link, navigation, `<main>`.
//! Every page but Home is a lazy route: its code comes when it first opens,
//! and "Opening the page…" shows if that takes a while.

use crate::components::when::When;
use std::any::Any;
use std::cell::RefCell;

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes, A};
use leptos_router::hooks::use_location;
#[cfg(feature = "split")]
use leptos_router::{lazy_route, Lazy, LazyRoute};
use leptos_router::{ParamSegment, StaticSegment};

use crate::components::page::PageOpened;
use crate::components::page_loading::PageLoading;
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
    // The code that reads stored values, and the home page's cards, are
    // chunks of their own: with something stored, the app starts once they
    // are here (the service worker has them); on a first visit the app
    // starts at once, and they come after its first paint.
    // (Leptos's executor starts with the first mount: before it, futures go
    // to wasm-bindgen's.)
    if crate::storage::doc_code::needed_at_start() {
        crate::pwa::boot_says_when_code_is_gone();
        // Both fetched at once; the second wait is on the same fetch.
        wasm_bindgen_futures::spawn_local(async {
            crate::components::dashboard_card::load().await;
        });
        wasm_bindgen_futures::spawn_local(async {
            crate::storage::doc_code::wait().await;
            crate::components::dashboard_card::load().await;
            start();
        });
    } else {
        start();
        wasm_bindgen_futures::spawn_local(async {
            crate::browser::after_next_paint().await;
            crate::storage::doc_code::wait().await;
            crate::components::dashboard_card::load().await;
        });
    }
}

/// Starts the app: the lock screen or the app itself.
fn start() {
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
            // The router would read `#main` against `<base href>` and open
            // Home: the focus moves here, the page stays (the link's own
            // listener runs before the router's, on the window).
            <a
                class="skip-link"
                href="#main"
                on:click=|ev| {
                    ev.prevent_default();
                    crate::browser::focus("main");
                }
            >
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
            <IdleWarning />
            <UpdatePrompt />
            <StorageBanners />
        </When>
    }
}

/// Half a minute before the idle time locks Tandem: what is about to
/// happen, and a button to stay (any key or click does too).
#[component]
fn IdleWarning() -> impl IntoView {
    let lock = use_lock();
    view! {
        <When when=move || lock.locks_soon()>
            <div class="banners">
                <div class="banner banner-warn" role="alert" data-idle-warning>
                    <p>
                        "Tandem locks in half a minute: it has not been used for a while. Text typed into a form and not saved yet is lost when it locks."
                    </p>
                    <button type="button" class="secondary" on:click=move |_| lock.keep_open()>
                        "Keep Tandem open"
                    </button>
                </div>
            </div>
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
        // The app shown anew (unlocked here or in another tab): its page
        // takes the focus to its heading, as after any new page.
        if !lock.is_locked_untracked() {
            crate::components::page::focus_the_next_heading();
        }
    }
    let Some(body) = document().body() else { return };
    let owner = Owner::new();
    let mounted = owner.with(|| -> Box<dyn Any> {
        if lock.is_locked_untracked() {
            Box::new(leptos::mount::mount_to(body, move || {
                provide_context(lock);
                lock_screen()
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

/// The lock screen. Its code, and the unlocking's, comes when it is first
/// shown (most people never set a passphrase): a lazy function, like a
/// lazy route, with an empty screen for the moment it takes.
#[cfg(feature = "split")]
fn lock_screen() -> impl IntoView {
    #[leptos::lazy]
    fn lock_screen_view() -> AnyView {
        view! { <LockScreen /> }.into_any()
    }
    Suspend::new(lock_screen_view())
}

#[cfg(not(feature = "split"))]
fn lock_screen() -> impl IntoView {
    view! { <LockScreen /> }
}

/// A page whose code is loaded the first time it opens: a lazy route, cut
/// into chunks of its own by the build (`scripts/split.mjs`). Home, the
/// first page of nearly every visit, and the layout stay in the main module;
/// so does whatever a chunk shares with them. Without the `split` feature
/// (the wasm tests, which nothing cuts) the page is an ordinary route.
macro_rules! lazy_page {
    ($route:ident, $page:path) => {
        struct $route;

        #[cfg(feature = "split")]
        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                $page().into_any()
            }
        }

        impl $route {
            /// The route's view (a plain call: `view!` and leptosfmt read
            /// no turbofish in an attribute).
            #[cfg(feature = "split")]
            fn lazy() -> Lazy<Self> {
                Lazy::new()
            }

            #[cfg(not(feature = "split"))]
            fn lazy() -> impl Fn() -> AnyView + Clone + Send + 'static {
                || $page().into_any()
            }
        }
    };
}

lazy_page!(DataRoute, pages::data::DataPage);
lazy_page!(ReceiveRoute, pages::receive::ReceivePage);
lazy_page!(AgreementPrintRoute, pages::agreement::AgreementPrint);
lazy_page!(SummaryPrintRoute, pages::review::SummaryPrint);
lazy_page!(OverviewRoute, pages::mentorship::Overview);
lazy_page!(ConversationRoute, pages::conversation::Conversation);
lazy_page!(AgreementRoute, pages::agreement::AgreementPage);
lazy_page!(GoalsRoute, pages::goals::Goals);
lazy_page!(ActionsRoute, pages::actions::Actions);
lazy_page!(SessionsRoute, pages::sessions::Sessions);
lazy_page!(SessionRoute, pages::session::SessionPage);
lazy_page!(ReviewRoute, pages::review::Review);
lazy_page!(ExchangeRoute, pages::exchange::Exchange);

/// The app, open: layout around the routes.
#[component]
fn App() -> impl IntoView {
    Store::provide(use_lock());
    crate::components::focus::keep_focus_on_the_page();
    let (routing, set_routing) = signal(false);
    let opened = RwSignal::new(false);
    provide_context(PageOpened(opened));
    view! {
        <Router base=crate::pwa::router_base() set_is_routing=set_routing>
            <Chrome />
            <PageLoading routing opened />
            <main id="main" tabindex="-1">
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=() view=pages::home::Home />
                    <Route path=(StaticSegment(segment::DATA),) view=DataRoute::lazy() />
                    <Route path=(StaticSegment(segment::RECEIVE),) view=ReceiveRoute::lazy() />
                    <Route
                        path=(
                            StaticSegment(segment::PRINT),
                            StaticSegment(segment::AGREEMENT),
                            ParamSegment(param::ID),
                        )
                        view=AgreementPrintRoute::lazy()
                    />
                    <Route
                        path=(
                            StaticSegment(segment::PRINT),
                            StaticSegment(segment::SUMMARY),
                            ParamSegment(param::ID),
                        )
                        view=SummaryPrintRoute::lazy()
                    />
                    <ParentRoute
                        path=(StaticSegment(segment::MENTORSHIP), ParamSegment(param::ID))
                        view=pages::mentorship::MentorshipLayout
                    >
                        <Route path=() view=OverviewRoute::lazy() />
                        <Route
                            path=(StaticSegment(segment::CONVERSATION),)
                            view=ConversationRoute::lazy()
                        />
                        <Route
                            path=(StaticSegment(segment::AGREEMENT),)
                            view=AgreementRoute::lazy()
                        />
                        <Route path=(StaticSegment(segment::GOALS),) view=GoalsRoute::lazy() />
                        <Route path=(StaticSegment(segment::ACTIONS),) view=ActionsRoute::lazy() />
                        <Route
                            path=(StaticSegment(segment::SESSIONS),)
                            view=SessionsRoute::lazy()
                        />
                        <Route
                            path=(StaticSegment(segment::SESSIONS), ParamSegment(param::SESSION))
                            view=SessionRoute::lazy()
                        />
                        <Route path=(StaticSegment(segment::REVIEW),) view=ReviewRoute::lazy() />
                        <Route
                            path=(StaticSegment(segment::EXCHANGE),)
                            view=ExchangeRoute::lazy()
                        />
                    </ParentRoute>
                </Routes>
            </main>
        </Router>
    }
}
