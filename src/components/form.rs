//! A form as a whole: its values and the errors a submit got back
//! ([`Form`]), the submit handler every form uses ([`submitted`]), the state
//! of a form whose action takes a while ([`Working`]), the focus a form
//! takes when it opens (and gives back when it closes), and the summary of
//! errors at its top.

use std::future::Future;
use std::pin::Pin;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::dynamic::dynamic;
use super::field::Binding;
use super::when::When;
use crate::model::validate::FieldError;
use crate::state::{ActionError, ActionResult};

/// A form's submit handler: the browser's own submit (a page load) is
/// stopped and `run` does the work instead. The handler is `Copy`, as the
/// views that draw a form again and again need, and its type is the same
/// for every form: Leptos compiles its event code once, not once a form.
pub fn submitted(run: impl Fn() + 'static) -> impl Fn(SubmitEvent) + Copy + 'static {
    erased(StoredValue::new_local(Box::new(run)))
}

fn erased(run: StoredValue<Box<dyn Fn()>, LocalStorage>) -> impl Fn(SubmitEvent) + Copy + 'static {
    move |ev: SubmitEvent| {
        ev.prevent_default();
        run.with_value(|run| run());
    }
}

/// A form's values, held together in one signal, and the errors its last
/// submit got back. Each control binds one field of the values.
pub struct Form<F: Send + Sync + 'static> {
    values: RwSignal<F>,
    errors: RwSignal<Vec<FieldError>>,
}

impl<F: Send + Sync + 'static> Clone for Form<F> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F: Send + Sync + 'static> Copy for Form<F> {}

impl<F: Clone + Send + Sync + 'static> Form<F> {
    pub fn new(initial: F) -> Form<F> {
        Form { values: RwSignal::new(initial), errors: RwSignal::new(Vec::new()) }
    }

    /// One field of the form, as a control binds it.
    pub fn bind<T: Clone + Send + Sync + 'static>(
        &self,
        field: fn(&mut F) -> &mut T,
    ) -> Binding<T> {
        let values = self.values;
        Binding::live(
            move || values.with(|v| field(&mut v.clone()).clone()),
            move |x| values.update(|v| *field(v) = x),
        )
    }

    /// One field of the form that shows its own error: `key` names it in the
    /// errors a submit gets back.
    pub fn field<T: Clone + Send + Sync + 'static>(
        &self,
        key: &'static str,
        field: fn(&mut F) -> &mut T,
    ) -> Binding<T> {
        self.bind(field).checked(key, self.errors())
    }

    /// The errors to show, by field.
    pub fn errors(&self) -> Signal<Vec<FieldError>> {
        self.errors.into()
    }

    /// Saves the values with `save`; its errors are shown, or cleared when it
    /// succeeds. Returns whether it succeeded.
    pub fn submit(&self, save: impl FnOnce(F) -> ActionResult) -> bool {
        let result = save(self.values.get_untracked());
        self.errors.set(result.as_ref().err().map(|e| e.field_errors()).unwrap_or_default());
        result.is_ok()
    }

    /// The submit handler of a form that only saves its values, with `save`.
    pub fn saved_by(
        self,
        save: impl Fn(F) -> ActionResult + 'static,
    ) -> impl Fn(SubmitEvent) + Copy + 'static {
        submitted(move || {
            self.submit(&save);
        })
    }

    /// The values as they stand (not tracked).
    pub fn values(&self) -> F {
        self.values.get_untracked()
    }

    /// Puts new values in (after a save, to start again).
    pub fn reset(&self, values: F) {
        self.values.set(values);
    }
}

/// The action of a form that takes a while (a key is derived from a
/// passphrase, a file is encrypted), boxed: one copy of the code that runs
/// it serves every such form.
pub type Work = Pin<Box<dyn Future<Output = ActionResult>>>;

/// A form whose action takes a while: busy while it runs (its button says
/// so and waits), then the errors it got back, by field or for no field.
#[derive(Clone, Copy)]
pub struct Working {
    busy: RwSignal<bool>,
    errors: RwSignal<Vec<FieldError>>,
}

impl Working {
    pub fn new() -> Working {
        Working { busy: RwSignal::new(false), errors: RwSignal::new(Vec::new()) }
    }

    pub fn busy(self) -> Signal<bool> {
        self.busy.into()
    }

    pub fn errors(self) -> RwSignal<Vec<FieldError>> {
        self.errors
    }

    /// Starts the work `start` gives, unless some is running already, and
    /// tells `then` whether it succeeded once it is done.
    pub fn run(self, start: impl FnOnce() -> Work, then: impl FnOnce(bool) + 'static) {
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        self.errors.set(Vec::new());
        let work = start();
        leptos::task::spawn_local(async move {
            let result = work.await;
            // The form may be gone: the app reopened on new storage.
            let _ = self.busy.try_set(false);
            let errors = result.as_ref().err().map(ActionError::field_errors);
            let _ = self.errors.try_set(errors.unwrap_or_default());
            then(result.is_ok());
        });
    }
}

impl Default for Working {
    fn default() -> Self {
        Working::new()
    }
}

/// A reference for a form that, once it is on the page, takes keyboard focus
/// on its first control: a form the person just opened (Edit, Move, Add…)
/// is where they want to type. When it closes, the focus goes back to what
/// opened it ([`super::focus::return_focus_on_close`]).
pub fn focus_on_open() -> NodeRef<leptos::html::Form> {
    super::focus::return_focus_on_close();
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        let Some(form) = form.get() else { return };
        let first =
            form.query_selector("input:not([type=hidden]), select, textarea").ok().flatten();
        if let Some(el) = first.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    });
    form
}

/// A summary of errors at the top of a form, for screen readers and for
/// errors that belong to no single field.
#[component]
pub fn ErrorSummary(#[prop(into)] errors: Signal<Vec<FieldError>>) -> impl IntoView {
    view! {
        <When when=move || errors.with(|e| !e.is_empty())>
            <div class="banner banner-error error-summary" role="alert">
                <p>"Please fix the following:"</p>
                <ul>
                    {dynamic(move || {
                        errors
                            .get()
                            .into_iter()
                            .map(|e| view! { <li>{e.message}</li> })
                            .collect_view()
                    })}
                </ul>
            </div>
        </When>
    }
}
