//! The form to plan a session, or edit its details: date and time, length,
//! topic, place, video link.

use leptos::prelude::*;

use super::button::FormButtons;
use super::field::TextField;
use super::form::{focus_on_open, ErrorSummary, Form};
use crate::model::session_form::SessionForm;
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
    /// Said above the fields: where the values came from, when the app
    /// filled them in.
    #[prop(optional_no_strip)]
    note: Option<String>,
) -> impl IntoView {
    let form = Form::new(initial);
    view! {
        <form
            class="card session-form"
            on:submit=form.saved_by(on_submit)
            novalidate
            node_ref=focus_on_open()
        >
            {note
                .map(|n| {
                    view! {
                        <p class="hint" data-prefilled>
                            {n}
                        </p>
                    }
                })}
            <ErrorSummary errors=form.errors() />
            {with_time
                .then(|| {
                    view! {
                        <div class="grid-2">
                            <TextField
                                id="s-date"
                                label="Date"
                                kind="date"
                                value=form.field("date", |f| &mut f.date)
                                required=true
                            />
                            <TextField
                                id="s-time"
                                label="Start time"
                                kind="time"
                                value=form.field("time", |f| &mut f.time)
                                required=true
                            />
                        </div>
                    }
                })}
            <TextField
                id="s-duration"
                label="Length in minutes"
                kind="number"
                value=form.field("duration", |f| &mut f.duration_minutes)
            />
            <TextField id="s-topic" label="Topic" value=form.field("topic", |f| &mut f.topic) />
            <div class="grid-2">
                <TextField
                    id="s-place"
                    label="Place"
                    value=form.field("place", |f| &mut f.place)
                    hint="Where you meet in person, or “Video call”."
                />
                <TextField
                    id="s-link"
                    label="Video link"
                    kind="url"
                    value=form.field("link", |f| &mut f.link)
                    hint="https://…"
                />
            </div>
            <FormButtons submit=submit_label on_cancel />
        </form>
    }
}
