//! The installable, offline side of the app: where it is deployed, the service
//! worker's registration, and telling the person when a new version is waiting.
//!
//! The worker itself is `public/sw.js`; `scripts/post-build.mjs` writes its
//! precache list and cache name at build time.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration};

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

/// A handle on the registered worker, used to apply a waiting update.
#[derive(Clone, Default)]
pub struct Updater {
    registration: Rc<RefCell<Option<ServiceWorkerRegistration>>>,
}

impl Updater {
    /// Asks the waiting worker to take over; the page reloads when it has.
    pub fn apply(&self) {
        let Some(container) = container() else { return };
        let reload = Closure::<dyn FnMut()>::new(|| {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        });
        container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
        reload.forget();
        if let Some(waiting) = self.registration.borrow().as_ref().and_then(|r| r.waiting()) {
            let _ = waiting.post_message(&JsValue::from_str("skip-waiting"));
        }
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
/// and waiting while an older one controls the page.
pub fn register_service_worker(on_update: impl Fn() + 'static) -> Updater {
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

    let on_update: Rc<dyn Fn()> = Rc::new(on_update);
    let slot = updater.registration.clone();
    let promise = container.register(&script.href());
    wasm_bindgen_futures::spawn_local(async move {
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

fn watch_for_updates(registration: &ServiceWorkerRegistration, on_update: Rc<dyn Fn()>) {
    if registration.waiting().is_some() && is_controlled() {
        on_update();
    }
    let reg = registration.clone();
    let found = Closure::<dyn FnMut()>::new(move || {
        let Some(installing) = reg.installing() else {
            return;
        };
        let worker = installing.clone();
        let on_update = on_update.clone();
        let changed = Closure::<dyn FnMut()>::new(move || {
            if worker.state() == web_sys::ServiceWorkerState::Installed && is_controlled() {
                on_update();
            }
        });
        installing.set_onstatechange(Some(changed.as_ref().unchecked_ref()));
        changed.forget();
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
