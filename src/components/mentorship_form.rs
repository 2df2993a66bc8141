//! The form to start or edit a mentorship: both names, which of the two uses
//! this device, start date, planned end, focus.

use leptos::prelude::*;

use super::button::Button;
use super::field::{ErrorSummary, RadioGroup, TextArea, TextField};
use crate::model::mentorship::MentorshipForm;
use crate::model::validate::FieldError;
use crate::model::Side;
use crate::state::ActionResult;

#[component]
pub fn MentorshipFormView(
    initial: MentorshipForm,
    #[prop(into)] submit_label: String,
    /// Saves the form; errors come back to be shown.
    on_submit: impl Fn(MentorshipForm) -> ActionResult + 'static,
    #[prop(optional, into)] on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    let mentee = RwSignal::new(initial.mentee);
    let mentor = RwSignal::new(initial.mentor);
    let role = RwSignal::new(initial.my_role);
    let start = RwSignal::new(initial.start_date);
    let end = RwSignal::new(initial.planned_end);
    let focus = RwSignal::new(initial.focus);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = MentorshipForm {
            mentee: mentee.get_untracked(),
            mentor: mentor.get_untracked(),
            my_role: role.get_untracked(),
            start_date: start.get_untracked(),
            planned_end: end.get_untracked(),
            focus: focus.get_untracked(),
        };
        match on_submit(form) {
            Ok(()) => errors.set(Vec::new()),
            Err(e) => errors.set(e.field_errors()),
        }
    };
    let errs: Signal<Vec<FieldError>> = errors.into();
    view! {
        <form class="card" on:submit=submit novalidate>
            <ErrorSummary errors=errs />
            <div class="grid-2">
                <TextField
                    id="m-mentee"
                    label="Mentee's full name"
                    value=mentee
                    field="mentee"
                    errors=errs
                    required=true
                    autocomplete="off"
                />
                <TextField
                    id="m-mentor"
                    label="Mentor's full name"
                    value=mentor
                    field="mentor"
                    errors=errs
                    required=true
                    autocomplete="off"
                />
            </div>
            <RadioGroup
                name="m-role"
                legend="Who uses this device?"
                value=role
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
                    value=start
                    field="start_date"
                    errors=errs
                    required=true
                />
                <TextField
                    id="m-end"
                    label="Planned end"
                    kind="date"
                    value=end
                    field="planned_end"
                    errors=errs
                    hint="Optional; you can agree it in the expectations conversation."
                />
            </div>
            <TextArea
                id="m-focus"
                label="Focus"
                value=focus
                field="focus"
                errors=errs
                rows=3
                hint="What the mentorship is about, in a sentence or two."
            />
            <div class="actions-row">
                <button type="submit">{submit_label}</button>
                {on_cancel
                    .map(|cancel| {
                        view! {
                            <Button secondary=true on_click=cancel>
                                "Cancel"
                            </Button>
                        }
                    })}
            </div>
        </form>
    }
}
