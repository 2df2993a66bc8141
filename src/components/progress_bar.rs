//! A progress bar with its numbers: "3 of 5 done (60%)".

use leptos::prelude::*;

use crate::model::goal::Progress;

#[component]
pub fn ProgressBar(
    progress: Signal<Progress>,
    #[prop(into)] label: Signal<String>,
) -> impl IntoView {
    let text = move || {
        let p = progress.get();
        if p.total == 0 {
            "No milestones or linked action items yet".to_string()
        } else {
            format!("{} of {} done ({}%)", p.done, p.total, p.percent())
        }
    };
    view! {
        <div
            class="progress"
            data-progress=move || format!("{}/{}", progress.get().done, progress.get().total)
        >
            <progress
                max=move || progress.get().total.max(1)
                value=move || progress.get().done
                aria-label=move || label.get()
            ></progress>
            <span class="progress-text">{text}</span>
        </div>
    }
}
