//! The frame of a print view (the agreement, the final summary): a print
//! button and a way back, both left off the paper, around the document — or
//! a plain "nothing to print" when the link names nothing here.

use crate::components::when::When;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use super::button::Button;
use super::page::page_title;
use crate::state::use_store;
use crate::{browser, paths};

/// The mentorship a print view's route names (`/print/…/:id`).
pub fn print_target() -> Memo<Option<Uuid>> {
    let params = use_params_map();
    Memo::new(move |_| {
        params.with(|p| p.get(paths::param::ID)).and_then(|s| Uuid::parse_str(&s).ok())
    })
}

/// Names the tab of a print page after what it prints and whose it is:
/// "Agreement, to print · Priya & Daniel · Tandem".
pub fn print_title(what: &'static str, id: Memo<Option<Uuid>>) {
    let store = use_store();
    page_title(move || {
        let whose = id
            .get()
            .and_then(|id| store.library().with(|lib| lib.get(id).map(|d| d.mentorship.title())));
        match whose {
            Some(whose) => format!("{what}, to print · {whose}"),
            None => format!("{what}, to print"),
        }
    });
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
        <When
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
        </When>
    }
}
