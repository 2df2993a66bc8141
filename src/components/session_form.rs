//! The form to plan a session, or edit its details: date and time, length,
//! topic, place, video link.

use leptos::prelude::*;

use super::button::Button;
use super::field::{ErrorSummary, TextField};
use crate::model::session_form::SessionForm;
use crate::model::validate::FieldError;
use crate::state::ActionResult;

#[component]
pub fn SessionFormView(
    initial: SessionForm,
    #[prop(into)] submit_label: String,
    /// Whether the date and time can be set here (not when editing details).
    #[prop(default = true)]
    with_time: bool,
    on_submit: impl Fn(SessionForm) -> ActionResult + 'static,
    #[prop(into)] on_cancel: Callback<()>,
) -> impl IntoView {
    let date = RwSignal::new(initial.date);
    let time = RwSignal::new(initial.time);
    let duration = RwSignal::new(initial.duration_minutes);
    let topic = RwSignal::new(initial.topic);
    let place = RwSignal::new(initial.place);
    let link = RwSignal::new(initial.link);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let errs: Signal<Vec<FieldError>> = errors.into();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = SessionForm {
            date: date.get_untracked(),
            time: time.get_untracked(),
            duration_minutes: duration.get_untracked(),
            topic: topic.get_untracked(),
            place: place.get_untracked(),
            link: link.get_untracked(),
        };
        errors.set(on_submit(form).err().map(|e| e.field_errors()).unwrap_or_default());
    };
    view! {
        <form class="card session-form" on:submit=submit novalidate>
            <ErrorSummary errors=errs />
            {with_time
                .then(|| {
                    view! {
                        <div class="grid-2">
                            <TextField
                                id="s-date"
                                label="Date"
                                kind="date"
                                value=date
                                field="date"
                                errors=errs
                                required=true
                            />
                            <TextField
                                id="s-time"
                                label="Start time"
                                kind="time"
                                value=time
                                field="time"
                                errors=errs
                                required=true
                            />
                        </div>
                    }
                })}
            <TextField
                id="s-duration"
                label="Length in minutes"
                kind="number"
                value=duration
                field="duration"
                errors=errs
            />
            <TextField id="s-topic" label="Topic" value=topic field="topic" errors=errs />
            <div class="grid-2">
                <TextField
                    id="s-place"
                    label="Place"
                    value=place
                    field="place"
                    errors=errs
                    hint="Where you meet in person, or “Video call”."
                />
                <TextField
                    id="s-link"
                    label="Video link"
                    kind="url"
                    value=link
                    field="link"
                    errors=errs
                    hint="https://…"
                />
            </div>
            <div class="actions-row">
                <button type="submit">{submit_label}</button>
                <Button secondary=true on_click=on_cancel>
                    "Cancel"
                </Button>
            </div>
        </form>
    }
}
