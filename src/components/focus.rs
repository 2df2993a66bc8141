//! Where keyboard focus goes when the control that had it leaves the page.
//! Left alone, the browser drops it on `<body>`: a keyboard user's next Tab
//! starts from the top, and a screen reader says nothing.
//!
//! - A form that closes (saved or cancelled) gives focus back to the control
//!   that opened it, found again by its accessible name: "Add a goal", "Edit
//!   goal: Speak up" are drawn anew when the form goes
//!   ([`return_focus_on_close`]).
//! - Anything else that goes with the focus gives it to the nearest control
//!   still there in the same list item, card or section ("Mark achieved"
//!   becomes "Make active again"), else to the page's heading without
//!   scrolling (a deleted goal, a preview once restored)
//!   ([`keep_focus_on_the_page`]).
//!
//! Only focus lost *with* its element counts: once the person moves it
//! elsewhere (or clicks where nothing takes it), nothing is remembered.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, MutationObserver, MutationObserverInit};

thread_local! {
    /// The element that has the focus, or had it when it left the page;
    /// `None` once the focus moved away from it on purpose.
    static LAST_FOCUSED: RefCell<Option<Element>> = const { RefCell::new(None) };
    /// The list item, card or section around it, when it took the focus.
    static AROUND: RefCell<Option<Element>> = const { RefCell::new(None) };
}

/// What holds a control together with its neighbours.
const AROUND_SELECTOR: &str = "li, .card, section";
/// What can take the focus in it.
const CONTROLS: &str = "button, a[href], summary, input, select, textarea";

/// Watches, for as long as the page lives, for the focus to be lost with
/// the element that had it; it then goes to the page's `<h1>`. Only the
/// first call does anything (the app is mounted anew after the lock screen).
pub fn keep_focus_on_the_page() {
    static STARTED: AtomicBool = AtomicBool::new(false);
    if STARTED.swap(true, Ordering::Relaxed) {
        return;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let on_focus = Closure::<dyn Fn(web_sys::Event)>::new(|e: web_sys::Event| {
        let target = e.target().and_then(|t| t.dyn_into::<Element>().ok());
        let around = target.as_ref().and_then(|t| t.closest(AROUND_SELECTOR).ok().flatten());
        AROUND.with(|a| *a.borrow_mut() = around);
        LAST_FOCUSED.with(|last| *last.borrow_mut() = target);
    });
    let _ = document.add_event_listener_with_callback("focusin", on_focus.as_ref().unchecked_ref());
    on_focus.forget();
    // Focus that leaves an element still on the page left on purpose:
    // forget it (checked a moment later, once a removal has happened).
    let on_blur = Closure::<dyn Fn(web_sys::Event)>::new(|e: web_sys::Event| {
        let Some(left) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
        // A task spawned now runs as a microtask, after this event.
        wasm_bindgen_futures::spawn_local(async move {
            if left.is_connected() {
                LAST_FOCUSED.with(|last| {
                    if last.borrow().as_ref() == Some(&left) {
                        *last.borrow_mut() = None;
                    }
                });
            }
        });
    });
    let _ = document.add_event_listener_with_callback("focusout", on_blur.as_ref().unchecked_ref());
    on_blur.forget();
    let on_change = Closure::<dyn Fn()>::new(|| {
        if focus_was_lost() {
            // After the view has settled (a form's own return runs first).
            request_animation_frame(|| {
                if focus_was_lost() {
                    focus_nearby();
                }
            });
        }
    });
    let Ok(observer) = MutationObserver::new(on_change.as_ref().unchecked_ref()) else { return };
    on_change.forget();
    let options = MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    if let Some(body) = document.body() {
        let _ = observer.observe_with_options(&body, &options);
    }
}

/// Whether the focus is on nothing (`<body>`) because the element that had
/// it left the page.
fn focus_was_lost() -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
    let on_body = match (document.active_element(), document.body()) {
        (None, _) => true,
        (Some(active), Some(body)) => active == *body.unchecked_ref::<Element>(),
        (Some(_), None) => false,
    };
    on_body && LAST_FOCUSED.with(|last| last.borrow().as_ref().is_some_and(|e| !e.is_connected()))
}

/// Gives the focus to the first control still in the list item, card or
/// section around the one that left; else to the page's heading, without
/// scrolling the page to it.
fn focus_nearby() {
    let around = AROUND.with(|a| a.borrow().clone()).filter(|a| a.is_connected());
    let near = around.and_then(|a| a.query_selector(CONTROLS).ok().flatten());
    if let Some(el) = near.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        let _ = el.focus();
        return;
    }
    crate::browser::focus_selector_in_place("main h1");
}

/// For a form being opened now: once it closes, if the focus was lost with
/// it, it goes back to the control that opened it (the one focused now, or
/// last), or to one of the same accessible name drawn in its place.
pub fn return_focus_on_close() {
    // The control focused now; or, when the form took its place (as "Add a
    // goal" hides while its form is open), the one focused last.
    let focused = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .filter(|e| e.tag_name() != "BODY");
    let Some(opener) = focused.or_else(|| LAST_FOCUSED.with(|last| last.borrow().clone())) else {
        return;
    };
    let name = accessible_name(&opener);
    let opener = send_wrapper::SendWrapper::new(opener);
    on_cleanup(move || {
        let opener = opener.take();
        request_animation_frame(move || {
            if !focus_was_lost() {
                return;
            }
            let target = if opener.is_connected() { Some(opener) } else { same_name(&name) };
            if let Some(el) = target.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
                let _ = el.focus();
            }
        });
    });
}

/// What a screen reader calls a control: its `aria-label`, else its text.
fn accessible_name(element: &Element) -> String {
    element
        .get_attribute("aria-label")
        .or_else(|| element.text_content())
        .map(|name| name.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// The first control in `<main>` named `name`.
fn same_name(name: &str) -> Option<Element> {
    if name.is_empty() {
        return None;
    }
    let document = web_sys::window()?.document()?;
    let controls = document.query_selector_all("main button, main a[href], main summary").ok()?;
    (0..controls.length())
        .filter_map(|i| controls.item(i)?.dyn_into::<Element>().ok())
        .find(|control| accessible_name(control) == name)
}
