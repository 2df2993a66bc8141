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
use crate::model::MentorshipDoc;
use crate::state::use_store;
use crate::{browser, paths};

/// Which mentorship a print page is about, and whether it found anything
/// there to print.
#[derive(Clone, Copy)]
pub struct Printed {
    id: Memo<Option<Uuid>>,
    found: Signal<bool>,
}

/// What a print page prints, read by `read` from the mentorship its route
/// names (`/print/…/:id`), with the tab named after it; `None` when the
/// link names nothing here.
pub fn printed<R>(
    what: &'static str,
    read: impl Fn(&MentorshipDoc) -> Option<R> + Send + Sync + 'static,
) -> (Printed, Memo<Option<R>>)
where
    R: PartialEq + Send + Sync + 'static,
{
    let store = use_store();
    let id = print_target();
    print_title(what, id);
    let value = Memo::new(move |_| {
        let id = id.get()?;
        store.library().with(|lib| lib.get(id).and_then(&read))
    });
    (Printed { id, found: Signal::derive(move || value.with(Option::is_some)) }, value)
}

/// The mentorship a print view's route names.
fn print_target() -> Memo<Option<Uuid>> {
    let params = use_params_map();
    Memo::new(move |_| {
        params.with(|p| p.get(paths::param::ID)).and_then(|s| Uuid::parse_str(&s).ok())
    })
}

/// Names the tab of a print page after what it prints and whose it is:
/// "Agreement, to print · Priya & Daniel · Tandem".
fn print_title(what: &'static str, id: Memo<Option<Uuid>>) {
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
    /// What [`printed`] found.
    printed: Printed,
    /// The heading when there is nothing to print, e.g. "No agreement to
    /// print".
    empty_title: &'static str,
    /// Where "back" goes for the mentorship printed, and what it says.
    back: fn(Uuid) -> String,
    back_label: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    view! {
        <When
            when=move || printed.found.get()
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
                <A href=move || back(printed.id.get().unwrap_or_default())>{back_label}</A>
            </div>
            <article class="document print-document">{children()}</article>
        </When>
    }
}
