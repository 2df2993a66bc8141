//! A rating from 1 to 5 as radio buttons in a fieldset — "was this session
//! useful?" after a session, each question of a check-in.

use crate::components::dynamic::dynamic_text;
use leptos::prelude::*;

#[component]
pub fn RatingScale(
    /// The radio group's name; each button's id is `{name}-{rating}`.
    #[prop(into)]
    name: String,
    #[prop(into)] legend: Signal<String>,
    /// The rating chosen, 0 for none yet.
    #[prop(into)]
    value: Signal<u8>,
    #[prop(into)] on_pick: Callback<u8>,
    /// What the ends of the scale mean, e.g. "1 = not at all, 5 = very".
    #[prop(optional)]
    scale: Option<&'static str>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    view! {
        <fieldset class="rating-question">
            <legend>{dynamic_text(move || legend.get())}</legend>
            <div class="rating">
                {(1..=5u8)
                    .map(|r| {
                        let id = format!("{name}-{r}");
                        let label_for = id.clone();
                        view! {
                            <label for=label_for class="radio">
                                <input
                                    type="radio"
                                    id=id
                                    name=name.clone()
                                    value=r.to_string()
                                    disabled=disabled
                                    prop:checked=move || value.get() == r
                                    on:change=move |_| on_pick.run(r)
                                />
                                {r.to_string()}
                            </label>
                        }
                    })
                    .collect_view()} {scale.map(|s| view! { <span class="muted">{s}</span> })}
            </div>
        </fieldset>
    }
}
