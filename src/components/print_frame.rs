//! The frame of a print view (the agreement, the final summary): a print
//! button and a way back, both left off the paper, around the document — or
//! a plain "nothing to print" when the link names nothing here.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use super::button::Button;
use crate::{browser, paths};

/// The mentorship a print view's route names (`/print/…/:id`).
pub fn print_target() -> Memo<Option<Uuid>> {
    let params = use_params_map();
    Memo::new(move |_| {
        params.with(|p| p.get(paths::param::ID)).and_then(|s| Uuid::parse_str(&s).ok())
    })
}

#[component]
pub fn PrintFrame(
    /// Whether there is a document to print.
    #[prop(into)]
    found: Signal<bool>,
    /// The heading when there is none, e.g. "No agreement to print".
    empty_title: &'static str,
    /// Where "back" goes, and what it says.
    #[prop(into)]
    back: Signal<String>,
    back_label: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    view! {
        <Show
            when=move || found.get()
            fallback=move || {
                view! {
                    <h1>{empty_title}</h1>
                    <p>
                        <A href=paths::HOME>"Back to Tandem"</A>
                    </p>
                }
            }
        >
            <div class="print-controls no-print">
                <Button on_click=move |()| browser::print()>"Print or save as PDF"</Button>
                <A href=move || back.get()>{back_label}</A>
            </div>
            <article class="document print-document">{children()}</article>
        </Show>
    }
}
