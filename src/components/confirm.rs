//! Confirming what cannot be undone: an inline panel that says exactly what
//! will be lost and takes keyboard focus ([`Confirm`]), and the button that
//! opens it and gets the focus back when it closes ([`ConfirmButton`]).
//! Escape cancels.

use crate::components::when::When;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn Confirm(
    /// What will happen, in full.
    #[prop(into)]
    message: Signal<String>,
    #[prop(into)] confirm_label: String,
    #[prop(into)] on_confirm: Callback<()>,
    #[prop(into)] on_cancel: Callback<()>,
) -> impl IntoView {
    let first = NodeRef::<html::Button>::new();
    let last = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = first.get() {
            let _ = button.focus();
        }
    });
    // Escape cancels; Tab stays inside the panel while it is open.
    let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            on_cancel.run(());
        }
        "Tab" => {
            let (from, to) = if ev.shift_key() { (first, last) } else { (last, first) };
            let active = document().active_element();
            let at_edge = from.get_untracked().is_some_and(|b| {
                active.as_ref().is_some_and(|a| a == b.unchecked_ref::<web_sys::Element>())
            });
            if at_edge {
                ev.prevent_default();
                if let Some(b) = to.get_untracked() {
                    let _ = b.focus();
                }
            }
        }
        _ => {}
    };
    view! {
        <div
            class="confirm banner banner-warn"
            role="alertdialog"
            aria-labelledby="confirm-message"
            on:keydown=on_key
        >
            <p id="confirm-message">{message}</p>
            <div class="actions-row">
                <button
                    type="button"
                    class="secondary"
                    node_ref=first
                    on:click=move |_| on_cancel.run(())
                >
                    "Cancel"
                </button>
                <button
                    type="button"
                    class="danger"
                    node_ref=last
                    on:click=move |_| on_confirm.run(())
                >
                    {confirm_label}
                </button>
            </div>
        </div>
    }
}

/// A button whose action needs confirming: pressing it opens [`Confirm`] in
/// its place; cancelling (or Escape) closes it and puts the focus back on
/// the button.
#[component]
pub fn ConfirmButton(
    #[prop(into)] label: String,
    /// What will happen, in full.
    #[prop(into)]
    message: Signal<String>,
    #[prop(into)] confirm_label: String,
    #[prop(into)] on_confirm: Callback<()>,
    #[prop(default = "secondary")] class: &'static str,
    /// The opener's name for a screen reader, when its visible label alone
    /// is not unique on the page ("Delete “Draft the plan”").
    #[prop(optional, into)]
    accessible_label: Option<Signal<String>>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let opener = NodeRef::<html::Button>::new();
    let cancel = move |()| {
        open.set(false);
        request_animation_frame(move || {
            if let Some(button) = opener.get_untracked() {
                let _ = button.focus();
            }
        });
    };
    let confirm = move |()| {
        open.set(false);
        on_confirm.run(());
    };
    view! {
        <When
            when=move || open.get()
            fallback=move || {
                view! {
                    <button
                        type="button"
                        class=class
                        node_ref=opener
                        aria-label=move || accessible_label.map(|l| l.get())
                        on:click=move |_| open.set(true)
                    >
                        {label.clone()}
                    </button>
                }
            }
        >
            <Confirm
                message
                confirm_label=confirm_label.clone()
                on_confirm=confirm
                on_cancel=cancel
            />
        </When>
    }
}
