//! [`dynamic`]: a part of a view updated whenever what it reads changes
//! — `{move || …}` in a `view!`, compiled once for the whole app; and
//! [`each_id`], Leptos's keyed `<For>` over a list of records' ids, also
//! compiled once.
//!
//! A reactive closure written straight into a view compiles its own copy of
//! Leptos's rendering code for its closure and view types (about 1.5 KiB of
//! wasm each). Passed through [`dynamic`], the closure is type-erased first,
//! so the app holds one copy, and a use costs little more than its own view.

use std::sync::Arc;

use leptos::prelude::*;
use uuid::Uuid;

/// `{dynamic(move || …)}` where a view would hold `{move || …}`.
pub fn dynamic(view: impl Into<ViewFn>) -> impl IntoView {
    erased(view.into())
}

fn erased(view: ViewFn) -> impl IntoView {
    move || view.run()
}

/// `{each_id(move || ids, |id| view! { <Row id /> }.into_any())}` where a
/// view would hold `<For each=… key=|id| *id let:id>`: a row per id, kept
/// (with its focus and what is typed in it) while the list changes around
/// it. `<For>` compiles its own copy of about 3 KiB for every use.
pub fn each_id(
    ids: impl Fn() -> Vec<Uuid> + Send + Sync + 'static,
    row: impl Fn(Uuid) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    erased_each(Signal::derive(ids), Arc::new(row))
}

fn erased_each(
    ids: Signal<Vec<Uuid>>,
    row: Arc<dyn Fn(Uuid) -> AnyView + Send + Sync>,
) -> impl IntoView {
    view! { <For each=move || ids.get() key=|id| *id children=move |id| row(id) /> }
}

/// `{dynamic_text(move || …)}` for a text that changes, where a view would
/// hold `{move || …}` returning a string (or an optional one: none shows
/// nothing): the closure becomes a derived signal, and one copy of the code
/// shows it.
pub fn dynamic_text<S: Text>(read: impl Fn() -> S + Send + Sync + 'static) -> impl IntoView {
    erased_text(Signal::derive(move || read().into_text()))
}

fn erased_text(text: Signal<String>) -> impl IntoView {
    move || text.get()
}

/// What [`dynamic_text`] shows.
pub trait Text {
    fn into_text(self) -> String;
}

impl Text for String {
    fn into_text(self) -> String {
        self
    }
}

impl Text for &str {
    fn into_text(self) -> String {
        self.to_string()
    }
}

impl<T: Text> Text for Option<T> {
    fn into_text(self) -> String {
        self.map(Text::into_text).unwrap_or_default()
    }
}
