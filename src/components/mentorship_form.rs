//! The form to start or edit a mentorship: both names, which of the two uses
//! this device, start date, planned end, focus.

use leptos::prelude::*;

use super::button::FormButtons;
use super::field::{RadioGroup, TextArea, TextField};
use super::form::{focus_on_open, ErrorSummary, Form};
use crate::model::mentorship::MentorshipForm;
use crate::model::Side;
use crate::state::ActionResult;

#[component]
pub fn MentorshipFormView(
    initial: MentorshipForm,
    #[prop(into)] submit_label: String,
    /// Saves the form; errors come back to be shown.
    on_submit: impl Fn(MentorshipForm) -> ActionResult + 'static,
    #[prop(into)] on_cancel: Callback<()>,
) -> impl IntoView {
    let form = Form::new(initial);
    view! {
        <form class="card" on:submit=form.saved_by(on_submit) novalidate node_ref=focus_on_open()>
            <ErrorSummary errors=form.errors() />
            <div class="grid-2">
                {Side::BOTH
                    .map(|side| {
                        view! {
                            <TextField
                                id=format!("m-{}", side.label())
                                label=format!("{}'s full name", side.title())
                                value=form.field(side.label(), MentorshipForm::name_of(side))
                                required=true
                                autocomplete="off"
                            />
                        }
                    })}
            </div>
            <RadioGroup
                name="m-role"
                legend="Who uses this device?"
                value=form.bind(|f| &mut f.my_role)
                options=vec![
                    (Side::Mentee, "I am the mentee".to_string()),
                    (Side::Mentor, "I am the mentor".to_string()),
                ]
            />
            <div class="grid-2">
                <TextField
                    id="m-start"
                    label="Start date"
                    kind="date"
                    value=form.field("start_date", |f| &mut f.start_date)
                    required=true
                />
                <TextField
                    id="m-end"
                    label="Planned end"
                    kind="date"
                    value=form.field("planned_end", |f| &mut f.planned_end)
                    hint="Optional; you can agree it in the expectations conversation."
                />
            </div>
            <TextArea
                id="m-focus"
                label="Focus"
                value=form.field("focus", |f| &mut f.focus)
                rows=3
                hint="What the mentorship is about, in a sentence or two."
            />
            <FormButtons submit=submit_label on_cancel />
        </form>
    }
}
