//! The installable, offline side of the app: where it is deployed, the service
//! worker's registration, and telling the person when a new version is waiting
//! or when this tab's version is no longer deployed.
//!
//! The worker itself is `public/sw.js`; `scripts/post-build.mjs` writes its
//! precache list and cache name at build time.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration};

/// The path the app is served under (`""` at the root, `"/app"` for
/// `trunk build --public-url /app/`), read from `<base href>`.
pub fn router_base() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| url.pathname())
        .unwrap_or_default();
    base.trim_end_matches('/').to_string()
}

/// Records a `performance.mark` (read by `make bench`); silently does nothing
/// where the Performance API is missing.
pub fn mark(name: &str) {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark(name);
    }
}

/// What a tab tells the person about a newer version of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewVersion {
    /// A new version is installed and waits until the person reloads.
    Waiting,
    /// A newer version has taken over (the person reloaded another tab):
    /// this tab still runs the old one and must be reloaded.
    TookOver,
}

/// A handle on the registered worker, used to apply a waiting update.
#[derive(Clone, Default)]
pub struct Updater {
    registration: Rc<RefCell<Option<ServiceWorkerRegistration>>>,
    /// This tab asked the waiting worker to take over: the controller change
    /// that follows reloads it.
    asked: Rc<Cell<bool>>,
}

impl Updater {
    /// Asks the waiting worker to take over; the page reloads when it has.
    /// When nothing waits any more (another tab already applied the update),
    /// the new version is in charge and a reload is all it takes.
    pub fn apply(&self) {
        let waiting = self.registration.borrow().as_ref().and_then(|r| r.waiting());
        match waiting {
            Some(worker) => {
                self.asked.set(true);
                let _ = worker.post_message(&JsValue::from_str("skip-waiting"));
            }
            None => reload(),
        }
    }
}

/// The window event the chunks' loader sends when a page's code is gone from
/// the server (`scripts/chunk-load.js`): this tab runs a version of Tandem
/// that is no longer deployed, and only a reload opens that page.
const CODE_GONE: &str = "tandem:code-gone";

/// Calls `then` each time a page's code turns out to be gone from the server,
/// for as long as the calling owner lives.
pub fn on_code_gone(then: impl Fn() + 'static) {
    let listening = leptos::prelude::window_event_listener_untyped(CODE_GONE, move |_| then());
    leptos::prelude::on_cleanup(move || listening.remove());
}

/// Before the app has started (a returning visit waits for the code that
/// reads stored values): when that code is gone from the server, the loading
/// line says so, instead of "Opening Tandem…" for ever.
pub fn boot_says_when_code_is_gone() {
    let Some(window) = web_sys::window() else { return };
    let gone = Closure::<dyn FnMut()>::new(|| {
        let line = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(".boot-loading").ok().flatten());
        if let Some(line) = line {
            line.set_text_content(Some(
                "Tandem has been updated since this page was opened: reload the page to open it.",
            ));
        }
    });
    let _ = window.add_event_listener_with_callback(CODE_GONE, gone.as_ref().unchecked_ref());
    gone.forget();
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // `navigator.serviceWorker` is missing outside secure contexts.
    let has_sw =
        js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    has_sw.then(|| navigator.service_worker())
}

/// Registers `sw.js` and calls `on_update` whenever a new version is installed
/// and waiting while an older one controls the page, or has taken over while
/// this tab still runs the older one.
pub fn register_service_worker(on_update: impl Fn(NewVersion) + 'static) -> Updater {
    let updater = Updater::default();
    let Some(container) = container() else {
        return updater;
    };
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_else(|| "/".into());
    let Ok(script) = web_sys::Url::new_with_base("sw.js", &base) else {
        return updater;
    };

    let on_update: Rc<dyn Fn(NewVersion)> = Rc::new(on_update);
    follow_controller(&container, updater.asked.clone(), on_update.clone());
    let slot = updater.registration.clone();
    wasm_bindgen_futures::spawn_local(async move {
        // After the first paint, as is the practice: a first visit's worker
        // downloads the whole app to keep it offline, and the page comes first.
        crate::browser::after_next_paint().await;
        let promise = container.register(&script.href());
        let Ok(registration) = wasm_bindgen_futures::JsFuture::from(promise).await else {
            return;
        };
        let registration: ServiceWorkerRegistration = registration.unchecked_into();
        *slot.borrow_mut() = Some(registration.clone());
        watch_for_updates(&registration, on_update);
    });
    updater
}

fn is_controlled() -> bool {
    container().and_then(|c| c.controller()).is_some()
}

/// Watches which worker controls this tab. The first one to take an
/// uncontrolled page (a first visit) serves the version the page was loaded
/// with; any later change means a newer version took over: this tab reloads if
/// it asked for that, and otherwise says it must.
fn follow_controller(
    container: &ServiceWorkerContainer,
    asked: Rc<Cell<bool>>,
    on_update: Rc<dyn Fn(NewVersion)>,
) {
    let controlled = Cell::new(container.controller().is_some());
    let changed = Closure::<dyn FnMut()>::new(move || {
        if asked.get() {
            reload();
        } else if controlled.replace(true) {
            on_update(NewVersion::TookOver);
        }
    });
    let _ = container
        .add_event_listener_with_callback("controllerchange", changed.as_ref().unchecked_ref());
    changed.forget();
}

fn watch_for_updates(registration: &ServiceWorkerRegistration, on_update: Rc<dyn Fn(NewVersion)>) {
    if registration.waiting().is_some() && is_controlled() {
        on_update(NewVersion::Waiting);
    }
    // An update may have been found before this tab was listening.
    if let Some(installing) = registration.installing() {
        watch_installing(&installing, on_update.clone());
    }
    let reg = registration.clone();
    let found = Closure::<dyn FnMut()>::new(move || {
        if let Some(installing) = reg.installing() {
            watch_installing(&installing, on_update.clone());
        }
    });
    registration.set_onupdatefound(Some(found.as_ref().unchecked_ref()));
    found.forget();

    // Look for a new deploy whenever the person comes back to the tab.
    let reg = registration.clone();
    let visible = Closure::<dyn FnMut()>::new(move || {
        let hidden =
            web_sys::window().and_then(|w| w.document()).map(|d| d.hidden()).unwrap_or(true);
        if !hidden {
            let _ = reg.update();
        }
    });
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        let _ = document
            .add_event_listener_with_callback("visibilitychange", visible.as_ref().unchecked_ref());
    }
    visible.forget();
}

/// Tells the person once `worker` is installed, if an older version controls
/// this tab (on a first visit there is nothing to update).
fn watch_installing(worker: &ServiceWorker, on_update: Rc<dyn Fn(NewVersion)>) {
    let watched = worker.clone();
    let changed = Closure::<dyn FnMut()>::new(move || {
        if watched.state() == web_sys::ServiceWorkerState::Installed && is_controlled() {
            on_update(NewVersion::Waiting);
        }
    });
    worker.set_onstatechange(Some(changed.as_ref().unchecked_ref()));
    changed.forget();
}
