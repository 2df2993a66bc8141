//! One entry of a details list (`<dl class="details">`): what it is, and
//! its text, or what to show when there is none yet.

use leptos::prelude::*;

/// A `<dt>` and its `<dd>`; an empty `text` shows `missing` instead.
#[component]
pub fn Detail(
    term: &'static str,
    #[prop(into)] text: String,
    #[prop(default = "—")] missing: &'static str,
) -> impl IntoView {
    let text = if text.is_empty() { missing.to_string() } else { text };
    view! {
        <dt>{term}</dt>
        <dd>{text}</dd>
    }
}
