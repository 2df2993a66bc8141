//! Buttons: one that acts on the page (it never submits a form), in the
//! app's main action style or the quieter `secondary` one; and the row of
//! buttons that ends a form.

use leptos::prelude::*;

#[component]
pub fn Button(
    #[prop(into)] on_click: Callback<()>,
    #[prop(optional)] secondary: bool,
    /// Its name for a screen reader, when the visible label alone is not
    /// unique on the page ("Edit “Lead a project”").
    #[prop(optional, into)]
    accessible_label: Option<Signal<String>>,
    children: Children,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class:secondary=secondary
            aria-label=move || accessible_label.map(|l| l.get())
            on:click=move |_| on_click.run(())
        >
            {children()}
        </button>
    }
}

/// The row that ends a form: its submit button and, when the form can be
/// left without saving, "Cancel". While `busy`, the submit button says
/// "Working…" and is marked disabled (`aria-disabled`, so it keeps the
/// keyboard's focus; the form refuses a second submit itself). A `danger`
/// submit is one that cannot be taken back.
#[component]
pub fn FormButtons(
    #[prop(into)] submit: String,
    #[prop(optional, into)] on_cancel: Option<Callback<()>>,
    #[prop(optional, into)] busy: Signal<bool>,
    #[prop(optional)] danger: bool,
) -> impl IntoView {
    let label = move || if busy.get() { "Working…".to_string() } else { submit.clone() };
    view! {
        <div class="actions-row">
            <button
                type="submit"
                class:danger=danger
                aria-disabled=move || busy.get().then_some("true")
            >
                {label}
            </button>
            {on_cancel
                .map(|cancel| {
                    view! {
                        <Button secondary=true on_click=cancel>
                            "Cancel"
                        </Button>
                    }
                })}
        </div>
    }
}
