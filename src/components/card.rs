//! A card: a section of a page named by its heading (the section is
//! labelled by its `<h2>`, so the two ids can never drift apart).

use leptos::prelude::*;

#[component]
pub fn Card(
    /// The heading's id.
    id: &'static str,
    title: &'static str,
    /// More classes than `card`, e.g. "danger-zone".
    #[prop(optional)]
    class: &'static str,
    children: Children,
) -> impl IntoView {
    let class = if class.is_empty() { "card".to_string() } else { format!("card {class}") };
    view! {
        <section class=class aria-labelledby=id>
            <h2 id=id>{title}</h2>
            {children()}
        </section>
    }
}
