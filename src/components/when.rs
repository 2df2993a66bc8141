//! [`When`]: shows its children while a condition holds, else the fallback.
//!
//! The app's `Show`. Leptos's `Show` is generic over its children's view
//! type, so each of its uses compiled a copy of it into the wasm; `When`
//! takes its children and fallback type-erased, so it is compiled once and
//! a use costs little more than its own view.

use leptos::prelude::*;

#[component]
pub fn When(
    /// Whether the children show; memoised, so they are built again only
    /// when the answer changes (a field inside keeps its focus).
    #[prop(into)]
    when: Signal<bool>,
    /// What shows instead (nothing, unless given).
    #[prop(optional, into)]
    fallback: ViewFn,
    children: ChildrenFn,
) -> impl IntoView {
    let shown = Memo::new(move |_| when.get());
    move || if shown.get() { children() } else { fallback.run() }
}
